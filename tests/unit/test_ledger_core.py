"""The ledger arithmetic on hand-made tables (no QGIS)."""

import math

import pandas as pd
import pytest

from village_planner.core.ledger import COLUMN_NAMES, UNASSIGNED, build_ledger
from village_planner.core.profile import load_profile

V1 = "500230001001"
V2 = "500230001002"


def parcels():
    rows = [
        # fid, ZLDWDM, DLBM, TBMJ, KCMJ, TBDLMJ, CZCSXM, GDPDJB
        (1, V1 + "0010000", "0101", 10000.0, 500.0, 9500.0, "", "2"),
        (2, V1 + "0020000", "0103", 20000.0, 2000.0, 18000.0, "", "5"),
        (3, V1 + "0010000", "0201K", 5000.0, 100.0, 4900.0, "", ""),
        (4, V1 + "0010000", "0702", 3000.0, 0.0, 3000.0, "203", ""),
        (5, V1 + "0010000", "0701", 4000.0, 0.0, 4000.0, "202", ""),
        (6, V1 + "0010000", "1003", 1000.0, 0.0, 1000.0, "", ""),
        (7, V1 + "0010000", "1006", 700.0, 0.0, 700.0, "", ""),
        (8, V2 + "0010000", "0301", 50000.0, 0.0, 50000.0, "", ""),
        (9, V2 + "0010000", "1104K", 1234.56, 0.0, 1234.56, "", ""),
        (10, "9999", "0101", 800.0, 0.0, 800.0, "", "1"),
    ]
    return pd.DataFrame(rows, columns=["fid", "zldwdm", "land_class", "parcel_area", "deducted_area",
                                       "net_area", "settlement_type", "slope_grade"])


def test_accounts_balance_and_sum_by_village():
    result = build_ledger(parcels(), load_profile())
    t = result.table.set_index("village_code")
    assert list(result.table.columns) == COLUMN_NAMES
    r = t.loc[V1]
    assert r.total_ha == pytest.approx(4.37)
    assert r.cultivated_ha == pytest.approx(2.75)
    assert r.paddy_ha == pytest.approx(0.95)
    assert r.dry_ha == pytest.approx(1.8)
    assert r.field_ridge_ha == pytest.approx(0.26)
    assert r.slope2_ha == pytest.approx(0.95)
    assert r.slope5_ha == pytest.approx(1.8)
    assert r.restorable_ha == pytest.approx(0.49)
    assert r.ecological_ha == 0  # garden land (0201K) is agricultural, not ecological
    assert r.other_agricultural_ha == pytest.approx(0.49 + 0.07)  # garden land and the rural road
    assert r.construction_ha == pytest.approx(0.8)
    assert r.village_construction_ha == pytest.approx(0.3)
    assert r.urban_construction_ha == pytest.approx(0.4)
    assert r.other_construction_ha == pytest.approx(0.1)
    assert r.homestead_ha == pytest.approx(0.3)
    assert r.other_ha == 0
    for code in (V1, V2):
        row = t.loc[code]
        parts = (row.cultivated_ha + row.ecological_ha + row.construction_ha + row.other_agricultural_ha
                 + row.other_ha + row.field_ridge_ha)
        assert parts == pytest.approx(row.total_ha, abs=1e-4)
    assert t.loc[V2].ecological_ha == pytest.approx(5.0)
    assert t.loc[V2].other_agricultural_ha == pytest.approx(0.123456)  # a restorable pond
    assert t.loc[V2].restorable_ha == pytest.approx(0.123456, abs=1e-4)


def test_parcels_without_village_are_kept_in_an_unassigned_row():
    result = build_ledger(parcels(), load_profile())
    t = result.table.set_index("village_code")
    assert UNASSIGNED in t.index
    assert t.loc[UNASSIGNED].total_ha == pytest.approx(0.08)
    assert t.loc[UNASSIGNED].unassigned == 1
    assert result.table.total_ha.sum() == pytest.approx(parcels().parcel_area.sum() / 10000)
    hit = [f for f in result.findings if f.code == "parcel_without_village"]
    assert hit and hit[0].feature_id == 10 and hit[0].field == "ZLDWDM"


