"""Field verification against a hostile laptop (issue 13 re-test): a replaced GeoPackage, tampered manifests,
values outside the forms, photos that point at office files, codes pasted from a sheet. Nothing already in the
planning database may change unless the package is sound."""

import json
import os
import shutil
import sqlite3
import struct

import pytest
from qgis.core import QgsProcessingException

from tests.conftest import gpkg_layer
from tests.qgis.test_field_verification import V1, V2, merge, package, rows
from village_planner.core import field as fc

V3 = "500230001004"


@pytest.fixture()
def two(sample_dir, vp_provider, tmp_path):
    db = str(tmp_path / "planning.gpkg")
    res = package(sample_dir, db, tmp_path / "out")
    return db, res["PACKAGE"], tmp_path


def _gpkg(folder):
    return os.path.join(folder, "field_data.gpkg")


def _sql(path, *statements):
    con = sqlite3.connect(path)
    for statement, args in statements:
        con.execute(statement, args)
    con.commit()
    con.close()


def _bytes(path):
    with open(path, "rb") as fh:
        return fh.read()


def test_a_geopackage_of_another_package_put_in_its_place_is_refused_and_deletes_nothing(two, sample_dir):
    db, pkg, tmp = two
    other = package(sample_dir, db, tmp / "other", villages=(V3,))["PACKAGE"]
    shutil.copy(_gpkg(other), _gpkg(pkg))
    before = _bytes(db)
    with pytest.raises(QgsProcessingException, match="not the GeoPackage of package"):
        merge(pkg, db)
    os.remove(_gpkg(pkg))
    with pytest.raises(QgsProcessingException, match="has no field_data.gpkg"):
        merge(pkg, db)
    assert _bytes(db) == before and not os.path.exists(_gpkg(pkg))


def test_a_uuid_twice_in_the_package_is_refused(two):
    db, pkg, _ = two
    key = sorted(rows(db))[0]
    con = sqlite3.connect(_gpkg(pkg))  # another tool rewrote the table without its UNIQUE(uuid)
    con.execute("CREATE TABLE loose AS SELECT * FROM homestead_survey")
    con.execute("DROP TABLE homestead_survey")
    con.execute("ALTER TABLE loose RENAME TO homestead_survey")
    con.execute("INSERT INTO homestead_survey SELECT * FROM homestead_survey WHERE uuid = ?", (key,))
    con.execute("UPDATE homestead_survey SET status = CASE WHEN rowid = (SELECT max(rowid) FROM homestead_survey) "
                "THEN '危房' ELSE '闲置' END WHERE uuid = ?", (key,))
    con.commit()
    assert con.execute("SELECT count(*) FROM homestead_survey WHERE uuid = ?", (key,)).fetchone()[0] == 2
    con.close()
    before = _bytes(db)
    with pytest.raises(QgsProcessingException, match="appears twice"):
        merge(pkg, db)
    assert _bytes(db) == before


def test_values_outside_the_forms_and_foreign_geometries_are_skipped_with_the_reason(two):
    db, pkg, _ = two
    keys = sorted(k for k, r in rows(db).items() if r["village_code"] == V1)
    point = b"GP\x00\x01" + struct.pack("<i", 4523) + b"\x01" + struct.pack("<I", 1) + struct.pack("<dd", 1, 2)
    _sql(_gpkg(pkg), ("UPDATE homestead_survey SET status = '随便' WHERE uuid = ?", (keys[0],)),
         ("UPDATE homestead_survey SET status = '闲置', area_m2 = '12,5' WHERE uuid = ?", (keys[1],)),
         ("UPDATE homestead_survey SET status = '闲置', geom = ? WHERE uuid = ?", (point, keys[2])),
         ("UPDATE homestead_survey SET status = '闲置' WHERE uuid = ?", (keys[3],)))
    before = rows(db)
    result = merge(pkg, db)
    report = {f["uuid"]: f for f in result["OUTPUT_REPORT"].getFeatures()}
    assert result["APPLIED"] == 1 and result["SKIPPED"] == 3 and report[keys[3]]["action"] == "update"
    assert [report[k]["action"] for k in keys[:3]] == ["skipped"] * 3
    assert "随便" in report[keys[0]]["reason"] and "12,5" in report[keys[1]]["reason"]
    assert "point" in report[keys[2]]["reason"] or "coordinate" in report[keys[2]]["reason"]
    now = rows(db)
    assert all(now[k] == before[k] for k in keys[:3]) and now[keys[3]]["status"] == "闲置"


