"""The county's pool of collective construction-land quota: double-entry accounting.

Areas are kept as integers of 0.0001 ha (1 m2) so that sums never drift. Every
movement is checked against the rules before anything is written; a refusal
names the rule and the figures. Entries are never changed: a correction is a
``reverse`` entry that cancels an earlier one. Each entry is hash-chained to the
previous one so that tampering shows; since hash format 2 an entry also covers
the digest of the pool's settings (control total, baseline, policy, village
accounts, protection zones) in force when it was recorded, so changing those
afterwards shows too. The settings change only through an ``accounts`` entry (village accounts added or
their category or planned construction land changed), which is sealed with the new settings and names the
settings it started from (hash format 3), so the chain shows every change. The chain's head ("count:hash",
the anchor) is printed in every report, so a later rewrite of the whole chain can be proved against it.
"""

import datetime as _dt
import hashlib
import json
import math
from dataclasses import dataclass, field

from . import schema
from .codes import read_json, resource_path, village_code
from .errors import VillagePlannerError
from .i18n import N_, tr
from .values import text

UNITS_PER_HA = 10000
KINDS = ("inflow", "allocate", "draw", "return", "transfer", "expire", "reverse")
KIND_LABELS = {
    "inflow": N_("Inflow to the pool"), "allocate": N_("Allocate to a village"),
    "draw": N_("Draw for an approved project"), "return": N_("Return to the pool"),
    "transfer": N_("Transfer between villages"), "expire": N_("Expire back to the pool"),
    "reverse": N_("Reverse an entry"), "accounts": N_("Village accounts added or changed"),
}
# a journal entry that moves no quota: village accounts added, or their category or planned construction land
# changed; it is sealed with the settings after the change (not one of KINDS: it is not a movement)
ACCOUNTS = "accounts"
# every rule a refusal may name (QuotaRefused.rule), as the user reads it; the PostGIS server names the same ids
RULE_LABELS = {
    "kind": N_("known movement"), "area": N_("plausible area"), "date": N_("real date"),
    "document": N_("approval document number"), "author": N_("author"), "village": N_("village account"),
    "source": N_("inflow source"), "reverse": N_("reversal"), "category": N_("allocation by village category"),
    "basic_farmland": N_("no draw on permanent basic farmland"),
    "eco_redline": N_("no draw on the ecological red line"), "geometry": N_("valid draw parcel"),
    "flexible_reserve": N_("flexible reserve"), "balance": N_("no account below zero"),
    "control_total": N_("county control total"), "duplicate": N_("no duplicate movement"),
    "pool": N_("quota pool"), "role": N_("who may record what"), "settings": N_("pool settings"),
    "database": N_("database"),
}


def rule_name(rule):
    """The rule as a message shows it: its translated label with its id in brackets."""
    label = RULE_LABELS.get(rule)
    return tr("{label} ({rule})").format(label=tr(label), rule=rule) if label else rule
POOL = "POOL"
# a draw may not touch these; overlaps up to the tolerance are slivers of digitising, not land taken
PROTECTED_ZONES = {"basic_farmland": N_("permanent basic farmland"), "eco_redline": N_("the ecological red line")}
OVERLAP_TOLERANCE_M2 = 0.01
GENESIS = "0" * 64
_EMPTY_SHA = hashlib.sha256(b"").hexdigest()
_DUMPS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


class QuotaRefused(VillagePlannerError, ValueError):
    """A movement a rule refuses; ``rule`` names the rule."""

    def __init__(self, rule, message):
        super().__init__(message)
        self.rule = rule


class PolicyError(VillagePlannerError, ValueError):
    """The quota policy file cannot be read or lacks what the rules need."""


MAX_AREA_HA = 100_000_000  # larger than any county: a plausibility bound that keeps units in 64 bits
FIRST_YEAR = 1949
YEARS_AHEAD = 5


def to_units(ha):
    return int(round(float(ha) * UNITS_PER_HA))


def area_units(value, what=None):
    """Units of an area given in ha; raises QuotaRefused('area') for what is not a finite, plausible number."""
    what = what or tr("The area")
    try:
        ha = float(value)
    except (TypeError, ValueError):
        raise QuotaRefused("area", tr("{what} '{value}' is not a number of hectares.").format(
            what=what, value=value)) from None
    if not math.isfinite(ha):
        raise QuotaRefused("area", tr("{what} must be a finite number of hectares (given {value}).").format(
            what=what, value=value))
    if abs(ha) > MAX_AREA_HA:
        raise QuotaRefused("area", tr("{what} of {value} ha is implausible (more than {max} ha).").format(
            what=what, value=value, max=MAX_AREA_HA))
    return to_units(ha)


