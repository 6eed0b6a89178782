"""The conflict dialog after a field merge, offscreen: conflicts listed field by field, decisions applied."""

import os
import sqlite3

import psycopg2
import pytest

from tests.qgis.test_field_postgis import office
from tests.qgis.test_field_verification import V1, merge, package, rows
from village_planner.core import field as fc
from village_planner.gui.conflict_dialog import dialog_for_merge
from village_planner.qgis_adapter.field_database import field_store


def edit_both_sides(pkg_folder, keys, office_update):
    con = sqlite3.connect(os.path.join(pkg_folder, "field_data.gpkg"))
    for i, key in enumerate(keys):
        con.execute("UPDATE homestead_survey SET status='危房', note=? WHERE uuid=?", ("field %d" % i, key))
    con.commit()
    con.close()
    for key in keys:
        office_update(key)


def check_dialog(store, package_path, keys, read):
    dialog = dialog_for_merge(store, package_path)
    assert dialog is not None and len(dialog.combos) == 3
    top = dialog.tree.topLevelItem(0)
    assert {top.child(i).text(0) for i in range(top.childCount())} >= {"使用状态 (status)", "备注 (note)"}
    status = [top.child(i) for i in range(top.childCount()) if top.child(i).text(0).endswith("(status)")][0]
    assert (status.text(1), status.text(2)) == ("危房", "已拆除")
    assert dialog.choices() == ["office"] * 3
    before = read()
    by_uuid = {c["uuid"]: i for i, c in enumerate(dialog.conflicts)}
    dialog.set_choice(by_uuid[keys[1]], "field")
    dialog.set_choice(by_uuid[keys[2]], "both")
    results = dialog.apply()
    assert not dialog.apply_button.isEnabled() and [r[1] for r in results].count("office") == 1
    now = read()
    assert now[keys[0]] == before[keys[0]]
    assert now[keys[1]]["status"] == "危房" and now[keys[1]]["row_version"] == before[keys[1]]["row_version"] + 1
    linked = [r for r in now.values() if r.get("linked_uuid") == keys[2]]
    assert len(linked) == 1 and linked[0]["status"] == "危房" and now[keys[2]] == before[keys[2]]
    dialog.close()
    # the decisions are in the merge's report: who chose what stays on record, and nothing is settled twice
    package_id = fc.read_manifest(package_path)[0]["package_id"]
    report = {r["uuid"]: r for r in store.merge_report(package_id) if r["action"] == "conflict"}
    assert [report[k]["resolution"] for k in keys] == ["office", "field", "both"]
    assert report[keys[2]]["resolved_uuid"] == linked[0]["uuid"] and report[keys[0]]["resolved_at"]
    assert dialog_for_merge(store, package_path) is None
    with pytest.raises(fc.ConflictSettled, match="already settled"):
        store.resolve_conflict("homestead_survey", keys[2], "both", dict(linked[0]), package_id=package_id)
    assert read() == now


def test_the_dialog_settles_the_conflicts_of_a_geopackage_merge(qgis_iface, sample_dir, vp_provider, tmp_path):
    db = str(tmp_path / "planning.gpkg")
    res = package(sample_dir, db, tmp_path / "out", villages=(V1,))
    keys = sorted(rows(db))[:3]

    def office_update(key):
        con = sqlite3.connect(db)
        con.execute("UPDATE homestead_survey SET status='已拆除' WHERE uuid=?", (key,))
        con.commit()
        con.close()

    edit_both_sides(res["PACKAGE"], keys, office_update)
    assert merge(res["PACKAGE"], db)["CONFLICTS"] == 3
    check_dialog(field_store(db), res["PACKAGE"], keys, lambda: rows(db))


def test_the_dialog_settles_the_conflicts_of_a_postgis_merge(qgis_iface, postgis, sample_dir, vp_provider, tmp_path):
    dsn = "host=%s port=%d dbname=%s user=postgres" % (postgis.host, postgis.port,
                                                       postgis.create_database("field_dialog"))
    res = package(sample_dir, dsn, tmp_path / "out", villages=(V1,))
    keys = sorted(office(dsn))[:3]

    def office_update(key):
        con = psycopg2.connect(dsn)
        with con, con.cursor() as cur:
            cur.execute("UPDATE vp_field.homestead_survey SET status = '已拆除' WHERE uuid = %s", (key,))
        con.close()

    edit_both_sides(res["PACKAGE"], keys, office_update)
    assert merge(res["PACKAGE"], dsn)["CONFLICTS"] == 3
    check_dialog(field_store(dsn), res["PACKAGE"], keys, lambda: office(dsn))


def test_the_merge_menu_entry_opens_the_dialog_after_a_merge_with_conflicts(qgis_iface, sample_dir, vp_provider,
                                                                               tmp_path):
    import village_planner
    from village_planner.processing.field_merge import LAST_MERGE

    db = str(tmp_path / "planning.gpkg")
    res = package(sample_dir, db, tmp_path / "out", villages=(V1,))
    key = sorted(rows(db))[0]
    con = sqlite3.connect(db)
    con.execute("UPDATE homestead_survey SET status='已拆除' WHERE uuid=?", (key,))
    con.commit()
    con.close()
    edit_both_sides(res["PACKAGE"], [key], lambda k: None)
    merge(res["PACKAGE"], db)
    assert LAST_MERGE["conflicts"] == 1 and LAST_MERGE["package"] == res["PACKAGE"]
    plugin = village_planner.classFactory(qgis_iface)
    dialog = plugin.open_conflicts(LAST_MERGE["database"], LAST_MERGE["package"])
    assert dialog.isVisible() and len(dialog.combos) == 1
    dialog.close()
