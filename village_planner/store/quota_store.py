"""The quota pool in the planning GeoPackage (SQLite): journal, balances, constraints.

Each movement is checked and written in one ``BEGIN IMMEDIATE`` transaction, so
two QGIS instances writing at once are serialised by SQLite and a process killed
in the middle leaves the books as they were before the movement.
"""

import datetime as _dt
import json
import os
import sqlite3

from ..core import quota as q
from ..core.i18n import tr
from .snapshots import StoreError, ensure_schema

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
    recorded_at TEXT, settings_hash TEXT);
CREATE TABLE IF NOT EXISTS vp_quota_balance (account TEXT PRIMARY KEY, units INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS vp_quota_journal_no_update BEFORE UPDATE ON vp_quota_journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never changed: record a reversal'); END;
CREATE TRIGGER IF NOT EXISTS vp_quota_journal_no_delete BEFORE DELETE ON vp_quota_journal
    BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted: record a reversal'); END;
"""
RECLAIMED = "meta:reclaimed"
COLUMNS = ("seq", "kind", "units", "date", "document_no", "author", "project", "note", "village", "to_village",
           "land_use_code", "flexible", "reverses", "source", "purpose", "geometry", "prev_hash", "hash",
           "settings_hash")
SQLITE_HEADER = b"SQLite format 3\x00"
# columns added after the first release: (table, column, type)
ADDED_COLUMNS = (("vp_quota_journal", "settings_hash", "TEXT"), ("vp_quota_pool", "settings_hash", "TEXT"))


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


def _connect(path):
    _refuse_non_sqlite(path)
    con = sqlite3.connect(path, timeout=60, isolation_level=None)
    con.execute("PRAGMA busy_timeout = 60000")
    return con


def _upgrade(con):
    """Add the columns a pool made by an earlier version lacks (older entries keep hash format 1)."""
    for table, column, kind in ADDED_COLUMNS:
        have = {r[1] for r in con.execute("PRAGMA table_info(%s)" % table)}
        if have and column not in have:
            con.execute("ALTER TABLE %s ADD COLUMN %s %s" % (table, column, kind))


class QuotaStoreBase:
    """What every backend shares: the checked batch of movements, verification of the books and the chain."""

    @staticmethod
    def _batch(entries, state, policy, seq, prev, find_original, insert, overlaps_fn=None, settings="",
               journal=None):
        """Check, seal and insert each movement in turn. Returns (written, refused).

        ``find_original(seq)`` gives a journal entry (with extra['reversed']); ``insert(entry, original)``
        writes it and may raise QuotaRefused when the database itself refuses (the database may also set the
        entry's seq and hash itself). ``journal``: the recorded entries, given when movements already recorded
        are to be refused (rule 'duplicate').
        """
        written, refused, pending = [], [], {}
        repeated = dict(q.duplicates(entries, journal)) if journal is not None else {}
        for i, entry in enumerate(entries):
            original = None
            if entry.kind == "reverse":
                original = pending.get(entry.reverses) or find_original(entry.reverses)
                if original is not None and not entry.village:
                    entry.village, entry.to_village = original.village, original.to_village
            try:
                if i in repeated:
                    raise q.QuotaRefused("duplicate", tr(
                        "This movement is already recorded as journal entry {seq} (same document number, movement, "
                        "village and area); to record it again, allow duplicates.").format(seq=repeated[i]))
                overlaps = overlaps_fn(entry) if (overlaps_fn and entry.kind == "draw") else None
                warnings = q.check(entry, state, policy, original, overlaps)
                entry.seq = seq + 1
                entry.settings = settings
                entry.seal(prev)
                insert(entry, original)
            except q.QuotaRefused as exc:
                refused.append((i, exc))
                continue
            seq, prev = entry.seq, entry.hash
            q.apply(entry, state, policy, original)
            if original is not None:
                original.extra["reversed"] = True
            pending[entry.seq] = entry
            written.append((entry.seq, warnings))
        return written, refused

    # -- verification ----------------------------------------------------------
    def verify(self, entries=None):
        """{'chain_ok', 'bad_seq', 'balances_ok', 'identity_ok', 'settings_ok', 'differences', 'entries', 'anchor'}.

        settings_ok: the pool's settings (control total, baseline, policy, village accounts, protection zones)
        are those the pool was created with and every entry was sealed with.
        """
        entries = self.journal() if entries is None else entries
        ok, bad = q.verify_chain(entries)
        digest = self.settings_digest()
        # no movement changes the settings: every entry is sealed with those the pool was created with (entries
        # of an earlier version, sealed without them, and pools created before they were kept, cannot tell)
        created = self.created_settings()
        sealed = {e.settings for e in entries if e.settings} | ({created} if created else set())
        settings_ok = sealed <= {digest}
        state = self.state()
        replayed = q.replay(entries, state, self.policy())
        accounts = set(replayed.balances) | set(state.balances)
        diffs = {a: (state.balance(a), replayed.balance(a)) for a in accounts
                 if state.balance(a) != replayed.balance(a)}
        kinds = {e.seq: e.kind for e in entries}
        inflows = sum(e.units for e in entries if e.kind == "inflow") - sum(
            e.units for e in entries if e.kind == "reverse" and kinds.get(e.reverses) == "inflow")
        identity = inflows == state.inflow_total
        return {"chain_ok": ok, "bad_seq": bad, "balances_ok": not diffs and replayed.reclaimed == state.reclaimed,
                "identity_ok": identity, "settings_ok": settings_ok, "differences": diffs, "entries": len(entries),
                "anchor": q.anchor(entries, digest)}

    @staticmethod
    def verified(check):
        return bool(check["chain_ok"] and check["balances_ok"] and check["identity_ok"] and check["settings_ok"])


class GpkgQuotaStore(QuotaStoreBase):
    def __init__(self, path):
        self.path = path

    # -- creation ------------------------------------------------------------
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        """villages: [{village_code, village_name, town, category, planned_ha, boundary_wkb}]."""
        control, baseline = _pool_units(control_total_ha, baseline_ha, villages)
        _refuse_non_sqlite(self.path)  # a CSV or any other file is refused before anything is written
        ensure_schema(self.path)
        con = _connect(self.path)
        try:
            con.executescript(SCHEMA)
            _upgrade(con)
            con.execute("BEGIN IMMEDIATE")
            if con.execute("SELECT 1 FROM vp_quota_pool").fetchone():
                con.execute("ROLLBACK")
                raise StoreError(tr("{path} already holds a quota pool.").format(path=self.path))
            con.execute("INSERT INTO vp_quota_pool (id, county_code, control_total_units, baseline_units, "
                        "policy_name, policy_hash, policy_json, crs, created_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)", (
                            county_code, control, baseline, policy.name,
                            policy.content_hash, json.dumps(policy.data, ensure_ascii=False), crs,
                            _dt.datetime.now().astimezone().isoformat(timespec="seconds")))
            for v in villages:
                con.execute("INSERT INTO vp_quota_village VALUES (?, ?, ?, ?, ?, ?)", (
                    v["village_code"], v.get("village_name"), v.get("town"), v.get("category") or "",
                    q.to_units(v.get("planned_ha") or 0), v.get("boundary_wkb")))
            for kind, wkb in constraints:
                con.execute("INSERT INTO vp_quota_constraint (kind, geometry) VALUES (?, ?)", (kind, wkb))
            for table in ("vp_quota_pool", "vp_quota_village", "vp_quota_journal", "vp_quota_balance"):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                            "VALUES (?, 'attributes', ?, 'Village Planner quota pool')", (table, table))
            con.execute("UPDATE vp_quota_pool SET settings_hash = ?", (self._settings_digest(con),))
            con.execute("COMMIT")
        except sqlite3.Error as exc:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise StoreError(str(exc)) from exc
        finally:
            con.close()

    def exists(self):
        if not os.path.exists(self.path):
            return False
        con = _connect(self.path)
        try:
            found = bool(con.execute("SELECT 1 FROM sqlite_master WHERE name='vp_quota_pool'").fetchone()) and \
                bool(con.execute("SELECT 1 FROM vp_quota_pool").fetchone())
            if found:
                _upgrade(con)
            return found
        except sqlite3.DatabaseError as exc:
            raise StoreError(tr("{path} is not a GeoPackage: {error}").format(path=self.path, error=exc)) from None
        finally:
            con.close()

    @property
    def label(self):
        return self.path

    # -- the settings the chain covers ---------------------------------------------
    @staticmethod
    def _settings_digest(con):
        row = con.execute("SELECT county_code, control_total_units, baseline_units, crs, policy_json "
                          "FROM vp_quota_pool").fetchone()
        if row is None:
            return ""
        pool = dict(zip(("county_code", "control_total_units", "baseline_units", "crs", "policy_json"), row))
        villages = con.execute("SELECT village_code, village_name, town, category, planned_units, boundary "
                               "FROM vp_quota_village").fetchall()
        protection = con.execute("SELECT kind, geometry FROM vp_quota_constraint").fetchall()
        return q.settings_digest(pool, villages, protection)

    def _sealing_settings(self, con):
        """The settings digest new entries are sealed with: the pool's, as created (kept from the first write on
        for a pool made by an earlier version). Verification recomputes it from the rows."""
        row = con.execute("SELECT settings_hash FROM vp_quota_pool").fetchone()
        if row is not None and row[0]:
            return row[0]
        digest = self._settings_digest(con)
        con.execute("UPDATE vp_quota_pool SET settings_hash = ?", (digest,))
        return digest

    def settings_digest(self):
        con = _connect(self.path)
        try:
            return self._settings_digest(con)
        finally:
            con.close()

    def created_settings(self):
        con = _connect(self.path)
        try:
            _upgrade(con)
            row = con.execute("SELECT settings_hash FROM vp_quota_pool").fetchone()
            return row[0] if row else None
        finally:
            con.close()

    # -- reading -------------------------------------------------------------
    def _state(self, con):
        row = con.execute("SELECT control_total_units, baseline_units FROM vp_quota_pool").fetchone()
        if row is None:
            raise StoreError(tr("{path} holds no quota pool; create one first.").format(path=self.path))
        villages = {r[0]: {"village_name": r[1], "town": r[2], "category": r[3], "planned_units": r[4]}
                    for r in con.execute("SELECT village_code, village_name, town, category, planned_units "
                                         "FROM vp_quota_village")}
        balances = dict(con.execute("SELECT account, units FROM vp_quota_balance"))
        reclaimed = balances.pop(RECLAIMED, 0)
        return q.PoolState(row[0], row[1], balances, reclaimed, villages)

    def state(self):
        con = _connect(self.path)
        try:
            return self._state(con)
        finally:
            con.close()

    def policy(self):
        con = _connect(self.path)
        try:
            return self.policy_from(con)
        finally:
            con.close()

    def pool_info(self):
        con = _connect(self.path)
        try:
            cur = con.execute("SELECT county_code, control_total_units, baseline_units, policy_name, policy_hash, "
                              "crs, created_at FROM vp_quota_pool")
            keys = [c[0] for c in cur.description]
            return dict(zip(keys, cur.fetchone()))
        finally:
            con.close()

    def constraints(self, kind):
        con = _connect(self.path)
        try:
            return [r[0] for r in con.execute("SELECT geometry FROM vp_quota_constraint WHERE kind = ?", (kind,))]
        finally:
            con.close()

    def village_boundary(self, code):
        con = _connect(self.path)
        try:
            row = con.execute("SELECT boundary FROM vp_quota_village WHERE village_code = ?", (code,)).fetchone()
            return row[0] if row else None
        finally:
            con.close()

    @staticmethod
    def _entry(row):
        (seq, kind, units, date, document_no, author, project, note, village, to_village, land_use_code, flexible,
         reverses, source, purpose, geometry, prev_hash, hash_, settings) = row
        return q.Entry(kind, units, date or "", document_no or "", author or "", project or "", note or "",
                       village or "", to_village or "", land_use_code or "", bool(flexible), reverses or 0,
                       source or "", purpose or "", geometry or b"", seq, prev_hash, hash_, settings=settings or "")

    def journal(self):
        con = _connect(self.path)
        try:
            _upgrade(con)
            entries = [self._entry(r) for r in con.execute(
                "SELECT %s FROM vp_quota_journal ORDER BY seq" % ", ".join(COLUMNS))]
        finally:
            con.close()
        reversed_ids = {e.reverses for e in entries if e.kind == "reverse"}
        for e in entries:
            e.extra["reversed"] = e.seq in reversed_ids
        return entries

    # -- writing -------------------------------------------------------------
    def record(self, entry, overlaps_fn=None):
        """Check and write one movement atomically. Returns (seq, warnings); raises QuotaRefused."""
        results, refused = self.record_many([entry], overlaps_fn)
        if refused:
            raise refused[0][1]
        return results[0]

    def record_many(self, entries, overlaps_fn=None, allow_duplicates=True):
        """All movements or none, in one transaction.

        Returns ([(seq, warnings)], []) when every movement is accepted, or
        ([], [(index, QuotaRefused)]) listing every refused one (nothing is written). With
        ``allow_duplicates=False`` a movement already in the journal is refused (rule 'duplicate').
        """
        con = _connect(self.path)
        try:
            _upgrade(con)
            con.execute("BEGIN IMMEDIATE")  # one writer at a time, across processes
            try:
                state = self._state(con)
                policy = self.policy_from(con)
                last = con.execute("SELECT seq, hash FROM vp_quota_journal ORDER BY seq DESC LIMIT 1").fetchone()
                seq, prev = (last[0], last[1]) if last else (0, q.GENESIS)
                journal = None if allow_duplicates else [self._entry(r) for r in con.execute(
                    "SELECT %s FROM vp_quota_journal ORDER BY seq" % ", ".join(COLUMNS))]
                written, refused = self._batch(entries, state, policy, seq, prev,
                                               lambda n: self._original(con, n),
                                               lambda e, o: self._insert(con, e, policy, o), overlaps_fn,
                                               self._sealing_settings(con), journal)
                if refused:
                    con.execute("ROLLBACK")
                    return [], refused
                self._before_commit()
                con.execute("COMMIT")
                return written, []
            except BaseException:
                if con.in_transaction:
                    con.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc
        finally:
            con.close()

    def _original(self, con, seq):
        row = con.execute("SELECT %s FROM vp_quota_journal WHERE seq = ?" % ", ".join(COLUMNS), (seq,)).fetchone()
        if row is None:
            return None
        original = self._entry(row)
        original.extra["reversed"] = bool(con.execute(
            "SELECT 1 FROM vp_quota_journal WHERE kind = 'reverse' AND reverses = ?", (seq,)).fetchone())
        return original

    def _insert(self, con, entry, policy, original):
        values = {c: getattr(entry, c) for c in COLUMNS if c not in ("geometry", "settings_hash")}
        values["geometry"] = entry.geometry_wkb or None
        values["settings_hash"] = entry.settings or None
        values["flexible"] = int(bool(entry.flexible))
        con.execute("INSERT INTO vp_quota_journal (%s, recorded_at) VALUES (%s, ?)" % (
            ", ".join(COLUMNS), ", ".join("?" * len(COLUMNS))),
            [values[c] for c in COLUMNS] + [_dt.datetime.now().astimezone().isoformat(timespec="seconds")])
        changes = dict(q.deltas(entry, original))
        rec = q.reclaimed_delta(entry, policy, original)
        if rec:
            changes[RECLAIMED] = rec
        for account, delta in changes.items():
            con.execute("INSERT INTO vp_quota_balance VALUES (?, ?) ON CONFLICT(account) DO UPDATE "
                        "SET units = units + excluded.units", (account, delta))

    def _before_commit(self):
        """Called inside the transaction just before COMMIT (the fault tests stop a process here)."""

    def policy_from(self, con):
        row = con.execute("SELECT policy_json, policy_hash FROM vp_quota_pool").fetchone()
        return q.Policy(json.loads(row[0]), "(pool)", row[1])


def _pool_units(control_total_ha, baseline_ha, villages):
    """Units of the pool's figures, refused as StoreError when one is not a plausible number of hectares."""
    try:
        control = q.area_units(control_total_ha, tr("The control total"))
        baseline = q.area_units(baseline_ha, tr("The baseline construction land"))
        for v in villages:
            q.area_units(v.get("planned_ha") or 0, tr("The planned construction land of village {code}").format(
                code=v["village_code"]))
    except q.QuotaRefused as exc:
        raise StoreError(str(exc)) from None
    if control < 0 or baseline < 0:
        raise StoreError(tr("The control total and the baseline construction land cannot be negative."))
    return control, baseline

