"""Classification rules from the rule file, explained; decisions as history (no QGIS)."""

import json
import sqlite3

import pytest

from village_planner.core.classification import RulesError, RuleSet, county_summary, indicators_from_ledger, load_rules
from village_planner.core.codes import resource_path
from village_planner.store.classification import DecisionError, current_decisions, history, record_decisions


def _default_rules_data():
    with open(resource_path("rules", "classification_default.json"), encoding="utf-8") as fh:
        return json.load(fh)


BASE = {"heritage": "", "hazard_points": 0, "redline_share": 0.1, "resident_ratio": 0.8, "resident_pop": 2000,
        "dev_share": 0.0, "dev_distance_m": 5000}


def suggest(**changes):
    figures = dict(BASE, **changes)
    return load_rules().evaluate("500230001001", figures)


def test_default_rules_in_order():
    assert suggest(heritage="国家级传统村落").category == "protection"
    assert suggest(heritage="国家级传统村落", hazard_points=5).category == "protection"  # first rule wins
    assert suggest(hazard_points=3).category == "relocation"
    assert suggest(hazard_points=2).category == "agglomeration"
    assert suggest(redline_share=0.5).category == "relocation"
    assert suggest(redline_share=0.49).category == "agglomeration"
    assert suggest(resident_ratio=0.34, resident_pop=999).category == "relocation"
    assert suggest(resident_ratio=0.34, resident_pop=1000).category == "agglomeration"
    assert suggest(resident_ratio=0.35, resident_pop=500).category == "agglomeration"
    assert suggest(dev_share=0.1).category == "suburban"
    assert suggest(dev_distance_m=1000).category == "suburban"
    assert suggest(dev_distance_m=1001).category == "agglomeration"
    assert suggest(heritage="无").category == "agglomeration"


def test_suggestions_name_rule_and_figures():
    s = suggest(hazard_points=4)
    assert s.rule_id == "R2"
    assert "geological hazard points 4 ≥ 3" in s.explanation
    s = suggest(dev_share=0.25)
    assert s.rule_id == "R3" and "25.0% ≥ 10.0%" in s.explanation


def test_missing_indicators_leave_the_village_unclassified():
    s = suggest(heritage=None)
    assert s.category == "unclassified" and s.missing == ["heritage"] and "R1" in s.explanation
    assert "heritage designation" in s.explanation
    s = suggest(hazard_points=None)
    assert s.category == "unclassified" and s.missing == ["hazard_points"]
    # a satisfied alternative decides even when another indicator of the rule is missing
    assert suggest(hazard_points=None, redline_share=0.9).category == "relocation"
    # distance is optional in the default file: without it the share decides
    assert suggest(dev_distance_m=None).category == "agglomeration"


def test_what_it_would_take():
    rules = load_rules()
    s = suggest(hazard_points=1)
    alts = {cat: text for cat, _, text in rules.what_it_takes(s)}
    assert set(alts) == {"protection", "relocation", "suburban"}
    assert "1 ≥ 3" in alts["relocation"]


def test_aliases_and_names():
    rules = load_rules()
    assert rules.canonical("整治提升类") == "agglomeration"
    assert rules.canonical("保留发展类") == "agglomeration"
    assert rules.canonical("中心村") == "agglomeration"
    assert rules.canonical("看不准") == "unclassified"
    assert rules.canonical("Relocation") == "relocation"
    assert rules.canonical("nonsense") is None
    assert rules.category_name("suburban", "zh") == "城郊融合类"


def test_rules_file_is_validated(tmp_path):
    data = _default_rules_data()
    data["rules"][1]["conditions"][0]["indicator"] = "rainfall"
    bad = tmp_path / "r.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RulesError, match="rainfall"):
        load_rules(str(bad))
    data = _default_rules_data()
    data["rules"] = data["rules"][:-1]
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(RulesError, match="always"):
        load_rules(str(bad))


def test_county_edits_thresholds_as_data(tmp_path):
    data = _default_rules_data()
    data["rules"][1]["conditions"][0]["value"] = 2
    path = tmp_path / "county.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    county = load_rules(str(path))
    assert county.evaluate("x", dict(BASE, hazard_points=2)).category == "relocation"
    assert county.content_hash != load_rules().content_hash


