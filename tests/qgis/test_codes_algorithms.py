"""villageplanner:landusecrosswalk and migratecodes2020 on real layers."""

import pytest
from qgis.core import QgsFeature, QgsProcessingException, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.qgis_adapter.compat import new_field


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
    by_code = {}
    for f in feats:
        by_code.setdefault(f["DLBM"], []).append(f)
    # the classes checked against the 2023 guide, as the sample county has them
    assert {f["plan_code"] for f in by_code["08H2A"]} == {"080401"}
    assert {f["plan_code"] for f in by_code["0810A"]} == {"1403"}
    assert {(f["plan_code"], f["plan_name"]) for f in by_code["1104A"]} == {("1704", "坑塘水面")}
    assert {(f["plan_code"], f["plan_name"], f["needs_split"]) for f in by_code["0204"]} == {("0205", "其他园地", 1)}
    canals = by_code["1107A"]
    assert all(f["needs_split"] == 1 and set(f["candidates"].split("|")) == {"1311", "1705"} for f in canals)
    stations = by_code["1005"]
    assert all(f["plan_code"] == "1208" and "120803" in f["candidates"] and "1209" in f["candidates"]
               for f in stations)
    village_shops = [f for f in by_code["05H1"] if f["CZCSXM"] == "203"]
    assert village_shops and all("0704" in f["candidates"] for f in village_shops)
    split = sum(f["needs_split"] for f in feats)
    assert res["NEEDS_SPLIT"] == split > 0
    summary = {f["village_code"]: f for f in res["SUMMARY"].getFeatures()}
    assert sum(f["needs_split"] for f in summary.values()) == split
    assert sum(f["parcels"] for f in summary.values()) == 4800


def test_migration_from_2020_reports_every_change(vp_provider):
    import processing

    layer = QgsVectorLayer("Polygon?crs=EPSG:4545", "plan2020", "memory")
    layer.dataProvider().addAttributes([new_field("GHDLBM", "text")])
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


def _plan_layer(rows, name="plan", with_names=True):
    layer = QgsVectorLayer("Polygon?crs=EPSG:4545", name, "memory")
    fields = [new_field("GHDLBM", "text")] + ([new_field("GHDLMC", "text")] if with_names else [])
    layer.dataProvider().addAttributes(fields)
    layer.updateFields()
    for row in rows:
        f = QgsFeature(layer.fields())
        f.setAttributes(list(row) if with_names else [row[0]])
        layer.dataProvider().addFeature(f)
    return layer


def test_migration_refuses_data_already_in_2023_codes(sample_dir, tmp_path, vp_provider):
    import os

    import processing

    # names of the 2023 edition: 2303 田坎 must not become a field road
    layer = _plan_layer([("0101", "水田"), ("2303", "田坎"), ("2303", "田坎")], name="村规划2023")
    out = str(tmp_path / "migrated.gpkg")
    with pytest.raises(QgsProcessingException) as err:
        processing.run("villageplanner:migratecodes2020", {"INPUT": layer, "OUTPUT": out})
    text = str(err.value)
    assert "村规划2023" in text and "2023" in text and "2303 田坎 (2)" in text
    assert not os.path.exists(out)
    # codes of the 2023 edition only: the sample county's planned layer has 060201 (facility farmland)
    with pytest.raises(QgsProcessingException, match="060201"):
        processing.run("villageplanner:migratecodes2020", {"INPUT": gpkg_layer(sample_dir, "GHDLTB"),
                                                           "OUTPUT": "memory:"})
    # both editions in one layer
    mixed = _plan_layer([("0205", "其他园地"), ("0604", "水产养殖设施建设用地")], name="mixed")
    with pytest.raises(QgsProcessingException, match="0604"):
        processing.run("villageplanner:migratecodes2020", {"INPUT": mixed, "OUTPUT": "memory:"})


def test_migration_of_a_2020_layer_flags_main_canals(vp_provider):
    import processing

    rows = [("2303", "田间道"), ("0204", "其他园地"), ("0603", "畜禽养殖设施建设用地"), ("1311", "干渠"),
            ("1312", "水工设施用地"), ("1313", "其他公用设施用地"), ("2202", "其他特殊用海"), ("0601", "乡村道路用地"),
            ("090302", "康体用地")]
    res = processing.run("villageplanner:migratecodes2020", {"INPUT": _plan_layer(rows), "OUTPUT": "memory:"})
    feats = list(res["OUTPUT"].getFeatures())
    got = [(f["code_2023"], f["name_2023"]) for f in feats]
    assert got == [("060102", "田间道"), ("0205", "其他园地"), ("060202", "畜禽养殖设施建设用地"),
                   ("1705", "沟渠"), ("1311", "水工设施用地"), ("1312", "其他公用设施用地"),
                   ("2206", "其他特殊用海"), ("0601", "农村道路"), ("0903", "娱乐用地")]
    canal = feats[3]
    assert canal["needs_split"] == 1 and set(canal["candidates"].split("|")) == {"1311", "1705"}
    assert res["NEEDS_SPLIT"] == 1 and res["CHANGED"] == 8
    assert feats[7]["code_changed"] == 0  # renamed only
