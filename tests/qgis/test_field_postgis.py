"""Field verification on a team's PostGIS: package two villages, edit, merge back, a conflict, a second merge."""

import os
import sqlite3

import psycopg2
import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.qgis.test_field_verification import V1, V2, merge, package
from village_planner.core import field as fc
from village_planner.paths import resource
from village_planner.store.field_pg import PgFieldStore


@pytest.fixture()
def pg_db(postgis, request):
    name = "field_%s" % request.node.name.lower()[:40].replace("-", "_").replace("[", "_").replace("]", "")
    postgis.create_database(name)
    return "host=%s port=%d dbname=%s user=postgres" % (postgis.host, postgis.port, name)


def office(dsn, layer="homestead_survey"):
    forms = fc.load_forms(resource("forms", "field_forms.json"))
    return {r["uuid"]: r for r in PgFieldStore(dsn).read_layer(forms, layer)}


def test_a_postgis_database_is_packaged_edited_merged_back_with_a_conflict_and_refused_twice(
        pg_db, sample_dir, vp_provider, tmp_path):
    res = package(sample_dir, pg_db, tmp_path / "out")
    seeded = office(pg_db)
    assert seeded and {r["village_code"] for r in seeded.values()} == {V1, V2}
    assert all(r["row_version"] == 1 for r in seeded.values())
    assert len(office(pg_db, "hazard_check")) >= 1
    pkg = os.path.join(res["PACKAGE"], "field_data.gpkg")
    assert QgsVectorLayer(pkg + "|layername=homestead_survey", "h", "ogr").featureCount() == len(seeded)

    upd, both, gone = sorted(seeded)[:3]
    with open(os.path.join(res["PACKAGE"], "photos", "house.jpg"), "wb") as fh:
        fh.write(b"\xff\xd8jpeg-pg")
    con = sqlite3.connect(pkg)  # the field: an update, one edited on both sides, a delete, an insert with a photo
    con.execute("UPDATE homestead_survey SET status='闲置' WHERE uuid=?", (upd,))
    con.execute("UPDATE homestead_survey SET status='危房' WHERE uuid=?", (both,))
    con.execute("DELETE FROM homestead_survey WHERE uuid=?", (gone,))
    con.execute("INSERT INTO homestead_survey (geom, uuid, village_code, status, photo, row_version) "
                "SELECT geom, 'new-field-row', village_code, '在用', 'photos/house.jpg', 1 FROM homestead_survey "
                "WHERE uuid=?", (upd,))
    con.commit()
    con.close()
    pg = psycopg2.connect(pg_db)  # the office, with psql-like SQL: the server's trigger raises row_version
    with pg, pg.cursor() as cur:
        cur.execute("UPDATE vp_field.homestead_survey SET status = '已拆除' WHERE uuid = %s", (both,))
    assert office(pg_db)[both]["row_version"] == 2

    result = merge(res["PACKAGE"], pg_db)
    assert result["APPLIED"] == 3 and result["CONFLICTS"] == 1
    report = {f["uuid"]: f for f in result["OUTPUT_REPORT"].getFeatures()}
    assert report[both]["action"] == "conflict" and "status=危房" in report[both]["field_values"]
    now = office(pg_db)
    assert now[upd]["status"] == "闲置" and now[upd]["row_version"] == 2
    assert now[both]["status"] == "已拆除" and now[both]["row_version"] == 2
    assert gone not in now
    assert now["new-field-row"]["photo"].startswith("attachments/")
    assert now["new-field-row"]["village_code"] == seeded[upd]["village_code"]
    with pg.cursor() as cur:
        cur.execute("SELECT count(*), min(length(content)) FROM vp_field.attachment")
        assert cur.fetchone() == (1, len(b"\xff\xd8jpeg-pg"))
        cur.execute("SELECT surveyor, updated, conflicts FROM vp_field.merge")
        assert cur.fetchall() == [("李工", 1, 1)]

    with pytest.raises(QgsProcessingException, match="already merged"):
        merge(res["PACKAGE"], pg_db)
    assert office(pg_db) == now
    pg.close()


def test_a_merge_failing_halfway_on_postgis_changes_nothing(pg_db, sample_dir, vp_provider, tmp_path):
    from village_planner.core.field import read_manifest
    from village_planner.store import field_store as fs

    res = package(sample_dir, pg_db, tmp_path / "out", villages=(V1,))
    pkg = os.path.join(res["PACKAGE"], "field_data.gpkg")
    con = sqlite3.connect(pkg)
    con.execute("UPDATE homestead_survey SET status='闲置'")
    con.commit()
    con.close()
    before = office(pg_db)
    forms = fc.load_forms(resource("forms", "field_forms.json"))
    manifest, digest = read_manifest(res["PACKAGE"])

    def fail():
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        PgFieldStore(pg_db).merge(forms, manifest, digest, fs.read_package_layers(pkg, forms), res["PACKAGE"],
                                  before_commit=fail)
    assert office(pg_db) == before
    assert PgFieldStore(pg_db).merge_history() == []
    assert merge(res["PACKAGE"], pg_db)["APPLIED"] == len(before)


def test_a_password_in_the_connection_string_never_shows_in_an_error(postgis):
    from village_planner.qgis_adapter.field_database import field_store
    from village_planner.store.sqlite import StoreError

    dsn = "host=%s port=%d dbname=nosuchdb user=postgres password=s3cret" % (postgis.host, postgis.port)
    store = field_store(dsn)
    assert store.kind == "postgis" and "s3cret" not in store.label
    with pytest.raises(StoreError) as err:
        store.merge_history()
    assert "nosuchdb" in str(err.value) and "s3cret" not in str(err.value)


