"""Prepare field package: one folder per package for verifying villages on a laptop without network."""

import datetime
import json
import os
import re
import shutil

from qgis.core import (
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
)

from ..core import field as fc
from ..core.codes import village_code
from ..metadata import VERSION
from ..qgis_adapter import settings
from ..qgis_adapter.field_database import field_store
from ..qgis_adapter.field_package import (
    build_project,
    crs_of_srs,
    hazard_seed,
    parcel_seed,
    srs_of,
    write_basemap,
    write_reference_layer,
)
from ..store import field_store as fs
from .base import VillagePlannerAlgorithm

PACKAGE_GPKG, MANIFEST, FORMS = fc.PACKAGE_GPKG, fc.MANIFEST, fc.FORMS


class FieldPackageAlgorithm(VillagePlannerAlgorithm):
    """Runs on the main thread: it builds a QGIS project and runs Processing for the reference layers."""

    ALG_ID = "fieldpackage"
    GROUP = "field"
    CREATED_FILES = ("DATABASE",)

    def displayName(self):
        return self.tr("Prepare field package")

    def shortHelpString(self):
        return self.tr(
            "Writes one folder for verifying villages in the field without network: a GeoPackage with the villages' "
            "survey rows (homesteads, facility needs, hazard checks, villager opinions) and the reference layers "
            "clipped to the villages, a QGIS project that opens with the survey forms (value lists, dates, photos, "
            "surveyor and date filled in), a photos folder, and a manifest recording the version of every row. "
            "The survey layers are created in the planning GeoPackage if missing; the first time a village is "
            "packaged its homesteads are seeded from the survey parcels with code 0702 and its hazard checks from "
            "the hazard points. Merge the folder back with Merge field package.")

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterString("DATABASE", self.tr(
            "Planning database (.gpkg, PostgreSQL connection string or connection:NAME)")))
        self.addParameter(QgsProcessingParameterString("VILLAGE_CODES", self.tr(
            "Village codes (12 digits, separated by commas)")))
        self.addParameter(QgsProcessingParameterVectorLayer("PARCELS", self.tr("Survey parcels (DLTB)"),
                                                            [QgsProcessing.SourceType.TypeVectorPolygon]))
        self.addParameter(QgsProcessingParameterVectorLayer("HAZARDS", self.tr("Hazard points (DZZHD)"),
                                                            [QgsProcessing.SourceType.TypeVectorPoint], optional=True))
        self.addParameter(QgsProcessingParameterMultipleLayers("REFERENCE_LAYERS", self.tr(
            "Reference layers (clipped to the villages, read-only in the package)"),
            QgsProcessing.SourceType.TypeVectorAnyGeometry, optional=True))
        self.addParameter(QgsProcessingParameterRasterLayer("BASEMAP", self.tr("Basemap (raster)"), optional=True))
        self.addParameter(QgsProcessingParameterString("SURVEYOR", self.tr(
            "Surveyor (empty: the planner name of this computer)"), optional=True))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputFolder("PACKAGE", self.tr("Package folder")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", self.tr("Package project")))
        self.addOutput(QgsProcessingOutputNumber("ROWS", self.tr("Survey rows in the package")))

    def flags(self):
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def processAlgorithm(self, parameters, context, feedback):
        with self.user_errors():
            return self.execute(parameters, context, feedback)

    def villages(self, parameters, context):
        """The 12-digit codes of VILLAGE_CODES, whatever separates them; a code that is not one is named."""
        text = self.parameterAsString(parameters, "VILLAGE_CODES", context)
        codes = re.findall(r"[0-9]+", text)  # any separator: commas, 、, spaces, new lines pasted from a sheet
        wrong = [c for c in codes if len(c) != 12 or village_code(c) != c]
        if not codes or wrong or re.search(r"[^0-9\s,，、;；|/]", text):
            raise QgsProcessingException(self.tr(
                "VILLAGE_CODES: give 12-digit village codes separated by commas; {wrong} is not one.").format(
                    wrong=", ".join(wrong) or text.strip() or '""'))
        return sorted(set(codes))

    def output_root(self, parameters, context):
        """OUTPUT_FOLDER, made if needed and writable: checked before anything goes to the planning database."""
        out_root = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        try:
            os.makedirs(out_root, exist_ok=True)
            usable = os.access(out_root, os.W_OK | os.X_OK)
        except (OSError, ValueError):
            usable = False
        if not usable:
            raise QgsProcessingException(self.tr("OUTPUT_FOLDER: {path} is not a folder that can be written.").format(
                path=out_root))
        return out_root

    def execute(self, parameters, context, feedback):
        store = field_store(self.parameterAsString(parameters, "DATABASE", context))
        villages = self.villages(parameters, context)
        out_root = self.output_root(parameters, context)
        parcels = self.parameterAsVectorLayer(parameters, "PARCELS", context)
        hazards = self.parameterAsVectorLayer(parameters, "HAZARDS", context)
        references = self.parameterAsLayerList(parameters, "REFERENCE_LAYERS", context)
        surveyor = self.parameterAsString(parameters, "SURVEYOR", context).strip() or \
            settings.read(settings.PLANNER_NAME)
        basemap = self.parameterAsRasterLayer(parameters, "BASEMAP", context)
        forms = fc.load_forms(FORMS)

        srs = store.survey_srs() or srs_of(parcels.crs())
        crs = crs_of_srs(srs)
        tctx = context.transformContext()
        database_id = store.ensure_survey_schema(forms, srs)
        seeds, extent = parcel_seed(parcels, villages, crs, srs["srs_id"], tctx)
        if extent.isEmpty() or extent.width() <= 0:
            raise QgsProcessingException(self.tr("VILLAGE_CODES: no survey parcel belongs to the villages {codes}.")
                                         .format(codes=", ".join(villages)))
        for other in store.open_packages(villages):  # allowed, but the planners should know
            feedback.pushWarning(self.tr(
                "Package {id} of {when} ({surveyor}) for villages {villages} is not merged yet; rows edited in "
                "both packages will be conflicts at the second merge.").format(
                    id=other["package_id"], when=other["created_at"], surveyor=other["surveyor"] or "-",
                    villages=other["villages"]))
        n = store.seed("homestead_survey", villages, seeds)
        if n:
            feedback.pushInfo(self.tr("{n} homesteads seeded from the survey parcels (0702).").format(n=n))
        if hazards is not None:
            values = [f for f in forms["layers"]["hazard_check"]["fields"] if f["name"] == "hazard_type"]
            store.seed("hazard_check", villages, hazard_seed(
                hazards, villages, values[0]["values"] if values else [], crs, srs["srs_id"], tctx))

        package_id = fs.new_uuid()
        stamp = datetime.datetime.now()
        name = "field_%s_%s_%s" % ("_".join(villages) if len(villages) <= 3 else villages[0] + "_etc",
                                   stamp.strftime("%Y%m%d_%H%M%S"), package_id[:6])
        folder = os.path.join(out_root, name)
        os.makedirs(os.path.join(folder, "photos"))
        try:  # a package is complete or not there at all: an error or a cancel removes the folder
            gpkg = os.path.join(folder, PACKAGE_GPKG)
            rows_by_layer, layers, row_hashes, photos = package_rows(store, forms, villages, folder)
            fs.write_package_layers(gpkg, forms, srs, rows_by_layer, package_id)
            pad = max(extent.width(), extent.height()) * 0.02
            extent.grow(pad)
            ref_names = []
            for i, ref in enumerate(references):
                if feedback.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled: no package was made."))
                ref_names.append(write_reference_layer(ref, gpkg, extent, crs, tctx, feedback))
                feedback.setProgress(60 + 30 * (i + 1) / max(len(references), 1))
            basemap_table = None
            if basemap is not None and not feedback.isCanceled():
                basemap_table = write_basemap(basemap, gpkg, extent, crs)
                feedback.pushInfo(self.tr("Basemap {layer} clipped to the villages and stored in the package.").format(
                    layer=basemap.name()))
            if photos:
                feedback.pushInfo(self.tr("{n} photos of the packaged rows copied into the package.").format(n=photos))
            project = build_project(folder, PACKAGE_GPKG, name, forms, ref_names, crs, surveyor, villages,
                                    basemap_table)
            total = sum(len(r) for r in rows_by_layer.values())
            where = os.path.abspath(store.path) if store.kind == "gpkg" else store.label  # never a password
            manifest = {
                "package_id": package_id, "database_id": database_id, "database": where,
                "villages": villages, "surveyor": surveyor, "created_at": stamp.isoformat(timespec="seconds"),
                "plugin_version": VERSION, "forms_version": forms["version"], "layers": layers,
                "content_hash": fc.content_hash(row_hashes),
                "files": {PACKAGE_GPKG: fc.file_hash(gpkg)}, "reference_layers": ref_names,
                "basemap": basemap_table}
            with open(os.path.join(folder, MANIFEST), "w", encoding="utf-8") as fh:
                json.dump(manifest, fh, ensure_ascii=False, indent=1)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        store.record_package(package_id, surveyor, villages, total, folder)
        feedback.pushInfo(self.tr("Field package {folder}: {n} survey rows of {v} villages.").format(
            folder=folder, n=total, v=len(villages)))
        return {"PACKAGE": folder, "PROJECT": project, "ROWS": total}


def package_rows(store, forms, villages, folder):
    """The villages' survey rows per layer, their base versions and hashes for the manifest, and the number
    of photos copied into the package's photos folder (each named as the package's form names it)."""
    rows_by_layer, layers, row_hashes = {}, {}, {}
    photos = 0
    for layer in forms["layers"]:
        rows = store.read_layer(forms, layer, villages)
        cols = fc.content_columns(forms, layer)
        layers[layer] = {}
        for row in rows:
            if row.get("photo"):
                copied = store.export_photo(row["photo"], os.path.join(folder, "photos"))
                if copied:
                    row["photo"] = "photos/" + copied
                    photos += 1
            h = fc.row_hash(row, cols)
            layers[layer][row["uuid"]] = {"version": row["row_version"], "hash": h}
            row_hashes[layer + ":" + row["uuid"]] = h
        rows_by_layer[layer] = rows
    return rows_by_layer, layers, row_hashes, photos
