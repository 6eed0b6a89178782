"""Map a county's own field names to the survey roles, once per project."""

from qgis.core import QgsMapLayerProxyModel, QgsProject
from qgis.gui import QgsFieldComboBox, QgsMapLayerComboBox
from qgis.PyQt.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ..core.i18n import N_
from ..qgis_adapter.fields import project_mapping, resolve_fields, save_mapping, spec
from ..qgis_adapter.i18n import tr

KIND_LABELS = {"parcels": N_("Land parcels (DLTB)"), "villages": N_("Village zones (CJDCQ)")}
ROLE_LABELS = {
    "village_code": N_("Village code (ZLDWDM)"), "village_name": N_("Village name (ZLDWMC)"),
    "land_class": N_("Land class code (DLBM)"), "parcel_area": N_("Parcel area (TBMJ)"),
    "deducted_area": N_("Deducted area (KCMJ)"), "deducted_class": N_("Deducted class (KCDLBM)"),
    "net_area": N_("Net class area (TBDLMJ)"), "settlement_type": N_("Settlement type (CZCSXM)"),
    "slope_grade": N_("Slope grade (GDPDJB)"), "ownership": N_("Ownership (QSXZ)"),
    "survey_area": N_("Surveyed area (DCMJ)"),
}


class FieldMappingDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Field mapping"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Choose which field plays each role when a layer does not use the survey's "
                                   "standard names. The mapping is saved in the project.")))
        form = QFormLayout()
        self.kind = QComboBox()
        for kind in ("parcels", "villages"):
            self.kind.addItem(tr(KIND_LABELS[kind]), kind)
        form.addRow(tr("Layer kind"), self.kind)
        self.layer = QgsMapLayerComboBox()
        self.layer.setFilters(QgsMapLayerProxyModel.Filter.VectorLayer)
        form.addRow(tr("Layer"), self.layer)
        layout.addLayout(form)
        self.roles_form = QFormLayout()
        layout.addLayout(self.roles_form)
        self.combos = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self.rebuild)
        self.layer.layerChanged.connect(self.rebuild)
        self.rebuild()

    def rebuild(self):
        while self.roles_form.rowCount():
            self.roles_form.removeRow(0)
        self.combos = {}
        kind = self.kind.currentData()
        layer = self.layer.currentLayer()
        found = {}
        if layer is not None:
            found, _ = resolve_fields(layer, kind)
        for role, info in spec()["fields"][kind].items():
            combo = QgsFieldComboBox()
            combo.setAllowEmptyFieldName(not info.get("required"))
            combo.setLayer(layer)
            combo.setField(found.get(role, ""))
            label = tr(ROLE_LABELS.get(role, role)) + (" *" if info.get("required") else "")
            self.roles_form.addRow(label, combo)
            self.combos[role] = combo

    def mapping(self):
        return {role: combo.currentField() for role, combo in self.combos.items() if combo.currentField()}

    def save(self):
        save_mapping(self.kind.currentData(), self.mapping(), QgsProject.instance())
        self.accept()

    @staticmethod
    def saved():
        return project_mapping(QgsProject.instance())