def test_photos_kept_in_postgis_go_into_the_next_package(pg_db, sample_dir, vp_provider, tmp_path):
    res = package(sample_dir, pg_db, tmp_path / "out", villages=(V1,))
    key = sorted(office(pg_db))[0]
    with open(os.path.join(res["PACKAGE"], "photos", "door.jpg"), "wb") as fh:
        fh.write(b"\xff\xd8door-pg")
    con = sqlite3.connect(os.path.join(res["PACKAGE"], "field_data.gpkg"))
    con.execute("UPDATE homestead_survey SET status='闲置', photo='photos/door.jpg' WHERE uuid=?", (key,))
    con.commit()
    con.close()
    assert merge(res["PACKAGE"], pg_db)["APPLIED"] == 1
    stored = office(pg_db)[key]["photo"]
    second = package(sample_dir, pg_db, tmp_path / "out2", villages=(V1,))
    with open(os.path.join(second["PACKAGE"], "photos", stored.split("/")[-1]), "rb") as fh:
        assert fh.read() == b"\xff\xd8door-pg"
    out = merge(second["PACKAGE"], pg_db)
    assert out["APPLIED"] == 0 and out["CONFLICTS"] == 0 and office(pg_db)[key]["photo"] == stored


def test_the_ledger_reads_the_homestead_figures_from_the_teams_postgis(pg_db, sample_dir, vp_provider, tmp_path):
    import processing

    from tests.conftest import gpkg_layer

    package(sample_dir, pg_db, tmp_path / "out", villages=(V1,))
    keys = sorted(office(pg_db))
    pg = psycopg2.connect(pg_db)  # the office marks two homesteads as verified
    with pg, pg.cursor() as cur:
        cur.execute("UPDATE vp_field.homestead_survey SET status = '闲置' WHERE uuid = %s", (keys[0],))
        cur.execute("UPDATE vp_field.homestead_survey SET status = '已拆除' WHERE uuid = %s", (keys[1],))
        cur.execute("SELECT area_m2 FROM vp_field.homestead_survey WHERE uuid = %s", (keys[0],))
        idle_m2 = cur.fetchone()[0]
    pg.close()
    res = processing.run("villageplanner:resourceledger", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
        "SURVEY_DB": pg_db, "OUTPUT": str(tmp_path / "ledger.gpkg")})
    by_code = {f["village_code"]: f for f in QgsVectorLayer(res["OUTPUT"], "l", "ogr").getFeatures()}
    assert by_code[V1]["homesteads_idle"] == 1 and by_code[V1]["homesteads_demolished"] == 1
    assert abs(by_code[V1]["idle_homestead_m2"] - idle_m2) < 0.01 and by_code[V2]["homesteads_surveyed"] == 0


def test_a_planner_role_packages_merges_and_settles_on_layers_an_admin_made_and_a_viewer_only_reads(
        pg_db, postgis, sample_dir, vp_provider, tmp_path):
    from village_planner.store.sqlite import StoreError

    package(sample_dir, pg_db, tmp_path / "admin", villages=(V1,))  # the county's admin sets the survey up
    for role in ("fplanner1", "fviewer1"):
        postgis.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN "
                     "CREATE ROLE %s LOGIN IN ROLE vp_%s; END IF; END $$" % (role, role, role[1:-1]))
    as_planner, as_viewer = pg_db.replace("user=postgres", "user=fplanner1"), \
        pg_db.replace("user=postgres", "user=fviewer1")
    res = package(sample_dir, as_planner, tmp_path / "planner", villages=(V1,))
    keys = sorted(office(pg_db))
    con = sqlite3.connect(os.path.join(res["PACKAGE"], "field_data.gpkg"))
    con.execute("UPDATE homestead_survey SET status='闲置' WHERE uuid IN (?, ?)", tuple(keys[:2]))
    con.commit()
    con.close()
    pg = psycopg2.connect(as_planner)  # the planner's own office edit still raises row_version
    with pg, pg.cursor() as cur:
        cur.execute("UPDATE vp_field.homestead_survey SET status = '危房' WHERE uuid = %s", (keys[1],))
    pg.close()
    with pytest.raises(QgsProcessingException, match="permission denied"):
        merge(res["PACKAGE"], as_viewer)
    assert office(pg_db)[keys[0]]["row_version"] == 1
    result = merge(res["PACKAGE"], as_planner)
    assert result["APPLIED"] == 1 and result["CONFLICTS"] == 1
    package_id = fc.read_manifest(res["PACKAGE"])[0]["package_id"]
    field_row = dict(office(pg_db)[keys[1]], status="闲置")
    assert PgFieldStore(as_planner).resolve_conflict("homestead_survey", keys[1], "field", field_row,
                                                     package_id=package_id) == keys[1]
    now = office(pg_db)
    assert now[keys[0]]["row_version"] == 2 and now[keys[1]]["status"] == "闲置" and now[keys[1]]["row_version"] == 3
    assert PgFieldStore(as_viewer).homestead_figures()[V1]["homesteads_idle"] == 2
    with pytest.raises(StoreError, match="permission denied"):
        PgFieldStore(as_viewer).resolve_conflict("homestead_survey", keys[1], "both", field_row,
                                                 package_id=package_id)
