"""Create quota pool: the county's pool of collective construction-land quota in a planning database; on an
existing pool, with ADD_VILLAGES, the village accounts it lacks are added (journaled, sealed by the chain)."""

import getpass

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core import quota as q
from ..core.secrets import mask
from ..qgis_adapter.quota_geometry import (
    PoolLayerError,
    classification_categories,
    crs_of,
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
    ADD_VILLAGES = "ADD_VILLAGES"
    AUTHOR = "AUTHOR"
    DOCUMENT_NO = "DOCUMENT_NO"
    PROTECTION = ((BASIC_FARMLAND, "basic_farmland"), (ECO_REDLINE, "eco_redline"))  # parameter, zone kind

    def displayName(self):
        return self.tr("Create quota pool")

    def shortHelpString(self):
        return self.tr(
            "Creates the county's pool of collective construction-land quota in a planning GeoPackage: the control "
            "total, the baseline construction land (from the ledger or given), one account per village with its "
            "category and planned construction land, and a copy of the permanent basic farmland and red line that "
            "draws are checked against. Only the control total and the baseline are needed: village accounts come "
            "from the ledger or from village zones (CJDCQ) when given. The policy file is checked on loading (every "
            "key, its type, the flexible reserve ratio from 0 to 1) and a bad one is refused before anything is "
            "written.") + "\n\n" + self.tr(
            "Village accounts added later: on a database that already holds a pool, ADD_VILLAGES adds the accounts "
            "of the ledger or the village zones that the pool lacks, and changes the category (from the "
            "classification) and the planned construction land (from the ledger) of those it has. The control total, "
            "baseline, policy and protection zones are not changed. All the changes are made in one transaction and "
            "recorded as one journal entry (movement 'accounts', with AUTHOR and DOCUMENT_NO) that the hash chain "
            "seals, so the pool keeps verifying (VERIFIED=1 in the report) and the change shows in the journal. A "
            "change that would leave a village's flexible draws over its reserve is refused; on PostGIS only an "
            "administrator (vp_admin) may make it, through the server's own write path.") + "\n\n" + \
            database_help(self)

    def initAlgorithm(self, config=None):
        add_database_params(self)
        self.addParameter(QgsProcessingParameterString(self.COUNTY_CODE, self.tr(
            "County code (needed to create a pool)"), optional=True))
        self.addParameter(QgsProcessingParameterNumber(self.CONTROL_TOTAL_HA, self.tr(
            "Construction land control total (ha; needed to create a pool)"), QgsProcessingParameterNumber.Type.Double,
            minValue=0, optional=True))
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
        self.addParameter(QgsProcessingParameterBoolean(self.ADD_VILLAGES, self.tr(
            "On an existing pool: add the missing village accounts (and update category and planned construction "
            "land)"), False))
        self.addParameter(QgsProcessingParameterString(self.AUTHOR, self.tr(
            "Author (of the accounts entry; default: the login name)"), optional=True))
        self.addParameter(QgsProcessingParameterString(self.DOCUMENT_NO, self.tr(
            "Approval document number (of the accounts entry)"), optional=True))
        self.addOutput(QgsProcessingOutputNumber("VILLAGES", self.tr("Village accounts")))
        self.addOutput(QgsProcessingOutputNumber("ADDED", self.tr("Village accounts added")))
        self.addOutput(QgsProcessingOutputNumber("CHANGED", self.tr("Village accounts changed")))

    def processAlgorithm(self, parameters, context, feedback):
        with self.user_errors(), pool_store(self, parameters, context, must_exist=False) as store:
            if self.parameterAsBool(parameters, self.ADD_VILLAGES, context) and store.exists():
                return self.add_villages(store, parameters, context, feedback)
            ledger = self.parameterAsVectorLayer(parameters, self.LEDGER, context)
            baseline = parameters.get(self.BASELINE)
            if ledger is None and baseline in (None, ""):
                raise QgsProcessingException(self.tr("Give the ledger or the baseline construction land."))
            for name in (self.COUNTY_CODE, self.CONTROL_TOTAL_HA):
                if parameters.get(name) in (None, ""):
                    raise QgsProcessingException(self.tr("{name}: needed to create a pool.").format(name=name))
            policy = q.load_policy(self.parameterAsFile(parameters, self.POLICY, context) or None)
            villages, crs, constraints, total_construction = self.read_layers(parameters, context, feedback)
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
        return {"VILLAGES": len(villages), "ADDED": len(villages), "CHANGED": 0}

    def add_villages(self, store, parameters, context, feedback):
        """ADD_VILLAGES on an existing pool: the accounts of the layers it lacks added, the others updated, in one
        journaled transaction."""
        villages, _, _, _ = self.read_layers(parameters, context, feedback, crs_of_pool=store)
        if self.parameterAsVectorLayer(parameters, self.LEDGER, context) is None:
            for v in villages:  # village zones say nothing of planned construction land: keep the account's
                v["planned_ha"] = None
        if not villages:
            raise QgsProcessingException(self.tr(
                "ADD_VILLAGES: give the ledger or the village zones whose accounts are to be added."))
        author = self.parameterAsString(parameters, self.AUTHOR, context).strip() or getpass.getuser()
        try:
            seq, changes = store.update_accounts(villages, author,
                                                 document_no=self.parameterAsString(parameters, self.DOCUMENT_NO,
                                                                                    context))
        except q.QuotaRefused as exc:
            raise QgsProcessingException(self.tr("Refused by rule '{rule}': {reason}").format(
                rule=q.rule_name(exc.rule), reason=mask(str(exc)))) from None
        count = len(store.state().villages)
        added = [c["village_code"] for c in changes if c["action"] == "add"]
        changed = [c["village_code"] for c in changes if c["action"] == "update"]
        if seq is None:
            feedback.pushInfo(self.tr("Every village account is already in the pool as given: nothing changed."))
        else:
            feedback.pushInfo(self.tr("Journal entry {seq}: {added} village accounts added ({codes_added}), "
                                      "{changed} changed ({codes_changed}); the pool has {n} village accounts.").format(
                seq=seq, added=len(added), codes_added=", ".join(added) or "-", changed=len(changed),
                codes_changed=", ".join(changed) or "-", n=count))
        return {"VILLAGES": count, "ADDED": len(added), "CHANGED": len(changed)}

    def read_layers(self, parameters, context, feedback=None, crs_of_pool=None):
        """(village accounts, CRS, protection zones [(kind, WKB)], the ledger's construction land in ha)."""
        def layer(name):
            return self.parameterAsVectorLayer(parameters, name, context)

        ledger, zones = layer(self.LEDGER), layer(self.VILLAGE_ZONES)
        protection = [(kind, layer(name)) for name, kind in self.PROTECTION]
        # no layer at all: the project's CRS, if it is a planar one; draws are then kept in it (an existing pool's
        # own CRS when accounts are added to it)
        crs = pool_crs([ledger, zones] + [lyr for _, lyr in protection], context.project()) \
            if crs_of_pool is None else crs_of(crs_of_pool)
        categories = classification_categories(layer(self.CLASSIFICATION))
        villages, total = [], 0.0
        try:
            if ledger is not None:
                villages, total = ledger_accounts(ledger, crs, categories)
            elif zones is not None:
                repeated = {}
                villages = zone_accounts(zones, crs, categories, repeated)
                for code, fids in sorted(repeated.items()):
                    if feedback is not None:
                        feedback.pushWarning(self.tr(
                            "VILLAGE_ZONES: features {fids} of layer {layer} share the village code {code}; they "
                            "make one account (its name and boundary from feature {first}).").format(
                            fids=", ".join(str(f) for f in fids), layer=zones.name(), code=code, first=fids[0]))
        except PoolLayerError as exc:
            raise QgsProcessingException(str(exc)) from None
        constraints = [(kind, wkb) for kind, lyr in protection if lyr is not None for wkb in layer_wkbs(lyr, crs)]
        return villages, crs, constraints, total
