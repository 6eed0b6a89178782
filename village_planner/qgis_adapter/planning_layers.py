"""Layers in planning codes (base-year or planned land use) read into a table for the planning tables,
the map figures and the submission: code, settlement kind, official area per feature."""

import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsFeatureRequest,
    QgsGeometry,
    QgsSpatialIndex,
)

from ..core.codes import village_code
from ..core.crosswalk import SurveyCrosswalk
from ..core.errors import VillagePlannerError
from ..core.issues import FindingList
from ..core.ledger import area_values
from ..core.structure import OTHER, VILLAGE, load_rows, settlement_of
from .fields import find_field
from .i18n import tr
from .layers import layer_label, read_attributes


class PlanningLayerError(VillagePlannerError):
    """A planning layer that cannot be read into a table; the message names the layer."""


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
    if boundary is None:
        raise PlanningLayerError(tr(
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
    construction ``boundary``; with neither the table cannot be made and PlanningLayerError says so.
    """
    code_f = find_field(layer, CODE_FIELDS)
    dlbm_f = find_field(layer, ("DLBM",)) if code_f is None else None
    if code_f is None and dlbm_f is None:
        raise PlanningLayerError(tr(
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
        raise PlanningLayerError("\n".join("{}: {}".format(f.layer, f.message) for f in findings.errors))
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
            feedback.pushWarning(tr(
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
