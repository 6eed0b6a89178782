"""villageplanner:landusecrosswalk and migratecodes2020 on real layers."""

import pytest
from qgis.core import QgsFeature, QgsField, QgsProcessingException, QgsVectorLayer
from qgis.PyQt.QtCore import QVariant

from tests.conftest import gpkg_layer


def test_crosswalk_on_the_sample_county(sample_dir, vp_provider):
    import processing

    res = processing.run("villageplanner:landusecrosswalk", {
        "INPUT": gpkg_layer(sample_dir, "DLTB"), "OUTPUT": "memory:", "SUMMARY": "memory:"})
    out = res["OUTPUT"]
    assert out.featureCount() == 4800
    feats = list(out.getFeatures())
    assert all(f["plan_code"] for f in feats)
    homesteads = [f for f in feats if f["DLBM"] == "0702" and f["CZCSXM"] == "203"]
    assert homesteads and all(f["plan_code"] == "0703" and f["plan_name"] == "农村宅基地" for f in homesteads)
    roads = [f for f in feats if f["DLBM"] == "1006"]
    assert roads and all(f["needs_split"] == 1 and "060102" in f["candidates"] for f in roads)
    split = sum(f["needs_split"] for f in feats)
    assert res["NEEDS_SPLIT"] == split > 0
    summary = {f["village_code"]: f for f in res["SUMMARY"].getFeatures()}
    assert sum(f["needs_split"] for f in summary.values()) == split
    assert sum(f["parcels"] for f in summary.values()) == 4800


def test_migration_from_2020_reports_every_change(vp_provider):
    import processing

    layer = QgsVectorLayer("Polygon?crs=EPSG:4545", "plan2020", "memory")
    layer.dataProvider().addAttributes([QgsField("GHDLBM", QVariant.String)])
    layer.updateFields()
    for code in ("0101", "2302", "2303", "060102", "2302"):
        f = QgsFeature(layer.fields())
        f.setAttributes([code])
        layer.dataProvider().addFeature(f)
    res = processing.run("villageplanner:migratecodes2020", {"INPUT": layer, "OUTPUT": "memory:"})
    assert res["CHANGED"] == 4
    assert [f["code_2023"] for f in res["OUTPUT"].getFeatures()] == ["0101", "2303", "060102", "1207", "2303"]
    with pytest.raises(QgsProcessingException, match="DLBM"):
        processing.run("villageplanner:landusecrosswalk", {"INPUT": layer, "OUTPUT": "memory:"})
