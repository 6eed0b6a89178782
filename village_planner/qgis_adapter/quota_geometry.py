"""Geometry for the quota pool: protection layers kept in the pool, draw parcels checked against them."""

import numpy as np
import shapely
from qgis.core import QgsCoordinateReferenceSystem

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
        from qgis.core import QgsFeatureRequest

        ids = layer.selectedFeatureIds()
        request = QgsFeatureRequest().setFilterFids(ids)
        from qgis.core import QgsCoordinateTransform, QgsProject

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
    """Overlap areas (m2) of a draw with the pool's protection layers and its village."""

    def __init__(self, store):
        self.store = store
        self._cache = {}

    def _zones(self, kind):
        if kind not in self._cache:
            geoms = [shapely.from_wkb(w) for w in self.store.constraints(kind)]
            self._cache[kind] = shapely.union_all(geoms) if geoms else None
        return self._cache[kind]

    def __call__(self, entry):
        if not entry.geometry_wkb:
            return {}
        geom = shapely.from_wkb(entry.geometry_wkb)
        out = {}
        for kind in ("basic_farmland", "eco_redline"):
            zone = self._zones(kind)
            out[kind] = float(shapely.intersection(geom, zone).area) if zone is not None else 0.0
        boundary = self.store.village_boundary(entry.village)
        if boundary:
            out["outside_village"] = float(shapely.difference(geom, shapely.from_wkb(boundary)).area)
        return out


def crs_of(store):
    info = store.pool_info()
    return QgsCoordinateReferenceSystem(info.get("crs") or "EPSG:4545")
