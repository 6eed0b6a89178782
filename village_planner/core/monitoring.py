"""Plan monitoring (实施监测): a later year's change survey against the base year, the plan and the quota pool.

Plain arithmetic on pandas and shapely; the QGIS adapter reads the layers.

* The two years' parcels are overlaid (parcels are re-delineated between surveys, so parcel ids
  cannot be compared). A parcel that is the same polygon in both years is one piece; other pairs
  are intersected. A piece takes the share of the later parcel's official area (TBMJ) that its
  planar area is of the parcel, as the ledger does for overlays.
* Slivers of re-delineation (pieces below ``min_area`` m2, or thin pieces whose mean width,
  2 x area / perimeter, is below ``sliver_width`` m) are not change: their area is reported as
  ignored and counted as unchanged land of the later year's class.
* Land accounts (construction, cultivated) come from the ledger profile. New construction is
  covered when it lies inside a draw of the quota pool recorded in the period (reversed draws
  do not count); the rest is unexplained (未批先建). New construction on land the plan keeps
  non-construction is against the plan, except where a flexible-reserve draw (机动指标, which
  takes its place only when a project is approved) covers it.
* The transition matrix (from-class x to-class, survey first-level classes) of the county and of
  each village: its rows sum to the base year's totals and its columns to the later year's, with
  what the overlay cannot match (parcels without a counterpart, share differences) in a row and a
  column of their own.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from .codes import M2_PER_HA, normalise_class, resource_path
from .i18n import N_, tr
from .ledger import village_codes
from .overlay import share_inside

DEFAULT_MIN_AREA_M2 = 1.0
DEFAULT_SLIVER_WIDTH_M = 0.5
FLAG_TOLERANCE_HA = 0.01
# 2023 planning classes that are construction land (first level)
PLANNING_CONSTRUCTION = ("07", "08", "09", "10", "11", "12", "13", "14", "15", "16")
UNMATCHED = "--"

FLAGS = ("new_construction", "construction_removed", "cultivated_lost", "cultivated_gained", "in_basic_farmland",
         "in_red_line", "against_plan", "covered_by_draw", "unexplained")

PIECE_COLUMNS = [
    ("village_code", "text"), ("code_before", "text"), ("code_after", "text"), ("class_before", "text"),
    ("class_after", "text"), ("account_before", "text"), ("account_after", "text"), ("area_m2", "float"),
    ("area_ha", "float"),
    *[(f, "int") for f in FLAGS],
    ("bnt_m2", "float"), ("redline_m2", "float"), ("against_plan_m2", "float"), ("covered_m2", "float"),
    ("unexplained_m2", "float"), ("draw_document", "text"), ("draw_seq", "int"), ("flag", "text"),
    ("base_fid", "int"), ("current_fid", "int"),
]

VILLAGE_COLUMNS = [
    ("village_code", "text"), ("village_name", "text"),
    ("new_construction_ha", "float"), ("construction_removed_ha", "float"), ("net_construction_ha", "float"),
    ("drawn_ha", "float"), ("covered_ha", "float"), ("unexplained_ha", "float"), ("cultivated_lost_ha", "float"),
    ("cultivated_gained_ha", "float"), ("bnt_occupied_ha", "float"), ("redline_occupied_ha", "float"),
    ("against_plan_ha", "float"), ("headroom_ha", "float"), ("ignored_sliver_ha", "float"),
    ("changed_pieces", "int"), ("flagged", "int"), ("reasons", "text"),
]

# the first-level classes of the survey (GB/T 21010-2017; 00 is the wetland group of the third survey)
CLASS_NAMES = {
    "00": N_("Wetland"), "01": N_("Cultivated land"), "02": N_("Garden land"), "03": N_("Forest land"),
    "04": N_("Grassland"), "05": N_("Commercial land"), "06": N_("Industrial and mining land"),
    "07": N_("Residential land"), "08": N_("Public administration and services land"), "09": N_("Special land"),
    "10": N_("Transport land"), "11": N_("Water and water facilities"), "12": N_("Other land"),
    UNMATCHED: N_("No counterpart / difference"),
}

# the main flag of a piece, for styling: the first that applies
FLAG_ORDER = (("unexplained", "unexplained"), ("in_basic_farmland", "basic_farmland"),
              ("in_red_line", "red_line"), ("against_plan", "against_plan"), ("covered_by_draw", "covered"),
              ("new_construction", "new_construction"), ("construction_removed", "construction_removed"),
              ("cultivated_lost", "cultivated_lost"), ("cultivated_gained", "cultivated_gained"))
FLAG_LABELS = {
    "unexplained": N_("Unexplained new construction"), "basic_farmland": N_("On permanent basic farmland"),
    "red_line": N_("In the ecological red line"), "against_plan": N_("Against the plan"),
    "covered": N_("Covered by a draw"), "new_construction": N_("New construction"),
    "construction_removed": N_("Construction removed"), "cultivated_lost": N_("Cultivated land lost"),
    "cultivated_gained": N_("Cultivated land gained"), "change": N_("Other change"),
}
REASONS = {
    "unexplained": N_("unexplained new construction"), "bnt": N_("construction on permanent basic farmland"),
    "redline": N_("construction in the ecological red line"), "against_plan": N_("construction against the plan"),
    "over_drawn": N_("net construction growth above the quota drawn"),
}


@dataclass
class Draw:
    """A draw of the quota pool: journal number, document number, village, hectares, date, flexible, geometry."""

    seq: int
    document_no: str
    village: str
    area_ha: float
    date: str
    flexible: bool = False
    geometry: object = None


@dataclass
class MonitorResult:
    pieces: pd.DataFrame  # the changed pieces (PIECE_COLUMNS)
    piece_geoms: np.ndarray
    villages: pd.DataFrame  # VILLAGE_COLUMNS
    matrix: pd.DataFrame  # county transition matrix, hectares (rows: base-year class, columns: later class)
    village_matrices: dict  # {village code: DataFrame}
    meta: dict = field(default_factory=dict)

    def row(self, code):
        hit = self.villages[self.villages["village_code"] == code]
        return None if hit.empty else hit.iloc[0]


def in_period(date, start="", end=""):
    """Whether an ISO date (YYYY-MM-DD) lies in [start, end]; an empty bound is open."""
    date = (date or "")[:10]
    return (not start or date >= start) and (not end or date <= end)


def select_draws(entries, start="", end=""):
    """The draws of journal ``entries`` (core.quota.Entry) recorded in the period and not reversed."""
    out = []
    for e in entries:
        if e.kind != "draw" or e.extra.get("reversed") or not in_period(e.date, start, end):
            continue
        geom = shapely.from_wkb(e.geometry_wkb) if e.geometry_wkb else None
        out.append(Draw(seq=e.seq, document_no=e.document_no, village=e.village, area_ha=e.units / 10000.0,
                        date=e.date, flexible=bool(e.flexible), geometry=geom))
    return out


_GROUPS = None


def survey_group(code):
    """The first-level survey class of a code ('01', ...; wetland codes '00'); '' when there is none."""
    global _GROUPS
    if _GROUPS is None:
        import csv

        with open(resource_path("codes", "survey_codes.csv"), encoding="utf-8") as fh:
            _GROUPS = {row["code"].strip().upper(): row["group"].strip() for row in csv.DictReader(fh)}
    norm = normalise_class(code)
    if not norm:
        return ""
    base = norm[:-1] if norm.endswith("K") and len(norm) > 4 else norm
    return _GROUPS.get(base) or _GROUPS.get(norm) or base[:2]


def _per_value(values, func):
    codes, uniques = pd.factorize(pd.Series(values, dtype=object).fillna(""), use_na_sentinel=False)
    mapped = np.array([func(u) for u in uniques], dtype=object)
    return mapped[codes] if len(codes) else np.array([], dtype=object)


def _valid(geoms):
    from .overlay import repair

    geoms = np.asarray(geoms, dtype=object)
    missing = shapely.is_missing(geoms)
    geoms = geoms.copy()
    geoms[missing] = shapely.Polygon()
    fixed, _ = repair(geoms)
    return fixed


def _pieces(base_geoms, cur_geoms):
    """(base index, current index, piece geometry, planar area) of every overlapping pair.

    A pair of identical polygons is the piece itself, and neither polygon takes part in another pair
    (in a survey without overlaps its neighbours can only touch it)."""
    tree = shapely.STRtree(cur_geoms)
    bi, cj = tree.query(base_geoms, predicate="intersects")
    same = shapely.equals_exact(base_geoms[bi], cur_geoms[cj], tolerance=0.0)
    base_done = np.zeros(len(base_geoms), dtype=bool)
    cur_done = np.zeros(len(cur_geoms), dtype=bool)
    base_done[bi[same]] = True
    cur_done[cj[same]] = True
    rest = ~same & ~base_done[bi] & ~cur_done[cj]
    rb, rc = bi[rest], cj[rest]
    # neighbours that only share an edge have nothing in common
    keep = ~shapely.touches(base_geoms[rb], cur_geoms[rc])
    rb, rc = rb[keep], rc[keep]
    inter = shapely.intersection(base_geoms[rb], cur_geoms[rc]) if len(rb) else np.array([], dtype=object)
    if len(inter):
        polygonal = np.isin(shapely.get_type_id(inter), (3, 6))
        mixed = ~polygonal & ~shapely.is_empty(inter)
        if mixed.any():  # collections: keep the areal part
            inter = inter.copy()
            for k in np.nonzero(mixed)[0]:
                parts = [p for p in shapely.get_parts(inter[k]) if p.geom_type in ("Polygon", "MultiPolygon")]
                inter[k] = shapely.union_all(parts) if parts else shapely.Polygon()
    area = shapely.area(inter) if len(inter) else np.array([])
    has = area > 0
    sb, sc = bi[same], cj[same]
    return (np.concatenate([sb, rb[has]]), np.concatenate([sc, rc[has]]),
            np.concatenate([base_geoms[sb], inter[has]]), np.concatenate([shapely.area(base_geoms[sb]), area[has]]),
            np.concatenate([np.ones(len(sb), dtype=bool), np.zeros(int(has.sum()), dtype=bool)]))


def _accounts(codes, profile):
    return _per_value(codes, lambda c: profile.account_of(c)[0] if c else "")


def _zone_share(geoms, zones):
    zones = [z for z in (zones if zones is not None else []) if z is not None and not z.is_empty]
    if len(geoms) == 0 or not zones:
        return np.zeros(len(geoms))
    return share_inside(np.asarray(geoms, dtype=object), _valid(list(zones)))


def _covering_draw(geoms, draws):
    """(journal number, document number) of the draw that covers the most of each piece (0, '' for none)."""
    seq = np.zeros(len(geoms), dtype=np.int64)
    doc = np.full(len(geoms), "", dtype=object)
    with_geom = [d for d in draws if d.geometry is not None and not d.geometry.is_empty]
    if not len(geoms) or not with_geom:
        return seq, doc
    dg = _valid([d.geometry for d in with_geom])
    tree = shapely.STRtree(dg)
    pi, di = tree.query(np.asarray(geoms, dtype=object), predicate="intersects")
    if not len(pi):
        return seq, doc
    area = shapely.area(shapely.intersection(np.asarray(geoms, dtype=object)[pi], dg[di]))
    best = {}
    for p, d, a in zip(pi.tolist(), di.tolist(), area.tolist()):
        if a > 0 and a > best.get(p, (None, 0.0))[1]:
            best[p] = (d, a)
    for p, (d, _) in best.items():
        seq[p] = with_geom[d].seq
        doc[p] = with_geom[d].document_no
    return seq, doc


def monitor(base, current, profile, base_geoms, cur_geoms, basic_farmland=None, redline=None, planned=None,
            draws=None, village_names=None, min_area=DEFAULT_MIN_AREA_M2, sliver_width=DEFAULT_SLIVER_WIDTH_M,
            control=None):
    """Compare two surveys. Returns a :class:`MonitorResult`.

    ``base``/``current``: frames with ``fid``, ``zldwdm``, ``land_class``, ``parcel_area`` (TBMJ, m2), in the
    order of ``base_geoms``/``cur_geoms`` (shapely arrays in one planar CRS). ``planned``: (geometries, 2023
    planning codes) or None. ``draws``: [:class:`Draw`] of the period, geometries in the same CRS.
    ``village_names``: {code: name}. ``control``: {"control_total_ha", "baseline_ha"} of the pool, or None.
    """
    draws = list(draws or [])
    base = base.reset_index(drop=True)
    current = current.reset_index(drop=True)
    bg, cg = _valid(base_geoms), _valid(cur_geoms)
    b_area = pd.to_numeric(base["parcel_area"], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
    c_area = pd.to_numeric(current["parcel_area"], errors="coerce").fillna(0.0).to_numpy(dtype="float64")
    b_code = _per_value(base["land_class"], normalise_class)
    c_code = _per_value(current["land_class"], normalise_class)
    b_village = village_codes(base["zldwdm"]).to_numpy(dtype=object) if "zldwdm" in base else None
    c_village = village_codes(current["zldwdm"]).to_numpy(dtype=object) if "zldwdm" in current else None

    pb, pc, geoms, planar, whole = _pieces(bg, cg)
    c_planar = shapely.area(cg)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(c_planar[pc] > 0, planar / c_planar[pc], 0.0)
    official = c_area[pc] * np.clip(share, 0.0, 1.0)
    before, after = b_code[pb], c_code[pc]
    perimeter = shapely.length(geoms)
    with np.errstate(divide="ignore", invalid="ignore"):
        width = np.where(perimeter > 0, 2.0 * planar / perimeter, 0.0)
    sliver = ~whole & ((planar < float(min_area)) | (width < float(sliver_width)))
    changed = (before != after)
    ignored = changed & sliver
    real = changed & ~sliver

    village = c_village[pc] if c_village is not None else np.full(len(pc), None, dtype=object)
    if b_village is not None:
        village = np.where(pd.isna(village), b_village[pb], village)
    village = np.where(pd.isna(village), "UNASSIGNED", village).astype(object)

    # -- the transition matrix: slivers count as unchanged land of their later class ------------
    g_before = _per_value(before, survey_group)
    g_after = _per_value(after, survey_group)
    g_before = np.where(sliver, g_after, g_before)
    matrix, village_matrices = _matrices(
        pd.DataFrame({"village": village, "from": g_before, "to": g_after, "m2": official}),
        base, current, b_code, c_code, b_area, c_area, b_village, c_village)

    idx = np.nonzero(real)[0]
    pieces, rg = _changed_pieces(idx, geoms, {"before": before, "after": after, "class_before": g_before,
                                              "class_after": g_after, "village": village, "official": official},
                                 profile, basic_farmland, redline, planned, draws, min_area,
                                 base["fid"].to_numpy()[pb[idx]], current["fid"].to_numpy()[pc[idx]])

    villages = _village_table(pieces, village, official, ignored, draws, village_names or {}, control,
                              set(v for v in np.concatenate([village, np.asarray(list(village_names or {}),
                                                                                 dtype=object)])))
    meta = {
        "pieces": int(len(pc)), "changed_pieces": int(len(idx)), "ignored_pieces": int(ignored.sum()),
        "ignored_m2": float(official[ignored].sum()), "draws": len(draws),
        "base_total_m2": float(b_area.sum()), "current_total_m2": float(c_area.sum()),
        "min_area_m2": float(min_area), "sliver_width_m": float(sliver_width),
        "control": dict(control) if control else None,
    }
    return MonitorResult(pieces=pieces, piece_geoms=rg, villages=villages, matrix=matrix,
                         village_matrices=village_matrices, meta=meta)


def _changed_pieces(idx, geoms, p, profile, basic_farmland, redline, planned, draws, min_area, base_fids,
                    current_fids):
    """The changed pieces (positions ``idx`` of the overlay) with their flags and areas, and their geometries.

    ``p``: the overlay's per-piece arrays (codes before and after, classes, village, official m2)."""
    rg = geoms[idx]
    acc_b, acc_a = _accounts(p["before"][idx], profile), _accounts(p["after"][idx], profile)
    area = p["official"][idx]
    new_cons = (acc_a == "construction") & (acc_b != "construction")
    removed = (acc_b == "construction") & (acc_a != "construction")
    lost = (acc_b == "cultivated") & (acc_a != "cultivated")
    gained = (acc_a == "cultivated") & (acc_b != "cultivated")
    cons_idx = np.nonzero(new_cons)[0]
    cg_new = rg[cons_idx]
    zeros = np.zeros(len(idx))

    def on_new(values):
        out = zeros.copy()
        out[cons_idx] = values
        return out

    bnt = on_new(area[cons_idx] * _zone_share(cg_new, basic_farmland))
    red = on_new(area[cons_idx] * _zone_share(cg_new, redline))
    covered_share = on_new(_zone_share(cg_new, [d.geometry for d in draws]))
    flex_share = on_new(_zone_share(cg_new, [d.geometry for d in draws if d.flexible]))
    covered = area * covered_share
    if planned is not None:
        pgeoms, pcodes = planned
        keep = np.array([not normalise_class(c).startswith(PLANNING_CONSTRUCTION) and bool(normalise_class(c))
                         for c in pcodes], dtype=bool)
        non_cons = np.asarray(pgeoms, dtype=object)[keep] if len(keep) else []
        against = on_new(area[cons_idx] * _zone_share(cg_new, non_cons) * (1.0 - flex_share[cons_idx]))
    else:
        against = zeros.copy()
    unexplained = np.where(new_cons, np.clip(area - covered, 0.0, None), 0.0)
    draw_seq, draw_doc = _covering_draw(rg, draws)
    tol = float(min_area)
    flags = {
        "new_construction": new_cons, "construction_removed": removed, "cultivated_lost": lost,
        "cultivated_gained": gained, "in_basic_farmland": bnt > tol, "in_red_line": red > tol,
        "against_plan": against > tol, "covered_by_draw": covered > tol, "unexplained": unexplained > tol,
    }
    main = np.full(len(idx), "change", dtype=object)
    for key, label in reversed(FLAG_ORDER):
        main = np.where(flags[key], label, main)
    pieces = pd.DataFrame({
        "village_code": p["village"][idx], "code_before": p["before"][idx], "code_after": p["after"][idx],
        "class_before": p["class_before"][idx], "class_after": p["class_after"][idx], "account_before": acc_b,
        "account_after": acc_a, "area_m2": np.round(area, 2), "area_ha": np.round(area / M2_PER_HA, 6),
        **{k: v.astype("int64") for k, v in flags.items()},
        "bnt_m2": np.round(bnt, 2), "redline_m2": np.round(red, 2), "against_plan_m2": np.round(against, 2),
        "covered_m2": np.round(covered, 2), "unexplained_m2": np.round(unexplained, 2),
        "draw_document": draw_doc, "draw_seq": draw_seq, "flag": main,
        "base_fid": base_fids, "current_fid": current_fids,
    })

    return pieces, rg