def check_date(text, today=None):
    """The ISO date (YYYY-MM-DD) of ``text``; raises QuotaRefused('date') unless it is a real date from 1949 to a
    few years ahead."""
    text = (text or "").strip()
    try:
        if len(text) != 10 or text[4] != "-" or text[7] != "-":
            raise ValueError(text)
        day = _dt.date.fromisoformat(text)
    except ValueError:
        raise QuotaRefused("date", tr("The date '{date}' is not a real date in the form YYYY-MM-DD.").format(
            date=text)) from None
    today = today or _dt.date.today()
    if not FIRST_YEAR <= day.year <= today.year + YEARS_AHEAD:
        raise QuotaRefused("date", tr("The date {date} is outside {first}-{last}.").format(
            date=text, first=FIRST_YEAR, last=today.year + YEARS_AHEAD))
    return day.isoformat()


def to_ha(units):
    return units / UNITS_PER_HA


def fmt(units):
    return "{:.4f}".format(to_ha(units))


@dataclass
class Entry:
    kind: str
    units: int
    date: str = ""
    document_no: str = ""
    author: str = ""
    project: str = ""
    note: str = ""
    village: str = ""
    to_village: str = ""
    land_use_code: str = ""
    flexible: bool = False
    reverses: int = 0
    source: str = ""
    purpose: str = ""
    geometry_wkb: bytes = b""
    seq: int = 0
    prev_hash: str = ""
    hash: str = ""
    extra: dict = field(default_factory=dict)
    settings: str = ""  # digest of the pool settings in force (hash format 2); empty in format-1 entries
    detail: str = ""  # JSON of an accounts entry: the settings before it and the accounts changed (format 3)

    def payload(self):
        """The fields the hash covers, in a fixed order (format 2 adds the settings digest, format 3 the detail of
        an accounts entry).

        The PostGIS function vp_quota.entry_payload builds the same text: keep them in step.
        """
        geometry = _EMPTY_SHA if not self.geometry_wkb else hashlib.sha256(self.geometry_wkb).hexdigest()
        fields = [self.seq, self.kind, self.units, self.date, self.document_no, self.author, self.project,
                  self.note, self.village, self.to_village, self.land_use_code, bool(self.flexible),
                  self.reverses, self.source, self.purpose, geometry]
        if self.detail:
            return _DUMPS([3] + fields + [self.settings, self.detail])
        if self.settings:
            return _DUMPS([2] + fields + [self.settings])
        return _DUMPS([1] + fields)

    def key(self):
        """What makes two movements the same one for an import: document number, kind, village(s) and area."""
        return (self.document_no.strip(), self.kind, self.village, self.to_village, self.units)

    def details(self):
        """The detail of an accounts entry as a dict ({} for a movement or a detail that is not JSON)."""
        try:
            data = json.loads(self.detail) if self.detail else {}
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    def seal(self, prev_hash):
        self.prev_hash = prev_hash
        self.hash = hashlib.sha256((prev_hash + self.payload()).encode("utf-8")).hexdigest()
        return self.hash


def entry_from(values):
    """A movement from parameter or row values ({kind, area_ha, date, document_no, ...}); raises QuotaRefused
    ('area') for an area that is not a number."""
    return Entry(
        kind=values["kind"], units=area_units(values.get("area_ha") or 0), date=values.get("date") or "",
        document_no=values.get("document_no") or "", author=values.get("author") or "",
        project=values.get("project") or "", note=values.get("note") or "", village=values.get("village") or "",
        to_village=values.get("to_village") or "", land_use_code=values.get("land_use_code") or "",
        flexible=bool(values.get("flexible")), reverses=int(values.get("reverses") or 0),
        source=values.get("source") or "", purpose=values.get("purpose") or "",
        geometry_wkb=values.get("geometry_wkb") or b"")


