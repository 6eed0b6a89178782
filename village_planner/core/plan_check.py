"""The pre-submission quality check of a village plan (质检), on plain tables and shapely geometry.

The QGIS adapter reads the layers into :class:`LandUse` and :class:`Zone` objects (planar
geometry in one projected CRS, official and ellipsoidal areas in m2); this module finds
what the bureau's check would refuse. Which rule is an ERROR and which a WARNING, the
tolerances and the code lists are a county-editable file (resources/rules/plan_check.json).
Every finding names its rule, layer, feature and field, and carries the geometry of the
problem (the overlap, the gap, the part outside) so that a planner can zoom to it.
"""

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from .codes import M2_PER_HA, read_json, resource_path
from .errors import VillagePlannerError
from .i18n import current_language, tr
from .issues import ERROR, Finding, FindingList
from .schema import check as check_against_schema

DEFAULT_RULES = ("rules", "plan_check.json")
MAX_PARTS = 50  # gap and outside pieces reported per village


class PlanRulesError(VillagePlannerError, ValueError):
    pass


class PlanRules:
    """The check's rules file: severities, wording, tolerances and code lists."""

    def __init__(self, data, path=""):
        check_against_schema(data, "plan_check.schema.json", PlanRulesError,
                             tr("Quality-check rules {path}").format(path=path or "-"))
        self.data = data
        self.path = path
        self.tol = dict(data["tolerances"])

    def severity(self, rule):
        return self.data["rules"][rule]["severity"]

    def label(self, rule, lang=None):
        info = self.data["rules"][rule]
        return info["zh"] if (lang or current_language()) == "zh" else info["en"]

    @staticmethod
    def _matches(code, prefixes):
        return bool(code) and any(code.startswith(p) for p in prefixes)

    def is_construction(self, code):
        return self._matches(code, self.data["construction_codes"])

    def is_cultivated(self, code):
        return self._matches(code, self.data["cultivated_codes"])

    def is_village_construction(self, code, settlement=""):
        """Village construction land: construction land of a village settlement (CZCSXM 203) when the
        settlement type is known, else the village construction codes (0703 homesteads, 0704 services)."""
        if settlement:
            return self.is_construction(code) and settlement in self.data["village_settlement_codes"]
        return self._matches(code, self.data["village_construction_codes"])


def load_plan_rules(path=None):
    path = path or resource_path(*DEFAULT_RULES)
    data, _ = read_json(path, PlanRulesError, tr("Quality-check rules not found: {path}"),
                        tr("Quality-check rules {path} is not valid UTF-8 JSON: {error}"))
    return PlanRules(data, path)


@dataclass
class LandUse:
    """A land-use layer in 2023 codes, one row per parcel (the adapter fills it)."""

    layer: str  # the layer's name, for messages
    frame: pd.DataFrame  # fid, code, name (or None), area (TBMJ, or NaN), ellipsoid, village, settlement, bsm
    geoms: np.ndarray  # planar shapely geometries, aligned with frame
    fields: dict = field(default_factory=dict)  # {column: the layer's field name} for messages

    def field_name(self, column):
        return self.fields.get(column, column)

    def valid_geoms(self):
        """The geometries repaired where invalid (reported by the self_intersection rule), for overlays."""
        if not hasattr(self, "_valid"):
            geoms = np.asarray(self.geoms, dtype=object)
            present = np.array([g is not None for g in geoms], dtype=bool)
            out = np.empty(len(geoms), dtype=object)
            if present.any():
                fixed = geoms[present]
                bad = ~shapely.is_valid(fixed)
                if bad.any():
                    fixed = fixed.copy()
                    fixed[bad] = shapely.make_valid(fixed[bad])
                out[present] = fixed
            self._valid = out
        return self._valid

    def official_areas(self):
        """TBMJ where given, else the ellipsoidal area (m2)."""
        area = self.frame["area"].astype("float64")
        return area.where(area.notna(), self.frame["ellipsoid"].astype("float64"))


