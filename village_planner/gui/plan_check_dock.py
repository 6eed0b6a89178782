"""A dock that lists the findings of the pre-submission check and zooms to each one."""

from qgis.core import QgsFeatureRequest, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..qgis_adapter.i18n import tr
from ..qgis_adapter.layers import plain

FINDING_FIELDS = ("rule", "severity", "layer", "feature_id", "field", "message")
COLUMNS = ("severity", "rule", "layer", "feature_id", "message")


def is_findings_layer(layer):
    return isinstance(layer, QgsVectorLayer) and all(layer.fields().indexOf(f) >= 0 for f in FINDING_FIELDS)


class PlanCheckDock(QDockWidget):
    """Findings of Check the village plans before submission: filter by severity, double-click to zoom."""

    def __init__(self, iface=None, parent=None, run_callback=None):
        super().__init__(tr("Quality-check findings"), parent)
        self.setObjectName("VillagePlannerPlanCheckDock")
        self.iface = iface
        self.run_callback = run_callback
        self.rows = []
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        top.addWidget(self.layer_combo, 1)
        self.run_button = QPushButton(tr("Run the check…"))
        self.run_button.clicked.connect(self.run)
        top.addWidget(self.run_button)
        layout.addLayout(top)
        self.severity = QComboBox()
        for key, label in (("", tr("All findings")), ("ERROR", tr("Errors")), ("WARNING", tr("Warnings"))):
            self.severity.addItem(label, key)
        layout.addWidget(self.severity)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr("Severity"), tr("Rule"), tr("Layer"), tr("Feature"), tr("Message")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.cellDoubleClicked.connect(lambda row, _col: self.zoom_to(row))
        layout.addWidget(self.table)
        self.setWidget(body)
        self.layer_combo.layerChanged.connect(self.load)
        self.severity.currentIndexChanged.connect(self.show_rows)
        QgsProject.instance().layersAdded.connect(self._layers_added)
        self._pick_latest()

    def _pick_latest(self):
        found = [layer for layer in QgsProject.instance().mapLayers().values() if is_findings_layer(layer)]
        if found:
            self.layer_combo.setLayer(found[-1])
        self.load()

    def _layers_added(self, layers):
        found = [layer for layer in layers if is_findings_layer(layer)]
        if found:
            self.layer_combo.setLayer(found[-1])

    def run(self):
        if self.run_callback is not None:
            self.run_callback()

    def load(self, *_):
        layer = self.layer_combo.currentLayer()
        self.rows = []
        if is_findings_layer(layer):
            for f in layer.getFeatures():
                row = {name: plain(f[name]) for name in FINDING_FIELDS}
                row["fid"] = f.id()
                row["has_geometry"] = f.hasGeometry()
                self.rows.append(row)
            self.rows.sort(key=lambda r: (r["severity"] != "ERROR", r["rule"] or "", str(r["feature_id"] or "")))
        self.show_rows()
        return len(self.rows)

    def visible_rows(self):
        wanted = self.severity.currentData()
        return [r for r in self.rows if not wanted or r["severity"] == wanted]

    def show_rows(self, *_):
        rows = self.visible_rows()
        errors = sum(1 for r in self.rows if r["severity"] == "ERROR")
        if not is_findings_layer(self.layer_combo.currentLayer()):
            self.summary.setText(tr("Choose a findings layer, or run the check."))
        else:
            self.summary.setText(tr("{e} errors, {w} warnings").format(e=errors, w=len(self.rows) - errors))
        self.table.setRowCount(len(rows))
        for i, r in enumerate(rows):
            label = tr("ERROR") if r["severity"] == "ERROR" else tr("WARNING")
            values = (label, r["rule"] or "", r["layer"] or "", "" if r["feature_id"] is None else str(r["feature_id"]),
                      r["message"] or "")
            for j, value in enumerate(values):
                item = QTableWidgetItem(value)
                if j == 0:
                    item.setForeground(QColor("#b00000" if r["severity"] == "ERROR" else "#9a6a00"))
                self.table.setItem(i, j, item)
        return len(rows)

    def zoom_to(self, index):
        """Zoom the map to a finding: its own geometry, else the feature it names in the project's layer."""
        rows = self.visible_rows()
        if not 0 <= index < len(rows):
            return None
        row = rows[index]
        findings = self.layer_combo.currentLayer()
        extent, crs = None, None
        if row["has_geometry"]:
            feature = next(findings.getFeatures(QgsFeatureRequest(row["fid"])), None)
            if feature is not None:
                extent, crs = feature.geometry().boundingBox(), findings.crs()
        source = self._source_layer(row["layer"])
        if source is not None and row["feature_id"] is not None:
            source.selectByIds([int(row["feature_id"])])
            if extent is None:
                feature = next(source.getFeatures(QgsFeatureRequest(int(row["feature_id"]))), None)
                if feature is not None and feature.hasGeometry():
                    extent, crs = feature.geometry().boundingBox(), source.crs()
        canvas = self.iface.mapCanvas() if self.iface is not None and hasattr(self.iface, "mapCanvas") else None
        if extent is None or canvas is None:
            return extent
        from qgis.core import QgsCoordinateTransform

        if crs is not None and crs != canvas.mapSettings().destinationCrs():
            extent = QgsCoordinateTransform(crs, canvas.mapSettings().destinationCrs(),
                                            QgsProject.instance()).transformBoundingBox(extent)
        extent.scale(1.5)
        canvas.setExtent(extent)
        canvas.refresh()
        return extent

    @staticmethod
    def _source_layer(name):
        if not name:
            return None
        for layer in QgsProject.instance().mapLayers().values():
            if isinstance(layer, QgsVectorLayer) and (layer.name() == name or layer.source().endswith(
                    "layername=" + name)):
                return layer
        return None

    def disconnect_project(self):
        """Stop following the project (the plugin calls this when it unloads)."""
        try:
            QgsProject.instance().layersAdded.disconnect(self._layers_added)
        except TypeError:
            pass
