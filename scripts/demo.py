"""Run Village Planner's main jobs headless on the sample county.

    python scripts/demo.py SAMPLE_DIR OUTPUT_DIR

Starts QGIS offscreen, loads the plugin's Processing provider the way
qgis_process does (classFactory + initProcessing) and runs its algorithms.
"""

import json
import os
import sys

from qgis.core import QgsApplication, QgsVectorLayer


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
    outputs += quota_year(processing, stale, ledger["OUTPUT"], classes["OUTPUT"], layer, out_dir)
    structure = processing.run("villageplanner:structuretable", {
        "BASE": layer("DLTB"), "PLANNED": layer("GHDLTB"), "OUTPUT": os.path.join(out_dir, "structure_table.csv"),
        "OUTPUT_XLSX": os.path.join(out_dir, "structure_tables.xlsx")})
    indicators = processing.run("villageplanner:indicatortable", {
        "BASE": layer("DLTB"), "PLANNED": layer("GHDLTB"), "LEDGER": ledger["OUTPUT"],
        "OUTPUT": os.path.join(out_dir, "indicator_table.csv"),
        "OUTPUT_XLSX": os.path.join(out_dir, "indicator_tables.xlsx")})
    maps = processing.run("villageplanner:exportvillagemaps", {
        "VILLAGES": layer("CJDCQ"), "CURRENT_LANDUSE": layer("DLTB"), "PLANNED_LANDUSE": layer("GHDLTB"),
        "BASIC_FARMLAND": layer("YJJBNTTB"), "ECO_REDLINE": layer("STBHHX"), "DEV_BOUNDARY": layer("CZKFBJ"),
        "CONSTRUCTION_BOUNDARY": layer("CZJSBJ"), "FORMAT": 0, "DPI": 150, "COMPILED_BY": "示例县规划设计院",
        "OUTPUT_FOLDER": os.path.join(out_dir, "maps")})
    print("  maps: %d PDF files, %d villages failed" % (maps["EXPORTED"], maps["FAILED"]))
    outputs += [("structure tables", structure["OUTPUT_XLSX"]), ("indicator tables", indicators["OUTPUT_XLSX"]),
                ("village maps", maps["OUTPUT_FOLDER"])]
    plan = {"PLANNED_LANDUSE": layer("GHDLTB"), "VILLAGES": layer("CJDCQ"), "CURRENT_LANDUSE": layer("DLTB"),
            "BASIC_FARMLAND": layer("YJJBNTTB"), "ECO_REDLINE": layer("STBHHX"), "DEV_BOUNDARY": layer("CZKFBJ"),
            "CONSTRUCTION_BOUNDARY": layer("CZJSBJ")}
    checked = processing.run("villageplanner:checkplan", dict(
        plan, OUTPUT=os.path.join(out_dir, "plan_check.gpkg"), OUTPUT_HTML=os.path.join(out_dir, "plan_check.html")))
    print("  plan check: %d errors, %d warnings" % (checked["ERRORS"], checked["WARNINGS"]))
    first = sorted(f["ZLDWDM"][:12] for f in QgsVectorLayer(layer("CJDCQ"), "v", "ogr").getFeatures())[1]
    submission = processing.run("villageplanner:buildsubmission", dict(
        plan, VILLAGE_CODES=first, FORMAT="gdb", OUTPUT_FOLDER=os.path.join(out_dir, "submission")))
    print("  submission: %d database(s), %d ready" % (submission["DATABASES"], submission["READY"]))
    outputs += [("plan check", checked["OUTPUT_HTML"]), ("submission", submission["OUTPUT_FOLDER"])]
    from village_planner.sample.change_survey import make_change_survey

    survey = make_change_survey(sample_dir, out_dir)  # a generated next-year survey with planted cases
    monitored = processing.run("villageplanner:monitorchange", {
        "BASELINE": layer("DLTB"), "CURRENT": survey["path"] + "|layername=DLTB", "VILLAGES": layer("CJDCQ"),
        "PLANNED_LANDUSE": layer("GHDLTB"), "BASIC_FARMLAND": layer("YJJBNTTB"), "ECO_REDLINE": layer("STBHHX"),
        "QUOTA_DATABASE": stale, "PERIOD_START": "2026-01-01", "PERIOD_END": "2026-12-31",
        "OUTPUT": os.path.join(out_dir, "monitoring.gpkg"), "OUTPUT_CHANGES": os.path.join(out_dir, "changes.gpkg"),
        "OUTPUT_XLSX": os.path.join(out_dir, "monitoring.xlsx"),
        "OUTPUT_HTML": os.path.join(out_dir, "monitoring.html")})
    print("  monitoring: %d changed pieces, %d villages flagged, %.4f ha unexplained" % (
        monitored["CHANGED_PIECES"], monitored["FLAGGED"], monitored["UNEXPLAINED_HA"]))
    outputs += [("monitoring", monitored["OUTPUT_XLSX"]), ("monitoring map", monitored["OUTPUT_CHANGES"])]
    outputs += field_round(processing, layer, out_dir)
    print("\nVillage Planner demo outputs:")
    for label, path in outputs:
        print("  %-16s %s" % (label, path if " " in path else os.path.abspath(path)))
    return 0


