"""The classification wizard, page by page, on the sample county (offscreen)."""

import os
import subprocess

import pytest
from qgis.core import QgsProject, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.core.classification import county_spread, percentile_rank
from village_planner.gui.classification_wizard import ClassifyWizard
from village_planner.store.classification import history


@pytest.fixture(scope="module")
def ledger_path(sample_dir, out_dir, vp_provider):
    import processing

    res = processing.run("villageplanner:resourceledger", {
        **{k: gpkg_layer(sample_dir, n) for k, n in (
            ("PARCELS", "DLTB"), ("VILLAGES", "CJDCQ"), ("ECO_REDLINE", "STBHHX"), ("DEV_BOUNDARY", "CZKFBJ"),
            ("HAZARDS", "DZZHD"))},
        "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"),
        "OUTPUT": os.path.join(out_dir, "wizard_ledger.gpkg")})
    return res["OUTPUT"]


def test_percentile_rank():
    assert percentile_rank([1, 2, 3, 4], 2) == 50
    assert percentile_rank([], 2) is None
    assert county_spread([4, None, 1, 2, 3], 2) == {"rank": 50, "median": 2.5, "low": 1, "high": 4}


def test_wizard_walks_from_data_check_to_guidance(qgis_iface, ledger_path, sample_dir, tmp_path, vp_provider):
    import processing

    villages_copy = str(tmp_path / "villages.gpkg")
    processing.run("native:savefeatures", {"INPUT": gpkg_layer(sample_dir, "CJDCQ"), "OUTPUT": villages_copy})
    project = QgsProject.instance()
    ledger = QgsVectorLayer(ledger_path, "ledger", "ogr")
    villages = QgsVectorLayer(villages_copy, "CJDCQ", "ogr")
    boundary = QgsVectorLayer(gpkg_layer(sample_dir, "CZKFBJ"), "CZKFBJ", "ogr")
    project.addMapLayers([ledger, villages, boundary])
    try:
        wiz = ClassifyWizard(qgis_iface)
        data = wiz.pages[0]
        assert data.ledger_combo.currentLayer() is ledger
        assert data.boundary_combo.currentLayer() is boundary
        assert data.villages_combo.currentLayer() is villages
        db = str(tmp_path / "planning.gpkg")
        data.db_edit.setText(db)
        assert not data.isComplete()
        assert data.run_check()
        assert data.isComplete()
        assert data.missing_list.count() == 1
        assert "500230002006" in data.missing_list.item(0).text()
        wiz.show()
        wiz.next()
        page = wiz.pages[1]
        assert wiz.currentPage() is page
        page.village_combo.setCurrentIndex(page.village_combo.findData("500230001003"))
        assert wiz.current().code == "500230001003" and wiz.current().name
        cells = {page.table.item(r, 0).text(): page.table.item(r, 1).text() for r in range(page.table.rowCount())}
        assert cells["geological hazard points"] == "4"
        assert page.table.item(1, 2).text().startswith("P")
        wiz.next()
        html = wiz.pages[2].view.toHtml()
        assert "R2" in html and "Relocation and merger" in html
        assert "What it would take" in html
        # the explanation's own "<" is text, not the start of a tag that cuts it short (issue 9)
        assert "< 0.35" in wiz.pages[2].view.toPlainText()
        wiz.next()
        decision = wiz.pages[3]
        decision.other_radio.setChecked(True)
        decision.category_combo.setCurrentIndex(decision.category_combo.findData("agglomeration"))
        decision.planner.setText("王工")
        wiz.next()  # refused: no reason
        assert wiz.currentPage() is decision
        assert "reason" in decision.error.text()
        assert history(db) == []
        decision.reason.setPlainText("地灾已治理，隐患点已核销")
        wiz.next()
        assert wiz.currentPage() is wiz.pages[4]
        hist = history(db)
        assert len(hist) == 1 and hist[0]["final_category"] == "agglomeration"
        assert hist[0]["override_reason"] == "地灾已治理，隐患点已核销"
        # the village layer got the category through its edit buffer, with the standard style
        assert villages.isEditable()
        cat = {f["ZLDWDM"][:12]: f["category"] for f in villages.getFeatures()}
        assert cat["500230001003"] == "agglomeration"
        assert [c.value() for c in villages.renderer().categories()][0] == "agglomeration"
        villages.undoStack().undo()
        assert villages.fields().indexOf("category") < 0  # the new field was part of the undone command
        villages.rollBack()
        # guidance for the decided category, exported
        guidance = wiz.pages[4]
        assert "Planning direction" in guidance.view.toHtml()
        html_path = guidance.export(str(tmp_path / "guidance.html"), "html")
        pdf_path = guidance.export(str(tmp_path / "guidance.pdf"), "pdf")
        with open(html_path, encoding="utf-8") as fh:
            assert "Upgrade the village in place" in fh.read()
        text = subprocess.run(["pdftotext", pdf_path, "-"], capture_output=True, text=True).stdout
        assert "Planning direction" in text
        wiz.done(0)
    finally:
        for layer in (ledger, villages, boundary):
            project.removeMapLayer(layer.id())


def test_batch_acceptance_shows_the_list_first(qgis_iface, ledger_path, tmp_path):
    project = QgsProject.instance()
    ledger = QgsVectorLayer(ledger_path, "ledger", "ogr")
    project.addMapLayer(ledger)
    try:
        wiz = ClassifyWizard(qgis_iface)
        db = str(tmp_path / "planning.gpkg")
        wiz.pages[0].db_edit.setText(db)
        wiz.pages[0].run_check()
        wiz.show()
        for _ in range(3):
            wiz.next()
        decision = wiz.pages[3]
        decision.planner.setText("李工")
        decision.batch.setChecked(True)
        assert not decision.batch_list.isHidden()
        assert decision.batch_list.rowCount() == 12
        wiz.next()
        assert len(history(db)) == 12
        assert {h["final_category"] for h in history(db)} == {h["suggested_category"] for h in history(db)}
        wiz.done(0)
    finally:
        project.removeMapLayer(ledger.id())
