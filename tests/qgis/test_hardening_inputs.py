"""Issue 9: messy deliveries and careless hands. Each case once crashed or gave a wrong figure."""

import os
import shutil
import subprocess

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.qgis_adapter import settings
from village_planner.qgis_adapter.fields import save_mapping


def _run(alg, params):
    import processing

    return processing.run("villageplanner:" + alg, params)


def _sql(path, statement):
    subprocess.run(["ogrinfo", "-q", path, "-dialect", "sqlite", "-sql", statement], check=True,
                   capture_output=True)


def _copy(sample_dir, tmp_path, name="county.gpkg"):
    path = str(tmp_path / name)
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), path)
    return path


def _findings(path):
    layer = QgsVectorLayer(path, "findings", "ogr")
    return [{k: f[k] for k in ("severity", "code", "layer", "feature_id", "field", "message")}
            for f in layer.getFeatures()]


def _is_null(value):
    return value is None or (hasattr(value, "isNull") and value.isNull())


def _ledger_rows(path):
    layer = QgsVectorLayer(path, "ledger", "ogr")
    return {f["village_code"]: f for f in layer.getFeatures()}


# 1. NULL geometries -------------------------------------------------------------------
@pytest.fixture(scope="module")
def null_geometries(sample_dir, tmp_path_factory):
    path = _copy(sample_dir, tmp_path_factory.mktemp("nullgeom"))
    _sql(path, "UPDATE DLTB SET geom = NULL WHERE fid <= 100")
    return path


def test_checker_reports_null_geometries_by_feature(null_geometries, tmp_path, vp_provider):
    res = _run("checklayers", {"PARCELS": null_geometries + "|layername=DLTB",
                               "VILLAGES": null_geometries + "|layername=CJDCQ", "OUTPUT": str(tmp_path / "c.gpkg")})
    found = [f for f in _findings(res["OUTPUT"]) if f["code"] == "empty_geometry"]
    assert len(found) == 1, found  # the parcels only: the villages' geometries are all there
    assert found[0]["layer"] == "DLTB" and found[0]["feature_id"] == "1"
    assert found[0]["message"].startswith("100 ")


def test_ledger_with_overlays_and_null_geometries(null_geometries, sample_dir, tmp_path, vp_provider):
    res = _run("resourceledger", {"PARCELS": null_geometries + "|layername=DLTB",
                                  "VILLAGES": null_geometries + "|layername=CJDCQ",
                                  "BASIC_FARMLAND": null_geometries + "|layername=YJJBNTTB",
                                  "HAZARDS": gpkg_layer(sample_dir, "DZZHD"), "OUTPUT": str(tmp_path / "l.gpkg")})
    base = _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"),
                                   "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "OUTPUT": str(tmp_path / "b.gpkg")})
    rows, base_rows = _ledger_rows(res["OUTPUT"]), _ledger_rows(base["OUTPUT"])
    # official areas come from attributes: a parcel without geometry still counts
    assert {c: r["total_ha"] for c, r in rows.items()} == pytest.approx(
        {c: r["total_ha"] for c, r in base_rows.items()})


