"""Field verification on the sample county: package two villages, open the project, edit, merge back."""

import json
import os
import shutil
import sqlite3
import zipfile

import pytest
from qgis.core import QgsProcessingException, QgsProject, QgsVectorLayer, QgsVectorLayerUtils

from tests.conftest import gpkg_layer
from village_planner.core import field as fc
from village_planner.paths import resource
from village_planner.store import field_store as fs

V1, V2 = "500230001002", "500230001003"


def package(sample_dir, db, out, villages=(V1, V2), surveyor="李工"):
    import processing

    return processing.run("villageplanner:fieldpackage", {
        "DATABASE": db, "VILLAGE_CODES": ",".join(villages), "PARCELS": gpkg_layer(sample_dir, "DLTB"),
        "HAZARDS": gpkg_layer(sample_dir, "DZZHD"),
        "REFERENCE_LAYERS": [gpkg_layer(sample_dir, "DLTB"), gpkg_layer(sample_dir, "CJDCQ")],
        "SURVEYOR": surveyor, "OUTPUT_FOLDER": str(out)})


def merge(pkg, db, **kw):
    import processing

    return processing.run("villageplanner:fieldmerge", dict({"PACKAGE": pkg, "DATABASE": db,
                                                             "OUTPUT_REPORT": "memory:"}, **kw))


def rows(db, layer="homestead_survey"):
    forms = fc.load_forms(resource("forms", "field_forms.json"))
    return {r["uuid"]: r for r in fs.read_layer(db, forms, layer)}


@pytest.fixture()
def made(sample_dir, vp_provider, tmp_path):
    db = str(tmp_path / "planning.gpkg")
    res = package(sample_dir, db, tmp_path / "out")
    return db, res, tmp_path


def test_a_package_for_two_villages_opens_with_forms_that_enforce_the_value_lists(made):
    db, res, _ = made
    seeded = rows(db)
    assert seeded and {r["village_code"] for r in seeded.values()} == {V1, V2}
    assert all(r["row_version"] == 1 and r["status"] is None for r in seeded.values())
    assert os.path.isdir(os.path.join(res["PACKAGE"], "photos"))
    with open(os.path.join(res["PACKAGE"], "manifest.json"), encoding="utf-8") as fh:
        manifest = json.load(fh)
    assert manifest["villages"] == [V1, V2] and set(manifest["layers"]["homestead_survey"]) == set(seeded)
    assert len(rows(db, "hazard_check")) >= 1

    project = QgsProject()
    assert project.read(res["PROJECT"])
    homes = [lyr for lyr in project.mapLayers().values() if lyr.source().endswith("layername=homestead_survey")][0]
    assert homes.isValid() and homes.featureCount() == len(seeded)
    idx = homes.fields().indexOf("status")
    setup = homes.editorWidgetSetup(idx)
    assert setup.type() == "ValueMap"
    assert [list(d.values())[0] for d in setup.config()["map"]] == list(fc.HOMESTEAD_STATUS)
    assert homes.attributeAlias(idx) == "使用状态"
    assert homes.editorWidgetSetup(homes.fields().indexOf("photo")).type() == "ExternalResource"
    assert homes.editorWidgetSetup(homes.fields().indexOf("surveyed_at")).type() == "DateTime"
    assert "李工" in homes.defaultValueDefinition(homes.fields().indexOf("surveyor")).expression()
    feature = next(homes.getFeatures())
    feature["status"] = "随便"
    ok, errors = QgsVectorLayerUtils.validateAttribute(homes, feature, idx)
    assert not ok and errors
    feature["status"] = "闲置"
    assert QgsVectorLayerUtils.validateAttribute(homes, feature, idx)[0]
    refs = [lyr for lyr in project.mapLayers().values() if lyr.readOnly()]
    order = [lyr.id() for lyr in project.layerTreeRoot().layerOrder()]
    assert all(order.index(homes.id()) < order.index(r.id()) for r in refs)  # homesteads drawn above references
    assert len(refs) == 2 and all(lyr.featureCount() > 0 for lyr in refs)
    project.clear()


