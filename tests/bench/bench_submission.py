"""Benchmark: the pre-submission check and the submission databases of a county-sized sample, against
QGIS's own Processing tools doing the same topology checks.

    make bench        (or: python tests/bench/bench_submission.py [--repeat 3] [--villages 300 --parcels 300000])

The native chain is what a planner would do by hand: check validity (native:checkvalidity), the
overlaps of the planned parcels (native:intersection of the layer with itself), the parcels' zones
(native:joinattributesbylocation), the gaps and parts outside each zone (native:dissolve by village,
then native:difference both ways), and construction land on basic farmland and the red line
(native:extractbyexpression, native:intersection). Each measurement runs in its own process; medians
go to bench-output/submission.json and .md.
"""

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time

from harness import OUT, child, layer, run_child

CONSTRUCTION = "left(\"GHDLBM\", 2) in ('07','08','09','10','11','12','13','14','15','16')"


def plan(county):
    return {"PLANNED_LANDUSE": layer(county, "GHDLTB"), "VILLAGES": layer(county, "CJDCQ"),
            "CURRENT_LANDUSE": layer(county, "DLTB"), "BASIC_FARMLAND": layer(county, "YJJBNTTB"),
            "ECO_REDLINE": layer(county, "STBHHX"), "DEV_BOUNDARY": layer(county, "CZKFBJ"),
            "CONSTRUCTION_BOUNDARY": layer(county, "CZJSBJ")}


def _plugin():
    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    return plugin


def job_check(county):
    import processing

    plugin = _plugin()  # noqa: F841 - the provider lives as long as the plugin
    t = time.perf_counter()
    res = processing.run("villageplanner:checkplan", dict(plan(county), OUTPUT="memory:"))
    return time.perf_counter() - t, {"errors": res["ERRORS"], "warnings": res["WARNINGS"]}


def job_build(county, villages=10):
    import processing
    from qgis.core import QgsVectorLayer

    plugin = _plugin()  # noqa: F841 - the provider lives as long as the plugin
    codes = sorted(f["ZLDWDM"][:12] for f in QgsVectorLayer(layer(county, "CJDCQ"), "v", "ogr").getFeatures())
    folder = tempfile.mkdtemp(prefix="vp-bench-sub-")
    try:
        t = time.perf_counter()
        res = processing.run("villageplanner:buildsubmission", dict(
            plan(county), VILLAGE_CODES=",".join(codes[:villages]), FORMAT="gdb", OUTPUT_FOLDER=folder))
        elapsed = time.perf_counter() - t
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return elapsed, {"databases": res["DATABASES"], "ready": res["READY"], "seconds_per_village":
                     elapsed / max(res["DATABASES"], 1)}