# 2. areas that are not numbers, not finite or negative ---------------------------------
@pytest.fixture(scope="module")
def text_areas(sample_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("textareas")
    path = str(folder / "text.gpkg")
    fields = [f.name() for f in QgsVectorLayer(gpkg_layer(sample_dir, "DLTB"), "d", "ogr").fields()
              if f.name().lower() != "fid"]
    select = ", ".join("CAST(TBMJ AS TEXT) AS TBMJ" if f == "TBMJ" else f for f in fields)
    subprocess.run(["ogr2ogr", "-f", "GPKG", path, os.path.join(sample_dir, "county.gpkg"), "-dialect", "sqlite",
                    "-sql", "SELECT fid, geom, %s FROM DLTB" % select, "-nln", "DLTB", "-preserve_fid"],
                   check=True, capture_output=True)
    subprocess.run(["ogr2ogr", "-f", "GPKG", "-update", path, os.path.join(sample_dir, "county.gpkg"), "CJDCQ"],
                   check=True, capture_output=True)
    return path


@pytest.mark.parametrize("value,code", [("inf", "area_not_finite"), ("-inf", "area_not_finite"),
                                        ("abc", "area_not_number"), ("12.5平方米", "area_not_number"),
                                        ("-12000000", "area_negative")])
def test_bad_text_areas_are_errors_naming_features(text_areas, tmp_path, value, code, vp_provider):
    path = str(tmp_path / "t.gpkg")
    shutil.copy(text_areas, path)
    _sql(path, "UPDATE DLTB SET TBMJ = '%s' WHERE fid IN (7, 9)" % value)
    res = _run("checklayers", {"PARCELS": path + "|layername=DLTB", "OUTPUT": str(tmp_path / "c.gpkg")})
    assert res["ERRORS"] >= 1
    bad = [f for f in _findings(res["OUTPUT"]) if f["code"] == code]
    assert bad and bad[0]["severity"] == "ERROR" and bad[0]["field"] == "TBMJ" and bad[0]["feature_id"] == "7"
    assert "7, 9" in bad[0]["message"]
    assert not [f for f in _findings(res["OUTPUT"]) if f["code"] == "null_value"]
    if code == "area_not_finite":  # -inf is infinite, not also "negative"
        assert not [f for f in _findings(res["OUTPUT"]) if f["code"] == "area_negative"]
    out = str(tmp_path / "l.gpkg")
    with pytest.raises(QgsProcessingException, match="7, 9"):
        _run("resourceledger", {"PARCELS": path + "|layername=DLTB", "VILLAGES": path + "|layername=CJDCQ",
                                "OUTPUT": out})
    assert not os.path.exists(out)  # no partial output


def test_text_areas_that_are_numbers_give_the_same_ledger(text_areas, sample_dir, tmp_path, vp_provider):
    res = _run("resourceledger", {"PARCELS": text_areas + "|layername=DLTB",
                                  "VILLAGES": text_areas + "|layername=CJDCQ", "OUTPUT": str(tmp_path / "l.gpkg")})
    base = _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"),
                                   "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "OUTPUT": str(tmp_path / "b.gpkg")})
    rows, base_rows = _ledger_rows(res["OUTPUT"]), _ledger_rows(base["OUTPUT"])
    assert {c: r["total_ha"] for c, r in rows.items()} == pytest.approx(
        {c: r["total_ha"] for c, r in base_rows.items()}, abs=1e-4)


def test_negative_and_infinite_real_areas(sample_dir, tmp_path, vp_provider):
    path = _copy(sample_dir, tmp_path)
    _sql(path, "UPDATE DLTB SET TBMJ = -12000000 WHERE fid IN (11, 12, 13, 14, 15)")
    _sql(path, "UPDATE DLTB SET KCMJ = 9e999 WHERE fid = 20")
    res = _run("checklayers", {"PARCELS": path + "|layername=DLTB", "OUTPUT": str(tmp_path / "c.gpkg")})
    found = {f["code"]: f for f in _findings(res["OUTPUT"])}
    assert found["area_negative"]["feature_id"] == "11" and "11, 12, 13, 14, 15" in found["area_negative"]["message"]
    assert found["area_not_finite"]["field"] == "KCMJ" and found["area_not_finite"]["feature_id"] == "20"
    assert found["net_area_mismatch"]["severity"] == "WARNING"  # TBDLMJ + KCMJ no longer equals TBMJ
    with pytest.raises(QgsProcessingException, match="TBMJ"):
        _run("resourceledger", {"PARCELS": path + "|layername=DLTB", "OUTPUT": str(tmp_path / "l.gpkg")})


# 3. a field mapping that points to a field the layer no longer has -----------------------
def test_stale_field_mapping_is_an_error(sample_dir, tmp_path, vp_provider):
    project = QgsProject.instance()
    save_mapping("parcels", {"parcel_area": "MJ_2023"}, project)
    try:
        res = _run("checklayers", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": str(tmp_path / "c.gpkg")})
        stale = [f for f in _findings(res["OUTPUT"]) if f["code"] == "stale_field_mapping"]
        assert stale and stale[0]["severity"] == "ERROR" and stale[0]["field"] == "MJ_2023"
        with pytest.raises(QgsProcessingException, match="MJ_2023"):
            _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": str(tmp_path / "l.gpkg")})
    finally:
        settings.remove(settings.FIELD_MAPPING, project)


# 9. outputs that cannot be written ----------------------------------------------------------
def test_unwritable_workbook_leaves_no_partial_output(sample_dir, tmp_path, vp_provider):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    out = str(tmp_path / "l.gpkg")
    with pytest.raises(QgsProcessingException, match="OUTPUT_XLSX"):
        _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": out,
                                "OUTPUT_XLSX": str(blocker / "ledger.xlsx")})
    assert not os.path.exists(out)


