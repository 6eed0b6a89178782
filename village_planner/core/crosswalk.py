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


def migration_2020():
    """{2020 code: 2023 code} for the codes that changed."""
    return {r["code_2020"].strip(): r["code_2023"].strip() for r in _read("crosswalk_2020_2023.csv")}


def migrate_code(code, table=None):
    table = table if table is not None else migration_2020()
    text = (code or "").strip()
    return table.get(text, text)
