"""Compare two ledger snapshots per village and item, and flag losses and growth."""

import numpy as np
import pandas as pd

from .i18n import N_, tr

ITEMS = ["total_ha", "cultivated_ha", "field_ridge_ha", "cultivated_in_bnt_ha", "bnt_ha", "restorable_ha",
         "ecological_ha", "eco_redline_ha", "construction_ha", "village_construction_ha", "homestead_ha",
         "other_agricultural_ha", "other_ha", "resident_pop", "households"]
# (item, direction that is flagged, flag label)
FLAGS = [
    ("cultivated_ha", -1, N_("cultivated land decreased")),
    ("bnt_ha", -1, N_("basic farmland decreased")),
    ("construction_ha", 1, N_("construction land grew")),
]
TOLERANCE_HA = 0.0001  # 1 m2


def diff_snapshots(before, after, items=None):
    """One row per village and item: before, after, change, change %, flagged.

    ``before`` and ``after`` are frames indexed by village code (see store.snapshots).
    Returns (rows frame, per-village flags frame).
    """
    items = [i for i in (items or ITEMS) if i in before.columns and i in after.columns]
    codes = sorted(set(before.index) | set(after.index))
    rows = []
    for code in codes:
        for item in items:
            a = before[item].get(code, np.nan) if code in before.index else np.nan
            b = after[item].get(code, np.nan) if code in after.index else np.nan
            a = np.nan if a is None else float(a)
            b = np.nan if b is None else float(b)
            change = b - a if not (np.isnan(a) or np.isnan(b)) else np.nan
            pct = change / a * 100 if (not np.isnan(change) and a) else np.nan
            rows.append({"village_code": code, "item": item, "before": a, "after": b, "change": change,
                         "change_pct": pct})
    table = pd.DataFrame(rows, columns=["village_code", "item", "before", "after", "change", "change_pct"])
    flags = []
    for code in codes:
        reasons = []
        for item, direction, label in FLAGS:
            hit = table[(table.village_code == code) & (table.item == item)]
            if hit.empty:
                continue
            change = hit.iloc[0]["change"]
            if not np.isnan(change) and change * direction > TOLERANCE_HA:
                reasons.append(tr(label) + " ({:+.2f} ha)".format(change))
        name = ""
        for frame in (after, before):
            if code in frame.index and "village_name" in frame.columns and frame.at[code, "village_name"]:
                name = frame.at[code, "village_name"]
                break
        flags.append({"village_code": code, "village_name": name, "flagged": int(bool(reasons)),
                      "reasons": "; ".join(reasons),
                      "in_before": int(code in before.index), "in_after": int(code in after.index)})
    return table, pd.DataFrame(flags)