# the columns of a table of movements to import, with the headers planners write
IMPORT_ALIASES = {
    "movement": ["movement", "kind", "类型", "变动类型"], "area_ha": ["area_ha", "面积", "面积（公顷）", "面积(公顷)"],
    "village": ["village", "village_code", "村代码"], "to_village": ["to_village", "转入村代码"],
    "document_no": ["document_no", "批复文号", "文号"], "date": ["date", "日期"], "project": ["project", "项目"],
    "land_use_code": ["land_use_code", "用地代码"], "flexible": ["flexible", "机动指标"],
    "reverses": ["reverses", "冲销序号"], "author": ["author", "经办人"], "note": ["note", "备注"],
    "source": ["source", "来源"], "purpose": ["purpose", "用途"],
}
IMPORT_REQUIRED = ("movement", "area_ha")


def import_columns(columns):
    """{header: column name} for the headers of a table of movements (Chinese or English, any case)."""
    lookup = {alias.lower(): key for key, names in IMPORT_ALIASES.items() for alias in names}
    return {c: lookup.get(str(c).strip().lower(), c) for c in columns}


def import_entry(row, author="", today=None):
    """The movement of one row of a table of movements (a mapping by IMPORT_ALIASES' names); raises
    QuotaRefused naming the rule when the row cannot be one. ``author`` for a row without one; a row
    without a date is dated ``today``."""
    values = {k: text(row.get(k)) for k in IMPORT_ALIASES}
    values["kind"] = values.pop("movement").lower()
    values["author"] = values["author"] or author
    values["flexible"] = values["flexible"].lower() in ("1", "true", "yes", "是", "y")
    values["village"] = village_code(values["village"]) or values["village"]
    values["to_village"] = village_code(values["to_village"]) or values["to_village"]
    if len(values["date"]) == 19 and values["date"].endswith(" 00:00:00"):  # a date cell of a workbook
        values["date"] = values["date"][:10]
    values["date"] = values["date"] or (today or _dt.date.today()).isoformat()  # as for one movement
    try:
        values["reverses"] = int(float(values["reverses"] or 0))
    except (ValueError, OverflowError):
        raise QuotaRefused("reverse", tr("'{value}' is not a journal number.").format(
            value=values["reverses"])) from None
    entry = entry_from(values)
    if entry.units <= 0:
        raise QuotaRefused("area", tr("The area must be more than 0 ha (given {ha} ha).").format(
            ha=values["area_ha"] or 0))
    entry.date = check_date(entry.date)
    return entry


def deltas(entry, original=None):
    """{account: change in units} of an entry; accounts are POOL, a village code or 'drawn:<code>'."""
    a = entry.units
    k = entry.kind
    if k == "inflow":
        return {POOL: a}
    if k == "allocate":
        return {POOL: -a, entry.village: a}
    if k == "draw":
        d = {entry.village: -a, "drawn:" + entry.village: a}
        if entry.flexible:
            d["flexible:" + entry.village] = a
        return d
    if k in ("return", "expire"):
        return {entry.village: -a, POOL: a}
    if k == "transfer":
        return {entry.village: -a, entry.to_village: a}
    if k == ACCOUNTS:
        return {}
    if k == "reverse":
        if original is None:
            raise ValueError("a reversal needs its original entry")
        return {acc: -v for acc, v in deltas(original).items()}
    raise ValueError(k)


@dataclass
class PoolState:
    """Balances and totals, as the store keeps them up to date."""

    control_total: int
    baseline: int
    balances: dict = field(default_factory=dict)  # account -> units
    reclaimed: int = 0  # inflows that turned construction land back into farmland
    villages: dict = field(default_factory=dict)  # code -> {"category", "planned_units", "town", "name"}

    def balance(self, account):
        return self.balances.get(account, 0)

    @property
    def drawn_total(self):
        return sum(v for k, v in self.balances.items() if k.startswith("drawn:"))

    @property
    def inflow_total(self):
        return self.balance(POOL) + sum(v for k, v in self.balances.items() if ":" not in k and k != POOL) + \
            self.drawn_total

    def construction_after(self):
        return self.baseline + self.drawn_total - self.reclaimed


class Policy:
    def __init__(self, data, path="", content_hash=""):
        self.data = data
        self.path = path
        self.content_hash = content_hash
        if not isinstance(data, dict) or "allocation_by_category" not in data:
            raise PolicyError(tr("Quota policy {path} has no 'allocation_by_category'.").format(path=path))

    @property
    def name(self):
        return self.data.get("name", "")

    @property
    def flexible_ratio(self):
        try:
            return float(self.data.get("flexible_reserve_ratio", 0.05))
        except (TypeError, ValueError):  # a policy stored by an earlier version without validation
            raise PolicyError(tr("Quota policy {path}: flexible_reserve_ratio must be a number from 0 to 1 (given "
                                 "{value}).").format(path=self.path, value=self.data.get("flexible_reserve_ratio"))
                              ) from None

    def source_reduces_construction(self, source):
        info = self.data.get("inflow_sources", {}).get(source)
        return bool(info and info.get("reduces_construction_land"))

    def sources(self):
        return list(self.data.get("inflow_sources", {}))


