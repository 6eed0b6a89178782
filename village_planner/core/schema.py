"""Checks a county-editable JSON file against a schema in resources/validation/.

A small subset of JSON Schema, enough for the plugin's own files: type, required,
properties, additionalProperties, items, enum, minItems, minimum, maximum, $ref to
"#/definitions/NAME" and anyOf (of the alternatives whose first required key is
present, the one with the fewest problems is reported: the one the author meant).
Each problem names where it is (``rules[1] > conditions[0] > value``) and what was given.
"""

import json
import math

from .codes import resource_path
from .i18n import N_, tr

TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}
TYPE_NAMES = {"object": N_("an object {…}"), "array": N_("a list […]"), "string": N_("text"),
              "number": N_("a number"), "integer": N_("a whole number"), "boolean": N_("true or false"),
              "null": N_("null")}

_CACHE = {}


def load_schema(name):
    if name not in _CACHE:
        with open(resource_path("validation", name), encoding="utf-8") as fh:
            _CACHE[name] = json.load(fh)
    return _CACHE[name]


def _shown(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def problems(data, schema, root=None, path=()):
    """[(path tuple, message)] for everything in ``data`` that the schema does not allow."""
    root = root or schema
    if "$ref" in schema:
        schema = root["definitions"][schema["$ref"].split("/")[-1]]
    if "anyOf" in schema:
        options = [root["definitions"][o["$ref"].split("/")[-1]] if "$ref" in o else o for o in schema["anyOf"]]
        if isinstance(data, dict):
            fitting = [problems(data, o, root, path) for o in options
                       if all(k in data for k in o.get("required", [])[:1])]
            if fitting:  # the alternative the author most likely meant: the one with the fewest problems
                return min(fitting, key=len)
        keys = sorted({k for o in options for k in o.get("required", [])[:1]})
        return [(path, tr("must be an object with one of the keys {keys} (given {value})").format(
            keys=", ".join(keys), value=_shown(data)))]
    out = []
    kinds = schema.get("type")
    if kinds:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(TYPES[k](data) for k in kinds):
            wanted = tr(" or ").join(tr(TYPE_NAMES[k]) for k in kinds)
            return [(path, tr("must be {wanted} (given {value})").format(wanted=wanted, value=_shown(data)))]
    if "enum" in schema and data not in schema["enum"]:
        out.append((path, tr("must be one of {values} (given {value})").format(
            values=", ".join(_shown(v) for v in schema["enum"]), value=_shown(data))))
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        if "minimum" in schema and data < schema["minimum"]:
            out.append((path, tr("must be at least {min} (given {value})").format(min=schema["minimum"], value=data)))
        if "maximum" in schema and data > schema["maximum"]:
            out.append((path, tr("must be at most {max} (given {value})").format(max=schema["maximum"], value=data)))
    if isinstance(data, dict):
        for key in schema.get("required", []):
            if key not in data or data[key] is None:
                out.append((path + (key,), tr("is required")))
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        for key, value in data.items():
            if key in props:
                if value is None:  # absent: "is required" above when it must be there
                    continue
                out.extend(problems(value, props[key], root, path + (key,)))
            elif extra is False and not key.startswith("_"):
                out.append((path + (key,), tr("is not a known key")))
            elif isinstance(extra, dict):
                out.extend(problems(value, extra, root, path + (key,)))
    if isinstance(data, list):
        if len(data) < schema.get("minItems", 0):
            out.append((path, tr("must have at least {n} items").format(n=schema["minItems"])))
        if "items" in schema:
            for i, item in enumerate(data):
                out.extend(problems(item, schema["items"], root, path + (i,)))
    return out


def where(path, data=None):
    """'rules[1] (R2) > conditions[0] > value': a path as a planner finds it in the file."""
    parts, node = [], data
    for step in path:
        if isinstance(step, int):
            label = "[{}]".format(step)
            node = node[step] if isinstance(node, list) and step < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += " ({})".format(node["id"])
            if parts:
                parts[-1] += label
            else:
                parts.append(label)
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return " > ".join(parts) or tr("(the whole file)")


def check(data, schema_name, error_cls, path_label):
    """Raise ``error_cls`` listing every problem of ``data`` (at most 10), or return None."""
    found = problems(data, load_schema(schema_name))
    if found:
        lines = ["{}: {}".format(where(p, data), m) for p, m in found[:10]]
        if len(found) > 10:
            lines.append(tr("… and {n} more").format(n=len(found) - 10))
        raise error_cls(tr("{file} is not valid:").format(file=path_label) + "\n" + "\n".join(lines))