YEAR = [
    # (movement, ha, extra parameters) - a county's year, with movements the rules refuse
    ("inflow", 8.0, {"SOURCE": "reclamation", "PROJECT": "2025年度旧宅基地复垦", "DATE": "2026-01-15"}),
    ("inflow", 5.0, {"SOURCE": "annual_plan", "PROJECT": "2026年度计划指标", "DATE": "2026-02-01"}),
    ("allocate", 3.0, {"VILLAGE": "500230002001", "DATE": "2026-03-10"}),
    ("allocate", 2.5, {"VILLAGE": "500230001001", "DATE": "2026-03-10"}),
    ("allocate", 1.0, {"VILLAGE": "500230001003", "DATE": "2026-03-12"}),  # relocation village: refused
    ("allocate", 1.0, {"VILLAGE": "500230001003", "PURPOSE": "resettlement", "DATE": "2026-03-12"}),
    ("draw", 0.4, {"VILLAGE": "500230002001", "PROJECT": "村民建房", "LAND_USE_CODE": "0703", "DATE": "2026-05-20"}),
    ("draw", 9.0, {"VILLAGE": "500230002001", "PROJECT": "超额用地", "DATE": "2026-06-02"}),  # refused: balance
    ("transfer", 0.5, {"VILLAGE": "500230001001", "TO_VILLAGE": "500230002001", "DATE": "2026-08-01"}),
    ("return", 0.5, {"VILLAGE": "500230001001", "DATE": "2026-11-30"}),
]


def quota_year(processing, db, ledger, classes, layer, out_dir):
    from qgis.core import QgsProcessingException

    baseline = sum(f["construction_ha"] or 0 for f in QgsVectorLayer(ledger, "l", "ogr").getFeatures())
    processing.run("villageplanner:quotapoolcreate", {
        "DATABASE": db, "COUNTY_CODE": "500230", "CONTROL_TOTAL_HA": round(baseline + 6.0, 4), "LEDGER": ledger,
        "CLASSIFICATION": classes, "BASIC_FARMLAND": layer("YJJBNTTB"), "ECO_REDLINE": layer("STBHHX")})
    kinds = ["inflow", "allocate", "draw", "return", "transfer", "expire", "reverse"]
    for kind, ha, extra in YEAR:
        params = {"DATABASE": db, "MOVEMENT": kinds.index(kind), "AREA_HA": ha, "DOCUMENT_NO": "丰都规资〔2026〕%d号"
                  % (len(extra) + int(ha * 10)), "AUTHOR": "县规划局", **extra}
        try:
            res = processing.run("villageplanner:quotamovement", params)
            print("  quota %-8s %5.2f ha  recorded #%d" % (kind, ha, res["SEQ"]))
        except QgsProcessingException as exc:
            print("  quota %-8s %5.2f ha  REFUSED: %s" % (kind, ha, str(exc).splitlines()[0][:110]))
    report = processing.run("villageplanner:quotareport", {
        "DATABASE": db, "OUTPUT": os.path.join(out_dir, "quota_balances.csv"),
        "OUTPUT_XLSX": os.path.join(out_dir, "quota_pool.xlsx"),
        "OUTPUT_HTML": os.path.join(out_dir, "quota_pool.html")})
    print("  quota pool: %.4f ha available, %.4f ha drawn, verified=%d" % (
        report["POOL_BALANCE_HA"], report["DRAWN_HA"], report["VERIFIED"]))
    return [("quota workbook", report["OUTPUT_XLSX"]), ("quota report", report["OUTPUT_HTML"])]


def field_round(processing, layer, out_dir):
    """Field verification: package a village, edit it as a field planner would, merge it back, print the report."""
    import sqlite3

    db = os.path.join(out_dir, "field_planning.gpkg")
    if os.path.exists(db):
        os.remove(db)  # a fresh database each run, as for the quota pool
    pkg = processing.run("villageplanner:fieldpackage", {
        "DATABASE": db, "VILLAGE_CODES": "500230001002", "PARCELS": layer("DLTB"), "HAZARDS": layer("DZZHD"),
        "REFERENCE_LAYERS": [layer("CJDCQ")], "SURVEYOR": "李工", "OUTPUT_FOLDER": os.path.join(out_dir, "field")})
    con = sqlite3.connect(os.path.join(pkg["PACKAGE"], "field_data.gpkg"))
    keys = [r[0] for r in con.execute("SELECT uuid FROM homestead_survey ORDER BY fid")]
    for key, status in zip(keys, ["在用", "闲置", "一户多宅"]):
        con.execute("UPDATE homestead_survey SET status=?, surveyor='李工', surveyed_at='2026-04-01' WHERE uuid=?",
                    (status, key))
    con.commit()
    con.close()
    office = sqlite3.connect(db)  # meanwhile in the office: the second homestead is marked demolished
    office.execute("UPDATE homestead_survey SET status='已拆除' WHERE uuid=?", (keys[1],))
    office.commit()
    office.close()
    merged = processing.run("villageplanner:fieldmerge", {
        "PACKAGE": pkg["PACKAGE"], "DATABASE": db, "OUTPUT_REPORT": os.path.join(out_dir, "field_merge.csv"),
        "OUTPUT_XLSX": os.path.join(out_dir, "field_merge.xlsx")})
    print("  field package: %d rows; merge: %d applied, %d conflicts" % (pkg["ROWS"], merged["APPLIED"],
                                                                        merged["CONFLICTS"]))
    for f in QgsVectorLayer(merged["OUTPUT_REPORT"], "r", "ogr").getFeatures():
        print("    %-8s %s %s field[%s] office[%s]" % (f["action"], f["layer"], f["uuid"][:8], f["field_values"],
                                                     f["office_values"]))
    return [("field package", pkg["PACKAGE"]), ("field merge", merged["OUTPUT_XLSX"])]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
