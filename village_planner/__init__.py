"""Village Planner: a QGIS plugin for village planning in Chinese counties."""

import os
import sys

_LIBS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "libs")
if os.path.isdir(_LIBS) and _LIBS not in sys.path:
    # dependencies installed beside the plugin by `make deploy`; they come first
    # so that the pinned versions win over older system packages
    sys.path.insert(0, _LIBS)


def _import_shapely_with_its_own_geos():
    """Import shapely so that it binds to the GEOS it was built with.

    Inside the QGIS desktop and qgis_process, QGIS's own libgeos_c is in the
    program's global symbol scope; a shapely wheel's bundled GEOS would then be
    bypassed and calls reach an older GEOS ("WKB output dimension must be 2 or
    3"). RTLD_DEEPBIND makes shapely's libraries prefer their own dependencies.
    """
    if "shapely" in sys.modules or not hasattr(os, "RTLD_DEEPBIND"):
        return
    flags = sys.getdlopenflags()
    try:
        sys.setdlopenflags(flags | os.RTLD_DEEPBIND)
        import shapely  # noqa: F401
    except Exception:  # reported later by deps.missing_packages()
        pass
    finally:
        sys.setdlopenflags(flags)


_import_shapely_with_its_own_geos()


def classFactory(iface):  # noqa: N802 (QGIS's name)
    from .plugin import VillagePlannerPlugin

    return VillagePlannerPlugin(iface)