def test_checker_with_unwritable_output_fails(sample_dir, tmp_path, vp_provider):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("x")
    with pytest.raises(QgsProcessingException, match="OUTPUT"):
        _run("checklayers", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": str(blocker / "c.gpkg")})


# 5. a village without geometry must not blank the maps of the villages after it ---------
def _mean_grey(png):
    from qgis.PyQt.QtGui import QColor, QImage

    image = QImage(png)
    values = [QColor(image.pixel(x, y)).lightness() for x in range(0, image.width(), 5)
              for y in range(0, image.height(), 5)]
    return sum(values) / len(values)


def test_village_without_geometry_fails_alone(sample_dir, tmp_path, vp_provider):
    path = _copy(sample_dir, tmp_path)
    codes = sorted(f["ZLDWDM"][:12] for f in QgsVectorLayer(path + "|layername=CJDCQ", "v", "ogr").getFeatures())
    broken, after = codes[0], codes[1:3]
    _sql(path, "UPDATE CJDCQ SET geom = NULL WHERE substr(ZLDWDM, 1, 12) = '%s'" % broken)
    params = {"VILLAGES": path + "|layername=CJDCQ", "CURRENT_LANDUSE": path + "|layername=DLTB",
              "VILLAGE_CODES": ",".join([broken] + after), "MAPS": "current", "FORMAT": "png", "DPI": 72}
    res = _run("exportvillagemaps", dict(params, OUTPUT_FOLDER=str(tmp_path / "maps")))
    assert res["FAILED"] == 1
    files = res["FILES"].splitlines()
    assert len(files) == 2 and not any(broken in f for f in files)
    alone = _run("exportvillagemaps", dict(params, VILLAGE_CODES=",".join(after), OUTPUT_FOLDER=str(tmp_path / "ok")))
    for mixed, clean in zip(sorted(files), sorted(alone["FILES"].splitlines())):
        grey = _mean_grey(mixed)
        assert grey < 250  # not a blank page
        assert grey == pytest.approx(_mean_grey(clean), abs=0.5)


# 15. templates are checked once, before any village -------------------------------------
@pytest.mark.parametrize("content,match", [
    (None, "does not exist"),
    ("this is not xml <", "not a QGIS print layout template"),
    ('<Layout name="x" units="mm"><PageCollection/></Layout>', "no map item"),
])
def test_bad_template_is_refused_up_front(sample_dir, tmp_path, content, match, vp_provider):
    template = tmp_path / "t.qpt"
    if content is not None:
        template.write_text(content, encoding="utf-8")
    folder = tmp_path / "maps"
    with pytest.raises(QgsProcessingException, match=match):
        _run("exportvillagemaps", {"VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
                                   "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"), "TEMPLATE": str(template),
                                   "FORMAT": "pdf", "OUTPUT_FOLDER": str(folder)})
    assert not folder.exists() or not list(folder.iterdir())


def test_output_folder_that_is_a_file(sample_dir, tmp_path, vp_provider):
    blocker = tmp_path / "maps"
    blocker.write_text("x")
    with pytest.raises(QgsProcessingException, match="OUTPUT_FOLDER"):
        _run("exportvillagemaps", {"VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
                                   "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"), "OUTPUT_FOLDER": str(blocker)})


# also found: enum values by key or by index, and the map language ---------------------------
def test_enums_take_keys_and_indexes(sample_dir, tmp_path, vp_provider):
    common = {"VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"),
              "VILLAGE_CODES": "500230001002", "DPI": 72}
    by_key = _run("exportvillagemaps", dict(common, MAPS="current", FORMAT="png", PAPER="A4",
                                            OUTPUT_FOLDER=str(tmp_path / "k")))
    by_index = _run("exportvillagemaps", dict(common, MAPS=[0], FORMAT=1, PAPER=1, OUTPUT_FOLDER=str(tmp_path / "i")))
    assert [os.path.basename(f) for f in by_key["FILES"].splitlines()] == \
        [os.path.basename(f) for f in by_index["FILES"].splitlines()] == ["500230001002_高岭村_村域综合现状图.png"]
    with pytest.raises(QgsProcessingException, match="FORMAT"):
        _run("exportvillagemaps", dict(common, FORMAT="tiff", OUTPUT_FOLDER=str(tmp_path / "x")))


@pytest.mark.parametrize("language,expected,absent", [("zh", "图例", "Legend"), ("en", "Legend", "图例")])
def test_map_language_is_independent_of_the_interface(sample_dir, tmp_path, language, expected, absent,
                                                     vp_provider):
    res = _run("exportvillagemaps", {"VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
                                     "CURRENT_LANDUSE": gpkg_layer(sample_dir, "DLTB"), "VILLAGE_CODES": "500230001002",
                                     "FORMAT": "pdf", "DPI": 72, "LANGUAGE": language,
                                     "OUTPUT_FOLDER": str(tmp_path / language)})
    text = subprocess.run(["pdftotext", res["FILES"].splitlines()[0], "-"], capture_output=True, text=True).stdout
    assert "高岭村村域综合现状图" in text  # the title is the standard Chinese name in both
    assert expected in text and absent not in text


