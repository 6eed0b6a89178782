"""What the benchmarks share: where they write, how a layer of the sample county is named, a headless QGIS
with Processing, and one measurement per child process (so that peak memory, ru_maxrss, is that job's alone)."""

import json
import os
import resource
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "bench-output")


def layer(county, name, file="county.gpkg"):
    return "%s|layername=%s" % (os.path.join(county, file), name)


def start_qgis():
    from qgis.core import QgsApplication

    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append("/usr/share/qgis/python/plugins")
    from processing.core.Processing import Processing

    Processing.initialize()
    return app


def child(kind, county, jobs):
    """Run ``jobs[kind](county)`` -> (seconds, extra) in this process and print its result for run_child."""
    app = start_qgis()
    elapsed, extra = jobs[kind](county)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print("BENCH" + json.dumps({"kind": kind, "seconds": elapsed, "peak_mb": peak_mb, **extra}))
    sys.stdout.flush()
    os._exit(0)  # skip exitQgis: layers still referenced; nothing to save
    return app


def run_child(script, kind, county):
    """One measurement: ``script --child kind --county county`` in a fresh process; its result dict."""
    out = subprocess.run([sys.executable, script, "--child", kind, "--county", county], capture_output=True,
                         text=True)
    line = [x for x in out.stdout.splitlines() if x.startswith("BENCH")]
    if not line:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(line[-1][5:])
