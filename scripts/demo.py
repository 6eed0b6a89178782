"""Run Village Planner's main jobs headless on the sample county.

    python scripts/demo.py SAMPLE_DIR OUTPUT_DIR

Starts QGIS offscreen, loads the plugin's Processing provider the way
qgis_process does (classFactory + initProcessing) and runs its algorithms.
"""

import json
import os
import sys

from qgis.core import QgsApplication


def main(sample_dir, out_dir):
    app = QgsApplication([], False)
    app.initQgis()
    try:
        return run(sample_dir, out_dir)
    finally:
        app.exitQgis()


def run(sample_dir, out_dir):
    from processing.core.Processing import Processing

    Processing.initialize()
    import processing

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    if plugin.missing:
        sys.exit("missing Python packages: %s" % plugin.missing)
    os.makedirs(out_dir, exist_ok=True)
    stale = os.path.join(out_dir, "planning.gpkg")
    if os.path.exists(stale):
        os.remove(stale)  # the demo starts a fresh planning database each time
    gpkg = os.path.join(sample_dir, "county.gpkg")

    def layer(name):
        return "%s|layername=%s" % (gpkg, name)

    inputs = {"PARCELS": layer("DLTB"), "VILLAGES": layer("CJDCQ"), "BASIC_FARMLAND": layer("YJJBNTTB"),
              "ECO_REDLINE": layer("STBHHX"), "DEV_BOUNDARY": layer("CZKFBJ"), "HAZARDS": layer("DZZHD")}
    outputs = []
    check = processing.run("villageplanner:checklayers", dict(
        inputs, OUTPUT=os.path.join(out_dir, "data_problems.csv")))
    outputs.append(("data check", check["OUTPUT"]))
    print("data check: %d errors, %d warnings" % (check["ERRORS"], check["WARNINGS"]))
    ledger = processing.run("villageplanner:resourceledger", dict(
        inputs, VILLAGE_STATS=os.path.join(sample_dir, "village_stats.csv"), SURVEY_YEAR=2023,
        PLANNING_DB=os.path.join(out_dir, "planning.gpkg"), SNAPSHOT_LABEL="demo",
        OUTPUT=os.path.join(out_dir, "ledger.gpkg"),
        OUTPUT_XLSX=os.path.join(out_dir, "ledger.xlsx"),
        OUTPUT_HTML=os.path.join(out_dir, "ledger.html")))
    print("ledger: %d villages, %d warnings" % (ledger["VILLAGES_COUNT"], ledger["WARNINGS"]))
    outputs += [("ledger layer", ledger["OUTPUT"]), ("ledger workbook", ledger["OUTPUT_XLSX"]),
                ("ledger report", ledger["OUTPUT_HTML"]),
                ("planning db", "%s (ledger snapshot %d)" % (os.path.abspath(stale), ledger["SNAPSHOT_ID"]))]
    classes = processing.run("villageplanner:classifyvillages", {
        "LEDGER": ledger["OUTPUT"], "DEV_BOUNDARY": layer("CZKFBJ"), "PLANNING_DB": stale,
        "OUTPUT": os.path.join(out_dir, "classification.gpkg"),
        "OUTPUT_HTML": os.path.join(out_dir, "classification_summary.html")})
    for row in json.loads(classes["SUMMARY"]):
        print("  %-30s %3d villages (%.0f%%)  national reference %s" % (
            row["name"], row["count"], row["share"], row["reference"] or "-"))
    outputs += [("classification", classes["OUTPUT"]), ("county summary", classes["OUTPUT_HTML"])]
    print("\nVillage Planner demo outputs:")
    for label, path in outputs:
        print("  %-16s %s" % (label, path if " " in path else os.path.abspath(path)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
