"""The quota pool on a real PostgreSQL/PostGIS server that the test run starts."""

import multiprocessing

import psycopg2
import pytest

from village_planner.core import quota as q
from village_planner.core.quota import Entry, QuotaRefused, load_policy, to_units
from village_planner.store import pg_migrate
from village_planner.store.quota_pg import PgQuotaStore

V1, V2, V3 = "500230001001", "500230001002", "500230002001"
CATALOG = {
    "columns": "SELECT table_name, column_name, data_type, is_nullable, column_default, is_generated, "
               "ordinal_position FROM information_schema.columns WHERE table_schema = 'vp_quota' ORDER BY 1, 7",
    "constraints": "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                   "WHERE connamespace = 'vp_quota'::regnamespace ORDER BY 1, 2",
    "triggers": "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
                "WHERE NOT tgisinternal AND tgrelid::regclass::text LIKE 'vp_quota.%' ORDER BY 1, 2",
    "functions": "SELECT proname, md5(prosrc), prosecdef FROM pg_proc WHERE pronamespace = 'vp_quota'::regnamespace "
                 "ORDER BY 1",
    "grants": "SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants "
              "WHERE table_schema = 'vp_quota' ORDER BY 1, 2, 3",
    "meta": "SELECT key, value FROM vp_quota.meta ORDER BY 1",
}


def dsn(server, db, user="postgres"):
    return "host=%s port=%d dbname=%s user=%s" % (server.host, server.port, db, user)


def catalog(conn):
    out = {}
    with conn.cursor() as cur:
        for key, sql in CATALOG.items():
            cur.execute(sql)
            out[key] = cur.fetchall()
    return out


def test_upgrade_from_version_1_equals_a_fresh_install(postgis):
    postgis.create_database("quota_v1")
    postgis.create_database("quota_fresh")
    old = psycopg2.connect(dsn(postgis, "quota_v1"))
    pg_migrate.install(old, version=1)
    assert pg_migrate.schema_version(old) == 1
    assert pg_migrate.upgrade(old) == [2]
    fresh = psycopg2.connect(dsn(postgis, "quota_fresh"))
    pg_migrate.install(fresh)
    a, b = catalog(old), catalog(fresh)
    for key in CATALOG:
        assert a[key] == b[key], key
    assert pg_migrate.upgrade(fresh) == []
    old.close()
    fresh.close()


def villages():
    return [{"village_code": V1, "village_name": "新塘村", "town": "三合镇", "category": "suburban", "planned_ha": 40},
            {"village_code": V2, "village_name": "高岭村", "town": "三合镇", "category": "agglomeration",
             "planned_ha": 20},
            {"village_code": V3, "village_name": "乐湖村", "town": "龙河镇", "category": "agglomeration",
             "planned_ha": 20}]


def mv(kind, ha, **kw):
    kw.setdefault("document_no", "丰都规资〔2026〕7号")
    kw.setdefault("author", "县规划局")
    kw.setdefault("date", "2026-03-01")
    return Entry(kind=kind, units=to_units(ha), **kw)


@pytest.fixture(scope="module")
def team(postgis):
    db = postgis.create_database("quota_team")
    store = PgQuotaStore(dsn(postgis, db))
    store.create("500230", 1000.0, 990.0, load_policy(), villages())
    postgis.psql("CREATE ROLE admin1 LOGIN IN ROLE vp_admin; CREATE ROLE planner1 LOGIN IN ROLE vp_planner; "
                 "CREATE ROLE planner2 LOGIN IN ROLE vp_planner; CREATE ROLE viewer1 LOGIN IN ROLE vp_viewer;")
    postgis.psql("INSERT INTO vp_quota.planner_town VALUES ('planner1', '500230001'), ('planner2', '500230002')",
                 dbname=db)
    return {"db": db, "stores": {u: PgQuotaStore(dsn(postgis, db, u))
                                 for u in ("admin1", "planner1", "planner2", "viewer1")}}


