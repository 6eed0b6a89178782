import json
from pathlib import Path

import pytest

from village_planner.core import codes
from village_planner.core.profile import ProfileError, load_profile


def test_village_code_is_the_12_digit_prefix():
    assert codes.village_code("5002300010010010000") == "500230001001"
    assert codes.village_code(" 500230001001 ") == "500230001001"
    assert codes.village_code("5002300010010010000.0") == "500230001001"
    assert codes.village_code("50023000") is None
    assert codes.village_code(None) is None
    assert codes.village_code("50023000100X0010000") is None


def test_k_suffix_counts_with_its_base_class():
    assert codes.is_restorable("0201K")
    assert codes.is_restorable(" 0301k ")
    assert not codes.is_restorable("K")
    assert codes.base_class("1104K") == "1104"
    assert codes.base_class("0101") == "0101"


def test_units():
    assert codes.ha(25000) == 2.5
    assert codes.mu(2.0) == 30.0


def test_default_profile_maps_every_survey_code():
    profile = load_profile()
    table = codes.load_survey_codes(codes.resource_path("codes", "survey_codes.csv"))
    for code in table:
        account, known = profile.account_of(code)
        assert known, code
        assert account in ("cultivated", "ecological", "construction", "other_agricultural", "other")
    assert profile.account_of("0101")[0] == "cultivated"
    assert profile.account_of("0201K") == ("other_agricultural", True)
    assert profile.account_of("0702")[0] == "construction"
    assert profile.account_of("1006")[0] == "other_agricultural"
    assert profile.account_of("1109")[0] == "construction"
    assert profile.account_of("9999") == ("other", False)
    assert len(profile.content_hash) == 64


def test_profile_errors_name_the_file(tmp_path):
    bad = tmp_path / "p.json"
    data = json.loads(Path(codes.resource_path("profiles", "ledger_default.json")).read_text(encoding="utf-8"))
    data["land_accounts"]["other"]["codes"].append("0101")
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProfileError, match="0101"):
        load_profile(str(bad))
    del data["land_accounts"]["other"]
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProfileError, match=str(bad).replace("\\", "\\\\")):
        load_profile(str(bad))
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ProfileError, match="JSON"):
        load_profile(str(bad))
    with pytest.raises(ProfileError, match="not found"):
        load_profile(str(tmp_path / "missing.json"))


def test_profile_hash_follows_content(tmp_path):
    src = codes.resource_path("profiles", "ledger_default.json")
    copy = tmp_path / "county.json"
    raw = Path(src).read_bytes()
    copy.write_bytes(raw)
    assert load_profile(str(copy)).content_hash == load_profile().content_hash
    copy.write_bytes(raw.replace(b"default-4+2", b"county-edit"))
    edited = load_profile(str(copy))
    assert edited.name == "county-edit"
    assert edited.content_hash != load_profile().content_hash


# the three-way classification of GB/T 21010-2017 decides construction land (issue 12)
THREE_WAY = {
    "construction": ["05H1", "0508", "0601", "0602", "0603", "0701", "0702", "08H1", "08H2", "08H2A", "0809",
                     "0810", "0810A", "09", "1001", "1002", "1003", "1004", "1005", "1007", "1008", "1009", "1109",
                     "1201"],
    "cultivated": ["0101", "0102", "0103", "0101K"],
    "ecological": ["0301", "0302", "0305", "0307", "0401", "0403", "0404", "0303", "0304", "0306", "0402", "1105",
                   "1106", "1108", "1101", "1102", "1103", "1110", "0301K", "0404K"],  # water surfaces
    "other_agricultural": ["0201", "0202", "0203", "0204", "0201K", "1006", "1104", "1104A", "1104K", "1107",
                           "1107A", "1202", "1203"],
    "other": ["1204", "1205", "1206", "1207"],
}


def test_default_profile_follows_the_three_way_classification():
    profile = load_profile()
    for account, survey_codes in THREE_WAY.items():
        for code in survey_codes:
            assert profile.account_of(code) == (account, True), code
    # every survey class is pinned above
    table = codes.load_survey_codes(codes.resource_path("codes", "survey_codes.csv"))
    pinned = {c for cs in THREE_WAY.values() for c in cs}
    assert set(table) <= pinned, set(table) - pinned


def test_a_profile_without_other_agricultural_land_still_loads(tmp_path):
    data = json.loads(Path(codes.resource_path("profiles", "ledger_default.json")).read_text(encoding="utf-8"))
    moved = data["land_accounts"].pop("other_agricultural")
    data["land_accounts"]["ecological"]["prefixes"] += moved["prefixes"]
    data["land_accounts"]["other"]["codes"] += moved["codes"]
    old = tmp_path / "county_v1.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    profile = load_profile(str(old))
    assert profile.account_of("0201") == ("ecological", True)
    assert profile.account_of("1006") == ("other", True)
    data["land_accounts"]["other_agriculture"] = {"codes": ["9999"]}  # a misspelt account is named
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProfileError, match="other_agriculture"):
        load_profile(str(old))