def test_field_edits_merge_back_conflicts_keep_the_office_version_and_a_second_merge_is_refused(made):
    db, res, tmp = made
    pkg = os.path.join(res["PACKAGE"], "field_data.gpkg")
    office = rows(db)
    keys = sorted(office)
    upd, both, gone = keys[0], keys[1], keys[2]
    # the field planner: an update in QGIS's edit buffer, a delete, an insert with a photo
    layer = QgsVectorLayer(pkg + "|layername=homestead_survey", "h", "ogr")
    by_uuid = {f["uuid"]: f for f in layer.getFeatures()}
    with open(os.path.join(res["PACKAGE"], "photos", "house.jpg"), "wb") as fh:
        fh.write(b"\xff\xd8jpeg")
    assert layer.startEditing()
    layer.changeAttributeValue(by_uuid[upd].id(), layer.fields().indexOf("status"), "闲置")
    layer.changeAttributeValue(by_uuid[both].id(), layer.fields().indexOf("status"), "危房")
    layer.deleteFeature(by_uuid[gone].id())
    new = QgsVectorLayerUtils.createFeature(layer, by_uuid[upd].geometry(), {
        layer.fields().indexOf("village_code"): V1, layer.fields().indexOf("status"): "在用",
        layer.fields().indexOf("photo"): "photos/house.jpg"})
    layer.addFeature(new)
    assert layer.commitChanges(), layer.commitErrors()
    del layer
    # the office, with another tool, meanwhile
    con = sqlite3.connect(db)
    con.execute("UPDATE homestead_survey SET status='已拆除' WHERE uuid=?", (both,))
    con.commit()
    con.close()

    result = merge(res["PACKAGE"], db, OUTPUT_XLSX=str(tmp / "merge.xlsx"))
    assert result["APPLIED"] == 3 and result["CONFLICTS"] == 1
    report = {f["uuid"]: f for f in result["OUTPUT_REPORT"].getFeatures()}
    assert report[both]["action"] == "conflict" and "status=危房" in report[both]["field_values"]
    assert "status=已拆除" in report[both]["office_values"]
    now = rows(db)
    assert now[upd]["status"] == "闲置" and now[upd]["row_version"] == 2
    assert now[both]["status"] == "已拆除" and now[both]["row_version"] == 2  # office version untouched
    assert gone not in now
    added = [r for r in now.values() if r["uuid"] not in office]
    assert len(added) == 1 and added[0]["photo"].startswith("planning_attachments/")
    assert os.path.isfile(os.path.join(os.path.dirname(db), added[0]["photo"]))
    assert os.path.isfile(str(tmp / "merge.xlsx"))

    with open(db, "rb") as fh:
        before = fh.read()
    zipped = shutil.make_archive(str(tmp / "again"), "zip", res["PACKAGE"])
    with pytest.raises(QgsProcessingException, match="already merged"):
        merge(zipped, db)
    with open(db, "rb") as fh:
        assert fh.read() == before
    assert fs.merge_history(db)[0]["surveyor"] == "李工"


def test_two_packages_of_the_same_village_merge_in_turn(made, sample_dir):
    db, first, tmp = made
    second = package(sample_dir, db, tmp / "out2", villages=(V1,), surveyor="张工")
    keys = sorted(uuid for uuid, r in rows(db).items() if r["village_code"] == V1)
    for res, edits in ((first, {keys[0]: "在用", keys[1]: "闲置"}), (second, {keys[1]: "危房", keys[2]: "在用"})):
        con = sqlite3.connect(os.path.join(res["PACKAGE"], "field_data.gpkg"))
        for uuid, status in edits.items():
            con.execute("UPDATE homestead_survey SET status=? WHERE uuid=?", (status, uuid))
        con.commit()
        con.close()
    assert merge(first["PACKAGE"], db)["APPLIED"] == 2
    out = merge(second["PACKAGE"], db)
    assert out["APPLIED"] == 1 and out["CONFLICTS"] == 1
    now = rows(db)
    assert [now[k]["status"] for k in keys[:3]] == ["在用", "闲置", "在用"]
    assert len(fs.merge_history(db)) == 2


