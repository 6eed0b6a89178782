"""QGIS layers for the quota pool: village accounts and protection zones read when a pool is created, draw
parcels checked against them.

The rules themselves (what overlap refuses a draw) are the core's (``core.quota.assess_draw``); this
module only reads layers and measures the areas the rules are applied to."""

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest, QgsProject

from ..core import quota as q
from ..core.codes import village_code
from ..core.errors import VillagePlannerError
from ..core.values import is_missing
from .fields import find_field
from .i18n import tr
from .layers import is_null, plain, read_attributes, read_geometries, working_crs


class PoolLayerError(VillagePlannerError, ValueError):
    """A layer given for a new pool cannot give what it is for; the message names layer, feature and field."""


def pool_crs(layers, project=None):
    """The planar CRS a new pool keeps its geometries in: the working CRS of the first spatial layer, else the
    project's when it is planar, else None."""
    first = next((lyr for lyr in layers if lyr is not None and lyr.isSpatial()), None)
    if first is not None:
        return working_crs(first)
    crs = project.crs() if project is not None else None
    return crs if crs is not None and crs.isValid() and not crs.isGeographic() else None


def classification_categories(layer):
    """{village code: category} of a classification layer: the final category, else the suggested one."""
    categories = {}
    for f in (layer.getFeatures() if layer is not None else ()):
        final = plain(f["final_category"])
        categories[str(f["village_code"])] = final if final not in (None, "") else f["suggested_category"]
    return categories


def _number(value):
    value = plain(value)
    return 0.0 if is_missing(value) or value == "" else float(value)


def ledger_accounts(ledger, crs, categories):
    """(village accounts, total construction land in ha) of a resource ledger layer."""
    frame, geoms = read_attributes(ledger, {"code": "village_code", "name": "village_name", "town": "town",
                                            "cons": "construction_ha", "vcons": "village_construction_ha"},
                                   with_geometry=ledger.isSpatial(), target_crs=crs)
    villages, total = [], 0.0
    for i, row in frame.iterrows():
        code = str(row["code"])
        if code == "UNASSIGNED":
            continue
        total += _number(row["cons"])
        geom = geoms[i] if geoms is not None else None
        villages.append({"village_code": code, "village_name": row["name"], "town": row["town"],
                         "category": categories.get(code, ""), "planned_ha": _number(row["vcons"]),
                         "boundary_wkb": None if geom is None else geom.wkb})
    return villages, total


def zone_accounts(layer, crs, categories, repeated=None):
    """Village accounts from village zones: code (ZLDWDM or village_code), name (ZLDWMC or village_name), town
    and boundary; raises PoolLayerError for a layer or feature without a village code. Features that share a code
    make one account (the first one's); ``repeated``, a dict, receives {code: [feature ids]} of them."""
    code_field = find_field(layer, ["village_code", "ZLDWDM", "CJDCQDM"])
    if code_field is None:
        raise PoolLayerError(tr("VILLAGE_ZONES: layer {layer} has no village code field (ZLDWDM or "
                                "village_code).").format(layer=layer.name()))
    name_field = find_field(layer, ["village_name", "ZLDWMC", "CJDCQMC"])
    town_field = find_field(layer, ["town", "XZMC"])
    ct = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance()) if crs is not None else None
    accounts, fids = {}, {}
    for f in layer.getFeatures():
        raw = f[code_field]
        code = village_code(None if is_null(raw) else str(raw))
        if not code:
            raise PoolLayerError(tr("VILLAGE_ZONES: feature {fid} of layer {layer} has no village code in field "
                                    "{field}.").format(fid=f.id(), layer=layer.name(), field=code_field))
        geom = f.geometry()
        wkb = None
        if geom is not None and not geom.isNull() and not geom.isEmpty():
            if ct is not None:
                geom.transform(ct)
            wkb = bytes(geom.asWkb())
        fids.setdefault(code, []).append(f.id())
        accounts.setdefault(code, {"village_code": code, "village_name": _text(f, name_field),
                                   "town": _text(f, town_field), "category": categories.get(code, ""),
                                   "planned_ha": 0.0, "boundary_wkb": wkb})
    if repeated is not None:
        repeated.update({code: ids for code, ids in fids.items() if len(ids) > 1})
    return list(accounts.values())


