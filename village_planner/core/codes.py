"""Survey code systems: village codes, land classes, the K suffix."""

import csv
import os

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


def resources_dir():
    """The plugin's resources folder (packaged beside the package, or the repo's)."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "resources"), os.path.join(os.path.dirname(here), "resources")):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError("resources folder not found next to " + here)


def resource_path(*parts):
    return os.path.join(resources_dir(), *parts)
