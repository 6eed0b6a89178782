"""The "4+2" ledger profile: which survey codes go into which land account.

A profile is a JSON file a county can copy and edit. Every ledger snapshot
records the profile's name and content hash.
"""


from .codes import base_class, normalise_class, read_json, resource_path
from .i18n import tr

LAND_ACCOUNTS = ("cultivated", "ecological", "construction", "other_agricultural", "other")
# a profile written before "other_agricultural" existed still loads: that account is then empty
REQUIRED_ACCOUNTS = ("cultivated", "ecological", "construction", "other")
DEFAULT_PROFILE = ("profiles", "ledger_default.json")


class ProfileError(ValueError):
    pass


class LedgerProfile:
    def __init__(self, data, path="", content_hash=""):
        self.data = data
        self.path = path
        self.content_hash = content_hash
        self._validate()
        accounts = data["land_accounts"]
        self._codes = {}
        self._prefixes = []
        for account in LAND_ACCOUNTS:
            spec = accounts.get(account, {})
            for code in spec.get("codes", []):
                code = normalise_class(code)
                if code in self._codes and self._codes[code] != account:
                    raise ProfileError(
                        tr("Profile {path}: code {code} is listed in both {a} and {b}.").format(
                            path=path, code=code, a=self._codes[code], b=account
                        )
                    )
                self._codes[code] = account
            for prefix in spec.get("prefixes", []):
                self._prefixes.append((normalise_class(prefix), account))
        # longest prefix first, so a more specific prefix wins
        self._prefixes.sort(key=lambda item: -len(item[0]))
        self._cache = {}

    @property
    def name(self):
        return self.data.get("name", "")

    @property
    def suffix(self):
        return self.data.get("restorable_suffix", "K")

    @property
    def field_ridge_code(self):
        return self.data.get("field_ridge_code", "1203")

    @property
    def homestead_codes(self):
        return {normalise_class(c) for c in self.data.get("homestead_codes", ["0702"])}

    @property
    def village_settlement_codes(self):
        return {str(c).strip().upper() for c in self.data["construction_split"]["village"]}

    @property
    def urban_settlement_codes(self):
        return {str(c).strip().upper() for c in self.data["construction_split"]["urban"]}

    @property
    def fallback_account(self):
        return self.data.get("fallback_account", "other")

    @property
    def heritage_keywords(self):
        return self.data.get("heritage_keywords", {})

    def _validate(self):
        where = self.path or tr("(profile)")
        if not isinstance(self.data, dict):
            raise ProfileError(tr("Profile {path} is not a JSON object.").format(path=where))
        accounts = self.data.get("land_accounts")
        if not isinstance(accounts, dict):
            raise ProfileError(tr("Profile {path} has no 'land_accounts' section.").format(path=where))
        for account in REQUIRED_ACCOUNTS:
            if account not in accounts:
                raise ProfileError(
                    tr("Profile {path} has no land account '{account}'.").format(path=where, account=account)
                )
        for account in accounts:
            if account not in LAND_ACCOUNTS and not str(account).startswith("_"):
                raise ProfileError(tr("Profile {path}: unknown land account '{account}' (the accounts are "
                                      "{accounts}).").format(path=where, account=account,
                                                             accounts=", ".join(LAND_ACCOUNTS)))
        split = self.data.get("construction_split")
        if not isinstance(split, dict) or "village" not in split or "urban" not in split:
            raise ProfileError(
                tr("Profile {path} needs 'construction_split' with 'village' and 'urban' lists.").format(path=where)
            )
        if self.data.get("fallback_account", "other") not in LAND_ACCOUNTS:
            raise ProfileError(tr("Profile {path}: unknown fallback_account.").format(path=where))

    def account_of(self, dlbm):
        """(account, known) for a land class code; unknown codes go to the fallback account."""
        code = normalise_class(dlbm)
        hit = self._cache.get(code)
        if hit is not None:
            return hit
        base = base_class(code, self.suffix)
        account = self._codes.get(code) or self._codes.get(base)
        if account is None:
            for prefix, acc in self._prefixes:
                if base.startswith(prefix):
                    account = acc
                    break
        hit = (account, True) if account else (self.fallback_account, False)
        self._cache[code] = hit
        return hit

    def describe(self):
        return {"name": self.name, "hash": self.content_hash, "path": self.path}


def load_profile(path=None):
    """Load a profile file (the default one when ``path`` is empty)."""
    path = path or resource_path(*DEFAULT_PROFILE)
    data, digest = read_json(path, ProfileError, tr("Profile file not found: {path}"),
                             tr("Profile {path} is not valid UTF-8 JSON: {error}"))
    return LedgerProfile(data, path=path, content_hash=digest)
