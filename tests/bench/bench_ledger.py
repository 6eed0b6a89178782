"""Benchmark: the ledger of a county-sized sample against a chain of QGIS native algorithms.

    make bench        (or: python tests/bench/bench_ledger.py [--repeat 3] [--villages 300 --parcels 300000])

Each measurement runs in its own process so that peak memory (ru_maxrss) belongs
to that job alone. Reports medians to bench-output/ledger.json and .md.
"""

import argparse
import json
import os
import statistics
import time

from harness import OUT, child, layer, run_child

CULTIVATED = "('0101','0102','0103')"


def job_read(county):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(layer(county, "DLTB"), "DLTB", "ogr")
    t = time.perf_counter()
    n = 0
    for feat in lyr.getFeatures():
        feat.geometry()
        n += 1
    return time.perf_counter() - t, {"features": n}


def job_ours(county):
    import processing

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    t = time.perf_counter()
    res = processing.run("villageplanner:resourceledger", {
        "PARCELS": layer(county, "DLTB"), "VILLAGES": layer(county, "CJDCQ"),
        "BASIC_FARMLAND": layer(county, "YJJBNTTB"), "ECO_REDLINE": layer(county, "STBHHX"),
        "DEV_BOUNDARY": layer(county, "CZKFBJ"), "HAZARDS": layer(county, "DZZHD"),
        "VILLAGE_STATS": os.path.join(county, "village_stats.csv"), "OUTPUT": "memory:"})
    elapsed = time.perf_counter() - t
    out = res["OUTPUT"]
    figures = {f["village_code"]: [f["total_ha"], f["cultivated_ha"], f["eco_redline_ha"], f["dev_boundary_ha"],
                                   f["cultivated_in_bnt_ha"], f["hazard_points"]] for f in out.getFeatures()}
    return elapsed, {"villages": len(figures), "figures": figures}


def job_native(county):
    """The obvious alternative: the same figures with QGIS's own algorithms."""
    import processing

    t = time.perf_counter()
    fixed = processing.run("native:fixgeometries", {"INPUT": layer(county, "DLTB"),
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    parcels = processing.run("native:fieldcalculator", {
        "INPUT": fixed, "FIELD_NAME": "vcode", "FIELD_TYPE": 2, "FIELD_LENGTH": 12,
        "FORMULA": "left(\"ZLDWDM\", 12)", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    sums = processing.run("native:aggregate", {
        "INPUT": parcels, "GROUP_BY": "\"vcode\"", "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": "\"vcode\"", "length": 12, "name": "vcode",
             "precision": 0, "type": 10},
            {"aggregate": "sum", "delimiter": ",", "input": "\"TBMJ\"", "length": 20, "name": "total",
             "precision": 4, "type": 6},
            {"aggregate": "sum", "delimiter": ",", "input": "\"KCMJ\"", "length": 20, "name": "ridge",
             "precision": 4, "type": 6},
            {"aggregate": "sum", "delimiter": ",",
             "input": "if(\"DLBM\" in %s, \"TBDLMJ\", 0)" % CULTIVATED, "length": 20, "name": "cultivated",
             "precision": 4, "type": 6}],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    with_area = processing.run("native:fieldcalculator", {
        "INPUT": parcels, "FIELD_NAME": "planar", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 4,
        "FORMULA": "$area", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    overlay_sums = {}
    for name, expr in (("STBHHX", "\"TBMJ\""), ("CZKFBJ", "\"TBMJ\""),
                       ("YJJBNTTB", "if(\"DLBM\" in %s, \"TBDLMJ\", 0)" % CULTIVATED)):
        inter = processing.run("native:intersection", {
            "INPUT": with_area, "OVERLAY": layer(county, name), "INPUT_FIELDS": [], "OVERLAY_FIELDS_PREFIX": "o_",
            "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        agg = processing.run("native:aggregate", {
            "INPUT": inter, "GROUP_BY": "\"vcode\"", "AGGREGATES": [
                {"aggregate": "first_value", "delimiter": ",", "input": "\"vcode\"", "length": 12, "name": "vcode",
                 "precision": 0, "type": 10},
                {"aggregate": "sum", "delimiter": ",", "input": "%s * $area / \"planar\"" % expr, "length": 20,
                 "name": "inside", "precision": 4, "type": 6}],
            "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        overlay_sums[name] = {f["vcode"]: f["inside"] for f in agg.getFeatures()}
    counts = processing.run("native:countpointsinpolygon", {
        "POLYGONS": layer(county, "CJDCQ"), "POINTS": layer(county, "DZZHD"), "FIELD": "NUMPOINTS",
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    hazards = {f["ZLDWDM"][:12]: f["NUMPOINTS"] for f in counts.getFeatures()}
    elapsed = time.perf_counter() - t
    figures = {}
    for f in sums.getFeatures():
        code = f["vcode"]
        figures[code] = [f["total"] / 1e4, f["cultivated"] / 1e4,
                         overlay_sums["STBHHX"].get(code, 0) / 1e4, overlay_sums["CZKFBJ"].get(code, 0) / 1e4,
                         overlay_sums["YJJBNTTB"].get(code, 0) / 1e4, hazards.get(code, 0)]
    return elapsed, {"villages": len(figures), "figures": figures}


def compare(ours, native):
    """Largest relative difference per figure between the two methods (villages both have)."""
    worst = [0.0] * 6
    for code, a in ours.items():
        b = native.get(code)
        if b is None:
            continue
        for i, (x, y) in enumerate(zip(a, b)):
            x, y = x or 0.0, y or 0.0
            if max(abs(x), abs(y)) > 1.0:  # ignore slivers under a hectare
                worst[i] = max(worst[i], abs(x - y) / max(abs(x), abs(y)))
    return dict(zip(["total", "cultivated", "eco_redline", "dev_boundary", "cultivated_in_bnt", "hazards"], worst))


JOBS = {"read": job_read, "ours": job_ours, "native": job_native}


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
    runs = {"read": [], "ours": [], "native": []}
    for i in range(args.repeat):
        for kind in runs:
            r = run_child(__file__, kind, county)
            runs[kind].append(r)
            print("run %d %-6s %7.2f s  peak %6.0f MB" % (i + 1, kind, r["seconds"], r["peak_mb"]), flush=True)
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: statistics.median(r["peak_mb"] for r in v) for k, v in runs.items()}
    diff = compare(runs["ours"][0]["figures"], runs["native"][0]["figures"])
    report = {
        "county": county, "parcels": runs["read"][0]["features"], "villages": runs["ours"][0]["villages"],
        "repeat": args.repeat, "median_seconds": med, "median_peak_mb": peak,
        "speedup_vs_native": med["native"] / med["ours"], "ours_over_bare_read": med["ours"] / med["read"],
        "max_relative_difference_vs_native": diff,
    }
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "ledger.json"), "w") as fh:
        json.dump(report, fh, indent=1)
    lines = [
        "| job | median s | median peak MB |", "|---|---|---|",
        *["| %s | %.2f | %.0f |" % (k, med[k], peak[k]) for k in ("read", "ours", "native")],
        "", "speed-up vs native chain: %.1fx; ours / bare read: %.2fx" % (
            report["speedup_vs_native"], report["ours_over_bare_read"]),
        "largest relative difference vs native: " + ", ".join("%s %.4f%%" % (k, v * 100) for k, v in diff.items()),
    ]
    with open(os.path.join(OUT, "ledger.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
