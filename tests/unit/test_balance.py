"""core.balance: largest-remainder rounding of tables and the area balance (平差) of parcels."""

import random

import pytest

from village_planner.core.balance import (
    AreaDifferenceTooLarge,
    balance_columns,
    balance_ledger,
    balance_tree,
    balance_zone,
    balance_zones,
    largest_remainder,
    largest_remainder_units,
    round_half_up,
    units,
)
from village_planner.core.errors import VillagePlannerError


def cents(values):
    return [units(v) for v in values]


# -- rounding ---------------------------------------------------------------------------

def test_units_round_half_away_from_zero_without_float_noise():
    assert units(0.285) == 29  # 0.285 * 100 is 28.499999999999996 in floats
    assert units(1.005) == 101
    assert units(-0.125) == -13
    assert units(2.5, 0) == 3 and units(3.5, 0) == 4  # never banker's rounding
    assert round_half_up(-0.001) == 0.0 and str(round_half_up(-0.001)) == "0.0"


def test_rows_sum_exactly_to_the_rounded_total():
    values = [1 / 3, 1 / 3, 1 / 3]
    out = largest_remainder(values)
    assert out == [0.34, 0.33, 0.33]  # 1.00 in all: the first of equal remainders takes the unit
    assert sum(cents(out)) == 100
    # plain rounding would give 0.99 here
    assert sum(cents(round(v, 2) for v in values)) == 99


def test_the_missing_unit_goes_to_the_largest_remainder():
    out = largest_remainder([1.004, 2.006, 3.003], total=6.02)
    assert out == [1.01, 2.01, 3.0]  # cut-off parts .4, .6, .3: the two largest take the two units
    assert sum(cents(out)) == 602
    # a total that the floors already make: no value is rounded up
    assert largest_remainder([1.004, 2.006, 3.003], total=6.00) == [1.0, 2.0, 3.0]


def test_equal_remainders_favour_the_larger_value():
    assert largest_remainder([0.005, 7.005]) == [0.0, 7.01]  # one unit, two equal remainders
    assert largest_remainder([7.005, 0.005]) == [7.01, 0.0]
    assert largest_remainder([0.005, 7.005], total=7.02) == [0.01, 7.01]


def test_many_random_tables_add_up_and_stay_within_a_unit():
    rng = random.Random(3)
    for _ in range(300):
        n = rng.randint(1, 40)
        values = [rng.uniform(0, 5000) for _ in range(n)]
        out = largest_remainder(values)
        assert sum(cents(out)) == units(sum(values))
        assert all(abs(o - v) < 0.01 + 1e-9 for o, v in zip(out, values))


def test_a_different_total_is_met_in_proportion():
    out = largest_remainder([10.0, 30.0], total=20.0)
    assert out == [5.0, 15.0]
    with pytest.raises(ValueError):
        largest_remainder_units([0.0, 0.0], 100)


def test_negative_values_round_consistently():
    out = largest_remainder([-1.005, 2.004, -0.333])
    assert sum(cents(out)) == units(-1.005 + 2.004 - 0.333)


def test_a_tree_adds_up_at_every_level_and_its_total_is_the_official_one():
    # a structure table in m2 -> ha: 3 top rows, one with two children, one grandchild level
    values = {"01": 12345.678 / 1e4, "C11": 333.333 / 1e4, "C121": 111.115 / 1e4, "C122": 222.225 / 1e4,
              "17": 99.994 / 1e4}
    children = {"C": ["C11", "C12"], "C12": ["C121", "C122"]}
    official = sum(values.values())
    out, total = balance_tree(values, children, ["01", "C", "17"], total=official)
    assert total == round_half_up(official)
    assert units(out["01"]) + units(out["C"]) + units(out["17"]) == units(total)
    assert units(out["C11"]) + units(out["C12"]) == units(out["C"])
    assert units(out["C121"]) + units(out["C122"]) == units(out["C12"])


def test_random_trees_add_up():
    rng = random.Random(11)
    for _ in range(100):
        leaves = {"a%d" % i: rng.uniform(0, 50) for i in range(12)}
        children = {"A": ["a0", "a1", "a2", "B"], "B": ["a3", "a4", "a5"], "C": ["a6", "a7"]}
        roots = ["A", "C", "a8", "a9", "a10", "a11"]
        out, total = balance_tree(leaves, children, roots)
        assert sum(units(out[r]) for r in roots) == units(total) == units(sum(leaves.values()))
        for parent, kids in children.items():
            assert sum(units(out[k]) for k in kids) == units(out[parent])


