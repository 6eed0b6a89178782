"""villageplanner:ledgerdiff: compare two ledger snapshots per village and item."""

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core.ledger_diff import diff_snapshots
from ..core.values import is_missing
from ..qgis_adapter.compat import fields_of
from ..store.snapshots import list_snapshots, load_snapshot
from ..store.sqlite import StoreError
from .base import VillagePlannerAlgorithm

SUMMARY_FIELDS = [("village_code", "text"), ("village_name", "text"),
                  ("flagged", "int"), ("reasons", "text"),
                  ("cultivated_change_ha", "float"), ("bnt_change_ha", "float"),
                  ("construction_change_ha", "float"), ("in_before", "int"),
                  ("in_after", "int")]


class LedgerDiffAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "ledgerdiff"
    GROUP = "ledger"

    def displayName(self):
        return self.tr("Compare ledger snapshots")

    def shortHelpString(self):
        return self.tr(
            "Compares two ledger snapshots of the planning GeoPackage (for example the 2020 base year and the "
            "2023 change survey) per village and item, and flags villages where cultivated land or basic "
            "farmland decreased or construction land grew. Without snapshot ids, the two latest are compared.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile("PLANNING_DB", self.tr("Planning GeoPackage"), extension="gpkg"))
        self.addParameter(QgsProcessingParameterNumber("BEFORE", self.tr("Earlier snapshot id"),
                                                       QgsProcessingParameterNumber.Type.Integer, None, True, 1))
        self.addParameter(QgsProcessingParameterNumber("AFTER", self.tr("Later snapshot id"),
                                                       QgsProcessingParameterNumber.Type.Integer, None, True, 1))
        self.addParameter(QgsProcessingParameterFeatureSink("OUTPUT", self.tr("Ledger changes")))
        self.add_workbook_output(self.tr("Change workbook"))
        self.addOutput(QgsProcessingOutputNumber("FLAGGED", self.tr("Flagged villages")))

    def processAlgorithm(self, parameters, context, feedback):
        db = self.parameterAsFile(parameters, "PLANNING_DB", context)
        snaps = list_snapshots(db)
        if len(snaps) < 2:
            raise QgsProcessingException(self.tr("{path} holds {n} ledger snapshots; two are needed.").format(
                path=db, n=len(snaps)))
        before_id = parameters.get("BEFORE")
        after_id = parameters.get("AFTER")
        before_id = self.parameterAsInt(parameters, "BEFORE", context) if before_id not in (None, "") else None
        after_id = self.parameterAsInt(parameters, "AFTER", context) if after_id not in (None, "") else None
        if before_id is None or after_id is None:
            before_id, after_id = snaps[-2]["id"], snaps[-1]["id"]
        try:
            snap_a, before = load_snapshot(db, before_id)
            snap_b, after = load_snapshot(db, after_id)
        except StoreError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(self.tr(
            "Comparing snapshot {a} (survey year {ya}) with snapshot {b} (survey year {yb})").format(
            a=before_id, ya=snap_a.get("survey_year"), b=after_id, yb=snap_b.get("survey_year")))
        if snap_a.get("profile_hash") != snap_b.get("profile_hash"):
            feedback.pushWarning(self.tr("The two snapshots were built with different ledger profiles; "
                                         "items may not be comparable."))
        details, flags = diff_snapshots(before, after)
        fields = fields_of(SUMMARY_FIELDS)
        sink, dest = self.parameterAsSink(parameters, "OUTPUT", context, fields, QgsWkbTypes.Type.NoGeometry)
        change = details.set_index(["village_code", "item"])["change"]
        for rec in flags.itertuples(index=False):
            feat = QgsFeature()
            values = {"village_code": rec.village_code, "village_name": rec.village_name, "flagged": rec.flagged,
                      "reasons": rec.reasons, "in_before": rec.in_before, "in_after": rec.in_after}
            for item, name in (("cultivated_ha", "cultivated_change_ha"), ("bnt_ha", "bnt_change_ha"),
                               ("construction_ha", "construction_change_ha")):
                v = change.get((rec.village_code, item))
                values[name] = None if is_missing(v) else float(v)
            feat.setAttributes([values[n] for n, _ in SUMMARY_FIELDS])
            sink.addFeature(feat, QgsFeatureSink.Flag.FastInsert)
            if rec.flagged:
                feedback.pushInfo("{} {}: {}".format(rec.village_code, rec.village_name, rec.reasons))
        outputs = {"OUTPUT": dest, "FLAGGED": int(flags["flagged"].sum())}
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            import pandas as pd

            with pd.ExcelWriter(xlsx, engine="openpyxl") as writer:
                flags.to_excel(writer, sheet_name=self.tr("Villages")[:31], index=False)
                details.to_excel(writer, sheet_name=self.tr("Items")[:31], index=False)
            outputs["OUTPUT_XLSX"] = xlsx
        return outputs
