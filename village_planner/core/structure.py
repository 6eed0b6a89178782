"""The land-use structure adjustment table (国土空间功能结构调整表) of a village.

Rows come from resources/tables/structure_rows.json. Each parcel falls into the
first leaf row that takes it; subtotals add up their children, so the rows always
sum to the village area.
"""

import json

import pandas as pd

from .codes import resource_path


def load_rows(path=None):
    with open(path or resource_path("tables", "structure_rows.json"), encoding="utf-8") as fh:
        return json.load(fh)


def leaf_of(code, is_village, spec):
    code = (code or "").strip()
    for row in spec["rows"]:
        if "children" in row:
            continue
        if any(code.startswith(x) for x in row.get("exclude", [])):
            continue
        if "village" in row and bool(row["village"]) != bool(is_village):
            continue
        if any(code.startswith(p) for p in row["prefixes"]):
            return row["id"]
    return "X"


def _sums(frame, spec):
    """{row id: m2} for a frame with code, is_village, area_m2 (and ridge_m2 counted as 2303)."""
    if frame is None or frame.empty:
        return {}
    cache = {}
    leaves = []
    for code, village in zip(frame["code"].astype(str), frame["is_village"].astype(bool)):
        key = (code, village)
        if key not in cache:
            cache[key] = leaf_of(code, village, spec)
        leaves.append(cache[key])
    sums = pd.Series(frame["area_m2"].to_numpy(dtype=float), index=leaves).groupby(level=0).sum().to_dict()
    if "ridge_m2" in frame.columns:
        sums["23"] = sums.get("23", 0.0) + float(frame["ridge_m2"].fillna(0).sum())
    return sums


def structure_table(base, planned, spec=None):
    """Rows (dicts) with base/target area (ha) and share (%), change, for one village."""
    spec = spec or load_rows()
    rows = {r["id"]: r for r in spec["rows"]}
    b, t = _sums(base, spec), _sums(planned, spec)

    def total(sums, rid):
        row = rows[rid]
        if "children" in row:
            return sum(total(sums, c) for c in row["children"])
        return sums.get(rid, 0.0)

    top = [r["id"] for r in spec["rows"] if r.get("level", 0) == 0]
    base_total = sum(total(b, rid) for rid in top)
    target_total = sum(total(t, rid) for rid in top)
    out = []
    for r in spec["rows"]:
        if r["id"] == "X" and not b.get("X") and not t.get("X"):
            continue
        bh, th = total(b, r["id"]) / 10000, total(t, r["id"]) / 10000
        out.append({"row_id": r["id"], "level": r.get("level", 0), "name_zh": r["zh"], "name_en": r["en"],
                    "base_ha": round(bh, 6), "base_pct": round(bh / base_total * 1e6, 2) if base_total else 0.0,
                    "target_ha": round(th, 6),
                    "target_pct": round(th / target_total * 1e6, 2) if target_total else 0.0,
                    "change_ha": round(th - bh, 6)})
    out.append({"row_id": "TOTAL", "level": 0, "name_zh": "合计", "name_en": "Total",
                "base_ha": round(base_total / 10000, 6), "base_pct": 100.0 if base_total else 0.0,
                "target_ha": round(target_total / 10000, 6), "target_pct": 100.0 if target_total else 0.0,
                "change_ha": round((target_total - base_total) / 10000, 6)})
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
        base, target = values.get(key, (None, None))
        change = None if base is None or target is None else target - base
        out.append({"indicator": key, "name_zh": zh, "name_en": en, "kind": kind, "unit": unit,
                    "base": None if base is None else round(base, 4),
                    "target": None if target is None else round(target, 4),
                    "change": None if change is None else round(change, 4)})
    return out
