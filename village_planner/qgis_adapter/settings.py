"""Per-project state kept in the .qgs: the planning GeoPackage."""

import os

from qgis.core import QgsProject

SCOPE = "VillagePlanner"
PLANNING_DB = "planning_db"


def planning_db(project=None):
    """The project's planning GeoPackage path, or '' when none is set."""
    project = project or QgsProject.instance()
    value, ok = project.readEntry(SCOPE, PLANNING_DB, "")
    if not ok or not value:
        return ""
    if not os.path.isabs(value) and project.homePath():
        value = os.path.join(project.homePath(), value)
    return value


def set_planning_db(path, project=None):
    project = project or QgsProject.instance()
    home = project.homePath()
    stored = os.path.relpath(path, home) if home and os.path.isabs(path) and path.startswith(home) else path
    project.writeEntry(SCOPE, PLANNING_DB, stored)


def default_planning_db(project=None):
    """Where a planning GeoPackage is created on first use: next to the saved project."""
    project = project or QgsProject.instance()
    if not project.fileName():
        return ""
    base = os.path.splitext(os.path.basename(project.fileName()))[0]
    return os.path.join(project.homePath(), base + "_planning.gpkg")