@dataclass
class Zone:
    code: str
    name: str
    fid: object
    geom: object
    control_m2: float


class _Report:
    """Collects the findings of one check run."""

    def __init__(self, rules):
        self.rules = rules
        self.findings = FindingList()

    def add(self, rule, message, layer="", feature_id=None, field_name="", geom=None, **extra):
        wkb = None if geom is None or shapely.is_empty(geom) else shapely.to_wkb(geom)
        self.findings.append(Finding(
            self.rules.severity(rule), "{}: {}".format(self.rules.label(rule), message), layer=layer,
            feature_id=None if feature_id is None else int(feature_id), field=field_name, code=rule,
            extra=dict(extra, wkb=wkb)))


def check_plan(planned, zones, rules, codes2023, current=None, farmland=None, redline=None, boundary=None):
    """Every finding of the quality check. ``zones``: [Zone]; ``farmland``, ``redline`` and ``boundary``:
    one (multi)polygon each in the planar CRS, or None when the layer was not given."""
    report = _Report(rules)
    farmland = Zones(farmland) if farmland is not None else None
    _check_codes(report, planned, codes2023)
    _check_geometry(report, planned)
    _check_overlaps(report, planned)
    members = zone_members(planned, zones)
    _check_zones(report, planned, zones, members)
    _check_areas(report, planned)
    _check_control_lines(report, planned, farmland, redline, boundary)
    if current is not None:
        _check_against_base_year(report, planned, current, zones, members, farmland)
    return report.findings


# -- codes ---------------------------------------------------------------------------------
def _check_codes(report, lu, codes2023):
    frame = lu.frame
    codes = frame["code"].fillna("").astype(str)
    known = codes.isin(list(codes2023)).to_numpy()
    for i in np.flatnonzero(~known):
        fid = frame.at[i, "fid"]
        report.add("code_unknown", tr("code '{code}' of feature {fid} is not in the 2023 land and sea use "
                                      "classification.").format(code=codes.iat[i], fid=fid),
                   lu.layer, fid, lu.field_name("code"), lu.geoms[i])
    if "name" not in frame.columns:
        return
    expected = codes.map(lambda c: codes2023.get(c, {}).get("name_zh", ""))
    names = frame["name"].fillna("").astype(str).str.strip()
    wrong = known & names.ne("").to_numpy() & names.ne(expected).to_numpy()
    for i in np.flatnonzero(wrong):
        fid = frame.at[i, "fid"]
        report.add("code_name", tr("feature {fid} has code {code}, whose name is {expected}, not {name}.").format(
            fid=fid, code=codes.iat[i], expected=expected.iat[i], name=names.iat[i]),
            lu.layer, fid, lu.field_name("name"), lu.geoms[i])


# -- geometry of each parcel ----------------------------------------------------------------
def _check_geometry(report, lu):
    tol = report.rules.tol
    geoms = np.asarray(lu.geoms, dtype=object)
    fids = lu.frame["fid"].to_numpy()
    present = np.array([g is not None for g in geoms], dtype=bool) & ~shapely.is_empty(geoms)
    valid = shapely.is_valid(geoms) | ~present
    for i in np.flatnonzero(~valid):
        report.add("self_intersection", tr("feature {fid}: {reason}").format(
            fid=fids[i], reason=shapely.is_valid_reason(geoms[i])), lu.layer, fids[i], "", geoms[i])
    check = present & valid
    parts = np.where(check, shapely.get_num_geometries(geoms), 0)
    for i in np.flatnonzero(parts > 1):
        report.add("multipart", tr("feature {fid} has {n} parts.").format(fid=fids[i], n=parts[i]),
                   lu.layer, fids[i], "", geoms[i])
    area = np.where(check, shapely.area(geoms), 0.0)
    width = 2 * area / np.maximum(np.where(check, shapely.length(geoms), 0.0), 1e-9)
    for i in np.flatnonzero(check & ((area < tol["sliver_m2"]) | (width < tol["sliver_width_m"]))):
        report.add("sliver", tr("feature {fid}: {area:.2f} m2, about {width:.2f} m wide.").format(
            fid=fids[i], area=area[i], width=width[i]), lu.layer, fids[i], "", geoms[i])


