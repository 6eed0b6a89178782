"""Planning tables: the land-use structure adjustment table and the planning indicator table."""

import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsSpatialIndex,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.codes import village_code
from ..core.crosswalk import SurveyCrosswalk
from ..core.i18n import current_language
from ..core.issues import FindingList
from ..core.ledger import area_values
from ..core.structure import OTHER, VILLAGE, indicator_table, load_rows, settlement_of, structure_table
from ..qgis_adapter.fields import find_field
from ..qgis_adapter.layers import layer_label, read_attributes
from .base import VillagePlannerAlgorithm

CODE_FIELDS = ("plan_code", "GHDLBM", "GHDM", "YDDM", "code_2023")
AREA_FIELDS = ("MJ", "TBMJ", "GHMJ", "AREA")



def features_inside(layer, boundary, share=0.5):
    """Ids of the layer's features with at least ``share`` of their area inside the boundary's polygons."""
    transform = None
    if boundary.crs() != layer.crs():
        transform = QgsCoordinateTransform(boundary.crs(), layer.crs(), layer.transformContext())
    index, engines = QgsSpatialIndex(), {}
    for f in boundary.getFeatures():
        g = QgsGeometry(f.geometry())
        if g.isNull() or g.isEmpty():
            continue
        if transform is not None:
            g.transform(transform)
        if not g.isGeosValid():
            g = g.makeValid()
        engine = QgsGeometry.createGeometryEngine(g.constGet())
        engine.prepareGeometry()
        engines[f.id()] = (g, engine)
        index.addFeature(f.id(), g.boundingBox())
    inside = set()
    if not engines:
        return inside
    for f in layer.getFeatures(QgsFeatureRequest().setNoAttributes()):
        g = f.geometry()
        if g.isNull() or g.isEmpty():
            continue
        hits = [engines[i] for i in index.intersects(g.boundingBox())]
        if not hits:
            continue
        if any(engine.contains(g.constGet()) for _, engine in hits):
            inside.add(f.id())
            continue
        if not g.isGeosValid():
            g = g.makeValid()
        area = g.area()
        covered = sum(g.intersection(b).area() for b, engine in hits if engine.intersects(g.constGet()))
        if area > 0 and covered >= share * area:
            inside.add(f.id())
    return inside


def _settlements(layer, frame, czc, has_czc, boundary, spec, feedback):
    """Settlement kind (urban / village / other) of each feature: from CZCSXM, else the village construction
    boundary; a layer with neither stops the table, village land is never guessed from codes."""
    if has_czc:
        kinds = {v: settlement_of(v, spec) for v in set(czc)}
        return czc.map(kinds)
    tr = VillagePlannerAlgorithm().tr
    if boundary is None:
        raise QgsProcessingException(tr(
            "Layer {layer} has no settlement type (CZCSXM), so its village construction land cannot be told "
            "from other construction land. Give the village construction boundary (CONSTRUCTION_BOUNDARY) or "
            "fill CZCSXM (201/202 urban, 203 village).").format(layer=layer.name()))
    inside = features_inside(layer, boundary)
    kinds = frame["fid"].map(lambda fid: VILLAGE if fid in inside else OTHER)
    if feedback is not None:
        feedback.pushInfo(tr("Layer {layer} has no settlement type (CZCSXM): {n} of {total} features lie inside "
                             "the village construction boundary {boundary} and count as village land.").format(
            layer=layer.name(), n=int((kinds == VILLAGE).sum()), total=len(kinds), boundary=boundary.name()))
    return kinds


