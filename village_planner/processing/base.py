"""Shared base of the plugin's Processing algorithms."""

from qgis.core import QgsProcessingAlgorithm, QgsProcessingException, QgsProcessingParameterFileDestination
from qgis.PyQt.QtGui import QIcon

from ..paths import icon_path
from ..qgis_adapter.i18n import tr as _tr


class VillagePlannerAlgorithm(QgsProcessingAlgorithm):
    """Name, group, icon and translation helpers; subclasses set the rest."""

    ALG_ID = ""
    GROUP_ID = "villageplanner"

    def tr(self, text):
        return _tr(text)

    def createInstance(self):
        return type(self)()

    def name(self):
        return self.ALG_ID

    def icon(self):
        return QIcon(icon_path())

    def group(self):
        return ""

    def groupId(self):
        return ""

    def add_workbook_output(self, label):
        """The optional OUTPUT_XLSX every table-producing algorithm offers."""
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_XLSX", label, self.tr("Excel workbook (*.xlsx)"), optional=True, createByDefault=False))

    def add_report_output(self, label):
        """The optional OUTPUT_HTML report."""
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", label, self.tr("HTML report (*.html)"), optional=True, createByDefault=False))

    def fail(self, message):
        raise QgsProcessingException(message)

    @staticmethod
    def report(findings, feedback):
        """Write findings to the Processing log: errors as errors, warnings as warnings."""
        for f in findings:
            where = f.layer
            if f.feature_id not in (None, ""):
                where += " #{}".format(f.feature_id)
            if f.field:
                where += " [{}]".format(f.field)
            text = "{}: {}".format(where, f.message) if where else f.message
            if f.is_error:
                feedback.reportError(text)
            else:
                feedback.pushWarning(text) if hasattr(feedback, "pushWarning") else feedback.pushInfo(text)
