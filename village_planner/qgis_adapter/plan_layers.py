"""The plan's layers read for the quality check and the submission database.

A land-use layer in 2023 codes (the planned land use, or a base-year layer; a survey layer
with DLBM only is converted with the crosswalk) becomes a ``core.plan_check.LandUse``:
planar geometry in one projected CRS, the official area as given (TBMJ), the ellipsoidal
area on the CGCS2000 ellipsoid, the village code and settlement type. Village zones become
``core.plan_check.Zone`` with their control area.
"""

import numpy as np
import pandas as pd
import shapely
from qgis.core import QgsFeatureRequest, QgsProject

from ..core.codes import village_code
from ..core.crosswalk import SurveyCrosswalk
from ..core.errors import VillagePlannerError
from ..core.issues import FindingList
from ..core.ledger import area_values
from ..core.plan_check import LandUse, Zone, cover
from ..core.values import text as value_text
from .fields import find_field
from .i18n import tr
from .layers import layer_label, read_attributes, read_geometries
from .zone_areas import ellipsoidal_measure, measure

LAND_USE_FIELDS = {
    "code": ("YDYHFLDM", "GHDLBM", "plan_code", "GHDM", "YDDM", "code_2023"),
    "name": ("YDYHFLMC", "GHDLMC", "plan_name"),
    "area": ("TBMJ", "MJ", "GHMJ", "AREA"),
    "village": ("XZQDM", "ZLDWDM", "village_code"),
    "bsm": ("BSM",),
    "settlement": ("CZCSXM",),
}
ZONE_FIELDS = {"code": ("XZQDM", "ZLDWDM", "village_code", "CJDM"), "name": ("XZQMC", "ZLDWMC", "village_name"),
               "control": ("KZMJ", "DCMJ")}


class PlanLayerError(VillagePlannerError):
    """A plan layer that cannot be read; the message names the layer and field."""


def ellipsoidal_areas(layer, ids=None):
    """{feature id: ellipsoidal area (m2) on the CGCS2000 ellipsoid} of a layer's features."""
    da = ellipsoidal_measure(layer.crs(), QgsProject.instance().transformContext())
    request = QgsFeatureRequest().setNoAttributes()
    if ids is not None:
        request.setFilterFids(list(ids))
    return {f.id(): measure(da, f.geometry())[0] for f in layer.getFeatures(request)}


def read_land_use(layer, crs, feedback=None, ellipsoid=True):
    """A LandUse of ``layer`` with geometry in ``crs``; PlanLayerError when it has no land-use code.

    ``ellipsoid``: measure every feature on the ellipsoid (for the area checks); without it, only the
    features without an official area are measured."""
    found = {role: find_field(layer, names) for role, names in LAND_USE_FIELDS.items()}
    dlbm = find_field(layer, ("DLBM",)) if not found["code"] else None
    name = layer_label(layer)
    if not found["code"] and not dlbm:
        raise PlanLayerError(tr("Layer {layer} has no land-use code field (one of {fields}) and no DLBM.").format(
            layer=name, fields=", ".join(LAND_USE_FIELDS["code"])))
    if dlbm:
        found["code"], found["name"] = dlbm, None  # survey codes, converted below; DLMC names survey classes
    columns = {role: f for role, f in found.items() if f}
    frame, geoms = read_attributes(layer, columns, feedback, with_geometry=True, target_crs=crs)
    frame = frame.reset_index(drop=True)
    settlement = frame["settlement"].map(value_text).str.upper() if "settlement" in frame else \
        pd.Series("", index=frame.index)
    raw = frame["code"].map(value_text)
    if dlbm:
        cross = SurveyCrosswalk()
        lookup = {pair: cross.convert(*pair)[0] or "" for pair in set(zip(raw, settlement))}
        code = pd.Series([lookup[p] for p in zip(raw, settlement)], index=frame.index, dtype=object)
    else:
        code = raw
    findings = FindingList()
    area = area_values(frame, "area", name, found["area"] or "TBMJ", findings, default=None) \
        if "area" in frame else pd.Series(np.nan, index=frame.index)
    if findings.has_errors():
        raise PlanLayerError("\n".join("{}: {}".format(f.layer, f.message) for f in findings.errors))
    if ellipsoid:
        measured = ellipsoidal_areas(layer)
    else:
        missing = frame.loc[area.isna().to_numpy(), "fid"]
        measured = ellipsoidal_areas(layer, missing.tolist()) if len(missing) else {}
    out = pd.DataFrame({
        "fid": frame["fid"], "code": code, "area": area.astype("float64"),
        "ellipsoid": frame["fid"].map(measured).astype("float64"),
        "village": frame["village"].map(village_code).fillna("") if "village" in frame else "",
        "settlement": settlement, "bsm": frame["bsm"].map(value_text) if "bsm" in frame else "",
    })
    if found.get("name") and "name" in frame:
        out["name"] = frame["name"].map(value_text)
    fields = {role: f for role, f in found.items() if f}
    return LandUse(layer=name, frame=out, geoms=geoms, fields=fields)