def read_planning_layer(layer, feedback=None, boundary=None, spec=None):
    """DataFrame: village, code, settlement, is_village, area_m2, ridge_m2 (2303) of a layer in planning codes.

    A raw survey layer (DLBM only) is converted on the fly with the crosswalk. Areas come from the
    layer's area fields; features without one are measured on the ellipsoid. The settlement kind
    (urban, village, other) comes from CZCSXM, or for a layer without it from the village
    construction ``boundary``; with neither the table cannot be made and QgsProcessingException says so.
    """
    code_f = find_field(layer, CODE_FIELDS)
    dlbm_f = find_field(layer, ("DLBM",)) if code_f is None else None
    if code_f is None and dlbm_f is None:
        raise QgsProcessingException(VillagePlannerAlgorithm().tr(
            "Layer {layer} has no planning code field (one of {fields}) and no DLBM.").format(
            layer=layer.name(), fields=", ".join(CODE_FIELDS)))
    fields = {"code": code_f or dlbm_f, "area": find_field(layer, AREA_FIELDS), "net": find_field(layer, ("TBDLMJ",)),
              "ridge": find_field(layer, ("KCMJ",)), "czc": find_field(layer, ("CZCSXM",)),
              "village": find_field(layer, ("ZLDWDM", "village_code"))}
    frame, _ = read_attributes(layer, {k: v for k, v in fields.items() if v})
    n = len(frame)

    def column(key, default):
        return frame[key] if key in frame.columns else pd.Series([default] * n, index=frame.index)

    czc = column("czc", "").map(lambda v: "" if v is None else str(v).strip().upper())
    raw = column("code", "").map(lambda v: "" if v is None else str(v).strip())
    if code_f:
        code = raw
    else:
        cross = SurveyCrosswalk()
        pairs = pd.Series(list(zip(raw, czc)), index=frame.index)
        lookup = {pair: cross.convert(*pair)[0] or "" for pair in set(pairs)}
        code = pairs.map(lookup)
    findings = FindingList()  # areas that are not numbers, infinite or negative stop the table
    name = layer_label(layer)
    ridge = area_values(frame, "ridge", name, fields["ridge"], findings, default=None).fillna(0.0)
    net = area_values(frame, "net", name, fields["net"], findings, default=None)
    gross = area_values(frame, "area", name, fields["area"], findings, default=None)
    if findings.has_errors():
        raise QgsProcessingException("\n".join("{}: {}".format(f.layer, f.message) for f in findings.errors))
    area = net.where(net.notna(), gross - ridge)
    missing = area.isna()
    if missing.any():
        da = QgsDistanceArea()
        da.setSourceCrs(layer.crs(), layer.transformContext())
        da.setEllipsoid(layer.crs().ellipsoidAcronym() or "EPSG:7030")
        ids = frame.loc[missing, "fid"].tolist()
        measured = {f.id(): da.measureArea(f.geometry())
                    for f in layer.getFeatures(QgsFeatureRequest().setFilterFids(ids))}
        area.loc[missing] = frame.loc[missing, "fid"].map(measured)
        if feedback is not None:
            feedback.pushWarning(VillagePlannerAlgorithm().tr(
                "Layer {layer} has no area field; ellipsoidal areas of the geometries are used.").format(
                layer=layer.name()))
    spec = spec or load_rows()
    settlement = _settlements(layer, frame, czc, bool(fields["czc"]) and bool(czc.ne("").any()), boundary, spec,
                              feedback)
    villages = column("village", None).map(village_code) if fields["village"] else pd.Series([""] * n,
                                                                                             index=frame.index)
    return pd.DataFrame({"village": villages.fillna(""), "code": code, "settlement": settlement,
                         "is_village": settlement == VILLAGE, "area_m2": area.astype(float),
                         "ridge_m2": ridge.astype(float)},
                        columns=["village", "code", "settlement", "is_village", "area_m2", "ridge_m2"])


