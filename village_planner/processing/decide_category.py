"""villageplanner:decidecategory: record the planner's decision for villages (batchable)."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core.classification import CATEGORIES, RulesError, load_rules
from ..core.i18n import N_
from ..qgis_adapter import settings
from ..store.classification import DecisionError, record_decisions, validate
from ..store.sqlite import StoreError
from .base import VillagePlannerAlgorithm
from .params import KeyedEnumParameter, enum_key

CHOICES = [("accept", N_("Accept the suggestion"))] + [(c, c) for c in CATEGORIES]


class DecideCategoryAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "decidecategory"
    GROUP = "classification"

    def displayName(self):
        return self.tr("Record village category decisions")

    def shortHelpString(self):
        return self.tr(
            "Records the planner's decision for the villages of a classification (its selected features, the "
            "listed village codes, or all): accept the suggestion or choose another category. Choosing another "
            "category needs a reason. Decisions are added to the history in the planning GeoPackage; older "
            "decisions are kept.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("PLANNING_DB", self.tr("Planning GeoPackage"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "CLASSIFICATION", self.tr("Village classification (output of Classify villages)"),
            [QgsProcessing.SourceType.TypeVector]))
        self.addParameter(QgsProcessingParameterString(
            "VILLAGE_CODES", self.tr("Village codes (comma separated; empty: selected features, or all)"),
            optional=True))
        try:
            names = load_rules()
        except RulesError:
            names = None
        self.addParameter(KeyedEnumParameter(
            "DECISION", self.tr("Decision"), [key for key, _ in CHOICES],
            [self.tr(label) if key == "accept" else (names.category_name(key) if names else key)
             for key, label in CHOICES], default="accept"))
        self.addParameter(QgsProcessingParameterString("REASON", self.tr("Reason (required to override)"),
                                                       optional=True, multiLine=True))
        self.addParameter(QgsProcessingParameterString("DECIDED_BY", self.tr("Planner"),
                                                       defaultValue=settings.read(settings.PLANNER_NAME)))
        self.addParameter(QgsProcessingParameterFile("RULES", self.tr("Classification rules (JSON; empty for the "
                                                                      "default)"), extension="json", optional=True))
        self.addOutput(QgsProcessingOutputNumber("RECORDED", self.tr("Decisions recorded")))

    def _decisions(self, parameters, context):
        """(decisions, rules) from the parameters; raises ValueError with a message for the planner."""
        layer = self.parameterAsVectorLayer(parameters, "CLASSIFICATION", context)
        if layer is None or layer.fields().indexOf("suggested_category") < 0:
            raise ValueError(self.tr("The classification layer must be an output of Classify villages."))
        codes_text = self.parameterAsString(parameters, "VILLAGE_CODES", context)
        choice = enum_key(self, parameters, "DECISION")
        reason = self.parameterAsString(parameters, "REASON", context)
        who = self.parameterAsString(parameters, "DECIDED_BY", context).strip()
        try:
            rules = load_rules(self.parameterAsFile(parameters, "RULES", context) or None)
        except RulesError as exc:
            raise ValueError(str(exc)) from None
        wanted = {c.strip() for c in codes_text.replace("，", ",").split(",") if c.strip()}
        feats = list(layer.getSelectedFeatures()) if (not wanted and layer.selectedFeatureCount()) else \
            list(layer.getFeatures())
        decisions = []
        for f in feats:
            code = str(f["village_code"])
            if wanted and code not in wanted:
                continue
            suggested = f["suggested_category"]
            decisions.append({
                "village_code": code, "village_name": f["village_name"], "suggested_category": suggested,
                "rule_id": f["rule_id"], "final_category": suggested if choice == "accept" else choice,
                "override_reason": reason, "decided_by": who, "explanation": f["explanation"]})
        missing = wanted - {d["village_code"] for d in decisions}
        if missing:
            raise ValueError(self.tr("Villages not in {layer}: {codes}").format(
                layer=layer.name(), codes=", ".join(sorted(missing))))
        if not decisions:
            raise ValueError(self.tr("No village to decide."))
        for d in decisions:
            try:
                validate(d, rules)
            except DecisionError as exc:
                raise ValueError(str(exc)) from None
        return decisions, rules, who

    def checkParameterValues(self, parameters, context):  # noqa: N802
        """Every decision is checked before anything is written; a refusal says why."""
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        try:
            self._decisions(parameters, context)
        except ValueError as exc:
            return False, str(exc)
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "PLANNING_DB", context)
        try:
            decisions, rules, who = self._decisions(parameters, context)
            ids = record_decisions(db, decisions, rules)
        except (ValueError, StoreError) as exc:
            raise QgsProcessingException(str(exc)) from None
        if who:
            settings.write(settings.PLANNER_NAME, who)
        for d in decisions:
            feedback.pushInfo("{} → {}".format(d["village_code"], d["final_category"]))
        return {"RECORDED": len(ids)}
