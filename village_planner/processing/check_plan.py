"""villageplanner:checkplan: the pre-submission quality check of the village plans (质检)."""

import shapely
from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from ..core.crosswalk import planning_codes
from ..core.plan_check import check_layer_schema, check_plan, load_plan_rules, summary
from ..core.plan_report import write_check_html, write_check_workbook
from ..core.submission import load_submission_schema
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.layers import working_crs
from ..qgis_adapter.plan_layers import plan_check_inputs
from .base import VillagePlannerAlgorithm
from .params import add_plan_inputs, plan_inputs

FINDING_FIELDS = [("rule", "text"), ("severity", "text"), ("layer", "text"), ("feature_id", "long"),
                  ("field", "text"), ("message", "text")]


def finding_geometry(wkb):
    """The finding's location as a (multi)polygon for the findings layer; None when it has no area."""
    if not wkb:
        return None
    geom = shapely.from_wkb(wkb)
    polygons = [p for p in shapely.get_parts(geom) if shapely.get_type_id(p) in (3, 6) and shapely.area(p) > 0]
    if not polygons:
        return None
    out = QgsGeometry()
    out.fromWkb(shapely.to_wkb(shapely.multipolygons(
        [q for p in polygons for q in shapely.get_parts(p)])))
    return out


def write_finding_features(sink, findings):
    for f in findings:
        feat = QgsFeature()
        feat.setAttributes([f.code, f.severity, f.layer, f.feature_id, f.field, f.message])
        geom = finding_geometry(f.extra.get("wkb"))
        if geom is not None:
            feat.setGeometry(geom)
        sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)


def schema_findings(rules, schema, planned_layer):
    """Schema rules on the planned layer when it is already in the submission database's form."""
    layer_def = schema.layer_for("PLANNED_LANDUSE")
    names = {f.name() for f in planned_layer.fields()}
    if layer_def is None or sum(f["name"] in names for f in layer_def["fields"]) * 2 < len(layer_def["fields"]):
        return []
    from ..qgis_adapter.submission_db import layer_field_kinds, layer_rows

    return check_layer_schema(rules, layer_def, layer_field_kinds(planned_layer), layer_rows(planned_layer),
                              planned_layer.name())


class CheckPlanAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "checkplan"
    GROUP = "submission"

    def displayName(self):
        return self.tr("Check the village plans before submission")

    def shortHelpString(self):
        return self.tr(
            "The bureau's quality check before a plan is filed: legal 2023 land and sea use codes whose names "
            "match; no overlaps, gaps, parts outside the village zone, multipart, sliver or self-intersecting "
            "parcels; areas equal to the ellipsoidal areas and summing to each village's control area; no "
            "planned construction land on permanent basic farmland or the ecological red line; village "
            "construction land inside the village construction boundary; with the base-year land use, no loss "
            "of cultivated land or of cultivated land inside basic farmland, and a warning where village "
            "construction land grows. When the planned layer is already in the submission database's form "
            "(SCHEMA), its fields, types, lengths, required values and BSM are checked too. Severities, wording "
            "and tolerances are a county-editable file (RULES). Each finding names its rule, layer, feature "
            "and field, and its geometry shows where the problem is.")

    def initAlgorithm(self, config=None):
        add_plan_inputs(self)
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Quality-check findings")))
        self.add_workbook_output(self.tr("Quality-check workbook"))
        self.add_report_output(self.tr("Quality-check report"))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", self.tr("Warnings")))

    def processAlgorithm(self, parameters, context, feedback):
        layers, codes = plan_inputs(self, parameters, context)
        with self.user_errors():
            rules = load_plan_rules(self.parameterAsFile(parameters, "RULES", context) or None)
            schema = load_submission_schema(self.parameterAsFile(parameters, "SCHEMA", context) or None)
            crs = working_crs(layers["PLANNED_LANDUSE"])
            feedback.pushInfo(self.tr("Reading the layers"))
            planned, zones, current, lines = plan_check_inputs(layers, crs, codes, feedback)
            feedback.setProgress(40)
            feedback.pushInfo(self.tr("Checking {n} parcels of {v} villages").format(
                n=len(planned.frame), v=len(zones)))
            findings = check_plan(planned, zones, rules, planning_codes(), current, lines["farmland"],
                                  lines["redline"], lines["boundary"])
            findings.extend(schema_findings(rules, schema, layers["PLANNED_LANDUSE"]))
        feedback.setProgress(80)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields_of(FINDING_FIELDS),
                                          QgsWkbTypes.Type.MultiPolygon, crs)
        if sink is None:
            raise self.sink_error(parameters, "OUTPUT")
        write_finding_features(sink, findings)
        errors, warnings, counts = summary(findings)
        outputs = {"OUTPUT": dest, "ERRORS": errors, "WARNINGS": warnings}
        title = ", ".join(sorted(codes)) if codes else ""
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            outputs["OUTPUT_XLSX"] = write_check_workbook(xlsx, findings, rules, title)
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            outputs["OUTPUT_HTML"] = write_check_html(html, findings, rules, title)
        for rule, n in sorted(counts.items()):
            feedback.pushInfo("{} ({}): {}".format(rules.label(rule), rule, n))
        self.report(findings, feedback)
        feedback.pushInfo(self.tr("{e} errors, {w} warnings").format(e=errors, w=warnings))
        return outputs
