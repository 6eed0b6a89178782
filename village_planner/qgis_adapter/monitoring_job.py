"""Plan monitoring from QGIS layers: the two surveys, the protection zones, the plan and the quota pool's draws."""

import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry, QgsProject

from ..core.codes import village_code
from ..core.crosswalk import SurveyCrosswalk
from ..core.issues import FindingList
from ..core.monitoring import monitor, select_draws
from ..core.profile import load_profile
from .checker import check_sources, repair_geometries
from .fields import find_field
from .i18n import tr
from .layers import layer_label, read_attributes, read_geometries, readable_layers, working_crs
from .ledger_job import JobError
from .planning_layers import CODE_FIELDS
from .progress import check_cancel, info
from .quota_database import quota_session

PARCEL_COLUMNS = {"zldwdm": "village_code", "land_class": "land_class", "parcel_area": "parcel_area"}


def _read_parcels(layer, fieldmap, crs, findings, feedback, progress):
    columns = {col: fieldmap[role] for col, role in PARCEL_COLUMNS.items() if fieldmap.get(role)}
    info(feedback, tr("Reading {n} parcels from {layer}").format(n=layer.featureCount(), layer=layer_label(layer)))
    frame, geoms = read_attributes(layer, columns, feedback, with_geometry=True, target_crs=crs, progress=progress)
    geoms = repair_geometries(layer_label(layer), frame["fid"].to_numpy(), geoms, findings)
    return frame, geoms


def _zones(layer, crs, findings):
    if layer is None:
        return None
    fids, geoms = read_geometries(layer, crs)
    return list(repair_geometries(layer_label(layer), fids, geoms, findings))


def _planned(layer, crs, findings):
    """(geometries, 2023 planning codes) of the planned land-use layer; a survey-coded layer is converted."""
    if layer is None:
        return None
    code_f = find_field(layer, CODE_FIELDS)
    dlbm_f = find_field(layer, ("DLBM",)) if code_f is None else None
    if code_f is None and dlbm_f is None:
        raise JobError(tr("Layer {layer} has no planning code field (one of {fields}) and no DLBM.").format(
            layer=layer_label(layer), fields=", ".join(CODE_FIELDS)))
    czc_f = find_field(layer, ("CZCSXM",)) if dlbm_f else None
    fields = {"code": code_f or dlbm_f}
    if czc_f:
        fields["czc"] = czc_f
    frame, geoms = read_attributes(layer, fields, with_geometry=True, target_crs=crs)
    geoms = repair_geometries(layer_label(layer), frame["fid"].to_numpy(), geoms, findings)
    codes = ["" if c is None else str(c).strip() for c in frame["code"]]
    if dlbm_f:
        cross = SurveyCrosswalk()
        czc = frame["czc"] if "czc" in frame else [""] * len(codes)
        codes = [cross.convert(c, "" if z is None else str(z))[0] or "" for c, z in zip(codes, czc)]
    return geoms, codes


def read_draws(text, start, end, crs, parameter="QUOTA_DATABASE"):
    """(draws of the period in ``crs``, {control_total_ha, baseline_ha}) of the quota pool ``text`` names."""
    with quota_session(text, parameter) as store:
        entries = store.journal()
        info = store.pool_info()
    draws = select_draws(entries, start, end)
    pool_crs = QgsCoordinateReferenceSystem(info.get("crs") or "")
    if pool_crs.isValid() and pool_crs != crs:
        ct = QgsCoordinateTransform(pool_crs, crs, QgsProject.instance())
        for d in draws:
            if d.geometry is not None:
                g = QgsGeometry()
                g.fromWkb(shapely.to_wkb(d.geometry))
                g.transform(ct)
                d.geometry = shapely.from_wkb(bytes(g.asWkb()))
    control = {"control_total_ha": info["control_total_units"] / 10000.0,
               "baseline_ha": info["baseline_units"] / 10000.0}
    return draws, control


def run_monitor(layers, quota_text="", period=("", ""), profile_path=None, min_area=1.0, sliver_width=0.5,
                feedback=None, project=None):
    """layers: {"base", "current", "villages", "planned", "basic_farmland", "eco_redline"} (None when not given).

    Returns (MonitorResult, {village code: geometry}, CRS, findings)."""
    findings = FindingList()
    base, current = layers["base"], layers["current"]
    checked = readable_layers({"parcels": base, "current": current, "villages": layers.get("villages"),
                               "basic_farmland": layers.get("basic_farmland"),
                               "eco_redline": layers.get("eco_redline")}, findings)
    base, current = checked["parcels"], checked["current"]
    # the current survey is checked as a parcel layer of its own
    f1, maps = check_sources({k: v for k, v in checked.items() if k != "current"}, project, FindingList())
    f2, maps2 = check_sources({"parcels": current}, project, FindingList())
    findings.extend(f1)
    findings.extend(f2)
    if findings.has_errors():
        raise JobError("\n".join(f.message for f in findings.errors), findings)
    try:
        profile = load_profile(profile_path)
    except ValueError as exc:
        raise JobError(str(exc)) from exc
    crs = working_crs(base)
    b_frame, b_geoms = _read_parcels(base, maps["parcels"], crs, findings, feedback, (0, 30))
    check_cancel(feedback)
    c_frame, c_geoms = _read_parcels(current, maps2["parcels"], crs, findings, feedback, (30, 30))
    check_cancel(feedback)
    bnt = _zones(checked.get("basic_farmland"), crs, findings)
    red = _zones(checked.get("eco_redline"), crs, findings)
    planned = _planned(layers.get("planned"), crs, findings)
    draws, control = [], None
    if (quota_text or "").strip():
        draws, control = read_draws(quota_text, period[0], period[1], crs)
        info(feedback, tr("{n} draws of the quota pool in the period").format(n=len(draws)))
        missing = [d for d in draws if d.geometry is None]
        if missing:
            findings.warning(tr("{n} draws of the period have no geometry and cover nothing: journal entries "
                                "{ids}").format(n=len(missing), ids=", ".join(str(d.seq) for d in missing)),
                             layer="QUOTA_DATABASE", code="draw_without_geometry")
    names, village_geoms = {}, {}
    villages = checked.get("villages")
    if villages is not None:
        vf = maps["villages"]
        vcols = {"village_code": vf["village_code"]}
        if vf.get("village_name"):
            vcols["village_name"] = vf["village_name"]
        vframe, vgeoms = read_attributes(villages, vcols, None, with_geometry=True, target_crs=crs)
        for i, row in vframe.iterrows():
            code = village_code(row["village_code"])
            if not code:
                continue
            names.setdefault(code, str(row.get("village_name") or ""))
            if vgeoms[i] is not None:
                village_geoms.setdefault(code, []).append(vgeoms[i])
        village_geoms = {c: shapely.union_all(gs) if len(gs) > 1 else gs[0] for c, gs in village_geoms.items()}
    check_cancel(feedback)
    info(feedback, tr("Overlaying the two surveys"))
    result = monitor(b_frame, c_frame, profile, b_geoms, c_geoms, basic_farmland=bnt, redline=red, planned=planned,
                     draws=draws, village_names=names, min_area=min_area, sliver_width=sliver_width,
                     control=control)
    result.meta.update({"base": base.source(), "current": current.source(), "working_crs": crs.authid(),
                        "profile_name": profile.name, "period": list(period)})
    if feedback is not None:
        feedback.setProgress(90)
    return result, village_geoms, crs, findings
