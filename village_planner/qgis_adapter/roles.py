"""Which layer fills which parameter: one registry for algorithms, dialogs, checks and pre-filling.

A role is a Processing parameter name (PARCELS, VILLAGES, ...), the kind of survey layer
that fills it (resources/survey_layers.json, which also lists the layer names a project
uses for it), its label and its geometry. Algorithms add their layer parameters from
here, the checker names layers by their role, and a dialog opened from the menu is
pre-filled with the project layer that fits each role.
"""

from dataclasses import dataclass

from qgis.core import QgsProcessing, QgsProcessingParameterVectorLayer

from ..core.i18n import N_
from .fields import find_project_layers, find_stats_layer
from .i18n import tr

POLYGON = QgsProcessing.SourceType.TypeVectorPolygon
POINT = QgsProcessing.SourceType.TypeVectorPoint


@dataclass(frozen=True)
class LayerRole:
    param: str
    kind: str
    label: str
    geometry: int = POLYGON


ROLES = {role.param: role for role in (
    LayerRole("PARCELS", "parcels", N_("Land parcels (DLTB)")),
    LayerRole("VILLAGES", "villages", N_("Village zones (CJDCQ)")),
    LayerRole("BASIC_FARMLAND", "basic_farmland", N_("Permanent basic farmland (YJJBNTTB)")),
    LayerRole("ECO_REDLINE", "eco_redline", N_("Ecological protection red line (STBHHX)")),
    LayerRole("DEV_BOUNDARY", "dev_boundary", N_("Urban development boundary (CZKFBJ)")),
    LayerRole("HAZARDS", "hazards", N_("Geological hazard points"), POINT),
    LayerRole("CURRENT_LANDUSE", "parcels", N_("Current land use (survey or planning codes)")),
    LayerRole("PLANNED_LANDUSE", "planned", N_("Planned land use (planning codes)")),
    LayerRole("CONSTRUCTION_BOUNDARY", "construction_boundary", N_("Village construction boundary")),
)}
# the survey layers most jobs read, in the order their parameters are shown
SURVEY_PARAMS = ("PARCELS", "VILLAGES", "BASIC_FARMLAND", "ECO_REDLINE", "DEV_BOUNDARY", "HAZARDS")


def param_of(kind):
    """The parameter name a layer of this kind is known by in messages (PARCELS, VILLAGES, ...)."""
    return next((r.param for r in ROLES.values() if r.kind == kind), kind)


def layer_parameter(param, optional=True, label=None):
    """The Processing parameter for a layer role."""
    role = ROLES[param]
    return QgsProcessingParameterVectorLayer(param, tr(label or role.label), [role.geometry], optional=optional)


def project_layers(params, project=None):
    """{parameter: layer} for the roles among ``params`` that a project layer fits."""
    found = find_project_layers(project)
    return {p: found[ROLES[p].kind] for p in params if p in ROLES and ROLES[p].kind in found}


def prefill(alg, project=None):
    """Default values for an algorithm's dialog: the project's layers for its layer roles, the
    village statistics table, and the project's planning database."""
    from .settings import default_planning_db, planning_db

    names = [p.name() for p in alg.parameterDefinitions()]
    values = {p: layer.id() for p, layer in project_layers(names, project).items()}
    if "VILLAGE_STATS" in names:
        stats = find_stats_layer(project)
        if stats is not None:
            values["VILLAGE_STATS"] = stats.id()
    for name in ("PLANNING_DB", "DATABASE"):
        if name in names:
            db = planning_db(project) or default_planning_db(project)
            if db:
                values[name] = db
    return values
