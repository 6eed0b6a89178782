"""Planar overlay shares with shapely 2, touching only parcels near an edge.

``share_inside(parcels, zones)`` returns, for every parcel, the share of its
planar area that lies inside the union of ``zones``. Parcels wholly inside a zone
cost one prepared predicate; only parcels that cross a zone edge are intersected.
The ledger multiplies the share by the parcel's official (ellipsoidal) area.
"""

import os
from concurrent.futures import ThreadPoolExecutor

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


MAX_PIECE_COORDS = 256


def split_complex(zones, max_coords=MAX_PIECE_COORDS):
    """Cut polygons with many vertices into quadrants until every piece is small.

    Pieces of one polygon do not overlap, so areas of their intersections add up.
    Intersecting a small parcel with a small piece is far cheaper than with a
    county-wide red line polygon of thousands of vertices.
    """
    zones = np.asarray(zones, dtype=object)
    if len(zones) == 0:
        return zones
    counts = shapely.get_num_coordinates(zones)
    done = [zones[counts <= max_coords]]
    todo = zones[counts > max_coords]
    depth = 0
    while len(todo) and depth < 12:
        xmin, ymin, xmax, ymax = shapely.bounds(todo).T
        xmid, ymid = (xmin + xmax) / 2, (ymin + ymax) / 2
        quads = [
            shapely.box(xmin, ymin, xmid, ymid), shapely.box(xmid, ymin, xmax, ymid),
            shapely.box(xmin, ymid, xmid, ymax), shapely.box(xmid, ymid, xmax, ymax),
        ]
        pieces = np.concatenate([shapely.intersection(todo, q) for q in quads])
        pieces = shapely.get_parts(pieces)
        pieces = pieces[shapely.get_type_id(pieces) == 3]  # polygons only; lines/points have no area
        pieces = pieces[~shapely.is_empty(pieces)]
        counts = shapely.get_num_coordinates(pieces)
        done.append(pieces[counts <= max_coords])
        todo = pieces[counts > max_coords]
        depth += 1
    done.append(todo)
    return np.concatenate(done)


def dissolve_overlaps(zones, tolerance=1e-6):
    """The zones, with the groups of polygons that overlap unioned (so nothing counts twice).

    Overlaps smaller than ``tolerance`` times the zones' area are floating-point
    noise along shared edges and are left alone.
    """
    zones = np.asarray(zones, dtype=object)
    if len(zones) < 2:
        return zones
    tree = shapely.STRtree(zones)
    left, right = tree.query(zones, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    if not len(left):
        return zones
    overlap = shapely.area(shapely.intersection(zones[left], zones[right]))
    real = overlap > tolerance * max(float(shapely.area(zones).sum()), 1.0) / max(len(zones), 1)
    left, right = left[real], right[real]
    if not len(left):
        return zones
    parent = list(range(len(zones)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(left.tolist(), right.tolist()):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
    groups = {}
    for i in range(len(zones)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(zones[members[0]])
        else:
            out.extend(shapely.get_parts(shapely.union_all(zones[members])))
    return np.asarray(out, dtype=object)


def _pairwise(func, left, right, chunk=20000):
    """``func(left, right)`` over pairs, in chunks on all cores (shapely releases the GIL)."""
    workers = min(os.cpu_count() or 1, 8)
    if len(left) <= chunk or workers < 2:
        return func(left, right)
    bounds = list(range(0, len(left), chunk))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(lambda i: func(left[i:i + chunk], right[i:i + chunk]), bounds)
        return np.concatenate(list(parts))


def _intersection_areas(left, right):
    return _pairwise(lambda a, b: shapely.area(shapely.intersection(a, b)), left, right)


def share_inside(parcels, zones):
    """Share (0..1) of each parcel's planar area inside the union of ``zones``.

    Zones are split into small pieces that do not overlap. A parcel inside one
    piece costs one prepared predicate; a parcel that only touches pieces along
    its edges costs another; only parcels that a zone edge really cuts are
    intersected, and the areas of their pieces add up.
    """
    parcels = np.asarray(parcels, dtype=object)
    share = np.zeros(len(parcels))
    zones = np.asarray([z for z in zones if z is not None and not z.is_empty], dtype=object)
    if len(parcels) == 0 or len(zones) == 0:
        return share
    pieces = split_complex(dissolve_overlaps(shapely.get_parts(zones)))
    shapely.prepare(pieces)
    tree = shapely.STRtree(pieces)
    present = ~(shapely.is_missing(parcels) | shapely.is_empty(parcels))
    idx = np.nonzero(present)[0]
    p_idx, z_idx = tree.query(parcels[idx], predicate="intersects")
    if len(p_idx) == 0:
        return share
    p_idx = idx[p_idx]
    # predicates on prepared pieces stay on one thread: GEOS builds their caches lazily, not thread-safely
    inside = shapely.contains(pieces[z_idx], parcels[p_idx])
    whole = np.zeros(len(parcels), dtype=bool)
    whole[p_idx[inside]] = True
    todo = ~whole[p_idx]
    p_idx, z_idx = p_idx[todo], z_idx[todo]
    # neighbours that share only an edge with a piece have nothing inside it
    crossing = ~shapely.touches(pieces[z_idx], parcels[p_idx])
    p_idx, z_idx = p_idx[crossing], z_idx[crossing]
    inside_area = np.zeros(len(parcels))
    if len(p_idx):
        np.add.at(inside_area, p_idx, _intersection_areas(parcels[p_idx], pieces[z_idx]))
    planar = shapely.area(parcels)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(planar > 0, inside_area / planar, 0.0)
    share[whole] = 1.0
    return np.clip(share, 0.0, 1.0)


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