def test_columns_of_a_flat_table_add_up_to_their_totals():
    rows = [{"v": "a", "x": 1 / 3, "y": None}, {"v": "b", "x": 1 / 3, "y": 2.675}, {"v": "c", "x": 1 / 3, "y": 0.001}]
    out, totals = balance_columns(rows, ["x", "y"])
    assert totals == {"x": 1.0, "y": 2.68}
    assert sum(units(r["x"]) for r in out) == 100
    assert out[0]["y"] is None and sum(units(r["y"]) for r in out[1:]) == 268
    assert rows[0]["x"] == 1 / 3  # the input is not changed


def _ledger_rows(seed=5, n=30):
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        paddy, dry = rng.uniform(0, 80), rng.uniform(0, 40)
        village, urban, other_c = rng.uniform(0, 9), rng.uniform(0, 3), rng.uniform(0, 2)
        eco, ridge, oth = rng.uniform(0, 200), rng.uniform(0, 5), rng.uniform(0, 1)
        rows.append({"village_code": "v%02d" % i, "paddy_ha": paddy, "dry_ha": dry, "cultivated_ha": paddy + dry,
                     "village_construction_ha": village, "urban_construction_ha": urban,
                     "other_construction_ha": other_c, "construction_ha": village + urban + other_c,
                     "ecological_ha": eco, "field_ridge_ha": ridge, "other_ha": oth,
                     "total_ha": paddy + dry + village + urban + other_c + eco + ridge + oth,
                     "bnt_ha": rng.uniform(0, 60) if i % 7 else None})
    return rows


PARTITIONS = [("total_ha", ["cultivated_ha", "field_ridge_ha", "ecological_ha", "construction_ha", "other_ha"]),
              ("cultivated_ha", ["paddy_ha", "dry_ha"]),
              ("construction_ha", ["village_construction_ha", "urban_construction_ha", "other_construction_ha"])]


def test_the_ledger_adds_up_across_and_down():
    rows = _ledger_rows()
    out, county = balance_ledger(rows, "total_ha", PARTITIONS, other_keys=["bnt_ha"])
    # down: the villages' totals sum to the rounded official county total, and the county row is the sum of rows
    assert county["total_ha"] == round_half_up(sum(r["total_ha"] for r in rows))
    for key in ["total_ha", "cultivated_ha", "paddy_ha", "construction_ha", "bnt_ha"]:
        assert units(county[key]) == sum(units(r[key]) for r in out if r[key] is not None)
    # the standalone column also meets its own rounded county total
    assert county["bnt_ha"] == round_half_up(sum(r["bnt_ha"] for r in rows if r["bnt_ha"] is not None))
    # across: every village's accounts sum to its total, and sub-items to their account
    for r in out + [county]:
        for parent, parts in PARTITIONS:
            assert sum(units(r[k]) for k in parts) == units(r[parent]), (r.get("village_code"), parent)
    # every rounded value is within a unit of its raw value
    for raw, r in zip(rows, out):
        for key in ["total_ha", "cultivated_ha", "paddy_ha", "ecological_ha"]:
            assert abs(raw[key] - r[key]) <= 0.02
    assert out[0]["bnt_ha"] is None


def test_a_partition_that_does_not_hold_is_not_forced():
    rows = _ledger_rows(n=3)
    rows[1]["paddy_ha"] += 1.0  # paddy + dry no longer make the cultivated land of this village
    out, _ = balance_ledger(rows, "total_ha", PARTITIONS)
    assert out[1]["paddy_ha"] == round_half_up(rows[1]["paddy_ha"])
    assert sum(units(out[1][k]) for k in PARTITIONS[0][1]) == units(out[1]["total_ha"])


# -- the area balance (平差) -------------------------------------------------------------

