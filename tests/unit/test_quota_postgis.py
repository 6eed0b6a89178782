"""The quota pool on a real PostgreSQL/PostGIS server that the test run starts."""

import multiprocessing

import psycopg2
import pytest

from tests.unit.test_quota import CountedConnections
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
    "routine_grants": "SELECT routine_name, grantee, privilege_type FROM information_schema.role_routine_grants "
                      "WHERE routine_schema = 'vp_quota' ORDER BY 1, 2, 3",
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


@pytest.mark.parametrize("version", [1, 2, 3])
def test_an_upgraded_database_equals_a_fresh_install(postgis, version):
    old_db = postgis.create_database("quota_v%d" % version)
    fresh_db = postgis.create_database("quota_fresh_from_%d" % version)
    old = psycopg2.connect(dsn(postgis, old_db))
    pg_migrate.install(old, version=version)
    assert pg_migrate.schema_version(old) == version
    assert pg_migrate.upgrade(old) == list(range(version + 1, pg_migrate.LATEST + 1))
    fresh = psycopg2.connect(dsn(postgis, fresh_db))
    pg_migrate.install(fresh)
    a, b = catalog(old), catalog(fresh)
    for key in CATALOG:
        assert a[key] == b[key], key
    assert pg_migrate.upgrade(fresh) == []
    assert pg_migrate.schema_version(fresh) == pg_migrate.LATEST == 4
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


RECORD = ("SELECT * FROM vp_quota.record_movement(%(kind)s, %(units)s, %(date)s, %(doc)s, %(author)s, '', '', "
          "%(village)s, %(to)s, '', %(flexible)s, %(reverses)s, %(source)s, %(purpose)s, %(geometry)s)")


def call_record(conn, **kw):
    """vp_quota.record_movement called by hand, as a planner could from psql."""
    args = {"kind": "draw", "units": 1, "date": "2026-03-01", "doc": "x", "author": "y", "village": V1, "to": "",
            "flexible": False, "reverses": None, "source": "", "purpose": "", "geometry": None}
    args.update(kw)
    with conn.cursor() as cur:
        cur.execute(RECORD, args)
        return cur.fetchone()


def test_the_server_refuses_an_overdraw_even_without_the_plugin(team, postgis):
    conn = psycopg2.connect(dsn(postgis, team["db"], "admin1"))
    with pytest.raises(psycopg2.Error) as err:
        call_record(conn, units=99999)
    assert err.value.diag.message_hint == "rule=balance"
    conn.rollback()
    conn.close()


def test_nobody_but_the_owner_writes_the_journal_directly(team, postgis):
    """A planner in psql: INSERT with a fake hash, a spoofed recorder and an old time is denied."""
    store = team["stores"]["admin1"]
    count = len(store.journal())
    for user in ("planner1", "admin1", "viewer1"):
        conn = psycopg2.connect(dsn(postgis, team["db"], user))
        with conn.cursor() as cur:
            cur.execute("SELECT seq, hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1")
            seq, last = cur.fetchone()
            with pytest.raises(psycopg2.Error, match="permission denied"):
                cur.execute("INSERT INTO vp_quota.journal (seq, kind, units, document_no, author, village, prev_hash, "
                            "hash, recorded_by, recorded_at) VALUES (%s, 'draw', 1, 'x', 'y', %s, %s, 'not-a-hash', "
                            "'admin1', '2001-01-01')", (seq + 1, V1, last))
        conn.rollback()
        for sql in ("UPDATE vp_quota.pool SET control_total_units = control_total_units * 2",
                    "UPDATE vp_quota.village SET category = 'suburban'",
                    "DELETE FROM vp_quota.protection",
                    "INSERT INTO vp_quota.village (village_code) VALUES ('500230009009')"):
            with pytest.raises(psycopg2.Error, match="permission denied"):
                with conn.cursor() as cur:
                    cur.execute(sql)
            conn.rollback()
        conn.close()
    # even the owner cannot slip in an entry with a wrong hash or unsealed settings
    owner = psycopg2.connect(dsn(postgis, team["db"]))
    with owner.cursor() as cur:
        cur.execute("SELECT seq, hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1")
        seq, last = cur.fetchone()
        with pytest.raises(psycopg2.Error, match="not sealed|wrong hash"):
            cur.execute("INSERT INTO vp_quota.journal (seq, kind, units, document_no, author, village, prev_hash, "
                        "hash) VALUES (%s, 'draw', 1, 'x', 'y', %s, %s, 'not-a-hash')", (seq + 1, V1, last))
    owner.rollback()
    owner.close()
    assert len(store.journal()) == count
    assert store.verified(store.verify())


