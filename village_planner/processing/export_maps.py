"""villageplanner:exportvillagemaps: the three village maps of every village, as PDF and/or PNG."""

import datetime as _dt
import os
import re

from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..core.i18n import N_
from ..layouts.village_maps import (
    LAYER_KEYS,
    MAPS,
    REQUIRED_LAYERS,
    TITLE_ZH,
    MapError,
    VillageMapExporter,
    villages_of,
)
from ..qgis_adapter.planning_layers import PlanningLayerError, read_planning_layer
from ..qgis_adapter.roles import layer_parameter
from .base import VillagePlannerAlgorithm
from .params import KeyedEnumParameter, enum_key, enum_keys

MAP_KEYS = list(MAPS)
FORMATS = ["PDF", "PNG", "BOTH"]
FORMAT_LABELS = [N_("PDF"), N_("PNG"), N_("PDF and PNG")]
PAPER = ["A3", "A4", "A1"]
LANGUAGES = ["zh", "en"]
LANGUAGE_LABELS = [N_("Chinese"), N_("English")]
def safe_name(text):
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_")


def _structure_rows(layer, boundary=None):
    from ..core.structure import load_rows, structure_table

    frame = read_planning_layer(layer, None, boundary)
    spec = load_rows()
    return {code: {r["row_id"]: r for r in structure_table(part, part, spec)}
            for code, part in frame.groupby("village") if code}


