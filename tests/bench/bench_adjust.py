"""Benchmark: villageplanner:adjustareas (平差) against a chain of QGIS native algorithms doing the same job.

    make bench   (or: python tests/bench/bench_adjust.py [--repeat 3] [--villages 300 --parcels 300000])

Both sides take the sample county's planned layer (GHDLTB) and its village zones (CJDCQ):

* ours: ``villageplanner:adjustareas`` (ellipsoidal areas, zone by point on surface, edge parcels,
  per-zone differences, the balance with its remainder, the output layer and the report table);
* native: ``native:fieldcalculator`` with ``$area`` on the CGCS2000 ellipsoid, ``native:pointonsurface``
  and ``native:joinattributesbylocation`` for the zone, ``native:aggregate`` per zone, the zones' own
  ``$area``, edge parcels by ``native:polygonstolines`` + ``native:joinattributesbylocation``, the sums
  joined back with ``native:joinattributestable`` and the adjusted area by ``native:fieldcalculator``
  (without the 0.01 m2 remainder, which no native tool places).

Each measurement runs in its own process; medians and the ratio of the same run go to
bench-output/adjust.json and .md, with the largest per-zone difference between the two
measurements of the parcels' areas.
"""

import argparse
import json
import os
import statistics
import time

from harness import OUT, child, layer, run_child

ELLIPSOID = "EPSG:1024"  # CGCS2000
TOLERANCE = 1e9  # measure the whole job even where a sample's planted defects leave holes


def context():
    from qgis.core import QgsProcessingContext, QgsProject

    ctx = QgsProcessingContext()
    ctx.setProject(QgsProject.instance())
    ctx.setEllipsoid(ELLIPSOID)  # $area on the ellipsoid, as the bureau measures
    return ctx


def job_ours(county):
    import processing
    from qgis.core import QgsProcessingFeedback

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    t = time.perf_counter()
    res = processing.run("villageplanner:adjustareas", {
        "INPUT": layer(county, "GHDLTB"), "CONTROL": layer(county, "CJDCQ"), "TOLERANCE": TOLERANCE,
        "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": "TEMPORARY_OUTPUT"}, feedback=QgsProcessingFeedback(),
        context=context())
    elapsed = time.perf_counter() - t
    measured = {f["zone"][:12]: f["measured_m2"] for f in res["REPORT"].getFeatures()}
    return elapsed, {"zones": len(measured), "features": res["OUTPUT"].featureCount(), "measured": measured}


