"""Shared base of the plugin's Processing algorithms."""

import contextlib
import os
import sqlite3
import tempfile

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterVectorLayer,
)
from qgis.PyQt.QtGui import QIcon

from ..core.errors import VillagePlannerError
from ..core.i18n import N_
from ..paths import icon_path
from ..qgis_adapter.i18n import tr as _tr

# the toolbox groups, in the order of a planner's work
GROUPS = {
    "check": N_("Data check"),
    "ledger": N_("Resource ledger"),
    "classification": N_("Village classification"),
    "quota": N_("Quota pool"),
    "plan": N_("Plan maps and tables"),
    "submission": N_("Submission"),
    "field": N_("Field verification"),
    "monitoring": N_("Monitoring"),
    "tools": N_("Tools"),
}


class VillagePlannerAlgorithm(QgsProcessingAlgorithm):
    """Name, group, icon and translation helpers; subclasses set ALG_ID, GROUP and the rest."""

    ALG_ID = ""
    GROUP = "tools"  # a key of GROUPS
    CREATED_FILES = ("PLANNING_DB", "DATABASE")  # file parameters that are created when missing

    def tr(self, text):
        return _tr(text)

    def createInstance(self):
        return type(self)()

    def name(self):
        return self.ALG_ID

    def icon(self):
        return QIcon(icon_path())

    def group(self):
        return self.tr(GROUPS[self.GROUP])

    def groupId(self):  # noqa: N802 - QGIS API
        return self.GROUP

    @staticmethod
    @contextlib.contextmanager
    def user_errors():
        """Any of the plugin's own errors inside the block reaches the user as a QgsProcessingException
        with its (translated) message; anything else is a defect and keeps its traceback."""
        try:
            yield
        except VillagePlannerError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def sink_error(self, parameters, name):
        return QgsProcessingException(self.invalidSinkError(parameters, name))

    def add_workbook_output(self, label):
        """The optional OUTPUT_XLSX every table-producing algorithm offers."""
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_XLSX", label, self.tr("Excel workbook (*.xlsx)"), optional=True, createByDefault=False))

    def add_report_output(self, label):
        """The optional OUTPUT_HTML report."""
        self.addParameter(QgsProcessingParameterFileDestination(
            "OUTPUT_HTML", label, self.tr("HTML report (*.html)"), optional=True, createByDefault=False))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        missing = self.missing_input_file(parameters)
        if missing:
            return False, missing
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, self.rejected_value(parameters, context) or message
        try:
            self.check_outputs(parameters, context)
        except QgsProcessingException as exc:
            return False, str(exc)
        return True, ""

    def rejected_value(self, parameters, context):
        """A message, in the user's language, naming the first parameter QGIS refused and what it accepts, or ''.

        QGIS itself would only say "Incorrect parameter value for NAME", in English under qgis_process.
        """
        for param in self.parameterDefinitions():
            value = parameters.get(param.name())
            if param.checkValueIsAcceptable(value, context):
                continue
            where = "%s (%s)" % (param.name(), param.description())
            if value is None or (isinstance(value, str) and not value.strip()):
                return self.tr("{param} is required.").format(param=where)
            if isinstance(param, QgsProcessingParameterNumber):
                low, high = param.minimum(), param.maximum()
                if high < 1e300:
                    return self.tr("{param}: {value} is not accepted; give a number from {low} to {high}.").format(
                        param=where, value=value, low=_number(low), high=_number(high))
                if low > -1e300:
                    return self.tr("{param}: {value} is not accepted; give a number of at least {low}.").format(
                        param=where, value=value, low=_number(low))
                return self.tr("{param}: {value} is not accepted; give a number.").format(param=where, value=value)
            if isinstance(param, QgsProcessingParameterFile) and param.extension():
                return self.tr("{param}: {value} is not accepted; give a .{ext} file.").format(
                    param=where, value=value, ext=param.extension())
            return self.tr("{param}: {value} is not accepted.").format(param=where, value=value)
        return ""

    def missing_input_file(self, parameters):
        """A message for the first input given as a path to a file that does not exist, or ''.

        QGIS itself would only say "Incorrect parameter value", in English.
        """
        for param in self.parameterDefinitions():
            if not isinstance(param, (QgsProcessingParameterVectorLayer, QgsProcessingParameterFeatureSource,
                                      QgsProcessingParameterFile)):
                continue
            value = parameters.get(param.name())
            if param.name() in self.CREATED_FILES or not isinstance(value, str) or not value.strip():
                continue
            path = value.split("|")[0].strip()
            looks_like_file = os.path.splitext(path)[1] and (os.path.isabs(path) or os.sep in path) and \
                "://" not in path and "=" not in path
            if looks_like_file and not os.path.exists(path):
                return self.tr("{param}: the file {path} does not exist.").format(param=param.name(), path=path)
        return ""

    # -- outputs are checked before anything is written ------------------------------
    def check_outputs(self, parameters, context):
        """Every file output of this algorithm can be written; raise before any is.

        A job must not leave a partial result behind because its last output, say a
        workbook in a read-only folder, cannot be written.
        """
        for param in self.parameterDefinitions():
            name = param.name()
            if isinstance(param, QgsProcessingParameterFileDestination):
                path = self.parameterAsFileOutput(parameters, name, context)
            elif isinstance(param, QgsProcessingParameterFeatureSink):
                path = self.parameterAsOutputLayer(parameters, name, context)
            else:
                continue
            path = (path or "").split("|")[0]
            if path.startswith("ogr:"):
                path = path[4:].split("|")[0]
            if not path or ":" in path[2:] or "=" in path or not os.path.splitext(path)[1]:
                continue  # memory layers, database URIs (dbname='…' …) and the like: QGIS reports those itself
            self.check_writable_file(path, name)
            self.check_not_overwriting(path, name, parameters, context)

    def input_files(self, parameters, context):
        """{real path: parameter} of every file this run reads or keeps (layers, databases, rule files)."""
        found = {}
        for param in self.parameterDefinitions():
            name = param.name()
            if param.isDestination() or name not in parameters or parameters[name] in (None, ""):
                continue
            values = parameters[name] if isinstance(parameters[name], (list, tuple)) else [parameters[name]]
            for value in values:
                source = value.source() if hasattr(value, "source") else None
                if source is None and isinstance(param, (QgsProcessingParameterVectorLayer,
                                                         QgsProcessingParameterFeatureSource)):
                    layer = self.parameterAsVectorLayer(parameters, name, context)
                    source = layer.source() if layer is not None else str(value)
                text = str(source if source is not None else value).split("|")[0].strip()
                if text and os.path.exists(text):
                    found[os.path.realpath(text)] = name
        return found

    def check_not_overwriting(self, path, param, parameters, context):
        """Refuse an output that would replace a file this run reads, or a planning database.

        QGIS replaces the whole file of a GeoPackage output: pointed at the survey delivery or
        at the quota pool, it would delete every layer and every journal entry in it.
        """
        real = os.path.realpath(path)
        used = self.input_files(parameters, context).get(real)
        if used:
            raise QgsProcessingException(self.tr(
                "{param}: {path} is also an input of this run ({input}); writing the output there would replace "
                "the whole file. Choose another file.").format(param=param, path=path, input=used))
        if os.path.isfile(real) and real.lower().endswith((".gpkg", ".sqlite")):
            try:
                con = sqlite3.connect("file:%s?mode=ro" % real, uri=True)
                try:
                    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
                finally:
                    con.close()
            except sqlite3.Error:
                return
            if any(t.lower().startswith("vp_") for t in tables):
                raise QgsProcessingException(self.tr(
                    "{param}: {path} is a planning database (ledger snapshots, decisions or the quota pool); "
                    "writing the output there would replace it and everything in it. Choose another file.").format(
                    param=param, path=path))

    def check_writable_file(self, path, param):
        if os.path.isdir(path):
            raise QgsProcessingException(self.tr("{param}: {path} is a folder, not a file.").format(
                param=param, path=path))
        self.prepare_folder(os.path.dirname(os.path.abspath(path)), param)
        if os.path.exists(path) and not os.access(path, os.W_OK):
            raise QgsProcessingException(self.tr("{param}: the file {path} cannot be written (read-only).").format(
                param=param, path=path))

    def check_folder_path(self, folder, param):
        """Refuse a folder output that is a file, before any work (nothing is created)."""
        if os.path.exists(folder) and not os.path.isdir(folder):
            raise QgsProcessingException(self.tr("{param}: {path} is a file, not a folder.").format(
                param=param, path=folder))

    def prepare_folder(self, folder, param):
        """Create ``folder`` if needed and make sure files can be written in it."""
        self.check_folder_path(folder, param)
        try:
            os.makedirs(folder, exist_ok=True)
            with tempfile.TemporaryFile(dir=folder):
                pass
        except OSError as exc:
            raise QgsProcessingException(self.tr("{param}: files cannot be written in the folder {path} ({error}).")
                                         .format(param=param, path=folder, error=exc.strerror or exc)) from exc

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


def _number(value):
    """A parameter's limit as a planner writes it: 1990, not 1990.0."""
    return int(value) if float(value).is_integer() else value
