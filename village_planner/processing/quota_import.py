"""Import quota movements: a table of movements applied to the pool, all or nothing."""

import os
import zipfile

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ..core import quota as q
from ..core.secrets import mask
from ..core.stats import StatsError, read_table_file
from ..qgis_adapter.quota_geometry import OverlapChecker
from .base import VillagePlannerAlgorithm
from .quota_params import add_database_params, database_help, fail, pool_store


class QuotaImportAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "quotaimport"
    GROUP = "quota"
    INPUT = "INPUT"
    AUTHOR = "AUTHOR"
    ALLOW_DUPLICATES = "ALLOW_DUPLICATES"

    def displayName(self):
        return self.tr("Import quota movements")

    def shortHelpString(self):
        return self.tr(
            "Applies a table of movements (CSV in UTF-8 or GBK, or XLSX; Chinese or English headers) to the quota "
            "pool, all or nothing: when any row is refused, nothing is written and every refused row is reported "
            "with its rule. Rows already recorded (same document number, movement, village and area) are refused, "
            "so that importing a file twice does not double the movements, and so is a row that repeats an earlier "
            "row of the same file (both rows are named), unless duplicates are allowed.") + \
            "\n\n" + database_help(self)

    def initAlgorithm(self, config=None):
        add_database_params(self)
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Movements (CSV or XLSX)")))
        self.addParameter(QgsProcessingParameterString(self.AUTHOR, self.tr("Author (for rows without one)"),
                                                       optional=True))
        self.addParameter(QgsProcessingParameterBoolean(self.ALLOW_DUPLICATES, self.tr(
            "Record rows already in the journal, or repeated in the file, again (same document number, movement, "
            "village and area)"), False))
        self.addOutput(QgsProcessingOutputNumber("APPLIED", self.tr("Movements applied")))
        self.addOutput(QgsProcessingOutputNumber("REFUSED", self.tr("Movements refused")))

    def processAlgorithm(self, parameters, context, feedback):
        with pool_store(self, parameters, context) as store:
            entries = self.read_movements(parameters, context, feedback)
            allow = self.parameterAsBool(parameters, self.ALLOW_DUPLICATES, context)
            if not allow:
                self.refuse_repeats(entries, feedback)
            written, refused = store.record_many(entries, OverlapChecker(store), allow_duplicates=allow)
        self.refuse_rows([(i, mask(str(exc)), exc.rule) for i, exc in refused], len(entries), feedback)
        feedback.pushInfo(self.tr("{n} movements applied.").format(n=len(written)))
        return {"APPLIED": len(written), "REFUSED": 0}

    def read_movements(self, parameters, context, feedback):
        """The movements of the table, in its order; any row that cannot be one stops the run, reported by row."""
        path = self.parameterAsFile(parameters, self.INPUT, context)
        try:
            frame = read_table_file(path)
        except (StatsError, ValueError, OSError, zipfile.BadZipFile) as exc:  # a message naming the file
            raise QgsProcessingException(str(exc)) from None
        frame = frame.rename(columns=q.import_columns(frame.columns))
        if any(column not in frame.columns for column in q.IMPORT_REQUIRED):
            raise QgsProcessingException(self.tr("{file}: the columns movement and area_ha are required.").format(
                file=os.path.basename(path)))
        author = self.parameterAsString(parameters, self.AUTHOR, context)
        entries, bad = [], []
        for n, (_, row) in enumerate(frame.iterrows()):
            try:
                entries.append(q.import_entry(row, author))
            except q.QuotaRefused as exc:
                bad.append((n, str(exc), exc.rule))
                entries.append(None)
        self.refuse_rows(bad, len(entries), feedback)
        return entries

    def refuse_repeats(self, entries, feedback):
        """Stop when a row repeats an earlier row of the file (by the same key as a movement already recorded)."""
        self.refuse_rows([(i, self.tr(
            "Row {row} repeats row {first} of this file (same document number, movement, village and area); to "
            "record both, allow duplicates.").format(row=i + 2, first=first + 2), "duplicate")
            for i, first in q.repeats(entries)], len(entries), feedback)

    def refuse_rows(self, refused, total, feedback):
        """Report every refused row [(index, reason, rule)] and stop; nothing when none was refused."""
        if not refused:
            return
        for i, reason, rule in refused:
            feedback.reportError(self.tr("Row {row}: refused by rule '{rule}': {reason}").format(
                row=i + 2, rule=q.rule_name(rule), reason=reason))
        fail(self.tr("{n} of {total} movements were refused; nothing was written.").format(
            n=len(refused), total=total), feedback)
