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


def walk_wizard(iface, plugins, data):
    """Open the classification wizard from the plugin and go through its five pages."""
    from qgis.core import QgsProject, QgsVectorLayer

    villages = QgsVectorLayer(os.environ["VP_PROBE_VILLAGES"], "CJDCQ", "ogr")
    boundary = QgsVectorLayer(os.environ["VP_PROBE_BOUNDARY"], "CZKFBJ", "ogr")
    QgsProject.instance().addMapLayers([villages, boundary])
    wiz = plugins["village_planner"].open_classify_wizard()
    QApplication.processEvents()
    pages = []
    first = wiz.pages[0]
    first.db_edit.setText(os.path.join(OUT, "planning.gpkg"))
    first.run_check()
    for i in range(5):
        QApplication.processEvents()
        page = wiz.currentPage()
        if i == 1:
            combo = page.village_combo
            combo.setCurrentIndex(max(combo.findData("500230001003"), 0))
        if i == 3:
            page.other_radio.setChecked(True)
            page.category_combo.setCurrentIndex(page.category_combo.findData("agglomeration"))
            page.planner.setText("王工")
            page.reason.setPlainText("地灾隐患点已完成治理并核销")
        QApplication.processEvents()
        wiz.grab().save(os.path.join(OUT, "wizard_page%d.png" % (i + 1)))
        pages.append(page.title())
        if i < 4:
            wiz.next()
    data["wizard_pages"] = pages
    data["wizard_missing"] = first.missing_list.count()
    data["wizard_decided"] = [d["final_category"] for d in wiz.recorded]
    data["wizard_guidance"] = wiz.pages[4].view.toPlainText()[:200]
    wiz.done(0)
    # the export dialog, with its preview of the first page
    parcels = QgsVectorLayer(os.environ["VP_PROBE_PARCELS"], "DLTB", "ogr")
    QgsProject.instance().addMapLayer(parcels)
    dialog = plugins["village_planner"].open_export_dialog()
    QApplication.processEvents()
    image = dialog.preview()
    QApplication.processEvents()
    data["export_preview"] = image is not None and not image.isNull()
    dialog.grab().save(os.path.join(OUT, "export_dialog.png"))
    dialog.close()


def open_field_form(iface, data):
    """Open the field package's project and its homestead form (QgsAttributeDialog) for the first homestead."""
    from qgis.core import QgsProject
    from qgis.gui import QgsAttributeDialog

    modal = data.setdefault("field_modal_dialogs", [])

    def close_modal():  # a modal question (none expected) must not hang the run: record it, dismiss it
        widget = QApplication.activeModalWidget()
        if widget is not None:
            modal.append("%s: %s" % (type(widget).__name__, widget.windowTitle()))
            widget.grab().save(os.path.join(OUT, "modal%d.png" % len(modal)))
            widget.reject() if hasattr(widget, "reject") else widget.close()
        if len(modal) < 5 and not data.get("field_form_done"):
            QTimer.singleShot(1000, close_modal)

    QTimer.singleShot(1000, close_modal)
    project = QgsProject.instance()
    for layer in project.mapLayers().values():  # the wizard's edits: not to be saved, nor asked about
        if hasattr(layer, "isEditable") and layer.isEditable():
            layer.rollBack()
    project.setDirty(False)
    project.read(os.environ["VP_PROBE_FIELD_PROJECT"])
    QApplication.processEvents()
    layer = [lyr for lyr in project.mapLayers().values() if lyr.source().endswith("layername=homestead_survey")][0]
    data["field_form_widgets"] = {f.name(): layer.editorWidgetSetup(i).type() for i, f in enumerate(layer.fields())}
    layer.startEditing()
    feature = next(layer.getFeatures())
    dialog = QgsAttributeDialog(layer, feature, False, iface.mainWindow(), True)
    dialog.resize(520, 640)
    dialog.show()
    for _ in range(5):
        QApplication.processEvents()
    data["field_form_shown"] = dialog.isVisible()
    dialog.grab().save(os.path.join(OUT, "homestead_form.png"))
    dialog.close()
    layer.rollBack()
    data["field_form_done"] = True


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
        mw.grab().save(os.path.join(OUT, "desktop.png"))
        ledger_path = os.environ.get("VP_PROBE_LEDGER")
        if ledger_path:
            from qgis.core import QgsProject, QgsVectorLayer
            from qgis.PyQt.QtWidgets import QDockWidget

            layer = QgsVectorLayer(ledger_path, "ledger", "ogr")
            QgsProject.instance().addMapLayer(layer)
            iface.setActiveLayer(layer)
            iface.mapCanvas().setExtent(layer.extent())
            from qgis.utils import plugins

            try:
                plugins["village_planner"].toggle_ledger_dock()
            except Exception:
                data["dock_error"] = traceback.format_exc()
            QApplication.processEvents()
            first = next(layer.getFeatures())
            layer.selectByIds([first.id()])
            QApplication.processEvents()
            dock = mw.findChild(QDockWidget, "VillagePlannerLedgerDock")
            data["dock_visible"] = bool(dock and dock.isVisible())
            data["dock_rows"] = dock.list.count() if dock else None
            data["dock_layer"] = dock.layer_combo.currentLayer().name() if dock and dock.layer_combo.currentLayer() \
                else None
            data["selected"] = layer.selectedFeatureCount()
            data["dock_village"] = dock.list.currentItem().text() if dock and dock.list.currentItem() else None
            data["dock_first_village"] = first["village_name"]
            data["dock_html_has_name"] = bool(dock) and first["village_name"] in dock.view.toHtml()
            iface.mapCanvas().refreshAllLayers()
            QApplication.processEvents()
            mw.grab().save(os.path.join(OUT, "ledger_dock.png"))
            walk_wizard(iface, plugins, data)
        if os.environ.get("VP_PROBE_FIELD_PROJECT"):
            open_field_form(iface, data)
        with open(os.path.join(OUT, "probe.json"), "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
    except Exception:
        with open(os.path.join(OUT, "probe_error.txt"), "w") as fh:
            fh.write(traceback.format_exc())
    QApplication.instance().quit()


import builtins  # noqa: E402

# QGIS 3.22 may execute the startup script twice; probe once
if not getattr(builtins, "_vp_probe_started", False):
    builtins._vp_probe_started = True
    QTimer.singleShot(1000, probe)