def _totals(codes, area, villages):
    frame = pd.DataFrame({"village": villages, "cls": _per_value(codes, survey_group), "m2": area})
    return frame


def _balanced(cells, row_totals, col_totals):
    """A matrix (m2) of ``cells`` (Series by (from, to)) whose rows sum to ``row_totals`` and columns to
    ``col_totals``: what cannot be matched goes to the UNMATCHED row and column."""
    classes = sorted(set(row_totals.index) | set(col_totals.index) |
                     set(cells.index.get_level_values(0)) | set(cells.index.get_level_values(1)))
    classes = [c for c in classes if c != UNMATCHED] + [UNMATCHED]
    m = cells.unstack(fill_value=0.0).reindex(index=classes, columns=classes, fill_value=0.0).astype("float64")
    rows = row_totals.reindex(classes, fill_value=0.0)
    cols = col_totals.reindex(classes, fill_value=0.0)
    real = classes[:-1]
    m.loc[real, UNMATCHED] = (rows[real] - m.loc[real, real].sum(axis=1)).to_numpy()
    m.loc[UNMATCHED, real] = (cols[real] - m.loc[real, real].sum(axis=0)).to_numpy()
    m.loc[UNMATCHED, UNMATCHED] = 0.0
    return m


def _matrices(pieces, base, current, b_code, c_code, b_area, c_area, b_village, c_village):
    """The county matrix and each village's, in hectares."""
    bv = b_village if b_village is not None else np.full(len(b_code), "UNASSIGNED", dtype=object)
    cv = c_village if c_village is not None else np.full(len(c_code), "UNASSIGNED", dtype=object)
    bt = _totals(b_code, b_area, np.where(pd.isna(bv), "UNASSIGNED", bv))
    ct = _totals(c_code, c_area, np.where(pd.isna(cv), "UNASSIGNED", cv))
    county = _balanced(pieces.groupby(["from", "to"])["m2"].sum(), bt.groupby("cls")["m2"].sum(),
                       ct.groupby("cls")["m2"].sum()) / M2_PER_HA
    per_village = {}
    cells = pieces.groupby(["village", "from", "to"])["m2"].sum()
    rows = bt.groupby(["village", "cls"])["m2"].sum()
    cols = ct.groupby(["village", "cls"])["m2"].sum()
    for code in sorted(set(pieces["village"]) | set(bt["village"]) | set(ct["village"])):
        c = cells[code] if code in cells.index.get_level_values(0) else pd.Series(
            [], index=pd.MultiIndex.from_tuples([], names=["from", "to"]), dtype="float64")
        r = rows[code] if code in rows.index.get_level_values(0) else pd.Series([], dtype="float64")
        k = cols[code] if code in cols.index.get_level_values(0) else pd.Series([], dtype="float64")
        per_village[code] = _balanced(c, r, k) / M2_PER_HA
    return county, per_village


