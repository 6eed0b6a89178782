"""Checks run before a long job: ERROR items stop it, WARNING items are reported."""

import numpy as np
import shapely
from qgis.core import QgsVectorLayer, QgsWkbTypes

from ..core.codes import village_code
from ..core.issues import FindingList
from ..core.overlay import repair
from .fields import resolve_fields
from .i18n import tr
from .layers import layer_label, read_attributes
from .roles import param_of

POLYGON_KINDS = ("parcels", "villages", "basic_farmland", "eco_redline", "dev_boundary")


def check_sources(layers, project=None, findings=None):
    """Structural checks of the given layers ({kind: layer or None}); the layers are not changed.

    Returns (FindingList, {kind: {role: field name}}).
    """
    findings = FindingList() if findings is None else findings
    fieldmaps = {}
    parcels = layers.get("parcels")
    for kind, layer in layers.items():
        if layer is None:
            continue
        label = param_of(kind)
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            name = layer_label(layer) if isinstance(layer, QgsVectorLayer) else "?"
            findings.error(tr("Layer {layer} ({param}) cannot be read.").format(layer=name, param=label),
                           layer=label, code="layer_invalid")
            continue
        if kind in POLYGON_KINDS and layer.geometryType() != QgsWkbTypes.GeometryType.PolygonGeometry:
            findings.error(tr("Layer {layer} ({param}) must be a polygon layer.").format(
                layer=layer_label(layer), param=label), layer=layer_label(layer), code="wrong_geometry_type")
        if kind == "hazards" and layer.geometryType() != QgsWkbTypes.GeometryType.PointGeometry:
            findings.error(tr("Layer {layer} ({param}) must be a point layer.").format(
                layer=layer_label(layer), param=label), layer=layer_label(layer), code="wrong_geometry_type")
        if kind in ("parcels", "villages") and layer.featureCount() == 0:
            findings.error(tr("Layer {layer} ({param}) has no features.").format(
                layer=layer_label(layer), param=label), layer=layer_label(layer), code="layer_empty")
        found, missing = resolve_fields(layer, kind, project)
        fieldmaps[kind] = found
        for role, name, stale in missing:
            if stale:
                findings.error(
                    tr("The project's field mapping takes {role} of layer {layer} from field {field}, which the "
                       "layer does not have (renamed or deleted?). Correct the mapping in Village Planner > "
                       "Field mapping.").format(layer=layer_label(layer), field=name, role=role),
                    layer=layer_label(layer), field=name, code="stale_field_mapping")
                continue
            findings.error(
                tr("Layer {layer} has no field {field} ({role}). Map the field in Village Planner > "
                   "Field mapping, or rename it.").format(layer=layer_label(layer), field=name, role=role),
                layer=layer_label(layer), field=name, code="missing_field")
        if not layer.crs().isValid():
            if any(other is not None and other is not layer for other in layers.values()):
                findings.error(tr("Layer {layer} ({param}) has no coordinate reference system, and no other layer "
                                  "has one, so the layers cannot be overlaid. Set the CRS in the layer "
                                  "properties.").format(layer=layer_label(layer), param=label),
                               layer=layer_label(layer), code="no_crs")
        elif parcels is not None and layer is not parcels and parcels.crs().isValid() and \
                layer.crs() != parcels.crs():
            findings.warning(
                tr("Layer {layer} is in {crs}, the parcels are in {pcrs}; it is reprojected.").format(
                    layer=layer_label(layer), crs=layer.crs().authid(), pcrs=parcels.crs().authid()),
                layer=layer_label(layer), code="crs_mismatch")
    if parcels is not None and parcels.isValid() and parcels.crs().isGeographic():
        findings.warning(
            tr("Layer {layer} is in a geographic CRS ({crs}). Official areas are taken from the survey's "
               "area fields; overlays are computed in a Gauss-Kruger projection.").format(
                layer=layer_label(parcels), crs=parcels.crs().authid()),
            layer=layer_label(parcels), code="geographic_crs")
    villages = layers.get("villages")
    if villages is not None and "villages" in fieldmaps and "village_code" in fieldmaps["villages"]:
        check_village_codes(villages, fieldmaps["villages"], findings)
    return findings, fieldmaps


def check_village_codes(layer, fieldmap, findings):
    frame, _ = read_attributes(layer, {"code": fieldmap["village_code"]})
    codes = frame["code"].map(village_code)
    field = fieldmap["village_code"]
    for fid in frame.loc[codes.isna(), "fid"]:
        findings.warning(tr("Village feature {fid} has no valid 12-digit code in {field}.").format(
            fid=fid, field=field), layer=layer_label(layer), feature_id=fid, field=field, code="bad_village_code")
    dup = codes.notna() & codes.duplicated(keep=False)
    for code in sorted(set(codes[dup])):
        ids = frame.loc[codes == code, "fid"].tolist()
        findings.warning(
            tr("Village code {code} appears on {n} features ({ids}); they are treated as one village.").format(
                code=code, n=len(ids), ids=", ".join(str(i) for i in ids)),
            layer=layer_label(layer), feature_id=ids[0], field=field, code="duplicate_village_code")


def repair_geometries(layer_name, fids, geoms, findings):
    """Repair invalid geometries and report them by feature id."""
    fixed, bad = repair(geoms)
    if len(bad):
        ids = [int(fids[i]) for i in bad]
        shown = ", ".join(str(i) for i in ids[:20]) + (" ..." if len(ids) > 20 else "")
        findings.warning(
            tr("{n} invalid geometries were repaired for the overlays. Features: {ids}").format(
                n=len(ids), ids=shown),
            layer=layer_name, feature_id=ids[0], code="invalid_geometry", extra={"ids": ids})
    empty = shapely.is_missing(fixed) | shapely.is_empty(fixed)
    if empty.any():
        ids = [int(f) for f in np.asarray(fids)[empty]]
        findings.warning(tr("{n} features have no geometry. Features: {ids}").format(
            n=len(ids), ids=", ".join(str(i) for i in ids[:20])),
            layer=layer_name, feature_id=ids[0], code="empty_geometry")
    return fixed
