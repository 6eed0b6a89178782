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


# -- hardening (issue 9) ---------------------------------------------------------------------------------


@pytest.mark.parametrize("area", ["nan", "inf", "-inf", "1e15", "abc", None])
def test_area_must_be_a_finite_plausible_number(area):
    with pytest.raises(QuotaRefused) as err:
        q.area_units(area)
    assert err.value.rule == "area"
    assert str(area) in str(err.value)


def test_a_movement_beyond_the_control_total_is_refused_and_nothing_is_written(tmp_path):
    store = make_store(tmp_path)
    before = store.state().balances
    for ha in (1e12, 1000.5):
        with pytest.raises(QuotaRefused) as err:
            store.record(mv("inflow", ha, source="annual_plan"))
        assert err.value.rule == "area" and "control total" in str(err.value)
    assert store.journal() == [] and store.state().balances == before
    store.record(mv("inflow", 1000.0, source="annual_plan"))  # the control total itself is plausible


@pytest.mark.parametrize("date", ["2026-13-45", "abc'; --", "1899-02-30", "1899-01-01", "2026-02-30", "2026-1-5",
                                  "20260105", "", "9999-01-01"])
def test_dates_must_be_real_and_in_range(tmp_path, date):
    store = make_store(tmp_path)
    with pytest.raises(QuotaRefused) as err:
        store.record(mv("inflow", 1.0, source="annual_plan", date=date))
    assert err.value.rule == "date"
    assert date in str(err.value)
    assert store.journal() == []
    con = sqlite3.connect(store.path)
    assert con.execute("SELECT count(*) FROM vp_quota_journal").fetchone()[0] == 0
    con.close()


def test_dates_accepted_from_1949_to_a_few_years_ahead():
    assert q.check_date("1949-10-01") == "1949-10-01"
    assert q.check_date("2024-02-29") == "2024-02-29"
    assert q.check_date("2031-12-31", today=__import__("datetime").date(2026, 11, 29)) == "2031-12-31"
    with pytest.raises(QuotaRefused):
        q.check_date("2032-01-01", today=__import__("datetime").date(2026, 11, 29))


def test_a_second_import_of_the_same_rows_is_refused_unless_allowed(tmp_path):
    store = make_store(tmp_path)
    batch = lambda: [mv("inflow", 5.0, source="annual_plan"), mv("allocate", 2.0, village=V1),  # noqa: E731
                     mv("draw", 1.0, village=V1)]
    written, refused = store.record_many(batch(), allow_duplicates=False)
    assert len(written) == 3 and not refused
    written, refused = store.record_many(batch(), allow_duplicates=False)
    assert written == [] and [(i, e.rule) for i, e in refused] == [(0, "duplicate"), (1, "duplicate"), (2, "duplicate")]
    assert "journal entry 2" in str(refused[1][1])
    assert len(store.journal()) == 3 and store.state().balance(V1) == to_units(1.0)
    # another document, or the same one asked for explicitly, is fine
    written, refused = store.record_many([mv("allocate", 2.0, village=V1, document_no="渝规资〔2026〕2号")],
                                         allow_duplicates=False)
    assert written and not refused
    written, refused = store.record_many(batch(), allow_duplicates=True)
    assert len(written) == 3 and not refused
    # a reversed movement may be recorded again
    seq = store.journal()[-1].seq
    store.record(mv("reverse", 1.0, reverses=seq))
    store.record(mv("reverse", 1.0, reverses=3))
    written, refused = store.record_many([mv("draw", 1.0, village=V1)], allow_duplicates=False)
    assert written and not refused


def _tamper(path, sql, *args):
    con = sqlite3.connect(path)
    con.execute(sql, args)
    con.commit()
    con.close()


@pytest.mark.parametrize("sql", [
    "UPDATE vp_quota_pool SET control_total_units = control_total_units + 100000",
    "UPDATE vp_quota_pool SET baseline_units = 0",
    "UPDATE vp_quota_pool SET policy_json = replace(policy_json, '0.05', '0.5')",
    "UPDATE vp_quota_village SET category = 'suburban' WHERE village_code = '500230001003'",
    "UPDATE vp_quota_village SET planned_units = 9990000",
    "DELETE FROM vp_quota_constraint",
    "INSERT INTO vp_quota_village (village_code, category, planned_units) VALUES ('500230001009', '', 0)",
])
def test_the_chain_covers_pool_settings_policy_and_village_accounts(tmp_path, sql):
    store = GpkgQuotaStore(str(tmp_path / "pool.gpkg"))
    store.create("500230", 1000.0, 990.0, load_policy(), villages(), [("basic_farmland", b"\x01\x03")])
    store.record(mv("inflow", 5.0, source="annual_plan"))
    store.record(mv("allocate", 2.0, village=V1))
    check = store.verify()
    assert store.verified(check) and check["settings_ok"]
    _tamper(store.path, sql)
    check = store.verify()
    assert check["chain_ok"] and not check["settings_ok"] and not store.verified(check)
    store.record(mv("inflow", 1.0, source="annual_plan"))  # a later movement does not make the change legitimate
    assert not store.verify()["settings_ok"]


