"""Merge field package: a package's edits back into the planning database, by uuid, never losing an edit."""

import os
import tempfile

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import field as fc
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.field_database import field_store
from ..qgis_adapter.sinks import add_rows
from ..store import field_store as fs
from .base import VillagePlannerAlgorithm

FORMS, PACKAGE_GPKG = fc.FORMS, fc.PACKAGE_GPKG

LAST_MERGE = {}  # the last merge run in this QGIS session: database text, package, package id, conflicts


class FieldMergeAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "fieldmerge"
    GROUP = "field"
    CREATED_FILES = ()

    def displayName(self):
        return self.tr("Merge field package")

    def shortHelpString(self):
        return self.tr(
            "Merges a field package (its folder, or the folder zipped) back into the planning database it was made "
            "from, in one transaction, by each row's uuid. A row changed in the field is applied when the database "
            "row still has the version it had when the package was made; a row changed on both sides, or deleted "
            "in the field and changed in the office, is a conflict: nothing is overwritten and the report lists "
            "both versions field by field. Photos are copied once into the database's attachment folder. A package "
            "merged before, or made from another database, is refused. Every merge is recorded.")

    def initAlgorithm(self, config=None):
        # a folder or a .zip: a file parameter accepts only one of the two
        self.addParameter(QgsProcessingParameterString("PACKAGE", self.tr("Field package (folder or .zip)")))
        self.addParameter(QgsProcessingParameterString("DATABASE", self.tr(
            "Planning database (.gpkg, PostgreSQL connection string or connection:NAME)")))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT_REPORT", self.tr("Merge report"),
                                                            optional=True, createByDefault=True))
        self.add_workbook_output(self.tr("Merge report workbook"))
        self.addOutput(QgsProcessingOutputNumber("APPLIED", self.tr("Rows applied")))
        self.addOutput(QgsProcessingOutputNumber("CONFLICTS", self.tr("Conflicts")))
        self.addOutput(QgsProcessingOutputNumber("SKIPPED", self.tr("Rows skipped (see the report)")))

    def processAlgorithm(self, parameters, context, feedback):
        with self.user_errors():
            return self.execute(parameters, context, feedback)

    def execute(self, parameters, context, feedback):
        store = field_store(self.parameterAsString(parameters, "DATABASE", context))
        if store.kind == "gpkg" and not store.exists():
            raise QgsProcessingException(self.tr("DATABASE: the file {path} does not exist.").format(path=store.path))
        forms = fc.load_forms(FORMS)
        with tempfile.TemporaryDirectory(prefix="vp_field_") as work:
            folder = fc.package_folder(self.parameterAsString(parameters, "PACKAGE", context).strip(), work)
            manifest, manifest_hash = fc.read_manifest(folder)
            fc.check_manifest(manifest)
            rows = fs.read_package_layers(os.path.join(folder, PACKAGE_GPKG), forms, manifest["package_id"])
            actions = store.merge(forms, manifest, manifest_hash, rows, folder)
        report = fc.report_rows(actions)
        n = fc.counts(actions)
        LAST_MERGE.clear()  # for the menu entry, which opens the conflict dialog after a merge with conflicts
        LAST_MERGE.update(database=self.parameterAsString(parameters, "DATABASE", context),
                          package=self.parameterAsString(parameters, "PACKAGE", context).strip(),
                          package_id=manifest["package_id"], conflicts=n[fc.CONFLICT])
        applied = n[fc.INSERT] + n[fc.UPDATE] + n[fc.DELETE]
        outputs = {"APPLIED": applied, "CONFLICTS": n[fc.CONFLICT], "SKIPPED": n[fc.SKIPPED]}
        if parameters.get("OUTPUT_REPORT") is not None:
            sink, dest = self.parameterAsSink(parameters, "OUTPUT_REPORT", context, fields_of(fc.REPORT_FIELDS),
                                              QgsWkbTypes.Type.NoGeometry)
            if sink is None:
                raise self.sink_error(parameters, "OUTPUT_REPORT")
            add_rows(sink, fc.REPORT_FIELDS, report)
            outputs["OUTPUT_REPORT"] = dest
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            write_report_workbook(xlsx, report)
            outputs["OUTPUT_XLSX"] = xlsx
        feedback.pushInfo(self.tr("Merged package {id}: {i} inserted, {u} updated, {d} deleted, {c} conflicts.")
                          .format(id=manifest["package_id"], i=n[fc.INSERT], u=n[fc.UPDATE], d=n[fc.DELETE],
                                  c=n[fc.CONFLICT]))
        for row in report:
            if row["action"] == fc.SKIPPED:
                feedback.pushWarning(self.tr("Skipped in {layer} {uuid}: {reason}").format(
                    layer=row["layer"], uuid=row["uuid"], reason=row["reason"]))
            if row["action"] == fc.CONFLICT:
                feedback.pushWarning(self.tr("Conflict in {layer} {uuid}: {reason}. Field: {field}; office: {office}")
                                     .format(layer=row["layer"], uuid=row["uuid"], reason=row["reason"],
                                             field=row["field_values"], office=row["office_values"]))
        return outputs


def write_report_workbook(path, report):
    from openpyxl import Workbook

    from ..core.workbook import save_workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "merge"
    names = [n for n, _ in fc.REPORT_FIELDS]
    ws.append(names)
    for row in report:
        ws.append([row.get(n) for n in names])
    save_workbook(wb, path)