def test_villages_table_decides_which_codes_exist():
    villages = pd.DataFrame({"village_code": [V1 + "0000000", "500230001003"], "village_name": ["甲村", "丙村"]})
    result = build_ledger(parcels(), load_profile(), villages=villages)
    t = result.table.set_index("village_code")
    assert t.loc[V1].village_name == "甲村"
    assert t.loc["500230001003"].parcel_count == 0
    # V2 is not a village of the villages layer: its parcels are unassigned, never dropped
    assert t.loc[UNASSIGNED].total_ha == pytest.approx(5.123456 + 0.08, abs=1e-4)
    assert any(f.code == "village_without_parcels" for f in result.findings)


def test_overlay_shares_use_official_areas():
    shares = {"basic_farmland": pd.Series({1: 1.0, 2: 0.5}), "eco_redline": pd.Series({8: 0.25}),
              "dev_boundary": pd.Series({5: 1.0})}
    result = build_ledger(parcels(), load_profile(), overlays=shares)
    t = result.table.set_index("village_code")
    assert t.loc[V1].cultivated_in_bnt_ha == pytest.approx(0.95 + 0.9)
    assert t.loc[V1].bnt_ha == pytest.approx(1.0 + 1.0)
    assert t.loc[V2].eco_redline_ha == pytest.approx(1.25)
    assert t.loc[V1].dev_boundary_ha == pytest.approx(0.4)


def test_missing_overlays_are_null_not_zero():
    t = build_ledger(parcels(), load_profile()).table
    assert t.eco_redline_ha.isna().all()
    assert t.hazard_points.isna().all()


def test_stats_and_ratios():
    stats = pd.DataFrame({"households": [300], "registered_pop": [1000], "resident_pop": [600],
                          "heritage": ["国家级传统村落"], "town": ["三合镇"]}, index=pd.Index([V1]))
    result = build_ledger(parcels(), load_profile(), stats=stats, hazard_counts=pd.Series({V1: 3}))
    t = result.table.set_index("village_code")
    assert t.loc[V1].resident_ratio == pytest.approx(0.6)
    assert t.loc[V1].construction_per_resident_m2 == pytest.approx(3000 / 600, abs=0.01)
    assert t.loc[V1].town == "三合镇"
    assert t.loc[V1].hazard_points == 3
    assert t.loc[V2].hazard_points == 0
    assert math.isnan(t.loc[V2].resident_ratio)
    assert any(f.code == "village_without_stats" and V2 in f.message for f in result.findings)


def test_data_problems_are_reported_with_feature_ids():
    p = parcels()
    p.loc[0, "net_area"] = 9000.0  # inconsistent with TBMJ - KCMJ
    p.loc[1, "parcel_area"] = None
    p.loc[2, "land_class"] = "XX99"
    result = build_ledger(p, load_profile())
    codes = {f.code: f for f in result.findings}
    assert codes["net_area_mismatch"].feature_id == 1
    assert codes["null_value"].feature_id == 2 and codes["null_value"].field == "TBMJ"
    assert codes["unknown_class"].feature_id == 3 and "XX99" in codes["unknown_class"].message
    assert not result.findings.has_errors()


def test_meta_records_profile_and_year():
    result = build_ledger(parcels(), load_profile(), survey_year=2023, sources={"parcels": "x.gpkg"})
    assert result.meta["profile_name"] == "default-4+2"
    assert len(result.meta["profile_hash"]) == 64
    assert result.meta["survey_year"] == 2023
    assert result.meta["sources"] == {"parcels": "x.gpkg"}


