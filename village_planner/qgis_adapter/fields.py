"""Recognise the survey's layers and fields; per-project field mapping.

Standard names come from resources/survey_layers.json. A project may map other
field names once (``save_mapping``); the mapping is stored in the .qgs.
"""

import json

from qgis.core import QgsProject, QgsVectorLayer

from ..paths import resource
from . import settings

_SPEC = None


def spec():
    global _SPEC
    if _SPEC is None:
        with open(resource("survey_layers.json"), encoding="utf-8") as fh:
            _SPEC = json.load(fh)
    return _SPEC


def find_field(layer, names):
    """The layer's own spelling of the first of ``names`` it has (case-insensitive), or None."""
    have = {f.name().upper(): f.name() for f in layer.fields()}
    return next((have[n.upper()] for n in names if n.upper() in have), None)


def project_mapping(project=None):
    """{layer kind: {role: field name}} saved in the project."""
    return settings.read(settings.FIELD_MAPPING, project)


def save_mapping(kind, mapping, project=None):
    """Remember ``{role: field name}`` for a layer kind in the project (.qgs)."""
    data = project_mapping(project)
    data[kind] = {k: v for k, v in mapping.items() if v}
    settings.write(settings.FIELD_MAPPING, data, project)


def resolve_fields(layer, kind, project=None):
    """({role: field name}, [(role, field name, stale)]) for a layer of a kind.

    A role is missing when a required field is not found, or when the project's field
    mapping names a field the layer does not have (``stale``): a mapping is never
    silently replaced by the standard field, which may hold another quantity.
    """
    roles = spec()["fields"].get(kind, {})
    saved = project_mapping(project).get(kind, {})
    names = {f.name().upper(): f.name() for f in layer.fields()}
    found, missing = {}, []
    for role, info in roles.items():
        chosen = saved.get(role)
        if chosen:
            if chosen.upper() in names:
                found[role] = names[chosen.upper()]
            else:
                missing.append((role, chosen, True))
            continue
        for candidate in info["names"]:
            if candidate.upper() in names:
                found[role] = names[candidate.upper()]
                break
        if role not in found and info.get("required"):
            missing.append((role, info["names"][0], False))
    return found, missing


def guess_kind(layer):
    """Which survey layer kind a layer looks like, by name, then by its fields."""
    if not isinstance(layer, QgsVectorLayer):
        return None
    layers = spec()["layers"]
    name = layer.name().upper()
    source_name = layer.source().split("layername=")[-1].split("|")[0].upper()
    for kind, info in layers.items():
        for candidate in info["names"]:
            cand = candidate.upper()
            if name == cand or source_name == cand or source_name.endswith("/" + cand + ".SHP"):
                return kind
    fields = {f.name().upper() for f in layer.fields()}
    for kind, info in layers.items():
        sig = [s.upper() for s in info.get("signature", [])]
        if sig and all(s in fields for s in sig):
            return kind
    return None


def find_project_layers(project=None):
    """{kind: layer} for the first project layer that looks like each survey layer."""
    project = project or QgsProject.instance()
    found = {}
    for layer in project.mapLayers().values():
        kind = guess_kind(layer)
        if kind and kind not in found:
            found[kind] = layer
    return found


def find_stats_layer(project=None):
    """A project table (no geometry) whose headers look like the village statistics."""
    from ..core.stats import map_headers

    project = project or QgsProject.instance()
    for layer in project.mapLayers().values():
        if isinstance(layer, QgsVectorLayer) and not layer.isSpatial():
            mapping = map_headers([f.name() for f in layer.fields()])
            if "village_code" in mapping.values() and len(mapping) >= 3:
                return layer
    return None
