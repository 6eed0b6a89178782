"""villageplanner:monitorchange: a change survey against the base year, the plan and the quota pool (实施监测)."""

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

from ..core import quota as q
from ..core.monitoring import (
    DEFAULT_MIN_AREA_M2,
    DEFAULT_SLIVER_WIDTH_M,
    PIECE_COLUMNS,
    VILLAGE_COLUMNS,
    summary,
)
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.ledger_job import JobError
from ..qgis_adapter.monitoring_job import run_monitor
from ..qgis_adapter.progress import Cancelled
from ..qgis_adapter.roles import layer_parameter
from .base import VillagePlannerAlgorithm


def _cell(value, kind):
    if value is None:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def _qgeom(geom):
    if geom is None:
        return None
    g = QgsGeometry()
    g.fromWkb(geom.wkb)
    g.convertToMultiType()
    return g


class MonitorChangeAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "monitorchange"
    GROUP = "monitoring"

    def displayName(self):
        return self.tr("Monitor plan implementation (change survey)")

    def shortHelpString(self):
        return self.tr(
            "Compares a later year's land change survey (CURRENT) with the base-year parcels (BASELINE) by overlay, "
            "since parcels are re-delineated between surveys. Each changed piece gets its codes before and after, "
            "its official area (its share of the parcel's TBMJ) and flags: new construction, construction removed, "
            "cultivated land lost or gained, on permanent basic farmland, in the ecological red line, against the "
            "plan (new construction where the plan keeps non-construction land, unless a flexible-reserve draw "
            "covers it), covered by a quota draw recorded in the period, and unexplained (new construction no draw "
            "covers). Per village: the sums, the quota drawn, the county's remaining headroom under the control "
            "total, and a flag when unexplained construction, construction on basic farmland or the red line, or "
            "construction against the plan exceeds 0.01 ha, or when net construction growth exceeds what the "
            "village drew. The workbook holds the land-use transition matrix of the county and of each village. "
            "Pieces smaller than MIN_AREA m2, or thinner on average than SLIVER_WIDTH m, are re-delineation "
            "slivers: they do not count as change and their area is reported as ignored. Dates are YYYY-MM-DD; "
            "reversed draws do not count.")

    def initAlgorithm(self, config=None):
        polygon = [QgsProcessing.SourceType.TypeVectorPolygon]
        self.addParameter(QgsProcessingParameterVectorLayer("BASELINE", self.tr("Base-year parcels (DLTB)"), polygon))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "CURRENT", self.tr("Change-survey parcels of a later year (DLTB)"), polygon))
        self.addParameter(layer_parameter("VILLAGES"))
        self.addParameter(layer_parameter("PLANNED_LANDUSE"))
        self.addParameter(layer_parameter("BASIC_FARMLAND"))
        self.addParameter(layer_parameter("ECO_REDLINE"))
        self.addParameter(QgsProcessingParameterString("QUOTA_DATABASE", self.tr(
            "Quota pool (.gpkg path, PostGIS connection string, or connection:NAME of a saved QGIS connection)"),
            optional=True))
        self.addParameter(QgsProcessingParameterString("PERIOD_START", self.tr(
            "First day of the period (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterString("PERIOD_END", self.tr(
            "Last day of the period (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterFile(
            "PROFILE", self.tr("Ledger profile (JSON; empty for the default)"), extension="json", optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            "MIN_AREA", self.tr("Smallest piece that counts as change (m2)"),
            QgsProcessingParameterNumber.Type.Double, DEFAULT_MIN_AREA_M2, False, 0.0))
        self.addParameter(QgsProcessingParameterNumber(
            "SLIVER_WIDTH", self.tr("Thinnest piece that counts as change (mean width, m)"),
            QgsProcessingParameterNumber.Type.Double, DEFAULT_SLIVER_WIDTH_M, False, 0.0))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Monitoring per village")))
        self.addParameter(QgsProcessingParameterFeatureSink(
            "OUTPUT_CHANGES", self.tr("Changed pieces"), QgsProcessing.SourceType.TypeVectorPolygon,
            optional=True, createByDefault=True))
        self.add_workbook_output(self.tr("Monitoring workbook"))
        self.add_report_output(self.tr("Monitoring report"))
        self.addOutput(QgsProcessingOutputNumber("FLAGGED", self.tr("Flagged villages")))
        self.addOutput(QgsProcessingOutputNumber("CHANGED_PIECES", self.tr("Changed pieces (count)")))
        self.addOutput(QgsProcessingOutputNumber("UNEXPLAINED_HA", self.tr("Unexplained new construction (ha)")))
        self.addOutput(QgsProcessingOutputNumber("IGNORED_HA", self.tr("Slivers ignored (ha)")))

    def _date(self, parameters, name, context):
        text = self.parameterAsString(parameters, name, context).strip()
        if not text:
            return ""
        try:
            return q.check_date(text)
        except q.QuotaRefused as exc:
            raise QgsProcessingException(self.tr("{param}: {reason}").format(param=name, reason=exc)) from None

    def processAlgorithm(self, parameters, context, feedback):
        start = self._date(parameters, "PERIOD_START", context)
        end = self._date(parameters, "PERIOD_END", context)
        if start and end and start > end:
            raise QgsProcessingException(self.tr("PERIOD_START {start} is after PERIOD_END {end}.").format(
                start=start, end=end))
        layers = {"base": self.parameterAsVectorLayer(parameters, "BASELINE", context),
                  "current": self.parameterAsVectorLayer(parameters, "CURRENT", context)}
        for key, name in (("villages", "VILLAGES"), ("planned", "PLANNED_LANDUSE"),
                          ("basic_farmland", "BASIC_FARMLAND"), ("eco_redline", "ECO_REDLINE")):
            layers[key] = self.parameterAsVectorLayer(parameters, name, context)
        if layers["base"] is None or layers["current"] is None:
            raise QgsProcessingException(self.tr("BASELINE and CURRENT are required."))
        with self.user_errors():
            try:
                result, village_geoms, crs, findings = run_monitor(
                    layers, self.parameterAsString(parameters, "QUOTA_DATABASE", context), (start, end),
                    self.parameterAsFile(parameters, "PROFILE", context) or None,
                    self.parameterAsDouble(parameters, "MIN_AREA", context),
                    self.parameterAsDouble(parameters, "SLIVER_WIDTH", context), feedback, context.project())
            except JobError as exc:
                self.report(getattr(exc, "findings", []), feedback)
                raise
            except Cancelled:
                raise QgsProcessingException(self.tr("Cancelled.")) from None
        self.report(findings, feedback)
        with_geom = layers["villages"] is not None
        sink, dest = self.parameterAsSink(
            parameters, "OUTPUT", context, fields_of(VILLAGE_COLUMNS),
            QgsWkbTypes.Type.MultiPolygon if with_geom else QgsWkbTypes.Type.NoGeometry, crs)
        if sink is None:
            raise self.sink_error(parameters, "OUTPUT")
        for rec in result.villages.to_dict("records"):
            feat = QgsFeature()
            feat.setAttributes([_cell(rec[name], kind) for name, kind in VILLAGE_COLUMNS])
            geom = _qgeom(village_geoms.get(rec["village_code"])) if with_geom else None
            if geom is not None:
                feat.setGeometry(geom)
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
        outputs = {"OUTPUT": dest, "FLAGGED": int(result.villages["flagged"].sum()),
                   "CHANGED_PIECES": int(len(result.pieces)),
                   "UNEXPLAINED_HA": float(result.villages["unexplained_ha"].sum()),
                   "IGNORED_HA": result.meta["ignored_m2"] / 10000.0}
        changes, changes_dest = self.parameterAsSink(
            parameters, "OUTPUT_CHANGES", context, fields_of(PIECE_COLUMNS), QgsWkbTypes.Type.MultiPolygon, crs)
        if changes is not None:
            for rec, geom in zip(result.pieces.to_dict("records"), result.piece_geoms):
                feat = QgsFeature()
                feat.setAttributes([_cell(rec[name], kind) for name, kind in PIECE_COLUMNS])
                feat.setGeometry(_qgeom(geom))
                changes.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            outputs["OUTPUT_CHANGES"] = changes_dest
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.monitoring_report import write_workbook

            outputs["OUTPUT_XLSX"] = write_workbook(result, xlsx)
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            from ..core.monitoring_report import write_html

            outputs["OUTPUT_HTML"] = write_html(result, html)
        for label, value in summary(result):
            feedback.pushInfo("{}: {}".format(label, value))
        feedback.setProgress(100)
        return outputs
