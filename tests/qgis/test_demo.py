"""The README's first command: the demo runs the plugin's jobs and says where the results are."""

import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_demo_writes_and_lists_its_outputs(sample_dir, tmp_path):
    out = tmp_path / "demo-output"
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "demo.py"), sample_dir, str(out)],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in ("ledger.gpkg", "ledger.xlsx", "ledger.html", "planning.gpkg", "data_problems.csv",
                 "classification.gpkg", "classification_summary.html", "quota_pool.xlsx", "quota_pool.html",
                 "structure_tables.xlsx", "indicator_tables.xlsx"):
        assert (out / name).exists(), name
        assert str(out / name) in proc.stdout
    assert "ledger: 12 villages" in proc.stdout
    assert proc.stdout.count("REFUSED") == 2
    assert "verified=1" in proc.stdout
    assert "maps: 36 PDF files, 0 villages failed" in proc.stdout
    assert len(list((out / "maps").glob("*.pdf"))) == 36
    # one submission database, read back and checked, with its report
    assert "plan check: 0 errors, 0 warnings" in proc.stdout
    assert "submission: 1 database(s), 1 ready" in proc.stdout
    assert len(list((out / "submission").glob("*.gdb"))) == 1
    assert len(list((out / "submission").glob("*_质检报告.html"))) == 1
    # the generated next-year survey: its three planted homesteads have no draw with a geometry
    assert "villages flagged" in proc.stdout and ", 3 villages flagged, 0.27" in proc.stdout
    assert "merge: 2 applied, 1 conflicts" in proc.stdout and "conflict homestead_survey" in proc.stdout
