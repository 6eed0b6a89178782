"""Survey codes to 2023 planning codes, and 2020 trial codes to 2023 (no QGIS)."""

from village_planner.core.codes import load_survey_codes, resource_path
from village_planner.core.crosswalk import SurveyCrosswalk, migrate_code, planning_codes


def test_every_survey_code_has_a_planning_code_that_exists():
    cross = SurveyCrosswalk()
    plan = planning_codes()
    for code in load_survey_codes(resource_path("codes", "survey_codes.csv")):
        target, split, candidates = cross.convert(code)
        assert target in plan, code
        assert all(c in plan for c in candidates), code
        assert not split or target in candidates, code


def test_one_to_many_codes_are_flagged_not_guessed():
    cross = SurveyCrosswalk()
    assert cross.convert("0101") == ("0101", False, [])
    assert cross.convert("0702", "203") == ("0703", False, [])
    code, split, candidates = cross.convert("08H2", "203")
    assert code == "0704" and split and "0804" in candidates
    code, split, _ = cross.convert("08H2", "201")
    assert code == "0804" and split
    assert cross.convert("1006")[1] and cross.convert("09")[1] and cross.convert("1202")[1]
    assert cross.convert("0201K") == ("0201", False, [])
    assert cross.convert("1203") == ("2303", False, [])
    assert cross.convert("ZZZZ") == (None, False, [])


def test_2020_codes_migrate_without_chaining():
    assert migrate_code("2302") == "2303"
    assert migrate_code("2303") == "060102"
    assert migrate_code("060102") == "1207"
    assert migrate_code("0101") == "0101"


# -- the rows checked against practitioner copies of the 2023 guide (issue 12) ---------------------

def test_2023_garden_codes_and_level_3_codes():
    plan = planning_codes()
    assert plan["0204"]["name_zh"] == "油料园地"
    assert plan["0205"]["name_zh"] == "其他园地"
    level3 = {
        "070101": "一类城镇住宅用地", "070102": "二类城镇住宅用地", "070103": "三类城镇住宅用地",
        "070301": "一类农村宅基地", "070302": "二类农村宅基地",
        "080301": "图书与展览用地", "080302": "文化活动用地",
        "080401": "高等教育用地", "080402": "中等职业教育用地", "080403": "中小学用地", "080404": "幼儿园用地",
        "080405": "其他教育用地", "080501": "体育场馆用地", "080502": "体育训练用地",
        "080601": "医院用地", "080602": "基层医疗卫生设施用地", "080603": "公共卫生用地",
        "080701": "老年人社会福利用地", "080702": "儿童社会福利用地", "080703": "残疾人社会福利用地",
        "080704": "其他社会福利用地",
        "090101": "零售商业用地", "090102": "批发市场用地", "090103": "餐饮用地", "090104": "旅馆用地",
        "090105": "公用设施营业网点用地",
        "100101": "一类工业用地", "100102": "二类工业用地", "100103": "三类工业用地",
        "110101": "一类物流仓储用地", "110102": "二类物流仓储用地", "110103": "三类物流仓储用地",
        "120801": "对外交通场站用地", "120802": "公共交通场站用地", "120803": "社会停车场用地",
    }
    for code, name in level3.items():
        assert plan[code]["name_zh"] == name, code
        assert code[:4] in plan, code  # every level-3 code has its parent
    for code in ("18", "19", "20", "21", "22", "24", "1803", "1906", "2003", "2102", "2206"):
        assert code in plan, code
    assert plan["2206"]["name_zh"] == "其他特殊用海"
    assert plan["0601"]["name_zh"] == "农村道路" and plan["1207"]["name_zh"] == "城镇村道路用地"
    assert plan["1311"]["name_zh"] == "水工设施用地" and plan["1312"]["name_zh"] == "其他公用设施用地"
    assert plan["2303"]["name_zh"] == "田坎" and plan["060102"]["name_zh"] == "田间道"
    assert all(r["color"].startswith("#") and len(r["color"]) == 7 for r in plan.values())


