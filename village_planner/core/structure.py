"""The land-use structure adjustment table (国土空间功能结构调整表) of a village.

Rows come from resources/tables/structure_rows.json. Each parcel falls into the
first leaf row that takes it, by its code and its settlement kind (urban, village or
other, from CZCSXM); subtotals add up their children, so the rows always sum to the
village area.
"""

import json

import pandas as pd

from .balance import balance_tree, round_half_up, units
from .codes import M2_PER_HA, resource_path

URBAN, VILLAGE, OTHER = "urban", "village", "other"
SETTLEMENTS = (URBAN, VILLAGE, OTHER)


def load_rows(path=None):
    with open(path or resource_path("tables", "structure_rows.json"), encoding="utf-8") as fh:
        return json.load(fh)


def _codes(spec, key, default):
    return {str(c).strip().upper() for c in spec.get(key, default)}


def settlement_codes(spec):
    """(urban CZCSXM codes, village CZCSXM codes) of a row spec."""
    return (_codes(spec, "urban_settlement_codes", ["201", "201A", "202", "202A"]),
            _codes(spec, "village_settlement_codes", ["203", "203A"]))


def settlement_of(czcsxm, spec):
    """'urban', 'village' or 'other' for a settlement type code (CZCSXM)."""
    urban, village = settlement_codes(spec)
    text = "" if czcsxm is None else str(czcsxm).strip().upper()
    if text in village:
        return VILLAGE
    if text in urban:
        return URBAN
    return OTHER


def _row_settlements(row):
    if "settlement" in row:
        return set(row["settlement"])
    if "village" in row:  # files written before the three-way split: true = village, false = not village
        return {VILLAGE} if row["village"] else {URBAN, OTHER}
    return None


def _settlement(value):
    if isinstance(value, str):
        return value
    return VILLAGE if value else OTHER  # a plain "inside village construction land" flag


def leaf_of(code, settlement, spec):
    """The leaf row of a code in a settlement kind ('urban', 'village' or 'other'; True means 'village')."""
    code = (code or "").strip()
    settlement = _settlement(settlement)
    for row in spec["rows"]:
        if "children" in row:
            continue
        if any(code.startswith(x) for x in row.get("exclude", [])):
            continue
        kinds = _row_settlements(row)
        if kinds is not None and settlement not in kinds:
            continue
        if any(code.startswith(p) for p in row["prefixes"]):
            return row["id"]
    return "X"


def _sums(frame, spec):
    """{row id: m2} for a frame with code, settlement (or is_village), area_m2 (and ridge_m2 counted as 2303)."""
    if frame is None or frame.empty:
        return {}
    if "settlement" in frame.columns:
        kinds = frame["settlement"].astype(str)
    else:
        kinds = frame["is_village"].astype(bool).map(_settlement)
    cache = {}
    leaves = []
    for code, kind in zip(frame["code"].astype(str), kinds):
        key = (code, kind)
        if key not in cache:
            cache[key] = leaf_of(code, kind, spec)
        leaves.append(cache[key])
    sums = pd.Series(frame["area_m2"].to_numpy(dtype=float), index=leaves).groupby(level=0).sum().to_dict()
    if "ridge_m2" in frame.columns:
        sums["23"] = sums.get("23", 0.0) + float(frame["ridge_m2"].fillna(0).sum())
    return sums


