"""The classification wizard: data check, indicators, suggestion, decision, guidance.

The planner decides; the wizard records the decision in the planning GeoPackage
and writes the category into the village layer through its edit buffer.
"""

import os
from html import escape

from qgis.core import QgsMapLayerProxyModel, QgsProject, QgsVectorLayer, QgsWkbTypes
from qgis.gui import QgsFileWidget, QgsHighlight, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QColor, QTextDocument
from qgis.PyQt.QtPrintSupport import QPrinter
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ..core.classification import CATEGORIES, RulesError, county_spread, load_rules
from ..core.classification_report import render_guidance
from ..core.i18n import N_
from ..qgis_adapter import settings
from ..qgis_adapter.classification import apply_categories, classify_layer, code_field, style_layer
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.settings import default_planning_db, planning_db, set_planning_db
from ..store.classification import DecisionError, current_decisions, record_decisions, validate
from ..store.sqlite import StoreError
from .ledger_dock import is_ledger_layer

INDICATOR_KEYS = ("hazard_points", "redline_share", "resident_ratio", "resident_pop", "dev_share", "dev_distance_m")
PAGE_TITLES = (N_("1 Data check"), N_("2 Indicators"), N_("3 Suggestion"), N_("4 Decision"), N_("5 Guidance"))


class ClassifyWizard(QWizard):
    def __init__(self, iface=None, parent=None):
        super().__init__(parent)
        self.iface = iface
        self.setWindowTitle(tr("Village classification"))
        self.setObjectName("VillagePlannerClassifyWizard")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.resize(820, 620)
        self.rules = load_rules()
        self.results = []  # [ClassifiedVillage]
        # what the data page chose; the other pages read these, never the data page's widgets
        self.ledger = None
        self.database = ""
        self.village_layer = None
        self.selected_only = False
        self.current_code = None  # the village shown on pages 2-5
        self.highlight = None
        self.recorded = []
        self.pages = [DataPage(self), IndicatorPage(self), SuggestionPage(self), DecisionPage(self),
                      GuidancePage(self)]
        for page in self.pages:
            self.addPage(page)

    # -- shared state ----------------------------------------------------
    def current(self):
        """The ClassifiedVillage shown on pages 2-5."""
        return next((r for r in self.results if r.code == self.current_code), None)

    def in_scope(self):
        if self.selected_only and self.ledger is not None:
            ids = set(self.ledger.selectedFeatureIds())
            return [r for r in self.results if r.feature.id() in ids]
        return list(self.results)

    def show_on_map(self, feature):
        if self.highlight is not None:
            self.highlight.hide()
            self.highlight = None
        canvas = self.iface.mapCanvas() if self.iface is not None and hasattr(self.iface, "mapCanvas") else None
        if canvas is None or self.ledger is None or not feature.hasGeometry():
            return
        self.highlight = QgsHighlight(canvas, feature.geometry(), self.ledger)
        self.highlight.setColor(QColor(255, 0, 0))
        self.highlight.setWidth(3)
        self.highlight.show()
        canvas.setExtent(feature.geometry().boundingBox().buffered(500))
        canvas.refresh()

    def done(self, result):
        if self.highlight is not None:
            self.highlight.hide()
            self.highlight = None
        super().done(result)


class DataPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(tr(PAGE_TITLES[0]))
        self.setSubTitle(tr("Choose the ledger and the planning GeoPackage; villages with missing indicators "
                            "are listed."))
        form = QFormLayout()
        self.ledger_combo = QgsMapLayerComboBox()
        self.boundary_combo = QgsMapLayerComboBox()
        self.boundary_combo.setAllowEmptyLayer(True)
        self.villages_combo = QgsMapLayerComboBox()
        self.villages_combo.setAllowEmptyLayer(True)
        self.ledger_combo.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        self.boundary_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.villages_combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
        self.db_edit = QLineEdit(planning_db() or default_planning_db())
        self.rules_edit = QgsFileWidget()
        self.rules_edit.setFilter(tr("Classification rules (*.json)"))
        self.rules_edit.lineEdit().setPlaceholderText(tr("default rules"))
        self.selected_only = QCheckBox(tr("Only the villages selected in the ledger layer"))
        form.addRow(tr("Ledger layer"), self.ledger_combo)
        form.addRow(tr("Urban development boundary (CZKFBJ)"), self.boundary_combo)
        form.addRow(tr("Village layer to receive the category"), self.villages_combo)
        form.addRow(tr("Planning GeoPackage"), self.db_edit)
        form.addRow(tr("Rules"), self.rules_edit)
        form.addRow("", self.selected_only)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.check_button = QPushButton(tr("Check data"))
        self.check_button.clicked.connect(self.run_check)
        layout.addWidget(self.check_button)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.missing_list = QListWidget()
        layout.addWidget(self.missing_list)
        self._preselect()

    def _preselect(self):
        from ..qgis_adapter.fields import find_project_layers

        for layer in QgsProject.instance().mapLayers().values():
            if is_ledger_layer(layer):
                self.ledger_combo.setLayer(layer)
                break
        found = find_project_layers()
        if "dev_boundary" in found:
            self.boundary_combo.setLayer(found["dev_boundary"])
        else:
            self.boundary_combo.setLayer(None)
        self.villages_combo.setLayer(found.get("villages"))

    def run_check(self):
        ledger = self.ledger_combo.currentLayer()
        self.missing_list.clear()
        if not is_ledger_layer(ledger):
            self.summary.setText(tr("Choose a ledger layer built by 'Build resource baseline ledger (4+2)'."))
            self.wiz.results = []
            self.completeChanged.emit()
            return False
        try:
            self.wiz.rules = load_rules(self.rules_edit.filePath().strip() or None)
        except RulesError as exc:
            self.summary.setText(str(exc))
            return False
        self.share_choices()
        try:
            decided = current_decisions(self.wiz.database) if self.wiz.database else {}
        except StoreError as exc:
            self.summary.setText(str(exc))
            return False
        self.wiz.results = classify_layer(ledger, self.wiz.rules, self.boundary_combo.currentLayer(), decided)
        scope = self.wiz.in_scope()
        missing = [r for r in scope if r.suggestion.missing]
        for village in missing:
            names = ", ".join(self.wiz.rules.indicator_name(m) for m in village.suggestion.missing)
            self.missing_list.addItem("{} {}: {}".format(village.code, village.name, names))
        self.summary.setText(tr("{n} villages; {m} have missing indicators and stay not yet classified until "
                                "the data are completed.").format(n=len(scope), m=len(missing)))
        self.completeChanged.emit()
        return True

    def share_choices(self):
        """Hand this page's choices to the wizard for the other pages."""
        self.wiz.ledger = self.ledger_combo.currentLayer()
        self.wiz.database = self.db_edit.text().strip()
        self.wiz.village_layer = self.villages_combo.currentLayer()
        self.wiz.selected_only = self.selected_only.isChecked()

    def isComplete(self):  # noqa: N802
        return bool(self.wiz.results)

    def validatePage(self):  # noqa: N802
        self.share_choices()
        db = self.wiz.database
        if not db:
            self.summary.setText(tr("Choose where the planning GeoPackage is (save the project first to keep it "
                                    "next to the project)."))
            return False
        if not planning_db():
            set_planning_db(db)
        return True


class IndicatorPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(tr(PAGE_TITLES[1]))
        self.setSubTitle(tr("The village's indicators beside the county's distribution."))
        layout = QVBoxLayout(self)
        self.village_combo = QComboBox()
        self.village_combo.setObjectName("village_combo")
        layout.addWidget(self.village_combo)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("Indicator"), tr("Value"), tr("County percentile"),
                                              tr("County median"), tr("County range")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        layout.addWidget(self.table)
        self.village_combo.currentIndexChanged.connect(self.refresh)

    def initializePage(self):  # noqa: N802
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        for village in self.wiz.in_scope():
            self.village_combo.addItem("{} {}".format(village.name, village.code), village.code)
        self.village_combo.blockSignals(False)
        self.refresh()

    def refresh(self):
        self.wiz.current_code = self.village_combo.currentData()
        current = self.wiz.current()
        self.table.setRowCount(0)
        if current is None:
            return
        s = current.suggestion
        rules = self.wiz.rules
        keys = ["heritage"] + list(INDICATOR_KEYS)
        self.table.setRowCount(len(keys))
        for i, key in enumerate(keys):
            value = s.figures.get(key)
            county = [r.suggestion.figures.get(key) for r in self.wiz.results]
            self.table.setItem(i, 0, QTableWidgetItem(rules.indicator_name(key)))
            self.table.setItem(i, 1, QTableWidgetItem(rules.format_value(key, value)))
            if key != "heritage":
                spread = county_spread(county, value)
                rank = spread["rank"]
                self.table.setItem(i, 2, QTableWidgetItem("" if rank is None else "P{:.0f}".format(rank)))
                if spread["median"] is not None:
                    self.table.setItem(i, 3, QTableWidgetItem(rules.format_value(key, spread["median"])))
                    self.table.setItem(i, 4, QTableWidgetItem("{} – {}".format(
                        rules.format_value(key, spread["low"]), rules.format_value(key, spread["high"]))))
            else:
                designated = sum(1 for v in county if rules.designated(v))
                self.table.setItem(i, 2, QTableWidgetItem(tr("{n} designated villages in the county").format(
                    n=designated)))
        self.wiz.show_on_map(current.feature)


class SuggestionPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(tr(PAGE_TITLES[2]))
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        layout.addWidget(self.view)

    def initializePage(self):  # noqa: N802
        current = self.wiz.current()
        if current is None:
            return
        s, row, decision = current.suggestion, current.record, current.decision
        rules = self.wiz.rules
        # every value from data is escaped: the explanation itself says "0.77 < 0.35"
        parts = ["<h2>{} — {}</h2>".format(escape(str(row.get("village_name") or s.village_code)),
                                           escape(rules.category_name(s.category))),
                 "<p><b>{}</b> {}</p>".format(tr("Why:"), escape(s.explanation))]
        if decision:
            parts.append("<p>{}</p>".format(escape(tr("Decided earlier: {category} by {who} on {when}.").format(
                category=rules.category_name(decision["final_category"]), who=decision["decided_by"],
                when=decision["decided_at"]))))
            if decision.get("suggested_category") != s.category:
                parts.append("<p style='color:#b00'>{}</p>".format(
                    tr("The suggestion has changed since that decision.")))
        parts.append("<h3>{}</h3><ul>".format(tr("What it would take to fall into another category")))
        for cat, rule_id, text in rules.what_it_takes(s):
            parts.append("<li><b>{}</b> ({}): {}</li>".format(escape(rules.category_name(cat)), escape(rule_id),
                                                               escape(text)))
        parts.append("<li><b>{}</b>: {}</li></ul>".format(escape(rules.category_name("agglomeration")),
                                                           tr("when no earlier rule applies")))
        self.view.setHtml("".join(parts))


