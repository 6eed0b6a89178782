"""Every kind of source the county delivers, and the checker's findings."""

import os
import shutil
import subprocess

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.qgis_adapter.checker import check_sources
from village_planner.qgis_adapter.fields import project_mapping, save_mapping
from village_planner.qgis_adapter.i18n import Translation
from village_planner.qgis_adapter.layers import readable_copy


def _ledger(params):
    import processing

    return processing.run("villageplanner:resourceledger", params)


def _rows(path):
    layer = QgsVectorLayer(path, "ledger", "ogr")
    return {f["village_code"]: f for f in layer.getFeatures()}


@pytest.fixture(scope="module")
def base_rows(sample_dir, out_dir, vp_provider):
    res = _ledger({"PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
                   "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"),
                   "OUTPUT": os.path.join(out_dir, "sources_base.gpkg")})
    return _rows(res["OUTPUT"])


def _same(rows, base):
    assert set(rows) == set(base)
    for code, row in rows.items():
        for col in ("total_ha", "cultivated_ha", "field_ridge_ha", "construction_ha"):
            assert row[col] == pytest.approx(base[code][col], abs=1e-6), (code, col)
        assert row["eco_redline_ha"] == pytest.approx(base[code]["eco_redline_ha"], abs=1e-3)
        assert row["village_name"] == base[code]["village_name"]


def test_file_geodatabase(sample_dir, tmp_path, base_rows):
    gdb = str(tmp_path / "county.gdb")
    subprocess.run(["ogr2ogr", "-f", "OpenFileGDB", gdb, os.path.join(sample_dir, "county.gpkg"),
                    "DLTB", "CJDCQ", "STBHHX"], check=True, capture_output=True)
    res = _ledger({"PARCELS": gdb + "|layername=DLTB", "VILLAGES": gdb + "|layername=CJDCQ",
                   "ECO_REDLINE": gdb + "|layername=STBHHX", "OUTPUT": str(tmp_path / "l.gpkg")})
    _same(_rows(res["OUTPUT"]), base_rows)


def test_postgis(sample_dir, tmp_path, base_rows, postgis):
    db = postgis.create_database("county")
    subprocess.run(["ogr2ogr", "-f", "PostgreSQL", postgis.ogr_dsn(db), os.path.join(sample_dir, "county.gpkg"),
                    "DLTB", "CJDCQ", "STBHHX", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=fid"],
                   check=True, capture_output=True)
    layers = {k: postgis.qgis_uri(db, t) for k, t in (("PARCELS", "dltb"), ("VILLAGES", "cjdcq"),
                                                      ("ECO_REDLINE", "stbhhx"))}
    for uri in layers.values():
        assert QgsVectorLayer(uri, "t", "postgres").isValid(), uri
    import processing

    params = {k: QgsVectorLayer(v, k, "postgres") for k, v in layers.items()}
    res = processing.run("villageplanner:resourceledger", dict(params, OUTPUT=str(tmp_path / "l.gpkg")))
    _same(_rows(res["OUTPUT"]), base_rows)


def test_gbk_shapefile_without_code_page_is_detected(sample_dir):
    layer = QgsVectorLayer(os.path.join(sample_dir, "shp_gbk", "CJDCQ.shp"), "CJDCQ", "ogr")
    from village_planner.core.issues import FindingList

    findings = FindingList()
    before = layer.dataProvider().encoding()
    copy = readable_copy(layer, findings)
    assert copy.dataProvider().encoding() == "GB18030"
    assert findings[0].code == "encoding_guessed" and findings[0].layer == "CJDCQ"
    assert next(copy.getFeatures())["ZLDWMC"].endswith("村")
    assert layer.dataProvider().encoding() == before  # a check never changes the user's layer (issue 10)
    assert readable_copy(copy, findings) is copy


def test_checker_reports_crs_duplicates_and_missing_fields(sample_dir, tmp_path, vp_provider):
    import processing

    geo = QgsVectorLayer(gpkg_layer(sample_dir, "STBHHX", "county_4490.gpkg"), "STBHHX", "ogr")
    dup = str(tmp_path / "dup.gpkg")
    processing.run("native:mergevectorlayers", {"LAYERS": [gpkg_layer(sample_dir, "CJDCQ")] * 2, "OUTPUT": dup})
    parcels = QgsVectorLayer(gpkg_layer(sample_dir, "DLTB"), "DLTB", "ogr")
    findings, maps = check_sources({"parcels": parcels, "villages": QgsVectorLayer(dup, "dup", "ogr"),
                                    "eco_redline": geo})
    codes = [f.code for f in findings]
    assert "crs_mismatch" in codes
    dups = [f for f in findings if f.code == "duplicate_village_code"]
    assert len(dups) == 12 and dups[0].layer == "dup" and dups[0].field == "ZLDWDM"
    assert not findings.has_errors()
    assert maps["parcels"]["land_class"] == "DLBM"

    hazards_as_villages = QgsVectorLayer(gpkg_layer(sample_dir, "DZZHD"), "DZZHD", "ogr")
    findings, _ = check_sources({"parcels": parcels, "villages": hazards_as_villages})
    assert any(f.code == "wrong_geometry_type" and f.is_error for f in findings)

    geo_parcels = QgsVectorLayer(gpkg_layer(sample_dir, "DLTB", "county_4490.gpkg"), "DLTB", "ogr")
    findings, _ = check_sources({"parcels": geo_parcels})
    assert [f.code for f in findings] == ["geographic_crs"]


def test_checklayers_algorithm_lists_problems_by_feature(sample_dir, vp_provider):
    import processing

    res = processing.run("villageplanner:checklayers", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
        "OUTPUT": "memory:"})
    assert res["ERRORS"] == 0
    rows = [f.attributes() for f in res["OUTPUT"].getFeatures()]
    invalid = [r for r in rows if r[1] == "invalid_geometry"]
    assert invalid and invalid[0][2] == "DLTB" and invalid[0][3]
    assert any(r[1] == "parcel_without_village" for r in rows)


