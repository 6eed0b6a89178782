"""Survey codes to the 2023 land and sea use classification, and 2020 trial codes to 2023.

Both crosswalks are CSV files in resources/codes that a county can edit. Where a
survey code maps to several planning codes, the parcel gets the most likely code
and is flagged "to be split" with its candidates: nothing is silently guessed.
"""

import csv

from .codes import base_class, resource_path


def _read(name):
    with open(resource_path("codes", name), encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def planning_codes():
    """{code: {name_zh, name_en, color}} of the 2023 classification."""
    return {r["code"]: r for r in _read("planning_codes_2023.csv")}


class SurveyCrosswalk:
    def __init__(self, rows=None, suffix="K"):
        self.suffix = suffix
        self.rules = {}
        for row in rows if rows is not None else _read("crosswalk_survey_2023.csv"):
            key = row["survey_code"].strip().upper()
            self.rules.setdefault(key, []).append({
                "czcsxm": [c.strip().upper() for c in (row.get("czcsxm") or "").split("|") if c.strip()],
                "code": row["planning_code"].strip(),
                "candidates": [c for c in (row.get("candidates") or "").split("|") if c],
                "note": row.get("note") or "",
            })

    def convert(self, dlbm, czcsxm=""):
        """(planning code or None, needs_split, candidates)."""
        base = base_class(dlbm, self.suffix)
        options = self.rules.get(base)
        if not options:
            return None, False, []
        settle = (czcsxm or "").strip().upper()
        chosen = next((o for o in options if o["czcsxm"] and settle in o["czcsxm"]), None) or \
            next((o for o in options if not o["czcsxm"]), options[0])
        return chosen["code"], len(chosen["candidates"]) > 1, list(chosen["candidates"])


def planning_codes_2020():
    """{code: {name_zh, name_en}} of the 2020 trial edition (only to tell the editions apart)."""
    return {r["code"]: r for r in _read("planning_codes_2020.csv")}


def migration_2020_rules(rows=None):
    """{2020 code: {code, candidates, note}} for the codes whose code or name changed in 2023.

    A row with several candidates (2020 1311 main canals: 1705 or 1311) is flagged "to be split".
    """
    rules = {}
    for r in rows if rows is not None else _read("crosswalk_2020_2023.csv"):
        rules[r["code_2020"].strip()] = {
            "code": r["code_2023"].strip(),
            "candidates": [c.strip() for c in (r.get("candidates") or "").split("|") if c.strip()],
            "note": r.get("note") or "",
        }
    return rules


def migration_2020():
    """{2020 code: 2023 code} for the codes that changed."""
    return {code: rule["code"] for code, rule in migration_2020_rules().items()}


def migrate_code(code, table=None):
    table = table if table is not None else migration_2020()
    text = (code or "").strip()
    return table.get(text, text)


def migrate(code, rules=None):
    """(2023 code, needs_split, candidates) of a 2020 code; one step, never chained."""
    rules = rules if rules is not None else migration_2020_rules()
    text = (code or "").strip()
    rule = rules.get(text)
    if rule is None:
        return text, False, []
    return rule["code"], len(rule["candidates"]) > 1, list(rule["candidates"])


EDITIONS = ("2020", "2023")


def edition_evidence(counts, codes_2020=None, codes_2023=None):
    """What a layer's codes and names say about the edition it is coded in.

    ``counts`` is {(code, name): features}, name "" where the layer has no name field.
    Returns {"2020": {"code": {...}, "name": {...}}, "2023": {...}}: under "code" the codes that
    exist only in that edition ({code: features}), under "name" the (code, name) pairs whose
    name is that edition's name of the code and not the other's ({(code, name): features}).
    """
    codes_2020 = codes_2020 if codes_2020 is not None else planning_codes_2020()
    codes_2023 = codes_2023 if codes_2023 is not None else planning_codes()
    editions = {"2020": codes_2020, "2023": codes_2023}
    out = {e: {"code": {}, "name": {}} for e in EDITIONS}
    for (code, name), n in counts.items():
        code = (code or "").strip()
        name = (name or "").strip()
        if not code:
            continue
        for edition, other in (("2020", "2023"), ("2023", "2020")):
            mine, theirs = editions[edition].get(code), editions[other].get(code)
            if mine is not None and theirs is None:
                out[edition]["code"][code] = out[edition]["code"].get(code, 0) + n
            elif mine is not None and name and name == mine["name_zh"].strip() \
                    and name != theirs["name_zh"].strip():
                out[edition]["name"][(code, name)] = out[edition]["name"].get((code, name), 0) + n
    return out
