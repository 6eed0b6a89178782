"""The survey-layer parameters shared by several algorithms."""

import os

from qgis.core import QgsProcessing, QgsProcessingParameterVectorLayer

from ..core.i18n import N_
from ..qgis_adapter.i18n import tr

LAYER_PARAMS = (
    # (parameter, kind, geometry type, label)
    ("PARCELS", "parcels", QgsProcessing.TypeVectorPolygon, N_("Land parcels (DLTB)")),
    ("VILLAGES", "villages", QgsProcessing.TypeVectorPolygon, N_("Village zones (CJDCQ)")),
    ("BASIC_FARMLAND", "basic_farmland", QgsProcessing.TypeVectorPolygon, N_("Permanent basic farmland (YJJBNTTB)")),
    ("ECO_REDLINE", "eco_redline", QgsProcessing.TypeVectorPolygon, N_("Ecological protection red line (STBHHX)")),
    ("DEV_BOUNDARY", "dev_boundary", QgsProcessing.TypeVectorPolygon, N_("Urban development boundary (CZKFBJ)")),
    ("HAZARDS", "hazards", QgsProcessing.TypeVectorPoint, N_("Geological hazard points")),
)

STATS_EXTENSIONS = (".csv", ".txt", ".xlsx", ".xlsm")


def add_layer_params(alg):
    for name, _kind, gtype, label in LAYER_PARAMS:
        alg.addParameter(QgsProcessingParameterVectorLayer(
            name, tr(label), [gtype], optional=(name != "PARCELS")))


def layers_from(alg, parameters, context):
    return {kind: alg.parameterAsVectorLayer(parameters, name, context) for name, kind, _, _ in LAYER_PARAMS}


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