class ExportVillageMapsAlgorithm(VillagePlannerAlgorithm):
    ALG_ID = "exportvillagemaps"
    GROUP = "plan"

    def displayName(self):
        return self.tr("Export village plan maps")

    def shortHelpString(self):
        return self.tr(
            "Exports, for every village (or the listed ones), the village-wide current land use map, the land and "
            "space use plan map and the control boundaries map, as PDF (with searchable Chinese text) and/or PNG, "
            "named <village_code>_<village_name>_<map>. A village that fails is reported and the others are still "
            "exported.")

    def initAlgorithm(self, config=None):
        for name in LAYER_KEYS:
            self.addParameter(layer_parameter(name, optional=name not in REQUIRED_LAYERS))
        self.addParameter(QgsProcessingParameterString("VILLAGE_CODES", self.tr(
            "Village codes (comma separated; empty for all)"), optional=True))
        self.addParameter(KeyedEnumParameter(
            "MAPS", self.tr("Maps (empty: every map whose layers were given)"), MAP_KEYS,
            [self.tr(MAPS[k]) for k in MAP_KEYS], allow_multiple=True, optional=True))
        self.addParameter(QgsProcessingParameterFile("TEMPLATE", self.tr("Print layout template (.qpt, optional)"),
                                                     extension="qpt", optional=True))
        self.addParameter(KeyedEnumParameter("FORMAT", self.tr("Format"), [f.lower() for f in FORMATS],
                                             [self.tr(label) for label in FORMAT_LABELS], default="pdf"))
        self.addParameter(QgsProcessingParameterNumber("DPI", self.tr("Resolution (dpi)"),
                                                       QgsProcessingParameterNumber.Type.Integer, 150, False, 72, 600))
        self.addParameter(KeyedEnumParameter("PAPER", self.tr("Paper"), PAPER, PAPER, default="A3"))
        self.addParameter(KeyedEnumParameter("LANGUAGE", self.tr("Language of the map text"), LANGUAGES,
                                             [self.tr(label) for label in LANGUAGE_LABELS], default="zh"))
        self.addParameter(QgsProcessingParameterString("PLANNING_PERIOD", self.tr("Planning period"),
                                                       defaultValue="2021—2035"))
        self.addParameter(QgsProcessingParameterString("COMPILED_BY", self.tr("Compiling unit"), optional=True))
        self.addParameter(QgsProcessingParameterBoolean("MERGE", self.tr("Also one map book (PDF) per town"),
                                                        False))
        self.addParameter(QgsProcessingParameterFolderDestination("OUTPUT_FOLDER", self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputNumber("EXPORTED", self.tr("Files exported")))
        self.addOutput(QgsProcessingOutputNumber("FAILED", self.tr("Villages that failed")))
        self.addOutput(QgsProcessingOutputString("FILES", self.tr("Files (one per line)")))

    def summary_figures(self, layers, feedback, tr):
        """{village code: {label: text}} for the summary table of the maps: areas now and planned."""
        out = {}
        try:
            boundary = layers.get("construction_boundary")
            now = _structure_rows(layers["current"], boundary) if layers.get("current") is not None else {}
            plan = _structure_rows(layers["planned"], boundary) if layers.get("planned") is not None else {}
        except PlanningLayerError as exc:
            feedback.pushWarning(str(exc))
            return out
        for code in set(now) | set(plan):
            fig = {}
            for rid, label in (("TOTAL", tr("Village area")), ("01", tr("Cultivated land")),
                               ("C", tr("Construction land")), ("C12", tr("Village construction land"))):
                parts = []
                if code in now and rid in now[code]:
                    parts.append(tr("now {ha:.2f} ha").format(ha=now[code][rid]["base_ha"]))
                if code in plan and rid in plan[code]:
                    parts.append(tr("planned {ha:.2f} ha").format(ha=plan[code][rid]["base_ha"]))
                fig[label] = ", ".join(parts)
            out[code] = fig
        return out

    def processAlgorithm(self, parameters, context, feedback):
        layers = {key: self.parameterAsVectorLayer(parameters, name, context) for name, key in LAYER_KEYS.items()}
        folder = self.parameterAsString(parameters, "OUTPUT_FOLDER", context)
        self.check_folder_path(folder, "OUTPUT_FOLDER")
        language = enum_key(self, parameters, "LANGUAGE")
        settings = {"paper": enum_key(self, parameters, "PAPER"),
                    "template": self.parameterAsFile(parameters, "TEMPLATE", context) or None,
                    "period": self.parameterAsString(parameters, "PLANNING_PERIOD", context),
                    "unit": self.parameterAsString(parameters, "COMPILED_BY", context),
                    "date": _dt.date.today().isoformat(), "lang": language}
        fmt = enum_key(self, parameters, "FORMAT").upper()
        dpi = self.parameterAsInt(parameters, "DPI", context)
        with self.user_errors():
            exporter = VillageMapExporter(layers, settings)
        chosen = enum_keys(self, parameters, "MAPS")
        kinds = chosen or [k for k in MAP_KEYS if exporter.available(k)]
        missing = [k for k in kinds if not exporter.available(k)]
        if missing:
            raise QgsProcessingException(self.tr("The layers for these maps were not given: {maps}").format(
                maps=", ".join(self.tr(MAPS[k]) for k in missing)))
        wanted = {c.strip() for c in self.parameterAsString(parameters, "VILLAGE_CODES", context).split(",")
                  if c.strip()}
        villages = villages_of(layers["villages"], wanted or None)
        if wanted and not villages:
            raise QgsProcessingException(self.tr("None of the village codes {codes} is in the village layer.").format(
                codes=", ".join(sorted(wanted))))
        self.prepare_folder(folder, "OUTPUT_FOLDER")  # only now: a refused run leaves no empty folder
        figures = self.summary_figures(layers, feedback, exporter.tr)
        for v in villages:
            v["figures"] = figures.get(v["code"], {})
        files, failed = [], 0
        total = max(len(villages) * len(kinds), 1)
        done = 0
        for village in villages:
            for kind in kinds:
                if feedback.isCanceled():
                    break
                base = os.path.join(folder, "_".join(p for p in (village["code"], safe_name(village["name"]),
                                                                 TITLE_ZH[kind]) if p))
                try:
                    layout = exporter.build(kind, village)
                    files += exporter.export(layout, base, fmt, dpi)
                except (MapError, OSError) as exc:  # one village's failure must not stop the others
                    failed += 1
                    feedback.reportError(self.tr("Village {code} {name}, {map}: {error}").format(
                        code=village["code"], name=village["name"], map=self.tr(MAPS[kind]), error=exc))
                done += 1
                feedback.setProgress(100 * done / total)
        if self.parameterAsBool(parameters, "MERGE", context) and not feedback.isCanceled():
            from ..layouts.village_maps import export_book

            towns = {}
            for village in villages:
                towns.setdefault(village["code"][:9], []).append(village)
            for town, members in sorted(towns.items()):
                path = os.path.join(folder, "{}_{}.pdf".format(town, "村庄规划图集"))
                try:
                    files.append(export_book(exporter, [(v, k) for v in members for k in kinds], path, dpi))
                except (MapError, OSError) as exc:  # the villages' own files are already written
                    feedback.reportError(self.tr("Map book of town {town}: {error}").format(town=town, error=exc))
        feedback.pushInfo(self.tr("{n} files written to {folder}").format(n=len(files), folder=folder))
        return {"OUTPUT_FOLDER": folder, "EXPORTED": len(files), "FAILED": failed, "FILES": "\n".join(files)}
