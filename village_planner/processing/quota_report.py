"""Quota pool report: balances per village, the pool summary, the journal and the verification of the books."""

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ..core import quota as q
from ..core.quota_report import (
    VILLAGE_FIELDS,
    pool_summary,
    verification_problems,
    village_rows,
    write_pool_html,
    write_pool_workbook,
)
from ..qgis_adapter.compat import fields_of
from ..qgis_adapter.sinks import add_rows
from .base import VillagePlannerAlgorithm
from .quota_params import add_database_params, database_help, pool_store


class QuotaReportAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotareport"
    GROUP = "quota"
    EXPECTED = "EXPECTED"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Quota pool report")

    def shortHelpString(self):
        return self.tr(
            "Balances per village, the pool summary, the journal and a verification of the balances, the hash chain "
            "and the pool's settings (control total, baseline, policy, village accounts, protection zones). Every "
            "report prints the chain's anchor (entries:last hash); give an anchor from an earlier report as "
            "EXPECTED to check that the journal still contains it, which proves that the books were not rewritten "
            "since.") + "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_params(self)
        self.addParameter(QgsProcessingParameterString(self.EXPECTED, self.tr(
            "Anchor of an earlier report to check (entries:hash)"), optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Village quota balances")))
        self.add_workbook_output(self.tr("Pool workbook"))
        self.add_report_output(self.tr("Pool report"))
        self.addOutput(QgsProcessingOutputNumber("POOL_BALANCE_HA", self.tr("Pool balance (ha)")))
        self.addOutput(QgsProcessingOutputNumber("DRAWN_HA", self.tr("Drawn (ha)")))
        self.addOutput(QgsProcessingOutputNumber("VERIFIED", self.tr("Verified (1 = books and chain are sound)")))
        self.addOutput(QgsProcessingOutputString("ANCHOR", self.tr("Chain anchor (entries:last hash)")))
        self.addOutput(QgsProcessingOutputNumber("EXPECTED_FOUND", self.tr(
            "Earlier anchor found (1 = the journal still contains it)")))

    def processAlgorithm(self, parameters, context, feedback):
        with pool_store(self, parameters, context) as store:
            expected_text = self.parameterAsString(parameters, self.EXPECTED, context).strip()
            expected = None
            if expected_text:
                try:
                    expected = q.parse_anchor(expected_text)
                except ValueError as exc:
                    raise QgsProcessingException(self.tr("EXPECTED: {reason}").format(reason=exc)) from None
            state = store.state()
            entries = store.journal()
            check = store.verify(entries)
            policy = store.policy()
            info = store.pool_info()
            settings = store.settings_digest() if expected is not None else ""
            verified = int(store.verified(check))
        rows = village_rows(state, entries, policy)
        found = None
        if expected is not None:
            found = int(q.contains_anchor(entries, expected[0], expected[1], settings))
            check["expected"] = expected_text
            check["expected_found"] = bool(found)
            if not found:
                verified = 0
                feedback.reportError(self.tr(
                    "The journal no longer contains the earlier anchor {anchor}: the books were rewritten or "
                    "entries were deleted since that report.").format(anchor=expected_text))
            else:
                feedback.pushInfo(self.tr("The journal still contains the earlier anchor {anchor}.").format(
                    anchor=expected_text))
        pool = pool_summary(state, info, entries, check["anchor"])
        # what failed, in words (a missing earlier anchor is reported above)
        problems = verification_problems({k: v for k, v in check.items() if not k.startswith("expected")})
        if problems:
            feedback.reportError(self.tr("Verification failed: {detail}").format(detail=" ".join(problems)))
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, fields_of(VILLAGE_FIELDS),
                                          QgsWkbTypes.Type.NoGeometry)
        add_rows(sink, VILLAGE_FIELDS, rows)
        outputs = {"OUTPUT": dest, "POOL_BALANCE_HA": q.to_ha(state.balance(q.POOL)),
                   "DRAWN_HA": q.to_ha(state.drawn_total), "VERIFIED": verified, "ANCHOR": check["anchor"]}
        if found is not None:
            outputs["EXPECTED_FOUND"] = found
        self.write_files(parameters, context, outputs, (pool, rows, entries, check))
        for label, value in pool:
            feedback.pushInfo("{}: {}".format(label, value))
        return outputs

    def write_files(self, parameters, context, outputs, report):
        """The workbook and the HTML report, when asked for."""
        pool, rows, entries, check = report
        xlsx = self.parameterAsFileOutput(parameters, "OUTPUT_XLSX", context)
        if xlsx:
            outputs["OUTPUT_XLSX"] = write_pool_workbook(xlsx, pool, rows, entries, check)
        html = self.parameterAsFileOutput(parameters, "OUTPUT_HTML", context)
        if html:
            outputs["OUTPUT_HTML"] = write_pool_html(html, pool, rows, check)