def test_roles_are_enforced_by_the_server(team, postgis):
    s = team["stores"]
    s["admin1"].record(mv("inflow", 10.0, source="annual_plan"))
    s["admin1"].record(mv("allocate", 4.0, village=V1))
    s["admin1"].record(mv("allocate", 4.0, village=V3))
    seq, _ = s["planner1"].record(mv("draw", 1.0, village=V1, project="村民建房"))
    assert seq == 4
    with pytest.raises(QuotaRefused, match="not one of its towns"):
        s["planner1"].record(mv("draw", 1.0, village=V3))
    with pytest.raises(QuotaRefused, match="may not record allocate"):
        s["planner1"].record(mv("allocate", 1.0, village=V1))
    with pytest.raises(QuotaRefused, match="permission denied"):
        s["viewer1"].record(mv("draw", 0.5, village=V1))
    s["planner2"].record(mv("return", 1.0, village=V3))
    assert s["viewer1"].state().balance(V1) == to_units(3.0)
    for user in ("admin1", "planner1", "postgres"):
        conn = psycopg2.connect(dsn(postgis, team["db"], user))
        with pytest.raises(psycopg2.Error):
            with conn.cursor() as cur:
                cur.execute("UPDATE vp_quota.journal SET units = 1")
        conn.rollback()
        with pytest.raises(psycopg2.Error):
            with conn.cursor() as cur:
                cur.execute("DELETE FROM vp_quota.journal")
        conn.rollback()
        conn.close()
    conn = psycopg2.connect(dsn(postgis, team["db"], "planner1"))
    with pytest.raises(psycopg2.Error, match="permission denied"):
        with conn.cursor() as cur:
            cur.execute("UPDATE vp_quota.balance SET units = 999999 WHERE account = %s", (V1,))
    conn.close()
    report = s["viewer1"].verify()
    assert report["chain_ok"] and report["balances_ok"] and report["identity_ok"]


def test_the_server_refuses_an_overdraw_even_without_the_plugin(team, postgis):
    conn = psycopg2.connect(dsn(postgis, team["db"], "admin1"))
    with conn.cursor() as cur:
        cur.execute("SELECT seq, hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1")
        seq, last = cur.fetchone()
        with pytest.raises(psycopg2.Error, match="balance_not_negative"):
            cur.execute("INSERT INTO vp_quota.journal (seq, kind, units, document_no, author, village, prev_hash, hash)"
                        " VALUES (%s, 'draw', 99999999, 'x', 'y', %s, %s, 'z')", (seq + 1, V1, last))
    conn.rollback()
    conn.close()


def _draw_worker(dsn_text, n, results):
    store = PgQuotaStore(dsn_text)
    ok = 0
    for i in range(n):
        try:
            store.record(mv("draw", 0.1, village=V2, project="p%d" % i))
            ok += 1
        except QuotaRefused:
            pass
    results.put(ok)


def test_two_processes_never_overdraw_on_postgis(team, postgis):
    admin = team["stores"]["admin1"]
    admin.record(mv("allocate", 2.0, village=V2))  # 20 draws of 0.1 ha
    ctx = multiprocessing.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_draw_worker, args=(dsn(postgis, team["db"], "admin1"), 15, results))
             for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert results.get() + results.get() == 20
    assert admin.state().balance(V2) == 0
    entries = admin.journal()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert admin.verify()["chain_ok"] and admin.verify()["balances_ok"]
    assert q.village_summary(entries, [V2])[V2]["drawn"] == to_units(2.0)


def test_a_process_killed_mid_movement_on_postgis(team, postgis):
    import os
    import signal
    import subprocess
    import sys
    import time

    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    admin = team["stores"]["admin1"]
    before = admin.state().balances.copy()
    count = len(admin.journal())
    script = (
        "import sys, time\n"
        "sys.path.insert(0, %r)\n"
        "from village_planner.store.quota_pg import PgQuotaStore\n"
        "from village_planner.core.quota import Entry\n"
        "s = PgQuotaStore(%r)\n"
        "def hang():\n"
        "    print('in transaction', flush=True)\n"
        "    time.sleep(60)\n"
        "s._before_commit = hang\n"
        "s.record(Entry(kind='inflow', units=50000, source='annual_plan', document_no='x', author='y', date='2026-03-01'))\n"
    ) % (root, dsn(postgis, team["db"], "admin1"))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "in transaction"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    proc.stdout.close()
    time.sleep(0.5)
    assert admin.state().balances == before
    assert len(admin.journal()) == count
    admin.record(mv("inflow", 1.0, source="annual_plan"))  # the lock was released with the session
    assert admin.verify()["balances_ok"]
