"""Planar overlay shares with shapely 2, touching only parcels near an edge.

``share_inside(parcels, zones)`` returns, for every parcel, the share of its
planar area that lies inside the union of ``zones``. Parcels wholly inside a zone
cost one prepared predicate; only parcels that cross a zone edge are intersected.
The ledger multiplies the share by the parcel's official (ellipsoidal) area.
"""

import numpy as np
import shapely


def repair(geoms):
    """Valid geometries (make_valid where needed); returns (geoms, indices repaired)."""
    geoms = np.asarray(geoms, dtype=object)
    present = ~shapely.is_missing(geoms)
    invalid = np.zeros(len(geoms), dtype=bool)
    invalid[present] = ~shapely.is_valid(geoms[present])
    if invalid.any():
        geoms = geoms.copy()
        fixed = shapely.make_valid(geoms[invalid])
        # keep only the areal part of what make_valid returns
        fixed = np.array([_polygonal(g) for g in fixed], dtype=object)
        geoms[invalid] = fixed
    return geoms, np.nonzero(invalid)[0]


def _polygonal(geom):
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    if geom.geom_type == "GeometryCollection":
        parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
        if parts:
            return shapely.union_all(parts)
    return shapely.Polygon()


def share_inside(parcels, zones):
    """Share (0..1) of each parcel's planar area inside the union of ``zones``."""
    parcels = np.asarray(parcels, dtype=object)
    zones = np.asarray([z for z in zones if z is not None and not z.is_empty], dtype=object)
    share = np.zeros(len(parcels))
    if len(parcels) == 0 or len(zones) == 0:
        return share
    shapely.prepare(zones)
    tree = shapely.STRtree(zones)
    p_idx, z_idx = tree.query(parcels, predicate="intersects")
    if len(p_idx) == 0:
        return share
    # parcels wholly inside one zone
    inside = shapely.contains(zones[z_idx], parcels[p_idx])
    whole = np.unique(p_idx[inside])
    share[whole] = 1.0
    todo = ~np.isin(p_idx, whole)
    p_idx, z_idx = p_idx[todo], z_idx[todo]
    if len(p_idx) == 0:
        return share
    planar = shapely.area(parcels)
    pieces = shapely.intersection(parcels[p_idx], zones[z_idx])
    order = np.argsort(p_idx, kind="stable")
    p_sorted = p_idx[order]
    pieces = pieces[order]
    starts = np.r_[0, np.nonzero(np.diff(p_sorted))[0] + 1]
    ends = np.r_[starts[1:], len(p_sorted)]
    single = (ends - starts) == 1
    inside_area = np.empty(len(starts))
    inside_area[single] = shapely.area(pieces[starts[single]])
    for k in np.nonzero(~single)[0]:
        # overlapping zones: union the pieces so nothing counts twice
        inside_area[k] = shapely.union_all(pieces[starts[k]:ends[k]]).area
    targets = p_sorted[starts]
    with np.errstate(divide="ignore", invalid="ignore"):
        frac = np.where(planar[targets] > 0, inside_area / planar[targets], 0.0)
    share[targets] = np.clip(frac, 0.0, 1.0)
    return share


def count_points_in(points, polygons):
    """For each polygon, how many points fall inside (points on a border count once)."""
    polygons = np.asarray(polygons, dtype=object)
    points = np.asarray(points, dtype=object)
    counts = np.zeros(len(polygons), dtype=np.int64)
    if len(points) == 0 or len(polygons) == 0:
        return counts, np.arange(len(points))
    tree = shapely.STRtree(polygons)
    pt_idx, poly_idx = tree.query(points, predicate="intersects")
    # a point on a shared border goes to the first polygon only
    _, first = np.unique(pt_idx, return_index=True)
    np.add.at(counts, poly_idx[first], 1)
    outside = np.setdiff1d(np.arange(len(points)), pt_idx)
    return counts, outside
