"""The quota pool through its Processing algorithms on the sample county."""

import os

import pytest
from openpyxl import load_workbook
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import gpkg_layer


@pytest.fixture(scope="module")
def pool(sample_dir, out_dir, vp_provider, tmp_path_factory):
    import processing

    base = tmp_path_factory.mktemp("quota")
    ledger = processing.run("villageplanner:resourceledger", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
        "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"), "HAZARDS": gpkg_layer(sample_dir, "DZZHD"),
        "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"), "DEV_BOUNDARY": gpkg_layer(sample_dir, "CZKFBJ"),
        "OUTPUT": str(base / "ledger.gpkg")})["OUTPUT"]
    classes = processing.run("villageplanner:classifyvillages", {
        "LEDGER": ledger, "DEV_BOUNDARY": gpkg_layer(sample_dir, "CZKFBJ"),
        "OUTPUT": str(base / "classes.gpkg")})["OUTPUT"]
    db = str(base / "planning.gpkg")
    baseline = sum(f["construction_ha"] for f in QgsVectorLayer(ledger, "l", "ogr").getFeatures())
    res = processing.run("villageplanner:quotapoolcreate", {
        "DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": round(baseline + 10, 4), "LEDGER": ledger,
        "CLASSIFICATION": classes, "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"),
        "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX")})
    assert res["VILLAGES"] == 12
    return {"db": db, "base": base}


def move(db, kind, area, **kw):
    import processing

    params = {"DATABASE": db, "MOVEMENT": ["inflow", "allocate", "draw", "return", "transfer", "expire",
                                          "reverse"].index(kind),
              "AREA_HA": area, "DOCUMENT_NO": "丰都规资〔2026〕12号", "AUTHOR": "王工", "DATE": "2026-04-01"}
    params.update(kw)
    return processing.run("villageplanner:quotamovement", params)


def parcel(sample_dir, base, name, expression, predicate=None, overlay=None):
    import processing

    layer = processing.run("native:extractbyexpression", {"INPUT": gpkg_layer(sample_dir, "DLTB"),
                                                           "EXPRESSION": expression, "OUTPUT": "memory:"})["OUTPUT"]
    if overlay:
        layer = processing.run("native:extractbylocation", {"INPUT": layer, "PREDICATE": [predicate],
                                                             "INTERSECT": gpkg_layer(sample_dir, overlay),
                                                             "OUTPUT": "memory:"})["OUTPUT"]
    first = next(layer.getFeatures())
    path = str(base / (name + ".gpkg"))
    processing.run("native:extractbyattribute", {"INPUT": layer, "FIELD": "BSM", "OPERATOR": 0,
                                                 "VALUE": first["BSM"], "OUTPUT": path})
    return path


def test_a_year_of_movements_with_refusals(pool, sample_dir):
    db, base = pool["db"], pool["base"]
    assert move(db, "inflow", 6.0, SOURCE="reclamation", PROJECT="旧宅基地复垦")["POOL_BALANCE_HA"] == 6.0
    move(db, "inflow", 4.0, SOURCE="annual_plan")
    move(db, "allocate", 3.0, VILLAGE="500230002001")
    move(db, "allocate", 2.0, VILLAGE="500230001001")
    homestead = parcel(sample_dir, base, "homestead", "\"DLBM\" = '0702' and \"ZLDWDM\" like '500230002001%'")
    res = move(db, "draw", 0.3, VILLAGE="500230002001", PROJECT="村民建房", LAND_USE_CODE="0703",
               DRAW_GEOMETRY=homestead)
    assert res["SEQ"] == 5
    farmland = parcel(sample_dir, base, "farmland", "\"DLBM\" = '0101' and \"ZLDWDM\" like '500230002001%'", 6,
                      "YJJBNTTB")
    with pytest.raises(QgsProcessingException, match="basic_farmland") as err:
        move(db, "draw", 0.2, VILLAGE="500230002001", DRAW_GEOMETRY=farmland)
    assert "m2" in str(err.value)
    with pytest.raises(QgsProcessingException, match="balance"):
        move(db, "draw", 5.0, VILLAGE="500230002001")
    relocation = "500230001003"  # four hazard points: a relocation village
    with pytest.raises(QgsProcessingException, match="resettlement"):
        move(db, "allocate", 1.0, VILLAGE=relocation)
    move(db, "allocate", 1.0, VILLAGE=relocation, PURPOSE="resettlement")
    move(db, "transfer", 0.5, VILLAGE="500230001001", TO_VILLAGE="500230002001")
    move(db, "reverse", 0.5, REVERSES=7, NOTE="调剂撤回")
    move(db, "return", 1.0, VILLAGE="500230001001")

    import processing

    report = processing.run("villageplanner:quotareport", {
        "DATABASE": db, "OUTPUT": "memory:", "OUTPUT_XLSX": str(base / "pool.xlsx"),
        "OUTPUT_HTML": str(base / "pool.html")})
    assert report["VERIFIED"] == 1
    assert report["DRAWN_HA"] == pytest.approx(0.3)
    assert report["POOL_BALANCE_HA"] == pytest.approx(10 - 3 - 2 - 1 + 1)
    rows = {f["village_code"]: f for f in report["OUTPUT"].getFeatures()}
    assert rows["500230002001"]["balance_ha"] == pytest.approx(2.7)
    assert rows["500230001001"]["balance_ha"] == pytest.approx(1.0)
    assert rows["500230001003"]["allocated_ha"] == pytest.approx(1.0)
    wb = load_workbook(report["OUTPUT_XLSX"])
    assert wb.sheetnames == ["Pool", "Villages", "Journal", "Verification"]
    assert wb["Journal"].max_row == 1 + 9
    # the villages sheet: two decimals that add up to its total row, column by column (issue 12)
    vs = wb["Villages"]
    heads = [c.value for c in vs[1]]
    body = [[c.value for c in row] for row in vs.iter_rows(min_row=2)]
    total = body[-1]
    assert total[0] == "Total"
    for j, head in enumerate(heads):
        if head.endswith("(ha)"):
            values = [row[j] for row in body[:-1] if row[j] is not None]
            assert all(round(v, 2) == v for v in values)
            assert round(sum(values), 2) == pytest.approx(total[j], abs=1e-9)