def test_indicators_from_ledger_rows():
    row = {"total_ha": 500.0, "eco_redline_ha": 250.0, "dev_boundary_ha": None, "hazard_points": 3,
           "resident_ratio": 0.5, "resident_pop": 800, "heritage": "", "has_stats": 1}
    ind = indicators_from_ledger(row, dev_distance_m=300.0)
    assert ind["redline_share"] == 0.5 and ind["dev_share"] is None and ind["heritage"] == ""
    assert indicators_from_ledger(dict(row, has_stats=0))["heritage"] is None


def test_county_summary_beside_reference_shares():
    rules = load_rules()
    rows = county_summary([suggest(), suggest(), suggest(hazard_points=9), suggest(heritage="历史文化名村")], rules)
    by = {r["category"]: r for r in rows}
    assert by["agglomeration"]["count"] == 2 and by["agglomeration"]["share"] == 50
    assert by["agglomeration"]["reference"] == "35–45%"
    assert by["relocation"]["reference"] == "≈15%"
    assert [r["category"] for r in rows] == rules.standard_order


def test_decisions_are_history_and_overrides_need_a_reason(tmp_path):
    db = str(tmp_path / "planning.gpkg")
    rules = load_rules()
    base = {"village_code": "500230001001", "suggested_category": "agglomeration", "rule_id": "R4",
            "decided_by": "王工"}
    with pytest.raises(DecisionError, match="reason"):
        record_decisions(db, [dict(base, final_category="relocation", override_reason="  ")], rules)
    with pytest.raises(DecisionError, match="name"):
        record_decisions(db, [dict(base, final_category="agglomeration", decided_by="")], rules)
    assert history(db) == []
    record_decisions(db, [dict(base, final_category="agglomeration")], rules)
    record_decisions(db, [dict(base, final_category="suburban", override_reason="新高铁站规划在村旁")], rules)
    hist = history(db, "500230001001")
    assert [h["final_category"] for h in hist] == ["agglomeration", "suburban"]
    assert current_decisions(db)["500230001001"]["final_category"] == "suburban"
    assert hist[1]["rules_hash"] == rules.content_hash
    con = sqlite3.connect(db)
    with pytest.raises(sqlite3.DatabaseError, match="history"):
        con.execute("DELETE FROM vp_decision")
    with pytest.raises(sqlite3.DatabaseError, match="history"):
        con.execute("UPDATE vp_decision SET final_category = 'relocation'")
    con.close()


def test_a_batch_is_all_or_nothing(tmp_path):
    db = str(tmp_path / "planning.gpkg")
    ok = {"village_code": "1", "suggested_category": "agglomeration", "final_category": "agglomeration",
          "decided_by": "李工"}
    bad = {"village_code": "2", "suggested_category": "agglomeration", "final_category": "relocation",
           "decided_by": "李工"}
    with pytest.raises(DecisionError):
        record_decisions(db, [ok, bad])
    assert history(db) == []


def test_nested_groups_keep_their_brackets():
    s = suggest(resident_ratio=0.3, resident_pop=500)
    assert "(resident/registered population 0.30 < 0.35 ✓ and resident population 500 < 1,000 ✓)" in s.explanation


# issue 9 (10): a careless edit of the rules file is named, never a traceback --------------------
@pytest.mark.parametrize("mutate,expected", [
    (lambda d: d["rules"][1]["conditions"][0].__setitem__("value", "3"),
     'rules[1] (R2) > conditions[0] > value: must be a number (given "3")'),
    (lambda d: d["rules"][1]["conditions"][0].__setitem__("value", "三"),
     'rules[1] (R2) > conditions[0] > value: must be a number (given "三")'),
    (lambda d: d["rules"][1]["conditions"][0].pop("value"), "rules[1] (R2) > conditions[0] > value: is required"),
    (lambda d: d["rules"][1]["conditions"][0].__setitem__("value", None),
     "rules[1] (R2) > conditions[0] > value: is required"),
    (lambda d: d["rules"].__setitem__(1, "R2 hazard"), 'rules[1]: must be an object {…} (given "R2 hazard")'),
    (lambda d: d["rules"][1]["conditions"][2]["all"][0].__setitem__("op", "=>"), '(given "=>")'),
    (lambda d: d["indicators"]["hazard_points"].__setitem__("format", "pct"), "indicators > hazard_points > format"),
])
def test_rule_file_mistakes_name_the_rule_and_key(mutate, expected):
    import copy

    with open(resource_path("rules", "classification_default.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    broken = copy.deepcopy(data)
    mutate(broken)
    with pytest.raises(RulesError) as info:
        RuleSet(broken, path="county_rules.json")
    assert "county_rules.json" in str(info.value)
    assert expected in str(info.value)
