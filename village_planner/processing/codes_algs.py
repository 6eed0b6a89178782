"""Code conversion: survey codes to the 2023 classification, and 2020 trial codes to 2023."""

from collections import Counter

from qgis.core import (
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..core.codes import village_code
from ..core.crosswalk import SurveyCrosswalk, migrate_code, migration_2020, planning_codes
from ..qgis_adapter.fields import find_field
from .base import VillagePlannerAlgorithm

# codes are attributes: a parcel with an invalid geometry is converted like any other
NO_CHECK = QgsProcessingFeatureSource.FlagSkipGeometryValidityChecks



class LandUseCrosswalkAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "landusecrosswalk"

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
                                                              [QgsProcessing.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Parcels in planning codes")))
        self.addParameter(QgsProcessingParameterFeatureSink("SUMMARY", self.tr("Parcels to be split per village"),
                                                            QgsProcessing.TypeVector, optional=True,
                                                            createByDefault=False))
        self.addOutput(QgsProcessingOutputNumber("NEEDS_SPLIT", self.tr("Parcels to be split")))
        self.addOutput(QgsProcessingOutputNumber("UNKNOWN", self.tr("Parcels with an unknown survey code")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        dlbm = find_field(source, ["DLBM"])
        if dlbm is None:
            from qgis.core import QgsProcessingException

            raise QgsProcessingException(self.tr("Layer {layer} has no field {field} ({role}). Map the field in "
                                                 "Village Planner > Field mapping, or rename it.").format(
                layer=source.sourceName(), field="DLBM", role="land_class"))
        czcsxm = find_field(source, ["CZCSXM"])
        zldwdm = find_field(source, ["ZLDWDM"])
        cross = SurveyCrosswalk()
        names = planning_codes()
        fields = QgsFields(source.fields())
        for name, qtype in (("plan_code", QVariant.String), ("plan_name", QVariant.String),
                            ("needs_split", QVariant.Int), ("candidates", QVariant.String)):
            fields.append(QgsField(name, qtype))
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
            sink.addFeature(out, QgsFeatureSink.FastInsert)
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
            sfields = QgsFields()
            for name, qtype in (("village_code", QVariant.String), ("parcels", QVariant.Int),
                                ("needs_split", QVariant.Int)):
                sfields.append(QgsField(name, qtype))
            ssink, sdest = self.parameterAsSink(parameters, "SUMMARY", context, sfields, QgsWkbTypes.NoGeometry)
            if ssink is not None:
                for village in sorted(parcels):
                    f = QgsFeature(sfields)
                    f.setAttributes([village, parcels[village], per_village.get(village, 0)])
                    ssink.addFeature(f, QgsFeatureSink.FastInsert)
                outputs["SUMMARY"] = sdest
        return outputs


class MigrateCodes2020Algorithm(VillagePlannerAlgorithm):
    ALG_ID = "migratecodes2020"

    def displayName(self):
        return self.tr("Migrate planning codes from the 2020 trial edition to 2023")

    def shortHelpString(self):
        return self.tr("Converts a planning layer coded in the 2020 trial edition of the land and sea use "
                       "classification to the 2023 edition (for example 2302 field ridge becomes 2303), from the "
                       "table in resources/codes, and reports every changed code.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource("INPUT", self.tr("Planning layer (2020 codes)")))
        self.addParameter(QgsProcessingParameterField("FIELD", self.tr("Code field"), parentLayerParameterName="INPUT",
                                                      optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Planning layer (2023 codes)")))
        self.addOutput(QgsProcessingOutputNumber("CHANGED", self.tr("Features whose code changed")))

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        field = self.parameterAsString(parameters, "FIELD", context) or find_field(source, ["GHDLBM", "GHDM", "YDDM",
                                                                                         "DLBM"])
        if not field:
            from qgis.core import QgsProcessingException

            raise QgsProcessingException(self.tr("Choose the code field of {layer}.").format(
                layer=source.sourceName()))
        table = migration_2020()
        fields = QgsFields(source.fields())
        fields.append(QgsField("code_2023", QVariant.String))
        fields.append(QgsField("code_changed", QVariant.Int))
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(),
                                          source.sourceCrs())
        changes = Counter()
        for feat in source.getFeatures(QgsFeatureRequest(), NO_CHECK):
            old = str(feat[field] or "").strip()
            new = migrate_code(old, table)
            if new != old:
                changes[(old, new)] += 1
            out = QgsFeature(fields)
            out.setGeometry(feat.geometry())
            out.setAttributes(feat.attributes() + [new, int(new != old)])
            sink.addFeature(out, QgsFeatureSink.FastInsert)
        for (old, new), count in sorted(changes.items()):
            feedback.pushInfo(self.tr("{old} → {new}: {n} features").format(old=old, new=new, n=count))
        return {"OUTPUT": dest, "CHANGED": sum(changes.values())}