class DecisionPage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(tr(PAGE_TITLES[3]))
        self.setSubTitle(tr("Accept the suggestion, or choose another category and say why."))
        layout = QVBoxLayout(self)
        self.accept_radio = QRadioButton(tr("Accept the suggestion"))
        self.other_radio = QRadioButton(tr("Choose another category"))
        self.accept_radio.setChecked(True)
        self.category_combo = QComboBox()
        for key in CATEGORIES:
            self.category_combo.addItem(wizard.rules.category_name(key), key)
        row = QHBoxLayout()
        row.addWidget(self.other_radio)
        row.addWidget(self.category_combo)
        layout.addWidget(self.accept_radio)
        layout.addLayout(row)
        layout.addWidget(QLabel(tr("Reason (required to override)")))
        self.reason = QPlainTextEdit()
        layout.addWidget(self.reason)
        form = QFormLayout()
        self.planner = QLineEdit(settings.read(settings.PLANNER_NAME))
        form.addRow(tr("Planner"), self.planner)
        layout.addLayout(form)
        self.batch = QCheckBox(tr("Accept the suggestions of all villages in scope that have no decision yet"))
        layout.addWidget(self.batch)
        self.batch_list = QTableWidget(0, 3)
        self.batch_list.setHorizontalHeaderLabels([tr("Village code"), tr("Village name"), tr("Suggested category")])
        self.batch_list.horizontalHeader().setStretchLastSection(True)
        self.batch_list.setVisible(False)
        layout.addWidget(self.batch_list)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("decision_error")
        self.error.setStyleSheet("color: #b00000;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        self.batch.toggled.connect(self.show_batch)

    def show_batch(self, on):
        self.batch_list.setVisible(on)
        pending = [r for r in self.wiz.in_scope() if r.decision is None]
        self.batch_list.setRowCount(len(pending))
        for i, village in enumerate(pending):
            self.batch_list.setItem(i, 0, QTableWidgetItem(village.code))
            self.batch_list.setItem(i, 1, QTableWidgetItem(village.name))
            self.batch_list.setItem(i, 2, QTableWidgetItem(self.wiz.rules.category_name(village.suggestion.category)))

    def decisions(self):
        current = self.wiz.current()
        who = self.planner.text().strip()
        if self.batch.isChecked():
            targets = [r for r in self.wiz.in_scope() if r.decision is None]
            return [self._decision(r, r.suggestion.category, "", who) for r in targets]
        final = current.suggestion.category if self.accept_radio.isChecked() else self.category_combo.currentData()
        return [self._decision(current, final, self.reason.toPlainText(), who)]

    @staticmethod
    def _decision(village, final, reason, who):
        s = village.suggestion
        return {"village_code": s.village_code, "village_name": village.record.get("village_name"),
                "suggested_category": s.category, "rule_id": s.rule_id, "final_category": final,
                "override_reason": reason, "decided_by": who, "explanation": s.explanation}

    def validatePage(self):  # noqa: N802
        decisions = self.decisions()
        self.error.clear()
        if not decisions:
            self.error.setText(tr("No village to decide."))
            return False
        try:
            for d in decisions:
                validate(d, self.wiz.rules)
        except DecisionError as exc:
            self.error.setText(str(exc))
            return False
        try:
            record_decisions(self.wiz.database, decisions, self.wiz.rules)
        except (StoreError, DecisionError) as exc:  # shown to the planner; nothing was written
            self.error.setText(str(exc))
            return False
        settings.write(settings.PLANNER_NAME, self.planner.text().strip())
        self.wiz.recorded = decisions
        self.write_to_layer(decisions)
        return True

    def write_to_layer(self, decisions):
        layer = self.wiz.village_layer
        if not isinstance(layer, QgsVectorLayer) or code_field(layer) is None:
            return 0
        changed = apply_categories(layer, {d["village_code"]: d["final_category"] for d in decisions})
        if layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry:
            style_layer(layer, self.wiz.rules)
        return changed


class GuidancePage(QWizardPage):
    def __init__(self, wizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle(tr(PAGE_TITLES[4]))
        layout = QVBoxLayout(self)
        self.view = QTextBrowser()
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.html_button = QPushButton(tr("Export HTML…"))
        self.pdf_button = QPushButton(tr("Export PDF…"))
        row.addWidget(self.html_button)
        row.addWidget(self.pdf_button)
        layout.addLayout(row)
        self.html_button.clicked.connect(lambda: self.export(None, "html"))
        self.pdf_button.clicked.connect(lambda: self.export(None, "pdf"))
        self.html = ""

    def initializePage(self):  # noqa: N802
        current = self.wiz.current()
        if current is None:
            return
        s = current.suggestion
        final = next((d["final_category"] for d in self.wiz.recorded if d["village_code"] == s.village_code),
                     s.category)
        village = dict(current.record)
        village["village_code"] = s.village_code
        self.html = render_guidance(self.wiz.rules, final, village)
        self.view.setHtml(self.html)

    def export(self, path, kind):
        if path is None:
            filt = tr("HTML report (*.html)") if kind == "html" else tr("PDF (*.pdf)")
            path, _ = QFileDialog.getSaveFileName(self, tr("Export guidance"), "", filt)
            if not path:
                return None
        if kind == "html":
            with open(path, "w", encoding="utf-8") as fh:
                fh.write("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{}</body></html>".format(
                    self.html))
            return path
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(path)
        doc = QTextDocument()
        doc.setDefaultStyleSheet("body { font-family: 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'SimHei'; }")
        doc.setHtml(self.html)
        doc.print(printer)
        return path if os.path.exists(path) else None
