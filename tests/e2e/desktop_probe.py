"""PYQGIS_STARTUP script for the end-to-end test: records what the real desktop shows.

Environment: VP_PROBE_OUT (folder for probe.json and the screenshot).
"""

import json
import os
import traceback

from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QApplication

OUT = os.environ["VP_PROBE_OUT"]
STATE = {"tries": 0}


def _menu_texts(menu):
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def probe():
    STATE["tries"] += 1
    try:
        from qgis.core import QgsApplication
        from qgis.utils import active_plugins, iface

        ready = iface is not None and "village_planner" in active_plugins
        if not ready and STATE["tries"] < 120:
            QTimer.singleShot(500, probe)
            return
        QTimer.singleShot(1500, lambda: record(iface, active_plugins, QgsApplication))
    except Exception:
        with open(os.path.join(OUT, "probe_error.txt"), "w") as fh:
            fh.write(traceback.format_exc())
        QApplication.instance().quit()


def record(iface, active_plugins, QgsApplication):  # noqa: N803
    try:
        from qgis.PyQt.QtWidgets import QMenu, QToolBar

        mw = iface.mainWindow()
        menus = mw.findChildren(QMenu, "VillagePlannerMenu")
        provider = QgsApplication.processingRegistry().providerById("villageplanner")
        data = {
            "active_plugins": list(active_plugins),
            "menubar": [a.text() for a in mw.menuBar().actions()],
            "vp_menu": _menu_texts(menus[0]) if menus else None,
            "vp_menu_title": menus[0].title() if menus else None,
            "toolbar": bool(mw.findChildren(QToolBar, "VillagePlannerToolbar")),
            "provider": provider.name() if provider else None,
            "algorithms": sorted(a.id() for a in provider.algorithms()) if provider else [],
            "messages": [i.text() for i in iface.messageBar().items()],
        }
        if menus:
            mw.menuBar().setActiveAction(menus[0].menuAction())
        mw.grab().save(os.path.join(OUT, "desktop.png"))
        with open(os.path.join(OUT, "probe.json"), "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    except Exception:
        with open(os.path.join(OUT, "probe_error.txt"), "w") as fh:
            fh.write(traceback.format_exc())
    QApplication.instance().quit()


QTimer.singleShot(1000, probe)