def test_the_server_records_who_and_when_and_seals_the_entry_itself(team, postgis):
    conn = psycopg2.connect(dsn(postgis, team["db"], "planner1"))
    seq, prev, digest, settings = call_record(conn, units=1000, doc="丰都规资〔2026〕8号", author="admin1",
                                              date="2026-03-02")
    conn.commit()
    with conn.cursor() as cur:
        cur.execute("SELECT recorded_by, now() - recorded_at < interval '1 minute' FROM vp_quota.journal "
                    "WHERE seq = %s", (seq,))
        assert cur.fetchone() == ("planner1", True)
    conn.close()
    store = team["stores"]["viewer1"]
    entry = store.journal()[-1]
    assert (entry.seq, entry.prev_hash, entry.hash) == (seq, prev, digest)
    assert settings == store.settings_digest()  # the server and the plugin build the same digest
    check = store.verify()
    assert store.verified(check) and check["anchor"] == "%d:%s" % (seq, digest)


@pytest.fixture(scope="module")
def rules_db(postgis):
    db = postgis.create_database("quota_rules")
    vs = villages()
    vs[0]["category"] = "relocation"  # V1 receives quota only for resettlement
    PgQuotaStore(dsn(postgis, db)).create("500230", 1000.0, 990.0, load_policy(), vs)
    conn = psycopg2.connect(dsn(postgis, db))
    call_record(conn, kind="inflow", units=100000, source="annual_plan", village="")
    call_record(conn, kind="allocate", units=50000, village=V1, purpose="resettlement")
    conn.commit()
    conn.close()
    return db


@pytest.mark.parametrize("args,rule", [
    ({"units": 100000000}, "area"),
    ({"units": 0}, "area"),
    ({"date": "2026-13-45"}, "date"),
    ({"date": "abc'; --"}, "date"),
    ({"date": "1899-02-30"}, "date"),
    ({"date": "1899-01-01"}, "date"),
    ({"date": None}, "date"),
    ({"doc": " "}, "document"),
    ({"village": "999999999999"}, "village"),
    ({"kind": "inflow", "source": "lottery", "village": ""}, "source"),
    ({"kind": "allocate", "village": V1, "units": 1, "purpose": ""}, "category"),
    ({"kind": "draw", "flexible": True, "units": 30000}, "flexible_reserve"),
    ({"kind": "reverse", "reverses": 9999, "village": ""}, "reverse"),
])
def test_the_server_enforces_the_rules_itself(rules_db, postgis, args, rule):
    conn = psycopg2.connect(dsn(postgis, rules_db))
    with pytest.raises(psycopg2.Error) as err:
        call_record(conn, **args)
    assert err.value.diag.message_hint == "rule=" + rule
    conn.rollback()
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM vp_quota.journal")
        assert cur.fetchone()[0] == 2
    conn.close()


