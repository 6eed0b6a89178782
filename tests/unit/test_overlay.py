import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon, box

from village_planner.core.overlay import count_points_in, repair, share_inside


def test_share_inside_whole_partial_outside():
    parcels = np.array([box(0, 0, 10, 10), box(10, 0, 20, 10), box(30, 0, 40, 10)], dtype=object)
    zones = [box(-5, -5, 15, 15)]
    share = share_inside(parcels, zones)
    assert share.tolist() == pytest.approx([1.0, 0.5, 0.0])


def test_overlapping_zones_do_not_count_twice():
    parcels = np.array([box(0, 0, 10, 10)], dtype=object)
    zones = [box(0, 0, 6, 10), box(4, 0, 8, 10)]
    assert share_inside(parcels, zones)[0] == pytest.approx(0.8)


def test_parcel_covered_by_two_adjacent_zones():
    parcels = np.array([box(0, 0, 10, 10)], dtype=object)
    zones = [box(0, 0, 5, 10), box(5, 0, 10, 10)]
    assert share_inside(parcels, zones)[0] == pytest.approx(1.0)


def test_no_zones_or_parcels():
    assert share_inside(np.array([box(0, 0, 1, 1)], dtype=object), []).tolist() == [0.0]
    assert len(share_inside(np.array([], dtype=object), [box(0, 0, 1, 1)])) == 0


def test_repair_makes_bowties_valid_and_reports_them():
    bowtie = Polygon([(0, 0), (10, 10), (10, 0), (0, 10), (0, 0)])
    fixed, bad = repair(np.array([box(0, 0, 1, 1), bowtie, None], dtype=object))
    assert bad.tolist() == [1]
    assert shapely.is_valid(fixed[1])
    assert fixed[1].area == pytest.approx(50.0)
    assert fixed[2] is None


def test_count_points_in_polygons():
    polys = [box(0, 0, 10, 10), box(10, 0, 20, 10)]
    pts = [Point(1, 1), Point(15, 5), Point(10, 5), Point(50, 50)]
    counts, outside = count_points_in(pts, polys)
    assert counts.sum() == 3  # the border point counts once
    assert counts.tolist() in ([2, 1], [1, 2])
    assert outside.tolist() == [3]
