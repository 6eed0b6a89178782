"""The quota pool's accounting and its GeoPackage store (no QGIS)."""

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from village_planner.core import quota as q
from village_planner.core.quota import Entry, QuotaRefused, load_policy, to_units
from village_planner.store.quota_store import GpkgQuotaStore

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
V1, V2, V3 = "500230001001", "500230001002", "500230001003"


def villages():
    return [{"village_code": V1, "village_name": "新塘村", "town": "三合镇", "category": "suburban", "planned_ha": 40},
            {"village_code": V2, "village_name": "高岭村", "town": "三合镇", "category": "agglomeration",
             "planned_ha": 20},
            {"village_code": V3, "village_name": "杨口村", "town": "三合镇", "category": "relocation",
             "planned_ha": 10}]


def make_store(tmp_path, control=1000.0, baseline=990.0):
    store = GpkgQuotaStore(str(tmp_path / "pool.gpkg"))
    store.create("500230", control, baseline, load_policy(), villages())
    return store


def mv(kind, ha, **kw):
    kw.setdefault("document_no", "渝规资〔2026〕1号")
    kw.setdefault("author", "王工")
    kw.setdefault("date", "2026-03-01")
    return Entry(kind=kind, units=to_units(ha), **kw)


def test_a_year_of_movements_balances(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 12.5, source="reclamation"))
    store.record(mv("inflow", 3.0, source="annual_plan"))
    store.record(mv("allocate", 6.0, village=V1))
    store.record(mv("allocate", 4.0, village=V2))
    store.record(mv("draw", 2.5, village=V1, project="安置房", land_use_code="0703"))
    store.record(mv("transfer", 1.0, village=V2, to_village=V1))
    store.record(mv("return", 0.5, village=V1))
    seq, _ = store.record(mv("expire", 1.0, village=V2))
    st = store.state()
    assert st.balance(q.POOL) == to_units(15.5 - 10 + 0.5 + 1.0)
    assert st.balance(V1) == to_units(6 - 2.5 + 1 - 0.5)
    assert st.balance(V2) == to_units(4 - 1 - 1)
    assert st.drawn_total == to_units(2.5)
    assert st.inflow_total == to_units(15.5)
    assert st.reclaimed == to_units(12.5)
    report = store.verify()
    assert report["chain_ok"] and report["balances_ok"] and report["identity_ok"]
    assert seq == 8


def test_refusals_name_the_rule_and_write_nothing(tmp_path):
    store = make_store(tmp_path, control=1000.0, baseline=999.0)
    store.record(mv("inflow", 5.0, source="annual_plan"))
    store.record(mv("allocate", 3.0, village=V1))
    cases = [
        (mv("allocate", 10.0, village=V1), "balance", "pool"),
        (mv("draw", 3.5, village=V1), "balance", V1),
        (mv("draw", 1.5, village=V1), "control_total", "control total"),
        (mv("allocate", 1.0, village=V3), "category", "resettlement"),
        (mv("inflow", 1.0, source="lottery"), "source", "lottery"),
        (mv("draw", 0.5, village=V1, document_no=" "), "document", "document"),
        (mv("allocate", 1.0, village="999999999999"), "village", "999999999999"),
        (mv("draw", 0.5, village=V1), "basic_farmland", "12.50 m2"),
    ]
    before = store.journal()
    for entry, rule, text in cases:
        overlaps = (lambda e: {"basic_farmland": 12.5}) if rule == "basic_farmland" else None
        with pytest.raises(QuotaRefused) as err:
            store.record(entry, overlaps)
        assert err.value.rule == rule
        assert text in str(err.value)
    assert len(store.journal()) == len(before)
    assert store.verify()["balances_ok"]
    # relocation villages receive quota for resettlement
    store.record(mv("allocate", 1.0, village=V3, purpose="resettlement"))
    # reclamation lowers county construction land, so more can be drawn
    store.record(mv("inflow", 2.0, source="reclamation"))
    store.record(mv("allocate", 2.0, village=V1))
    store.record(mv("draw", 2.5, village=V1))