def test_the_server_refuses_draws_on_protected_land_and_over_the_control_total(postgis):
    import shapely

    db = postgis.create_database("quota_server_rules")
    farmland = shapely.box(0, 0, 100, 100)
    PgQuotaStore(dsn(postgis, db)).create("500230", 1000.0, 999.0, load_policy(), villages(),
                                          [("basic_farmland", shapely.to_wkb(farmland))])
    conn = psycopg2.connect(dsn(postgis, db))
    call_record(conn, kind="inflow", units=50000, source="annual_plan", village="")
    call_record(conn, kind="allocate", units=50000, village=V1)
    conn.commit()
    with pytest.raises(psycopg2.Error) as err:
        call_record(conn, units=1000, geometry=psycopg2.Binary(shapely.to_wkb(shapely.box(90, 90, 120, 120))))
    assert err.value.diag.message_hint == "rule=basic_farmland" and "100.00 m2" in str(err.value)
    conn.rollback()
    call_record(conn, units=1000, geometry=psycopg2.Binary(shapely.to_wkb(shapely.box(200, 200, 300, 300))))
    conn.commit()
    with pytest.raises(psycopg2.Error) as err:
        call_record(conn, units=20000)  # 999 + 0.1 + 2 ha > 1000 ha
    assert err.value.diag.message_hint == "rule=control_total"
    conn.rollback()
    conn.close()
    store = PgQuotaStore(dsn(postgis, db))
    assert len(store.journal()) == 3 and store.verified(store.verify())


def test_settings_changed_by_the_owner_show_in_the_verification(postgis):
    db = postgis.create_database("quota_settings")
    store = PgQuotaStore(dsn(postgis, db))
    store.create("500230", 1000.0, 990.0, load_policy(), villages())
    store.record(mv("inflow", 5.0, source="annual_plan"))
    assert store.verified(store.verify())
    postgis.psql("UPDATE vp_quota.pool SET control_total_units = control_total_units + 1000000", dbname=db)
    check = store.verify()
    assert check["chain_ok"] and not check["settings_ok"]
    store.record(mv("inflow", 1.0, source="annual_plan"))
    assert not store.verified(store.verify())


def test_a_second_import_is_refused_on_postgis_too(postgis):
    db = postgis.create_database("quota_dupes")
    store = PgQuotaStore(dsn(postgis, db))
    store.create("500230", 1000.0, 990.0, load_policy(), villages())
    batch = lambda: [mv("inflow", 5.0, source="annual_plan"), mv("allocate", 2.0, village=V1)]  # noqa: E731
    assert not store.record_many(batch(), allow_duplicates=False)[1]
    written, refused = store.record_many(batch(), allow_duplicates=False)
    assert written == [] and [e.rule for _, e in refused] == ["duplicate", "duplicate"]
    assert len(store.journal()) == 2


def test_connection_errors_never_show_the_password(postgis):
    from village_planner.store.sqlite import StoreError

    for text in ("host=%s port=%d dbname=nodb user=nobody password=S3cret-pw" % (postgis.host, postgis.port),
                 "postgresql://nobody:S3cret-pw@%s:%d/nodb" % (postgis.host, postgis.port),
                 "host=%s port=%d dbname=nodb user=nobody password='S3cret pw'" % (postgis.host, postgis.port)):
        store = PgQuotaStore(text)
        assert "S3cret" not in store.label
        with pytest.raises(StoreError) as err:
            store.exists()
        assert "S3cret" not in str(err.value) and "*****" in str(err.value)
    store = PgQuotaStore("host=%s port=%d dbname=nodb user=nobody" % (postgis.host, postgis.port),
                         label="connection:team", secrets=["S3cret-pw"])
    with pytest.raises(StoreError) as err:
        store.exists()
    assert "connection:team" in str(err.value)


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
        "s.record(Entry(kind='inflow', units=50000, source='annual_plan', document_no='x', author='y',\n"
        "               date='2026-03-01'))\n"
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


def test_server_hashes_match_the_plugins_for_awkward_text(postgis):
    db = postgis.create_database("quota_awkward")
    store = PgQuotaStore(dsn(postgis, db))
    vs = villages()
    vs[1]["village_name"] = '高"岭\\村\n\t<script>\u2028'
    store.create("500230", 1000.0, 990.0, load_policy(), vs)
    store.record(mv("inflow", 5.0, source="annual_plan", document_no='文号 "1"\\2\x01', note="第一行\n第二行 ☃"))
    store.record(mv("allocate", 1.0, village=V2, project="项目\r\n'; DROP TABLE x; --"))
    check = store.verify()
    assert check["chain_ok"] and check["settings_ok"], check


