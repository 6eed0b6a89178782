"""Benchmark: village map export against QGIS's own atlas export of the same template.

    python tests/bench/bench_maps.py [--repeat 3]

Exports the current land-use map of every sample-county village with
villageplanner:exportvillagemaps and, in the same run, with native:atlaslayouttopdf
over the same .qpt, layers and styles; reports pages per minute (medians).
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)
sys.path.append("/usr/share/qgis/python/plugins")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dpi", type=int, default=150)
    args = ap.parse_args()
    from qgis.core import (
        QgsApplication,
        QgsLayoutItemMap,
        QgsPrintLayout,
        QgsProject,
        QgsReadWriteContext,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtXml import QDomDocument

    app = QgsApplication([], False)
    app.initQgis()
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import village_planner
    from village_planner.core.codes import resource_path
    from village_planner.qgis_adapter.styles import apply_standard_style, outline_symbol
    from village_planner.sample.generator import generate

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    sample = os.path.join(ROOT, "bench-output", "maps_sample")
    if not os.path.exists(os.path.join(sample, "county.gpkg")):
        generate(sample, 12, 4800, 42, variants=False)
    gpkg = os.path.join(sample, "county.gpkg")
    template = resource_path("templates", "maps", "village_map_A3.qpt")
    ours, atlas, pages = [], [], 0
    for _ in range(args.repeat):
        out = tempfile.mkdtemp(prefix="vp-maps-")
        t = time.perf_counter()
        res = processing.run("villageplanner:exportvillagemaps", {
            "VILLAGES": gpkg + "|layername=CJDCQ", "CURRENT_LANDUSE": gpkg + "|layername=DLTB", "MAPS": [0],
            "TEMPLATE": template, "DPI": args.dpi, "OUTPUT_FOLDER": out})
        ours.append(time.perf_counter() - t)
        pages = res["EXPORTED"]
        # the same template as a QGIS atlas over the villages
        project = QgsProject.instance()
        project.clear()
        villages = QgsVectorLayer(gpkg + "|layername=CJDCQ", "villages", "ogr")
        parcels = QgsVectorLayer(gpkg + "|layername=DLTB", "parcels", "ogr")
        from qgis.core import QgsSingleSymbolRenderer

        villages.setRenderer(QgsSingleSymbolRenderer(outline_symbol("#000000", 0.6)))
        apply_standard_style(parcels)
        project.addMapLayers([villages, parcels])
        project.setCrs(villages.crs())
        t = time.perf_counter()
        layout = QgsPrintLayout(project)
        layout.initializeDefaults()
        doc = QDomDocument()
        with open(template, encoding="utf-8") as fh:
            doc.setContent(fh.read())
        layout.loadFromTemplate(doc, QgsReadWriteContext())
        layout.setName("atlas")
        atlas_obj = layout.atlas()
        atlas_obj.setCoverageLayer(villages)
        atlas_obj.setEnabled(True)
        main_map = layout.itemById("map")
        main_map.setLayers([villages, parcels])
        main_map.setAtlasDriven(True)
        main_map.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
        main_map.setAtlasMargin(0.12)
        # the same furniture as ours: an inset with an overview, a legend of the classes in the map, a scale bar
        inset = layout.itemById("inset")
        inset.setLayers([villages])
        inset.setExtent(villages.extent())
        inset.overview().setLinkedMap(main_map)
        legend = layout.itemById("legend")
        legend.setAutoUpdateModel(False)
        legend.setLinkedMap(main_map)
        legend.setLegendFilterByMapEnabled(True)
        layout.itemById("scalebar").setLinkedMap(main_map)
        title = layout.itemById("title")
        if title is not None:
            title.setText("[% \"ZLDWMC\" %]村域综合现状图")
        project.layoutManager().addLayout(layout)
        processing.run("native:atlaslayouttopdf", {"LAYOUT": "atlas", "DPI": args.dpi,
                                                   "OUTPUT": os.path.join(out, "atlas.pdf")})
        atlas.append(time.perf_counter() - t)
        project.layoutManager().removeLayout(layout)
    med_ours, med_atlas = statistics.median(ours), statistics.median(atlas)
    report = {"pages": pages, "dpi": args.dpi, "repeat": args.repeat, "ours_s": med_ours, "atlas_s": med_atlas,
              "ours_pages_per_min": pages / med_ours * 60, "atlas_pages_per_min": pages / med_atlas * 60,
              "ratio_ours_over_atlas": (pages / med_ours) / (pages / med_atlas)}
    os.makedirs(os.path.join(ROOT, "bench-output"), exist_ok=True)
    with open(os.path.join(ROOT, "bench-output", "maps.json"), "w") as fh:
        json.dump(report, fh, indent=1)
    print("maps: ours %.1f pages/min, QGIS atlas %.1f pages/min, ratio %.2f (median of %d, %d pages, %d dpi)" % (
        report["ours_pages_per_min"], report["atlas_pages_per_min"], report["ratio_ours_over_atlas"], args.repeat,
        pages, args.dpi))
    os._exit(0)


if __name__ == "__main__":
    main()
