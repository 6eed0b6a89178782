"""Code conversion: survey codes to the 2023 classification, and 2020 trial codes to 2023."""

from collections import Counter

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)

from ..core.codes import village_code
from ..core.crosswalk import (
    SurveyCrosswalk,
    edition_evidence,
    migrate,
    migration_2020_rules,
    planning_codes,
    planning_codes_2020,
)
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.fields import find_field
from .base import VillagePlannerAlgorithm

# codes are attributes: a parcel with an invalid geometry is converted like any other
NO_CHECK = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks



class LandUseCrosswalkAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "landusecrosswalk"
    GROUP = "plan"

    def displayName(self):
        return self.tr("Convert survey codes to planning codes (2023)")

    def shortHelpString(self):
        return self.tr(
            "Gives every survey parcel (DLBM, CZCSXM) its code in the 2023 land and sea use classification, from "
            "the crosswalk file in resources/codes. Where a survey code maps to several planning codes, the parcel "
            "gets the most likely one, needs_split = 1 and the list of candidates, and the count of such parcels "
            "per village is reported; nothing is silently guessed.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", self.tr("Land parcels (DLTB)"),
                                                              [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Parcels in planning codes")))
        self.addParameter(QgsProcessingParameterFeatureSink("SUMMARY", self.tr("Parcels to be split per village"),
                                                            QgsProcessing.SourceType.TypeVector, optional=True,
                                                            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("NEEDS_SPLIT", self.tr("Parcels to be split")))
        self.addOutput(QgsProcessingOutputNumber("UNKNOWN", self.tr("Parcels with an unknown survey code")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        dlbm = find_field(source, ["DLBM"])
        if dlbm is None:
            raise QgsProcessingException(self.tr("Layer {layer} has no field {field} ({role}). Map the field in "
                                                 "Village Planner > Field mapping, or rename it.").format(
                layer=source.sourceName(), field="DLBM", role="land_class"))
        czcsxm = find_field(source, ["CZCSXM"])
        zldwdm = find_field(source, ["ZLDWDM"])
        cross = SurveyCrosswalk()
        names = planning_codes()
        fields = QgsFields(source.fields())
        fields.extend(fields_of([("plan_code", "text"), ("plan_name", "text"), ("needs_split", "int"),
                                 ("candidates", "text")]))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        per_village, unknown = Counter(), Counter()
        parcels = Counter()
        total = max(source.featureCount(), 1)
        for n, feat in enumerate(source.getFeatures(QgsFeatureRequest(), NO_CHECK)):
            if feedback.isCanceled():
                break
            code, split, candidates = cross.convert(feat[dlbm], feat[czcsxm] if czcsxm else "")
            village = village_code(feat[zldwdm]) if zldwdm else ""
            parcels[village] += 1
            if code is None:
                unknown[str(feat[dlbm])] += 1
            if split:
                per_village[village] += 1
            out = QgsFeature(fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(feat.attributes() + [code, names.get(code, {}).get("name_zh") if code else None,
                                                   int(split), "|".join(candidates) or None])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
            if n % 1000 == 0:
                feedback.setProgress(100 * n / total)
        for code, count in sorted(unknown.items()):
            feedback.pushWarning(self.tr("Survey code {code} is not in the crosswalk: {n} parcels left without a "
                                         "planning code.").format(code=code, n=count))
        for village, count in sorted(per_village.items()):
            feedback.pushInfo(self.tr("Village {code}: {n} parcels to be split").format(code=village or "-",
                                                                                       n=count))
        outputs = {"OUTPUT": dest, "NEEDS_SPLIT": sum(per_village.values()), "UNKNOWN": sum(unknown.values())}
        if parameters.get("SUMMARY"):
            sfields = fields_of([("village_code", "text"), ("parcels", "int"), ("needs_split", "int")])
            ssink, sdest = self.parameterAsSink(parameters, "SUMMARY", context, sfields, QgsWkbTypes.Type.NoGeometry)
            if ssink is not None:
                for village in sorted(parcels):
                    f = QgsFeature(sfields)
                    f.setAttributes([village, parcels[village], per_village.get(village, 0)])
                    ssink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
                outputs["SUMMARY"] = sdest
        return outputs


NAME_FIELDS = ("GHDLMC", "YDYHFLMC", "GHMC", "YDMC", "DLMC")
MAX_EVIDENCE = 8


class MigrateCodes2020Algorithm(VillagePlannerAlgorithm):
    ALG_ID = "migratecodes2020"
    GROUP = "plan"

    def displayName(self):
        return self.tr("Migrate planning codes from the 2020 trial edition to 2023")

    def shortHelpString(self):
        return self.tr("Converts a planning layer coded in the 2020 trial edition of the land and sea use "
                       "classification to the 2023 edition (for example 2302 field ridge becomes 2303), from the "
                       "table in resources/codes, and reports every changed code. A 2020 code with several 2023 "
                       "codes (1311 main canals) is flagged to be split. A layer already in 2023 codes (codes that "
                       "exist only in 2023, or 2023 names in its name field) is refused, so it is never migrated "
                       "twice.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", self.tr("Planning layer (2020 codes)")))
        self.addParameter(QgsProcessingParameterField("FIELD", self.tr("Code field"), parentLayerParameterName="INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterField("NAME_FIELD", self.tr("Name field (to recognise the edition)"),
                                                      parentLayerParameterName="INPUT", optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Planning layer (2023 codes)")))
        self.addOutput(QgsProcessingOutputNumber("CHANGED", self.tr("Features whose code changed")))
        self.addOutput(QgsProcessingOutputNumber("NEEDS_SPLIT", self.tr("Features to be split")))

    def _evidence_text(self, found, edition):
        parts = []
        codes = sorted(found["code"].items())
        if codes:
            items = ", ".join("{} ({})".format(c, n) for c, n in codes[:MAX_EVIDENCE])
            parts.append(self.tr("codes that exist only in the {edition} edition (features): {items}").format(
                edition=edition, items=items + (" ..." if len(codes) > MAX_EVIDENCE else "")))
        names = sorted(found["name"].items())
        if names:
            items = ", ".join("{} {} ({})".format(c, name, n) for (c, name), n in names[:MAX_EVIDENCE])
            parts.append(self.tr("names of the {edition} edition (features): {items}").format(
                edition=edition, items=items + (" ..." if len(names) > MAX_EVIDENCE else "")))
        return "; ".join(parts)

    def check_edition(self, source, field, name_field, feedback):
        """Refuse a layer already in 2023 codes (or mixing both editions); warn when nothing tells."""
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.Flag.NoGeometry)
        request.setSubsetOfAttributes([f for f in (field, name_field) if f], source.fields())
        counts = Counter()
        for feat in source.getFeatures(request, NO_CHECK):
            code = str(feat[field] or "").strip()
            name = str(feat[name_field] or "").strip() if name_field else ""
            counts[(code, name)] += 1
        found = edition_evidence(counts)
        has = {e: bool(found[e]["code"] or found[e]["name"]) for e in found}
        if has["2023"] and has["2020"]:
            raise QgsProcessingException(self.tr(
                "Layer {layer} mixes codes of the 2020 and 2023 editions, so it cannot be migrated as a whole. "
                "2023 edition: {e2023}. 2020 edition: {e2020}. Nothing was written; correct the features of one "
                "edition first.").format(layer=source.sourceName(), e2023=self._evidence_text(found["2023"], "2023"),
                                         e2020=self._evidence_text(found["2020"], "2020")))
        if has["2023"]:
            raise QgsProcessingException(self.tr(
                "Layer {layer} is already coded in the 2023 edition: {evidence}. Migrating it again would change "
                "codes that are right (2303 field ridge would become 060102 field road). Nothing was written.").format(
                layer=source.sourceName(), evidence=self._evidence_text(found["2023"], "2023")))
        if has["2020"]:
            feedback.pushInfo(self.tr("Layer {layer} is coded in the 2020 edition: {evidence}.").format(
                layer=source.sourceName(), evidence=self._evidence_text(found["2020"], "2020")))
        else:
            table = migration_2020_rules()
            ambiguous = sorted({c for c, _ in counts if c in table})
            if ambiguous:
                feedback.pushWarning(self.tr(
                    "No code or name of {layer} tells which edition it is in; it is migrated as the 2020 edition, "
                    "as asked. Check these codes, whose meaning differs between the editions: {codes}.").format(
                    layer=source.sourceName(), codes=", ".join(ambiguous)))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        field = self.parameterAsString(parameters, "FIELD", context) or find_field(source, ["GHDLBM", "GHDM", "YDDM",
                                                                                         "DLBM"])
        if not field:
            raise QgsProcessingException(self.tr("Choose the code field of {layer}.").format(
                layer=source.sourceName()))
        name_field = self.parameterAsString(parameters, "NAME_FIELD", context) or find_field(source, NAME_FIELDS)
        self.check_edition(source, field, name_field, feedback)
        rules = migration_2020_rules()
        names_2020, names_2023 = planning_codes_2020(), planning_codes()
        fields = QgsFields(source.fields())
        fields.extend(fields_of([("code_2023", "text"), ("code_changed", "int"), ("name_2023", "text"),
                                 ("needs_split", "int"), ("candidates", "text")]))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        changes, renamed, split = Counter(), Counter(), 0
        for feat in source.getFeatures(QgsFeatureRequest(), NO_CHECK):
            if feedback.isCanceled():
                break
            old = str(feat[field] or "").strip()
            new, needs_split, candidates = migrate(old, rules)
            if new != old:
                changes[(old, new)] += 1
            elif old in rules:
                renamed[old] += 1
            split += int(needs_split)
            out = QgsFeature(fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(feat.attributes() + [new, int(new != old), names_2023.get(new, {}).get("name_zh"),
                                                   int(needs_split), "|".join(candidates) or None])
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        for (old, new), count in sorted(changes.items()):
            feedback.pushInfo(self.tr("{old} → {new}: {n} features").format(old=old, new=new, n=count))
        for code, count in sorted(renamed.items()):
            feedback.pushInfo(self.tr("{code}: {old} is called {new} in 2023: {n} features").format(
                code=code, old=names_2020.get(code, {}).get("name_zh", ""),
                new=names_2023.get(code, {}).get("name_zh", ""), n=count))
        if split:
            feedback.pushWarning(self.tr("{n} features are to be split: their 2020 code has several 2023 codes "
                                         "(see the candidates field).").format(n=split))
        return {"OUTPUT": dest, "CHANGED": sum(changes.values()), "NEEDS_SPLIT": split}
