"""Ledger snapshots kept in the planning GeoPackage (plain SQLite, no Qt).

Tables are registered in gpkg_contents as 'attributes' so QGIS opens them as
tables. A snapshot is never changed after it is written.
"""

import json
import os

from ..core.i18n import tr
from ..core.ledger import COLUMNS
from ..core.values import is_missing
from .sqlite import StoreError, connect, create_empty_gpkg, guarded

SCHEMA_VERSION = 2  # 2: snapshots record the change-survey year (年度变更调查) they were built from
NUMERIC = [c for c, kind in COLUMNS if kind in ("ha", "float", "int")]
TEXT = [c for c, kind in COLUMNS if kind == "text"]


def _is_gpkg(con):
    row = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='gpkg_contents'").fetchone()
    return row is not None


@guarded
def ensure_schema(path):
    """Create the planning GeoPackage or bring its snapshot tables up to date."""
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        create_empty_gpkg(path)
    con = connect(path)
    try:
        if not _is_gpkg(con):
            raise StoreError(tr("{path} is not a GeoPackage.").format(path=path))
        with con:
            con.execute("CREATE TABLE IF NOT EXISTS vp_meta (key TEXT PRIMARY KEY, value TEXT)")
            cols = ", ".join("%s REAL" % c for c in NUMERIC) + ", " + ", ".join("%s TEXT" % c for c in TEXT
                                                                                 if c != "village_code")
            con.execute("""CREATE TABLE IF NOT EXISTS vp_ledger_snapshot (
                id INTEGER PRIMARY KEY AUTOINCREMENT, built_at TEXT NOT NULL, survey_year INTEGER,
                label TEXT, profile_name TEXT, profile_hash TEXT, profile_path TEXT, sources TEXT,
                villages INTEGER, total_ha REAL, change_survey_year INTEGER)""")
            have_snap = {r[1] for r in con.execute("PRAGMA table_info(vp_ledger_snapshot)")}
            if "change_survey_year" not in have_snap:  # a database of schema version 1
                con.execute("ALTER TABLE vp_ledger_snapshot ADD COLUMN change_survey_year INTEGER")
            con.execute("""CREATE TABLE IF NOT EXISTS vp_ledger_row (
                fid INTEGER PRIMARY KEY AUTOINCREMENT,
                snapshot_id INTEGER NOT NULL REFERENCES vp_ledger_snapshot(id),
                village_code TEXT NOT NULL, %s)""" % cols)
            have = {r[1] for r in con.execute("PRAGMA table_info(vp_ledger_row)")}
            for name in NUMERIC + TEXT:  # columns added in later versions of the ledger
                if name not in have:
                    con.execute("ALTER TABLE vp_ledger_row ADD COLUMN %s %s" % (
                        name, "REAL" if name in NUMERIC else "TEXT"))
            con.execute("CREATE INDEX IF NOT EXISTS vp_ledger_row_snap ON vp_ledger_row(snapshot_id, village_code)")
            for trig, table in (("vp_snapshot_no_update", "vp_ledger_snapshot"),
                                ("vp_row_no_update", "vp_ledger_row")):
                con.execute("""CREATE TRIGGER IF NOT EXISTS %s BEFORE UPDATE ON %s
                               BEGIN SELECT RAISE(ABORT, 'ledger snapshots are never changed'); END""" % (trig, table))
            for table, ident in (("vp_ledger_snapshot", "Ledger snapshots"), ("vp_ledger_row", "Ledger rows")):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                            "VALUES (?, 'attributes', ?, ?)", (table, ident, "Village Planner"))
            con.execute("INSERT OR REPLACE INTO vp_meta VALUES ('snapshot_schema_version', ?)",
                        (str(SCHEMA_VERSION),))
    finally:
        con.close()
    return path


@guarded
def save_snapshot(path, result, label=""):
    """Store a LedgerResult; returns the new snapshot id. All or nothing."""
    ensure_schema(path)
    meta = result.meta
    table = result.table
    con = connect(path)
    try:
        with con:
            cur = con.execute(
                "INSERT INTO vp_ledger_snapshot (built_at, survey_year, label, profile_name, profile_hash, "
                "profile_path, sources, villages, total_ha, change_survey_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (meta.get("built_at"), meta.get("survey_year"), label, meta.get("profile_name"),
                 meta.get("profile_hash"), meta.get("profile_path"),
                 json.dumps(meta.get("sources", {}), ensure_ascii=False),
                 int((table["unassigned"] == 0).sum()), float(table["total_ha"].sum()),
                 meta.get("change_survey_year")))
            snap = cur.lastrowid
            names = ["village_code"] + NUMERIC + [c for c in TEXT if c != "village_code"]
            sql = "INSERT INTO vp_ledger_row (snapshot_id, %s) VALUES (?, %s)" % (
                ", ".join(names), ", ".join("?" * len(names)))
            rows = []
            for rec in table[names].itertuples(index=False):
                rows.append((snap,) + tuple(_plain(v) for v in rec))
            con.executemany(sql, rows)
    finally:
        con.close()
    return snap


def _plain(v):
    """A numpy or pandas value as a plain Python value for SQLite; NaN as NULL."""
    v = v.item() if hasattr(v, "item") else v
    return None if is_missing(v) else v


@guarded
def list_snapshots(path):
    if not os.path.exists(path):
        return []
    con = connect(path)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name='vp_ledger_snapshot'").fetchone():
            return []
        have = {r[1] for r in con.execute("PRAGMA table_info(vp_ledger_snapshot)")}
        year = "change_survey_year" if "change_survey_year" in have else "NULL AS change_survey_year"
        cur = con.execute("SELECT id, built_at, survey_year, label, profile_name, profile_hash, villages, total_ha, "
                          "%s FROM vp_ledger_snapshot ORDER BY id" % year)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, row)) for row in cur]
    finally:
        con.close()


@guarded
def load_snapshot(path, snapshot_id):
    """(snapshot dict, {village_code: {column: value}})."""
    import pandas as pd

    con = connect(path)
    try:
        cur = con.execute("SELECT * FROM vp_ledger_snapshot WHERE id = ?", (snapshot_id,))
        row = cur.fetchone()
        if row is None:
            raise StoreError(tr("Snapshot {id} is not in {path}.").format(id=snapshot_id, path=path))
        snap = dict(zip([d[0] for d in cur.description], row))
        frame = pd.read_sql_query("SELECT * FROM vp_ledger_row WHERE snapshot_id = ?", con, params=(snapshot_id,))
    finally:
        con.close()
    return snap, frame.drop(columns=["fid", "snapshot_id"]).set_index("village_code")
