"""villageplanner:buildsubmission: one submission database per village, checked, with its report."""

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from ..core.crosswalk import planning_codes
from ..core.plan_check import load_plan_rules
from ..core.structure import load_rows
from ..core.submission import load_submission_schema
from ..qgis_adapter.layers import read_geometries, working_crs
from ..qgis_adapter.plan_layers import plan_check_inputs
from ..qgis_adapter.submission_build import SubmissionBuilder
from .base import VillagePlannerAlgorithm
from .params import KeyedEnumParameter, add_plan_inputs, enum_key, plan_inputs

CONTROL_LINES = ("BASIC_FARMLAND", "ECO_REDLINE", "DEV_BOUNDARY", "CONSTRUCTION_BOUNDARY")
FORMATS = ["gdb", "gpkg"]


class BuildSubmissionAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "buildsubmission"
    GROUP = "submission"

    def displayName(self):
        return self.tr("Build the submission databases")

    def shortHelpString(self):
        return self.tr(
            "Writes one submission database per village, <village code>_<village name>.gdb (a File Geodatabase "
            "that the bureaus' ArcGIS systems read) or .gpkg, with the structure of SCHEMA (the default follows "
            "common national practice; a province copies and edits it): the village zone, the planned and "
            "base-year land use in 2023 codes with BSM numbered from the village code, element codes, names "
            "filled from the codes and areas balanced to the village's control area (平差), the control lines "
            "clipped to the village, and the structure and indicator tables. Each database is then read back "
            "and checked as the bureau would (Check the village plans before submission); the report is written "
            "next to it. A database with errors is still written, marked not ready in its VP_META table and its "
            "report.")

    def initAlgorithm(self, config=None):
        add_plan_inputs(self)
        self.addParameter(KeyedEnumParameter("FORMAT", self.tr("Format"), FORMATS,
                                             [self.tr("File Geodatabase (.gdb)"), self.tr("GeoPackage (.gpkg)")],
                                             default="gdb"))
        self.addParameter(QgsProcessingParameterNumber(
            "TOLERANCE", self.tr("Largest difference to the control area that is balanced (m2)"),
            QgsProcessingParameterNumber.Type.Double, 10.0, False, 0.0))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputNumber("DATABASES", self.tr("Databases written")))
        self.addOutput(QgsProcessingOutputNumber("READY", self.tr("Databases ready for submission")))
        self.addOutput(QgsProcessingOutputNumber("NOT_READY", self.tr("Databases with errors")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Databases and reports (one per line)")))

    def processAlgorithm(self, parameters, context, feedback):
        layers, codes = plan_inputs(self, parameters, context)
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        self.check_folder_path(folder, "OUTPUT_FOLDER")
        with self.user_errors():
            schema = load_submission_schema(self.parameterAsFile(parameters, "SCHEMA", context) or None)
            rules = load_plan_rules(self.parameterAsFile(parameters, "RULES", context) or None)
            crs = working_crs(layers["PLANNED_LANDUSE"])
            feedback.pushInfo(self.tr("Reading the layers"))
            planned, zones, current, lines = plan_check_inputs(layers, crs, codes, feedback)
            control = {name: list(read_geometries(layers[name], crs)[1]) for name in CONTROL_LINES
                       if layers.get(name) is not None}
            self.prepare_folder(folder, "OUTPUT_FOLDER")  # only now: a refused run leaves no empty folder
            builder_inputs = self.input_files(parameters, context)
            builder = SubmissionBuilder(
                schema, rules, planning_codes(), load_rows(), enum_key(self, parameters, "FORMAT"), folder, crs,
                {"planned": planned, "current": current, "lines": control, "boundary_union": lines["boundary"]},
                self.parameterAsDouble(parameters, "TOLERANCE", context))
            builder.refuse_unsafe_targets(zones, builder_inputs)
            built = []
            for n, zone in enumerate(zones):
                if feedback.isCanceled():
                    break
                feedback.pushInfo(self.tr("Village {code} {name}").format(code=zone.code, name=zone.name))
                db = builder.build(zone)
                built.append(db)
                state = self.tr("ready") if db.ready else self.tr("NOT READY: {n} errors").format(n=db.errors)
                feedback.pushInfo("  {} ({})".format(db.path, state))
                self.report(db.findings, feedback)
                feedback.setProgress(100 * (n + 1) / max(len(zones), 1))
        errors = sum(db.errors for db in built)
        findings = sum(len(db.findings) for db in built)
        files = [p for db in built for p in (db.path, db.report)]
        return {"OUTPUT_FOLDER": folder, "DATABASES": len(built), "READY": sum(1 for db in built if db.ready),
                "NOT_READY": sum(1 for db in built if not db.ready), "ERRORS": errors,
                "WARNINGS": findings - errors, "FILES": "\n".join(files)}
