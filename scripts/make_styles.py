"""Write the standard .qml styles and .qpt map templates into resources/ (run after changing colours or design).

    python scripts/make_styles.py [OUT_RESOURCES_DIR]
"""

import os
import sys

from qgis.core import QgsApplication, QgsFeature, QgsReadWriteContext, QgsVectorLayer

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_all(resources):
    from village_planner.core.codes import load_survey_codes, resource_path
    from village_planner.core.crosswalk import planning_codes
    from village_planner.layouts.village_maps import PAPERS, VillageMapExporter
    from village_planner.qgis_adapter.compat import new_field
    from village_planner.qgis_adapter.styles import code_renderer

    written = []
    for kind, field, codes in (
            ("planning", "GHDLBM", [c for c in planning_codes() if len(c) >= 4]),
            ("survey", "DLBM", list(load_survey_codes(resource_path("codes", "survey_codes.csv"))))):
        layer = QgsVectorLayer("Polygon?crs=EPSG:4545", kind, "memory")
        layer.dataProvider().addAttributes([new_field(field, "text")])
        layer.updateFields()
        feats = []
        for code in codes:
            f = QgsFeature(layer.fields())
            f.setAttributes([code])
            feats.append(f)
        layer.dataProvider().addFeatures(feats)
        layer.setRenderer(code_renderer(layer, field, kind))
        path = os.path.join(resources, "styles", "%s_codes.qml" % kind)
        layer.saveNamedStyle(path)
        written.append(path)
    for paper in PAPERS:
        exporter = VillageMapExporter({}, {"paper": paper})
        from qgis.core import QgsPrintLayout

        layout = QgsPrintLayout(exporter.project)
        layout.initializeDefaults()
        exporter._default_design(layout)
        path = os.path.join(resources, "templates", "maps", "village_map_%s.qpt" % paper)
        layout.saveAsTemplate(path, QgsReadWriteContext())
        written.append(path)
    return written


if __name__ == "__main__":
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.insert(0, ROOT)
    for p in write_all(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "resources")):
        print(p)
    os._exit(0)
