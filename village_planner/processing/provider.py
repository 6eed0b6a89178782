"""The Processing provider ``villageplanner``."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..metadata import VERSION
from ..paths import icon_path
from ..qgis_adapter.i18n import tr


class VillagePlannerProvider(QgsProcessingProvider):
    def id(self):
        return "villageplanner"

    def name(self):
        return tr("Village Planner")

    def longName(self):
        return tr("Village Planner") + " " + VERSION

    def icon(self):
        return QIcon(icon_path())

    def versionInfo(self):
        return VERSION

    def loadAlgorithms(self):
        from .adjust_areas import AdjustAreasAlgorithm
        from .build_submission import BuildSubmissionAlgorithm
        from .check_layers import CheckLayersAlgorithm
        from .check_plan import CheckPlanAlgorithm
        from .classify_villages import ClassifyVillagesAlgorithm
        from .codes_algs import LandUseCrosswalkAlgorithm, MigrateCodes2020Algorithm
        from .decide_category import DecideCategoryAlgorithm
        from .export_maps import ExportVillageMapsAlgorithm
        from .field_merge import FieldMergeAlgorithm
        from .field_package import FieldPackageAlgorithm
        from .ledger_diff import LedgerDiffAlgorithm
        from .monitor_change import MonitorChangeAlgorithm
        from .quota_import import QuotaImportAlgorithm
        from .quota_movement import QuotaMovementAlgorithm
        from .quota_pool_create import QuotaPoolCreateAlgorithm
        from .quota_report import QuotaReportAlgorithm
        from .resource_ledger import ResourceLedgerAlgorithm
        from .sample_county import SampleCountyAlgorithm
        from .table_algs import IndicatorTableAlgorithm, StructureTableAlgorithm

        for alg in (CheckLayersAlgorithm(), ResourceLedgerAlgorithm(), LedgerDiffAlgorithm(),
                    ClassifyVillagesAlgorithm(), DecideCategoryAlgorithm(), QuotaPoolCreateAlgorithm(),
                    QuotaMovementAlgorithm(), QuotaImportAlgorithm(), QuotaReportAlgorithm(),
                    LandUseCrosswalkAlgorithm(), MigrateCodes2020Algorithm(), StructureTableAlgorithm(),
                    IndicatorTableAlgorithm(), ExportVillageMapsAlgorithm(),
                    SampleCountyAlgorithm(), AdjustAreasAlgorithm(), CheckPlanAlgorithm(),
                    BuildSubmissionAlgorithm(), MonitorChangeAlgorithm(), FieldPackageAlgorithm(),
                    FieldMergeAlgorithm()):
            self.addAlgorithm(alg)
