"""villageplanner:resourceledger: the "4+2" resource baseline ledger per village."""

import sqlite3

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ..core.field import HOMESTEAD_COLUMNS
from ..core.ledger import COLUMNS
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.field_database import field_store
from ..qgis_adapter.ledger_job import JobError, run_ledger
from ..qgis_adapter.progress import Cancelled
from ..qgis_adapter.settings import planning_db
from ..store.snapshots import save_snapshot
from ..store.sqlite import StoreError
from .base import VillagePlannerAlgorithm
from .params import add_layer_params, layers_from, stats_source


def ledger_fields():
    return fields_of(COLUMNS)


def _cell(value, kind):
    if value is None:
        return None
    try:
        if value != value:
            return None
    except TypeError:
        pass
    if kind == "int":
        return int(value)
    if kind in ("ha", "float"):
        return float(value)
    return str(value)


class ResourceLedgerAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "resourceledger"
    GROUP = "ledger"

    def displayName(self):
        return self.tr("Build resource baseline ledger (4+2)")

    def shortHelpString(self):
        return self.tr(
            "Builds the 4+2 resource baseline ledger of every village from the land survey parcels: "
            "cultivated, ecological, construction and other land (official survey areas, hectares), with "
            "shares inside permanent basic farmland, the ecological red line and the urban development "
            "boundary, plus population, households, industry and heritage from the village statistics. "
            "Parcels whose village cannot be found go to an explicit 'unassigned' row.")

    def initAlgorithm(self, config=None):
        add_layer_params(self)
        self.addParameter(QgsProcessingParameterVectorLayer(
            "VILLAGE_STATS", self.tr("Village statistics (table layer, or CSV/XLSX file)"),
            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", self.tr("Ledger profile (JSON; empty for the default)"),
            extension="json", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "SURVEY_YEAR", self.tr("Survey year"), QgsProcessingParameterNumber.Type.Integer, 2023, True, 1990, 2100))
        self.addParameter(QgsProcessingParameterNumber(
            "CHANGE_SURVEY_YEAR", self.tr("Change survey year (when the parcels are a yearly change survey)"),
            QgsProcessingParameterNumber.Type.Integer, None, True, 1990, 2100))
        self.addParameter(QgsProcessingParameterFile(
            "PLANNING_DB", self.tr("Planning GeoPackage for the snapshot (optional; the project's by default)"),
            extension="gpkg", optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SNAPSHOT_LABEL", self.tr("Snapshot label"), optional=True))
        self.addParameter(QgsProcessingParameterString(
            "SURVEY_DB", self.tr("Field survey database for the homestead figures (optional: a GeoPackage or "
                                 "connection:NAME; the planning GeoPackage by default)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Resource ledger")))
        self.add_workbook_output(self.tr("Ledger workbook"))
        self.add_report_output(self.tr("Ledger report"))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES_COUNT", self.tr("Villages")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber("SNAPSHOT_ID", self.tr("Snapshot id")))

    def homesteads(self, parameters, context, feedback):
        """The homestead figures of the field survey: in SURVEY_DB (GeoPackage or the team's PostGIS), else in
        the planning GeoPackage; {} when there is none yet."""
        survey = self.parameterAsString(parameters, "SURVEY_DB", context).strip()
        text = survey or self.parameterAsFile(parameters, "PLANNING_DB", context) or planning_db(context.project())
        if not text:
            return {}
        store = field_store(text, "SURVEY_DB" if survey else "PLANNING_DB")
        if store.kind == "gpkg" and not store.exists():
            if survey:
                raise QgsProcessingException(self.tr("SURVEY_DB: {path} does not exist.").format(path=text))
            return {}
        figures = store.homestead_figures()
        if survey and not figures:
            feedback.pushWarning(self.tr("SURVEY_DB: {path} has no verified homesteads yet; the ledger has no "
                                         "homestead figures.").format(path=store.label))
        return figures

    def processAlgorithm(self, parameters, context, feedback):
        layers = layers_from(self, parameters, context)
        if layers["parcels"] is None:
            raise QgsProcessingException(self.tr("The parcel layer (PARCELS) is required."))
        year = parameters.get("SURVEY_YEAR")
        year = self.parameterAsInt(parameters, "SURVEY_YEAR", context) if year not in (None, "") else None
        with self.user_errors():  # read before the ledger is built: a wrong SURVEY_DB costs nothing
            homesteads = self.homesteads(parameters, context, feedback)
        try:
            result, village_geoms, crs = run_ledger(
                layers, stats_source(self, parameters, context),
                self.parameterAsFile(parameters, "PROFILE", context) or None, year, feedback, context.project())
        except JobError as exc:
            self.report(getattr(exc, "findings", []), feedback)
            raise QgsProcessingException(str(exc)) from exc
        except Cancelled:
            raise QgsProcessingException(self.tr("Cancelled.")) from None
        self.report(result.findings, feedback)
        change_year = parameters.get("CHANGE_SURVEY_YEAR")
        result.meta["change_survey_year"] = self.parameterAsInt(parameters, "CHANGE_SURVEY_YEAR", context) \
            if change_year not in (None, "") else None

        with_geom = layers["villages"] is not None
        fields = ledger_fields()
        # field verification: homestead figures as extra fields when the planning database has a survey
        if homesteads:
            result.meta["homesteads"] = homesteads
            for field in fields_of(HOMESTEAD_COLUMNS):
                fields.append(field)
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, fields,
            QgsWkbTypes.Type.MultiPolygon if with_geom else QgsWkbTypes.Type.NoGeometry, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        for _, rec in result.table.iterrows():
            feat = QgsFeature()
            values = [_cell(rec[name], kind) for name, kind in COLUMNS]
            if homesteads:
                figures = homesteads.get(rec["village_code"], {})
                values += [figures.get(name, 0) for name, _ in HOMESTEAD_COLUMNS]
            feat.setAttributes(values)
            geom = village_geoms.get(rec["village_code"]) if with_geom else None
            if geom is not None:
                qg = QgsGeometry()
                qg.fromWkb(geom.wkb)
                qg.convertToMultiType()
                feat.setGeometry(qg)
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        outputs = {"OUTPUT": dest, "VILLAGES_COUNT": int((result.table["unassigned"] == 0).sum()),
                   "WARNINGS": len(result.findings.warnings)}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.ledger_export import write_workbook

            outputs["OUTPUT_XLSX"] = write_workbook(result, xlsx)
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            from ..core.ledger_export import write_html

            outputs["OUTPUT_HTML"] = write_html(result, html)
        db = self.parameterAsFile(parameters, "PLANNING_DB", context) or planning_db(context.project())
        if db:
            try:
                outputs["SNAPSHOT_ID"] = save_snapshot(
                    db, result, self.parameterAsString(parameters, "SNAPSHOT_LABEL", context))
            except (StoreError, OSError, sqlite3.Error) as exc:
                raise QgsProcessingException(self.tr("The snapshot could not be stored in {path}: {error}").format(
                    path=db, error=exc)) from exc
            feedback.pushInfo(self.tr("Snapshot {id} stored in {path}").format(id=outputs["SNAPSHOT_ID"], path=db))
        feedback.setProgress(100)
        feedback.pushInfo(self.tr("Ledger of {n} villages built; {w} warnings.").format(
            n=outputs["VILLAGES_COUNT"], w=outputs["WARNINGS"]))
        return outputs
