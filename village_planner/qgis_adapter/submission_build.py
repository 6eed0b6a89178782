"""Building one village's submission database and checking what was written.

For each village: the village zone (XZQ), the planned and base-year land use (GHYD, JQYD)
with their areas balanced to the control area (平差, core.balance), the control lines clipped
to the village, the structure and indicator tables, and a metadata table with the check's
verdict. The database is then read back and checked as the bureau would (core.plan_check),
and the report is written next to it. A database with errors is still written, marked not
ready (in its metadata table, its report and the algorithm's results).
"""

import datetime as _dt
import os
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import shapely

from ..core.balance import balance_zone
from ..core.issues import ERROR, FindingList
from ..core.plan_check import check_layer_schema, check_plan, check_tables, zone_members
from ..core.plan_report import write_check_html, write_check_workbook
from ..core.structure import indicator_table, settlement_of, structure_table
from ..core.submission import database_name, fill_rows
from .i18n import tr
from .plan_layers import PlanLayerError, read_land_use, subset
from .submission_db import (
    SubmissionWriteError,
    layer_field_kinds,
    layer_rows,
    open_layer,
    remove_database,
    replace_database,
    write_layer,
    written_by_plugin,
)
from .zone_areas import EDGE_TOLERANCE_M

STRUCTURE_FIELDS = [{"name": n, "type": t, "length": ln} for n, t, ln in (
    ("XZQDM", "text", 12), ("HDM", "text", 10), ("JB", "int", 0), ("MC", "text", 60), ("MC_EN", "text", 80),
    ("JQMJ", "float", 0), ("JQBL", "float", 0), ("GHMJ", "float", 0), ("GHBL", "float", 0), ("BHMJ", "float", 0))]
STRUCTURE_KEYS = ("village_code", "row_id", "level", "name_zh", "name_en", "base_ha", "base_pct", "target_ha",
                  "target_pct", "change_ha")
INDICATOR_FIELDS = [{"name": n, "type": t, "length": ln} for n, t, ln in (
    ("XZQDM", "text", 12), ("ZBDM", "text", 30), ("MC", "text", 60), ("MC_EN", "text", 80), ("ZBLX", "text", 10),
    ("DW", "text", 12), ("JQZ", "float", 0), ("GHZ", "float", 0), ("BHZ", "float", 0))]
INDICATOR_KEYS = ("village_code", "indicator", "name_zh", "name_en", "kind", "unit", "base", "target", "change")
META_FIELDS = [{"name": n, "type": "text", "length": ln} for n, ln in (("KEY", 40), ("VALUE", 255))]
META_TABLE = "VP_META"


@dataclass
class BuiltDatabase:
    code: str
    name: str
    path: str
    report: str
    findings: FindingList = field(default_factory=FindingList)

    @property
    def errors(self):
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def ready(self):
        return self.errors == 0


def edge_flags(geoms, zone_geom):
    """Whether each parcel touches the zone's edge, by the rule adjustareas uses (zone_areas.EDGE_TOLERANCE_M)."""
    inner = shapely.buffer(zone_geom, -EDGE_TOLERANCE_M)
    return [g is None or shapely.is_empty(inner) or not shapely.within(g, inner) for g in geoms]


def balanced_areas(key, zone, areas, geoms, tolerance_m2):
    """Areas (m2, two decimals) balanced to the zone's control area; the ellipsoidal areas rounded when the
    difference is beyond the tolerance (the check then reports it)."""
    result = balance_zone(key, zone.control_m2, areas, edge_flags(geoms, zone.geom), tolerance_m2)
    if result.refused or result.adjusted is None:
        return [round(float(a), 2) for a in areas], False
    return [u / 100 for u in result.adjusted], True


def settlement_codes(land_use, boundary):
    """CZCSXM of each parcel: as the plan has it, else 203 inside the village construction boundary ('' outside).

    Written into the database, so that its tables can be checked against its layers alone."""
    settle = land_use.frame["settlement"].astype(str)
    if settle.ne("").any():
        return settle.tolist()
    if boundary is None:
        raise PlanLayerError(tr(
            "Layer {layer} has no settlement type (CZCSXM), so its village construction land cannot be told "
            "from other construction land. Give the village construction boundary (CONSTRUCTION_BOUNDARY) or "
            "fill CZCSXM (201/202 urban, 203 village).").format(layer=land_use.layer))
    out = []
    for g in land_use.geoms:
        inside = g is not None and shapely.area(g) > 0 and \
            shapely.area(shapely.intersection(g, boundary)) >= 0.5 * shapely.area(g)
        out.append("203" if inside else "")
    return out


def structure_frame(land_use, areas, czcsxm, spec):
    return pd.DataFrame({"code": land_use.frame["code"].astype(str).to_numpy(),
                         "settlement": [settlement_of(c, spec) for c in czcsxm],
                         "area_m2": np.asarray(areas, dtype=float)})