def test_three_way_classification_and_the_4_plus_2_sums():
    """Construction land as in GB/T 21010-2017; agricultural land that is neither cultivated nor ecological apart."""
    rows = [
        # fid, ZLDWDM, DLBM, TBMJ, KCMJ, TBDLMJ, CZCSXM
        (1, V1 + "0010000", "1201", 400.0, 0.0, 400.0, "203"),     # vacant land in the village: construction
        (2, V1 + "0010000", "0603", 900.0, 0.0, 900.0, ""),        # salt pan: construction (mining), not wetland
        (3, V1 + "0010000", "0102", 3000.0, 150.0, 2850.0, ""),    # cultivated, with field ridges deducted
        (4, V1 + "0010000", "1104A", 500.0, 0.0, 500.0, ""),       # aquaculture pond
        (5, V1 + "0010000", "1107", 120.0, 0.0, 120.0, ""),        # ditch
        (6, V1 + "0010000", "1202", 200.0, 0.0, 200.0, ""),        # facility farmland
        (7, V1 + "0010000", "1203", 80.0, 0.0, 80.0, ""),          # a field ridge parcel
        (8, V1 + "0010000", "0202", 1000.0, 20.0, 980.0, ""),      # tea garden
        (9, V1 + "0010000", "1101", 700.0, 0.0, 700.0, ""),        # river: ecological
        (10, V1 + "0010000", "0402", 300.0, 0.0, 300.0, ""),       # marsh grassland: ecological
        (11, V1 + "0010000", "0307", 2000.0, 0.0, 2000.0, ""),     # forest: ecological
        (12, V1 + "0010000", "1206", 60.0, 0.0, 60.0, ""),         # bare soil: other (unused)
        (13, V1 + "0010000", "08H2A", 250.0, 0.0, 250.0, "201A"),  # higher education in the city
        (14, V1 + "0010000", "1201", 90.0, 0.0, 90.0, ""),         # vacant land elsewhere: other construction
    ]
    frame = pd.DataFrame(rows, columns=["fid", "zldwdm", "land_class", "parcel_area", "deducted_area", "net_area",
                                        "settlement_type"])
    result = build_ledger(frame, load_profile())
    assert not [f for f in result.findings if f.code == "unknown_class"]
    r = result.table.set_index("village_code").loc[V1]
    assert r.construction_ha == pytest.approx((400 + 900 + 250 + 90) / 1e4)
    assert r.village_construction_ha == pytest.approx(0.04)
    assert r.urban_construction_ha == pytest.approx(0.025)
    assert r.other_construction_ha == pytest.approx((900 + 90) / 1e4)
    assert r.cultivated_ha == pytest.approx(0.285)
    assert r.field_ridge_ha == pytest.approx((150 + 20) / 1e4)
    assert r.other_agricultural_ha == pytest.approx((500 + 120 + 200 + 80 + 980) / 1e4)
    assert r.ecological_ha == pytest.approx((700 + 300 + 2000) / 1e4)
    assert r.other_ha == pytest.approx(0.006)
    parts = (r.cultivated_ha + r.ecological_ha + r.construction_ha + r.other_agricultural_ha + r.other_ha
             + r.field_ridge_ha)
    assert parts == pytest.approx(r.total_ha, abs=1e-6)
    assert r.total_ha == pytest.approx(frame.parcel_area.sum() / 1e4)


def test_other_agricultural_land_is_shown_in_the_workbook_and_report(tmp_path):
    from openpyxl import load_workbook

    from village_planner.core.ledger_export import column_groups, write_html, write_workbook

    listed = [key for _, cols in column_groups() for key, _, _ in cols]
    assert "other_agricultural_ha" in listed and "other_ha" in listed
    result = build_ledger(parcels(), load_profile())
    ws = load_workbook(write_workbook(result, str(tmp_path / "ledger.xlsx"))).active
    heads = [c.value or "" for c in ws[3]]
    col = next(i for i, h in enumerate(heads) if h.startswith("Other agricultural land"))
    v1 = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == V1)
    assert v1[col] == pytest.approx(0.56)
    with open(write_html(result, str(tmp_path / "ledger.html")), encoding="utf-8") as fh:
        html = fh.read()
    assert "Other agricultural land" in html


def test_balanced_ledger_adds_up_across_and_down():
    """The workbook's figures: each row's accounts sum to its total, every column to the county row, the county
    total is the official total rounded; stored at two decimals."""
    from village_planner.core.balance import units
    from village_planner.core.ledger_export import HA_COLUMNS, LEDGER_PARTITIONS, balanced_table

    result = build_ledger(parcels(), load_profile())
    table, county = balanced_table(result.table)
    assert county["total_ha"] == round(parcels().parcel_area.sum() / 1e4 + 1e-9, 2)
    rows = table.to_dict("records")
    for row in rows + [county]:
        for parent, parts in LEDGER_PARTITIONS[:2] + LEDGER_PARTITIONS[3:]:
            assert sum(units(row[k]) for k in parts) == units(row[parent]), (row.get("village_code"), parent)
    for key in HA_COLUMNS:
        values = [r[key] for r in rows if r[key] == r[key]]
        for v in values:
            assert round(v, 2) == v
        if values:
            assert sum(units(v) for v in values) == units(county[key]), key
    # the raw table is left as it is (the ledger layer and the snapshots keep 0.01 m2)
    assert (result.table["total_ha"] != table["total_ha"]).any()
