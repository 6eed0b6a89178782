"""The vp_field schema on PostGIS: versioned SQL (an upgraded database equals a fresh install), row_version kept by
the server."""

import psycopg2
import pytest

from tests.unit.test_field_merge import SRS, V1, forms, square
from village_planner.store import field_pg
from village_planner.store.field_pg import PgFieldStore

CATALOG = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default, ordinal_position "
               "FROM information_schema.columns WHERE table_schema = 'vp_field' ORDER BY 1, 6",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE connamespace = 'vp_field'::regnamespace ORDER BY 1, 2",
    "triggers": "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'vp_field.%' ORDER BY 1, 2",
    "functions": "SELECT proname, md5(prosrc) FROM pg_proc WHERE pronamespace = 'vp_field'::regnamespace ORDER BY 1",
    "meta": "SELECT key FROM vp_field.meta ORDER BY 1",
}


def dsn(server, db):
    return "host=%s port=%d dbname=%s user=postgres" % (server.host, server.port, db)


def catalog(conn):
    out = {}
    with conn.cursor() as cur:
        for key, sql in CATALOG.items():
            cur.execute(sql)
            out[key] = cur.fetchall()
    return out


@pytest.mark.parametrize("version", range(1, field_pg.LATEST + 1))
def test_an_upgraded_field_schema_equals_a_fresh_install(postgis, version):
    old = psycopg2.connect(dsn(postgis, postgis.create_database("field_v%d" % version)))
    fresh = psycopg2.connect(dsn(postgis, postgis.create_database("field_fresh_%d" % version)))
    field_pg.install(old, version=version)
    assert field_pg.schema_version(old) == version
    assert field_pg.upgrade(old) == list(range(version + 1, field_pg.LATEST + 1))
    field_pg.install(fresh)
    assert catalog(old) == catalog(fresh)
    assert field_pg.upgrade(fresh) == [] and field_pg.ensure(fresh) == []
    assert field_pg.schema_version(fresh) == field_pg.LATEST
    old.close()
    fresh.close()


def test_any_update_raises_row_version_and_a_row_without_uuid_gets_one(postgis):
    url = dsn(postgis, postgis.create_database("field_trigger"))
    store = PgFieldStore(url)
    f = forms()
    dbid = store.ensure_survey_schema(f, SRS)
    assert dbid and store.ensure_survey_schema(f, SRS) == dbid  # twice: same database, nothing added
    assert store.survey_srs()["srs_id"] == 4545
    assert store.seed("homestead_survey", [V1], [{"village_code": V1, "area_m2": 1.5, "geom": square(0, 0)}]) == 1
    assert store.seed("homestead_survey", [V1], [{"village_code": V1, "geom": square(0, 0)}]) == 0
    con = psycopg2.connect(url)
    with con, con.cursor() as cur:
        cur.execute("UPDATE vp_field.homestead_survey SET note = 'a'")
        cur.execute("UPDATE vp_field.homestead_survey SET note = 'b', row_version = 1")
        cur.execute("INSERT INTO vp_field.homestead_survey (village_code, uuid, row_version) VALUES (%s, '', 7)",
                    (V1,))
        cur.execute("SELECT note, row_version, length(uuid) FROM vp_field.homestead_survey ORDER BY fid")
        assert cur.fetchall() == [("b", 3, 36), (None, 1, 36)]
    con.close()
    rows = store.read_layer(f, "homestead_survey", [V1])
    assert rows[0]["geom"][:2] == b"GP" and rows[0]["area_m2"] == 1.5