def test_flexible_reserve_within_5_percent(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 10.0, source="annual_plan"))
    store.record(mv("allocate", 5.0, village=V1))
    store.record(mv("draw", 1.5, village=V1, flexible=True))  # 40 ha planned: 2 ha at most
    with pytest.raises(QuotaRefused) as err:
        store.record(mv("draw", 0.6, village=V1, flexible=True))
    assert err.value.rule == "flexible_reserve" and "5%" in str(err.value)
    store.record(mv("draw", 0.6, village=V1))  # an ordinary draw is fine


def test_reversal_cancels_once(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 10.0, source="land_ticket"))
    seq, _ = store.record(mv("allocate", 4.0, village=V2))
    store.record(mv("reverse", 4.0, reverses=seq, note="文号填错"))
    assert store.state().balance(V2) == 0
    with pytest.raises(QuotaRefused, match="already reversed"):
        store.record(mv("reverse", 4.0, reverses=seq))
    assert store.verify()["balances_ok"]
    con = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.DatabaseError, match="never"):
        con.execute("UPDATE vp_quota_journal SET units = 1")
    with pytest.raises(sqlite3.DatabaseError, match="never"):
        con.execute("DELETE FROM vp_quota_journal")
    con.close()


def test_tampering_breaks_the_chain(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 10.0, source="annual_plan"))
    store.record(mv("allocate", 4.0, village=V2))
    con = sqlite3.connect(store.path)
    con.execute("DROP TRIGGER vp_quota_journal_no_update")
    con.execute("UPDATE vp_quota_journal SET units = 50000 WHERE seq = 2")
    con.commit()
    con.close()
    report = store.verify()
    assert not report["chain_ok"] and report["bad_seq"] == 2
    assert not report["balances_ok"]


def _draw_worker(path, n, results):
    store = GpkgQuotaStore(path)
    ok = 0
    for i in range(n):
        try:
            store.record(mv("draw", 0.1, village=V1, project="p%d-%d" % (os.getpid(), i)))
            ok += 1
        except QuotaRefused:
            pass
    results.put(ok)


def test_two_processes_never_overdraw(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 3.0, source="annual_plan"))
    store.record(mv("allocate", 3.0, village=V1))  # room for exactly 30 draws of 0.1 ha
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_draw_worker, args=(store.path, 25, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    done = results.get() + results.get()
    assert done == 30
    st = store.state()
    assert st.balance(V1) == 0 and st.drawn_total == to_units(3.0)
    entries = store.journal()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))  # no gaps
    assert store.verify()["chain_ok"] and store.verify()["balances_ok"]


def test_a_process_killed_mid_movement_leaves_the_books_as_before(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 3.0, source="annual_plan"))
    script = (
        "import sys, time\n"
        "sys.path.insert(0, %r)\n"
        "from village_planner.store.quota_store import GpkgQuotaStore\n"
        "from village_planner.core.quota import Entry\n"
        "s = GpkgQuotaStore(%r)\n"
        "def hang():\n"
        "    print('in transaction', flush=True)\n"
        "    time.sleep(60)\n"
        "s._before_commit = hang\n"
        "s.record(Entry(kind='allocate', units=20000, village=%r, document_no='x', author='y', date='2026-03-01'))\n"
    ) % (ROOT, store.path, V1)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "in transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()
    time.sleep(0.2)
    st = store.state()
    assert st.balance(q.POOL) == to_units(3.0) and st.balance(V1) == 0
    assert len(store.journal()) == 1
    store.record(mv("allocate", 2.0, village=V1))  # the pool is usable again
    assert store.verify()["balances_ok"]


def test_import_is_all_or_nothing_and_reports_every_refused_row(tmp_path):
    store = make_store(tmp_path)
    batch = [mv("inflow", 5.0, source="annual_plan"), mv("allocate", 3.0, village=V1),
             mv("allocate", 9.0, village=V2), mv("allocate", 1.0, village=V3), mv("draw", 1.0, village=V1)]
    written, refused = store.record_many(batch)
    assert written == []
    assert [(i, e.rule) for i, e in refused] == [(2, "balance"), (3, "category")]
    assert store.journal() == []
    written, refused = store.record_many([batch[0], batch[1], batch[4]])
    assert not refused and [s for s, _ in written] == [1, 2, 3]
    summary = q.village_summary(store.journal(), [V1, V2, V3])
    assert summary[V1]["allocated"] == to_units(3) and summary[V1]["drawn"] == to_units(1)
    assert summary[V1]["balance"] == store.state().balance(V1)
