"""The plugin object QGIS loads: menu, toolbar, Processing provider, translator."""

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QMenu, QMessageBox

from .deps import install_hint, missing_packages
from .metadata import NAME, VERSION
from .paths import icon_path
from .qgis_adapter.i18n import Translation, tr

MENU_OBJECT = "VillagePlannerMenu"
TOOLBAR_OBJECT = "VillagePlannerToolbar"


class VillagePlannerPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.translation = Translation()
        self.translation.install()
        self.provider = None
        self.menu = None
        self.toolbar = None
        self.actions = []
        self.ledger_dock = None
        self.wizard = None
        self.quota_dock = None
        self.export_dialog = None
        self.plan_check_dock = None
        self.monitoring_dock = None
        self.missing = missing_packages()

    # -- Processing ---------------------------------------------------------
    def initProcessing(self):  # noqa: N802
        if self.missing or self.provider is not None:
            return
        from .processing.provider import VillagePlannerProvider

        self.provider = VillagePlannerProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    # -- GUI -----------------------------------------------------------------
    def initGui(self):  # noqa: N802
        self.initProcessing()
        main = self.iface.mainWindow()
        self.menu = QMenu(tr("Village Planner"), main)
        self.menu.setObjectName(MENU_OBJECT)
        menubar = main.menuBar()
        help_menu = next((a for a in menubar.actions() if a.menu() is not None
                          and a.menu().objectName() == "mHelpMenu"), None)
        if help_menu is not None:
            menubar.insertMenu(help_menu, self.menu)
        else:
            menubar.addMenu(self.menu)
        self.toolbar = self.iface.addToolBar(tr("Village Planner"))
        self.toolbar.setObjectName(TOOLBAR_OBJECT)

        needs_deps = not self.missing
        self._add(tr("Check survey layers…"), lambda: self.open_algorithm("checklayers"), needs_deps,
                  "checklayers")
        self._add(tr("Build resource ledger…"), lambda: self.open_algorithm("resourceledger"), needs_deps,
                  "resourceledger", toolbar=True)
        self._add(tr("Village ledger"), self.toggle_ledger_dock, needs_deps, "ledgerdock", toolbar=True)
        self._add(tr("Compare ledger snapshots…"), lambda: self.open_algorithm("ledgerdiff"), needs_deps,
                  "ledgerdiff")
        self._add(tr("Classify villages…"), self.open_classify_wizard, needs_deps, "classify", toolbar=True)
        self._add(tr("Record category decisions…"), lambda: self.open_algorithm("decidecategory"), needs_deps,
                  "decidecategory")
        self._add(tr("Quota pool"), self.toggle_quota_dock, needs_deps, "quotadock", toolbar=True)
        self._add(tr("Create quota pool…"), lambda: self.open_algorithm("quotapoolcreate"), needs_deps,
                  "quotapoolcreate")
        self._add(tr("Export village plan maps…"), self.open_export_dialog, needs_deps, "exportmaps")
        self._add(tr("Apply the standard land-use style"), self.apply_style, needs_deps, "applystyle")
        self.menu.addSeparator()
        self._add(tr("Balance parcel areas (平差)…"), lambda: self.open_algorithm("adjustareas"), needs_deps,
                  "adjustareas")
        self._add(tr("Check plans before submission…"), self.open_plan_check, needs_deps, "checkplan",
                  toolbar=True)
        self._add(tr("Build submission databases…"), lambda: self.open_algorithm("buildsubmission"), needs_deps,
                  "buildsubmission")
        self._add(tr("Plan monitoring (change survey)"), self.open_monitoring, needs_deps, "monitorchange")
        self.menu.addSeparator()
        self._add(tr("Prepare field package…"), lambda: self.open_algorithm("fieldpackage"), needs_deps,
                  "fieldpackage")
        self._add(tr("Merge field package…"), self.open_field_merge, needs_deps, "fieldmerge")
        self.menu.addSeparator()
        self._add(tr("Field mapping…"), self.open_field_mapping, True, "fieldmapping")
        self.menu.addSeparator()
        self._add(tr("Generate sample county…"), lambda: self.open_algorithm("samplecounty"), needs_deps,
                  "samplecounty")
        self._add(tr("About Village Planner"), self.show_about, True, "about")
        if self.missing:
            self.warn_missing()

    ICONS = {"resourceledger": "ledger", "ledgerdock": "ledgerdock", "classify": "classify", "quotadock": "quota",
             "checkplan": "checkplan"}

    def _add(self, text, slot, enabled, key, toolbar=False):
        icon = icon_path()
        if key in self.ICONS:
            icon = icon.replace("village_planner.svg", self.ICONS[key] + ".svg")
        action = QAction(QIcon(icon), text, self.iface.mainWindow())
        action.setObjectName("VillagePlanner_" + key)
        action.triggered.connect(slot)
        action.setEnabled(enabled)
        self.menu.addAction(action)
        if toolbar:
            self.toolbar.addAction(action)
        self.actions.append(action)
        return action

    def warn_missing(self):
        names = [n for n, _ in self.missing]
        hint = install_hint(names)
        text = tr("Village Planner needs Python packages that are missing: {names}. Windows: open the OSGeo4W "
                  "Shell and run: {win}. Linux: run: {linux}. Then restart QGIS.").format(
            names=", ".join(names), win=hint["windows"], linux=hint["linux"])
        QgsMessageLog.logMessage(text, NAME, Qgis.MessageLevel.Warning)
        bar = self.iface.messageBar() if self.iface is not None else None
        if bar is not None:
            bar.pushMessage(tr("Village Planner"), text, Qgis.MessageLevel.Warning, 0)
        return text

    def unload(self):
        for action in self.actions:
            if self.menu is not None:
                self.menu.removeAction(action)
            if self.toolbar is not None:
                self.toolbar.removeAction(action)
            action.deleteLater()
        self.actions = []
        for name in ("wizard", "export_dialog"):
            window = getattr(self, name)
            if window is not None:
                window.close()
                window.deleteLater()
                setattr(self, name, None)
        for name in ("ledger_dock", "quota_dock", "plan_check_dock", "monitoring_dock"):
            dock = getattr(self, name)
            if dock is not None:
                if hasattr(dock, "disconnect_project"):
                    dock.disconnect_project()
                remove = getattr(self.iface, "removeDockWidget", None) or self.iface.mainWindow().removeDockWidget
                remove(dock)
                dock.deleteLater()
                setattr(self, name, None)
        if self.menu is not None:
            self.menu.menuAction().setVisible(False)
            self.iface.mainWindow().menuBar().removeAction(self.menu.menuAction())
            self.menu.deleteLater()
            self.menu = None
        if self.toolbar is not None:
            self.iface.mainWindow().removeToolBar(self.toolbar)
            self.toolbar.deleteLater()
            self.toolbar = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        self.translation.remove()

    # -- actions -------------------------------------------------------------
    def prefilled_parameters(self, alg_id):
        """An algorithm dialog's defaults from the project: each algorithm's layer roles, statistics
        and planning database (qgis_adapter/roles.py)."""
        from qgis.core import QgsApplication

        from .qgis_adapter.roles import prefill

        alg = QgsApplication.processingRegistry().algorithmById("villageplanner:" + alg_id)
        return prefill(alg) if alg is not None else {}

    def toggle_ledger_dock(self):
        from qgis.PyQt.QtCore import Qt

        from .gui.ledger_dock import LedgerDock

        if self.ledger_dock is None:
            self.ledger_dock = LedgerDock(self.iface, self.iface.mainWindow(),
                                          build_callback=lambda: self.open_algorithm("resourceledger"))
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ledger_dock)
            return self.ledger_dock
        self.ledger_dock.setVisible(not self.ledger_dock.isVisible())
        return self.ledger_dock

    def toggle_quota_dock(self):
        from qgis.PyQt.QtCore import Qt

        from .gui.quota_dock import QuotaDock

        if self.quota_dock is None:
            self.quota_dock = QuotaDock(self.iface, self.iface.mainWindow(), movement_callback=self.open_movement)
            self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.quota_dock)
            return self.quota_dock
        self.quota_dock.setVisible(not self.quota_dock.isVisible())
        return self.quota_dock

    def open_plan_check(self):
        """The findings dock, then the check's dialog; the findings layer it adds is shown in the dock."""
        from qgis.PyQt.QtCore import Qt

        from .gui.plan_check_dock import PlanCheckDock

        if self.plan_check_dock is None:
            self.plan_check_dock = PlanCheckDock(self.iface, self.iface.mainWindow(),
                                                 run_callback=lambda: self.open_algorithm("checkplan"))
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.plan_check_dock)
        self.plan_check_dock.setVisible(True)
        if self.plan_check_dock.load() == 0:
            self.open_algorithm("checkplan")
        return self.plan_check_dock

    def open_monitoring(self):
        """The plan monitoring dock; runs monitorchange when the project has no monitoring result yet."""
        from qgis.PyQt.QtCore import Qt

        from .gui.monitoring_dock import MonitoringDock

        if getattr(self, "monitoring_dock", None) is None:
            self.monitoring_dock = MonitoringDock(self.iface, self.iface.mainWindow(),
                                                  run_callback=lambda: self.open_algorithm("monitorchange"))
            self.iface.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.monitoring_dock)
        self.monitoring_dock.setVisible(True)
        if self.monitoring_dock.load() == 0 and not self.monitoring_dock.changes_combo.currentLayer():
            self.open_algorithm("monitorchange")
        return self.monitoring_dock

    def open_movement(self, database):
        import processing

        processing.execAlgorithmDialog("villageplanner:quotamovement", {"DATABASE": database} if database else {})
        if self.quota_dock is not None:
            self.quota_dock.refresh()

    def open_algorithm(self, alg_id):
        import processing

        processing.execAlgorithmDialog("villageplanner:" + alg_id, self.prefilled_parameters(alg_id))

    def open_field_merge(self):
        """The merge's dialog; after a merge with conflicts, the dialog that settles them."""
        from .processing.field_merge import LAST_MERGE

        LAST_MERGE.clear()
        self.open_algorithm("fieldmerge")
        if LAST_MERGE.get("conflicts"):
            return self.open_conflicts(LAST_MERGE["database"], LAST_MERGE["package"])
        return None

    def open_conflicts(self, database, package):
        from .gui.conflict_dialog import dialog_for_merge
        from .qgis_adapter.field_database import field_store

        dialog = dialog_for_merge(field_store(database), package, self.iface.mainWindow())
        if dialog is not None:
            self.conflict_dialog = dialog
            dialog.show()
        return dialog

    def open_classify_wizard(self):
        from .gui.classification_wizard import ClassifyWizard

        self.wizard = ClassifyWizard(self.iface, self.iface.mainWindow())
        self.wizard.show()
        return self.wizard

    def open_export_dialog(self):
        from .gui.export_dialog import ExportDialog

        def run(params):
            import processing

            processing.execAlgorithmDialog("villageplanner:exportvillagemaps",
                                           {k: (v.id() if hasattr(v, "id") else v) for k, v in params.items()})

        dialog = ExportDialog(self.iface.mainWindow(), run)
        dialog.show()
        self.export_dialog = dialog
        return dialog

    def apply_style(self):
        from .qgis_adapter.styles import apply_standard_style

        layer = self.iface.activeLayer()
        field = apply_standard_style(layer) if layer is not None and hasattr(layer, "fields") else None
        bar = self.iface.messageBar()
        if field:
            bar.pushMessage(tr("Village Planner"), tr("Layer {layer} styled by {field}.").format(
                layer=layer.name(), field=field), Qgis.MessageLevel.Success, 5)
        else:
            bar.pushMessage(tr("Village Planner"), tr("Select a land-use layer with a DLBM or GHDLBM field first."),
                            Qgis.MessageLevel.Warning, 8)
        return field

    def open_field_mapping(self):
        from .gui.field_mapping import FieldMappingDialog

        dlg = FieldMappingDialog(self.iface.mainWindow())
        dlg.exec()

    def show_about(self):
        QMessageBox.about(self.iface.mainWindow(), tr("About Village Planner"),
                          tr("Village Planner {version}: resource ledgers, village classification, quota "
                             "accounting and plan maps for county planning bureaus.").format(version=VERSION))
