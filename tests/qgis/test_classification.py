"""villageplanner:classifyvillages and decidecategory on the sample county."""

import json
import os

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from tests.conftest import gpkg_layer
from village_planner.core.classification import load_rules
from village_planner.core.codes import resource_path
from village_planner.qgis_adapter.classification import apply_categories, style_layer
from village_planner.store.classification import history


@pytest.fixture(scope="module")
def ledger_path(sample_dir, out_dir, vp_provider):
    """A path, not a layer: pytest-qgis deletes layers that fixtures return, then Python would again."""
    import processing

    res = processing.run("villageplanner:resourceledger", {
        **{k: gpkg_layer(sample_dir, n) for k, n in (
            ("PARCELS", "DLTB"), ("VILLAGES", "CJDCQ"), ("ECO_REDLINE", "STBHHX"), ("DEV_BOUNDARY", "CZKFBJ"),
            ("HAZARDS", "DZZHD"), ("BASIC_FARMLAND", "YJJBNTTB"))},
        "VILLAGE_STATS": os.path.join(sample_dir, "village_stats.csv"),
        "OUTPUT": os.path.join(out_dir, "classify_ledger.gpkg")})
    return res["OUTPUT"]


def _open(path):
    layer = QgsVectorLayer(path, "ledger", "ogr")
    assert layer.isValid()
    return layer


def _classify(ledger, sample_dir, **extra):
    import processing

    res = processing.run("villageplanner:classifyvillages", {
        "LEDGER": ledger, "DEV_BOUNDARY": gpkg_layer(sample_dir, "CZKFBJ"), "OUTPUT": "memory:", **extra})
    return res, {f["village_code"]: f for f in res["OUTPUT"].getFeatures()}


def _by_hand(row, distance):
    """The default rules, written out plainly."""
    has_stats = row["has_stats"] == 1
    if not has_stats:
        return "unclassified"
    if (row["heritage"] or "") not in ("", "无"):
        return "protection"
    total = row["total_ha"]
    if row["hazard_points"] >= 3 or row["eco_redline_ha"] / total >= 0.5 or (
            row["resident_ratio"] < 0.35 and row["resident_pop"] < 1000):
        return "relocation"
    if row["dev_boundary_ha"] / total >= 0.1 or distance <= 1000:
        return "suburban"
    return "agglomeration"


def test_reproduces_the_default_rules_exactly(ledger_path, sample_dir):
    ledger = _open(ledger_path)
    res, rows = _classify(ledger, sample_dir)
    assert len(rows) == 12
    for feat in ledger.getFeatures():
        code = feat["village_code"]
        if code == "UNASSIGNED":
            continue
        out = rows[code]
        assert out["suggested_category"] == _by_hand(feat, out["dev_distance_m"]), (code, out["explanation"])
        assert out["rule_id"] in ("R1", "R2", "R3", "R4")
        assert out["explanation"].startswith("[" + out["rule_id"] + "]") or out["suggested_category"] == \
            "unclassified"
    assert rows["500230001002"]["suggested_category"] == "protection"
    assert "国家级传统村落" in rows["500230001002"]["explanation"]
    assert rows["500230001003"]["suggested_category"] == "relocation"
    assert "geological hazard points 4 ≥ 3" in rows["500230001003"]["explanation"]
    assert rows["500230001004"]["suggested_category"] == "relocation"
    assert rows["500230001005"]["suggested_category"] == "relocation"
    assert rows["500230001001"]["suggested_category"] == "suburban"
    assert rows["500230001001"]["suggested_category_zh"] == "城郊融合类"
    last = rows["500230002006"]
    assert last["suggested_category"] == "unclassified" and last["missing"] == "heritage"
    assert "heritage designation" in last["explanation"]
    summary = json.loads(res["SUMMARY"])
    assert sum(r["count"] for r in summary) == 12
    assert rows["500230001002"]["dev_distance_m"] > 0