def _check_overlaps(report, lu):
    geoms = np.asarray(lu.geoms, dtype=object).copy()
    present = np.array([g is not None for g in geoms], dtype=bool)
    present[present] &= shapely.is_valid(geoms[present])
    geoms[~present] = None
    idx = np.flatnonzero(present)
    if len(idx) < 2:
        return
    tree = shapely.STRtree(geoms[idx])
    left, right = tree.query(geoms[idx], predicate="intersects")
    keep = left < right
    left, right = idx[left[keep]], idx[right[keep]]
    # neighbours that only share an edge are the rule in a land-use layer: only interiors that meet are overlaps
    inner = ~shapely.touches(geoms[left], geoms[right])
    left, right = left[inner], right[inner]
    if not len(left):
        return
    pieces = shapely.intersection(geoms[left], geoms[right])
    fids = lu.frame["fid"].to_numpy()
    tol = report.rules.tol
    thick = _thick(pieces, tol["overlap_m2"], tol["topology_width_m"])
    for a, b, piece in zip(left[thick], right[thick], pieces[thick]):
        report.add("overlap", tr("features {a} and {b} overlap by {area:.2f} m2.").format(
            a=fids[a], b=fids[b], area=shapely.area(piece)), lu.layer, fids[a], "", piece, other=int(fids[b]))


# -- the village zones ------------------------------------------------------------------------
def zone_members(lu, zones):
    """{zone code: parcel positions}: by the parcel's village code, else by the zone its interior point is in."""
    villages = lu.frame["village"].fillna("").astype(str).to_numpy()
    members = {}
    known = {z.code for z in zones}
    by_code = pd.Series(np.arange(len(villages))).groupby(villages).apply(list).to_dict() if len(villages) else {}
    unplaced = [i for i, v in enumerate(villages) if v not in known]
    for z in zones:
        members[z.code] = list(by_code.get(z.code, []))
    if unplaced:
        points = shapely.point_on_surface(np.array([lu.geoms[i] for i in unplaced], dtype=object))
        for z in zones:
            inside = shapely.contains(z.geom, points)
            members[z.code].extend(int(unplaced[k]) for k in np.flatnonzero(inside))
    return members


def _check_zones(report, lu, zones, members):
    tol = report.rules.tol
    fids = lu.frame["fid"].to_numpy()
    official = lu.official_areas().to_numpy()
    for zone in zones:
        idx = members[zone.code]
        valid = lu.valid_geoms()
        geoms = [valid[i] for i in idx if valid[i] is not None]
        covered = cover(np.array(geoms, dtype=object)) if geoms else None
        gaps = zone.geom if covered is None else shapely.difference(zone.geom, covered)
        for part in _parts(gaps, tol["gap_m2"], tol["topology_width_m"]):
            report.add("gap", tr("village {code}: {area:.2f} m2 of the zone is covered by no parcel.").format(
                code=zone.code, area=shapely.area(part)), lu.layer, None, "", part, village=zone.code)
        if covered is not None:
            for part in _parts(shapely.difference(covered, zone.geom), tol["outside_m2"], tol["topology_width_m"]):
                hit = next((fids[i] for i in idx if lu.geoms[i] is not None and shapely.intersects(lu.geoms[i], part)),
                           None)
                report.add("outside_zone", tr("village {code}: {area:.2f} m2 of parcels lie outside the zone.").format(
                    code=zone.code, area=shapely.area(part)), lu.layer, hit, "", part, village=zone.code)
        total = float(np.nansum(official[idx])) if idx else 0.0
        if zone.control_m2 and abs(total - zone.control_m2) > tol["control_m2"]:
            report.add("area_control", tr("village {code}: the parcels' areas sum to {total:.2f} m2, the control "
                                          "area is {control:.2f} m2 (difference {diff:+.2f} m2).").format(
                code=zone.code, total=total, control=zone.control_m2, diff=total - zone.control_m2),
                lu.layer, None, lu.field_name("area"), zone.geom, village=zone.code)


