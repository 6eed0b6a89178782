"""Build the ledger from QGIS layers: read once, check, overlay, sum."""

import os

import pandas as pd
import shapely

from ..core import stats as core_stats
from ..core.codes import village_code
from ..core.errors import VillagePlannerError
from ..core.issues import FindingList
from ..core.ledger import build_ledger, village_codes
from ..core.overlay import count_points_in, share_inside
from ..core.profile import load_profile
from .checker import check_sources, repair_geometries
from .i18n import tr
from .layers import is_null, layer_label, read_attributes, read_geometries, readable_layers, working_crs
from .progress import check_cancel, info

OVERLAY_KINDS = ("basic_farmland", "eco_redline", "dev_boundary")
# the ledger core's parcel columns and the field roles of resources/survey_layers.json that fill them
PARCEL_ROLES = {"zldwdm": "village_code", "land_class": "land_class", "parcel_area": "parcel_area",
                "deducted_area": "deducted_area", "net_area": "net_area", "settlement_type": "settlement_type",
                "slope_grade": "slope_grade", "village_name": "village_name"}


def parcel_columns(fieldmap, roles=None):
    """{ledger column: the parcel layer's field name} for the roles the layer has."""
    return {col: fieldmap[role] for col, role in PARCEL_ROLES.items()
            if (roles is None or col in roles) and fieldmap.get(role)}


class JobError(VillagePlannerError):
    """A job stopped on ERROR findings; ``findings`` holds them all."""

    def __init__(self, message, findings=None):
        super().__init__(message)
        self.findings = findings or []


def read_stats(source, findings):
    """Village statistics from a layer or a CSV/XLSX path; None when not given."""
    if source is None or source == "":
        return None
    if isinstance(source, str):
        try:
            frame = core_stats.read_table_file(source)
        except (core_stats.StatsError, ValueError, OSError) as exc:
            raise JobError(tr("Village statistics {path}: {error}").format(path=source, error=exc)) from exc
        name = os.path.basename(source)
    else:
        names = [f.name() for f in source.fields()]
        rows = [[None if is_null(v) else str(v)
                 for v in feat.attributes()] for feat in source.getFeatures()]
        frame = pd.DataFrame(rows, columns=names, dtype=object)
        frame = frame.where(frame.notna(), "")
        name = layer_label(source)
    try:
        table, found = core_stats.normalise_stats(frame, name)
    except core_stats.StatsError as exc:
        raise JobError(str(exc)) from exc
    findings.extend(found)
    return table


def _overlay_shares(overlays, geoms, frame, crs, findings, feedback):
    """{overlay kind: share of each parcel inside it}."""
    shares = {}
    for n, (kind, layer) in enumerate(overlays.items()):
        check_cancel(feedback)
        info(feedback, tr("Overlay with {layer}").format(layer=layer_label(layer)))
        fids, zones = read_geometries(layer, crs, feedback=None)
        zones = repair_geometries(layer_label(layer), fids, zones, findings)
        shares[kind] = pd.Series(share_inside(geoms, zones), index=frame["fid"].to_numpy())
        if feedback is not None:
            feedback.setProgress(50 + 30 * (n + 1) / max(len(overlays), 1))
    return shares


def _village_zones(villages, fieldmap, crs, findings):
    """(village frame, {village code: geometry}) of the village layer, or (None, {})."""
    if villages is None:
        return None, {}
    vcols = {"village_code": fieldmap["village_code"]}
    if fieldmap.get("village_name"):
        vcols["village_name"] = fieldmap["village_name"]
    frame, geoms = read_attributes(villages, vcols, None, with_geometry=True, target_crs=crs)
    geoms = repair_geometries(layer_label(villages), frame["fid"].to_numpy(), geoms, findings)
    by_code = {}
    for code, g in zip(frame["village_code"].map(village_code), geoms):
        if code and g is not None:
            by_code.setdefault(code, []).append(g)
    return frame, {c: shapely.union_all(gs) if len(gs) > 1 else gs[0] for c, gs in by_code.items()}


def _hazard_counts(hazards, village_geoms, parcel_geoms, frame, crs, findings, feedback):
    """Hazard points per village: in the village zones, else in the villages' parcels; None without points."""
    if hazards is None:
        return None
    check_cancel(feedback)
    _, points = read_geometries(hazards, crs)
    points = points[~shapely.is_missing(points)]
    if village_geoms:
        codes = list(village_geoms)
        counts, outside = count_points_in(points, [village_geoms[c] for c in codes])
        result = pd.Series(counts, index=codes)
    else:
        counts, outside = count_points_in(points, parcel_geoms)
        pcodes = village_codes(frame["zldwdm"]).fillna("UNASSIGNED")
        result = pd.Series(counts, index=pcodes.to_numpy()).groupby(level=0).sum()
    if len(outside):
        findings.warning(tr("{n} hazard points lie outside every village.").format(n=len(outside)),
                         layer=layer_label(hazards), code="hazard_outside")
    return result


def run_ledger(layers, stats_source=None, profile_path=None, survey_year=None, feedback=None, project=None):
    """layers: {kind: QgsVectorLayer or None}. Returns (LedgerResult, village geometries by code)."""
    findings = FindingList()
    layers = readable_layers(layers, findings)
    findings, fieldmaps = check_sources(layers, project, findings)
    if findings.has_errors():
        raise JobError("\n".join(f.message for f in findings.errors), findings)
    try:
        profile = load_profile(profile_path)
    except ValueError as exc:
        raise JobError(str(exc)) from exc
    parcels = layers["parcels"]
    crs = working_crs(parcels)
    overlays_given = {k: layers.get(k) for k in OVERLAY_KINDS if layers.get(k) is not None}
    hazards = layers.get("hazards")
    villages = layers.get("villages")
    need_geom = bool(overlays_given) or (hazards is not None and villages is None)

    columns = parcel_columns(fieldmaps["parcels"])
    info(feedback, tr("Reading {n} parcels from {layer}").format(n=parcels.featureCount(), layer=layer_label(parcels)))
    frame, geoms = read_attributes(parcels, columns, feedback, with_geometry=need_geom, target_crs=crs,
                                   progress=(0, 50))
    check_cancel(feedback)
    if need_geom:
        geoms = repair_geometries(layer_label(parcels), frame["fid"].to_numpy(), geoms, findings)

    shares = _overlay_shares(overlays_given, geoms, frame, crs, findings, feedback)
    village_frame, village_geoms = _village_zones(villages, fieldmaps.get("villages"), crs, findings)
    hazard_counts = _hazard_counts(hazards, village_geoms, geoms, frame, crs, findings, feedback)

    stats_table = read_stats(stats_source, findings)
    sources = {k: (v.source() if v is not None else "") for k, v in layers.items()}
    if isinstance(stats_source, str):
        sources["village_stats"] = stats_source
    elif stats_source is not None:
        sources["village_stats"] = stats_source.source()
    check_cancel(feedback)
    result = build_ledger(
        frame, profile, villages=village_frame, overlays=shares, hazard_counts=hazard_counts,
        stats=stats_table, parcel_layer=layer_label(parcels), survey_year=survey_year, sources=sources,
        field_names=columns,
    )
    findings.extend(result.findings)
    result.findings = findings
    if findings.has_errors():  # e.g. areas that are not numbers: every figure built on them would be wrong
        raise JobError("\n".join("{}: {}".format(f.layer, f.message) for f in findings.errors), findings)
    result.meta["working_crs"] = crs.authid()
    result.meta["crs_wkt"] = crs.toWkt()
    if feedback is not None:
        feedback.setProgress(90)
    return result, village_geoms, crs