def test_settings_changed_before_the_first_movement_show_too(tmp_path):
    store = make_store(tmp_path)
    assert store.verify()["settings_ok"]
    _tamper(store.path, "UPDATE vp_quota_pool SET control_total_units = 99990000")
    assert not store.verify()["settings_ok"]


def test_the_anchor_proves_a_rewritten_chain_or_a_deleted_last_entry(tmp_path):
    store = make_store(tmp_path)
    empty_anchor = store.verify()["anchor"]
    assert empty_anchor.startswith("0:")
    store.record(mv("inflow", 5.0, source="annual_plan"))
    store.record(mv("allocate", 2.0, village=V1))
    store.record(mv("allocate", 1.0, village=V2))
    anchor = store.verify()["anchor"]
    count, digest = q.parse_anchor(anchor)
    assert count == 3 and q.contains_anchor(store.journal(), count, digest)
    assert q.contains_anchor(store.journal(), *q.parse_anchor(empty_anchor))
    store.record(mv("draw", 0.5, village=V1))  # later movements keep the earlier anchor
    assert q.contains_anchor(store.journal(), count, digest)
    # the last entry deleted (and the balances fixed): the books look sound, the anchor does not match
    con = sqlite3.connect(store.path)
    con.execute("DROP TRIGGER vp_quota_journal_no_delete")
    con.execute("DELETE FROM vp_quota_journal WHERE seq >= 3")
    con.execute("UPDATE vp_quota_balance SET units = 30000 WHERE account = 'POOL'")
    con.execute("UPDATE vp_quota_balance SET units = 20000 WHERE account = ?", (V1,))
    con.execute("DELETE FROM vp_quota_balance WHERE account LIKE 'drawn:%' OR account = ?", (V2,))
    con.commit()
    con.close()
    assert store.verified(store.verify())
    assert not q.contains_anchor(store.journal(), count, digest)
    # the whole chain rewritten with a higher allocation: verifies, but not against the anchor
    entries = store.journal()
    con = sqlite3.connect(store.path)
    con.execute("DROP TRIGGER vp_quota_journal_no_update")
    prev = q.GENESIS
    for e in entries:
        if e.seq == 2:
            e.units = 25000
        e.seal(prev)
        prev = e.hash
        con.execute("UPDATE vp_quota_journal SET units = ?, prev_hash = ?, hash = ? WHERE seq = ?",
                    (e.units, e.prev_hash, e.hash, e.seq))
    con.execute("UPDATE vp_quota_balance SET units = 25000 WHERE account = ?", (V1,))
    con.execute("UPDATE vp_quota_balance SET units = 25000 WHERE account = 'POOL'")
    con.commit()
    con.close()
    assert store.verified(store.verify())
    assert not q.contains_anchor(store.journal(), *q.parse_anchor("2:" + digest))
    with pytest.raises(ValueError):
        q.parse_anchor("3:not-a-hash")


def test_a_pool_made_by_the_previous_version_keeps_verifying_and_seals_new_entries(tmp_path):
    path = str(tmp_path / "old.gpkg")
    store = make_store(tmp_path)
    store.record(mv("inflow", 5.0, source="annual_plan"))
    # turn it into a version-1 pool: format-1 entry, no settings columns
    con = sqlite3.connect(store.path)
    old = store.journal()[0]
    old.settings = ""
    old.seal(q.GENESIS)
    con.execute("DROP TRIGGER vp_quota_journal_no_update")
    con.execute("UPDATE vp_quota_journal SET hash = ?, settings_hash = NULL", (old.hash,))
    con.execute("ALTER TABLE vp_quota_journal DROP COLUMN settings_hash")
    con.execute("ALTER TABLE vp_quota_pool DROP COLUMN settings_hash")
    con.commit()
    con.close()
    os.replace(store.path, path)
    old_store = GpkgQuotaStore(path)
    assert old_store.verified(old_store.verify())
    old_store.record(mv("allocate", 1.0, village=V1))
    entries = old_store.journal()
    assert entries[0].settings == "" and entries[1].settings == old_store.settings_digest()
    assert old_store.verified(old_store.verify())


