"""Benchmark: monitorchange on a county and its generated next-year survey against a chain of QGIS native tools.

    make bench        (or: python tests/bench/bench_monitor.py [--repeat 3] [--villages 300 --parcels 300000])

Each measurement runs in its own process so that peak memory (ru_maxrss) belongs to that job alone.
The native chain: the union of the two years (native:union), the piece's official area and its
change flags (native:fieldcalculator), the new construction inside basic farmland
(native:intersection) and sums per village (native:aggregate). Reports medians to
bench-output/monitor.json and .md.
"""

import argparse
import json
import os
import statistics
import sys
import time

from harness import OUT, ROOT, child, layer, run_child

sys.path.insert(0, ROOT)
CONSTRUCTION = "(left(\"{p}DLBM\", 2) in ('05','06','07','08','09') or \"{p}DLBM\" in ('1001','1002','1003'," \
               "'1004','1005','1007','1008','1009','1109','1201','0603'))"


def job_ours(county):
    import processing

    import village_planner

    plugin = village_planner.classFactory(None)
    plugin.initProcessing()
    t = time.perf_counter()
    res = processing.run("villageplanner:monitorchange", {
        "BASELINE": layer(county, "DLTB"), "CURRENT": layer(county, "DLTB", "change_survey.gpkg"),
        "VILLAGES": layer(county, "CJDCQ"), "BASIC_FARMLAND": layer(county, "YJJBNTTB"),
        "ECO_REDLINE": layer(county, "STBHHX"), "OUTPUT": "memory:", "OUTPUT_CHANGES": "memory:"})
    elapsed = time.perf_counter() - t
    figures = {f["village_code"]: [f["new_construction_ha"], f["cultivated_lost_ha"], f["bnt_occupied_ha"]]
               for f in res["OUTPUT"].getFeatures()}
    return elapsed, {"villages": len(figures), "figures": figures, "pieces": res["CHANGED_PIECES"]}


