"""The "Quota pool" dock: pool summary, village balances with a chart, the journal with filters.

Recording a movement opens the villageplanner:quotamovement dialog, which checks
every rule before it commits; a draw's parcel is taken from the selected features
of a layer (digitise it in any polygon layer, select it, and run the dialog).

The database is a GeoPackage chosen with a file picker or a PostgreSQL connection
saved in QGIS (its password stays in QGIS); the choice is kept in the project.
"""

import html
import os

from qgis.PyQt.QtCore import QRectF, Qt
from qgis.PyQt.QtGui import QColor, QPainter
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import quota as q
from ..core.errors import VillagePlannerError
from ..core.quota_report import pool_summary
from ..core.secrets import has_password, mask
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.quota_database import PREFIX, quota_session
from ..qgis_adapter.settings import QUOTA_DATABASE, planning_db, read, write


def project_database(project=None):
    """The quota database remembered in the project ('' when none)."""
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    value = read(QUOTA_DATABASE, project)
    if not value:
        return ""
    if not value.lower().startswith(PREFIX) and "=" not in value and "://" not in value and \
            not os.path.isabs(value) and project.homePath():
        value = os.path.join(project.homePath(), value)
    return value


def set_project_database(text, project=None):
    """Remember the quota database in the project; a connection string with a password is never written."""
    from qgis.core import QgsProject

    project = project or QgsProject.instance()
    if not text or has_password(text):
        return False
    home = project.homePath()
    if home and os.path.isabs(text) and text.startswith(home + os.sep):
        text = os.path.relpath(text, home)
    write(QUOTA_DATABASE, text, project)
    return True