def _sha(data):
    return hashlib.sha256(data or b"").hexdigest() if data else ""


def settings_digest(pool, villages, protection):
    """SHA-256 of what a pool is: the part of its settings no movement may change without the chain showing it.

    ``pool``: {county_code, control_total_units, baseline_units, crs, policy_json (the stored text)};
    ``villages``: rows (code, name, town, category, planned_units, boundary bytes or None);
    ``protection``: rows (kind, geometry bytes). The PostGIS function vp_quota.settings_digest computes the same.
    """
    text = _DUMPS([
        pool.get("county_code") or "", int(pool.get("control_total_units") or 0), int(pool.get("baseline_units") or 0),
        pool.get("crs") or "", _sha((pool.get("policy_json") or "").encode("utf-8")),
        [[code, name or "", town or "", category or "", int(planned or 0), _sha(bytes(boundary) if boundary else b"")]
         for code, name, town, category, planned, boundary in sorted(villages, key=lambda r: r[0])],
        sorted([kind, _sha(bytes(geometry))] for kind, geometry in protection),
    ])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_policy(path=None):
    """The policy of a file, checked against resources/validation/quota_policy.schema.json (every key, its type
    and the flexible reserve ratio from 0 to 1); raises PolicyError naming the key and the value given."""
    path = path or resource_path("policy", "quota_default.json")
    data, digest = read_json(path, PolicyError, tr("Quota policy file not found: {path}"),
                             tr("Quota policy {path} is not valid UTF-8 JSON: {error}"))
    schema.check(data, "quota_policy.schema.json", PolicyError, tr("Quota policy {path}").format(path=path))
    return Policy(data, path, digest)


def check(entry, state, policy, original=None, overlaps=None):
    """Raise QuotaRefused when a rule refuses the movement; return a list of warnings otherwise.

    ``overlaps``: {"basic_farmland": m2, "eco_redline": m2, "outside_village": m2} for draws.
    """
    _check_record(entry, state, policy)
    if entry.kind == "reverse":
        _check_reversal(entry, original)
    if entry.kind in ("allocate", "transfer"):
        _check_category(entry, state, policy)
    warnings = _check_draw(entry, state, policy, overlaps) if entry.kind == "draw" else []
    _check_totals(entry, state, policy, original)
    return warnings


def _check_record(entry, state, policy):
    """What every movement needs: a known kind, a plausible area, date, document, author and its villages."""
    if entry.kind not in KINDS:
        raise QuotaRefused("kind", tr("Unknown movement '{kind}'.").format(kind=entry.kind))
    if entry.units <= 0:
        raise QuotaRefused("area", tr("The area must be more than 0 ha (given {ha} ha).").format(
            ha=fmt(entry.units)))
    if entry.units > state.control_total:
        raise QuotaRefused("area", tr("An area of {ha} ha is more than the county's whole control total {total} ha; "
                                      "check the unit (ha, not m2).").format(ha=fmt(entry.units),
                                                                              total=fmt(state.control_total)))
    entry.date = check_date(entry.date)
    if not entry.document_no.strip():
        raise QuotaRefused("document", tr("Every movement needs its approval document number."))
    if not entry.author.strip():
        raise QuotaRefused("author", tr("Every movement needs its author."))
    needs_village = entry.kind in ("allocate", "draw", "return", "transfer", "expire")
    for code in ([entry.village] if needs_village else []) + ([entry.to_village] if entry.kind == "transfer" else []):
        if code not in state.villages:
            raise QuotaRefused("village", tr("Village {code} has no account in this pool.").format(code=code))
    if entry.kind == "transfer" and entry.village == entry.to_village:
        raise QuotaRefused("village", tr("A transfer needs two different villages."))
    if entry.kind == "inflow" and entry.source not in policy.sources():
        raise QuotaRefused("source", tr("Unknown inflow source '{source}'; the policy lists {sources}.").format(
            source=entry.source, sources=", ".join(policy.sources())))