def test_a_photo_naming_an_office_file_is_not_stored_and_never_goes_to_the_field(two, sample_dir, tmp_path):
    db, pkg, tmp = two
    secret = tmp_path / "office_secret.jpg"
    secret.write_bytes(b"\xff\xd8secret")
    key = sorted(rows(db))[0]
    _sql(_gpkg(pkg), ("UPDATE homestead_survey SET status = '在用', photo = ? WHERE uuid = ?", (str(secret), key)))
    result = merge(pkg, db)
    report = {f["uuid"]: f for f in result["OUTPUT_REPORT"].getFeatures()}
    assert report[key]["action"] == "update" and "outside the package" in report[key]["reason"]
    assert rows(db)[key]["photo"] in (None, "") and rows(db)[key]["status"] == "在用"
    _sql(db, ("UPDATE homestead_survey SET photo = ? WHERE uuid = ?", (str(secret), key)))  # even so
    again = package(sample_dir, db, tmp / "again")["PACKAGE"]
    assert os.listdir(os.path.join(again, "photos")) == []


def test_a_tampered_manifest_is_refused_in_words_and_one_saved_with_a_bom_is_read(two):
    db, pkg, _ = two
    path = os.path.join(pkg, "manifest.json")
    with open(path, encoding="utf-8") as fh:
        manifest = json.load(fh)
    before = _bytes(db)
    for bad in (5, dict(manifest, layers=[]), dict(manifest, villages=None),
                dict(manifest, layers={"homestead_survey": {"x": {"version": 1}}})):
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(bad, fh)
        with pytest.raises(QgsProcessingException, match="malformed"):
            merge(pkg, db)
    assert _bytes(db) == before
    with open(path, "w", encoding="utf-8-sig") as fh:  # Notepad on Windows
        json.dump(manifest, fh, ensure_ascii=False)
    assert merge(pkg, db)["APPLIED"] == 0


def test_a_row_hash_tampered_without_a_change_raises_no_row_version(two):
    db, pkg, _ = two
    path = os.path.join(pkg, "manifest.json")
    with open(path, encoding="utf-8") as fh:
        manifest = json.load(fh)
    for base in manifest["layers"]["homestead_survey"].values():
        base["hash"] = "0" * 64
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh)
    before = rows(db)
    assert merge(pkg, db)["APPLIED"] == 0
    assert rows(db) == before


def test_village_codes_pasted_with_any_separator_are_all_packaged_and_a_wrong_one_is_named(sample_dir, vp_provider,
                                                                                          tmp_path):
    import processing

    db = str(tmp_path / "planning.gpkg")
    res = package(sample_dir, db, tmp_path / "out", villages=("%s、%s\n" % (V1, V2),))
    with open(os.path.join(res["PACKAGE"], "manifest.json"), encoding="utf-8") as fh:
        assert json.load(fh)["villages"] == [V1, V2]
    for wrong in (V1 + "0", "5002300010O2"):
        with pytest.raises(QgsProcessingException, match="VILLAGE_CODES"):
            package(sample_dir, db, tmp_path / "out", villages=(wrong,))
    blocker = tmp_path / "a_file"
    blocker.write_text("x")
    fresh = str(tmp_path / "fresh.gpkg")
    with pytest.raises(QgsProcessingException, match="OUTPUT_FOLDER"):
        processing.run("villageplanner:fieldpackage", {
            "DATABASE": fresh, "VILLAGE_CODES": V1, "PARCELS": gpkg_layer(sample_dir, "DLTB"),
            "OUTPUT_FOLDER": str(blocker / "sub")})
    assert not os.path.exists(fresh)


def test_keep_both_counts_one_house_and_an_area_that_is_no_number_counts_nothing():
    rows_ = [{"village_code": V1, "status": "在用", "uuid": "a"},
             {"village_code": V1, "status": "闲置", "uuid": "b", "linked_uuid": "a", "area_m2": 80.0},
             {"village_code": V1, "status": "闲置", "uuid": "c", "area_m2": "12,5"}]
    fig = fc.homestead_figures(rows_)[V1]
    assert (fig["homesteads_surveyed"], fig["homesteads_in_use"], fig["homesteads_idle"]) == (2, 1, 1)
    assert fig["idle_homestead_m2"] == 0.0