def test_field_mapping_is_saved_in_the_project(sample_dir, tmp_path, vp_provider, base_rows):
    import processing

    renamed = str(tmp_path / "renamed.gpkg")
    processing.run("native:renametablefield", {"INPUT": gpkg_layer(sample_dir, "DLTB"), "FIELD": "DLBM",
                                               "NEW_NAME": "LANDCODE", "OUTPUT": renamed})
    project = QgsProject.instance()
    project.clear()
    with pytest.raises(QgsProcessingException, match="DLBM"):
        _ledger({"PARCELS": renamed, "OUTPUT": "memory:"})
    save_mapping("parcels", {"land_class": "LANDCODE"}, project)
    qgs = str(tmp_path / "county.qgs")
    assert project.write(qgs)
    project.clear()
    assert project_mapping(project) == {}
    assert project.read(qgs)
    assert project_mapping(project) == {"parcels": {"land_class": "LANDCODE"}}
    res = _ledger({"PARCELS": renamed, "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"),
                   "ECO_REDLINE": gpkg_layer(sample_dir, "STBHHX"), "OUTPUT": str(tmp_path / "l.gpkg")})
    _same(_rows(res["OUTPUT"]), base_rows)
    project.clear()


def test_errors_speak_the_users_language(sample_dir, tmp_path, vp_provider):
    import processing

    broken = str(tmp_path / "broken.gpkg")
    processing.run("native:deletecolumn", {"INPUT": gpkg_layer(sample_dir, "DLTB"), "COLUMN": ["ZLDWDM"],
                                           "OUTPUT": broken})
    translation = Translation()
    assert translation.install("zh_CN")
    try:
        with pytest.raises(QgsProcessingException) as err:
            _ledger({"PARCELS": broken, "OUTPUT": "memory:"})
        assert "缺少字段 ZLDWDM" in str(err.value)
        assert "broken" in str(err.value)
    finally:
        translation.remove()
    with pytest.raises(QgsProcessingException) as err:
        _ledger({"PARCELS": broken, "OUTPUT": "memory:"})
    assert "has no field ZLDWDM" in str(err.value)


def test_nothing_is_written_when_a_run_is_refused(sample_dir, tmp_path, vp_provider):
    import processing

    target = tmp_path / "keep.gpkg"
    shutil.copy(os.path.join(sample_dir, "county.gpkg"), target)
    before = target.read_bytes()
    with pytest.raises(QgsProcessingException):
        processing.run("villageplanner:resourceledger", {
            "PARCELS": "%s|layername=CJDCQ" % target, "OUTPUT": str(tmp_path / "out.gpkg"),
            "OUTPUT_XLSX": str(tmp_path / "out.xlsx")})
    assert target.read_bytes() == before
    assert not (tmp_path / "out.xlsx").exists()