def test_a_pool_of_schema_version_2_is_upgraded_and_keeps_verifying(postgis):
    """Entries recorded under version 2 (hash format 1) verify; new ones are sealed with the settings."""
    import json

    db = postgis.create_database("quota_old_pool")
    conn = psycopg2.connect(dsn(postgis, db))
    pg_migrate.install(conn, version=2)
    policy = load_policy()
    old = mv("inflow", 5.0, source="annual_plan")
    old.seq = 1
    old.seal(q.GENESIS)
    with conn.cursor() as cur:
        cur.execute("INSERT INTO vp_quota.pool (id, county_code, control_total_units, baseline_units, policy_name, "
                    "policy_hash, policy_json, crs) VALUES (1, '500230', %s, %s, %s, %s, %s, '')",
                    (to_units(1000), to_units(990), policy.name, policy.content_hash,
                     json.dumps(policy.data, ensure_ascii=False)))
        cur.execute("INSERT INTO vp_quota.village (village_code, village_name, category, planned_units) "
                    "VALUES (%s, '新塘村', 'suburban', 400000)", (V1,))
        cur.execute("INSERT INTO vp_quota.journal (seq, kind, units, date, document_no, author, source, prev_hash, "
                    "hash) VALUES (1, 'inflow', %s, %s, %s, %s, 'annual_plan', %s, %s)",
                    (old.units, old.date, old.document_no, old.author, old.prev_hash, old.hash))
    conn.commit()
    conn.close()
    store = PgQuotaStore(dsn(postgis, db))
    assert store.exists()  # the owner opens it: upgraded to the latest version
    conn = psycopg2.connect(dsn(postgis, db))
    assert pg_migrate.schema_version(conn) == pg_migrate.LATEST
    conn.close()
    assert store.verified(store.verify())
    store.record(mv("allocate", 1.0, village=V1))
    entries = store.journal()
    assert entries[0].settings == "" and entries[1].settings == store.settings_digest()
    assert store.verified(store.verify())


def test_a_movement_runs_on_one_connection_on_postgis(postgis, monkeypatch):
    db = postgis.create_database("quota_one_connection")
    store = PgQuotaStore(dsn(postgis, db))
    store.create("500230", 1000.0, 990.0, load_policy(), villages())
    store.record(mv("inflow", 5.0, source="annual_plan"))
    store.record(mv("allocate", 3.0, village=V1))
    opened = CountedConnections(monkeypatch, psycopg2)

    def overlaps(entry):  # what the QGIS OverlapChecker reads from the store, inside the write transaction
        assert store.constraints("basic_farmland") == [] and store.village_boundary(entry.village) is None
        return {}

    with store.session():
        assert store.exists()
        store.pool_info()
        seq, _ = store.record(mv("draw", 0.5, village=V1), overlaps)
        assert store.state().balance(V1) == to_units(2.5)
        assert store.verify()["balances_ok"]
    assert seq == 3 and opened.calls == 1


def test_every_driver_error_leaves_the_store_as_a_store_error_on_postgis(postgis):
    from village_planner.store.sqlite import StoreError

    store = PgQuotaStore(dsn(postgis, postgis.create_database("quota_no_schema")))
    assert not store.exists()
    for call in (store.state, store.journal, store.pool_info, store.policy):
        with pytest.raises(StoreError, match="vp_quota"):
            call()


