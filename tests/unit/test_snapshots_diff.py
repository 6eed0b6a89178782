"""Ledger snapshots in the planning GeoPackage and their comparison (no QGIS)."""

import sqlite3

import pandas as pd
import pytest

from village_planner.core.ledger import build_ledger
from village_planner.core.ledger_diff import diff_snapshots
from village_planner.core.profile import load_profile
from village_planner.store.snapshots import list_snapshots, load_snapshot, save_snapshot
from village_planner.store.sqlite import StoreError

V1, V2 = "500230001001", "500230001002"


def _parcels(cultivated=9500.0, homestead=3000.0):
    rows = [(1, V1 + "0010000", "0101", cultivated + 500, 500.0, cultivated, ""),
            (2, V1 + "0010000", "0702", homestead, 0.0, homestead, "203"),
            (3, V2 + "0010000", "0301", 50000.0, 0.0, 50000.0, "")]
    return pd.DataFrame(rows, columns=["fid", "zldwdm", "land_class", "parcel_area", "deducted_area", "net_area",
                                       "settlement_type"])


def test_snapshots_are_stored_listed_and_read_back(tmp_path):
    db = str(tmp_path / "planning.gpkg")
    first = build_ledger(_parcels(), load_profile(), survey_year=2020)
    second = build_ledger(_parcels(cultivated=8000.0, homestead=4500.0), load_profile(), survey_year=2023)
    a = save_snapshot(db, first, "base year")
    b = save_snapshot(db, second)
    assert (a, b) == (1, 2)
    snaps = list_snapshots(db)
    assert [s["survey_year"] for s in snaps] == [2020, 2023]
    assert snaps[0]["label"] == "base year"
    assert snaps[0]["profile_hash"] == load_profile().content_hash
    meta, rows = load_snapshot(db, a)
    assert rows.loc[V1, "cultivated_ha"] == pytest.approx(0.95)
    assert meta["villages"] == 2
    con = sqlite3.connect(db)
    assert con.execute("SELECT data_type FROM gpkg_contents WHERE table_name='vp_ledger_row'").fetchone()[0] == \
        "attributes"
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        con.execute("UPDATE vp_ledger_row SET cultivated_ha = 0")
    con.close()
    with pytest.raises(StoreError):
        load_snapshot(db, 99)


def test_a_file_that_is_not_a_geopackage_is_refused(tmp_path):
    bad = tmp_path / "notes.gpkg"
    sqlite3.connect(str(bad)).execute("CREATE TABLE x (a)").connection.commit()
    with pytest.raises(StoreError, match="not a GeoPackage"):
        save_snapshot(str(bad), build_ledger(_parcels(), load_profile()))


def test_diff_flags_losses_and_growth(tmp_path):
    db = str(tmp_path / "planning.gpkg")
    save_snapshot(db, build_ledger(_parcels(), load_profile(), survey_year=2020))
    save_snapshot(db, build_ledger(_parcels(cultivated=8000.0, homestead=4500.0), load_profile(), survey_year=2023))
    _, before = load_snapshot(db, 1)
    _, after = load_snapshot(db, 2)
    details, flags = diff_snapshots(before, after)
    flags = flags.set_index("village_code")
    assert flags.loc[V1, "flagged"] == 1
    assert "cultivated land decreased" in flags.loc[V1, "reasons"]
    assert "construction land grew" in flags.loc[V1, "reasons"]
    assert flags.loc[V2, "flagged"] == 0
    row = details[(details.village_code == V1) & (details.item == "cultivated_ha")].iloc[0]
    assert row.change == pytest.approx(-0.15)
    assert row.change_pct == pytest.approx(-0.15 / 0.95 * 100)


def test_sqlite_reasons_a_planner_meets_are_said_in_words(tmp_path, monkeypatch):
    import sqlite3

    import village_planner.store.sqlite as vp_sqlite
    from village_planner.store import field_store
    from village_planner.store.sqlite import StoreError

    text = tmp_path / "survey.gpkg"
    text.write_text("a CSV saved as .gpkg\n" * 200, encoding="utf-8")
    with pytest.raises(StoreError, match=r"survey.gpkg.*not a GeoPackage \(SQLite\) file"):
        field_store.merge_history(str(text))
    db = str(tmp_path / "planning.gpkg")
    holder = sqlite3.connect(db, isolation_level=None)  # a colleague's write transaction that does not end
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(vp_sqlite, "TIMEOUT_S", 0)  # rather than waiting the minute a planner would
    try:
        with pytest.raises(StoreError, match="another program .* is writing to it"):
            field_store.merge_history(db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