@pytest.mark.parametrize("content", [b"village,area\n500230001001,1.5\n", b"\x00\x01garbage" * 10])
def test_a_database_that_is_not_a_geopackage_is_a_clear_error(tmp_path, content):
    from village_planner.store.sqlite import StoreError

    path = tmp_path / "movements.csv"
    path.write_bytes(content)
    store = GpkgQuotaStore(str(path))
    for call in (store.exists, store.state, store.journal,
                 lambda: store.create("500230", 10, 5, load_policy(), [])):
        with pytest.raises(StoreError, match="movements.csv is not a GeoPackage"):
            call()
    assert path.read_bytes() == content


@pytest.mark.parametrize("control,baseline", [(float("nan"), 1.0), (1e15, 1.0), (10.0, float("inf")), (-5, 1)])
def test_pool_figures_must_be_plausible(tmp_path, control, baseline):
    from village_planner.store.sqlite import StoreError

    store = GpkgQuotaStore(str(tmp_path / "pool.gpkg"))
    with pytest.raises(StoreError):
        store.create("500230", control, baseline, load_policy(), villages())
    assert not store.exists()


def test_quota_errors_derive_from_the_plugins_root_error_and_stay_value_errors():
    from village_planner.core.errors import VillagePlannerError
    from village_planner.store.sqlite import StoreError

    for error in (q.QuotaRefused, q.PolicyError):
        assert issubclass(error, VillagePlannerError) and issubclass(error, ValueError)
    assert issubclass(StoreError, VillagePlannerError)
    refused = q.QuotaRefused("balance", "too little")
    assert refused.rule == "balance" and str(refused) == "too little"


class CountedConnections:
    """Wraps a driver's connect function (sqlite3 or psycopg2; the real one still connects) and counts the
    calls. Kept as the measure of issue 10: one movement, one connection."""

    def __init__(self, monkeypatch, driver=sqlite3):
        self.calls = 0
        real = driver.connect

        def connect(*args, **kwargs):
            self.calls += 1
            return real(*args, **kwargs)

        monkeypatch.setattr(driver, "connect", connect)


def test_a_movement_runs_on_one_connection(tmp_path, monkeypatch):
    """The overlaps of a draw are read inside its write transaction, on its connection (issue 10)."""
    import shapely

    store = make_store(tmp_path)
    store.record(mv("inflow", 5.0, source="annual_plan"))
    store.record(mv("allocate", 3.0, village=V1))
    opened = CountedConnections(monkeypatch)

    def overlaps(entry):  # what the QGIS OverlapChecker reads from the store
        assert store.constraints("basic_farmland") == [] and store.village_boundary(entry.village) is None
        return {}

    parcel = shapely.to_wkb(shapely.box(0, 0, 10, 10))
    with store.session():
        store.pool_info()
        seq, _ = store.record(mv("draw", 0.5, village=V1, geometry_wkb=parcel), overlaps)
        assert store.state().balance(V1) == to_units(2.5)
    assert seq == 3 and opened.calls == 1
    store.record(mv("draw", 0.5, village=V1), overlaps)  # outside a session: a connection of its own
    assert opened.calls == 2
    with store.session():
        assert store.verify()["balances_ok"]
    assert opened.calls == 3


def test_every_sqlite_error_leaves_the_store_as_a_store_error(tmp_path):
    from village_planner.store.sqlite import StoreError

    path = tmp_path / "other.gpkg"
    con = sqlite3.connect(str(path))
    con.execute("CREATE TABLE something (x)")
    con.close()
    store = GpkgQuotaStore(str(path))
    assert not store.exists()
    for call in (store.state, store.journal, store.pool_info, store.policy, lambda: store.record(
            mv("inflow", 1.0, source="annual_plan"))):
        with pytest.raises(StoreError, match="other.gpkg"):
            call()


