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