def job_native(county):
    import processing
    from qgis.core import QgsProcessingFeedback

    ctx, fb = context(), QgsProcessingFeedback()

    def run(alg, params):
        return processing.run(alg, dict(params, OUTPUT="TEMPORARY_OUTPUT"), feedback=fb, context=ctx)["OUTPUT"]

    t = time.perf_counter()
    parcels = run("native:fieldcalculator", {
        "INPUT": layer(county, "GHDLTB"), "FIELD_NAME": "area_e", "FIELD_TYPE": 0, "FIELD_LENGTH": 20,
        "FIELD_PRECISION": 4, "FORMULA": "$area"})
    parcels = run("native:fieldcalculator", {
        "INPUT": parcels, "FIELD_NAME": "pid", "FIELD_TYPE": 1, "FIELD_LENGTH": 10, "FORMULA": "$id"})
    zones = run("native:fieldcalculator", {
        "INPUT": layer(county, "CJDCQ"), "FIELD_NAME": "control", "FIELD_TYPE": 0, "FIELD_LENGTH": 20,
        "FIELD_PRECISION": 4, "FORMULA": "$area"})
    zones = run("native:fieldcalculator", {
        "INPUT": zones, "FIELD_NAME": "zone", "FIELD_TYPE": 2, "FIELD_LENGTH": 12,
        "FORMULA": "left(\"ZLDWDM\", 12)"})
    points = run("native:pointonsurface", {"INPUT": parcels, "ALL_PARTS": False})
    located = run("native:joinattributesbylocation", {
        "INPUT": points, "PREDICATE": [0], "JOIN": zones, "JOIN_FIELDS": ["zone", "control"], "METHOD": 1,
        "DISCARD_NONMATCHING": False, "PREFIX": ""})
    lines = run("native:polygonstolines", {"INPUT": zones})
    edge = run("native:joinattributesbylocation", {
        "INPUT": parcels, "PREDICATE": [0], "JOIN": lines, "JOIN_FIELDS": ["zone"], "METHOD": 1,
        "DISCARD_NONMATCHING": True, "PREFIX": "edge_"})
    located = run("native:joinattributestable", {
        "INPUT": located, "FIELD": "pid", "INPUT_2": edge, "FIELD_2": "pid", "FIELDS_TO_COPY": ["edge_zone"],
        "METHOD": 1, "DISCARD_NONMATCHING": False, "PREFIX": ""})
    located = run("native:fieldcalculator", {
        "INPUT": located, "FIELD_NAME": "edge_area", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 4,
        "FORMULA": "if(\"edge_zone\" is not null, \"area_e\", 0)"})
    sums = run("native:aggregate", {
        "INPUT": located, "GROUP_BY": "\"zone\"", "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": "\"zone\"", "length": 12, "name": "zone",
             "precision": 0, "type": 10},
            {"aggregate": "first_value", "delimiter": ",", "input": "\"control\"", "length": 20,
             "name": "control", "precision": 4, "type": 6},
            {"aggregate": "sum", "delimiter": ",", "input": "\"area_e\"", "length": 20, "name": "measured",
             "precision": 4, "type": 6},
            {"aggregate": "sum", "delimiter": ",", "input": "\"edge_area\"", "length": 20, "name": "edge_sum",
             "precision": 4, "type": 6}]})
    joined = run("native:joinattributestable", {
        "INPUT": parcels, "FIELD": "pid", "INPUT_2": located, "FIELD_2": "pid", "FIELDS_TO_COPY": ["zone",
                                                                                                   "edge_area"],
        "METHOD": 1, "DISCARD_NONMATCHING": False, "PREFIX": "z_"})
    joined = run("native:joinattributestable", {
        "INPUT": joined, "FIELD": "z_zone", "INPUT_2": sums, "FIELD_2": "zone",
        "FIELDS_TO_COPY": ["control", "measured", "edge_sum"], "METHOD": 1, "DISCARD_NONMATCHING": False,
        "PREFIX": "s_"})
    adjusted = run("native:fieldcalculator", {
        "INPUT": joined, "FIELD_NAME": "TBMJ", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 2,
        "FORMULA": "round(\"area_e\" + if(\"z_edge_area\" > 0, (\"s_control\" - \"s_measured\") * \"area_e\" "
                   "/ \"s_edge_sum\", 0), 2)"})
    elapsed = time.perf_counter() - t
    measured = {f["zone"]: f["measured"] for f in sums.getFeatures() if f["zone"]}
    return elapsed, {"zones": len(measured), "features": adjusted.featureCount(), "measured": measured,
                     "edge_parcels": edge.featureCount()}


JOBS = {"ours": job_ours, "native": job_native}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--county")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--villages", type=int, default=300)
    ap.add_argument("--parcels", type=int, default=300000)
    ap.add_argument("--name", default="adjust", help="name of the report files in bench-output")
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.county, JOBS)
    county = args.county or os.path.join(OUT, "county%d" % args.villages)
    if not os.path.exists(os.path.join(county, "county.gpkg")):
        from village_planner.sample.generator import generate

        t = time.perf_counter()
        generate(county, args.villages, args.parcels, seed=42, variants=False)
        print("generated %s in %.1f s" % (county, time.perf_counter() - t))
    runs = {"ours": [], "native": []}
    for i in range(args.repeat):
        for kind in runs:
            r = run_child(__file__, kind, county)
            runs[kind].append(r)
            print("run %d %-6s %7.2f s  peak %6.0f MB" % (i + 1, kind, r["seconds"], r["peak_mb"]), flush=True)
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: statistics.median(r["peak_mb"] for r in v) for k, v in runs.items()}
    ours, native = runs["ours"][0]["measured"], runs["native"][0]["measured"]
    worst = max((abs(ours[z] - native[z]) for z in ours if z in native), default=None)
    report = {
        "county": county, "parcels": runs["ours"][0]["features"], "zones": runs["ours"][0]["zones"],
        "repeat": args.repeat, "median_seconds": med, "median_peak_mb": peak,
        "speedup_vs_native": med["native"] / med["ours"],
        "largest_zone_difference_m2_vs_native": worst, "native_edge_parcels": runs["native"][0]["edge_parcels"],
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, args.name + ".json"), "w") as fh:
        json.dump(report, fh, indent=1)
    lines = [
        "adjustareas on %d parcels in %d zones (median of %d)" % (report["parcels"], report["zones"], args.repeat),
        "| job | median s | median peak MB |", "|---|---|---|",
        *["| %s | %.2f | %.0f |" % (k, med[k], peak[k]) for k in ("ours", "native")],
        "", "speed-up vs native chain: %.1fx" % report["speedup_vs_native"],
        "largest per-zone difference of the measured areas vs native: %s m2" % (
            "n/a" if worst is None else "%.4f" % worst),
    ]
    with open(os.path.join(OUT, args.name + ".md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