def test_import_all_or_nothing(pool, tmp_path):
    import processing

    db = pool["db"]
    before = processing.run("villageplanner:quotareport", {"DATABASE": db, "OUTPUT": "memory:"})
    csv = tmp_path / "movements.csv"
    csv.write_bytes(("类型,面积（公顷）,村代码,批复文号,经办人,来源\r\n"
                     "inflow,1.5,,渝规资〔2026〕30号,李工,annual_plan\r\n"
                     "allocate,1.0,500230002002,渝规资〔2026〕31号,李工,\r\n"
                     "allocate,900,500230002002,渝规资〔2026〕32号,李工,\r\n").encode("gbk"))
    with pytest.raises(QgsProcessingException, match="1 of 3"):
        processing.run("villageplanner:quotaimport", {"DATABASE": db, "INPUT": str(csv)})
    after = processing.run("villageplanner:quotareport", {"DATABASE": db, "OUTPUT": "memory:"})
    assert after["POOL_BALANCE_HA"] == before["POOL_BALANCE_HA"]
    csv.write_bytes(("类型,面积（公顷）,村代码,批复文号,经办人,来源\r\n"
                     "inflow,1.5,,渝规资〔2026〕30号,李工,annual_plan\r\n"
                     "allocate,1.0,500230002002,渝规资〔2026〕31号,李工,\r\n").encode("gbk"))
    res = processing.run("villageplanner:quotaimport", {"DATABASE": db, "INPUT": str(csv)})
    assert res["APPLIED"] == 2
    final = processing.run("villageplanner:quotareport", {"DATABASE": db, "OUTPUT": "memory:"})
    assert final["POOL_BALANCE_HA"] == pytest.approx(before["POOL_BALANCE_HA"] + 0.5)
    assert final["VERIFIED"] == 1


def test_the_same_scenario_on_postgis(pool, sample_dir, postgis):
    """The algorithms take a PostgreSQL connection string as DATABASE."""
    import processing

    db = postgis.create_database("quota_alg")
    dsn = "host=%s port=%d dbname=%s user=postgres" % (postgis.host, postgis.port, db)
    base = pool["base"]
    res = processing.run("villageplanner:quotapoolcreate", {
        "DATABASE": dsn, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 5000, "BASELINE_CONSTRUCTION_HA": 4990,
        "LEDGER": str(base / "ledger.gpkg"), "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB")})
    assert res["VILLAGES"] == 12
    move(dsn, "inflow", 6.0, SOURCE="reclamation")
    move(dsn, "allocate", 3.0, VILLAGE="500230002001")
    homestead = parcel(sample_dir, base, "homestead_pg", "\"DLBM\" = '0702' and \"ZLDWDM\" like '500230002001%'")
    move(dsn, "draw", 0.3, VILLAGE="500230002001", DRAW_GEOMETRY=homestead)
    farmland = parcel(sample_dir, base, "farmland_pg", "\"DLBM\" = '0101' and \"ZLDWDM\" like '500230002001%'", 6,
                      "YJJBNTTB")
    with pytest.raises(QgsProcessingException, match="basic_farmland"):
        move(dsn, "draw", 0.2, VILLAGE="500230002001", DRAW_GEOMETRY=farmland)
    report = processing.run("villageplanner:quotareport", {"DATABASE": dsn, "OUTPUT": "memory:"})
    assert report["VERIFIED"] == 1
    assert report["POOL_BALANCE_HA"] == pytest.approx(3.0)
    assert report["DRAWN_HA"] == pytest.approx(0.3)


