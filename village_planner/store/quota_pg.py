"""The quota pool on a team's PostGIS: the same accounting, roles enforced by the server.

Writers are serialised with a transaction-level advisory lock; movements are
recorded only through the server's vp_quota.record_movement, which checks every
rule again, seals the entry and takes the recorder and the time itself; balances
are posted by the database from each journal row and may never go below zero;
who may record what is checked by a trigger against the session's roles and towns.
No message of this module carries the connection's password.
"""

import json
import re

from ..core import quota as q
from ..core.i18n import N_, tr
from ..core.secrets import mask
from . import pg_migrate
from .quota_base import QuotaStore, pool_units
from .sqlite import StoreError

LOCK_KEY = 7_106_116  # any constant shared by every writer of the pool
# the server's refusals of a role, as the plugin words them: (pattern of the server's text, message)
ROLE_REFUSALS = (
    (re.compile(r"role (\S+) may not record for village (\S+) \(not one of its towns\)"),
     N_("Role {0} may not record for village {1} (not one of its towns).")),
    (re.compile(r"role (\S+) may not record (\S+) movements"), N_("Role {0} may not record {1} movements.")),
    (re.compile(r"role (\S+) may not change village accounts"), N_("Role {0} may not change village accounts.")),
)


def is_postgres_dsn(text):
    t = (text or "").strip().lower()
    return t.startswith(("postgresql://", "postgres://", "pg:", "service=")) or "dbname=" in t


class PgQuotaStore(QuotaStore):
    TABLES = {"pool": "vp_quota.pool", "village": "vp_quota.village", "protection": "vp_quota.protection",
              "journal": "vp_quota.journal", "balance": "vp_quota.balance"}
    PARAM = "%s"
    CREATED_AT = "created_at::text"

    def __init__(self, dsn, label=None, secrets=()):
        """``label``: how messages name the database (default: the connection string, its password masked);
        ``secrets``: passwords to mask wherever they appear (e.g. the one resolved from a saved connection)."""
        self.dsn = dsn[3:] if dsn.lower().startswith("pg:") else dsn
        self.secrets = tuple(s for s in secrets if s)
        super().__init__(label or mask(dsn, self.secrets))

    def mask(self, text):
        return mask(str(text).strip(), self.secrets)

    # -- the connection ----------------------------------------------------------------
    def _open(self):
        import psycopg2

        try:
            return psycopg2.connect(self.dsn)
        except psycopg2.Error as exc:
            raise StoreError(tr("Cannot connect to PostGIS ({database}): {error}").format(
                database=self.path, error=self.mask(exc))) from None

    def _driver_error(self):
        import psycopg2

        return psycopg2.Error

    def _raise_store_error(self, exc):
        raise StoreError(self.mask(exc)) from None

    def _begin(self, con):
        self._execute(con, "SELECT pg_advisory_xact_lock(?)", (LOCK_KEY,))

    def _commit(self, con):
        con.commit()

    def _end(self, con):
        import psycopg2

        try:
            con.rollback()
        except psycopg2.Error:
            pass  # the connection is closed next; the server rolls back what was not committed

    # -- creation --------------------------------------------------------------
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        import psycopg2

        control, baseline = pool_units(control_total_ha, baseline_ha, villages)
        with self._connection() as con:
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

    def exists(self):
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT to_regclass('vp_quota.pool')")
                if cur.fetchone()[0] is None:
                    return False
                cur.execute("SELECT 1 FROM vp_quota.pool")
                if cur.fetchone() is None:
                    return False
            self._upgrade(con)
            return True

    def _upgrade(self, con):
        import psycopg2

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

    # -- writing ---------------------------------------------------------------
    def _sealing_settings(self, con):
        """The settings digest the server seals with; verification recomputes it from the rows."""
        row = self._execute(con, "SELECT settings_hash FROM vp_quota.pool").fetchone()
        return (row or [""])[0] or ""

    def _insert(self, con, entry, policy, original):
        """The server checks, seals and writes the movement; its seq and hash are the entry's."""
        import psycopg2

        with con.cursor() as cur:
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
                raise self._refusal(con, exc, entry, policy, original) from None

    def _write_accounts(self, con, changes, entry):
        """The server checks and applies the changes and writes the accounts entry; its seq and hash are the
        entry's."""
        import psycopg2

        def column(key):
            return [c.get(key) for c in changes]

        with con.cursor() as cur:
            try:
                cur.execute("SAVEPOINT accounts")
                cur.execute("SELECT * FROM vp_quota.update_accounts(%s::text[], %s::text[], %s::text[], %s::text[], "
                            "%s::bigint[], %s::bytea[], true, %s, %s, %s, %s)", (
                                column("village_code"), column("village_name"), column("town"), column("category"),
                                column("planned_units"),
                                [psycopg2.Binary(w) if w else None for w in column("boundary_wkb")],
                                entry.date, entry.document_no, entry.author, entry.note))
                row = cur.fetchone()
                cur.execute("RELEASE SAVEPOINT accounts")
            except psycopg2.Error as exc:
                cur.execute("ROLLBACK TO SAVEPOINT accounts")
                raise self._refusal(con, exc) from None
        if row is None:
            raise q.QuotaRefused("settings", tr("The server found no village account to add or change."))
        entry.seq, entry.prev_hash, entry.hash, entry.settings = row

    def _refusal(self, con, exc, entry=None, policy=None, original=None):
        """The QuotaRefused for the server's refusal ``exc``: the rule its hint names (a role's refusal: 'role'),
        with the plugin's own translated message and figures when the plugin's rules, applied to the books as the
        server sees them, refuse the movement by the same rule; otherwise the rule's translated label and the
        server's words."""
        import psycopg2

        hint = getattr(exc.diag, "message_hint", None) or ""
        rule = hint[5:] if hint.startswith("rule=") else (
            "role" if getattr(exc, "pgcode", None) == "42501" else "database")
        error = self.mask(exc).splitlines()[0]
        if rule == "role":
            for pattern, message in ROLE_REFUSALS:
                found = pattern.search(error)
                if found:
                    error = tr(message).format(*found.groups())
                    break
        elif entry is not None and rule in q.RULE_LABELS and rule not in ("database", "pool"):
            try:
                q.check(entry, self._state(con), policy, original, None)
            except q.QuotaRefused as own:
                if own.rule == rule:
                    return q.QuotaRefused(rule, tr("The server refused the movement: {error}").format(
                        error=str(own)))
            except (ValueError, KeyError, psycopg2.Error):  # a courtesy: the server's refusal stands as it is
                pass
        return q.QuotaRefused(rule, tr("The server refused the movement by rule “{rule}”: {error}").format(
            rule=q.rule_name(rule), error=error))