def structure_table(base, planned, spec=None):
    """Rows (dicts) with base/target area (ha) and share (%), change, for one village.

    Every figure is stored rounded to two decimals (largest-remainder rounding, see
    core.balance): the top rows add up exactly to the total, each subtotal to its children,
    the total is the rounded official total (the sum of the parcels' areas), the shares add
    up to 100.00 the same way, and the change is target minus base of the rounded figures.
    """
    spec = spec or load_rows()
    rows = {r["id"]: r for r in spec["rows"]}
    children = {r["id"]: list(r["children"]) for r in spec["rows"] if r.get("children")}
    top = [r["id"] for r in spec["rows"] if r.get("level", 0) == 0]
    b, t = _sums(base, spec), _sums(planned, spec)

    def total(sums, rid):
        row = rows[rid]
        if "children" in row:
            return sum(total(sums, c) for c in row["children"])
        return sums.get(rid, 0.0)

    def balanced(sums):
        leaves = {rid: sums.get(rid, 0.0) / M2_PER_HA for rid in rows if rid not in children}
        area_total = sum(total(sums, rid) for rid in top)
        areas, rounded_total = balance_tree(leaves, children, top, total=area_total / M2_PER_HA)
        if not area_total:
            return areas, rounded_total, {rid: 0.0 for rid in rows}
        shares = {rid: v / area_total * 100.0 for rid, v in ((r, sums.get(r, 0.0)) for r in leaves)}
        pct, _ = balance_tree(shares, children, top, total=100.0)
        return areas, rounded_total, pct

    base_ha, base_total, base_pct = balanced(b)
    target_ha, target_total, target_pct = balanced(t)

    def change(new, old):
        return (units(new) - units(old)) / 100 + 0.0  # + 0.0: no "-0"

    out = []
    for r in spec["rows"]:
        rid = r["id"]
        if (r.get("hide_empty") or rid == "X") and not total(b, rid) and not total(t, rid):
            continue
        out.append({"row_id": rid, "level": r.get("level", 0), "name_zh": r["zh"], "name_en": r["en"],
                    "base_ha": base_ha[rid], "base_pct": base_pct[rid], "target_ha": target_ha[rid],
                    "target_pct": target_pct[rid], "change_ha": change(target_ha[rid], base_ha[rid])})
    out.append({"row_id": "TOTAL", "level": 0, "name_zh": "合计", "name_en": "Total",
                "base_ha": base_total, "base_pct": 100.0 if base_total else 0.0,
                "target_ha": target_total, "target_pct": 100.0 if target_total else 0.0,
                "change_ha": change(target_total, base_total)})
    return out


INDICATORS = [
    # (id, zh, en, kind, unit)
    ("redline", "生态保护红线面积", "Ecological red line area", "binding", "ha"),
    ("bnt", "永久基本农田保护面积", "Permanent basic farmland", "binding", "ha"),
    ("cultivated", "耕地保有量", "Cultivated land to keep", "binding", "ha"),
    ("village_construction", "村庄建设用地规模", "Village construction land", "binding", "ha"),
    ("construction", "建设用地总规模", "Construction land in all", "expected", "ha"),
    ("registered_pop", "户籍人口", "Registered population", "expected", "persons"),
    ("resident_pop", "常住人口", "Resident population", "expected", "persons"),
    ("per_resident", "人均村庄建设用地", "Village construction land per resident", "expected", "m2/person"),
]


def indicator_table(structure_rows, ledger_row=None):
    """Planning indicators of one village from its structure table and (optionally) its ledger row."""
    s = {r["row_id"]: r for r in structure_rows}
    led = ledger_row or {}

    def num(key):
        v = led.get(key)
        try:
            v = float(v)
        except (TypeError, ValueError):
            return None
        return None if v != v else v

    pop = num("resident_pop")
    values = {
        "redline": (num("eco_redline_ha"), num("eco_redline_ha")),
        "bnt": (num("bnt_ha"), num("bnt_ha")),
        "cultivated": (s["01"]["base_ha"], s["01"]["target_ha"]) if "01" in s else (None, None),
        "village_construction": (s["C12"]["base_ha"], s["C12"]["target_ha"]) if "C12" in s else (None, None),
        "construction": (s["C"]["base_ha"], s["C"]["target_ha"]) if "C" in s else (None, None),
        "registered_pop": (num("registered_pop"), num("registered_pop")),
        "resident_pop": (pop, pop),
    }
    vc = values["village_construction"]
    values["per_resident"] = tuple(None if (v is None or not pop) else v * 10000 / pop for v in vc)
    out = []
    for key, zh, en, kind, unit in INDICATORS:
        base, target = (None if v is None else round_half_up(v) for v in values.get(key, (None, None)))
        # stored at two decimals; the change is that of the figures shown
        change = None if base is None or target is None else (units(target) - units(base)) / 100 + 0.0
        out.append({"indicator": key, "name_zh": zh, "name_en": en, "kind": kind, "unit": unit,
                    "base": base, "target": target, "change": change})
    return out
