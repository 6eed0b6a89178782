"""Every setting of the plugin, declared once with its scope.

Global settings live in the user's QGIS profile (QgsSettings, under "VillagePlanner/");
project settings are kept in the .qgs (QgsProject entries in the "VillagePlanner" scope),
so that a project carries its own planning database and field mapping to a colleague.
"""

import copy
import json
import os
from dataclasses import dataclass

from qgis.core import QgsProject, QgsSettings

SCOPE = "VillagePlanner"
GLOBAL = "global"
PROJECT = "project"


@dataclass(frozen=True)
class Setting:
    key: str
    scope: str
    default: object = ""
    kind: type = str  # str, bool, int or dict (stored as JSON text)


PLANNING_DB = Setting("planning_db", PROJECT)  # the project's planning GeoPackage (relative to the .qgs)
FIELD_MAPPING = Setting("field_mapping", PROJECT, {}, dict)  # {layer kind: {role: field name}}
QUOTA_DATABASE = Setting("quota_database", PROJECT)  # the quota pool the dock opened last (no password)
PLANNER_NAME = Setting("planner_name", GLOBAL)  # who records decisions and movements on this computer


def read(setting, project=None):
    """A setting's value (its default when unset or unreadable)."""
    if setting.scope == GLOBAL:
        raw = QgsSettings().value("{}/{}".format(SCOPE, setting.key), None)
        found = raw is not None
    else:
        raw, found = (project or QgsProject.instance()).readEntry(SCOPE, setting.key, "")
        found = found and raw != ""
    if not found:
        return copy.deepcopy(setting.default)  # never the shared default itself: callers may change it
    if setting.kind is dict:
        try:
            value = json.loads(raw)
        except (TypeError, ValueError):
            return copy.deepcopy(setting.default)
        return value if isinstance(value, dict) else copy.deepcopy(setting.default)
    if setting.kind is bool:
        return str(raw).lower() in ("1", "true", "yes")
    if setting.kind is int:
        try:
            return int(raw)
        except (TypeError, ValueError):
            return setting.default
    return str(raw)


def write(setting, value, project=None):
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if setting.kind is dict else str(value)
    if setting.scope == GLOBAL:
        QgsSettings().setValue("{}/{}".format(SCOPE, setting.key), text)
    else:
        (project or QgsProject.instance()).writeEntry(SCOPE, setting.key, text)


def remove(setting, project=None):
    if setting.scope == GLOBAL:
        QgsSettings().remove("{}/{}".format(SCOPE, setting.key))
    else:
        (project or QgsProject.instance()).removeEntry(SCOPE, setting.key)


def planning_db(project=None):
    """The project's planning GeoPackage path, or '' when none is set."""
    project = project or QgsProject.instance()
    value = read(PLANNING_DB, project)
    if value and not os.path.isabs(value) and project.homePath():
        value = os.path.join(project.homePath(), value)
    return value


def set_planning_db(path, project=None):
    project = project or QgsProject.instance()
    home = project.homePath()
    stored = os.path.relpath(path, home) if home and os.path.isabs(path) and path.startswith(home) else path
    write(PLANNING_DB, stored, project)


def default_planning_db(project=None):
    """Where a planning GeoPackage is created on first use: next to the saved project."""
    project = project or QgsProject.instance()
    if not project.fileName():
        return ""
    base = os.path.splitext(os.path.basename(project.fileName()))[0]
    return os.path.join(project.homePath(), base + "_planning.gpkg")