def _village_table(pieces, village, official, ignored, draws, names, control, codes):
    codes = sorted(c for c in codes if c is not None and c == c)
    t = pd.DataFrame(index=pd.Index(codes, name="village_code"))
    p = pieces

    def sum_where(mask, column="area_m2"):
        return p.loc[mask].groupby("village_code")[column].sum().reindex(t.index, fill_value=0.0) / M2_PER_HA

    t["village_name"] = [names.get(c, "") for c in codes]
    t["new_construction_ha"] = sum_where(p["new_construction"] == 1)
    t["construction_removed_ha"] = sum_where(p["construction_removed"] == 1)
    t["net_construction_ha"] = t["new_construction_ha"] - t["construction_removed_ha"]
    drawn = pd.Series([d.area_ha for d in draws], index=[d.village for d in draws], dtype="float64")
    t["drawn_ha"] = drawn.groupby(level=0).sum().reindex(t.index, fill_value=0.0) if len(drawn) else 0.0
    t["covered_ha"] = sum_where(p["new_construction"] == 1, "covered_m2")
    t["unexplained_ha"] = sum_where(p["new_construction"] == 1, "unexplained_m2")
    t["cultivated_lost_ha"] = sum_where(p["cultivated_lost"] == 1)
    t["cultivated_gained_ha"] = sum_where(p["cultivated_gained"] == 1)
    t["bnt_occupied_ha"] = sum_where(p["new_construction"] == 1, "bnt_m2")
    t["redline_occupied_ha"] = sum_where(p["new_construction"] == 1, "redline_m2")
    t["against_plan_ha"] = sum_where(p["new_construction"] == 1, "against_plan_m2")
    if control:
        headroom = float(control["control_total_ha"]) - float(control["baseline_ha"]) - float(
            t["net_construction_ha"].sum())
        t["headroom_ha"] = headroom
    else:
        t["headroom_ha"] = np.nan
    ign = pd.Series(official[ignored], index=village[ignored], dtype="float64")
    t["ignored_sliver_ha"] = (ign.groupby(level=0).sum().reindex(t.index, fill_value=0.0) / M2_PER_HA
                              if len(ign) else 0.0)
    t["changed_pieces"] = p.groupby("village_code").size().reindex(t.index, fill_value=0).astype("int64")
    reasons = []
    for _, r in t.iterrows():
        why = []
        if r["unexplained_ha"] > FLAG_TOLERANCE_HA:
            why.append("unexplained")
        if r["bnt_occupied_ha"] > FLAG_TOLERANCE_HA:
            why.append("bnt")
        if r["redline_occupied_ha"] > FLAG_TOLERANCE_HA:
            why.append("redline")
        if r["against_plan_ha"] > FLAG_TOLERANCE_HA:
            why.append("against_plan")
        if r["net_construction_ha"] > r["drawn_ha"] + FLAG_TOLERANCE_HA:
            why.append("over_drawn")
        reasons.append(why)
    t["flagged"] = [int(bool(w)) for w in reasons]
    t["reasons"] = ["; ".join(tr(REASONS[k]) for k in w) for w in reasons]
    t = t.reset_index()
    for col, kind in VILLAGE_COLUMNS:
        if kind == "float" and col.endswith("_ha"):
            t[col] = t[col].astype("float64").round(6)
    return t[[c for c, _ in VILLAGE_COLUMNS]]