def test_decisions_overrides_and_reruns(ledger_path, sample_dir, tmp_path):
    import processing

    ledger = _open(ledger_path)

    db = str(tmp_path / "planning.gpkg")
    res, rows = _classify(ledger, sample_dir, PLANNING_DB=db, OUTPUT_HTML=str(tmp_path / "summary.html"))
    with open(res["OUTPUT_HTML"], encoding="utf-8") as fh:
        html = fh.read()
    assert "35–45%" in html and rows["500230001002"]["village_name"] in html
    layer = res["OUTPUT"]
    # batch acceptance of three villages
    done = processing.run("villageplanner:decidecategory", {
        "PLANNING_DB": db, "CLASSIFICATION": layer, "VILLAGE_CODES": "500230001001,500230001002,500230001003",
        "DECISION": 0, "DECIDED_BY": "王工"})
    assert done["RECORDED"] == 3
    # an override without a reason is refused and writes nothing
    with pytest.raises(QgsProcessingException, match="reason"):
        processing.run("villageplanner:decidecategory", {
            "PLANNING_DB": db, "CLASSIFICATION": layer, "VILLAGE_CODES": "500230001006", "DECISION": 2,
            "DECIDED_BY": "王工"})
    assert len(history(db)) == 3
    # under a Chinese interface the refusal names the categories in Chinese, not by their keys (issue 9)
    from village_planner.qgis_adapter.i18n import Translation

    translation = Translation()
    translation.install("zh_CN")
    try:
        with pytest.raises(QgsProcessingException) as refused:
            processing.run("villageplanner:decidecategory", {
                "PLANNING_DB": db, "CLASSIFICATION": layer, "VILLAGE_CODES": "500230001006",
                "DECISION": "relocation", "DECIDED_BY": "王工"})
    finally:
        translation.remove()
    assert "搬迁撤并类" in str(refused.value) and "relocation" not in str(refused.value)
    processing.run("villageplanner:decidecategory", {
        "PLANNING_DB": db, "CLASSIFICATION": layer, "VILLAGE_CODES": "500230001006", "DECISION": "relocation",
        "REASON": "规划高速公路互通在村旁", "DECIDED_BY": "王工"})
    res2, rows2 = _classify(ledger, sample_dir, PLANNING_DB=db)
    assert rows2["500230001006"]["final_category"] == "relocation"
    assert rows2["500230001006"]["override_reason"] == "规划高速公路互通在村旁"
    assert rows2["500230001001"]["final_category"] == rows["500230001001"]["suggested_category"]
    assert res2["CHANGED"] == 0
    # new rules (or new data) change a suggestion: it is shown, the decision is kept
    with open(resource_path("rules", "classification_default.json"), encoding="utf-8") as fh:
        data = json.loads(fh.read())
    data["rules"][1]["conditions"][0]["value"] = 0  # every village with any hazard point
    county_rules = tmp_path / "county_rules.json"
    county_rules.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    res3, rows3 = _classify(ledger, sample_dir, PLANNING_DB=db, RULES=str(county_rules))
    v1 = rows3["500230001001"]
    assert v1["suggested_category"] == "relocation"
    assert v1["suggestion_changed"] == 1 and v1["previous_suggestion"] == "suburban"
    assert v1["final_category"] == "suburban"
    assert res3["CHANGED"] >= 1
    assert len(history(db)) == 4


def test_categories_reach_the_village_layer_through_the_edit_buffer(sample_dir, tmp_path, vp_provider):
    import processing

    copy = str(tmp_path / "villages.gpkg")
    processing.run("native:savefeatures", {"INPUT": gpkg_layer(sample_dir, "CJDCQ"), "OUTPUT": copy})
    villages = QgsVectorLayer(copy, "villages", "ogr")
    changed = apply_categories(villages, {"500230001001": "suburban", "500230001002": "protection"})
    assert changed == 2
    assert villages.isEditable()
    values = {f["ZLDWDM"][:12]: f["category"] for f in villages.getFeatures()}
    assert values["500230001001"] == "suburban"
    villages.undoStack().undo()
    assert villages.fields().indexOf("category") < 0 or all(
        not f["category"] for f in villages.getFeatures())
    villages.undoStack().redo()
    assert villages.commitChanges()
    saved = QgsVectorLayer(copy, "saved", "ogr")
    assert {f["ZLDWDM"][:12]: f["category"] for f in saved.getFeatures()}["500230001002"] == "protection"
    style_layer(saved, load_rules())
    cats = saved.renderer().categories()
    assert [c.value() for c in cats] == load_rules().standard_order
    assert cats[0].label() in ("Agglomeration and upgrading", "集聚提升类")
