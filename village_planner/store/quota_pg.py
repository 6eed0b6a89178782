"""The quota pool on a team's PostGIS: the same accounting, roles enforced by the server.

Writers are serialised with a transaction-level advisory lock; balances are
posted by the database from each journal row and may never go below zero; who
may record what is checked by a trigger against the session's roles and towns.
"""

import json

from ..core import quota as q
from ..core.i18n import tr
from . import pg_migrate
from .quota_store import COLUMNS, RECLAIMED, QuotaStoreBase
from .snapshots import StoreError

LOCK_KEY = 7_106_116  # any constant shared by every writer of the pool


def is_postgres_dsn(text):
    t = (text or "").strip().lower()
    return t.startswith(("postgresql://", "postgres://", "pg:", "service=")) or "dbname=" in t


class PgQuotaStore(QuotaStoreBase):
    def __init__(self, dsn):
        self.dsn = dsn[3:] if dsn.lower().startswith("pg:") else dsn
        self.path = dsn

    def _connect(self):
        import psycopg2

        try:
            return psycopg2.connect(self.dsn)
        except psycopg2.Error as exc:
            raise StoreError(tr("Cannot connect to PostGIS: {error}").format(error=str(exc).strip())) from exc

    def _query(self, sql, args=()):
        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute(sql, args)
                return cur.fetchall() if cur.description else []
        finally:
            con.close()

    # -- creation --------------------------------------------------------------
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        import psycopg2

        con = self._connect()
        try:
            pg_migrate.ensure(con)
            with con.cursor() as cur:
                cur.execute("SELECT 1 FROM vp_quota.pool")
                if cur.fetchone():
                    raise StoreError(tr("{path} already holds a quota pool.").format(path="PostGIS"))
                cur.execute("INSERT INTO vp_quota.pool VALUES (1, %s, %s, %s, %s, %s, %s, %s, now())", (
                    county_code, q.to_units(control_total_ha), q.to_units(baseline_ha), policy.name,
                    policy.content_hash, json.dumps(policy.data, ensure_ascii=False), crs))
                for v in villages:
                    cur.execute("INSERT INTO vp_quota.village (village_code, village_name, town, category, "
                                "planned_units, boundary) VALUES (%s, %s, %s, %s, %s, %s)", (
                                    v["village_code"], v.get("village_name"), v.get("town"), v.get("category") or "",
                                    q.to_units(v.get("planned_ha") or 0),
                                    psycopg2.Binary(v["boundary_wkb"]) if v.get("boundary_wkb") else None))
                for kind, wkb in constraints:
                    cur.execute("INSERT INTO vp_quota.protection (kind, geometry) VALUES (%s, %s)",
                                (kind, psycopg2.Binary(wkb)))
            con.commit()
        except psycopg2.Error as exc:
            con.rollback()
            raise StoreError(str(exc).strip()) from exc
        finally:
            con.close()

    def exists(self):
        rows = self._query("SELECT to_regclass('vp_quota.pool')")
        return bool(rows and rows[0][0]) and bool(self._query("SELECT 1 FROM vp_quota.pool"))

    # -- reading ---------------------------------------------------------------
    def _state_cur(self, cur):
        cur.execute("SELECT control_total_units, baseline_units FROM vp_quota.pool")
        row = cur.fetchone()
        if row is None:
            raise StoreError(tr("{path} holds no quota pool; create one first.").format(path="PostGIS"))
        cur.execute("SELECT village_code, village_name, town, category, planned_units FROM vp_quota.village")
        villages = {r[0]: {"village_name": r[1], "town": r[2], "category": r[3], "planned_units": r[4]}
                    for r in cur.fetchall()}
        cur.execute("SELECT account, units FROM vp_quota.balance")
        balances = dict(cur.fetchall())
        reclaimed = balances.pop(RECLAIMED, 0)
        return q.PoolState(row[0], row[1], balances, reclaimed, villages)

    def state(self):
        con = self._connect()
        try:
            with con.cursor() as cur:
                return self._state_cur(cur)
        finally:
            con.close()

    @staticmethod
    def _policy_cur(cur):
        cur.execute("SELECT policy_json, policy_hash FROM vp_quota.pool")
        text, digest = cur.fetchone()
        return q.Policy(json.loads(text), "(pool)", digest)

    def policy(self):
        con = self._connect()
        try:
            with con.cursor() as cur:
                return self._policy_cur(cur)
        finally:
            con.close()

    def pool_info(self):
        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute("SELECT county_code, control_total_units, baseline_units, policy_name, policy_hash, "
                            "crs, created_at::text FROM vp_quota.pool")
                keys = [c[0] for c in cur.description]
                return dict(zip(keys, cur.fetchone()))
        finally:
            con.close()

    def constraints(self, kind):
        return [bytes(r[0]) for r in self._query("SELECT geometry FROM vp_quota.protection WHERE kind = %s",
                                                 (kind,))]

    def village_boundary(self, code):
        rows = self._query("SELECT boundary FROM vp_quota.village WHERE village_code = %s", (code,))
        return bytes(rows[0][0]) if rows and rows[0][0] is not None else None

    @staticmethod
    def _entry(row):
        d = dict(zip(COLUMNS, row))
        return q.Entry(kind=d["kind"], units=d["units"], date=d["date"] or "", document_no=d["document_no"] or "",
                       author=d["author"] or "", project=d["project"] or "", note=d["note"] or "",
                       village=d["village"] or "", to_village=d["to_village"] or "",
                       land_use_code=d["land_use_code"] or "", flexible=bool(d["flexible"]),
                       reverses=d["reverses"] or 0, source=d["source"] or "", purpose=d["purpose"] or "",
                       geometry_wkb=bytes(d["geometry"]) if d["geometry"] is not None else b"", seq=d["seq"],
                       prev_hash=d["prev_hash"], hash=d["hash"])

    def journal(self):
        entries = [self._entry(r) for r in self._query(
            "SELECT %s FROM vp_quota.journal ORDER BY seq" % ", ".join(COLUMNS))]
        reversed_ids = {e.reverses for e in entries if e.kind == "reverse"}
        for e in entries:
            e.extra["reversed"] = e.seq in reversed_ids
        return entries

    # -- writing ---------------------------------------------------------------
    def record_many(self, entries, overlaps_fn=None):
        import psycopg2

        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                state = self._state_cur(cur)
                policy = self._policy_cur(cur)
                cur.execute("SELECT seq, hash FROM vp_quota.journal ORDER BY seq DESC LIMIT 1")
                last = cur.fetchone()
                seq, prev = (last[0], last[1]) if last else (0, q.GENESIS)
                def find_original(n):
                    cur.execute("SELECT %s FROM vp_quota.journal WHERE seq = %%s" % ", ".join(COLUMNS), (n,))
                    row = cur.fetchone()
                    if row is None:
                        return None
                    original = self._entry(row)
                    cur.execute("SELECT 1 FROM vp_quota.journal WHERE kind = 'reverse' AND reverses = %s", (n,))
                    original.extra["reversed"] = cur.fetchone() is not None
                    return original

                def insert(entry, _original):
                    values = {c: getattr(entry, c, None) for c in COLUMNS}
                    values["geometry"] = psycopg2.Binary(entry.geometry_wkb) if entry.geometry_wkb else None
                    values["flexible"] = bool(entry.flexible)
                    values["reverses"] = entry.reverses or None
                    try:
                        cur.execute("SAVEPOINT movement")
                        cur.execute("INSERT INTO vp_quota.journal (%s) VALUES (%s)" % (
                            ", ".join(COLUMNS), ", ".join(["%s"] * len(COLUMNS))), [values[c] for c in COLUMNS])
                        cur.execute("RELEASE SAVEPOINT movement")
                    except psycopg2.Error as exc:
                        cur.execute("ROLLBACK TO SAVEPOINT movement")
                        raise q.QuotaRefused("database", tr("The server refused the movement: {error}").format(
                            error=str(exc).strip().splitlines()[0])) from None

                written, refused = self._batch(entries, state, policy, seq, prev, find_original, insert, overlaps_fn)
                if refused:
                    con.rollback()
                    return [], refused
                self._before_commit()
                con.commit()
                return written, []
        except psycopg2.Error as exc:
            con.rollback()
            raise StoreError(str(exc).strip()) from exc
        finally:
            con.close()

    def record(self, entry, overlaps_fn=None):
        results, refused = self.record_many([entry], overlaps_fn)
        if refused:
            raise refused[0][1]
        return results[0]

    def _before_commit(self):
        """Called inside the transaction just before COMMIT (the fault tests stop a process here)."""
