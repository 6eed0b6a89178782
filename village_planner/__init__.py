"""Village Planner: a QGIS plugin for village planning in Chinese counties."""

import os
import sys

_LIBS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libs")
if os.path.isdir(_LIBS) and _LIBS not in sys.path:
    # dependencies installed beside the plugin by `make deploy`; they come first
    # so that the pinned versions win over older system packages
    sys.path.insert(0, _LIBS)


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import VillagePlannerPlugin

    return VillagePlannerPlugin(iface)
