"""villageplanner:classifyvillages: suggest and explain each village's category."""

import json

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ..core.classification import RulesError, county_summary, load_rules
from ..qgis_adapter.classification import classify_layer
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.settings import planning_db
from ..store.classification import current_decisions
from .base import VillagePlannerAlgorithm

S, D, I = "text", "float", "int"  # noqa: E741
OUTPUT_FIELDS = [
    ("village_code", S), ("village_name", S), ("town", S), ("suggested_category", S),
    ("suggested_category_zh", S), ("rule_id", S), ("explanation", S), ("missing", S), ("final_category", S),
    ("final_category_zh", S), ("decided_by", S), ("decided_at", S), ("override_reason", S),
    ("previous_suggestion", S), ("suggestion_changed", I), ("heritage", S), ("hazard_points", D),
    ("redline_share", D), ("resident_ratio", D), ("resident_pop", D), ("dev_share", D), ("dev_distance_m", D),
    ("rules_hash", S),
]


def output_fields():
    return fields_of(OUTPUT_FIELDS)


class ClassifyVillagesAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "classifyvillages"
    GROUP = "classification"

    def displayName(self):
        return self.tr("Classify villages (suggest and explain)")

    def shortHelpString(self):
        return self.tr(
            "Suggests each village's category (agglomeration and upgrading, suburban integration, characteristic "
            "protection, relocation and merger, or not yet classified) from its ledger, with the ordered rules of "
            "a county-editable rule file. Every suggestion names its rule and the village's own figures. Decided "
            "categories come from the planning GeoPackage and are never changed by a new run; villages whose "
            "suggestion differs from the one that was decided are marked.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterVectorLayer("LEDGER", self.tr("Resource ledger (layer or table)"),
                                                            [QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "DEV_BOUNDARY", self.tr("Urban development boundary (CZKFBJ)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFile("RULES", self.tr("Classification rules (JSON; empty for the "
                                                                      "default)"), extension="json", optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PLANNING_DB", self.tr("Planning GeoPackage with decisions (optional; the project's by default)"),
            extension="gpkg", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Village classification")))
        self.add_report_output(self.tr("County summary"))
        self.addOutput(QgsProcessingOutputNumber("CHANGED", self.tr("Villages whose suggestion changed")))
        self.addOutput(QgsProcessingOutputString("SUMMARY", self.tr("County summary (JSON)")))

    def processAlgorithm(self, parameters, context, feedback):
        ledger = self.parameterAsVectorLayer(parameters, "LEDGER", context)
        boundary = self.parameterAsVectorLayer(parameters, "DEV_BOUNDARY", context)
        try:
            rules = load_rules(self.parameterAsFile(parameters, "RULES", context) or None)
        except RulesError as exc:
            raise QgsProcessingException(str(exc)) from exc
        db = self.parameterAsFile(parameters, "PLANNING_DB", context) or planning_db(context.project())
        with self.user_errors():
            results = classify_layer(ledger, rules, boundary, current_decisions(db) if db else {})
        polygons = ledger.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, output_fields(),
                                          QgsWkbTypes.Type.MultiPolygon if polygons else QgsWkbTypes.Type.NoGeometry,
                                          ledger.crs())
        changed = 0
        for n, village in enumerate(results):
            feat, s, row, decision = village.feature, village.suggestion, village.record, village.decision
            if feedback.isCanceled():
                break
            f = s.figures
            previous = decision.get("suggested_category") if decision else None
            is_changed = int(bool(decision) and previous != s.category)
            changed += is_changed
            values = {
                "village_code": s.village_code, "village_name": row.get("village_name"), "town": row.get("town"),
                "suggested_category": s.category, "suggested_category_zh": rules.category_name(s.category, "zh"),
                "rule_id": s.rule_id, "explanation": s.explanation, "missing": ",".join(s.missing),
                "final_category": decision["final_category"] if decision else None,
                "final_category_zh": rules.category_name(decision["final_category"], "zh") if decision else None,
                "decided_by": decision["decided_by"] if decision else None,
                "decided_at": decision["decided_at"] if decision else None,
                "override_reason": decision["override_reason"] if decision else None,
                "previous_suggestion": previous, "suggestion_changed": is_changed,
                "heritage": f.get("heritage"), "hazard_points": f.get("hazard_points"),
                "redline_share": f.get("redline_share"), "resident_ratio": f.get("resident_ratio"),
                "resident_pop": f.get("resident_pop"), "dev_share": f.get("dev_share"),
                "dev_distance_m": f.get("dev_distance_m"), "rules_hash": rules.content_hash,
            }
            out = QgsFeature()
            out.setAttributes([values[name] for name, _ in OUTPUT_FIELDS])
            if polygons and feat.hasGeometry():
                geom = feat.geometry()
                geom.convertToMultiType()
                out.setGeometry(geom)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            feedback.pushInfo("{} {}: {}".format(s.village_code, row.get("village_name") or "", s.explanation))
            if is_changed:
                feedback.pushWarning(self.tr("Village {code}: the suggestion is now {new} (it was {old} when the "
                                             "category {final} was decided); the decision is kept.").format(
                    code=s.village_code, new=s.category, old=previous, final=decision["final_category"]))
            feedback.setProgress(100 * (n + 1) / max(len(results), 1))
        summary = county_summary([v.suggestion for v in results], rules)
        feedback.pushInfo(self.tr("County summary (suggestions):"))
        for r in summary:
            feedback.pushInfo("  {name}: {count} ({share:.1f}%), {ref}".format(
                name=r["name"], count=r["count"], share=r["share"],
                ref=self.tr("national reference {ref}").format(ref=r["reference"]) if r["reference"] else ""))
        outputs = {"OUTPUT": dest, "CHANGED": changed, "SUMMARY": json.dumps(summary, ensure_ascii=False)}
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            from ..core.classification_report import write_summary_html

            outputs["OUTPUT_HTML"] = write_summary_html(html, rules, results_rows(results, rules), summary)
        return outputs


def results_rows(results, rules):
    rows = []
    for village in results:
        s, row, decision = village.suggestion, village.record, village.decision
        rows.append({"village_code": s.village_code, "village_name": row.get("village_name") or "",
                     "town": row.get("town") or "", "suggested": rules.category_name(s.category),
                     "final": rules.category_name(decision["final_category"]) if decision else "",
                     "rule_id": s.rule_id, "explanation": s.explanation})
    return rows
