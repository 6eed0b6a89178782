"""villageplanner:exportvillagemaps: PDFs read back with poppler, PNGs checked for colour."""

import os
import re
import subprocess

import pytest
from qgis.PyQt.QtGui import QColor, QImage

from tests.conftest import gpkg_layer


@pytest.fixture(scope="module")
def exported(sample_dir, out_dir, vp_provider):
    import processing

    folder = os.path.join(out_dir, "maps")
    res = processing.run("villageplanner:exportvillagemaps", {
        "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"),
        "PLANNED_LANDUSE": gpkg_layer(sample_dir, "GHDLTB"), "BASIC_FARMLAND": gpkg_layer(sample_dir, "YJJBNTTB"),
        "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"), "CONSTRUCTION_BOUNDARY": gpkg_layer(sample_dir, "CZJSBJ"),
        "VILLAGE_CODES": "500230001002,500230001004", "FORMAT": 2, "DPI": 96, "COMPILED_BY": "县规划院",
        "MERGE": True,
        "OUTPUT_FOLDER": folder})
    return res


def test_one_file_per_village_and_map(exported):
    assert exported["FAILED"] == 0
    files = exported["FILES"].splitlines()
    assert exported["EXPORTED"] == len(files) == 2 * 3 * 2 + 1
    book = next(f for f in files if f.endswith("村庄规划图集.pdf"))
    assert os.path.basename(book) == "500230001_村庄规划图集.pdf"
    info = subprocess.run(["pdfinfo", book], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+6\n", info)
    text = subprocess.run(["pdftotext", book, "-"], capture_output=True, text=True).stdout
    assert "高岭村村域综合现状图" in text and "兴坝村国土空间管控边界图" in text
    names = {os.path.basename(f) for f in files}
    assert "500230001002_高岭村_村域综合现状图.pdf" in names
    assert "500230001004_兴坝村_国土空间管控边界图.png" in names


def _pdf(exported, village, kind):
    return next(f for f in exported["FILES"].splitlines() if village + "_" in f and kind in f and f.endswith(".pdf"))


def test_pdfs_carry_searchable_chinese_text_and_an_embedded_cjk_font(exported):
    pdf = _pdf(exported, "500230001002", "现状图")
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+1\n", info)
    assert "1191 x 842 pts (A3)" in info
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "高岭村村域综合现状图" in text
    assert "0101 水田" in text
    assert "县规划院" in text
    assert re.search(r"耕地: 现状 [0-9.]+ 公顷, 规划 [0-9.]+ 公顷", text)  # maps are Chinese by default
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True).stdout
    line = next(x for x in fonts.splitlines() if "WenQuanYi" in x)
    assert " yes " in line  # embedded
    plan = subprocess.run(["pdftotext", _pdf(exported, "500230001002", "规划图"), "-"], capture_output=True,
                          text=True).stdout
    assert "高岭村村域国土空间规划图" in plan and "0703 农村宅基地" in plan
    control = subprocess.run(["pdftotext", _pdf(exported, "500230001004", "管控边界图"), "-"],
                             capture_output=True, text=True).stdout
    assert "Ecological protection red line" in control or "生态保护红线" in control


def test_pngs_are_not_blank_and_show_the_class_colours(exported):
    png = next(f for f in exported["FILES"].splitlines() if "500230001002" in f and "现状图" in f
               and f.endswith(".png"))
    image = QImage(png)
    assert image.width() > 1000
    colours = set()
    for x in range(0, image.width(), 7):
        for y in range(0, image.height(), 7):
            colours.add(QColor(image.pixel(x, y)).name())
    assert len(colours) > 20
    assert "#f5f0b4" in colours  # cultivated land in the national convention


def test_a_user_template_and_the_one_click_style(sample_dir, tmp_path, vp_provider):
    import processing
    from qgis.core import QgsVectorLayer

    from village_planner.core.codes import resource_path
    from village_planner.qgis_adapter.styles import apply_standard_style

    res = processing.run("villageplanner:exportvillagemaps", {
        "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"),
        "VILLAGE_CODES": "500230002001", "TEMPLATE": resource_path("templates", "maps", "village_map_A4.qpt"),
        "DPI": 72, "OUTPUT_FOLDER": str(tmp_path)})
    assert res["EXPORTED"] == 1 and res["FAILED"] == 0
    pdf = res["FILES"]
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    assert "842 x 595 pts (A4)" in info
    assert "村域综合现状图" in subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    planned = QgsVectorLayer(gpkg_layer(sample_dir, "GHDLTB"), "GHDLTB", "ogr")
    assert apply_standard_style(planned) == "GHDLBM"
    values = {c.value() for c in planned.renderer().categories()}
    present = {str(v) for v in planned.uniqueValues(planned.fields().indexOf("GHDLBM"))}
    assert values == present  # only the classes present
    qml = QgsVectorLayer(gpkg_layer(sample_dir, "GHDLTB"), "GHDLTB", "ogr")
    msg, ok = qml.loadNamedStyle(resource_path("styles", "planning_codes.qml"))
    assert ok, msg
    assert len(qml.renderer().categories()) > 80


def test_export_dialog_prefills_and_previews(qgis_iface, sample_dir, vp_provider):
    from qgis.core import QgsProject, QgsVectorLayer

    from village_planner.gui.export_dialog import ExportDialog

    project = QgsProject.instance()
    layers = [QgsVectorLayer(gpkg_layer(sample_dir, n), n, "ogr") for n in ("CJDCQ", "DLTB", "GHDLTB", "STBHHX")]
    project.addMapLayers(layers)
    try:
        got = []
        dialog = ExportDialog(None, got.append)
        assert dialog.combos["VILLAGES"].currentLayer().name() == "CJDCQ"
        assert dialog.combos["PLANNED_LANDUSE"].currentLayer().name() == "GHDLTB"
        villages = layers[0]
        villages.selectByIds([next(villages.getFeatures()).id()])
        dialog.selected_only.setChecked(True)
        image = dialog.preview()
        assert image is not None and not image.isNull() and image.width() == 840
        dialog.run()
        params = got[0]
        assert params["VILLAGE_CODES"] == "500230001001"
        assert params["MAPS"] == ["current", "plan", "control"]
        assert params["LANGUAGE"] == "zh"  # plan maps are Chinese documents whatever the interface
        # nothing selected with "selected villages": refused instead of exporting every village (issue 9)
        villages.removeSelection()
        dialog.run()
        assert len(got) == 1
    finally:
        for layer in layers:
            project.removeMapLayer(layer.id())


def test_a_village_that_fails_is_reported_and_the_others_export(sample_dir, tmp_path, vp_provider):
    """As when a PDF is open in a viewer and cannot be overwritten."""
    import processing
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.errors = []

        def reportError(self, error, fatalError=False):  # noqa: N802, N803
            self.errors.append(error)

    (tmp_path / "500230001002_高岭村_村域综合现状图.pdf").mkdir()
    feedback = Feedback()
    res = processing.run("villageplanner:exportvillagemaps", {
        "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"),
        "VILLAGE_CODES": "500230001002,500230001003", "DPI": 72, "OUTPUT_FOLDER": str(tmp_path)}, feedback=feedback)
    assert res["FAILED"] == 1 and res["EXPORTED"] == 1
    assert "500230001003" in res["FILES"]
    assert any("500230001002" in e and "高岭村" in e for e in feedback.errors)