def test_a_suffixed_survey_classes():
    survey = load_survey_codes(resource_path("codes", "survey_codes.csv"))
    assert {c: survey[c]["name_zh"] for c in ("08H2A", "0810A", "1104A", "1107A")} == {
        "08H2A": "高教用地", "0810A": "广场用地", "1104A": "养殖坑塘", "1107A": "干渠"}


def test_survey_crosswalk_rows():
    cross = SurveyCrosswalk()
    assert cross.convert("0204") == ("0205", True, ["0204", "0205"])
    assert cross.convert("08H2A") == ("080401", False, [])
    assert cross.convert("0810A") == ("1403", False, [])
    assert cross.convert("1104A") == ("1704", False, [])
    code, split, candidates = cross.convert("1107A")
    assert split and set(candidates) == {"1311", "1705"} and code in candidates
    for survey in ("05H1", "08H1"):
        for settlement in ("203", "203A"):
            code, split, candidates = cross.convert(survey, settlement)
            assert split and "0704" in candidates and code in candidates, (survey, settlement)
        assert "0704" not in cross.convert(survey, "201")[2]
        assert "0704" not in cross.convert(survey)[2]
    assert cross.convert("08H2", "203A") == cross.convert("08H2", "203")
    code, split, candidates = cross.convert("1005")
    assert code == "1208" and split and {"1209", "120801", "120802", "120803"} <= set(candidates)
    code, split, candidates = cross.convert("1001")
    assert code == "1201" and split and "1208" in candidates


def test_203a_is_listed_wherever_203_is():
    import csv

    with open(resource_path("codes", "crosswalk_survey_2023.csv"), encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            settlements = set((row["czcsxm"] or "").split("|")) - {""}
            for code in list(settlements):
                if not code.endswith("A"):
                    assert code + "A" in settlements, row


def test_2020_migration_rows():
    from village_planner.core.crosswalk import migrate, migration_2020_rules, planning_codes_2020

    plan, old = planning_codes(), planning_codes_2020()
    expected = {"0204": "0205", "0602": "060201", "0603": "060202", "0604": "060203", "0903": "0903",
                "090301": "0903", "090302": "0903", "1312": "1311", "1313": "1312", "2202": "2206",
                "2302": "2303", "2303": "060102", "060102": "1207", "0601": "0601", "1207": "1207"}
    for code_2020, code_2023 in expected.items():
        assert migrate_code(code_2020) == code_2023, code_2020
        assert code_2020 in old and code_2023 in plan, code_2020
    assert old["0601"]["name_zh"] == "乡村道路用地" and plan["0601"]["name_zh"] == "农村道路"
    assert old["1207"]["name_zh"] != plan["1207"]["name_zh"]
    code, split, candidates = migrate("1311")
    assert split and set(candidates) == {"1705", "1311"} and code in candidates
    assert migrate("0101") == ("0101", False, [])
    for rule in migration_2020_rules().values():
        assert rule["code"] in plan and all(c in plan for c in rule["candidates"])


def test_the_edition_of_a_layer_is_recognised_from_codes_and_names():
    from village_planner.core.crosswalk import edition_evidence

    # codes that exist in one edition only
    found = edition_evidence({("0205", ""): 3, ("0101", ""): 10})
    assert found["2023"]["code"] == {"0205": 3} and not found["2020"]["code"]
    found = edition_evidence({("0604", ""): 2, ("090302", ""): 1})
    assert found["2020"]["code"] == {"0604": 2, "090302": 1} and not found["2023"]["code"]
    # names: 2303 田坎 is 2023, 2303 田间道 is 2020; a name found in both editions tells nothing
    found = edition_evidence({("2303", "田坎"): 40, ("0101", "水田"): 5})
    assert found["2023"]["name"] == {("2303", "田坎"): 40} and not found["2020"]["name"]
    found = edition_evidence({("2303", "田间道"): 4, ("2302", "田坎"): 7})
    assert found["2020"]["name"] == {("2303", "田间道"): 4, ("2302", "田坎"): 7}
    # shared codes without names: nothing to go by
    found = edition_evidence({("2303", ""): 4, ("0101", ""): 1})
    assert not any(found[e][k] for e in found for k in found[e])