def test_a_zone_sums_exactly_to_its_control_area():
    areas = [1000.004, 2500.333, 40.1, 7.777, 12000.0]
    edge = [True, True, False, False, True]
    control = sum(areas) + 0.37
    r = balance_zone("z", control, areas, edge)
    assert r.adjusted_sum == units(control) and r.status == "balanced"
    assert r.difference == units(control) - units(sum(areas))
    # interior parcels keep their area (to the rounding)
    assert r.adjusted[2] == units(40.1) and r.adjusted[3] == units(7.777)
    # the edge parcels carry the difference in proportion to their area: the largest carries most
    gains = [a - units(x) for a, x in zip(r.adjusted, areas)]
    assert gains[4] > gains[1] > gains[0] >= 0
    assert sum(gains) == units(control) - sum(units(x) for x in areas)


def test_the_rounding_remainder_goes_to_the_largest_parcels():
    # three parcels of 1/3 m2 each round to 0.33; the control 1.00 needs one unit more
    areas = [1 / 3, 1 / 3, 1 / 3 + 1e-7]
    r = balance_zone("z", 1.0, areas, [False, False, False])
    assert r.adjusted == [33, 33, 34]  # the largest takes it
    r = balance_zone("z", 1.0, [0.2, 0.5, 1 / 3 - 0.0331], [True, True, True])
    assert r.adjusted_sum == 100
    # units too many are taken from the largest too
    r = balance_zone("z", 0.98, [0.335, 0.335, 0.315], [False] * 3)
    assert r.adjusted_sum == 98


def test_many_random_zones_balance_exactly():
    rng = random.Random(7)
    for _ in range(200):
        n = rng.randint(1, 300)
        areas = [rng.uniform(0.5, 20000) for _ in range(n)]
        edge = [rng.random() < 0.3 for _ in range(n)]
        control = round(sum(areas) + rng.uniform(-0.99, 0.99), 2)
        r = balance_zone("z", control, areas, edge)
        assert not r.refused and r.adjusted_sum == units(control)
        assert all(u >= 0 for u in r.adjusted)
        # no parcel moves by more than its share of the difference plus two units
        carried = sum(a for a, e in zip(areas, edge) if e) or sum(areas)
        for a, e, u in zip(areas, edge, r.adjusted):
            share = abs(control - sum(areas)) * a / carried if (e or not any(edge)) else 0
            assert abs(u / 100 - a) <= share + 0.02 + 1e-9


def test_a_difference_above_the_tolerance_is_refused_with_the_zone_named():
    ok = ("500230001001", 10000.0, [5000.0, 4999.7], [True, True])
    gap = ("500230001002", 10000.0, [5000.0, 4000.0], [True, True])  # a 1000 m2 hole
    overlap = ("500230001003", 10000.0, [6000.0, 4001.5], [True, True])
    with pytest.raises(AreaDifferenceTooLarge) as err:
        balance_zones([ok, gap, overlap], tolerance_m2=1.0)
    assert isinstance(err.value, VillagePlannerError)
    text = str(err.value)
    assert "500230001002" in text and "+1000.00" in text
    assert "500230001003" in text and "-1.50" in text
    assert "500230001001" not in text
    assert [z.key for z in err.value.zones] == ["500230001002", "500230001003"]
    # within a larger tolerance the same zones balance
    results = balance_zones([ok, gap, overlap], tolerance_m2=1000.0)
    assert [r.difference for r in results] == [30, 100000, -150]
    assert [r.adjusted_sum for r in results] == [1000000, 1000000, 1000000]


def test_tolerance_is_inclusive_and_zones_without_parcels():
    assert not balance_zone("z", 101.0, [100.0], [True], tolerance_m2=1.0).refused
    assert balance_zone("z", 101.02, [100.0], [True], tolerance_m2=1.0).refused
    empty = balance_zone("z", 0.4, [], [], tolerance_m2=1.0)
    assert not empty.refused and empty.status == "unbalanced"
    assert balance_zone("z", 5.0, [], [], tolerance_m2=1.0).refused


def test_no_edge_parcel_spreads_over_all():
    r = balance_zone("z", 300.3, [100.0, 200.0], [False, False])
    assert r.adjusted == [10010, 20020]


def test_missing_and_non_finite_values_count_as_nothing():
    from village_planner.core.balance import balance_columns, largest_remainder

    assert largest_remainder([1.004, float("nan"), 2.003, None]) == [1.01, 0.0, 2.0, 0.0]
    rows, totals = balance_columns([{"a": 1.005}, {"a": float("nan")}, {"a": 2.0}], ["a"])
    assert totals["a"] == 3.01 and rows[0]["a"] + rows[2]["a"] == pytest.approx(3.01)
