"""The "Plan monitoring" dock: flagged villages with their figures, changed pieces styled by flag.

It reads the two layers monitorchange writes (OUTPUT per village, OUTPUT_CHANGES); selecting a piece
on the map or in the list shows its codes before and after and the draw (document number) covering it.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsFillSymbol,
    QgsMapLayerProxyModel,
    QgsProject,
    QgsRendererCategory,
    QgsVectorLayer,
)
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.monitoring import FLAG_LABELS
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.layers import plain

VILLAGE_SHOWN = ("village_code", "village_name", "unexplained_ha", "bnt_occupied_ha", "redline_occupied_ha",
                 "against_plan_ha", "net_construction_ha", "drawn_ha", "reasons")
FLAG_COLORS = {"unexplained": "#d7191c", "basic_farmland": "#fdae61", "red_line": "#1a9641",
               "against_plan": "#7b3294", "covered": "#2c7bb6", "new_construction": "#f4a582",
               "construction_removed": "#bababa", "cultivated_lost": "#ffffbf", "cultivated_gained": "#a6d96a",
               "change": "#e0e0e0"}


def is_village_layer(layer):
    return isinstance(layer, QgsVectorLayer) and all(
        layer.fields().indexOf(f) >= 0 for f in ("village_code", "unexplained_ha", "flagged"))


def is_changes_layer(layer):
    return isinstance(layer, QgsVectorLayer) and all(
        layer.fields().indexOf(f) >= 0 for f in ("code_before", "code_after", "flag", "draw_document"))


def style_changes(layer):
    """Categories by the piece's main flag."""
    categories = []
    for key, color in FLAG_COLORS.items():
        symbol = QgsFillSymbol.createSimple({"color": color, "outline_color": "#333333", "outline_width": "0.2"})
        categories.append(QgsRendererCategory(key, symbol, tr(FLAG_LABELS[key])))
    layer.setRenderer(QgsCategorizedSymbolRenderer("flag", categories))
    layer.triggerRepaint()


def piece_text(feature):
    draw = plain(feature["draw_document"]) or tr("none")
    return tr("Code before: {before}  Code after: {after}  Area: {area} m2  Draw: {draw}").format(
        before=plain(feature["code_before"]) or "", after=plain(feature["code_after"]) or "",
        area="%.2f" % (plain(feature["area_m2"]) or 0.0), draw=draw)


class MonitoringDock(QDockWidget):
    def __init__(self, iface=None, parent=None, run_callback=None):
        super().__init__(tr("Plan monitoring"), parent)
        self.setObjectName("VillagePlannerMonitoringDock")
        self.iface = iface
        self.run_callback = run_callback
        self.changes = None
        body = QWidget()
        layout = QVBoxLayout(body)
        top = QHBoxLayout()
        self.village_combo = QgsMapLayerComboBox()
        self.village_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.village_combo.setAllowEmptyLayer(True)
        top.addWidget(self.village_combo, 1)
        self.changes_combo = QgsMapLayerComboBox()
        self.changes_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.changes_combo.setAllowEmptyLayer(True)
        top.addWidget(self.changes_combo, 1)
        self.run_button = QPushButton(tr("Plan monitoring (change survey)"))
        self.run_button.clicked.connect(self.run)
        top.addWidget(self.run_button)
        layout.addLayout(top)
        layout.addWidget(QLabel(tr("Flagged villages")))
        self.table = QTableWidget(0, len(VILLAGE_SHOWN))
        self.table.setHorizontalHeaderLabels(list(VILLAGE_SHOWN))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(tr("Selected piece")))
        self.piece = QLabel()
        self.piece.setTextFormat(Qt.TextFormat.PlainText)
        self.piece.setWordWrap(True)
        layout.addWidget(self.piece)
        self.setWidget(body)
        self.village_combo.layerChanged.connect(self.show_villages)
        self.changes_combo.layerChanged.connect(self.follow_changes)

    def run(self):
        if self.run_callback is not None:
            self.run_callback()
        self.load()

    def load(self):
        """Pick the newest monitoring layers of the project; returns the number of flagged villages shown."""
        layers = list(QgsProject.instance().mapLayers().values())
        villages = [lyr for lyr in layers if is_village_layer(lyr)]
        changes = [lyr for lyr in layers if is_changes_layer(lyr)]
        if changes:
            self.changes_combo.setLayer(changes[-1])
            self.follow_changes(changes[-1])
        if villages:
            self.village_combo.setLayer(villages[-1])
            return self.show_villages(villages[-1])
        return 0

    def show_villages(self, layer=None):
        layer = layer or self.village_combo.currentLayer()
        self.table.setRowCount(0)
        if not is_village_layer(layer):
            return 0
        rows = [f for f in layer.getFeatures() if plain(f["flagged"])]
        self.table.setRowCount(len(rows))
        for r, feat in enumerate(rows):
            for c, name in enumerate(VILLAGE_SHOWN):
                value = plain(feat[name]) if layer.fields().indexOf(name) >= 0 else None
                text = "%.4f" % value if isinstance(value, float) else ("" if value is None else str(value))
                self.table.setItem(r, c, QTableWidgetItem(text))
        return len(rows)

    def follow_changes(self, layer=None):
        if self.changes is not None:
            try:
                self.changes.selectionChanged.disconnect(self.show_selection)
            except (TypeError, RuntimeError):
                pass
        self.changes = layer if is_changes_layer(layer) else None
        if self.changes is not None:
            style_changes(self.changes)
            self.changes.selectionChanged.connect(self.show_selection)

    def show_selection(self, *args):
        if self.changes is None:
            return ""
        texts = [piece_text(f) for f in self.changes.getSelectedFeatures()]
        self.piece.setText("\n".join(texts[:20]))
        return self.piece.text()