def _check_reversal(entry, original):
    if original is None:
        raise QuotaRefused("reverse", tr("Entry {id} to reverse does not exist.").format(id=entry.reverses))
    if original.kind == "reverse":
        raise QuotaRefused("reverse", tr("A reversal cannot itself be reversed; record the movement again."))
    if original.extra.get("reversed"):
        raise QuotaRefused("reverse", tr("Entry {id} is already reversed.").format(id=entry.reverses))
    if entry.units != original.units:
        raise QuotaRefused("reverse", tr("A reversal cancels the whole entry {id} ({ha} ha).").format(
            id=original.seq, ha=fmt(original.units)))


def _check_category(entry, state, policy):
    """Differentiated allocation by village category."""
    target = entry.village if entry.kind == "allocate" else entry.to_village
    category = state.villages[target].get("category") or ""
    rule = policy.data["allocation_by_category"].get(category) if category else \
        policy.data.get("uncategorised_villages", {"allowed": True})
    rule = rule or {"allowed": False}
    if not rule.get("allowed", False):
        raise QuotaRefused("category", tr("Village {code} ({category}) may not receive quota under policy "
                                          "{policy}.").format(code=target, category=category or "-",
                                                              policy=policy.name))
    purposes = rule.get("purposes")
    if purposes and entry.purpose not in purposes:
        raise QuotaRefused("category", tr("Village {code} ({category}) may receive quota only for: {purposes} "
                                          "(this one: '{purpose}').").format(
            code=target, category=category, purposes=", ".join(purposes), purpose=entry.purpose or "-"))


def _check_draw(entry, state, policy, overlaps):
    """Permanent basic farmland, red line, village and flexible reserve; returns the warnings."""
    warnings = []
    verdict = assess_draw(overlaps or {}, entry.village)
    if verdict.refused:
        kind, m2 = verdict.protected[0]
        raise QuotaRefused(kind, tr("The draw overlaps {what} by {m2:.2f} m2; it is refused.").format(
            what=tr(PROTECTED_ZONES[kind]), m2=m2))
    if verdict.outside_m2:
        warnings.append(verdict.outside_warning())
    if entry.flexible:
        planned = state.villages[entry.village].get("planned_units") or 0
        limit = int(planned * policy.flexible_ratio)
        used = state.balance("flexible:" + entry.village)
        if used + entry.units > limit:
            raise QuotaRefused("flexible_reserve", tr(
                "Flexible draws of village {code} would reach {used} ha, over {ratio:.0%} of its planned "
                "construction land {planned} ha (limit {limit} ha).").format(
                code=entry.village, used=fmt(used + entry.units), ratio=policy.flexible_ratio,
                planned=fmt(planned), limit=fmt(limit)))
    return warnings


def _check_totals(entry, state, policy, original):
    """No account below zero; the county's construction land never over the control total."""
    change = deltas(entry, original)  # no account below zero
    for account, delta in change.items():
        after = state.balance(account) + delta
        if after < 0:
            name = tr("the pool") if account == POOL else account
            raise QuotaRefused("balance", tr("The balance of {account} would fall to {after} ha "
                                             "(now {now} ha, movement {delta} ha).").format(
                account=name, after=fmt(after), now=fmt(state.balance(account)), delta=fmt(delta)))
    # the county total is never exceeded
    drawn_after = state.drawn_total + sum(v for k, v in change.items() if k.startswith("drawn:"))
    reclaimed_after = state.reclaimed + reclaimed_delta(entry, policy, original)
    construction = state.baseline + drawn_after - reclaimed_after
    if construction > state.control_total and construction > state.construction_after():
        raise QuotaRefused("control_total", tr(
            "County construction land would reach {after} ha, over the control total {total} ha "
            "(baseline {base} ha, drawn {drawn} ha, reclaimed {rec} ha).").format(
            after=fmt(construction), total=fmt(state.control_total), base=fmt(state.baseline),
            drawn=fmt(drawn_after), rec=fmt(reclaimed_after)))


@dataclass
class DrawCheck:
    """What the rules say about a draw's parcel: the protection zones it overlaps beyond the tolerance (each
    refuses it) and the part outside its village (a warning)."""

    village: str
    overlaps: dict  # {"basic_farmland": m2, "eco_redline": m2, "outside_village": m2}
    protected: list  # [(zone kind, m2)] that refuse the draw
    outside_m2: float  # 0.0 when the parcel lies within its village
    area_m2: float = 0.0  # of the whole parcel

    @property
    def refused(self):
        return bool(self.protected)

    def outside_warning(self):
        return tr("{m2:.2f} m2 of the draw lie outside village {code}.").format(m2=self.outside_m2,
                                                                                code=self.village)


