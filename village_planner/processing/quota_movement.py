"""Record quota movement: one movement of the pool, checked against every rule in its own transaction."""

import datetime as _dt

from qgis.core import (
    QgsProcessing,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core import quota as q
from ..core.secrets import mask
from ..qgis_adapter.quota_geometry import OverlapChecker, crs_of, draw_wkb
from .base import VillagePlannerAlgorithm
from .params import KeyedEnumParameter, enum_key
from .quota_params import add_database_params, database_help, fail, pool_store


class QuotaMovementAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotamovement"
    GROUP = "quota"
    MOVEMENT = "MOVEMENT"
    AREA_HA = "AREA_HA"
    FLEXIBLE = "FLEXIBLE"
    DRAW_GEOMETRY = "DRAW_GEOMETRY"
    REVERSES = "REVERSES"
    ALLOW_DUPLICATES = "ALLOW_DUPLICATES"
    # text parameters, read into the entry's field of the same name in lower case
    TEXTS = ("VILLAGE", "TO_VILLAGE", "DOCUMENT_NO", "DATE", "PROJECT", "LAND_USE_CODE", "SOURCE", "PURPOSE",
             "AUTHOR", "NOTE")

    def displayName(self):
        return self.tr("Record quota movement")

    def shortHelpString(self):
        return self.tr(
            "Records one movement of the quota pool (inflow, allocate, draw, return, transfer, expire or reverse) "
            "after checking every rule in the same transaction: no account below zero, the county control total, "
            "no draw on permanent basic farmland or the red line, the 5% flexible reserve and allocation by "
            "village category. The area must be a plausible number of hectares (not more than the control total) "
            "and the date a real date (YYYY-MM-DD, 1949 to a few years ahead). A movement already recorded (same "
            "document number, movement, village and area, not reversed) is refused unless duplicates are allowed. "
            "A refused movement writes nothing and says which rule, with the figures.") + "\n\n" + \
            database_help(self)

    def initAlgorithm(self, config=None):
        add_database_params(self)
        self.addParameter(KeyedEnumParameter(self.MOVEMENT, self.tr("Movement"), q.KINDS,
                                             [self.tr(q.KIND_LABELS[k]) for k in q.KINDS]))
        self.addParameter(QgsProcessingParameterNumber(self.AREA_HA, self.tr("Area (ha)"),
                                                       QgsProcessingParameterNumber.Type.Double, minValue=0))
        self.addParameter(QgsProcessingParameterString("VILLAGE", self.tr("Village code"), optional=True))
        self.addParameter(QgsProcessingParameterString("TO_VILLAGE", self.tr("Receiving village code (transfers)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString("DOCUMENT_NO", self.tr("Approval document number")))
        self.addParameter(QgsProcessingParameterString("DATE", self.tr("Date (YYYY-MM-DD)"), optional=True))
        self.addParameter(QgsProcessingParameterString("PROJECT", self.tr("Project"), optional=True))
        self.addParameter(QgsProcessingParameterString("LAND_USE_CODE", self.tr("Planning land-use code (draws)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean(self.FLEXIBLE, self.tr("Flexible reserve draw"), False))
        self.addParameter(QgsProcessingParameterVectorLayer(self.DRAW_GEOMETRY, self.tr(
            "Draw parcels (selected features, or all)"), [QgsProcessing.SourceType.TypeVectorPolygon], optional=True))
        self.addParameter(QgsProcessingParameterNumber(
            self.REVERSES, self.tr("Entry to reverse (journal number)"), QgsProcessingParameterNumber.Type.Integer,
            optional=True, minValue=1))
        self.addParameter(QgsProcessingParameterString("SOURCE", self.tr(
            "Inflow source (reclamation, linked, land_ticket, annual_plan)"), optional=True))
        self.addParameter(QgsProcessingParameterString("PURPOSE", self.tr("Purpose (e.g. resettlement)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterString("AUTHOR", self.tr("Author")))
        self.addParameter(QgsProcessingParameterString("NOTE", self.tr("Note"), optional=True, multiLine=True))
        self.addParameter(QgsProcessingParameterBoolean(self.ALLOW_DUPLICATES, self.tr(
            "Record it even if the same movement is already in the journal (same document number, movement, "
            "village and area)"), False))
        self.addOutput(QgsProcessingOutputNumber("SEQ", self.tr("Journal number")))
        self.addOutput(QgsProcessingOutputNumber("POOL_BALANCE_HA", self.tr("Pool balance (ha)")))

    def processAlgorithm(self, parameters, context, feedback):
        with pool_store(self, parameters, context) as store:  # one connection: check, overlaps, write, balance
            entry = self.entry(parameters, context, store, feedback)
            try:
                seq, warnings = store.record(entry, OverlapChecker(store), allow_duplicates=self.parameterAsBool(
                    parameters, self.ALLOW_DUPLICATES, context))
            except q.QuotaRefused as exc:
                fail(self.tr("Refused by rule '{rule}': {reason}").format(rule=q.rule_name(exc.rule),
                                                                          reason=mask(str(exc))), feedback)
            pool = q.to_ha(store.state().balance(q.POOL))
        for w in warnings:
            feedback.pushWarning(w)
        feedback.pushInfo(self.tr("Recorded as journal entry {seq}; pool balance {pool:.4f} ha.").format(
            seq=seq, pool=pool))
        return {"SEQ": seq, "POOL_BALANCE_HA": pool}

    def entry(self, parameters, context, store, feedback):
        """The movement the parameters describe; a bad area or date stops the run naming the parameter."""
        values = {"kind": enum_key(self, parameters, self.MOVEMENT), "area_ha": parameters.get(self.AREA_HA)}
        if not isinstance(values["area_ha"], (int, float)):
            values["area_ha"] = self.parameterAsDouble(parameters, self.AREA_HA, context)
        for key in self.TEXTS:
            values[key.lower()] = self.parameterAsString(parameters, key, context).strip()
        values["date"] = values["date"] or _dt.date.today().isoformat()
        values["flexible"] = self.parameterAsBool(parameters, self.FLEXIBLE, context)
        given = parameters.get(self.REVERSES) not in (None, "")
        values["reverses"] = self.parameterAsInt(parameters, self.REVERSES, context) if given else 0
        layer = self.parameterAsVectorLayer(parameters, self.DRAW_GEOMETRY, context)
        if layer is not None:
            values["geometry_wkb"] = draw_wkb(layer, crs_of(store))
        try:
            entry = q.entry_from(values)
        except q.QuotaRefused as exc:
            fail(self.tr("AREA_HA: {reason}").format(reason=exc), feedback)
        try:
            entry.date = q.check_date(entry.date)
        except q.QuotaRefused as exc:
            fail(self.tr("DATE: {reason}").format(reason=exc), feedback)
        return entry