def test_quota_dock_shows_pool_villages_and_journal(pool, qgis_iface):
    from village_planner.gui.quota_dock import QuotaDock

    dock = QuotaDock(qgis_iface)
    dock.db_edit.setText(pool["db"])
    assert dock.refresh()
    assert "Available in the pool" in dock.summary.text()
    assert dock.villages.rowCount() == 12
    codes = {dock.villages.item(r, 0).text(): dock.villages.item(r, 3).text() for r in range(12)}
    assert float(codes["500230002001"]) > 0
    assert dock.chart.rows
    total = dock.journal.rowCount()
    assert total >= 9
    dock.kind_filter.setCurrentIndex(dock.kind_filter.findData("draw"))
    assert 0 < dock.journal.rowCount() < total
    assert all(dock.journal.item(r, 1).text() == "Draw for an approved project" for r in range(dock.journal.rowCount()))
    dock.village_filter.setText("500230001001")
    assert dock.journal.rowCount() == 0
    dock.db_edit.setText(str(pool["base"] / "nothing.gpkg"))
    assert not dock.refresh()
    assert "no quota pool" in dock.summary.text()
    dock.deleteLater()


def test_quota_dock_checks_a_draw_parcel_before_recording(pool, sample_dir, qgis_iface):
    from qgis.core import QgsVectorLayer

    from village_planner.gui.quota_dock import QuotaDock

    base = pool["base"]
    dock = QuotaDock(qgis_iface)
    dock.db_edit.setText(pool["db"])
    assert dock.refresh()
    farmland = QgsVectorLayer(parcel(sample_dir, base, "farmland_dock",
                                     "\"DLBM\" = '0101' and \"ZLDWDM\" like '500230002002%'", 6, "YJJBNTTB"),
                              "farmland", "ogr")
    result = dock.check_draw(farmland)
    assert result["refused"] and result["village"] == "500230002002"
    assert result["overlaps"]["basic_farmland"] > 100
    assert "would be refused" in dock.check_label.text()
    assert len(dock.bands) == 1  # the overlap is drawn on the map
    homestead = QgsVectorLayer(parcel(sample_dir, base, "homestead_dock",
                                      "\"DLBM\" = '0702' and \"ZLDWDM\" like '500230002002%'"), "home", "ogr")
    ok = dock.check_draw(homestead)
    assert not ok["refused"] and "can be recorded" in dock.check_label.text()
    assert dock.bands == []
    layer = dock.new_parcel_layer()
    assert layer.isEditable() and layer.crs().authid() == "EPSG:4545"
    layer.rollBack()
    dock.deleteLater()


def test_a_saved_qgis_connection_names_the_team_database(pool, postgis):
    """DATABASE=connection:NAME takes host, user and password from QGIS, not from the parameters."""
    import processing
    from qgis.core import QgsProviderRegistry

    db = postgis.create_database("quota_named")
    dsn = "host=%s port=%d dbname=%s user=postgres" % (postgis.host, postgis.port, db)
    processing.run("villageplanner:quotapoolcreate", {
        "DATABASE": dsn, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": 100, "BASELINE_CONSTRUCTION_HA": 90,
        "LEDGER": str(pool["base"] / "ledger.gpkg")})
    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    uri = "dbname='%s' host=%s port=%d user='postgres' sslmode=disable" % (db, postgis.host, postgis.port)
    metadata.saveConnection(metadata.createConnection(uri, {"saveUsername": True}), "county team")
    move("connection:county team", "inflow", 2.0, SOURCE="annual_plan")
    report = processing.run("villageplanner:quotareport", {"DATABASE": "connection:county team", "OUTPUT": "memory:"})
    assert report["POOL_BALANCE_HA"] == pytest.approx(2.0) and report["VERIFIED"] == 1
    with pytest.raises(QgsProcessingException, match="No PostgreSQL connection"):
        processing.run("villageplanner:quotareport", {"DATABASE": "connection:nobody", "OUTPUT": "memory:"})