def assess_draw(overlaps, village="", area_m2=0.0):
    """The rules for a draw's parcel applied to its overlap areas (m2), as ``check`` applies them."""
    protected = [(kind, overlaps.get(kind) or 0.0) for kind in PROTECTED_ZONES
                 if (overlaps.get(kind) or 0.0) > OVERLAP_TOLERANCE_M2]
    outside = overlaps.get("outside_village") or 0.0
    return DrawCheck(village, dict(overlaps), protected, outside if outside > OVERLAP_TOLERANCE_M2 else 0.0,
                     area_m2)


def reclaimed_delta(entry, policy, original=None):
    if entry.kind == "inflow" and policy.source_reduces_construction(entry.source):
        return entry.units
    if entry.kind == "reverse" and original is not None:
        return -reclaimed_delta(original, policy)
    return 0


def apply(entry, state, policy, original=None):
    """Update ``state`` in place with an accepted entry."""
    for account, delta in deltas(entry, original).items():
        state.balances[account] = state.balance(account) + delta
    state.reclaimed += reclaimed_delta(entry, policy, original)


def anchor(entries, settings=""):
    """The chain's head as "count:hash": the last entry's hash, or the settings digest of a pool without entries."""
    if entries:
        return "{}:{}".format(len(entries), entries[-1].hash)
    return "0:{}".format(settings)


def parse_anchor(text):
    """(count, hash) of an anchor "count:hash"; raises ValueError naming the expected form."""
    count, sep, digest = (text or "").strip().partition(":")
    digest = digest.strip().lower()
    if not sep or not count.strip().isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef"
                                                                          for c in digest):
        raise ValueError(tr("'{text}' is not an anchor of the form count:hash (e.g. 12:3fa9…, 64 hex digits).").format(
            text=text))
    return int(count), digest


def contains_anchor(entries, count, digest, settings=""):
    """Whether the journal still holds the chain an earlier report printed as "count:hash"."""
    if count == 0:  # the settings as created: those the first sealed entry started from
        first = next((e.details().get("before") if e.kind == ACCOUNTS else e.settings for e in entries
                      if e.settings), None) if entries else settings
        return first == digest
    return len(entries) >= count and entries[count - 1].hash == digest


def duplicates(entries, journal):
    """[(index, seq)] of entries that repeat a movement already in the journal and not reversed (by ``Entry.key``)."""
    reversed_ids = {e.reverses for e in journal if e.kind == "reverse"}
    recorded = {}
    for e in journal:
        if e.kind not in ("reverse", ACCOUNTS) and e.seq not in reversed_ids:
            recorded.setdefault(e.key(), []).append(e.seq)
    out = []
    for i, entry in enumerate(entries):
        seqs = recorded.get(entry.key())
        if entry.kind != "reverse" and seqs:
            out.append((i, seqs.pop(0)))
    return out


def repeats(entries):
    """[(index, earlier index)] of the movements of one batch that repeat an earlier one of the same batch (by
    ``Entry.key``; reversals and missing rows, None, are not compared)."""
    first, out = {}, []
    for i, entry in enumerate(entries):
        if entry is None or entry.kind == "reverse":
            continue
        key = entry.key()
        if key in first:
            out.append((i, first[key]))
        else:
            first[key] = i
    return out


def settings_sealed(entries, digest, in_force=""):
    """Whether the settings were changed only through accounts entries: every other entry is sealed with the
    settings in force when it was recorded, each accounts entry starts from the settings before it, and the
    settings today (``digest``, computed from the rows) are those the last entry left in force (``in_force``: the
    pool's record of them; '' for a pool of an earlier version). Entries of hash format 1 cannot tell."""
    current = None
    for e in entries:
        if not e.settings:
            continue
        if e.kind == ACCOUNTS:
            if current is not None and e.details().get("before") != current:
                return False
            current = e.settings
        elif current is None:
            current = e.settings
        elif e.settings != current:
            return False
    if current is None:
        current = in_force or digest
    return current == digest and (not in_force or in_force == current)