def cover(geoms):
    """The union of polygons that should not overlap (a village's parcels, a control layer's patches): a
    fast coverage union, and a full union where the coverage union cannot be trusted (they overlap)."""
    try:
        cover = shapely.coverage_union_all(geoms)
        if shapely.is_valid(cover) and abs(shapely.area(cover) - shapely.area(geoms).sum()) <= 1e-6 * max(
                shapely.area(cover), 1.0):
            return cover
    except shapely.errors.GEOSException:
        pass
    return shapely.union_all(geoms)


def _thick(pieces, min_area, min_width):
    """Which pieces are big enough to be a real gap, overlap or part outside, not a rounding sliver."""
    area = shapely.area(pieces)
    return (area > min_area) & (2 * area / np.maximum(shapely.length(pieces), 1e-12) > min_width)


def _parts(geom, min_area, min_width=0.0):
    if geom is None or shapely.is_empty(geom):
        return []
    parts = np.asarray(shapely.get_parts(geom), dtype=object)
    parts = parts[_thick(parts, min_area, min_width)] if len(parts) else parts
    return sorted(parts, key=shapely.area, reverse=True)[:MAX_PARTS]


# -- areas --------------------------------------------------------------------------------------
def _check_areas(report, lu):
    tol = report.rules.tol
    frame = lu.frame
    area = frame["area"].astype("float64")
    ellipsoid = frame["ellipsoid"].astype("float64")
    diff = (area - ellipsoid).abs()
    bad = area.notna() & ellipsoid.notna() & (diff > np.maximum(tol["tbmj_m2"], tol["tbmj_ratio"] * ellipsoid))
    for i in np.flatnonzero(bad.to_numpy()):
        report.add("area_ellipsoid", tr("feature {fid}: {field} is {area:.2f} m2, its ellipsoidal area is "
                                        "{ellipsoid:.2f} m2.").format(
            fid=frame.at[i, "fid"], field=lu.field_name("area"), area=area.iat[i], ellipsoid=ellipsoid.iat[i]),
            lu.layer, frame.at[i, "fid"], lu.field_name("area"), lu.geoms[i])


# -- control lines ---------------------------------------------------------------------------------
class Zones:
    """A control layer (basic farmland, red line, construction boundary) split into its parts with a spatial
    index, so that each parcel is overlaid only with the parts it touches, never with a county-wide union."""

    def __init__(self, geom):
        parts = [p for p in shapely.get_parts(geom) if not shapely.is_empty(p)] if geom is not None else []
        self.parts = np.array(parts, dtype=object)
        self.tree = shapely.STRtree(self.parts) if len(parts) else None

    def inside_areas(self, geoms):
        """Planar area of each geometry inside the zones (0 where none; parts are taken not to overlap).

        The parcels go into the index and the zone parts query it, so that each (large) part is prepared
        once: a parcel wholly inside a part counts whole, and only parcels across a part's edge are cut."""
        geoms = np.asarray(geoms, dtype=object)
        out = np.zeros(len(geoms))
        present = np.flatnonzero(np.array([g is not None for g in geoms], dtype=bool))
        if not len(self.parts) or not len(present):
            return out
        tree = shapely.STRtree(geoms[present])
        found = []
        # a part holding a parcel whole, a part inside a parcel, a part across a parcel's edge (touching
        # parcels, the rule along a zone's edge, are never cut)
        for predicate in ("contains", "within", "overlaps"):
            part_idx, hit = tree.query(self.parts, predicate=predicate)
            if not len(hit):
                continue
            if predicate == "contains":
                areas = shapely.area(geoms[present][hit])
            elif predicate == "within":
                areas = shapely.area(self.parts[part_idx])
            else:
                areas = shapely.area(shapely.intersection(geoms[present][hit], self.parts[part_idx]))
            found.append((hit, areas))
        for hit, areas in found:
            np.add.at(out, present[hit], areas)
        return out

    def piece(self, geom, inside=True):
        """The part of one geometry inside (or outside) the zones, for the finding's location."""
        hits = self.tree.query(geom, predicate="intersects") if self.tree is not None else []
        local = shapely.union_all(self.parts[hits]) if len(hits) else None
        if inside:
            return shapely.intersection(geom, local) if local is not None else None
        return shapely.difference(geom, local) if local is not None else geom


