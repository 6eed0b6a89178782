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
        assert account in ("cultivated", "ecological", "construction", "other")
    assert profile.account_of("0101")[0] == "cultivated"
    assert profile.account_of("0201K") == ("ecological", True)
    assert profile.account_of("0702")[0] == "construction"
    assert profile.account_of("1006")[0] == "other"
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