# 16. small things ------------------------------------------------------------------------------
def test_missing_statistics_file_is_named_in_the_users_language(sample_dir, tmp_path, vp_provider):
    from village_planner.qgis_adapter.i18n import Translation

    missing = str(tmp_path / "no_such_stats.csv")
    translation = Translation()
    translation.install("zh_CN")
    try:
        with pytest.raises(QgsProcessingException, match="VILLAGE_STATS.*no_such_stats.csv.*不存在"):
            _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGE_STATS": missing,
                                    "OUTPUT": str(tmp_path / "l.gpkg")})
    finally:
        translation.remove()


def test_a_value_qgis_refuses_is_named_with_what_it_accepts_in_the_users_language(sample_dir, tmp_path,
                                                                                    vp_provider):
    from village_planner.qgis_adapter.i18n import Translation

    params = {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "SURVEY_YEAR": 1850, "OUTPUT": str(tmp_path / "l.gpkg")}
    with pytest.raises(QgsProcessingException, match=r"SURVEY_YEAR \(Survey year\): 1850 .* from 1990 to 2100"):
        _run("resourceledger", params)
    csv = tmp_path / "planning.csv"
    csv.write_text("x\n", encoding="utf-8")
    translation = Translation()
    translation.install("zh_CN")
    try:
        with pytest.raises(QgsProcessingException, match=r"SURVEY_YEAR.*不接受 1850.*1990 至 2100"):
            _run("resourceledger", params)
        with pytest.raises(QgsProcessingException, match=r"PLANNING_DB.*planning.csv.*请提供 \.gpkg"):
            _run("resourceledger", dict(params, SURVEY_YEAR=2023, PLANNING_DB=str(csv)))
    finally:
        translation.remove()
    assert not os.path.exists(tmp_path / "l.gpkg")


def test_infinite_statistics_do_not_leave_a_partial_ledger(sample_dir, tmp_path, vp_provider):
    stats = tmp_path / "stats.csv"
    stats.write_text("村代码,户籍人口,常住人口\n500230001002,inf,-2202\n", encoding="utf-8")
    res = _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGE_STATS": str(stats),
                                  "OUTPUT": str(tmp_path / "l.gpkg")})
    row = _ledger_rows(res["OUTPUT"])["500230001002"]
    assert row["has_stats"] == 1
    assert _is_null(row["registered_pop"]) and _is_null(row["resident_pop"])


def test_village_without_a_name_is_named_by_its_code(sample_dir, tmp_path, vp_provider):
    path = _copy(sample_dir, tmp_path)
    _sql(path, "UPDATE CJDCQ SET ZLDWMC = NULL WHERE substr(ZLDWDM, 1, 12) = '500230001002'")
    res = _run("exportvillagemaps", {"VILLAGES": path + "|layername=CJDCQ", "CURRENT_LANDUSE": path + "|layername=DLTB",
                                     "VILLAGE_CODES": "500230001002", "FORMAT": "pdf", "DPI": 72,
                                     "OUTPUT_FOLDER": str(tmp_path / "maps")})
    (pdf,) = res["FILES"].splitlines()
    assert os.path.basename(pdf) == "500230001002_村域综合现状图.pdf"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True).stdout
    assert "NULL" not in text and "500230001002村域综合现状图" in text


def test_planning_tables_refuse_areas_that_are_not_numbers(text_areas, sample_dir, tmp_path, vp_provider):
    path = str(tmp_path / "t.gpkg")
    shutil.copy(text_areas, path)
    _sql(path, "UPDATE DLTB SET TBMJ = '12.5平方米', TBDLMJ = NULL WHERE fid = 5")
    with pytest.raises(QgsProcessingException, match="TBMJ.*5"):
        _run("structuretable", {"BASE": path + "|layername=DLTB", "PLANNED": gpkg_layer(sample_dir, "GHDLTB"),
                                "OUTPUT": str(tmp_path / "s.gpkg")})