def test_the_draw_rule_is_the_cores_and_check_applies_the_same():
    """The dock shows what assess_draw says; check refuses exactly the draws it calls refused (issue 10)."""
    sliver = q.assess_draw({"basic_farmland": 0.01, "eco_redline": 0.0, "outside_village": 0.005}, V1, 120.0)
    assert not sliver.refused and sliver.outside_m2 == 0.0 and sliver.area_m2 == 120.0
    on_farmland = q.assess_draw({"basic_farmland": 12.5, "eco_redline": 3.0, "outside_village": 4.0}, V1)
    assert on_farmland.refused and [k for k, _ in on_farmland.protected] == ["basic_farmland", "eco_redline"]
    assert on_farmland.outside_m2 == 4.0 and V1 in on_farmland.outside_warning()
    state = q.PoolState(to_units(1000), to_units(990), {V1: to_units(5)}, 0, {V1: {"planned_units": 0}})
    with pytest.raises(QuotaRefused) as err:
        q.check(mv("draw", 1.0, village=V1), state, load_policy(), overlaps=on_farmland.overlaps)
    assert err.value.rule == "basic_farmland"
    warnings = q.check(mv("draw", 1.0, village=V1), state, load_policy(), overlaps={"outside_village": 4.0})
    assert warnings == [q.assess_draw({"outside_village": 4.0}, V1).outside_warning()]


def test_a_row_of_an_import_table_becomes_a_movement():
    columns = q.import_columns(["变动类型", "面积（公顷）", "村代码", "批复文号", "日期", "机动指标", "Note"])
    assert list(columns.values()) == ["movement", "area_ha", "village", "document_no", "date", "flexible", "note"]
    row = {"movement": "Draw", "area_ha": "0.5", "village": V1, "document_no": "渝规资〔2026〕1号",
           "date": "2026-03-01 00:00:00", "flexible": "是", "note": float("nan")}
    entry = q.import_entry(row, author="王工")
    assert (entry.kind, entry.units, entry.village, entry.date, entry.flexible, entry.author, entry.note) == \
        ("draw", to_units(0.5), V1, "2026-03-01", True, "王工", "")
    import datetime

    undated = q.import_entry({"movement": "inflow", "area_ha": "1"}, today=datetime.date(2026, 5, 1))
    assert undated.date == "2026-05-01"
    for bad, rule in (({"area_ha": "0"}, "area"), ({"area_ha": "x"}, "area"), ({"reverses": "abc"}, "reverse"),
                      ({"date": "2026-02-30"}, "date")):
        with pytest.raises(QuotaRefused) as err:
            q.import_entry({"movement": "inflow", "area_ha": "1", **bad})
        assert err.value.rule == rule


# -- issue 9, re-tested by a hostile tester ------------------------------------------------------------------


def _policy_file(tmp_path, **changes):
    import json

    with open(os.path.join(ROOT, "resources", "policy", "quota_default.json"), encoding="utf-8") as fh:
        data = json.load(fh)
    for key, value in changes.items():
        if value is KeyError:
            data.pop(key)
        else:
            data[key] = value
    path = tmp_path / "county_policy.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("changes,words", [
    ({"flexible_reserve_ratio": "5%"}, ["flexible_reserve_ratio", '"5%"']),
    ({"flexible_reserve_ratio": -3}, ["flexible_reserve_ratio", "at least 0", "-3"]),
    ({"flexible_reserve_ratio": 1.5}, ["flexible_reserve_ratio", "at most 1"]),
    ({"allocation_by_category": "all"}, ["allocation_by_category", '"all"']),
    ({"allocation_by_category": {"suburban": {"allowed": "yes"}}}, ["allocation_by_category > suburban > allowed"]),
    ({"allocation_by_category": KeyError}, ["allocation_by_category", "required"]),
    ({"inflow_sources": {"reclamation": {"reduces_construction_land": 1}}}, ["reduces_construction_land"]),
    ({"flexible_reserve_ration": 0.05}, ["flexible_reserve_ration", "not a known key"]),
])
def test_a_bad_policy_file_is_refused_naming_the_key_before_anything_is_written(tmp_path, changes, words):
    path = _policy_file(tmp_path, **changes)
    with pytest.raises(q.PolicyError) as err:
        load_policy(path)
    for word in words:
        assert word in str(err.value), str(err.value)
    assert "county_policy.json" in str(err.value)
    assert not (tmp_path / "pool.gpkg").exists()


def test_the_default_policy_and_a_valid_county_copy_load():
    assert load_policy().flexible_ratio == 0.05
    assert load_policy(os.path.join(ROOT, "resources", "policy", "quota_default.json")).sources()


