"""Export dialog: villages (selected or all), maps, template, folder, and a preview of the first page."""

from qgis.core import QgsMapLayerProxyModel
from qgis.gui import QgsFileWidget, QgsMapLayerComboBox
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtGui import QPixmap
from qgis.PyQt.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
)

from ..layouts.village_maps import LAYER_KEYS, MAPS, REQUIRED_LAYERS, MapError, VillageMapExporter, villages_of
from ..qgis_adapter.i18n import tr
from ..qgis_adapter.roles import ROLES, project_layers


class ExportDialog(QDialog):
    def __init__(self, parent=None, run_callback=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Export village plan maps"))
        self.setObjectName("VillagePlannerExportDialog")
        self.run_callback = run_callback
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        form = QFormLayout()
        self.combos = {}
        found = project_layers(LAYER_KEYS)
        for param in LAYER_KEYS:
            combo = QgsMapLayerComboBox()
            combo.setMinimumWidth(220)
            combo.setFilters(QgsMapLayerProxyModel.Filter.PolygonLayer)
            combo.setAllowEmptyLayer(param not in REQUIRED_LAYERS)
            combo.setLayer(found.get(param))
            form.addRow(tr(ROLES[param].label), combo)
            self.combos[param] = combo
        left.addLayout(form)
        self.selected_only = QRadioButton(tr("Selected villages"))
        self.all_villages = QRadioButton(tr("All villages"))
        self.all_villages.setChecked(True)
        left.addWidget(self.selected_only)
        left.addWidget(self.all_villages)
        self.map_boxes = {}
        for key, label in MAPS.items():
            box = QCheckBox(tr(label))
            box.setChecked(True)
            left.addWidget(box)
            self.map_boxes[key] = box
        self.template = QgsFileWidget()
        self.template.setFilter(tr("Print layout template (*.qpt)"))
        self.folder = QgsFileWidget()
        self.folder.setStorageMode(QgsFileWidget.StorageMode.GetDirectory)
        self.language = QComboBox()
        self.language.addItem(tr("Chinese"), "zh")
        self.language.addItem(tr("English"), "en")
        extra = QFormLayout()
        extra.addRow(tr("Language of the map text"), self.language)
        extra.addRow(tr("Print layout template (.qpt, optional)"), self.template)
        extra.addRow(tr("Output folder"), self.folder)
        left.addLayout(extra)
        self.preview_button = QPushButton(tr("Preview the first page"))
        self.preview_button.clicked.connect(self.preview)
        left.addWidget(self.preview_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Export…"))
        buttons.accepted.connect(self.run)
        buttons.rejected.connect(self.reject)
        left.addWidget(buttons)
        layout.addLayout(left)
        self.preview_label = QLabel(tr("No preview yet"))
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)
        self.preview_label.setWordWrap(True)
        self.preview_label.setMinimumSize(420, 300)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.preview_label)

    def villages(self):
        layer = self.combos["VILLAGES"].currentLayer()
        if layer is None:
            return []
        chosen = villages_of(layer)
        if self.selected_only.isChecked():
            ids = set(layer.selectedFeatureIds())
            chosen = [v for v in chosen if v["fid"] in ids]
        return chosen

    def parameters(self):
        params = {param: combo.currentLayer() for param, combo in self.combos.items() if combo.currentLayer()}
        params["MAPS"] = [key for key in MAPS if self.map_boxes[key].isChecked()]
        params["LANGUAGE"] = self.language.currentData()
        if self.selected_only.isChecked():
            params["VILLAGE_CODES"] = ",".join(v["code"] for v in self.villages())
        if self.template.filePath():
            params["TEMPLATE"] = self.template.filePath()
        if self.folder.filePath():
            params["OUTPUT_FOLDER"] = self.folder.filePath()
        return params

    def preview(self):
        villages = self.villages()
        kinds = [k for k, box in self.map_boxes.items() if box.isChecked()]
        layers = {key: self.combos[param].currentLayer() for param, key in LAYER_KEYS.items()}
        try:
            exporter = VillageMapExporter(layers, {"paper": "A3", "template": self.template.filePath() or None,
                                                   "lang": self.language.currentData()})
        except MapError as exc:
            self.preview_label.setText(str(exc))
            return None
        kinds = [k for k in kinds if exporter.available(k)]
        if not villages or not kinds:
            self.preview_label.setText(tr("Nothing to preview: choose villages and maps whose layers are given."))
            return None
        from qgis.core import QgsLayoutExporter
        from qgis.PyQt.QtCore import QSize

        try:
            layout = exporter.build(kinds[0], villages[0])
        except MapError as exc:
            self.preview_label.setText(str(exc))
            return None
        image = QgsLayoutExporter(layout).renderPageToImage(0, QSize(840, 594))
        self.preview_label.setPixmap(QPixmap.fromImage(image).scaled(
            self.preview_label.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation))
        return image

    def run(self):
        if self.selected_only.isChecked() and not self.villages():
            self.preview_label.setText(tr("No village is selected: select villages on the map, or choose all "
                                          "villages."))
            return
        if self.run_callback is not None:
            self.run_callback(self.parameters())
        self.accept()
