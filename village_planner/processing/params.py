"""Parameters shared by several algorithms: the survey layers, the statistics, keyed enums."""

import os

from qgis.core import (
    QgsProcessingParameterDefinition,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..qgis_adapter.i18n import tr
from ..qgis_adapter.roles import ROLES, SURVEY_PARAMS, layer_parameter

STATS_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm")


def add_layer_params(alg, params=SURVEY_PARAMS, required=("PARCELS",)):
    """The layer parameters of an algorithm, from the registry of layer roles."""
    for name in params:
        alg.addParameter(layer_parameter(name, optional=name not in required))


def layers_from(alg, parameters, context, params=SURVEY_PARAMS):
    """{layer kind: layer or None} for the survey layers."""
    return {ROLES[name].kind: alg.parameterAsVectorLayer(parameters, name, context) for name in params}


def stats_source(alg, parameters, context, name="VILLAGE_STATS"):
    """A CSV/XLSX path (read by the plugin, with encoding detection) or a table layer."""
    raw = parameters.get(name)
    if isinstance(raw, str) and raw.lower().split("|")[0].endswith(STATS_EXTENSIONS):
        path = raw.split("|")[0]
        if os.path.exists(path):
            return path
    if raw in (None, ""):
        return None
    return alg.parameterAsVectorLayer(parameters, name, context)


class KeyedEnumParameter(QgsProcessingParameterEnum):
    """An enum whose options have stable keys as well as translated labels.

    Dialogs show the labels and pass indexes; scripts, models and ``qgis_process`` may
    pass the key (``MOVEMENT=draw``) or, as before, the index (``MOVEMENT=2``). Keys
    never change when an option is added, indexes may. Read the value with
    :func:`enum_key` / :func:`enum_keys`.
    """

    def __init__(self, name, description, keys, labels, allow_multiple=False, default=None, optional=False):
        self.keys = list(keys)
        default_index = self.keys.index(default) if default in self.keys else default
        super().__init__(name, description, list(labels), allow_multiple, default_index, optional)
        if not allow_multiple:
            help_keys = ", ".join("{}={}".format(i, k) for i, k in enumerate(self.keys))
            self.setHelp(help_keys)

    def clone(self):
        return KeyedEnumParameter(self.name(), self.description(), self.keys, self.options(),
                                  self.allowMultiple(), self.defaultValue(),
                                  bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional))

    def key_of(self, value):
        """The key for one value (key, label, index or index text); None when it is none of them."""
        if isinstance(value, bool):
            return None
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            index = int(value)
            return self.keys[index] if 0 <= index < len(self.keys) else None
        text = str(value).strip()
        if text.lstrip("-").isdigit():
            return self.key_of(int(text))
        lowered = {k.lower(): k for k in self.keys}
        if text.lower() in lowered:
            return lowered[text.lower()]
        labels = self.options()
        return self.keys[labels.index(text)] if text in labels else None

    def values_of(self, value):
        """The list of single values in a (possibly multiple) parameter value."""
        if value is None or value == "":
            return []
        if isinstance(value, (list, tuple)):
            return list(value)
        if isinstance(value, str) and "," in value:
            return [v for v in value.split(",") if v.strip()]
        return [value]

    def checkValueIsAcceptable(self, value, context=None):  # noqa: N802 - QGIS API
        values = self.values_of(value)
        if not values:
            return bool(self.flags() & QgsProcessingParameterDefinition.Flag.FlagOptional) or \
                self.defaultValue() not in (None, "")
        if len(values) > 1 and not self.allowMultiple():
            return False
        return all(self.key_of(v) is not None for v in values)


def enum_keys(alg, parameters, name):
    """The keys chosen for a keyed enum parameter (the default when none is given)."""
    param = alg.parameterDefinition(name)
    raw = parameters.get(name)
    if raw is None or raw == "" or raw == []:
        raw = param.defaultValue()
    return [param.key_of(v) for v in param.values_of(raw) if param.key_of(v) is not None]


def enum_key(alg, parameters, name):
    """The key chosen for a single keyed enum parameter (None when optional and not given)."""
    keys = enum_keys(alg, parameters, name)
    return keys[0] if keys else None


PLAN_LAYERS = ("PLANNED_LANDUSE", "VILLAGES", "BASIC_FARMLAND", "ECO_REDLINE", "DEV_BOUNDARY",
               "CONSTRUCTION_BOUNDARY", "CURRENT_LANDUSE")


def add_plan_inputs(alg, required=("PLANNED_LANDUSE", "VILLAGES")):
    """The inputs of the submission algorithms: the plan's layers, the villages, the database structure and
    the quality-check rules."""
    for name in PLAN_LAYERS:
        alg.addParameter(layer_parameter(name, optional=name not in required))
    alg.addParameter(QgsProcessingParameterString(
        "VILLAGE_CODES", tr("Village codes (comma separated; empty for all)"), optional=True))
    alg.addParameter(QgsProcessingParameterFile(
        "SCHEMA", tr("Submission database structure (JSON; empty for the default)"), extension="json",
        optional=True))
    alg.addParameter(QgsProcessingParameterFile(
        "RULES", tr("Quality-check rules (JSON; empty for the default)"), extension="json", optional=True))


def plan_inputs(alg, parameters, context):
    """({parameter: layer or None}, {village codes}) of a submission algorithm."""
    layers = {name: alg.parameterAsVectorLayer(parameters, name, context) for name in PLAN_LAYERS}
    codes = {c.strip() for c in alg.parameterAsString(parameters, "VILLAGE_CODES", context).replace(
        "，", ",").split(",") if c.strip()}
    return layers, codes
