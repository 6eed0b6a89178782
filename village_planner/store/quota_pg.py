"""The quota pool on a team's PostGIS: the same accounting, roles enforced by the server.

Writers are serialised with a transaction-level advisory lock; movements are
recorded only through the server's vp_quota.record_movement, which checks every
rule again, seals the entry and takes the recorder and the time itself; balances
are posted by the database from each journal row and may never go below zero;
who may record what is checked by a trigger against the session's roles and towns.
No message of this module carries the connection's password.
"""

import json

from ..core import quota as q
from ..core.i18n import tr
from ..core.secrets import mask
from . import pg_migrate
from .quota_store import COLUMNS, RECLAIMED, QuotaStoreBase, _pool_units
from .snapshots import StoreError

LOCK_KEY = 7_106_116  # any constant shared by every writer of the pool


def is_postgres_dsn(text):
    t = (text or "").strip().lower()
    return t.startswith(("postgresql://", "postgres://", "pg:", "service=")) or "dbname=" in t


class PgQuotaStore(QuotaStoreBase):
    def __init__(self, dsn, label=None, secrets=()):
        """``label``: how messages name the database (default: the connection string, its password masked);
        ``secrets``: passwords to mask wherever they appear (e.g. the one resolved from a saved connection)."""
        self.dsn = dsn[3:] if dsn.lower().startswith("pg:") else dsn
        self.secrets = tuple(s for s in secrets if s)
        self.path = label or mask(dsn, self.secrets)

    @property
    def label(self):
        return self.path

    def mask(self, text):
        return mask(str(text).strip(), self.secrets)

    def _connect(self):
        import psycopg2

        try:
            return psycopg2.connect(self.dsn)
        except psycopg2.Error as exc:
            raise StoreError(tr("Cannot connect to PostGIS ({database}): {error}").format(
                database=self.path, error=self.mask(exc))) from None

    def _query(self, sql, args=()):
        import psycopg2

        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute(sql, args)
                return cur.fetchall() if cur.description else []
        except psycopg2.Error as exc:
            raise StoreError(self.mask(exc)) from None
        finally:
            con.close()

    # -- creation --------------------------------------------------------------
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        import psycopg2

        control, baseline = _pool_units(control_total_ha, baseline_ha, villages)
        con = self._connect()
        try:
            pg_migrate.ensure(con)
            with con.cursor() as cur:
                cur.execute("SELECT 1 FROM vp_quota.pool")
                if cur.fetchone():
                    raise StoreError(tr("{path} already holds a quota pool.").format(path=self.path))
                cur.execute("INSERT INTO vp_quota.pool (id, county_code, control_total_units, baseline_units, "
                            "policy_name, policy_hash, policy_json, crs, created_at) "
                            "VALUES (1, %s, %s, %s, %s, %s, %s, %s, now())", (
                                county_code, control, baseline, policy.name,
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
                cur.execute("UPDATE vp_quota.pool SET settings_hash = vp_quota.settings_digest()")
            con.commit()
        except psycopg2.Error as exc:
            con.rollback()
            raise StoreError(self.mask(exc)) from None
        finally:
            con.close()

    def exists(self):
        import psycopg2

        con = self._connect()
        try:
            with con.cursor() as cur:
                cur.execute("SELECT to_regclass('vp_quota.pool')")
                if cur.fetchone()[0] is None:
                    return False
                cur.execute("SELECT 1 FROM vp_quota.pool")
                if cur.fetchone() is None:
                    return False
            version = pg_migrate.schema_version(con)
            if version < pg_migrate.LATEST:
                try:
                    pg_migrate.upgrade(con)
                except psycopg2.Error as exc:
                    con.rollback()
                    raise StoreError(tr(
                        "The quota pool in {database} has schema version {version}; this plugin needs version "
                        "{latest}. Open it once as the database owner to upgrade it ({error}).").format(
                        database=self.path, version=version, latest=pg_migrate.LATEST,
                        error=self.mask(exc).splitlines()[0])) from None
            return True
        except psycopg2.Error as exc:
            con.rollback()
            raise StoreError(self.mask(exc)) from None
        finally:
            con.close()

    # -- the settings the chain covers -------------------------------------------------
    def _settings_cur(self, cur):
        cur.execute("SELECT county_code, control_total_units, baseline_units, crs, policy_json FROM vp_quota.pool")
        row = cur.fetchone()
        if row is None:
            return ""
        pool = dict(zip(("county_code", "control_total_units", "baseline_units", "crs", "policy_json"), row))
        cur.execute("SELECT village_code, village_name, town, category, planned_units, boundary FROM vp_quota.village")
        villages = cur.fetchall()
        cur.execute("SELECT kind, geometry FROM vp_quota.protection")
        return q.settings_digest(pool, villages, cur.fetchall())

    def settings_digest(self):
        """Computed here from the rows, independently of the server's vp_quota.settings_digest()."""
        con = self._connect()
        try:
            with con.cursor() as cur:
                return self._settings_cur(cur)
        finally:
            con.close()

    def created_settings(self):
        rows = self._query("SELECT settings_hash FROM vp_quota.pool")
        return rows[0][0] if rows else None

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
                       prev_hash=d["prev_hash"], hash=d["hash"], settings=d["settings_hash"] or "")

    def journal(self):
        entries = [self._entry(r) for r in self._query(
            "SELECT %s FROM vp_quota.journal ORDER BY seq" % ", ".join(COLUMNS))]
        reversed_ids = {e.reverses for e in entries if e.kind == "reverse"}
        for e in entries:
            e.extra["reversed"] = e.seq in reversed_ids
        return entries

    # -- writing ---------------------------------------------------------------
    def record_many(self, entries, overlaps_fn=None, allow_duplicates=True):
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
                journal = None
                if not allow_duplicates:
                    cur.execute("SELECT %s FROM vp_quota.journal ORDER BY seq" % ", ".join(COLUMNS))
                    journal = [self._entry(r) for r in cur.fetchall()]
                cur.execute("SELECT settings_hash FROM vp_quota.pool")
                settings = (cur.fetchone() or [""])[0] or ""  # the server seals with it; verify recomputes it
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
                    """The server checks, seals and writes the movement; its seq and hash are the entry's."""
                    try:
                        cur.execute("SAVEPOINT movement")
                        cur.execute("SELECT * FROM vp_quota.record_movement(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
                                    "%s, %s, %s, %s, %s)", (
                                        entry.kind, entry.units, entry.date, entry.document_no, entry.author,
                                        entry.project, entry.note, entry.village, entry.to_village,
                                        entry.land_use_code, bool(entry.flexible), entry.reverses or None,
                                        entry.source, entry.purpose,
                                        psycopg2.Binary(entry.geometry_wkb) if entry.geometry_wkb else None))
                        entry.seq, entry.prev_hash, entry.hash, entry.settings = cur.fetchone()
                        cur.execute("RELEASE SAVEPOINT movement")
                    except psycopg2.Error as exc:
                        cur.execute("ROLLBACK TO SAVEPOINT movement")
                        hint = getattr(exc.diag, "message_hint", None) or ""
                        rule = hint[5:] if hint.startswith("rule=") else "database"
                        raise q.QuotaRefused(rule, tr("The server refused the movement: {error}").format(
                            error=self.mask(exc).splitlines()[0])) from None

                written, refused = self._batch(entries, state, policy, seq, prev, find_original, insert, overlaps_fn,
                                               settings, journal)
                if refused:
                    con.rollback()
                    return [], refused
                self._before_commit()
                con.commit()
                return written, []
        except psycopg2.Error as exc:
            con.rollback()
            raise StoreError(self.mask(exc)) from None
        finally:
            con.close()

    def record(self, entry, overlaps_fn=None):
        results, refused = self.record_many([entry], overlaps_fn)
        if refused:
            raise refused[0][1]
        return results[0]

    def _before_commit(self):
        """Called inside the transaction just before COMMIT (the fault tests stop a process here)."""