def test_village_accounts_added_later_on_postgis_by_an_admin_only(postgis):
    """Issue 9 re-test, 7: accounts added to a pool made from a baseline alone, through the server's own write
    path; the entry is sealed by the chain and the plugin's verification agrees with the server's hashes."""
    db = postgis.create_database("quota_accounts_later")
    PgQuotaStore(dsn(postgis, db)).create("500230", 1000.0, 990.0, load_policy(), [])
    for role in ("admin1", "planner1", "viewer1"):
        postgis.psql("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '%s') THEN "
                     "CREATE ROLE %s LOGIN IN ROLE vp_%s; END IF; END $$" % (role, role, role[:-1]))
    admin, planner = PgQuotaStore(dsn(postgis, db, "admin1")), PgQuotaStore(dsn(postgis, db, "planner1"))
    admin.record(mv("inflow", 10.0, source="annual_plan"))
    with pytest.raises(QuotaRefused) as err:
        admin.record(mv("allocate", 1.0, village=V1))
    assert err.value.rule == "village"
    with pytest.raises(QuotaRefused) as err:
        planner.update_accounts(villages(), "李工")
    assert err.value.rule == "role" and "permission denied" in str(err.value) and "(role)" in str(err.value)
    conn = psycopg2.connect(dsn(postgis, db, "planner1"))
    with pytest.raises(psycopg2.Error, match="permission denied"):
        with conn.cursor() as cur:
            cur.execute("SELECT * FROM vp_quota.update_accounts(ARRAY['x'], NULL, NULL, NULL, NULL, NULL, true, "
                        "'2026-03-01', '', 'y', '')")
    conn.close()
    seq, changes = admin.update_accounts(villages(), "县规划局", "2026-03-02", "丰都规资〔2026〕9号")
    assert seq == 2 and len(changes) == 3
    entry = admin.journal()[-1]
    assert entry.kind == "accounts" and entry.units == 0 and entry.details()["accounts"][0]["action"] == "add"
    assert entry.settings == admin.settings_digest()
    admin.record(mv("allocate", 4.0, village=V1))
    admin.record(mv("draw", 2.0, village=V1, flexible=True))
    assert admin.verified(admin.verify())
    # the server itself refuses planned construction land below the flexible draws already made
    conn = psycopg2.connect(dsn(postgis, db, "admin1"))
    with pytest.raises(psycopg2.Error) as raw:
        with conn.cursor() as cur:
            cur.execute("SELECT * FROM vp_quota.update_accounts(%s, NULL, NULL, NULL, %s, NULL, true, '2026-03-03', "
                        "'', 'y', '')", ([V1], [to_units(30)]))
    assert raw.value.diag.message_hint == "rule=flexible_reserve"
    conn.close()
    more = villages()
    more[1]["category"], more[1]["planned_ha"] = "suburban", 25
    seq, changes = admin.update_accounts(more, "县规划局")
    assert [(c["action"], c["village_code"]) for c in changes] == [("update", V2)]
    assert admin.state().villages[V2]["category"] == "suburban" and admin.verified(admin.verify())
    # settings changed by the owner outside the journal: no accounts entry makes them legitimate
    postgis.psql("UPDATE vp_quota.village SET planned_units = 1 WHERE village_code = '%s'" % V3, dbname=db)
    with pytest.raises(QuotaRefused) as err:
        admin.update_accounts([{"village_code": "500230009009", "category": "suburban", "planned_ha": 1}], "县规划局")
    assert err.value.rule == "settings"
    assert not admin.verify()["settings_ok"]


def test_a_server_refusal_is_worded_as_the_plugin_words_its_rule(team, postgis):
    """Issue 9 re-test, 3: the server's English refusal comes back with the rule's translated label, and with
    the plugin's own message and figures when its rules, applied to the server's books, refuse the same way."""
    store = team["stores"]["admin1"]
    with store._connection() as con:  # the plugin's own check skipped: the server alone refuses
        store._begin(con)
        with pytest.raises(QuotaRefused) as err:
            store._insert(con, mv("draw", 99.0, village=V1), store.policy(), None)
    assert err.value.rule == "balance"
    assert "The balance of %s would fall to" % V1 in str(err.value) and "units" not in str(err.value)
    with pytest.raises(QuotaRefused) as err:
        team["stores"]["planner1"].record(mv("allocate", 1.0, village=V1))
    assert err.value.rule == "role"
    assert "who may record what (role)" in str(err.value) and "Role planner1 may not record allocate" in str(
        err.value)
