"""Settle the conflicts of a field merge: each conflict field by field (field and office values), with three
choices per conflict: keep the office version, take the field version, or keep both (the field version as a
new row linked to the office row). Applying calls store.resolve_conflict for each; nothing else writes."""

import os
import tempfile

from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..core import field as fc
from ..core.i18n import N_
from ..qgis_adapter.i18n import tr
from ..store import field_store as fs

CHOICE_LABELS = (("office", N_("Keep the office version")), ("field", N_("Take the field version")),
                 ("both", N_("Keep both (field version as a new linked row)")))


def _text(value):
    return "" if value is None else str(value)


class ConflictDialog(QDialog):
    """``conflicts``: the merge's report rows whose action is conflict; ``field_rows``: {layer: {uuid: row}} of
    the package; ``package_dir``: where the package's photos are; ``package_id``: the merged package, whose
    report records each decision (who settles a conflict second is refused)."""

    def __init__(self, store, forms, conflicts, field_rows, package_dir, parent=None, package_id=None):
        super().__init__(parent)
        self.store, self.forms, self.package_dir = store, forms, package_dir
        self.package_id = package_id
        self.conflicts = [c for c in conflicts if c.get("action") == fc.CONFLICT]
        self.field_rows = field_rows
        self.results = None
        self.setWindowTitle(tr("Conflicts of the field merge"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(tr("{n} rows were changed both in the field and in the office. Choose for each which "
                                 "version to keep, then apply.").format(n=len(self.conflicts)))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([tr("Row / field"), tr("Field value"), tr("Office value"), tr("Decision")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree)
        self.combos = []
        office = self._office_rows()
        for conflict in self.conflicts:
            layer, uuid = conflict["layer"], conflict["uuid"]
            spec = forms["layers"].get(layer, {"label_zh": layer, "fields": []})
            top = QTreeWidgetItem([tr("{layer} {uuid} ({village}): {reason}").format(
                layer=spec["label_zh"], uuid=uuid[:8], village=_text(conflict.get("village_code")),
                reason=_text(conflict.get("reason")))])
            self.tree.addTopLevelItem(top)
            labels = {f["name"]: f["label_zh"] for f in spec["fields"]}
            field_row = self.field_rows.get(layer, {}).get(uuid)
            office_row = office.get(layer, {}).get(uuid)
            for name, field_value, office_value in self._differences(layer, field_row, office_row):
                top.addChild(QTreeWidgetItem(["%s (%s)" % (labels.get(name, name), name), _text(field_value),
                                              _text(office_value)]))
            combo = QComboBox()
            for key, label in CHOICE_LABELS:
                combo.addItem(tr(label), key)
            self.tree.setItemWidget(top, 3, combo)
            top.setExpanded(True)
            self.combos.append(combo)
        self.message = QLabel("")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = QPushButton(tr("Apply decisions"))
        buttons.addButton(self.apply_button, QDialogButtonBox.ButtonRole.ApplyRole)
        self.apply_button.clicked.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.apply_button.setEnabled(bool(self.conflicts))

    def _office_rows(self):
        out = {}
        for layer in {c["layer"] for c in self.conflicts}:
            villages = sorted({c.get("village_code") for c in self.conflicts
                               if c["layer"] == layer and c.get("village_code")})
            out[layer] = {r["uuid"]: r for r in self.store.read_layer(self.forms, layer, villages)}
        return out

    def _differences(self, layer, field_row, office_row):
        cols = fc.content_columns(self.forms, layer)
        if field_row is None:
            return [(c, None, office_row.get(c)) for c in cols if office_row and office_row.get(c) not in (None, "")]
        return fc.differences(field_row, office_row or {}, cols)

    def choices(self):
        return [combo.currentData() for combo in self.combos]

    def set_choice(self, index, choice):
        combo = self.combos[index]
        combo.setCurrentIndex(combo.findData(choice))

    def apply(self):
        """Write the decisions; returns [(uuid, choice, uuid written or None)]. Applied once: the button is then
        disabled, so that keeping both does not add the field version twice."""
        results, refused = [], []
        for conflict, choice in zip(self.conflicts, self.choices()):
            row = self.field_rows.get(conflict["layer"], {}).get(conflict["uuid"])
            if row is not None and choice != "office":
                row = dict(row)
                if row.get("photo"):
                    try:
                        row["photo"] = self.store.store_photo(self.package_dir, row["photo"])
                    except fc.PhotoRefused:
                        pass  # the merge report already says so; the row keeps the photo's name
            try:
                written = self.store.resolve_conflict(conflict["layer"], conflict["uuid"], choice, row,
                                                      package_id=self.package_id)
            except fc.ConflictSettled as exc:  # settled meanwhile by a colleague: theirs stands
                refused.append(str(exc))
                continue
            results.append((conflict["uuid"], choice, written))
        self.results = results
        self.apply_button.setEnabled(False)
        for combo in self.combos:
            combo.setEnabled(False)
        kept = sum(1 for _, c, _ in results if c == "office")
        self.message.setText(tr("Applied: {office} office versions kept, {field} field versions taken, {both} kept "
                                "both.").format(office=kept, field=sum(1 for _, c, _ in results if c == "field"),
                                                both=sum(1 for _, c, _ in results if c == "both"))
                             + ("\n" + "\n".join(refused) if refused else ""))
        return results


def dialog_for_merge(store, package, parent=None):
    """The dialog for the conflicts recorded at the merge of ``package`` (folder or .zip) into ``store``, or None
    when that merge had none."""
    work = tempfile.TemporaryDirectory(prefix="vp_conflicts_") if os.path.isfile(package) else None
    try:
        folder = fc.package_folder(package, work.name if work else package)
        manifest, _ = fc.read_manifest(folder)
        report = store.merge_report(manifest["package_id"]) or []
        conflicts = fc.unsettled(report)
        if not conflicts:
            return None
        forms = fc.load_forms(fc.FORMS)
        rows = fs.read_package_layers(os.path.join(folder, fc.PACKAGE_GPKG), forms, manifest["package_id"])
        dialog = ConflictDialog(store, forms, conflicts, rows, folder, parent, package_id=manifest["package_id"])
    finally:
        if work is not None and "dialog" not in locals():
            work.cleanup()
    if work is not None:  # a zipped package stays unpacked (its photos) while the dialog is open
        dialog.workdir = work
        dialog.finished.connect(lambda _result: work.cleanup())
    return dialog
