"""The "Quota pool" dock: pool summary, village balances with a chart, the journal with filters.

Recording a movement opens the villageplanner:quotamovement dialog, which checks
every rule before it commits; a draw's parcel is taken from the selected features
of a layer (digitise it in any polygon layer, select it, and run the dialog).
"""

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
from ..core.quota_report import pool_summary
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.settings import planning_db
from ..store.quota_pg import PgQuotaStore, is_postgres_dsn
from ..store.quota_store import GpkgQuotaStore


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
            painter.drawText(QRectF(0, y, label_w - 6, 18), Qt.AlignRight | Qt.AlignVCenter, label)
            span = width - label_w - 80
            painter.fillRect(QRectF(label_w, y + 2, max(span * balance / top, 1), 7), QColor("#4e9a06"))
            painter.fillRect(QRectF(label_w, y + 10, max(span * drawn / top, 1), 7), QColor("#cc0000"))
            painter.drawText(QRectF(width - 78, y, 78, 18), Qt.AlignLeft | Qt.AlignVCenter,
                             "{:.2f} / {:.2f}".format(balance, drawn))
        painter.end()


class QuotaDock(QDockWidget):
    def __init__(self, iface=None, parent=None, movement_callback=None):
        super().__init__(tr("Quota pool"), parent)
        self.setObjectName("VillagePlannerQuotaDock")
        self.iface = iface
        self.store = None
        self.entries = []
        body = QWidget()
        layout = QVBoxLayout(body)
        row = QHBoxLayout()
        self.db_edit = QLineEdit(planning_db())
        self.db_edit.setPlaceholderText(tr("Planning database (.gpkg path, or PostGIS connection string)"))
        self.open_button = QPushButton(tr("Open"))
        row.addWidget(self.db_edit)
        row.addWidget(self.open_button)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.record_button = QPushButton(tr("Record quota movement…"))
        self.record_button.setEnabled(movement_callback is not None)
        if movement_callback is not None:
            self.record_button.clicked.connect(lambda: movement_callback(self.db_edit.text().strip()))
        layout.addWidget(self.record_button)
        tabs = QTabWidget()
        self.villages = QTableWidget(0, 5)
        self.villages.setHorizontalHeaderLabels([tr("Village code"), tr("Village name"), tr("Category"),
                                                 tr("Balance (ha)"), tr("Drawn (ha)")])
        village_tab = QWidget()
        vl = QVBoxLayout(village_tab)
        vl.addWidget(self.villages)
        self.chart = BalanceChart()
        vl.addWidget(self.chart)
        tabs.addTab(village_tab, tr("Villages"))
        journal_tab = QWidget()
        jl = QVBoxLayout(journal_tab)
        filters = QHBoxLayout()
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(tr("All movements"), "")
        for kind in q.KINDS:
            self.kind_filter.addItem(kind, kind)
        self.village_filter = QLineEdit()
        self.village_filter.setPlaceholderText(tr("Village code"))
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.village_filter)
        jl.addLayout(filters)
        self.journal = QTableWidget(0, 7)
        self.journal.setHorizontalHeaderLabels([tr("Journal number"), tr("Movement"), tr("Area (ha)"), tr("Village"),
                                                tr("Approval document number"), tr("Date"), tr("Author")])
        jl.addWidget(self.journal)
        tabs.addTab(journal_tab, tr("Journal"))
        layout.addWidget(tabs)
        self.setWidget(body)
        self.open_button.clicked.connect(self.refresh)
        self.kind_filter.currentIndexChanged.connect(self.fill_journal)
        self.village_filter.textChanged.connect(self.fill_journal)
        if self.db_edit.text():
            self.refresh()

    def refresh(self):
        path = self.db_edit.text().strip()
        store = PgQuotaStore(path) if is_postgres_dsn(path) else GpkgQuotaStore(path)
        try:
            if not path or not store.exists():
                self.summary.setText(tr("{path} holds no quota pool; create one with Create quota pool.").format(
                    path=path or "-"))
                self.store = None
                return False
            state = store.state()
            self.entries = store.journal()
            info = store.pool_info()
        except Exception as exc:  # noqa: BLE001 - shown in the dock
            self.summary.setText(str(exc))
            return False
        self.store = store
        pool = pool_summary(state, info, self.entries)
        self.summary.setText("<br>".join("{}: <b>{}</b>".format(k, v) for k, v in pool))
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
            values = [str(e.seq), e.kind, "{:.4f}".format(q.to_ha(e.units)),
                      e.village + (" → " + e.to_village if e.to_village else ""), e.document_no, e.date, e.author]
            for j, v in enumerate(values):
                self.journal.setItem(i, j, QTableWidgetItem(v))
        return len(rows)
