"""Create quota pool: the county's pool of collective construction-land quota in a planning database."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core import quota as q
from ..qgis_adapter.quota_geometry import (
    PoolLayerError,
    classification_categories,
    layer_wkbs,
    ledger_accounts,
    pool_crs,
    zone_accounts,
)
from .base import VillagePlannerAlgorithm
from .quota_params import add_database_params, database_help, pool_store


class QuotaPoolCreateAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotapoolcreate"
    GROUP = "quota"
    COUNTY_CODE = "COUNTY_CODE"
    CONTROL_TOTAL_HA = "CONTROL_TOTAL_HA"
    LEDGER = "LEDGER"
    BASELINE = "BASELINE_CONSTRUCTION_HA"
    CLASSIFICATION = "CLASSIFICATION"
    BASIC_FARMLAND = "BASIC_FARMLAND"
    ECO_REDLINE = "ECO_REDLINE"
    POLICY = "POLICY"
    VILLAGE_ZONES = "VILLAGE_ZONES"
    PROTECTION = ((BASIC_FARMLAND, "basic_farmland"), (ECO_REDLINE, "eco_redline"))  # parameter, zone kind

    def displayName(self):
        return self.tr("Create quota pool")

    def shortHelpString(self):
        return self.tr(
            "Creates the county's pool of collective construction-land quota in a planning GeoPackage: the control "
            "total, the baseline construction land (from the ledger or given), one account per village with its "
            "category and planned construction land, and a copy of the permanent basic farmland and red line that "
            "draws are checked against. Only the control total and the baseline are needed: village accounts come "
            "from the ledger or from village zones (CJDCQ) when given.") + "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_params(self)
        self.addParameter(QgsProcessingParameterString(self.COUNTY_CODE, self.tr("County code")))
        self.addParameter(QgsProcessingParameterNumber(self.CONTROL_TOTAL_HA, self.tr(
            "Construction land control total (ha)"), QgsProcessingParameterNumber.Type.Double, minValue=0))
        self.addParameter(QgsProcessingParameterVectorLayer(self.LEDGER, self.tr("Resource ledger"),
                                                            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterNumber(self.BASELINE, self.tr(
            "Baseline construction land (ha; empty: the ledger's total)"), QgsProcessingParameterNumber.Type.Double,
            optional=True, minValue=0))
        self.addParameter(QgsProcessingParameterVectorLayer(self.CLASSIFICATION, self.tr("Village classification"),
                                                            [QgsProcessing.SourceType.TypeVector], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(self.BASIC_FARMLAND, self.tr(
            "Permanent basic farmland (YJJBNTTB)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(self.ECO_REDLINE, self.tr(
            "Ecological protection red line (STBHHX)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterFile(self.POLICY, self.tr(
            "Quota policy (JSON; empty for the default)"), extension="json", optional=True))
        self.addParameter(QgsProcessingParameterVectorLayer(self.VILLAGE_ZONES, self.tr(
            "Village zones (CJDCQ; village accounts when no ledger is given)"),
            [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Village accounts")))

    def processAlgorithm(self, parameters, context, feedback):
        with pool_store(self, parameters, context, must_exist=False) as store:
            ledger = self.parameterAsVectorLayer(parameters, self.LEDGER, context)
            baseline = parameters.get(self.BASELINE)
            if ledger is None and baseline in (None, ""):
                raise QgsProcessingException(self.tr("Give the ledger or the baseline construction land."))
            try:
                policy = q.load_policy(self.parameterAsFile(parameters, self.POLICY, context) or None)
            except q.PolicyError as exc:
                raise QgsProcessingException(str(exc)) from exc
            villages, crs, constraints, total_construction = self.read_layers(parameters, context)
            baseline_ha = float(self.parameterAsDouble(parameters, self.BASELINE, context)) \
                if baseline not in (None, "") else total_construction
            control = self.parameterAsDouble(parameters, self.CONTROL_TOTAL_HA, context)
            store.create(self.parameterAsString(parameters, self.COUNTY_CODE, context), control, baseline_ha,
                         policy, villages, constraints, crs.authid() if crs is not None else "")
        if control < baseline_ha:
            feedback.pushWarning(self.tr(
                "The control total {c} ha is below the baseline construction land {b:.4f} ha: no draw can be "
                "recorded until reclamation brings construction land under the control total.").format(
                c=control, b=baseline_ha))
        feedback.pushInfo(self.tr("Quota pool created: {n} villages, control total {c} ha, baseline {b:.4f} ha, "
                                  "headroom {h:.4f} ha.").format(n=len(villages), c=control, b=baseline_ha,
                                                                 h=control - baseline_ha))
        return {"VILLAGES": len(villages)}

    def read_layers(self, parameters, context):
        """(village accounts, CRS, protection zones [(kind, WKB)], the ledger's construction land in ha)."""
        def layer(name):
            return self.parameterAsVectorLayer(parameters, name, context)

        ledger, zones = layer(self.LEDGER), layer(self.VILLAGE_ZONES)
        protection = [(kind, layer(name)) for name, kind in self.PROTECTION]
        # no layer at all: the project's CRS, if it is a planar one; draws are then kept in it
        crs = pool_crs([ledger, zones] + [lyr for _, lyr in protection], context.project())
        categories = classification_categories(layer(self.CLASSIFICATION))
        villages, total = [], 0.0
        try:
            if ledger is not None:
                villages, total = ledger_accounts(ledger, crs, categories)
            elif zones is not None:
                villages = zone_accounts(zones, crs, categories)
        except PoolLayerError as exc:
            raise QgsProcessingException(str(exc)) from None
        constraints = [(kind, wkb) for kind, lyr in protection if lyr is not None for wkb in layer_wkbs(lyr, crs)]
        return villages, crs, constraints, total
