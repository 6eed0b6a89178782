"""Geometry for the quota pool: protection layers kept in the pool, draw parcels checked against them.

The rules themselves (what overlap refuses a draw) are the core's (``core.quota.assess_draw``); this
module only measures the areas they are applied to."""

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsFeatureRequest, QgsProject

from ..core import quota as q
from .layers import read_geometries


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
