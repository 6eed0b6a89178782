"""The "Village ledger" dock: one village's six accounts, a chart and its warnings.

Reads a ledger layer (the output of villageplanner:resourceledger) and follows
the map selection: selecting a village on any layer with a village code shows it.
"""

from html import escape

from qgis.core import QgsFeatureRequest, QgsMapLayerProxyModel, QgsProject, QgsVectorLayer
from qgis.gui import QgsMapLayerComboBox
from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.codes import MU_PER_HA, village_code
from ..core.ledger_export import column_groups
from ..qgis_adapter.classification import code_field
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.layers import plain

LAND_BARS = (("cultivated_ha", "#f5d76e"), ("ecological_ha", "#5aa05a"), ("construction_ha", "#d9534f"),
             ("other_agricultural_ha", "#b5cf8a"), ("other_ha", "#bbbbbb"), ("field_ridge_ha", "#c8a165"))


def is_ledger_layer(layer):
    if not isinstance(layer, QgsVectorLayer):
        return False
    names = {f.name() for f in layer.fields()}
    return {"village_code", "cultivated_ha", "total_ha"} <= names


class LandChart(QWidget):
    """Horizontal bars of the land accounts (other agricultural land apart) and field ridges."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.values = []
        self.setMinimumHeight(24 * len(LAND_BARS) + 8)

    def set_values(self, values):
        self.values = values
        self.update()

    def paintEvent(self, event):  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        label_w = min(150, width // 3)
        top = max((v for _, v, _ in self.values), default=0) or 1.0
        for i, (label, value, color) in enumerate(self.values):
            y = 4 + i * 24
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(0, y, label_w - 6, 20),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            bar = (width - label_w - 90) * value / top
            painter.fillRect(QRectF(label_w, y + 3, max(bar, 1), 14), QColor(color))
            painter.drawText(QRectF(label_w + bar + 4, y, 86, 20),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             "{:.2f} {}".format(value, tr("ha")))
        painter.end()


class LedgerDock(QDockWidget):
    def __init__(self, iface, parent=None, build_callback=None):
        super().__init__(tr("Village ledger"), parent)
        self.setObjectName("VillagePlannerLedgerDock")
        self.iface = iface
        self.rows = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(QLabel(tr("Ledger layer")))
        self.layer_combo = QgsMapLayerComboBox()
        self.layer_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.layer_combo.setAllowEmptyLayer(True)
        layout.addWidget(self.layer_combo)
        self.build_button = QPushButton(tr("Build resource ledger…"))
        self.build_button.setEnabled(build_callback is not None)
        if build_callback is not None:
            self.build_button.clicked.connect(build_callback)
        layout.addWidget(self.build_button)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Search villages by name or code"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        split = QSplitter(Qt.Orientation.Vertical)
        self.list = QListWidget()
        split.addWidget(self.list)
        detail = QWidget()
        dl = QVBoxLayout(detail)
        dl.setContentsMargins(0, 0, 0, 0)
        self.chart = LandChart()
        dl.addWidget(self.chart)
        self.view = QTextBrowser()
        dl.addWidget(self.view)
        split.addWidget(detail)
        layout.addWidget(split)
        self.setWidget(body)
        self.layer_combo.layerChanged.connect(self.load_layer)
        self.search.textChanged.connect(self.filter)
        self.list.currentItemChanged.connect(self._picked)
        project = QgsProject.instance()
        for layer in project.mapLayers().values():
            self._watch(layer)
        project.layersAdded.connect(self._layers_added)
        self.pick_default_layer()

    def _layers_added(self, layers):
        for layer in layers:
            self._watch(layer)
            if is_ledger_layer(layer):  # a ledger just built: show it
                self.layer_combo.blockSignals(True)
                self.layer_combo.setLayer(layer)
                self.layer_combo.blockSignals(False)
                self.load_layer(layer)

    def _watch(self, layer):
        if isinstance(layer, QgsVectorLayer):
            layer.selectionChanged.connect(self._on_layer_selection)

    def _on_layer_selection(self, *_args):
        layer = self.sender()
        if isinstance(layer, QgsVectorLayer):
            self.follow_selection(layer)

    # -- data ---------------------------------------------------------------
    def pick_default_layer(self):
        for layer in QgsProject.instance().mapLayers().values():
            if is_ledger_layer(layer):
                self.layer_combo.blockSignals(True)
                self.layer_combo.setLayer(layer)
                self.layer_combo.blockSignals(False)
                self.load_layer(layer)
                return layer
        self.load_layer(self.layer_combo.currentLayer())
        return None

    def load_layer(self, layer):
        self.rows = {}
        self.list.clear()
        if not is_ledger_layer(layer):
            self.view.setHtml("<p>{}</p>".format(tr("Choose a ledger layer built by 'Build resource baseline "
                                                     "ledger (4+2)'.")))
            self.chart.set_values([])
            return
        names = [f.name() for f in layer.fields()]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        for feat in layer.getFeatures(request):
            rec = dict(zip(names, [plain(v) for v in feat.attributes()]))
            rec["_fid"] = feat.id()
            self.rows[str(rec["village_code"])] = rec
        for code in sorted(self.rows):
            rec = self.rows[code]
            item = QListWidgetItem("{}  {}".format(rec.get("village_name") or "", code))
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.list.addItem(item)
        self.filter(self.search.text())

    def filter(self, text):
        text = (text or "").strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(text) and text not in item.text().lower())

    # -- showing -------------------------------------------------------------
    def _picked(self, current, _previous=None):
        if current is not None:
            self.show_village(current.data(Qt.ItemDataRole.UserRole))

    def select_in_list(self, code):
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(i)
                return True
        return False

    def follow_selection(self, layer):
        """Show the village of the first selected feature of any layer with a village code."""
        if not isinstance(layer, QgsVectorLayer) or not layer.selectedFeatureCount():
            return
        field = code_field(layer)
        if field is None:
            return
        feat = next(layer.getSelectedFeatures(QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)), None)
        if feat is None:
            return
        value = feat[field]
        code = str(value) if field == "village_code" else village_code(value)
        if code in self.rows:
            self.select_in_list(code)

    def show_village(self, code):
        rec = self.rows.get(code)
        if rec is None:
            return ""
        bars = [(label, float(rec.get(key) or 0.0), color) for (key, color), label in zip(
            LAND_BARS, (tr("Cultivated land"), tr("Ecological land"), tr("Construction land"),
                        tr("Other agricultural land"), tr("Other land"), tr("Field ridges")))]
        self.chart.set_values(bars)
        html = self.render_html(rec)
        self.view.setHtml(html)
        return html

    def render_html(self, rec):
        # every value from data is escaped: a village called "a < b" must not cut the page short
        parts = ["<h3>{} <small>{}</small></h3>".format(escape(str(rec.get("village_name") or "")),
                                                         escape(str(rec["village_code"]))),
                 "<p>{}: {}</p>".format(tr("Town"), escape(str(rec.get("town") or "")))]
        for label, cols in column_groups()[1:]:
            parts.append("<h4>{}</h4><table cellspacing='0' cellpadding='2'>".format(label))
            for key, name, unit in cols:
                if key not in rec:
                    continue
                value = rec[key]
                if value is None:
                    text = "—"
                elif unit == tr("ha"):
                    text = "{:.2f} {} &nbsp; {:.2f} {}".format(value, tr("ha"), value * MU_PER_HA, tr("mu"))
                elif isinstance(value, float):
                    text = "{:.2f} {}".format(value, unit)
                else:
                    text = escape("{} {}".format(value, unit))
                parts.append("<tr><td>{}</td><td align='right' style='white-space:nowrap'>{}</td></tr>".format(
                    escape(name), text))
            parts.append("</table>")
        parts.append(self.homestead_html(rec))
        warnings = self.warnings(rec)
        if warnings:
            parts.append("<h4>{}</h4><ul>{}</ul>".format(
                tr("Data warnings"), "".join("<li>{}</li>".format(escape(w)) for w in warnings)))
        return "".join(parts)

    @staticmethod
    def homestead_html(rec):
        """Field verification's homestead figures, when the ledger was built with a survey."""
        if rec.get("homesteads_surveyed") in (None, 0):
            return ""
        rows = [(tr("Homesteads verified"), rec.get("homesteads_surveyed")),
                (tr("In use"), rec.get("homesteads_in_use")),
                (tr("Idle"), rec.get("homesteads_idle")), (tr("Several per household"), rec.get("homesteads_multiple")),
                (tr("Dilapidated"), rec.get("homesteads_dilapidated")),
                (tr("Demolished"), rec.get("homesteads_demolished"))]
        idle = rec.get("idle_homestead_m2")
        cells = ["<tr><td>{}</td><td align='right'>{}</td></tr>".format(escape(n), escape(str(v or 0)))
                 for n, v in rows]
        if idle is not None:
            cells.append("<tr><td>{}</td><td align='right'>{:.2f} {}</td></tr>".format(
                escape(tr("Idle homestead area")), float(idle) / 10000, tr("ha")))
        return "<h4>{}</h4><table cellspacing='0' cellpadding='2'>{}</table>".format(
            tr("Field verification: homesteads"), "".join(cells))

    @staticmethod
    def warnings(rec):
        out = []
        if rec.get("unassigned"):
            out.append(tr("These parcels have no matching village code."))
        if rec.get("households") is None and rec.get("resident_pop") is None:
            out.append(tr("No row in the village statistics."))
        for key, label in (("eco_redline_ha", tr("ecological red line")), ("bnt_ha", tr("basic farmland")),
                           ("dev_boundary_ha", tr("development boundary"))):
            if key in rec and rec[key] is None:
                out.append(tr("The {layer} layer was not given; its figures are empty.").format(layer=label))
        if not rec.get("parcel_count"):
            out.append(tr("This village has no parcels."))
        return out
