"""villageplanner:adjustareas: parcel areas balanced to their zone's control area (平差)."""

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
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core.balance import DEFAULT_TOLERANCE_M2, balance_zones, units
from ..qgis_adapter.compat import fields_of, new_field
from ..qgis_adapter.zone_areas import measure_parcels, read_zones
from .base import VillagePlannerAlgorithm

NO_CHECK = QgsProcessingFeatureSource.Flag.FlagSkipGeometryValidityChecks
MAX_IDS = 20
REPORT_FIELDS = [("zone", "text"), ("zone_name", "text"), ("zone_fid", "int"), ("control_m2", "float"),
                 ("measured_m2", "float"), ("difference_m2", "float"), ("parcels", "int"), ("edge_parcels", "int"),
                 ("adjusted_m2", "float"), ("status", "text")]


def _ids(ids):
    ids = list(ids)
    return ", ".join(str(i) for i in ids[:MAX_IDS]) + (" ..." if len(ids) > MAX_IDS else "")


class AdjustAreasAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "adjustareas"
    GROUP = "submission"

    def displayName(self):
        return self.tr("Balance parcel areas to the control area")

    def shortHelpString(self):
        return self.tr(
            "Area balance (平差) before filing a plan: every parcel's area is measured again on the CGCS2000 "
            "ellipsoid; in each control zone (village zone) the difference between the control area and the sum "
            "of its parcels is spread over the parcels touching the zone edge (within 0.5 m of it) in proportion to "
            "their area, and "
            "the 0.01 m2 rounding remainder is placed on the largest parcels, so that the parcels of each zone sum "
            "exactly to its control area at 0.01 m2. The result is written to the area field (TBMJ by default, "
            "added when missing). The control area is the zone's field given, or its own ellipsoidal area. "
            "A parcel belongs to the zone holding the point on its surface; parcels in no zone keep their own "
            "ellipsoidal area and are listed. Each zone's difference before the balance is logged and written "
            "to the report table. A difference above the tolerance is a gap or an overlap, not rounding: the "
            "algorithm then stops, names the zones and writes nothing.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFeatureSource(
            "INPUT", self.tr("Parcels (e.g. the planned land use)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterFeatureSource(
            "CONTROL", self.tr("Control zones (village zones)"), [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterField(
            "CONTROL_AREA_FIELD", self.tr("Control area field of the zones (m2; empty: the zone's ellipsoidal area)"),
            parentLayerParameterName="CONTROL", type=QgsProcessingParameterField.DataType.Numeric, optional=True))
        self.addParameter(QgsProcessingParameterString(
            "AREA_FIELD", self.tr("Area field of the parcels to write (m2)"), defaultValue="TBMJ"))
        self.addParameter(QgsProcessingParameterNumber(
            "TOLERANCE", self.tr("Largest difference per zone that is balanced (m2)"),
            QgsProcessingParameterNumber.Type.Double, DEFAULT_TOLERANCE_M2, False, 0.0))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT", self.tr("Balanced parcels"), QgsProcessing.SourceType.TypeVectorPolygon))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "REPORT", self.tr("Balance per zone"), QgsProcessing.SourceType.TypeVector, optional=True,
            createByDefault=True))
        self.addOutput(QgsProcessingOutputNumber("ZONES", self.tr("Zones balanced")))
        self.addOutput(QgsProcessingOutputNumber("MAX_DIFFERENCE", self.tr("Largest difference before the balance "
                                                                          "(m2)")))
        self.addOutput(QgsProcessingOutputNumber("OUTSIDE", self.tr("Parcels in no zone")))

    def checkParameterValues(self, parameters, context):  # noqa: N802 - QGIS API
        ok, message = super().checkParameterValues(parameters, context)
        if not ok:
            return ok, message
        name = self.parameterAsString(parameters, "AREA_FIELD", context).strip()
        if not name:
            return False, self.tr("AREA_FIELD: give the name of the area field to write (e.g. TBMJ).")
        source = self.parameterAsSource(parameters, "INPUT", context)
        if source is not None:
            index = source.fields().lookupField(name)
            if index >= 0 and not source.fields().at(index).isNumeric():
                return False, self.tr("AREA_FIELD: field {field} of the parcels is not numeric, so areas cannot be "
                                      "written to it.").format(field=source.fields().at(index).name())
        return True, ""

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        control = self.parameterAsSource(parameters, "CONTROL", context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "INPUT"))
        if control is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, "CONTROL"))
        area_field = self.parameterAsString(parameters, "AREA_FIELD", context).strip()
        control_field = self.parameterAsString(parameters, "CONTROL_AREA_FIELD", context) or None
        tolerance = self.parameterAsDouble(parameters, "TOLERANCE", context)
        crs = source.sourceCrs()
        tctx = context.transformContext()
        with self.user_errors():
            zones = read_zones(control.getFeatures(QgsFeatureRequest(), NO_CHECK), control.fields(),
                               control.sourceCrs(), control.sourceName(), crs, tctx, control_field)
            measured = measure_parcels(source.getFeatures(QgsFeatureRequest().setNoAttributes(), NO_CHECK),
                                       source.featureCount(), crs, zones, tctx, feedback)
        if measured is None:
            raise QgsProcessingException(self.tr("Cancelled."))
        self.log_zones(zones, feedback)
        with self.user_errors():  # AreaDifferenceTooLarge: the zones over the tolerance, nothing written
            results = balance_zones([(z.key, z.control_m2, z.areas, z.edge) for z in zones], tolerance)
        self.log_outside(measured, source.sourceName(), feedback)

        # every area is known and accepted: only now is anything written
        new_area = {fid: units(a) / 100 for fid, a in measured.outside.items()}
        for z, r in zip(zones, results):
            for fid, hundredths in zip(z.parcels, r.adjusted):
                new_area[fid] = hundredths / 100
        fields = QgsFields(source.fields())
        index = fields.lookupField(area_field)
        if index < 0:
            fields.append(new_field(area_field, "float"))
            index = fields.count() - 1
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, source.wkbType(), crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, "OUTPUT"))
        total = max(source.featureCount(), 1)
        for n, f in enumerate(source.getFeatures(QgsFeatureRequest(), NO_CHECK)):
            if n % 1000 == 0:
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled."))
                feedback.setProgress(60 + 40.0 * n / total)
            attrs = f.attributes()
            if len(attrs) < fields.count():
                attrs.extend([None] * (fields.count() - len(attrs)))
            attrs[index] = new_area.get(f.id())
            out = QgsFeature(fields)
            out.setGeometry(f.geometry())
            out.setAttributes(attrs)
            sink.addFeature(out, QgsFeatureSink.Flag.FastInsert)
        outputs = {"OUTPUT": dest, "ZONES": sum(1 for r in results if r.status == "balanced"),
                   "MAX_DIFFERENCE": max((abs(r.difference) / 100 for r in results), default=0.0),
                   "OUTSIDE": len(measured.outside)}
        report_fields = fields_of(REPORT_FIELDS)
        report, report_dest = self.parameterAsSink(parameters, "REPORT", context, report_fields,
                                                   QgsWkbTypes.Type.NoGeometry)
        if report is not None:
            for z, r in zip(zones, results):
                row = r.as_row()
                f = QgsFeature(report_fields)
                f.setAttributes([z.key, z.name, z.fid] + [row[k] for k, _ in REPORT_FIELDS[3:]])
                report.addFeature(f, QgsFeatureSink.Flag.FastInsert)
            outputs["REPORT"] = report_dest
        feedback.setProgress(100)
        return outputs

    def log_zones(self, zones, feedback):
        """Each zone's difference before the balance, in the log."""
        for z in zones:
            measured = sum(z.areas)
            feedback.pushInfo(self.tr(
                "Zone {zone}: control area {control} m2, {n} parcels measure {measured} m2, difference {diff} m2, "
                "spread over {edge} edge parcels.").format(
                zone=z.label, control="%.2f" % z.control_m2, n=len(z.areas), measured="%.2f" % measured,
                diff="%+.2f" % (units(z.control_m2) / 100 - units(measured) / 100), edge=sum(z.edge)))

    def log_outside(self, measured, layer, feedback):
        if measured.invalid:
            feedback.pushWarning(self.tr(
                "{n} parcels of {layer} have invalid geometries; their areas were measured after repair, the "
                "geometries are written unchanged. Features: {ids}").format(
                n=len(measured.invalid), layer=layer, ids=_ids(measured.invalid)))
        if measured.no_geometry:
            feedback.pushWarning(self.tr("{n} parcels of {layer} have no geometry; their area is 0. Features: "
                                         "{ids}").format(n=len(measured.no_geometry), layer=layer,
                                                         ids=_ids(measured.no_geometry)))
        empty = set(measured.no_geometry)
        lost = [fid for fid in measured.outside if fid not in empty]
        if lost:
            feedback.pushWarning(self.tr(
                "{n} parcels of {layer} lie in no control zone; they keep their own ellipsoidal area. Features: "
                "{ids}").format(n=len(lost), layer=layer, ids=_ids(lost)))
