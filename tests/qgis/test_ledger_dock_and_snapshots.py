"""The Village ledger dock and ledger snapshots through Processing."""

import os

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.gui.ledger_dock import LedgerDock
from village_planner.qgis_adapter.settings import default_planning_db, planning_db, set_planning_db
from village_planner.store.snapshots import list_snapshots


@pytest.fixture(scope="module")
def ledger_layer(sample_dir, out_dir, vp_provider):
    import processing

    res = processing.run("villageplanner:resourceledger", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
        "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"), "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"),
        "OUTPUT": os.path.join(out_dir, "dock_ledger.gpkg")})
    return res["OUTPUT"]  # a path: pytest-qgis deletes layers that fixtures return


def test_dock_lists_searches_and_shows_a_village(qgis_iface, ledger_layer, sample_dir):
    ledger_layer = QgsVectorLayer(ledger_layer, "ledger", "ogr")
    assert ledger_layer.isValid()
    project = QgsProject.instance()
    project.addMapLayer(ledger_layer)
    villages = QgsVectorLayer(gpkg_layer(sample_dir, "CJDCQ"), "CJDCQ", "ogr")
    project.addMapLayer(villages)
    try:
        dock = LedgerDock(qgis_iface)
        assert dock.layer_combo.currentLayer() is ledger_layer
        assert dock.list.count() == 13
        dock.search.setText("500230001002")
        visible = [dock.list.item(i) for i in range(dock.list.count()) if not dock.list.item(i).isHidden()]
        assert len(visible) == 1
        html = dock.show_village("500230001002")
        row = dock.rows["500230001002"]
        assert row["village_name"] in html
        assert "{:.2f}".format(row["cultivated_ha"] * 15) in html  # mu beside hectares
        assert "国家级传统村落" in html
        assert dock.chart.values and dock.chart.values[0][1] == pytest.approx(row["cultivated_ha"])
        assert "development boundary" in html  # warned: that layer was not given

        # follows the map selection, on the ledger layer and on the village layer
        target = next(f for f in ledger_layer.getFeatures() if f["village_code"] == "500230001004")
        ledger_layer.selectByIds([target.id()])
        dock.follow_selection(ledger_layer)
        assert dock.list.currentItem().data(0x0100) == "500230001004"
        feat = next(f for f in villages.getFeatures() if f["ZLDWDM"].startswith("500230002003"))
        villages.selectByIds([feat.id()])
        dock.follow_selection(villages)
        assert dock.list.currentItem().data(0x0100) == "500230002003"
        no_stats = dock.show_village("500230002006")
        assert "No row in the village statistics" in no_stats
        # values from data are escaped (issue 9): shown as written, never loaded as markup
        hostile = dict(dock.rows["500230002006"], village_name="a < b <img src='/etc/x.png'>", town="<b>镇</b>")
        page = dock.render_html(hostile)
        assert "<img" not in page and "&lt;img" in page and "&lt;b&gt;镇" in page
        dock.view.setHtml(page)
        assert "a < b <img src='/etc/x.png'>" in dock.view.toPlainText()
        # a ledger built while the dock is open is shown at once
        other = QgsVectorLayer(ledger_layer.source(), "ledger 2023", "ogr")
        project.addMapLayer(other)
        assert dock.layer_combo.currentLayer() is other
        assert dock.list.count() == 13
        project.removeMapLayer(other.id())
        dock.deleteLater()
    finally:
        project.removeMapLayer(villages.id())
        project.takeMapLayer(ledger_layer)


def test_snapshots_go_to_the_projects_planning_geopackage(sample_dir, tmp_path, vp_provider):
    import processing

    project = QgsProject.instance()
    project.clear()
    qgs = str(tmp_path / "county.qgs")
    project.write(qgs)
    db = default_planning_db(project)
    assert db == str(tmp_path / "county_planning.gpkg")
    set_planning_db(db, project)
    project.write()
    assert planning_db(project) == db
    params = {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
              "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"), "OUTPUT": "memory:"}
    first = processing.run("villageplanner:resourceledger", dict(params, SURVEY_YEAR=2020, SNAPSHOT_LABEL="base"))
    assert first["SNAPSHOT_ID"] == 1
    # the 2023 change survey: some farmland became homesteads
    changed = str(tmp_path / "dltb2023.gpkg")
    processing.run("native:fieldcalculator", {
        "INPUT": gpkg_layer(sample_dir, "DLTB"), "FIELD_NAME": "DLBM", "FIELD_TYPE": 2, "FIELD_LENGTH": 5,
        "FORMULA": "if(\"DLBM\" = '0101' and \"ZLDWDM\" like '500230001001%' and $id % 5 = 0, '0702', \"DLBM\")",
        "OUTPUT": changed})
    second = processing.run("villageplanner:resourceledger", dict(
        params, PARCELS=changed + "|layername=dltb2023", SURVEY_YEAR=2023))
    assert second["SNAPSHOT_ID"] == 2
    snaps = list_snapshots(db)
    assert [s["survey_year"] for s in snaps] == [2020, 2023]
    diff = processing.run("villageplanner:ledgerdiff", {"PLANNING_DB": db, "OUTPUT": "memory:",
                                                        "OUTPUT_XLSX": str(tmp_path / "diff.xlsx")})
    rows = {f["village_code"]: f for f in diff["OUTPUT"].getFeatures()}
    assert diff["FLAGGED"] == 1
    v1 = rows["500230001001"]
    assert v1["flagged"] == 1
    assert v1["cultivated_change_ha"] < 0 and v1["construction_change_ha"] > 0
    assert v1["cultivated_change_ha"] == pytest.approx(-v1["construction_change_ha"], rel=0.2)
    assert rows["500230001002"]["flagged"] == 0
    assert os.path.exists(diff["OUTPUT_XLSX"])
    project.clear()


def test_dock_shows_the_field_verification_of_homesteads(qgis_iface):
    from village_planner.gui.ledger_dock import LedgerDock

    dock = LedgerDock(qgis_iface)
    try:
        rec = {"village_code": "500230001002", "village_name": "高岭村", "homesteads_surveyed": 12,
               "homesteads_in_use": 8, "homesteads_idle": 3, "homesteads_multiple": 1, "homesteads_dilapidated": 1,
               "homesteads_demolished": 0, "idle_homestead_m2": 2500.0}
        html = dock.render_html(rec)
        assert "Field verification: homesteads" in html and "0.25" in html
        assert "Field verification" not in dock.render_html(dict(rec, homesteads_surveyed=0))
    finally:
        dock.deleteLater()