def _clip(geoms, zone_geom):
    """The parts of ``geoms`` inside the zone, with their planar areas."""
    out = []
    for g in geoms:
        if g is None:
            continue
        piece = shapely.intersection(shapely.make_valid(g), zone_geom)
        polys = [p for p in shapely.get_parts(piece) if shapely.get_type_id(p) in (3, 6)]
        if polys and sum(shapely.area(p) for p in polys) > 0.01:
            out.append(shapely.union_all(polys))
    return out


class SubmissionBuilder:
    """Builds the databases of a county's villages from the plan read once."""

    def __init__(self, schema, rules, codes2023, spec, fmt, folder, crs, inputs, tolerance_m2):
        self.schema, self.rules, self.codes2023, self.spec = schema, rules, codes2023, spec
        self.fmt, self.folder, self.crs, self.tolerance = fmt, folder, crs, tolerance_m2
        self.planned, self.current = inputs["planned"], inputs["current"]
        self.lines = inputs["lines"]  # {source parameter: [planar geometry]}
        self.boundary = inputs["boundary_union"]

    def target(self, zone):
        return os.path.join(self.folder, database_name(zone.code, zone.name, self.fmt))

    def refuse_unsafe_targets(self, zones, inputs):
        """Refuse, before anything is written, a database name that is an input of the run or a file the
        plugin did not write (a rebuild replaces only our own earlier databases)."""
        for zone in zones:
            path = self.target(zone)
            real = os.path.realpath(path)
            if real in inputs:
                raise SubmissionWriteError(tr(
                    "OUTPUT_FOLDER: the database of village {code} would be {path}, which is an input of this "
                    "run ({param}). Choose another folder.").format(code=zone.code, path=path, param=inputs[real]))
            if os.path.exists(path) and not written_by_plugin(path):
                raise SubmissionWriteError(tr(
                    "OUTPUT_FOLDER: {path} exists and was not written by this plugin; it is left as it is. Move it "
                    "or choose another folder.").format(path=path))

    # -- one village ---------------------------------------------------------------------------
    def build(self, zone):
        """Build under a temporary name, check, then put the database in place of an earlier build."""
        target = self.target(zone)
        ext = os.path.splitext(target)[1]
        path = os.path.join(self.folder, ".{}.building{}".format(zone.code, ext))
        remove_database(path)
        try:
            built = self._build(zone, path, target)
        except BaseException:
            remove_database(path)
            raise
        replace_database(path, target)
        built.path = target
        return built

    def _fill(self, layer_def, zone, records):
        """Rows of one layer; BSM numbers run on across the layers, unique in the whole database."""
        rows = fill_rows(layer_def, zone.code, zone.name, records, first_sequence=self._sequence)
        self._sequence += len(rows)
        return rows

    def _build(self, zone, path, target):
        self._sequence = 1
        tables = {}
        for layer_def in self.schema.layers:
            rows, geoms = self._layer_rows(layer_def, zone, tables)
            if rows is None:
                continue
            write_layer(path, self.fmt, layer_def["name"], layer_def.get("alias"), layer_def["fields"],
                        layer_def["geometry"], self.crs, rows, geoms)
        self._write_tables(path, zone, tables)
        built = BuiltDatabase(zone.code, zone.name, path, "")
        built.findings = self.check(path, zone, tables)
        self._write_meta(path, zone, built)
        base = os.path.splitext(target)[0]
        built.report = write_check_html(base + "_质检报告.html", built.findings, self.rules,
                                        "{} {}".format(zone.code, zone.name))
        write_check_workbook(base + "_质检报告.xlsx", built.findings, self.rules, "{} {}".format(zone.code, zone.name))
        return built

    def _land_use_rows(self, layer_def, zone, land_use, tables, key):
        idx = zone_members(land_use, [zone])[zone.code]
        part = subset(land_use, np.isin(np.arange(len(land_use.frame)), idx))
        areas = part.frame["ellipsoid"] if key == "planned" else part.official_areas()
        areas, _ = balanced_areas(zone.code, zone, areas.fillna(0.0).tolist(), part.geoms, self.tolerance)
        czcsxm = settlement_codes(part, self.boundary)
        records = [{"code": code, "code_name": self.codes2023.get(code, {}).get("name_zh", ""), "area": area,
                    "settlement": czc} for code, area, czc in zip(part.frame["code"], areas, czcsxm)]
        tables[key] = structure_frame(part, areas, czcsxm, self.spec)
        return self._fill(layer_def, zone, records), [shapely.to_wkb(g) for g in part.geoms]

    def _layer_rows(self, layer_def, zone, tables):
        source = layer_def["source"]
        if source == "VILLAGES":
            return self._fill(layer_def, zone, [{"area": zone.control_m2}]), [shapely.to_wkb(zone.geom)]
        if source == "PLANNED_LANDUSE":
            return self._land_use_rows(layer_def, zone, self.planned, tables, "planned")
        if source == "CURRENT_LANDUSE":
            if self.current is None:
                return None, None
            return self._land_use_rows(layer_def, zone, self.current, tables, "current")
        geoms = self.lines.get(source)
        if geoms is None:
            return None, None
        pieces = _clip(geoms, zone.geom)
        scale = zone.control_m2 / shapely.area(zone.geom) if shapely.area(zone.geom) else 1.0
        records = [{"area": shapely.area(p) * scale} for p in pieces]  # ellipsoidal, by the village's scale
        return self._fill(layer_def, zone, records), [shapely.to_wkb(p) for p in pieces]

    def _write_tables(self, path, zone, tables):
        rows = structure_table(tables.get("current"), tables.get("planned"), self.spec)
        tables["structure_rows"] = rows
        for table in self.schema.tables:
            if table["source"] == "structure":
                data = [dict(zip([f["name"] for f in STRUCTURE_FIELDS],
                                 [zone.code] + [r[k] for k in STRUCTURE_KEYS[1:]])) for r in rows]
                write_layer(path, self.fmt, table["name"], table.get("alias"), STRUCTURE_FIELDS, None, self.crs, data)
            elif table["source"] == "indicator":
                data = [dict(zip([f["name"] for f in INDICATOR_FIELDS],
                                 [zone.code] + [r.get(k) for k in INDICATOR_KEYS[1:]]))
                        for r in indicator_table(rows)]
                write_layer(path, self.fmt, table["name"], table.get("alias"), INDICATOR_FIELDS, None, self.crs, data)

    def _write_meta(self, path, zone, built):
        values = {"schema": self.schema.name, "rules": os.path.basename(self.rules.path or ""),
                  "village_code": zone.code, "village_name": zone.name,
                  "status": "READY" if built.ready else "NOT_READY",
                  "errors": str(built.errors), "warnings": str(len(built.findings) - built.errors),
                  "built_at": _dt.datetime.now().astimezone().isoformat(timespec="seconds")}
        write_layer(path, self.fmt, META_TABLE, "", META_FIELDS, None, self.crs,
                    [{"KEY": k, "VALUE": v} for k, v in values.items()])

    # -- the check of what was written ------------------------------------------------------------
    def check(self, path, zone, tables):
        findings = FindingList()
        written = {}
        for layer_def in self.schema.layers:
            layer = open_layer(path, layer_def["name"])
            if layer is None:
                if layer_def.get("required"):
                    findings.append(_missing_layer(self.rules, layer_def, path))
                continue
            written[layer_def["source"]] = layer
            findings.extend(check_layer_schema(self.rules, layer_def, layer_field_kinds(layer), layer_rows(layer),
                                               layer_def["name"]))
        planned = written.get("PLANNED_LANDUSE")
        if planned is not None:
            lu = read_land_use(planned, self.crs)
            current = read_land_use(written["CURRENT_LANDUSE"], self.crs, ellipsoid=False) \
                if "CURRENT_LANDUSE" in written else None
            lines = {k: _union_of(written.get(k), self.crs) for k in ("BASIC_FARMLAND", "ECO_REDLINE",
                                                                     "CONSTRUCTION_BOUNDARY")}
            findings.extend(check_plan(lu, [zone], self.rules, self.codes2023, current, lines["BASIC_FARMLAND"],
                                       lines["ECO_REDLINE"], lines["CONSTRUCTION_BOUNDARY"]))
            findings.extend(self._check_tables(path, zone, lu, current))
        return findings

    def _check_tables(self, path, zone, planned, current):
        """The tables read back against the layers read back."""
        source = {t["source"]: t["name"] for t in self.schema.tables}
        if "structure" not in source:
            return []
        table = open_layer(path, source["structure"])
        got = {}
        if table is not None:
            for f in table.getFeatures():
                got[(source["structure"], zone.code, str(f["HDM"]) + ":base")] = f["JQMJ"]
                got[(source["structure"], zone.code, str(f["HDM"]) + ":target")] = f["GHMJ"]
        frames = {}
        for key, lu in (("planned", planned), ("current", current)):
            if lu is not None:
                frames[key] = structure_frame(lu, lu.official_areas().tolist(), lu.frame["settlement"].tolist(),
                                              self.spec)
        expected = {}
        for r in structure_table(frames.get("current"), frames.get("planned"), self.spec):
            expected[(source["structure"], zone.code, r["row_id"] + ":base")] = r["base_ha"]
            expected[(source["structure"], zone.code, r["row_id"] + ":target")] = r["target_ha"]
        return check_tables(self.rules, got, expected, source["structure"])


def _union_of(layer, crs):
    from .plan_layers import read_union

    return read_union(layer, crs) if layer is not None else None


def _missing_layer(rules, layer_def, path):
    from ..core.issues import Finding

    return Finding(rules.severity("schema_layer"), "{}: {}".format(rules.label("schema_layer"), tr(
        "the database {path} has no layer {layer} ({alias}).").format(
        path=os.path.basename(path), layer=layer_def["name"], alias=layer_def.get("alias", ""))),
        layer=layer_def["name"], code="schema_layer", extra={"wkb": None})
