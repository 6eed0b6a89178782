"""The quota pool in the planning GeoPackage (SQLite): journal, balances, constraints.

Each movement is checked and written in one ``BEGIN IMMEDIATE`` transaction, so
two QGIS instances writing at once are serialised by SQLite and a process killed
in the middle leaves the books as they were before the movement. SQLite is opened
through ``store.sqlite.connect`` (the plugin's one set of settings); what the stores
share is in ``quota_base``.
"""

import datetime as _dt
import hashlib
import json
import os
import sqlite3

from ..core import quota as q
from ..core.i18n import tr
from .quota_base import COLUMNS, RECLAIMED, QuotaStore, pool_units
from .snapshots import ensure_schema
from .sqlite import StoreError, connect

SCHEMA = """
CREATE TABLE IF NOT EXISTS vp_quota_pool (
    id INTEGER PRIMARY KEY CHECK (id = 1), county_code TEXT NOT NULL, control_total_units INTEGER NOT NULL,
    baseline_units INTEGER NOT NULL, policy_name TEXT, policy_hash TEXT, policy_json TEXT, crs TEXT,
    created_at TEXT, settings_hash TEXT);
CREATE TABLE IF NOT EXISTS vp_quota_village (
    village_code TEXT PRIMARY KEY, village_name TEXT, town TEXT, category TEXT, planned_units INTEGER,
    boundary BLOB);
CREATE TABLE IF NOT EXISTS vp_quota_constraint (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, geometry BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS vp_quota_journal (
    seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, units INTEGER NOT NULL, date TEXT, document_no TEXT,
    author TEXT, project TEXT, note TEXT, village TEXT, to_village TEXT, land_use_code TEXT, flexible INTEGER,
    reverses INTEGER, source TEXT, purpose TEXT, geometry BLOB, prev_hash TEXT NOT NULL, hash TEXT NOT NULL,
    recorded_at TEXT, settings_hash TEXT, detail TEXT);
CREATE TABLE IF NOT EXISTS vp_quota_balance (account TEXT PRIMARY KEY, units INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS vp_quota_journal_no_update BEFORE UPDATE ON vp_quota_journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never changed: record a reversal'); END;
CREATE TRIGGER IF NOT EXISTS vp_quota_journal_no_delete BEFORE DELETE ON vp_quota_journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted: record a reversal'); END;
"""
SQLITE_HEADER = b"SQLite format 3\x00"
# columns added after the first release: (table, column, type)
ADDED_COLUMNS = (("vp_quota_journal", "settings_hash", "TEXT"), ("vp_quota_pool", "settings_hash", "TEXT"),
                 ("vp_quota_journal", "detail", "TEXT"))


