"""Benchmark: the quota pool with 100,000 journal entries, on GeoPackage and PostGIS.

    python tests/bench/bench_quota.py [--entries 100000] [--repeat 5]

Reports medians of: reading balances, verifying balances and hash chain, and one
draw with its spatial checks (against the sample county's basic farmland and red line).
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

import shapely  # noqa: E402
from osgeo import ogr  # noqa: E402

from village_planner.core.quota import Entry, load_policy, to_units  # noqa: E402
from village_planner.qgis_adapter.quota_geometry import OverlapChecker  # noqa: E402
from village_planner.store.quota_pg import PgQuotaStore  # noqa: E402
from village_planner.store.quota_store import GpkgQuotaStore  # noqa: E402


def sample_layers():
    from village_planner.sample.generator import generate

    path = os.path.join(ROOT, "bench-output", "quota_sample")
    if not os.path.exists(os.path.join(path, "county.gpkg")):
        generate(path, 12, 4800, 42, variants=False)
    ds = ogr.Open(os.path.join(path, "county.gpkg"))
    out = {}
    for name, kind in (("YJJBNTTB", "basic_farmland"), ("STBHHX", "eco_redline")):
        out[kind] = [bytes(f.GetGeometryRef().ExportToWkb()) for f in ds.GetLayerByName(name)]
    villages = []
    for f in ds.GetLayerByName("CJDCQ"):
        villages.append({"village_code": f.GetField("ZLDWDM")[:12], "village_name": f.GetField("ZLDWMC"),
                         "town": "", "category": "agglomeration", "planned_ha": 60,
                         "boundary_wkb": bytes(f.GetGeometryRef().ExportToWkb())})
    homestead = next(f for f in ds.GetLayerByName("DLTB") if f.GetField("DLBM") == "0702")
    return out, villages, bytes(homestead.GetGeometryRef().ExportToWkb()), homestead.GetField("ZLDWDM")[:12]


def fill(store, villages, n):
    codes = [v["village_code"] for v in villages]
    store.record_many([Entry("inflow", to_units(n), document_no="d", author="a", source="annual_plan",
                            date="2026-01-05")])
    batch, done = [], 1
    i = 0
    while done < n:
        code = codes[i % len(codes)]
        kind = ("allocate", "draw", "return")[(i // len(codes)) % 3]
        batch.append(Entry(kind, to_units(0.01 if kind == "allocate" else 0.004), document_no="d%d" % i,
                           author="a", village=code, date="2026-02-01"))
        i += 1
        done += 1
        if len(batch) == 5000 or done == n:
            _, refused = store.record_many(batch)
            assert not refused, refused[:1]
            batch = []


def measure(store, wkb, code, repeat):
    times = {"balances": [], "verify": [], "draw": []}
    checker = OverlapChecker(store)
    for i in range(repeat):
        t = time.perf_counter()
        store.state()
        times["balances"].append(time.perf_counter() - t)
        t = time.perf_counter()
        report = store.verify()
        times["verify"].append(time.perf_counter() - t)
        assert report["chain_ok"] and report["balances_ok"], report
        t = time.perf_counter()
        store.record(Entry("draw", to_units(0.001), document_no="bench%d" % i, author="a", village=code,
                           date="2026-03-01", geometry_wkb=wkb), checker)
        times["draw"].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in times.items()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--entries", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    constraints, villages, wkb, code = sample_layers()
    cons = [(k, w) for k, ws in constraints.items() for w in ws]
    results = {}
    tmp = tempfile.mkdtemp(prefix="vp-bench-")
    gpkg = GpkgQuotaStore(os.path.join(tmp, "pool.gpkg"))
    gpkg.create("500230", 1e7, 0, load_policy(), villages, cons, "EPSG:4545")
    t = time.perf_counter()
    fill(gpkg, villages, args.entries)
    results["gpkg_fill_s"] = time.perf_counter() - t
    results["gpkg"] = measure(gpkg, wkb, code, args.repeat)
    from tests.pgserver import PgServer

    server = PgServer().start()
    try:
        db = server.create_database("bench")
        pg = PgQuotaStore("host=%s port=%d dbname=%s user=postgres" % (server.host, server.port, db))
        pg.create("500230", 1e7, 0, load_policy(), villages, cons, "EPSG:4545")
        t = time.perf_counter()
        fill(pg, villages, args.entries)
        results["postgis_fill_s"] = time.perf_counter() - t
        results["postgis"] = measure(pg, wkb, code, args.repeat)
    finally:
        server.stop()
    results["entries"] = args.entries
    os.makedirs(os.path.join(ROOT, "bench-output"), exist_ok=True)
    with open(os.path.join(ROOT, "bench-output", "quota.json"), "w") as fh:
        json.dump(results, fh, indent=1)
    for backend in ("gpkg", "postgis"):
        r = results[backend]
        print("%-8s balances %.3f s  verify %.3f s  draw with spatial checks %.0f ms  (median of %d, %d entries)"
              % (backend, r["balances"], r["verify"], r["draw"] * 1000, args.repeat, args.entries))
    return shapely


if __name__ == "__main__":
    main()