def class_label(code):
    name = CLASS_NAMES.get(code)
    return "{} {}".format(code, tr(name)) if name and code != UNMATCHED else tr(name) if name else code


def summary(result):
    """[(label, value)] of the county figures, for the log, the workbook and the report."""
    v = result.villages
    m = result.meta
    return [
        (tr("Changed pieces"), m["changed_pieces"]),
        (tr("New construction (ha)"), round(float(v["new_construction_ha"].sum()), 4)),
        (tr("Construction removed (ha)"), round(float(v["construction_removed_ha"].sum()), 4)),
        (tr("Drawn in the period (ha)"), round(float(v["drawn_ha"].sum()), 4)),
        (tr("Covered by draws (ha)"), round(float(v["covered_ha"].sum()), 4)),
        (tr("Unexplained new construction (ha)"), round(float(v["unexplained_ha"].sum()), 4)),
        (tr("Cultivated land lost (ha)"), round(float(v["cultivated_lost_ha"].sum()), 4)),
        (tr("Cultivated land gained (ha)"), round(float(v["cultivated_gained_ha"].sum()), 4)),
        (tr("Flagged villages"), int(v["flagged"].sum())),
        (tr("Slivers ignored (pieces)"), m["ignored_pieces"]),
        (tr("Slivers ignored (ha)"), round(m["ignored_m2"] / M2_PER_HA, 4)),
    ]