def _check_control_lines(report, lu, farmland, redline, boundary):
    rules, tol = report.rules, report.rules.tol["control_line_m2"]
    frame = lu.frame
    construction = np.array([rules.is_construction(c) for c in frame["code"]], dtype=bool)
    village = np.array([rules.is_village_construction(c, s) for c, s in zip(frame["code"], frame["settlement"])],
                       dtype=bool)
    valid = lu.valid_geoms()
    for rule, zone, mask, inside in (("construction_on_farmland", farmland, construction, True),
                                     ("construction_on_redline", redline, construction, True),
                                     ("village_construction_outside_boundary", boundary, village, False)):
        if zone is None or not mask.any():
            continue
        zones = zone if isinstance(zone, Zones) else Zones(zone)
        idx = np.array([i for i in np.flatnonzero(mask) if valid[i] is not None], dtype=int)
        if not len(idx):
            continue
        geoms = valid[idx]
        within = zones.inside_areas(geoms)
        areas = within if inside else shapely.area(geoms) - within
        for i, geom, area in zip(idx, geoms, areas):
            if area > tol:
                fid = frame.at[i, "fid"]
                report.add(rule, tr("feature {fid} ({code}): {area:.2f} m2.").format(
                    fid=fid, code=frame.at[i, "code"], area=area), lu.layer, fid, lu.field_name("code"),
                    zones.piece(geom, inside))


# -- against the base year ---------------------------------------------------------------------------
def _sums_by_village(lu, zones, members, rules, farmland):
    """{village: {cultivated, cultivated_in_farmland, village_construction}} in m2 (official areas)."""
    official = lu.official_areas().to_numpy()
    codes, settle = lu.frame["code"].to_numpy(), lu.frame["settlement"].to_numpy()
    cult = np.array([rules.is_cultivated(c) for c in codes], dtype=bool)
    vcons = np.array([rules.is_village_construction(c, s) for c, s in zip(codes, settle)], dtype=bool)
    share = np.zeros(len(codes))
    if farmland is not None and cult.any():
        idx = np.flatnonzero(cult)
        geoms = lu.valid_geoms()[idx]
        ok = np.array([g is not None for g in geoms])
        planar = shapely.area(geoms[ok])
        inter = (farmland if isinstance(farmland, Zones) else Zones(farmland)).inside_areas(geoms[ok])
        share[idx[ok]] = np.where(planar > 0, inter / np.where(planar > 0, planar, 1), 0.0)
    out = {}
    for zone in zones:
        idx = np.array(members.get(zone.code, []), dtype=int)
        a = official[idx] if len(idx) else np.zeros(0)
        out[zone.code] = {
            "cultivated": float(np.nansum(np.where(cult[idx], a, 0.0))) if len(idx) else 0.0,
            "cultivated_in_farmland": float(np.nansum(a * share[idx] * cult[idx])) if len(idx) else 0.0,
            "village_construction": float(np.nansum(np.where(vcons[idx], a, 0.0))) if len(idx) else 0.0,
        }
    return out