class _PlanTableAlgorithm(VillagePlannerAlgorithm):
    """Inputs every planning table reads: the base-year and planned layers and a choice of villages."""

    def add_inputs(self, with_ledger=False):
        self.addParameter(QgsProcessingParameterVectorLayer("BASE", self.tr("Base-year land use"),
                                                            [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterVectorLayer("PLANNED", self.tr("Planned land use"),
                                                            [QgsProcessing.TypeVectorPolygon]))
        if with_ledger:
            self.addParameter(QgsProcessingParameterVectorLayer("LEDGER", self.tr("Resource ledger"),
                                                                [QgsProcessing.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterString("VILLAGE_CODES", self.tr(
            "Village codes (comma separated; empty for all)"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "CONSTRUCTION_BOUNDARY", self.tr("Village construction boundary (for layers without CZCSXM)"),
            [QgsProcessing.TypeVectorPolygon], optional=True))

    def read_inputs(self, parameters, context, feedback):
        """(base frame, planned frame, village codes to tabulate)."""
        spec = load_rows()
        boundary = self.parameterAsVectorLayer(parameters, "CONSTRUCTION_BOUNDARY", context)
        base = read_planning_layer(self.parameterAsVectorLayer(parameters, "BASE", context), feedback, boundary,
                                   spec)
        planned = read_planning_layer(self.parameterAsVectorLayer(parameters, "PLANNED", context), feedback,
                                      boundary, spec)
        wanted = {c.strip() for c in self.parameterAsString(parameters, "VILLAGE_CODES", context).split(",")
                  if c.strip()}
        codes = sorted((set(base["village"]) | set(planned["village"])) - {"", None})
        if wanted:
            codes = [c for c in codes if c in wanted]
        return base, planned, codes


class StructureTableAlgorithm(_PlanTableAlgorithm):
    ALG_ID = "structuretable"

    def displayName(self):
        return self.tr("Land-use structure adjustment table")

    def shortHelpString(self):
        return self.tr(
            "The land-use structure adjustment table of each village from a base-year layer and a planned layer "
            "in 2023 planning codes (a survey layer is converted on the fly): rows in the standard hierarchy with "
            "subtotals, base-year and target-year area (ha) and share (%), and the change. Rows follow "
            "resources/tables/structure_rows.json. Construction land is split by settlement type (CZCSXM): 201/202 "
            "urban, 203 village, anything else other construction land; a layer without CZCSXM takes its village "
            "land from the village construction boundary, and without either the table is not made.")

    def initAlgorithm(self, config=None):
        self.add_inputs()
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Structure table"),
                                                            QgsProcessing.TypeVector))
        self.add_workbook_output(self.tr("Structure workbook"))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Villages")))

    def processAlgorithm(self, parameters, context, feedback):
        base, planned, codes = self.read_inputs(parameters, context, feedback)
        spec = load_rows()
        fields = QgsFields()
        for name, qtype in (("village_code", QVariant.String), ("row_id", QVariant.String), ("level", QVariant.Int),
                            ("name_zh", QVariant.String), ("name_en", QVariant.String), ("base_ha", QVariant.Double),
                            ("base_pct", QVariant.Double), ("target_ha", QVariant.Double),
                            ("target_pct", QVariant.Double), ("change_ha", QVariant.Double)):
            fields.append(QgsField(name, qtype))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.NoGeometry)
        tables = {}
        for code in codes:
            rows = structure_table(base[base["village"] == code], planned[planned["village"] == code], spec)
            tables[code] = rows
            for r in rows:
                f = QgsFeature(fields)
                f.setAttributes([code, r["row_id"], r["level"], r["name_zh"], r["name_en"], r["base_ha"],
                                 r["base_pct"], r["target_ha"], r["target_pct"], r["change_ha"]])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
        outputs = {"OUTPUT": dest, "VILLAGES": len(tables)}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.table_export import write_structure_workbook

            outputs["OUTPUT_XLSX"] = write_structure_workbook(xlsx, tables, current_language())
        return outputs


class IndicatorTableAlgorithm(_PlanTableAlgorithm):
    ALG_ID = "indicatortable"

    def displayName(self):
        return self.tr("Planning indicator table")

    def shortHelpString(self):
        return self.tr(
            "The planning indicator table of each village: binding indicators (ecological red line, permanent "
            "basic farmland, cultivated land to keep, village construction land) and expected ones (construction "
            "land in all, population, village construction land per resident), base year and target year, from "
            "the base-year and planned layers and the village's ledger.")

    def initAlgorithm(self, config=None):
        self.add_inputs(with_ledger=True)
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Indicator table"),
                                                            QgsProcessing.TypeVector))
        self.add_workbook_output(self.tr("Indicator workbook"))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Villages")))

    def processAlgorithm(self, parameters, context, feedback):
        base, planned, codes = self.read_inputs(parameters, context, feedback)
        ledger = self.parameterAsVectorLayer(parameters, "LEDGER", context)
        ledger_rows = {}
        if ledger is not None:
            names = [f.name() for f in ledger.fields()]
            for f in ledger.getFeatures():
                rec = {n: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                       for n, v in zip(names, f.attributes())}
                ledger_rows[str(rec.get("village_code"))] = rec
        spec = load_rows()
        fields = QgsFields()
        for name, qtype in (("village_code", QVariant.String), ("indicator", QVariant.String),
                            ("name_zh", QVariant.String), ("name_en", QVariant.String), ("kind", QVariant.String),
                            ("unit", QVariant.String), ("base", QVariant.Double), ("target", QVariant.Double),
                            ("change", QVariant.Double)):
            fields.append(QgsField(name, qtype))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.NoGeometry)
        tables = {}
        for code in codes:
            srows = structure_table(base[base["village"] == code], planned[planned["village"] == code], spec)
            rows = indicator_table(srows, ledger_rows.get(code))
            tables[code] = rows
            for r in rows:
                f = QgsFeature(fields)
                f.setAttributes([code, r["indicator"], r["name_zh"], r["name_en"], r["kind"], r["unit"], r["base"],
                                 r["target"], r["change"]])
                sink.addFeature(f, QgsFeatureSink.FastInsert)
        outputs = {"OUTPUT": dest, "VILLAGES": len(tables)}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.table_export import write_indicator_workbook

            outputs["OUTPUT_XLSX"] = write_indicator_workbook(xlsx, tables, current_language())
        return outputs
