"""Survey code systems: village codes, land classes, the K suffix."""

import csv
import hashlib
import json
import os

from ..paths import resource as resource_path  # noqa: F401 - one place knows where the data files are

VILLAGE_CODE_LEN = 12
ZLDWDM_LEN = 19
M2_PER_HA = 10000.0
MU_PER_HA = 15.0


def village_code(zldwdm):
    """The 12-digit administrative village code of a 19-digit ZLDWDM.

    Returns None for empty values or values shorter than 12 digits.
    """
    if zldwdm is None:
        return None
    text = str(zldwdm).strip()
    if text.endswith(".0") and text[:-2].isdigit():
        # codes that went through a numeric field in a spreadsheet
        text = text[:-2]
    if len(text) < VILLAGE_CODE_LEN or not text[:VILLAGE_CODE_LEN].isdigit():
        return None
    return text[:VILLAGE_CODE_LEN]


def town_code(code12):
    return code12[:9] if code12 else None


def normalise_class(dlbm):
    """Strip spaces and upper-case a land class code (``'0201k '`` -> ``'0201K'``)."""
    if dlbm is None:
        return ""
    return str(dlbm).strip().upper()


def is_restorable(dlbm, suffix="K"):
    code = normalise_class(dlbm)
    return len(code) > len(suffix) and code.endswith(suffix)


def base_class(dlbm, suffix="K"):
    """The class a K-suffixed code counts with (``'0201K'`` -> ``'0201'``)."""
    code = normalise_class(dlbm)
    if is_restorable(code, suffix):
        return code[: -len(suffix)]
    return code


def ha(m2):
    return m2 / M2_PER_HA


def mu(hectares):
    return hectares * MU_PER_HA


def load_survey_codes(path):
    """Read the survey code table (code, group, name_zh, name_en)."""
    with open(path, encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def read_json(path, error_cls, not_found, invalid):
    """(data, SHA-256 of the bytes) of a county-editable JSON file (UTF-8, BOM allowed).

    ``not_found`` and ``invalid`` are translated messages with {path} (and {error}); they are raised as
    ``error_cls`` so the caller's own error type names what the file is.
    """
    if not os.path.exists(path):
        raise error_cls(not_found.format(path=path))
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise error_cls(invalid.format(path=path, error=exc)) from exc
    return data, hashlib.sha256(raw).hexdigest()