def _check_against_base_year(report, planned, current, zones, members, farmland):
    rules, tol = report.rules, report.rules.tol["base_year_ha"] * M2_PER_HA  # the tables' precision
    after = _sums_by_village(planned, zones, members, rules, farmland)
    before = _sums_by_village(current, zones, zone_members(current, zones), rules, farmland)
    checks = [("cultivated_decrease", "cultivated", -1), ("village_construction_increase", "village_construction", 1)]
    if farmland is not None:
        checks.append(("farmland_decrease", "cultivated_in_farmland", -1))
    for zone in zones:
        for rule, key, direction in checks:
            change = after[zone.code][key] - before[zone.code][key]
            if change * direction > tol:
                report.add(rule, tr("village {code}: {before:.2f} ha in the base year, {after:.2f} ha planned "
                                    "({change:+.2f} ha).").format(
                    code=zone.code, before=before[zone.code][key] / M2_PER_HA, after=after[zone.code][key] / M2_PER_HA,
                    change=change / M2_PER_HA), planned.layer, None, "", zone.geom, village=zone.code)


# -- the submission database's own structure --------------------------------------------------------
FIELD_KINDS = {"text": ("text",), "long": ("int", "long"), "int": ("int", "long"), "float": ("float",),
               "date": ("date", "datetime"), "bool": ("bool", "int")}


def check_layer_schema(report_rules, layer_def, fields, frame, layer_name):
    """Findings for one layer of the submission database against its definition in the schema file.

    ``fields``: {name: (kind, length)} of the layer as written; ``frame``: its attribute rows (with fid).
    """
    report = _Report(report_rules)
    for spec in layer_def["fields"]:
        name = spec["name"]
        if name not in fields:
            if spec.get("required"):
                report.add("schema_field", tr("layer {layer} has no field {field} ({alias}).").format(
                    layer=layer_name, field=name, alias=spec.get("alias", "")), layer_name, None, name)
            continue
        kind, length = fields[name]
        if kind not in FIELD_KINDS.get(spec["type"], (spec["type"],)) or (
                spec["type"] == "text" and spec.get("length") and length and length > spec["length"]):
            report.add("schema_type", tr("field {field} of layer {layer} is {kind}({length}), the schema wants "
                                         "{want}({wlength}).").format(
                field=name, layer=layer_name, kind=kind, length=length or "", want=spec["type"],
                wlength=spec.get("length", "")), layer_name, None, name)
        if spec.get("required") and name in frame.columns:
            values = frame[name]
            empty = values.isna() | values.astype(str).str.strip().eq("")
            for fid in frame.loc[empty, "fid"].head(MAX_PARTS):
                report.add("schema_empty", tr("feature {fid} of layer {layer} has no {field}.").format(
                    fid=fid, layer=layer_name, field=name), layer_name, fid, name)
    if "BSM" in frame.columns:
        bsm = frame["BSM"].astype(str)
        for value in sorted(set(bsm[bsm.duplicated(keep=False)]))[:MAX_PARTS]:
            ids = frame.loc[bsm == value, "fid"].tolist()
            report.add("bsm_duplicate", tr("BSM {bsm} is used by features {ids}.").format(
                bsm=value, ids=", ".join(str(i) for i in ids)), layer_name, ids[0], "BSM")
    return report.findings


def check_tables(report_rules, tables, expected, layer_name):
    """Findings where a table written into the database disagrees with the layers.

    ``tables`` and ``expected``: {(table, village, row): hectares}."""
    report = _Report(report_rules)
    tol = report_rules.tol["table_ha"]
    for key, want in expected.items():
        got = tables.get(key)
        if got is None or abs(float(got) - float(want)) > tol:
            table, village, row = key
            report.add("tables_disagree", tr("table {table}, village {village}, row {row}: {got} ha, the layers "
                                             "give {want:.2f} ha.").format(
                table=table, village=village, row=row, got="-" if got is None else "{:.2f}".format(got),
                want=float(want)), layer_name, None, "")
    return report.findings


def summary(findings):
    """(errors, warnings, {rule: count})."""
    counts = {}
    for f in findings:
        counts[f.code] = counts.get(f.code, 0) + 1
    errors = sum(1 for f in findings if f.severity == ERROR)
    return errors, len(findings) - errors, counts