def account_changes(state, accounts, policy, update=True):
    """What adding ``accounts`` to the pool changes: [{action: 'add' | 'update', village_code, ...}].

    ``accounts``: [{village_code, village_name, town, category, planned_ha, boundary_wkb}] (a category of '' or
    None and a planned_ha of None keep the account's). Missing accounts are added; with ``update`` the category
    and planned construction land of the others are changed. A change is refused (QuotaRefused) when a planned
    area is not plausible or when it would leave a village's flexible draws over its reserve (the headroom of
    the reserve would fall below zero). Accounts given twice count once (the first)."""
    changes, seen = [], set()
    for a in accounts:
        code = a["village_code"]
        if code in seen:
            continue
        seen.add(code)
        planned = a.get("planned_ha")
        if planned is not None:
            planned = area_units(planned, tr("The planned construction land of village {code}").format(code=code))
            if planned < 0:
                raise QuotaRefused("area", tr("The planned construction land of village {code} cannot be "
                                              "negative.").format(code=code))
        category = a.get("category") or ""
        current = state.villages.get(code)
        if current is None:
            changes.append({"action": "add", "village_code": code, "village_name": a.get("village_name"),
                            "town": a.get("town"), "category": category, "planned_units": planned or 0,
                            "boundary_wkb": a.get("boundary_wkb")})
            continue
        if not update:
            continue
        new_category = category or current.get("category") or ""
        new_planned = (current.get("planned_units") or 0) if planned is None else planned
        if new_category == (current.get("category") or "") and new_planned == (current.get("planned_units") or 0):
            continue
        used = state.balance("flexible:" + code)
        limit = int(new_planned * policy.flexible_ratio)
        if used > limit:
            raise QuotaRefused("flexible_reserve", tr(
                "Village {code} has drawn {used} ha of flexible reserve; a planned construction land of {planned} ha "
                "would allow only {limit} ha ({ratio:.0%}).").format(
                code=code, used=fmt(used), planned=fmt(new_planned), limit=fmt(limit), ratio=policy.flexible_ratio))
        changes.append({"action": "update", "village_code": code, "category": new_category,
                        "planned_units": new_planned})
    return changes


def verify_chain(entries):
    """(ok, first bad seq or None): every entry's hash follows from the previous one."""
    prev = GENESIS
    sha = hashlib.sha256
    for e in entries:
        expected = sha((prev + e.payload()).encode("utf-8")).hexdigest()
        if e.prev_hash != prev or e.hash != expected:
            return False, e.seq
        prev = e.hash
    return True, None


def replay(entries, state_template, policy):
    """Balances recomputed from the journal alone (for verification)."""
    state = PoolState(state_template.control_total, state_template.baseline, {}, 0, state_template.villages)
    by_seq = {}
    for e in entries:
        original = by_seq.get(e.reverses) if e.kind == "reverse" else None
        apply(e, state, policy, original)
        by_seq[e.seq] = e
    return state


def village_summary(entries, villages):
    """Per village: allocated, transferred in/out, returned, expired, drawn, flexible, balance (units)."""
    rows = {code: {"allocated": 0, "transfer_in": 0, "transfer_out": 0, "returned": 0, "expired": 0, "drawn": 0,
                   "flexible": 0} for code in villages}
    by_seq = {e.seq: e for e in entries}

    def add(e, sign):
        r = rows.setdefault(e.village, {k: 0 for k in ("allocated", "transfer_in", "transfer_out", "returned",
                                                        "expired", "drawn", "flexible")})
        if e.kind == "allocate":
            r["allocated"] += sign * e.units
        elif e.kind == "draw":
            r["drawn"] += sign * e.units
            if e.flexible:
                r["flexible"] += sign * e.units
        elif e.kind == "return":
            r["returned"] += sign * e.units
        elif e.kind == "expire":
            r["expired"] += sign * e.units
        elif e.kind == "transfer":
            r["transfer_out"] += sign * e.units
            t = rows.setdefault(e.to_village, {k: 0 for k in r})
            t["transfer_in"] += sign * e.units

    for e in entries:
        if e.kind == "reverse":
            original = by_seq.get(e.reverses)
            if original is not None and original.kind != "inflow":
                add(original, -1)
        elif e.kind not in ("inflow", ACCOUNTS):
            add(e, 1)
    for r in rows.values():
        r["balance"] = r["allocated"] + r["transfer_in"] - r["transfer_out"] - r["returned"] - r["expired"] - \
            r["drawn"]
    return rows