def is_sqlite_file(path):
    """Whether ``path`` is an SQLite database (a GeoPackage is one); False for a CSV or any other file."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def _refuse_non_sqlite(path):
    if os.path.isdir(path) or (os.path.exists(path) and os.path.getsize(path) and not is_sqlite_file(path)):
        raise StoreError(tr("{path} is not a GeoPackage (it is not an SQLite database).").format(path=path))


def _upgrade(con):
    """Add the columns a pool made by an earlier version lacks (older entries keep hash format 1)."""
    for table, column, kind in ADDED_COLUMNS:
        have = {r[1] for r in con.execute("PRAGMA table_info(%s)" % table)}
        if have and column not in have:
            con.execute("ALTER TABLE %s ADD COLUMN %s %s" % (table, column, kind))


def _now():
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")


class GpkgQuotaStore(QuotaStore):
    TABLES = {"pool": "vp_quota_pool", "village": "vp_quota_village", "protection": "vp_quota_constraint",
              "journal": "vp_quota_journal", "balance": "vp_quota_balance"}

    # -- the connection --------------------------------------------------------------
    def _open(self):
        _refuse_non_sqlite(self.path)
        con = connect(self.path, autocommit=True)  # BEGIN IMMEDIATE is run here, for writes
        try:
            _upgrade(con)
        except sqlite3.DatabaseError as exc:
            con.close()
            raise StoreError(tr("{path} is not a GeoPackage: {error}").format(path=self.path, error=exc)) from None
        return con

    def _driver_error(self):
        return sqlite3.Error

    def _raise_store_error(self, exc):
        raise StoreError(tr("The planning database {path} cannot be used: {error}").format(
            path=self.path, error=exc)) from exc

    def _begin(self, con):
        con.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes

    def _commit(self, con):
        con.execute("COMMIT")

    def _end(self, con):
        try:
            if con.in_transaction:
                con.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the connection is closed next; SQLite rolls back what was not committed

    # -- creation ------------------------------------------------------------
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        """villages: [{village_code, village_name, town, category, planned_ha, boundary_wkb}]."""
        control, baseline = pool_units(control_total_ha, baseline_ha, villages)
        _refuse_non_sqlite(self.path)  # a CSV or any other file is refused before anything is written
        ensure_schema(self.path)
        with self._connection() as con:
            con.executescript(SCHEMA)
            _upgrade(con)
            con.execute("BEGIN IMMEDIATE")
            if con.execute("SELECT 1 FROM vp_quota_pool").fetchone():
                raise StoreError(tr("{path} already holds a quota pool.").format(path=self.path))
            con.execute("INSERT INTO vp_quota_pool (id, county_code, control_total_units, baseline_units, "
                        "policy_name, policy_hash, policy_json, crs, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)", (
                            county_code, control, baseline, policy.name,
                            policy.content_hash, json.dumps(policy.data, ensure_ascii=False), crs, _now()))
            con.executemany("INSERT INTO vp_quota_village VALUES (?, ?, ?, ?, ?, ?)", [(
                v["village_code"], v.get("village_name"), v.get("town"), v.get("category") or "",
                q.to_units(v.get("planned_ha") or 0), v.get("boundary_wkb")) for v in villages])
            con.executemany("INSERT INTO vp_quota_constraint (kind, geometry) VALUES (?, ?)", list(constraints))
            for table in ("vp_quota_pool", "vp_quota_village", "vp_quota_journal", "vp_quota_balance"):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                            "VALUES (?, 'attributes', ?, 'Village Planner quota pool')", (table, table))
            con.execute("UPDATE vp_quota_pool SET settings_hash = ?", (self._settings_digest(con),))
            con.execute("COMMIT")

    def exists(self):
        if not os.path.exists(self.path):
            return False
        with self._connection() as con:
            try:
                return bool(con.execute("SELECT 1 FROM sqlite_master WHERE name='vp_quota_pool'").fetchone()) and \
                    bool(con.execute("SELECT 1 FROM vp_quota_pool").fetchone())
            except sqlite3.DatabaseError as exc:
                raise StoreError(tr("{path} is not a GeoPackage: {error}").format(
                    path=self.path, error=exc)) from None

    # -- writing -------------------------------------------------------------
    def _sealing_settings(self, con):
        """The settings digest new entries are sealed with: the pool's, as created (kept from the first write on
        for a pool made by an earlier version). Verification recomputes it from the rows."""
        row = con.execute("SELECT settings_hash FROM vp_quota_pool").fetchone()
        if row is not None and row[0]:
            return row[0]
        digest = self._settings_digest(con)
        con.execute("UPDATE vp_quota_pool SET settings_hash = ?", (digest,))
        return digest

    def _insert(self, con, entry, policy, original):
        values = {c: getattr(entry, c) for c in COLUMNS if c not in ("geometry", "settings_hash")}
        values["geometry"] = entry.geometry_wkb or None
        values["settings_hash"] = entry.settings or None
        values["detail"] = entry.detail or None
        values["flexible"] = int(bool(entry.flexible))
        con.execute("INSERT INTO vp_quota_journal (%s, recorded_at) VALUES (%s, ?)" % (
            ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))), [values[c] for c in COLUMNS] + [_now()])
        changes = dict(q.deltas(entry, original))
        rec = q.reclaimed_delta(entry, policy, original)
        if rec:
            changes[RECLAIMED] = rec
        for account, delta in changes.items():
            con.execute("INSERT INTO vp_quota_balance VALUES (?, ?) ON CONFLICT(account) DO UPDATE "
                        "SET units = units + excluded.units", (account, delta))

    def _write_accounts(self, con, changes, entry):
        before = self._sealing_settings(con)
        if self._settings_digest(con) != before:  # a change outside the journal is not made legitimate here
            raise self._settings_moved()
        detail = []
        for c in changes:
            if c["action"] == "add":
                con.execute("INSERT INTO vp_quota_village VALUES (?, ?, ?, ?, ?, ?)", (
                    c["village_code"], c.get("village_name"), c.get("town"), c["category"], c["planned_units"],
                    c.get("boundary_wkb")))
                detail.append({"action": "add", "village_code": c["village_code"],
                               "village_name": c.get("village_name") or "", "town": c.get("town") or "",
                               "category": c["category"], "planned_units": c["planned_units"],
                               "boundary": hashlib.sha256(c["boundary_wkb"]).hexdigest()
                               if c.get("boundary_wkb") else ""})
            else:
                con.execute("UPDATE vp_quota_village SET category = ?, planned_units = ? WHERE village_code = ?",
                            (c["category"], c["planned_units"], c["village_code"]))
                detail.append({"action": "update", "village_code": c["village_code"], "category": c["category"],
                               "planned_units": c["planned_units"]})
        after = self._settings_digest(con)
        last = con.execute("SELECT seq, hash FROM vp_quota_journal ORDER BY seq DESC LIMIT 1").fetchone()
        entry.seq = (last[0] if last else 0) + 1
        entry.settings = after
        entry.detail = json.dumps({"before": before, "accounts": detail}, ensure_ascii=False,
                                  separators=(",", ":"), sort_keys=True)
        entry.seal(last[1] if last else q.GENESIS)
        self._insert(con, entry, None, None)
        con.execute("UPDATE vp_quota_pool SET settings_hash = ?", (after,))