# found by the second hostile test -----------------------------------------------------------------
def test_output_never_replaces_an_input_or_a_planning_database(sample_dir, tmp_path, vp_provider):
    county = _copy(sample_dir, tmp_path)
    before = os.path.getsize(county)
    with pytest.raises(QgsProcessingException, match="OUTPUT.*PARCELS"):
        _run("resourceledger", {"PARCELS": county + "|layername=DLTB", "OUTPUT": county})
    assert os.path.getsize(county) == before
    assert QgsVectorLayer(county + "|layername=CJDCQ", "v", "ogr").featureCount() == 12
    planning = str(tmp_path / "planning.gpkg")
    _run("resourceledger", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "PLANNING_DB": planning,
                            "OUTPUT": str(tmp_path / "l.gpkg")})
    with pytest.raises(QgsProcessingException, match="planning database"):
        _run("checklayers", {"PARCELS": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": planning})
    import sqlite3

    con = sqlite3.connect(planning)
    assert con.execute("SELECT count(*) FROM vp_ledger_snapshot").fetchone()[0] == 1
    con.close()


def test_parcels_without_a_crs_take_the_crs_of_the_other_layers(sample_dir, tmp_path, vp_provider):
    shp = str(tmp_path / "DLTB.shp")
    subprocess.run(["ogr2ogr", "-f", "ESRI Shapefile", "-lco", "ENCODING=UTF-8", shp,
                    os.path.join(sample_dir, "county.gpkg"), "DLTB"], check=True, capture_output=True)
    os.remove(str(tmp_path / "DLTB.prj"))
    assert not QgsVectorLayer(shp, "d", "ogr").crs().isValid()
    params = {"VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX")}
    res = _run("resourceledger", dict(params, PARCELS=shp, OUTPUT=str(tmp_path / "l.gpkg")))
    base = _run("resourceledger", dict(params, PARCELS=gpkg_layer(sample_dir, "DLTB"), OUTPUT=str(tmp_path / "b.gpkg")))
    got = {c: r["eco_redline_ha"] for c, r in _ledger_rows(res["OUTPUT"]).items()}
    want = {c: r["eco_redline_ha"] for c, r in _ledger_rows(base["OUTPUT"]).items()}
    assert sum(want.values()) > 100 and got == pytest.approx(want, abs=1e-3)
    found = _findings(_run("checklayers", dict(params, PARCELS=shp, OUTPUT=str(tmp_path / "c.gpkg")))["OUTPUT"])
    assert any(f["code"] == "no_crs" and "EPSG:4545" in f["message"] for f in found)


def test_a_village_named_like_a_formula_stays_text_in_the_workbook(sample_dir, tmp_path, vp_provider):
    from openpyxl import load_workbook

    path = _copy(sample_dir, tmp_path)
    _sql(path, "UPDATE CJDCQ SET ZLDWMC='=1+1' WHERE substr(ZLDWDM, 1, 12) = '500230001002'")
    res = _run("resourceledger", {"PARCELS": path + "|layername=DLTB", "VILLAGES": path + "|layername=CJDCQ",
                                  "OUTPUT": str(tmp_path / "l.gpkg"), "OUTPUT_XLSX": str(tmp_path / "l.xlsx")})
    cells = [c for row in load_workbook(res["OUTPUT_XLSX"]).worksheets[0].iter_rows() for c in row]
    assert any(c.value == "=1+1" and c.data_type == "s" for c in cells)
    assert not any(c.data_type == "f" for c in cells)


def test_a_layer_named_with_dots_is_named_by_its_sublayer(sample_dir, tmp_path, vp_provider):
    path = str(tmp_path / "t_12.5平方米.gpkg")
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), path)
    _sql(path, "UPDATE DLTB SET TBMJ = -1 WHERE fid = 3")
    res = _run("checklayers", {"PARCELS": path + "|layername=DLTB", "OUTPUT": str(tmp_path / "c.gpkg")})
    bad = [f for f in _findings(res["OUTPUT"]) if f["code"] == "area_negative"]
    assert bad and bad[0]["layer"] == "DLTB"


def test_a_database_output_is_never_taken_for_a_folder(sample_dir, tmp_path, vp_provider, monkeypatch):
    from qgis.core import QgsApplication, QgsProcessingContext

    monkeypatch.chdir(tmp_path)
    alg = QgsApplication.processingRegistry().createAlgorithmById("villageplanner:checklayers")
    alg.checkParameterValues({"PARCELS": gpkg_layer(sample_dir, "DLTB"),
                              "OUTPUT": "postgres://dbname='vp/x' host=127.0.0.1 table=\"findings\""},
                             QgsProcessingContext())
    alg.checkParameterValues({"PARCELS": gpkg_layer(sample_dir, "DLTB"),
                              "OUTPUT": "dbname='vp/x' host=127.0.0.1 table=\"findings\""}, QgsProcessingContext())
    assert os.listdir(tmp_path) == []  # no folder named after a piece of a connection string