def _text(feature, field):
    value = plain(feature[field]) if field else None
    return None if value is None else str(value)


def layer_wkbs(layer, crs):
    """Valid polygon WKBs of a layer in ``crs``."""
    _, geoms = read_geometries(layer, crs)
    geoms = [g for g in shapely.make_valid(np.asarray([g for g in geoms if g is not None], dtype=object))
             if g is not None and not g.is_empty and g.area > 0]
    return [shapely.to_wkb(g) for g in geoms]


def draw_wkb(layer, crs):
    """The union of a layer's selected features (or all) as one WKB in ``crs``."""
    if layer.selectedFeatureCount():
        request = QgsFeatureRequest().setFilterFids(layer.selectedFeatureIds())
        ct = QgsCoordinateTransform(layer.crs(), crs, QgsProject.instance())
        geoms = []
        for f in layer.getFeatures(request):
            g = f.geometry()
            g.transform(ct)
            geoms.append(shapely.from_wkb(bytes(g.asWkb())))
    else:
        _, geoms = read_geometries(layer, crs)
    geoms = [shapely.make_valid(g) for g in geoms if g is not None]
    if not geoms:
        return b""
    return shapely.to_wkb(shapely.union_all(geoms))


class OverlapChecker:
    """Overlap areas (m2) of a draw with the pool's protection zones and its village."""

    def __init__(self, store):
        self.store = store
        self._cache = {}

    def zone(self, kind):
        """The union of the pool's protection zones of ``kind`` (a shapely geometry), or None."""
        if kind not in self._cache:
            geoms = [shapely.from_wkb(w) for w in self.store.constraints(kind)]
            self._cache[kind] = shapely.union_all(geoms) if geoms else None
        return self._cache[kind]

    def __call__(self, entry):
        if not entry.geometry_wkb:
            return {}
        geom = shapely.from_wkb(entry.geometry_wkb)
        out = {}
        for kind in q.PROTECTED_ZONES:
            zone = self.zone(kind)
            out[kind] = float(shapely.intersection(geom, zone).area) if zone is not None else 0.0
        boundary = self.store.village_boundary(entry.village)
        if boundary:
            out["outside_village"] = float(shapely.difference(geom, shapely.from_wkb(boundary)).area)
        return out


def village_of(store, geom):
    """The village whose account's boundary holds most of ``geom`` ('' when none does)."""
    village, best = "", 0.0
    for code in store.state().villages:
        boundary = store.village_boundary(code)
        if boundary:
            inside = shapely.intersection(shapely.from_wkb(boundary), geom).area
            if inside > best:
                village, best = code, inside
    return village


def check_parcel(store, wkb, village=None):
    """(DrawCheck, WKB of the part on protected land or b'') for a draw parcel, before it is recorded.

    ``village``: the draw's village; by default the one holding most of the parcel."""
    geom = shapely.from_wkb(wkb)
    with store.session():
        village = village_of(store, geom) if village is None else village
        checker = OverlapChecker(store)
        overlaps = checker(q.Entry(kind="draw", units=1, village=village, geometry_wkb=wkb))
        verdict = q.assess_draw(overlaps, village, float(geom.area))
        conflict = [shapely.intersection(geom, checker.zone(kind)) for kind, _ in verdict.protected]
    return verdict, shapely.to_wkb(shapely.union_all(conflict)) if conflict else b""


def crs_of(store):
    info = store.pool_info()
    return QgsCoordinateReferenceSystem(info.get("crs") or "EPSG:4545")
