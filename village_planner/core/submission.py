"""The village plan submission database (入库): its structure from a county-editable file, and
the rows of each layer filled from the plan.

The structure (resources/schemas/village_plan_default.json, or a province's copy) lists
layers, fields and tables; each field says where its value comes from (``fill``). This
module turns the plan's parcels into rows with those fields: BSM numbered from the village
code, YSDM of the layer, the village's code and name, land-use codes with their names from
the 2023 table, and the balanced areas.
"""

import re

from .codes import read_json, resource_path
from .errors import VillagePlannerError
from .i18n import tr
from .schema import check as check_against_schema

DEFAULT_SCHEMA = ("schemas", "village_plan_default.json")
BSM_SEQUENCE_DIGITS = 6  # BSM = the 12-digit village code followed by a 6-digit sequence number
MAX_NAME = 40
FORBIDDEN = re.compile(r'[\x00-\x1f\\/:*?"<>|]+')


class SubmissionError(VillagePlannerError):
    pass


class SubmissionSchema:
    def __init__(self, data, path=""):
        check_against_schema(data, "submission.schema.json", SubmissionError,
                             tr("Submission database structure {path}").format(path=path or "-"))
        self.data = data
        self.path = path
        names = [layer["name"] for layer in data["layers"]] + [t["name"] for t in data.get("tables", [])]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise SubmissionError(tr("Submission database structure {path}: the names {names} are used more "
                                     "than once.").format(path=path or "-", names=", ".join(dup)))

    @property
    def name(self):
        return self.data["name"]

    @property
    def layers(self):
        return self.data["layers"]

    @property
    def tables(self):
        return self.data.get("tables", [])

    def layer_for(self, source):
        return next((layer for layer in self.layers if layer["source"] == source), None)


def load_submission_schema(path=None):
    path = path or resource_path(*DEFAULT_SCHEMA)
    data, _ = read_json(path, SubmissionError, tr("Submission database structure not found: {path}"),
                        tr("Submission database structure {path} is not valid UTF-8 JSON: {error}"))
    return SubmissionSchema(data, path)


def bsm(village_code, sequence):
    """The feature's BSM: the village code and a sequence number, unique across the county."""
    if sequence >= 10 ** BSM_SEQUENCE_DIGITS:
        raise SubmissionError(tr("Village {code} has more than {n} features in one layer.").format(
            code=village_code, n=10 ** BSM_SEQUENCE_DIGITS - 1))
    return int(village_code) * 10 ** BSM_SEQUENCE_DIGITS + sequence


def safe_file_name(text, fallback="village"):
    """A village name as it may appear in a file name: never a path, never empty, never too long."""
    name = FORBIDDEN.sub("_", str(text or "")).strip(" ._")
    name = re.sub(r"\s+", "_", name).replace("..", "_")
    return name[:MAX_NAME] or fallback


def database_name(village_code, village_name, extension):
    return "{}_{}.{}".format(village_code, safe_file_name(village_name, village_code), extension)


def fill_rows(layer_def, village_code, village_name, records, first_sequence=1):
    """Rows of a layer: one dict per record, with the schema's field names.

    ``records``: dicts with the plan's values ``code`` (2023 code), ``code_name``, ``settlement``
    (CZCSXM), ``area`` (m2), ``note`` (any may be missing). Areas are written to the field's decimals.
    """
    rows = []
    for n, rec in enumerate(records):
        row = {}
        for spec in layer_def["fields"]:
            fill = spec.get("fill")
            if fill == "bsm":
                value = bsm(village_code, first_sequence + n)
                value = value if spec["type"] in ("long", "int") else "%0*d" % (12 + BSM_SEQUENCE_DIGITS, value)
            elif fill == "ysdm":
                value = layer_def.get("ysdm", "")
            elif fill == "village_code":
                value = village_code
            elif fill == "village_name":
                value = village_name
            elif fill == "area":
                area = rec.get("area")
                value = None if area is None else round(float(area), spec.get("decimals", 2))
            elif fill in ("code", "code_name", "settlement", "note"):
                value = rec.get(fill)
            else:
                value = rec.get(spec["name"])
            if isinstance(value, str) and spec.get("length"):
                value = value[:spec["length"]]
            row[spec["name"]] = value
        rows.append(row)
    return rows