def test_a_policy_stored_without_validation_is_a_clear_error_not_a_traceback():
    policy = q.Policy({"allocation_by_category": {}, "flexible_reserve_ratio": "5%"}, "(pool)")
    with pytest.raises(q.PolicyError, match="flexible_reserve_ratio"):
        assert policy.flexible_ratio is None


def test_every_rule_has_a_translated_label():
    """Issue 9 re-test, 3: every rule id the plugin or the server names has a label, shown with the id."""
    import glob
    import re

    def read(path):
        with open(path, encoding="utf-8") as fh:
            return fh.read()

    ids = set()
    for path in glob.glob(os.path.join(ROOT, "village_planner", "**", "*.py"), recursive=True):
        ids |= set(re.findall(r"QuotaRefused\(\s*\"(\w+)\"", read(path)))
    for path in glob.glob(os.path.join(ROOT, "resources", "sql", "postgis", "install", "*.sql")):
        ids |= set(re.findall(r"refuse\('(\w+)'", read(path)))
    ids |= set(q.PROTECTED_ZONES)  # refused by the zone's own kind
    assert {"village", "balance", "area", "duplicate", "flexible_reserve", "settings"} <= ids
    assert ids <= set(q.RULE_LABELS), ids - set(q.RULE_LABELS)
    assert q.rule_name("balance") == "no account below zero (balance)"
    assert q.rule_name("flexible_reserve") == "flexible reserve (flexible_reserve)"


@pytest.mark.parametrize("text,secret,kept", [
    ("无法连接 PostGIS（host=h user=u password=S3cret）：connection to server at h failed", "S3cret",
     ["）：connection to server at h failed", "host=h user=u password=*****"]),
    ("无法连接 PostGIS（host=h password=*****）：connection to server at h failed", None,
     ["password=*****）：connection to server"]),
    ("host=h password = 'S3 cr\\'et' user=u (then more)", "S3", ["user=u (then more)", "host=h"]),
    ('host=h PASSWORD="S3 cret" dbname=d', "S3", ["dbname=d"]),
    ("dbname=d pwd=S3cret\tsslmode=require", "S3cret", ["sslmode=require"]),
    ("postgresql://u:ss@ss@h:5432/db failed", "ss@ss", ["postgresql://u:*****@h:5432/db failed"]),
    ("postgresql://u:p:a@ss@h/db", "p:a@ss", ["postgresql://u:*****@h/db"]),
    ("(postgresql://u:S3c@ret@h/db?password=S3cret2&sslmode=require) 错误", "S3c",
     ["@h/db?password=*****&sslmode=require) 错误"]),
    ("connect 'postgresql://u:S3@cret@host'：被拒绝", "S3", ["@host'：被拒绝"]),
])
def test_masking_hides_the_whole_password_and_keeps_the_text_around_it(text, secret, kept):
    from village_planner.core.secrets import mask

    masked = mask(text)
    if secret:
        assert secret not in masked and "cret" not in masked, masked
    for part in kept:
        assert part in masked, masked
    assert mask(masked) == masked  # masking twice changes nothing


def test_repeated_movements_within_one_batch_are_found():
    rows = [mv("inflow", 5.0, source="annual_plan"), mv("allocate", 2.0, village=V1), None,
            mv("allocate", 2.0, village=V1), mv("allocate", 2.0, village=V2), mv("allocate", 2.0, village=V1)]
    assert q.repeats(rows) == [(3, 1), (5, 1)]


def test_a_single_movement_identical_to_a_recorded_one_is_refused_unless_allowed(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 5.0, source="annual_plan"), allow_duplicates=False)
    with pytest.raises(QuotaRefused, match="journal entry 1") as err:
        store.record(mv("inflow", 5.0, source="annual_plan"), allow_duplicates=False)
    assert err.value.rule == "duplicate"
    assert store.record(mv("inflow", 5.0, source="annual_plan"), allow_duplicates=True)[0] == 2


def test_verification_failures_are_said_in_words(tmp_path):
    from village_planner.core.quota_report import verification_problems

    store = make_store(tmp_path)
    store.record(mv("inflow", 5.0, source="annual_plan"))
    assert verification_problems(store.verify()) == []
    _tamper(store.path, "UPDATE vp_quota_pool SET control_total_units = 99990000")
    _tamper(store.path, "UPDATE vp_quota_balance SET units = 1 WHERE account = 'POOL'")
    words = verification_problems(dict(store.verify(), expected="3:" + "a" * 64, expected_found=False))
    assert any("settings" in w and "changed outside the journal" in w for w in words), words
    assert any("the pool: 0.0001 ha kept, 5.0000 ha from the journal" in w for w in words), words
    assert any("no longer contains the earlier anchor 3:aaaa" in w for w in words), words
    assert not any("{" in w or "_ok" in w for w in words)


