"""villageplanner:checklayers: the data checker as an algorithm."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsWkbTypes,
)

from ..core.issues import FindingList
from ..core.ledger import DEFAULT_FIELD_NAMES, parcel_areas, village_codes
from ..qgis_adapter.checker import check_sources, repair_geometries
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.layers import layer_label, read_attributes, readable_layers, working_crs
from ..qgis_adapter.ledger_job import parcel_columns
from .base import VillagePlannerAlgorithm
from .params import add_layer_params, layers_from

FINDING_FIELDS = ("severity", "code", "layer", "feature_id", "field", "message")


def findings_fields():
    return fields_of([(name, "text") for name in FINDING_FIELDS])


def write_findings(sink, findings):
    for f in findings:
        feat = QgsFeature()
        row = f.as_row()
        feat.setAttributes([row[k] for k in FINDING_FIELDS])
        sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)


class CheckLayersAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "checklayers"
    GROUP = "check"

    def displayName(self):
        return self.tr("Check survey layers")

    def shortHelpString(self):
        return self.tr(
            "Checks the county's survey layers before a long job: missing fields, CRS mismatches, invalid "
            "geometries (with feature ids), duplicate village codes and parcels without a village. "
            "ERROR items stop the plugin's jobs; WARNING items are reported and the jobs go on.")

    def initAlgorithm(self, config=None):
        add_layer_params(self)
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Data problems")))
        self.addOutput(QgsProcessingOutputNumber("ERRORS", self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber("WARNINGS", self.tr("Warnings")))

    def processAlgorithm(self, parameters, context, feedback):
        layers = layers_from(self, parameters, context)
        findings = FindingList()
        layers = readable_layers(layers, findings)
        findings, fieldmaps = check_sources(layers, context.project(), findings)
        parcels = layers["parcels"]
        if not findings.has_errors():
            crs = working_crs(parcels)
            pf = fieldmaps["parcels"]
            columns = parcel_columns(pf, ("zldwdm", "parcel_area", "deducted_area", "net_area"))
            frame, geoms = read_attributes(parcels, columns, feedback, with_geometry=True, target_crs=crs)
            parcel_areas(frame, {**DEFAULT_FIELD_NAMES, **columns}, layer_label(parcels), findings)
            repair_geometries(layer_label(parcels), frame["fid"].to_numpy(), geoms, findings)
            codes = village_codes(frame["zldwdm"])
            known = None
            if layers["villages"] is not None:
                vframe, _ = read_attributes(layers["villages"], {"c": fieldmaps["villages"]["village_code"]})
                known = set(village_codes(vframe["c"]).dropna())
            orphan = codes.isna() if known is None else ~codes.isin(known)
            if orphan.any():
                ids = frame.loc[orphan, "fid"].tolist()
                findings.warning(
                    self.tr("{n} parcels have no matching village. Features: {ids}").format(
                        n=len(ids), ids=", ".join(str(i) for i in ids[:20])),
                    layer=layer_label(parcels), feature_id=ids[0], field=pf["village_code"],
                    code="parcel_without_village")
            for kind in ("villages", "basic_farmland", "eco_redline", "dev_boundary"):
                layer = layers.get(kind)
                if layer is not None:
                    f2, g2 = read_attributes(layer, {}, None, with_geometry=True, target_crs=crs)
                    repair_geometries(layer_label(layer), f2["fid"].to_numpy(), g2, findings)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, findings_fields(),
                                          QgsWkbTypes.Type.NoGeometry, parcels.crs() if parcels else None)
        write_findings(sink, findings)
        self.report(findings, feedback)
        feedback.pushInfo(self.tr("{e} errors, {w} warnings").format(
            e=len(findings.errors), w=len(findings.warnings)))
        return {"OUTPUT": dest, "ERRORS": len(findings.errors), "WARNINGS": len(findings.warnings)}