def read_zones(layer, crs, codes=None):
    """[Zone] of a village zone layer (only ``codes`` when given), control area from KZMJ/DCMJ or
    the zone's ellipsoidal area; zones sharing a code are one zone."""
    code_f = find_field(layer, ZONE_FIELDS["code"])
    if code_f is None:
        raise PlanLayerError(tr("Layer {layer} has no village code field (one of {fields}).").format(
            layer=layer_label(layer), fields=", ".join(ZONE_FIELDS["code"])))
    name_f = find_field(layer, ZONE_FIELDS["name"])
    control_f = find_field(layer, ZONE_FIELDS["control"])
    columns = {"code": code_f, "name": name_f, "control": control_f}
    frame, geoms = read_attributes(layer, {k: v for k, v in columns.items() if v}, with_geometry=True,
                                   target_crs=crs)
    ellipsoid = ellipsoidal_areas(layer)
    zones = {}
    for i, row in frame.reset_index(drop=True).iterrows():
        code = village_code(row["code"])
        if code is None or (codes and code not in codes) or geoms[i] is None:
            continue
        control = row.get("control") if control_f else None
        try:
            control = float(control) if control is not None else None
        except (TypeError, ValueError):
            control = None
        if control is None or control != control:
            control = ellipsoid.get(row["fid"], 0.0)
        geom = shapely.make_valid(geoms[i])
        if code in zones:
            z = zones[code]
            zones[code] = Zone(code, z.name, z.fid, shapely.union(z.geom, geom), z.control_m2 + control)
        else:
            zones[code] = Zone(code, value_text(row.get("name")) if name_f else "", row["fid"], geom, control)
    return [zones[c] for c in sorted(zones)]


def read_union(layer, crs):
    """One (multi)polygon of all of a layer's features in ``crs`` (repaired), or None."""
    if layer is None:
        return None
    _, geoms = read_geometries(layer, crs)
    geoms = [g for g in geoms if g is not None and not shapely.is_empty(g)]
    if not geoms:
        return None
    return cover(shapely.make_valid(np.array(geoms, dtype=object)))


def plan_check_inputs(layers, crs, codes=None, feedback=None):
    """What core.plan_check.check_plan reads, from {role parameter: layer or None}:
    (planned LandUse, [Zone], current LandUse or None, {farmland, redline, boundary})."""
    planned = read_land_use(layers["PLANNED_LANDUSE"], crs, feedback)
    zones = read_zones(layers["VILLAGES"], crs, codes)
    if codes:
        missing = sorted(set(codes) - {z.code for z in zones})
        if missing:
            raise PlanLayerError(tr("Village codes not in layer {layer}: {codes}").format(
                layer=layer_label(layers["VILLAGES"]), codes=", ".join(missing)))
        keep = planned.frame["village"].isin(codes).to_numpy() | planned.frame["village"].eq("").to_numpy()
        planned = subset(planned, keep)
    current = read_land_use(layers["CURRENT_LANDUSE"], crs, feedback, ellipsoid=False) \
        if layers.get("CURRENT_LANDUSE") else None
    lines = {"farmland": read_union(layers.get("BASIC_FARMLAND"), crs),
             "redline": read_union(layers.get("ECO_REDLINE"), crs),
             "boundary": read_union(layers.get("CONSTRUCTION_BOUNDARY"), crs)}
    return planned, zones, current, lines


def subset(land_use, mask):
    """The LandUse of the rows where ``mask`` is true."""
    mask = np.asarray(mask, dtype=bool)
    return LandUse(layer=land_use.layer, frame=land_use.frame[mask].reset_index(drop=True),
                   geoms=np.asarray(land_use.geoms, dtype=object)[mask], fields=land_use.fields)
