"""One movement, one database connection (issue 10): a draw is checked against the protection zones and
its village, written and its pool balance read back on the connection that holds the write transaction.

Before issue 10 the same draw opened 7 connections to the GeoPackage and 7 to PostGIS, 3 of them while
the write transaction was open."""

import sqlite3

import psycopg2
from qgis.core import QgsVectorLayer

from tests.conftest import gpkg_layer
from tests.unit.test_quota import CountedConnections

V = "500230002001"


def run(alg, params):
    import processing

    return processing.run("villageplanner:" + alg, params)


def a_year_then_count_a_draw(database, sample_dir, monkeypatch, driver):
    run("quotapoolcreate", {"DATABASE": database, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 1000.0,
                            "BASELINE_CONSTRUCTION_HA": 990.0, "VILLAGE_ZONES": gpkg_layer(sample_dir, "CJDCQ"),
                            "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"),
                            "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX")})
    common = {"DATABASE": database, "DOCUMENT_NO": "丰都规资〔2026〕1号", "AUTHOR": "王工", "DATE": "2026-04-01"}
    run("quotamovement", {**common, "MOVEMENT": "inflow", "AREA_HA": 20.0, "SOURCE": "annual_plan"})
    run("quotamovement", {**common, "MOVEMENT": "allocate", "AREA_HA": 5.0, "VILLAGE": V})
    parcels = QgsVectorLayer(gpkg_layer(sample_dir, "DLTB"), "parcels", "ogr")
    parcels.selectByExpression("\"DLBM\" = '0702' and \"ZLDWDM\" like '%s%%'" % V)
    fid = parcels.selectedFeatureIds()[0]
    parcels.selectByIds([fid])
    counter = CountedConnections(monkeypatch, driver)
    res = run("quotamovement", {**common, "MOVEMENT": "draw", "AREA_HA": 0.1, "VILLAGE": V,
                                "DRAW_GEOMETRY": parcels})
    assert res["SEQ"] == 3
    return counter.calls


def test_a_draw_opens_one_connection_to_the_geopackage(vp_provider, sample_dir, tmp_path, monkeypatch):
    assert a_year_then_count_a_draw(str(tmp_path / "pool.gpkg"), sample_dir, monkeypatch, sqlite3) == 1


def test_a_draw_opens_one_connection_to_postgis(vp_provider, sample_dir, postgis, monkeypatch):
    db = postgis.create_database("quota_connections")
    dsn = "host=%s port=%d dbname=%s user=postgres" % (postgis.host, postgis.port, db)
    assert a_year_then_count_a_draw(dsn, sample_dir, monkeypatch, psycopg2) == 1
