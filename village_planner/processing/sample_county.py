"""villageplanner:samplecounty: write the synthetic sample county."""

from qgis.core import (
    QgsProcessingOutputString,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
)

from .base import VillagePlannerAlgorithm


class SampleCountyAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "samplecounty"
    GROUP = "tools"

    def displayName(self):
        return self.tr("Generate sample county")

    def shortHelpString(self):
        return self.tr(
            "Writes a synthetic county in the land survey schema (village zones, parcels, permanent basic "
            "farmland, red line, development boundary, hazard points and village statistics) to try the "
            "plugin. The same seed always gives the same county.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterNumber("VILLAGES", self.tr("Villages"),
                                                       QgsProcessingParameterNumber.Type.Integer, 12, False, 2, 5000))
        self.addParameter(QgsProcessingParameterNumber("PARCELS", self.tr("Parcels"),
                                                       QgsProcessingParameterNumber.Type.Integer, 4800, False, 32))
        self.addParameter(QgsProcessingParameterNumber("SEED", self.tr("Random seed"),
                                                       QgsProcessingParameterNumber.Type.Integer, 42))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputString("GEOPACKAGE", self.tr("Sample county GeoPackage")))

    def processAlgorithm(self, parameters, context, feedback):
        from ..sample.generator import generate

        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        summary = generate(folder, self.parameterAsInt(parameters, "VILLAGES", context),
                           self.parameterAsInt(parameters, "PARCELS", context),
                           self.parameterAsInt(parameters, "SEED", context))
        feedback.pushInfo(self.tr("{v} villages and {p} parcels written to {folder}").format(
            v=summary["villages"], p=summary["parcels"], folder=folder))
        return {"OUTPUT_FOLDER": folder, "GEOPACKAGE": folder + "/county.gpkg"}