class BalanceChart(QWidget):
    """Bars of village balances and drawn quota."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.setMinimumHeight(160)

    def set_rows(self, rows):
        self.rows = rows
        self.setMinimumHeight(20 * len(rows) + 10)
        self.update()

    def paintEvent(self, event):  # noqa: N802
        painter = QPainter(self)
        width = self.width()
        label_w = min(140, width // 3)
        top = max([max(b, d) for _, b, d in self.rows] or [0]) or 1
        for i, (label, balance, drawn) in enumerate(self.rows):
            y = 4 + i * 20
            painter.setPen(self.palette().windowText().color())
            painter.drawText(QRectF(0, y, label_w - 6, 18),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)
            span = width - label_w - 80
            painter.fillRect(QRectF(label_w, y + 2, max(span * balance / top, 1), 7), QColor("#4e9a06"))
            painter.fillRect(QRectF(label_w, y + 10, max(span * drawn / top, 1), 7), QColor("#cc0000"))
            painter.drawText(QRectF(width - 78, y, 78, 18), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             "{:.2f} / {:.2f}".format(balance, drawn))
        painter.end()


class QuotaDock(QDockWidget):
    def __init__(self, iface=None, parent=None, movement_callback=None):
        super().__init__(tr("Quota pool"), parent)
        self.setObjectName("VillagePlannerQuotaDock")
        self.iface = iface
        self.store = None
        self.entries = []
        self.bands = []
        body = QWidget()
        layout = QVBoxLayout(body)
        self.add_database_rows(layout)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # built here, every value escaped
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.add_draw_rows(layout)
        self.record_button = QPushButton(tr("Record quota movement…"))
        self.record_button.setEnabled(movement_callback is not None)
        if movement_callback is not None:
            self.record_button.clicked.connect(lambda: movement_callback(self.database_text()))
        layout.addWidget(self.record_button)
        tabs = QTabWidget()
        tabs.addTab(self.village_tab(), tr("Villages"))
        tabs.addTab(self.journal_tab(), tr("Journal"))
        layout.addWidget(tabs)
        self.setWidget(body)
        self.open_button.clicked.connect(self.refresh)
        self.kind_filter.currentIndexChanged.connect(self.fill_journal)
        self.village_filter.textChanged.connect(self.fill_journal)
        self.db_edit.returnPressed.connect(self.refresh)
        if self.database_text():
            self.refresh()

    def add_database_rows(self, layout):
        """A GeoPackage picker with its Open button, and a saved PostgreSQL connection."""
        from qgis.gui import QgsFileWidget, QgsProviderConnectionComboBox

        row = QHBoxLayout()
        self.file_widget = QgsFileWidget()
        self.file_widget.setStorageMode(QgsFileWidget.StorageMode.GetFile)
        self.file_widget.setFilter(tr("GeoPackage (*.gpkg)"))
        self.file_widget.setDialogTitle(tr("Planning database"))
        self.db_edit = self.file_widget.lineEdit()
        self.db_edit.setPlaceholderText(tr("Planning database (.gpkg)"))
        self.open_button = QPushButton(tr("Open"))
        row.addWidget(self.file_widget)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        conn_row = QHBoxLayout()
        conn_row.addWidget(QLabel(tr("or PostgreSQL connection:")))
        self.connection_combo = QgsProviderConnectionComboBox("postgres")
        self.connection_combo.setAllowEmptyConnection(True)
        self.connection_combo.setToolTip(tr("A PostgreSQL connection saved in QGIS; its password stays in QGIS."))
        conn_row.addWidget(self.connection_combo, 1)
        layout.addLayout(conn_row)
        self.set_database(project_database() or planning_db())
        self.connection_combo.connectionChanged.connect(lambda _name: self.refresh())

    def add_draw_rows(self, layout):
        """Buttons to digitise a draw parcel and check it, and the result of the check."""
        draw_row = QHBoxLayout()
        self.new_parcel_button = QPushButton(tr("Digitise a draw parcel"))
        self.check_button = QPushButton(tr("Check the selected parcel"))
        draw_row.addWidget(self.new_parcel_button)
        draw_row.addWidget(self.check_button)
        layout.addLayout(draw_row)
        self.check_label = QLabel()
        self.check_label.setTextFormat(Qt.TextFormat.PlainText)
        self.check_label.setWordWrap(True)
        layout.addWidget(self.check_label)
        self.new_parcel_button.clicked.connect(self.new_parcel_layer)
        self.check_button.clicked.connect(lambda: self.check_draw())

    def village_tab(self):
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.villages = QTableWidget(0, 5)
        self.villages.setHorizontalHeaderLabels([tr("Village code"), tr("Village name"), tr("Category"),
                                                 tr("Balance (ha)"), tr("Drawn (ha)")])
        layout.addWidget(self.villages)
        self.chart = BalanceChart()
        layout.addWidget(self.chart)
        return tab

    def journal_tab(self):
        tab = QWidget()
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("All movements"), "")
        for kind in q.KINDS:
            self.kind_filter.addItem(tr(q.KIND_LABELS[kind]), kind)
        self.village_filter = QLineEdit()
        self.village_filter.setPlaceholderText(tr("Village code"))
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.village_filter)
        layout.addLayout(filters)
        self.journal = QTableWidget(0, 7)
        self.journal.setHorizontalHeaderLabels([tr("Journal number"), tr("Movement"), tr("Area (ha)"), tr("Village"),
                                                tr("Approval document number"), tr("Date"), tr("Author")])
        layout.addWidget(self.journal)
        return tab

    # -- the database ------------------------------------------------------------------
    def database_text(self):
        """The database as the algorithms take it: connection:NAME, or the GeoPackage path (or a typed string)."""
        name = self.connection_combo.currentConnection()
        if name:
            return PREFIX + name
        return self.db_edit.text().strip()

    def set_database(self, text):
        text = (text or "").strip()
        if text.lower().startswith(PREFIX):
            self.connection_combo.blockSignals(True)
            self.connection_combo.setConnection(text[len(PREFIX):].strip())
            self.connection_combo.blockSignals(False)
            self.file_widget.setFilePath("")
        else:
            self.connection_combo.blockSignals(True)
            self.connection_combo.setConnection("")
            self.connection_combo.blockSignals(False)
            self.file_widget.setFilePath(text)

    def refresh(self):
        text = self.database_text()
        self.store = None
        if not text:
            self.summary.setText(tr("Choose a GeoPackage or a PostgreSQL connection."))
            return False
        try:
            with quota_session(text, tr("Planning database")) as store:
                state = store.state()
                self.entries = store.journal()
                info = store.pool_info()
        except VillagePlannerError as exc:  # shown in the dock, never with a password
            self.summary.setText(html.escape(mask(str(exc))))
            return False
        self.store = store
        set_project_database(text)
        pool = pool_summary(state, info, self.entries)
        self.summary.setText("<br>".join("{}: <b>{}</b>".format(html.escape(str(k)), html.escape(str(v)))
                                         for k, v in pool))
        summary = q.village_summary(self.entries, list(state.villages))
        self.villages.setRowCount(len(summary))
        bars = []
        for i, code in enumerate(sorted(summary)):
            info_v = state.villages.get(code, {})
            s = summary[code]
            values = [code, info_v.get("village_name") or "", info_v.get("category") or "",
                      "{:.4f}".format(q.to_ha(s["balance"])), "{:.4f}".format(q.to_ha(s["drawn"]))]
            for j, v in enumerate(values):
                self.villages.setItem(i, j, QTableWidgetItem(v))
            bars.append((info_v.get("village_name") or code, q.to_ha(s["balance"]), q.to_ha(s["drawn"])))
        self.chart.set_rows(bars)
        self.fill_journal()
        return True

    def fill_journal(self):
        kind = self.kind_filter.currentData()
        village = self.village_filter.text().strip()
        rows = [e for e in reversed(self.entries)
                if (not kind or e.kind == kind) and (not village or village in (e.village, e.to_village))]
        self.journal.setRowCount(len(rows))
        for i, e in enumerate(rows):
            values = [str(e.seq), tr(q.KIND_LABELS[e.kind]), "{:.4f}".format(q.to_ha(e.units)),
                      e.village + (" → " + e.to_village if e.to_village else ""), e.document_no, e.date, e.author]
            for j, v in enumerate(values):
                self.journal.setItem(i, j, QTableWidgetItem(v))
        return len(rows)


    # -- draws on the map ---------------------------------------------------------
    def new_parcel_layer(self):
        """A scratch polygon layer in the pool's CRS, in edit mode, with the add-feature tool on."""
        from qgis.core import QgsProject, QgsVectorLayer

        from ..qgis_adapter.quota_geometry import crs_of

        if self.store is None and not self.refresh():
            return None
        layer = QgsVectorLayer("Polygon?crs={}&field=project:string(80)".format(crs_of(self.store).authid()),
                               tr("Draw parcels"), "memory")
        QgsProject.instance().addMapLayer(layer)
        layer.startEditing()
        if self.iface is not None and hasattr(self.iface, "setActiveLayer"):
            self.iface.setActiveLayer(layer)
            action = self.iface.actionAddFeature() if hasattr(self.iface, "actionAddFeature") else None
            if action is not None:
                action.trigger()
        return layer

    def clear_bands(self):
        for band in self.bands:
            band.reset()
            canvas = band.parent() if hasattr(band, "parent") else None
            if canvas is not None:
                canvas.scene().removeItem(band)
        self.bands = []

    def check_draw(self, layer=None, village=None):
        """Overlaps of the selected parcel with farmland, red line and its village, drawn on the map; the rules
        are the core's (core.quota.assess_draw), applied by qgis_adapter.quota_geometry.check_parcel."""
        from ..qgis_adapter.quota_geometry import check_parcel, crs_of, draw_wkb

        if self.store is None and not self.refresh():
            return None
        if layer is None and self.iface is not None:
            layer = self.iface.activeLayer()
        with self.store.session():  # one connection for the pool's CRS, zones and villages
            crs = crs_of(self.store)
            wkb = draw_wkb(layer, crs) if hasattr(layer, "selectedFeatureCount") else b""
            verdict, conflict = check_parcel(self.store, wkb, village) if wkb else (None, b"")
        if not wkb:
            self.check_label.setText(tr("Select the draw parcel in a polygon layer first."))
            return None
        lines = [tr("Draw parcel: {m2:.2f} m2 in village {code}").format(m2=verdict.area_m2,
                                                                          code=verdict.village or "-")]
        for kind, label in q.PROTECTED_ZONES.items():
            lines.append(tr("Overlap with {what}: {m2:.2f} m2").format(what=tr(label),
                                                                        m2=verdict.overlaps.get(kind, 0.0)))
        if verdict.outside_m2:
            lines.append(verdict.outside_warning())
        lines.append(tr("The draw would be refused.") if verdict.refused else
                     tr("No overlap: the draw can be recorded."))
        self.check_label.setText("\n".join(lines))
        self.show_conflict(conflict, crs)
        return {"village": verdict.village or None, "overlaps": verdict.overlaps, "refused": verdict.refused}

    def show_conflict(self, wkb, crs):
        """The part of a parcel on protected land, in red on the map (nothing when ``wkb`` is empty)."""
        from qgis.core import QgsGeometry, QgsWkbTypes

        self.clear_bands()
        canvas = self.iface.mapCanvas() if self.iface is not None and hasattr(self.iface, "mapCanvas") else None
        if canvas is None or not wkb:
            return
        from qgis.gui import QgsRubberBand

        band = QgsRubberBand(canvas, QgsWkbTypes.GeometryType.PolygonGeometry)
        band.setColor(QColor(255, 0, 0, 140))
        band.setWidth(2)
        geom = QgsGeometry()
        geom.fromWkb(wkb)
        band.setToGeometry(geom, crs)
        self.bands.append(band)