def job_native(county):
    """The same figures with QGIS's own algorithms (no sliver filter: every piece of changed code counts)."""
    import processing

    t = time.perf_counter()
    fixed = {}
    for key, file in (("a", "county.gpkg"), ("b", "change_survey.gpkg")):
        f = processing.run("native:fixgeometries", {"INPUT": layer(county, "DLTB", file),
                                                     "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
        fixed[key] = processing.run("native:fieldcalculator", {
            "INPUT": f, "FIELD_NAME": "planar", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 4,
            "FORMULA": "$area", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    union = processing.run("native:union", {"INPUT": fixed["a"], "OVERLAY": fixed["b"], "OVERLAY_FIELDS_PREFIX": "b_",
                                            "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    flags = processing.run("native:fieldcalculator", {
        "INPUT": union, "FIELD_NAME": "piece_m2", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 4,
        "FORMULA": "if(\"b_planar\" > 0, \"b_TBMJ\" * $area / \"b_planar\", 0)", "OUTPUT": "TEMPORARY_OUTPUT"})[
        "OUTPUT"]
    flags = processing.run("native:fieldcalculator", {
        "INPUT": flags, "FIELD_NAME": "newcons", "FIELD_TYPE": 1, "FIELD_LENGTH": 2,
        "FORMULA": "if(%s and not %s, 1, 0)" % (CONSTRUCTION.format(p="b_"), CONSTRUCTION.format(p="")),
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    flags = processing.run("native:fieldcalculator", {
        "INPUT": flags, "FIELD_NAME": "vcode", "FIELD_TYPE": 2, "FIELD_LENGTH": 12,
        "FORMULA": "left(coalesce(\"b_ZLDWDM\", \"ZLDWDM\"), 12)", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    changed = processing.run("native:extractbyexpression", {
        "INPUT": flags, "EXPRESSION": "\"DLBM\" <> \"b_DLBM\"", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    agg = processing.run("native:aggregate", {
        "INPUT": changed, "GROUP_BY": "\"vcode\"", "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": "\"vcode\"", "length": 12, "name": "vcode",
             "precision": 0, "type": 10},
            {"aggregate": "sum", "delimiter": ",", "input": "if(\"newcons\" = 1, \"piece_m2\", 0)", "length": 20,
             "name": "newcons", "precision": 4, "type": 6},
            {"aggregate": "sum", "delimiter": ",",
             "input": "if(left(\"DLBM\", 2) = '01' and left(\"b_DLBM\", 2) <> '01', \"piece_m2\", 0)",
             "length": 20, "name": "lost", "precision": 4, "type": 6}],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    newcons = processing.run("native:extractbyexpression", {
        "INPUT": changed, "EXPRESSION": "\"newcons\" = 1", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    with_share = processing.run("native:fieldcalculator", {
        "INPUT": newcons, "FIELD_NAME": "piece_planar", "FIELD_TYPE": 0, "FIELD_LENGTH": 20, "FIELD_PRECISION": 4,
        "FORMULA": "$area", "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    inter = processing.run("native:intersection", {
        "INPUT": with_share, "OVERLAY": layer(county, "YJJBNTTB"), "INPUT_FIELDS": [], "OVERLAY_FIELDS_PREFIX": "o_",
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    bnt = processing.run("native:aggregate", {
        "INPUT": inter, "GROUP_BY": "\"vcode\"", "AGGREGATES": [
            {"aggregate": "first_value", "delimiter": ",", "input": "\"vcode\"", "length": 12, "name": "vcode",
             "precision": 0, "type": 10},
            {"aggregate": "sum", "delimiter": ",", "input": "\"piece_m2\" * $area / \"piece_planar\"", "length": 20,
             "name": "bnt", "precision": 4, "type": 6}],
        "OUTPUT": "TEMPORARY_OUTPUT"})["OUTPUT"]
    bnt_sums = {f["vcode"]: f["bnt"] for f in bnt.getFeatures()}
    elapsed = time.perf_counter() - t
    figures = {f["vcode"]: [(f["newcons"] or 0) / 1e4, (f["lost"] or 0) / 1e4, (bnt_sums.get(f["vcode"]) or 0) / 1e4]
               for f in agg.getFeatures()}
    return elapsed, {"villages": len(figures), "figures": figures}


def compare(ours, native):
    """Largest difference in hectares per figure (villages both have; the native chain keeps slivers)."""
    worst = [0.0] * 3
    for code, a in ours.items():
        b = native.get(code, [0.0] * 3)
        for i, (x, y) in enumerate(zip(a, b)):
            worst[i] = max(worst[i], abs((x or 0.0) - (y or 0.0)))
    return dict(zip(["new_construction_ha", "cultivated_lost_ha", "bnt_occupied_ha"], worst))


JOBS = {"ours": job_ours, "native": job_native}


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

        generate(county, args.villages, args.parcels, seed=42, variants=False)
    if not os.path.exists(os.path.join(county, "change_survey.gpkg")):
        from village_planner.sample.change_survey import make_change_survey

        t = time.perf_counter()
        m = make_change_survey(county)
        print("change survey: %d reshaped parcels in %.1f s" % (m["reshaped_parcels"], time.perf_counter() - t))
    runs = {"ours": [], "native": []}
    for i in range(args.repeat):
        for kind in runs:
            r = run_child(__file__, kind, county)
            runs[kind].append(r)
            print("run %d %-6s %7.2f s  peak %6.0f MB" % (i + 1, kind, r["seconds"], r["peak_mb"]), flush=True)
    med = {k: statistics.median(r["seconds"] for r in v) for k, v in runs.items()}
    peak = {k: statistics.median(r["peak_mb"] for r in v) for k, v in runs.items()}
    diff = compare(runs["ours"][0]["figures"], runs["native"][0]["figures"])
    report = {"county": county, "villages": runs["ours"][0]["villages"], "changed_pieces": runs["ours"][0]["pieces"],
              "repeat": args.repeat, "median_seconds": med, "median_peak_mb": peak,
              "speedup_vs_native": med["native"] / med["ours"], "max_difference_ha_vs_native": diff}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "monitor.json"), "w") as fh:
        json.dump(report, fh, indent=1)
    lines = ["| job | median s | median peak MB |", "|---|---|---|",
             *["| %s | %.2f | %.0f |" % (k, med[k], peak[k]) for k in ("ours", "native")],
             "", "monitorchange speed-up vs native chain: %.1fx" % report["speedup_vs_native"],
             "largest difference vs native (ha): " + ", ".join("%s %.4f" % kv for kv in diff.items())]
    with open(os.path.join(OUT, "monitor.md"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