def test_village_accounts_added_later_are_sealed_by_the_chain(tmp_path):
    """Issue 9 re-test, 7: a pool from a baseline alone gets its village accounts later, and keeps verifying."""
    store = GpkgQuotaStore(str(tmp_path / "pool.gpkg"))
    store.create("500230", 1000.0, 990.0, load_policy(), [])
    store.record(mv("inflow", 5.0, source="annual_plan"))
    with pytest.raises(QuotaRefused) as err:
        store.record(mv("allocate", 1.0, village=V1))
    assert err.value.rule == "village"
    anchor = store.verify()["anchor"]
    seq, changes = store.update_accounts(villages()[:2], "王工", "2026-03-02", "丰都规资〔2026〕3号")
    assert seq == 2 and [(c["action"], c["village_code"]) for c in changes] == [("add", V1), ("add", V2)]
    entry = store.journal()[-1]
    assert entry.kind == q.ACCOUNTS and entry.units == 0 and entry.settings == store.settings_digest()
    assert entry.details()["accounts"][0]["village_code"] == V1 and entry.details()["before"]
    store.record(mv("allocate", 3.0, village=V1))
    store.record(mv("draw", 2.0, village=V1, flexible=True))  # 5% of 40 ha
    check = store.verify()
    assert store.verified(check) and q.contains_anchor(store.journal(), *q.parse_anchor(anchor))
    # adding the same accounts again changes nothing and writes nothing
    assert store.update_accounts(villages()[:2], "王工") == (None, [])
    # a third village, and a category and planned construction land changed, in one entry
    more = villages()
    more[1]["category"], more[1]["planned_ha"] = "suburban", 25
    seq, changes = store.update_accounts(more, "王工", "2026-03-03")
    assert sorted((c["action"], c["village_code"]) for c in changes) == [("add", V3), ("update", V2)]
    assert store.state().villages[V2]["planned_units"] == to_units(25)
    assert store.verified(store.verify())
    # planned construction land below what the flexible draws already took: refused, nothing written
    count = len(store.journal())
    smaller = [dict(villages()[0], planned_ha=30)]  # 5% of 30 ha = 1.5 ha < 2 ha drawn
    with pytest.raises(QuotaRefused) as err:
        store.update_accounts(smaller, "王工")
    assert err.value.rule == "flexible_reserve" and "2.0000" in str(err.value)
    assert len(store.journal()) == count and store.state().villages[V1]["planned_units"] == to_units(40)
    with pytest.raises(QuotaRefused) as err:
        store.update_accounts(villages(), " ")
    assert err.value.rule == "author"
    assert store.verified(store.verify())


def test_accounts_changed_outside_the_journal_still_show_and_are_not_made_legitimate(tmp_path):
    store = make_store(tmp_path)
    store.record(mv("inflow", 5.0, source="annual_plan"))
    _tamper(store.path, "UPDATE vp_quota_village SET category = 'suburban' WHERE village_code = ?", V3)
    assert not store.verify()["settings_ok"]
    extra = [{"village_code": "500230001009", "village_name": "新村", "category": "suburban", "planned_ha": 5}]
    with pytest.raises(QuotaRefused) as err:
        store.update_accounts(extra, "王工")
    assert err.value.rule == "settings"
    assert len(store.journal()) == 1 and "500230001009" not in store.state().villages
    # an accounts entry slipped in by hand (its 'before' not the settings in force) breaks the settings chain
    (tmp_path / "clean").mkdir()
    clean = make_store(tmp_path / "clean")
    empty_anchor = clean.verify()["anchor"]
    clean.update_accounts(extra, "王工")
    assert q.contains_anchor(clean.journal(), *q.parse_anchor(empty_anchor))  # "0:settings as created" still holds
    clean.record(mv("inflow", 5.0, source="annual_plan"))
    clean.update_accounts([dict(extra[0], village_code="500230001010")], "王工")
    entries = clean.journal()
    assert q.settings_sealed(entries, clean.settings_digest(), clean.created_settings())
    entries[2].detail = entries[2].detail.replace(entries[2].details()["before"], "f" * 64)
    assert not q.settings_sealed(entries, clean.settings_digest(), clean.created_settings())