def test_a_second_package_of_a_village_warns_of_the_first_until_it_is_merged(made, sample_dir):
    from village_planner.qgis_adapter.field_database import field_store

    db, first, tmp = made
    first_id = fc.read_manifest(first["PACKAGE"])[0]["package_id"]
    assert [p["package_id"] for p in field_store(db).open_packages([V2])] == [first_id]
    assert field_store(db).open_packages(["500230001099"]) == []
    merge(first["PACKAGE"], db)
    assert field_store(db).open_packages([V1, V2]) == []


def test_a_package_from_another_database_is_refused(made, sample_dir):
    db, res, tmp = made
    other = str(tmp / "other.gpkg")
    package(sample_dir, other, tmp / "out3", villages=(V1,))
    with pytest.raises(QgsProcessingException, match="another planning database"):
        merge(res["PACKAGE"], other)
    assert zipfile.is_zipfile(shutil.make_archive(str(tmp / "p"), "zip", res["PACKAGE"]))


def test_the_ledger_carries_the_homestead_figures_once_a_survey_exists(made, sample_dir):
    import processing
    from openpyxl import load_workbook

    db, _, tmp = made
    keys = sorted(uuid for uuid, r in rows(db).items() if r["village_code"] == V1)
    con = sqlite3.connect(db)
    con.execute("UPDATE homestead_survey SET status='闲置' WHERE uuid=?", (keys[0],))
    con.execute("UPDATE homestead_survey SET status='在用' WHERE uuid=?", (keys[1],))
    con.commit()
    idle_m2 = con.execute("SELECT area_m2 FROM homestead_survey WHERE uuid=?", (keys[0],)).fetchone()[0]
    con.close()
    res = processing.run("villageplanner:resourceledger", {
        "PARCELS": gpkg_layer(sample_dir, "DLTB"), "VILLAGES": gpkg_layer(sample_dir, "CJDCQ"), "PLANNING_DB": db,
        "OUTPUT": str(tmp / "ledger.gpkg"), "OUTPUT_XLSX": str(tmp / "ledger.xlsx")})
    by_code = {f["village_code"]: f for f in QgsVectorLayer(res["OUTPUT"], "l", "ogr").getFeatures()}
    assert by_code[V1]["homesteads_idle"] == 1 and by_code[V1]["homesteads_in_use"] == 1
    assert abs(by_code[V1]["idle_homestead_m2"] - idle_m2) < 0.01 and by_code[V2]["homesteads_surveyed"] == 0
    sheet = load_workbook(res["OUTPUT_XLSX"]).worksheets[-1]
    assert [c.value for c in sheet[2]][:4] == [V1, 2, 1, 1]


