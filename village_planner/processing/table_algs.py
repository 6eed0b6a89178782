"""Planning tables: the land-use structure adjustment table and the planning indicator table."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsWkbTypes,
)

from ..core.i18n import current_language
from ..core.structure import indicator_table, load_rows, structure_table
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.planning_layers import PlanningLayerError, read_planning_layer
from .base import VillagePlannerAlgorithm


class _PlanTableAlgorithm(VillagePlannerAlgorithm):
    """Inputs every planning table reads: the base-year and planned layers and a choice of villages."""

    def add_inputs(self, with_ledger=False):
        self.addParameter(QgsProcessingParameterVectorLayer("BASE", self.tr("Base-year land use"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterVectorLayer("PLANNED", self.tr("Planned land use"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        if with_ledger:
            self.addParameter(QgsProcessingParameterVectorLayer("LEDGER", self.tr("Resource ledger"),
                                                                [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterString("VILLAGE_CODES", self.tr(
            "Village codes (comma separated; empty for all)"), optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(
            "CONSTRUCTION_BOUNDARY", self.tr("Village construction boundary (for layers without CZCSXM)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))

    def read_inputs(self, parameters, context, feedback):
        """(base frame, planned frame, village codes to tabulate)."""
        spec = load_rows()
        boundary = self.parameterAsVectorLayer(parameters, "CONSTRUCTION_BOUNDARY", context)
        try:
            base = read_planning_layer(self.parameterAsVectorLayer(parameters, "BASE", context), feedback,
                                       boundary, spec)
            planned = read_planning_layer(self.parameterAsVectorLayer(parameters, "PLANNED", context), feedback,
                                          boundary, spec)
        except PlanningLayerError as exc:
            raise QgsProcessingException(str(exc)) from exc
        wanted = {c.strip() for c in self.parameterAsString(parameters, "VILLAGE_CODES", context).split(",")
                  if c.strip()}
        codes = sorted((set(base["village"]) | set(planned["village"])) - {"", None})
        if wanted:
            codes = [c for c in codes if c in wanted]
        return base, planned, codes


class StructureTableAlgorithm(_PlanTableAlgorithm):
    ALG_ID = "structuretable"
    GROUP = "plan"

    def displayName(self):
        return self.tr("Land-use structure adjustment table")

    def shortHelpString(self):
        return self.tr(
            "The land-use structure adjustment table of each village from a base-year layer and a planned layer "
            "in 2023 planning codes (a survey layer is converted on the fly): rows in the standard hierarchy with "
            "subtotals, base-year and target-year area (ha) and share (%), and the change. Rows follow "
            "resources/tables/structure_rows.json. Construction land is split by settlement type (CZCSXM): 201/202 "
            "urban, 203 village, anything else other construction land; a layer without CZCSXM takes its village "
            "land from the village construction boundary, and without either the table is not made.")

    def initAlgorithm(self, config=None):
        self.add_inputs()
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Structure table"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.add_workbook_output(self.tr("Structure workbook"))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Villages")))

    def processAlgorithm(self, parameters, context, feedback):
        base, planned, codes = self.read_inputs(parameters, context, feedback)
        spec = load_rows()
        fields = fields_of([("village_code", "text"), ("row_id", "text"), ("level", "int"), ("name_zh", "text"),
                            ("name_en", "text"), ("base_ha", "float"), ("base_pct", "float"),
                            ("target_ha", "float"), ("target_pct", "float"), ("change_ha", "float")])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        tables = {}
        for code in codes:
            rows = structure_table(base[base["village"] == code], planned[planned["village"] == code], spec)
            tables[code] = rows
            for r in rows:
                f = QgsFeature(fields)
                f.setAttributes([code, r["row_id"], r["level"], r["name_zh"], r["name_en"], r["base_ha"],
                                 r["base_pct"], r["target_ha"], r["target_pct"], r["change_ha"]])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        outputs = {"OUTPUT": dest, "VILLAGES": len(tables)}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.table_export import write_structure_workbook

            outputs["OUTPUT_XLSX"] = write_structure_workbook(xlsx, tables, current_language())
        return outputs


class IndicatorTableAlgorithm(_PlanTableAlgorithm):
    ALG_ID = "indicatortable"
    GROUP = "plan"

    def displayName(self):
        return self.tr("Planning indicator table")

    def shortHelpString(self):
        return self.tr(
            "The planning indicator table of each village: binding indicators (ecological red line, permanent "
            "basic farmland, cultivated land to keep, village construction land) and expected ones (construction "
            "land in all, population, village construction land per resident), base year and target year, from "
            "the base-year and planned layers and the village's ledger.")

    def initAlgorithm(self, config=None):
        self.add_inputs(with_ledger=True)
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Indicator table"),
                                                            QgsProcessing.SourceType.TypeVector))
        self.add_workbook_output(self.tr("Indicator workbook"))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Villages")))

    def processAlgorithm(self, parameters, context, feedback):
        base, planned, codes = self.read_inputs(parameters, context, feedback)
        ledger = self.parameterAsVectorLayer(parameters, "LEDGER", context)
        ledger_rows = {}
        if ledger is not None:
            names = [f.name() for f in ledger.fields()]
            for f in ledger.getFeatures():
                rec = {n: (None if v is None or (hasattr(v, "isNull") and v.isNull()) else v)
                       for n, v in zip(names, f.attributes())}
                ledger_rows[str(rec.get("village_code"))] = rec
        spec = load_rows()
        fields = fields_of([("village_code", "text"), ("indicator", "text"), ("name_zh", "text"),
                            ("name_en", "text"), ("kind", "text"), ("unit", "text"), ("base", "float"),
                            ("target", "float"), ("change", "float")])
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        tables = {}
        for code in codes:
            srows = structure_table(base[base["village"] == code], planned[planned["village"] == code], spec)
            rows = indicator_table(srows, ledger_rows.get(code))
            tables[code] = rows
            for r in rows:
                f = QgsFeature(fields)
                f.setAttributes([code, r["indicator"], r["name_zh"], r["name_en"], r["kind"], r["unit"], r["base"],
                                 r["target"], r["change"]])
                sink.addFeature(f, QgsFeatureSink.Flag.FastInsert)
        outputs = {"OUTPUT": dest, "VILLAGES": len(tables)}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            from ..core.table_export import write_indicator_workbook

            outputs["OUTPUT_XLSX"] = write_indicator_workbook(xlsx, tables, current_language())
        return outputs