def job_native(county):
    """The same topology and control-line checks with QGIS's own algorithms."""
    import processing

    def run(alg, params):
        return processing.run(alg, dict(params, OUTPUT="TEMPORARY_OUTPUT"))["OUTPUT"]

    t = time.perf_counter()
    planned = layer(county, "GHDLTB")
    from qgis.core import QgsApplication

    validity = "native:checkvalidity" if QgsApplication.processingRegistry().algorithmById(
        "native:checkvalidity") else "qgis:checkvalidity"  # qgis: before QGIS 3.30
    invalid = processing.run(validity, {
        "INPUT_LAYER": planned, "METHOD": 2, "VALID_OUTPUT": "TEMPORARY_OUTPUT",
        "INVALID_OUTPUT": "TEMPORARY_OUTPUT", "ERROR_OUTPUT": "TEMPORARY_OUTPUT"})["INVALID_COUNT"]
    overlaps = run("native:intersection", {"INPUT": planned, "OVERLAY": planned, "INPUT_FIELDS": ["BSM"],
                                           "OVERLAY_FIELDS": ["BSM"], "OVERLAY_FIELDS_PREFIX": "o_"})
    overlap_count = sum(1 for f in overlaps.getFeatures() if f["BSM"] != f["o_BSM"] and f.geometry().area() > 0.01)
    joined = run("native:joinattributesbylocation", {
        "INPUT": planned, "JOIN": layer(county, "CJDCQ"), "PREDICATE": [5], "JOIN_FIELDS": ["ZLDWDM"],
        "METHOD": 2, "PREFIX": "zone_"})
    dissolved = run("native:dissolve", {"INPUT": joined, "FIELD": ["zone_ZLDWDM"]})
    gaps = run("native:difference", {"INPUT": layer(county, "CJDCQ"), "OVERLAY": dissolved})
    outside = run("native:difference", {"INPUT": dissolved, "OVERLAY": layer(county, "CJDCQ")})
    construction = run("native:extractbyexpression", {"INPUT": planned, "EXPRESSION": CONSTRUCTION})
    on_farmland = run("native:intersection", {"INPUT": construction, "OVERLAY": layer(county, "YJJBNTTB"),
                                              "OVERLAY_FIELDS_PREFIX": "b_"})
    on_redline = run("native:intersection", {"INPUT": construction, "OVERLAY": layer(county, "STBHHX"),
                                             "OVERLAY_FIELDS_PREFIX": "r_"})
    found = {
        "invalid": invalid, "overlaps": overlap_count,
        "gaps": sum(1 for f in gaps.getFeatures() if f.geometry().area() > 0.01),
        "outside": sum(1 for f in outside.getFeatures() if f.geometry().area() > 0.01),
        "on_farmland": sum(1 for f in on_farmland.getFeatures() if f.geometry().area() > 0.01),
        "on_redline": sum(1 for f in on_redline.getFeatures() if f.geometry().area() > 0.01),
    }
    return time.perf_counter() - t, found


JOBS = {"check": job_check, "build": job_build, "native": job_native}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--county")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--villages", type=int, default=300)
    ap.add_argument("--parcels", type=int, default=300000)
    args = ap.parse_args()
    if args.child:
        return child(args.child, args.county, JOBS)
    county = args.county or os.path.join(OUT, "county%d" % args.villages)
    if not os.path.exists(os.path.join(county, "county.gpkg")):
        from village_planner.sample.generator import generate

        t = time.perf_counter()
        generate(county, args.villages, args.parcels, seed=42, variants=False)
        print("generated %s in %.1f s" % (county, time.perf_counter() - t))
    runs = {"check": [], "native": [], "build": []}
    for i in range(args.repeat):
        for kind in runs:
            r = run_child(__file__, kind, county)
            runs[kind].append(r)
            print("run %d %-6s %7.2f s  peak %6.0f MB" % (i + 1, kind, r["seconds"], r["peak_mb"]), flush=True)
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: statistics.median(r["peak_mb"] for r in v) for k, v in runs.items()}
    report = {"county": county, "repeat": args.repeat, "median_seconds": med, "median_peak_mb": peak,
              "check_speedup_vs_native": med["native"] / med["check"],
              "build_seconds_per_village": statistics.median(r["seconds_per_village"] for r in runs["build"]),
              "check_findings": {k: runs["check"][0][k] for k in ("errors", "warnings")},
              "native_findings": {k: v for k, v in runs["native"][0].items()
                                  if k not in ("kind", "seconds", "peak_mb")}}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "submission.json"), "w") as fh:
        json.dump(report, fh, indent=1)
    lines = ["| job | median s | median peak MB |", "|---|---|---|",
             *["| %s | %.2f | %.0f |" % (k, med[k], peak[k]) for k in ("check", "native", "build")],
             "", "checkplan vs the native topology chain: %.1fx faster; buildsubmission %.2f s per village" % (
                 report["check_speedup_vs_native"], report["build_seconds_per_village"]),
             "findings: ours %s, native %s" % (report["check_findings"], report["native_findings"])]
    with open(os.path.join(OUT, "submission.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