def test_a_basemap_is_clipped_to_the_villages_and_stored_as_tiles_in_the_package(sample_dir, vp_provider, tmp_path):
    import processing
    from osgeo import gdal, osr

    parcels = QgsVectorLayer(gpkg_layer(sample_dir, "DLTB"), "p", "ogr")
    box = parcels.extent()
    tif = str(tmp_path / "basemap.tif")
    size = 400
    ds = gdal.GetDriverByName("GTiff").Create(tif, size, size, 3, gdal.GDT_Byte)
    ds.SetGeoTransform([box.xMinimum(), box.width() / size, 0, box.yMaximum(), 0, -box.height() / size])
    srs = osr.SpatialReference()
    srs.SetFromUserInput(parcels.crs().authid())
    ds.SetProjection(srs.ExportToWkt())
    for band in range(1, 4):
        ds.GetRasterBand(band).Fill(40 * band)
    ds = None
    res = processing.run("villageplanner:fieldpackage", {
        "DATABASE": str(tmp_path / "planning.gpkg"), "VILLAGE_CODES": V1, "PARCELS": gpkg_layer(sample_dir, "DLTB"),
        "BASEMAP": tif, "SURVEYOR": "李工", "OUTPUT_FOLDER": str(tmp_path / "out")})
    gpkg = os.path.join(res["PACKAGE"], "field_data.gpkg")
    tiles = gdal.Open("GPKG:%s:basemap" % gpkg)
    assert tiles is not None and 0 < tiles.RasterXSize < size and 0 < tiles.RasterYSize < size
    assert tiles.GetRasterBand(1).ReadAsArray().max() == 40
    tiles = None
    project = QgsProject()
    assert project.read(res["PROJECT"])
    rasters = [lyr for lyr in project.mapLayers().values() if lyr.source().endswith(":basemap")]
    assert len(rasters) == 1 and rasters[0].isValid()
    order = [lyr.source().split("layername=")[-1] for lyr in project.layerTreeRoot().layerOrder()]
    assert order[-1].endswith(":basemap")
    assert order[:3] == ["facility_needs", "hazard_check", "villager_opinions"] and order[3] == "homestead_survey"
    del rasters
    project.clear()


def test_photos_already_in_the_database_go_into_the_package_and_come_back_unchanged(made, sample_dir):
    db, res, tmp = made
    pkg = os.path.join(res["PACKAGE"], "field_data.gpkg")
    key = sorted(uuid for uuid, r in rows(db).items() if r["village_code"] == V1)[0]
    with open(os.path.join(res["PACKAGE"], "photos", "door.jpg"), "wb") as fh:
        fh.write(b"\xff\xd8door")
    con = sqlite3.connect(pkg)
    con.execute("UPDATE homestead_survey SET status='闲置', photo='photos/door.jpg' WHERE uuid=?", (key,))
    con.commit()
    con.close()
    assert merge(res["PACKAGE"], db)["APPLIED"] == 1
    stored = rows(db)[key]["photo"]
    assert stored.startswith("planning_attachments/")

    second = package(sample_dir, db, tmp / "out2", villages=(V1,))
    name = os.path.basename(stored)
    with open(os.path.join(second["PACKAGE"], "photos", name), "rb") as fh:
        assert fh.read() == b"\xff\xd8door"
    pkg2 = os.path.join(second["PACKAGE"], "field_data.gpkg")
    con = sqlite3.connect(pkg2)
    assert con.execute("SELECT photo FROM homestead_survey WHERE uuid=?", (key,)).fetchone()[0] == "photos/" + name
    con.execute("UPDATE homestead_survey SET note='门已修' WHERE uuid=?", (key,))
    con.commit()
    con.close()
    out = merge(second["PACKAGE"], db)
    assert out["APPLIED"] == 1 and out["CONFLICTS"] == 0  # only the edited row: the photo is no change
    now = rows(db)[key]
    assert now["photo"] == stored and now["note"] == "门已修"
    assert os.listdir(os.path.join(os.path.dirname(db), "planning_attachments")) == [name]


def test_a_cancelled_package_leaves_no_half_made_folder(sample_dir, vp_provider, tmp_path):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()  # the planner pressed Cancel: the reference layers are where the package checks
    out = tmp_path / "out"
    with pytest.raises(QgsProcessingException, match="no package was made"):
        processing.run("villageplanner:fieldpackage", {
            "DATABASE": str(tmp_path / "planning.gpkg"), "VILLAGE_CODES": V1,
            "PARCELS": gpkg_layer(sample_dir, "DLTB"), "REFERENCE_LAYERS": [gpkg_layer(sample_dir, "CJDCQ")],
            "OUTPUT_FOLDER": str(out)}, context=QgsProcessingContext(), feedback=feedback)
    assert os.path.isdir(out) and os.listdir(out) == []
