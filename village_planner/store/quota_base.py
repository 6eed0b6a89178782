"""What a quota store is: the interface every backend provides, and the part they share.

A store keeps the pool's settings, the village accounts, the protection zones, the
journal and the balances. The backends (``quota_store.GpkgQuotaStore`` on a planning
GeoPackage, ``quota_pg.PgQuotaStore`` on a team's PostGIS) differ only in how they open a
connection, create the pool, start and end a write and insert one movement; reading,
the checked batch of movements and verification are written once, here.

One movement, one connection: inside ``with store.session():`` every call runs on the
same connection, so the overlap checks of a draw read the protection zones inside the
movement's write transaction rather than on connections of their own. Outside a session
each call opens and closes its own. A driver error never leaves a store: it becomes a
``StoreError`` (with any password masked).

The pool's settings (control total, baseline, policy, village accounts, protection zones) change only
through ``update_accounts``: village accounts added, or their category or planned construction land
changed, in one transaction with an ``accounts`` journal entry that the chain seals. The pool keeps the
digest of the settings in force (``settings_hash``); every entry is sealed with it.
"""

import abc
import contextlib
import datetime as _dt
import json

from ..core import quota as q
from ..core.i18n import tr
from .sqlite import StoreError

RECLAIMED = "meta:reclaimed"  # the balance row that keeps the reclaimed total
COLUMNS = ("seq", "kind", "units", "date", "document_no", "author", "project", "note", "village", "to_village",
           "land_use_code", "flexible", "reverses", "source", "purpose", "geometry", "prev_hash", "hash",
           "settings_hash", "detail")
SETTINGS_COLUMNS = ("county_code", "control_total_units", "baseline_units", "crs", "policy_json")


def pool_units(control_total_ha, baseline_ha, villages):
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


def entry_from_row(row):
    """A journal entry from a row of COLUMNS."""
    d = dict(zip(COLUMNS, row))
    return q.Entry(kind=d["kind"], units=d["units"], date=d["date"] or "", document_no=d["document_no"] or "",
                   author=d["author"] or "", project=d["project"] or "", note=d["note"] or "",
                   village=d["village"] or "", to_village=d["to_village"] or "",
                   land_use_code=d["land_use_code"] or "", flexible=bool(d["flexible"]),
                   reverses=d["reverses"] or 0, source=d["source"] or "", purpose=d["purpose"] or "",
                   geometry_wkb=bytes(d["geometry"]) if d["geometry"] is not None else b"", seq=d["seq"],
                   prev_hash=d["prev_hash"], hash=d["hash"], settings=d["settings_hash"] or "",
                   detail=d["detail"] or "")


class QuotaStore(abc.ABC):
    """The quota pool's database.

    What callers use: ``label``, ``create``, ``exists``, ``session``, ``state``, ``policy``, ``pool_info``,
    ``constraints``, ``village_boundary``, ``journal``, ``record``, ``record_many``, ``update_accounts``,
    ``verify``, ``verified``, ``settings_digest`` and ``created_settings``.

    What a backend provides: ``TABLES`` (its table names for pool, village, protection, journal and
    balance), ``PARAM`` (its query placeholder), ``CREATED_AT`` (the creation time as text), and the
    abstract methods below.
    """

    TABLES = {}
    PARAM = "?"
    CREATED_AT = "created_at"

    def __init__(self, label):
        self.path = label  # how messages name the database (a GeoPackage's path; never a password)
        self._con = None
        self._in_session = False
        self._depth = 0

    @property
    def label(self):
        return self.path

    # -- what a backend provides -------------------------------------------------------
    @abc.abstractmethod
    def create(self, county_code, control_total_ha, baseline_ha, policy, villages, constraints=(), crs=""):
        """Create the pool; villages: [{village_code, village_name, town, category, planned_ha, boundary_wkb}]."""

    @abc.abstractmethod
    def exists(self):
        """Whether the database holds a pool (brought up to the plugin's schema when it does)."""

    @abc.abstractmethod
    def _open(self):
        """A new connection with the backend's settings; raises StoreError."""

    @abc.abstractmethod
    def _raise_store_error(self, exc):
        """Raise the StoreError for a driver error ``exc`` (its message masked)."""

    @abc.abstractmethod
    def _driver_error(self):
        """The driver's base exception class."""

    @abc.abstractmethod
    def _begin(self, con):
        """Start the write transaction of a batch of movements; one writer at a time."""

    @abc.abstractmethod
    def _commit(self, con):
        """Commit the write transaction."""

    @abc.abstractmethod
    def _end(self, con):
        """End a transaction left open (a read's, or a write that failed) without committing it."""

    @abc.abstractmethod
    def _sealing_settings(self, con):
        """The settings digest new entries are sealed with."""

    @abc.abstractmethod
    def _insert(self, con, entry, policy, original):
        """Write one checked movement; may raise QuotaRefused when the database itself refuses it."""

    @abc.abstractmethod
    def _write_accounts(self, con, changes, entry):
        """Apply the checked account ``changes`` and write ``entry`` (kind accounts; date, document, author and
        note set) sealed with the new settings, its detail naming the settings before; sets the entry's seq and
        hash. May raise QuotaRefused (the settings were changed outside the journal, or the database refuses)."""

    # -- one connection ------------------------------------------------------------------
    @contextlib.contextmanager
    def session(self):
        """Everything inside the block runs on one connection, opened when first needed."""
        if self._in_session:
            yield self
            return
        self._in_session = True
        try:
            yield self
        finally:
            con, self._con, self._in_session = self._con, None, False
            if con is not None:
                con.close()

    @contextlib.contextmanager
    def _connection(self):
        """The session's connection for one call; the outermost call ends what it left open."""
        with self.session():
            if self._con is None:
                self._con = self._open()
            con = self._con
            outermost = self._depth == 0
            self._depth += 1
            try:
                yield con
            except self._driver_error() as exc:
                self._raise_store_error(exc)
            finally:
                self._depth -= 1
                if outermost:
                    self._end(con)

    def _execute(self, con, sql, args=()):
        """A cursor over ``sql``, written with {table} names and ? placeholders."""
        sql = sql.format(**self.TABLES)
        if self.PARAM != "?":
            sql = sql.replace("?", self.PARAM)
        cur = con.cursor()
        if args:
            cur.execute(sql, tuple(args))
        else:
            cur.execute(sql)
        return cur

    def _no_pool(self):
        return StoreError(tr("{path} holds no quota pool; create one first.").format(path=self.label))

    # -- reading -------------------------------------------------------------------------
    def _state(self, con):
        row = self._execute(con, "SELECT control_total_units, baseline_units FROM {pool}").fetchone()
        if row is None:
            raise self._no_pool()
        villages = {r[0]: {"village_name": r[1], "town": r[2], "category": r[3], "planned_units": r[4]}
                    for r in self._execute(con, "SELECT village_code, village_name, town, category, planned_units "
                                                "FROM {village}").fetchall()}
        balances = dict(self._execute(con, "SELECT account, units FROM {balance}").fetchall())
        reclaimed = balances.pop(RECLAIMED, 0)
        return q.PoolState(row[0], row[1], balances, reclaimed, villages)

    def _policy(self, con):
        row = self._execute(con, "SELECT policy_json, policy_hash FROM {pool}").fetchone()
        if row is None:
            raise self._no_pool()
        return q.Policy(json.loads(row[0]), "(pool)", row[1])

    def state(self):
        with self._connection() as con:
            return self._state(con)

    def policy(self):
        with self._connection() as con:
            return self._policy(con)

    def pool_info(self):
        """{county_code, control_total_units, baseline_units, policy_name, policy_hash, crs, created_at}."""
        with self._connection() as con:
            cur = self._execute(con, "SELECT county_code, control_total_units, baseline_units, policy_name, "
                                     "policy_hash, crs, %s AS created_at FROM {pool}" % self.CREATED_AT)
            row = cur.fetchone()
            if row is None:
                raise self._no_pool()
            return dict(zip([c[0] for c in cur.description], row))

    def constraints(self, kind):
        """WKBs of the pool's protection zones of ``kind`` (basic_farmland, eco_redline)."""
        with self._connection() as con:
            return [bytes(r[0]) for r in self._execute(
                con, "SELECT geometry FROM {protection} WHERE kind = ?", (kind,)).fetchall()]

    def village_boundary(self, code):
        with self._connection() as con:
            row = self._execute(con, "SELECT boundary FROM {village} WHERE village_code = ?", (code,)).fetchone()
            return bytes(row[0]) if row and row[0] is not None else None

    def _journal(self, con):
        entries = [entry_from_row(r) for r in self._execute(
            con, "SELECT %s FROM {journal} ORDER BY seq" % ", ".join(COLUMNS)).fetchall()]
        reversed_ids = {e.reverses for e in entries if e.kind == "reverse"}
        for e in entries:
            e.extra["reversed"] = e.seq in reversed_ids
        return entries

    def journal(self):
        """Every entry in order; ``extra['reversed']`` marks those a later entry reverses."""
        with self._connection() as con:
            return self._journal(con)

    def _original(self, con, seq):
        row = self._execute(con, "SELECT %s FROM {journal} WHERE seq = ?" % ", ".join(COLUMNS), (seq,)).fetchone()
        if row is None:
            return None
        original = entry_from_row(row)
        original.extra["reversed"] = self._execute(
            con, "SELECT 1 FROM {journal} WHERE kind = 'reverse' AND reverses = ?", (seq,)).fetchone() is not None
        return original

    # -- the settings the chain covers ---------------------------------------------------
    def _settings_digest(self, con):
        row = self._execute(con, "SELECT %s FROM {pool}" % ", ".join(SETTINGS_COLUMNS)).fetchone()
        if row is None:
            return ""
        villages = self._execute(con, "SELECT village_code, village_name, town, category, planned_units, boundary "
                                      "FROM {village}").fetchall()
        protection = self._execute(con, "SELECT kind, geometry FROM {protection}").fetchall()
        return q.settings_digest(dict(zip(SETTINGS_COLUMNS, row)), villages, protection)

    def settings_digest(self):
        """The digest of the pool's settings, computed here from the rows."""
        with self._connection() as con:
            return self._settings_digest(con)

    def created_settings(self):
        """The settings digest in force: kept when the pool was created and renewed by each accounts entry (None
        or '' for a pool of an earlier version that has recorded nothing since)."""
        with self._connection() as con:
            row = self._execute(con, "SELECT settings_hash FROM {pool}").fetchone()
            return row[0] if row else None

    # -- writing -------------------------------------------------------------------------
    def record(self, entry, overlaps_fn=None, allow_duplicates=True):
        """Check and write one movement atomically. Returns (seq, warnings); raises QuotaRefused (rule
        'duplicate' for a movement already recorded, unless ``allow_duplicates``)."""
        results, refused = self.record_many([entry], overlaps_fn, allow_duplicates)
        if refused:
            raise refused[0][1]
        return results[0]

    def record_many(self, entries, overlaps_fn=None, allow_duplicates=True):
        """All movements or none, in one transaction on one connection.

        Returns ([(seq, warnings)], []) when every movement is accepted, or ([], [(index, QuotaRefused)])
        listing every refused one (nothing is written). With ``allow_duplicates=False`` a movement already in
        the journal is refused (rule 'duplicate'). ``overlaps_fn(entry)`` gives a draw's overlaps; it may read
        the store, on the same connection.
        """
        with self._connection() as con:
            self._begin(con)
            state = self._state(con)
            policy = self._policy(con)
            last = self._execute(con, "SELECT seq, hash FROM {journal} ORDER BY seq DESC LIMIT 1").fetchone()
            seq, prev = (last[0], last[1]) if last else (0, q.GENESIS)
            journal = None if allow_duplicates else self._journal(con)
            written, refused = self._batch(entries, state, policy, seq, prev, lambda n: self._original(con, n),
                                           lambda e, o: self._insert(con, e, policy, o), overlaps_fn,
                                           self._sealing_settings(con), journal)
            if refused:
                self._end(con)
                return [], refused
            self._before_commit()
            self._commit(con)
            return written, []

    def _before_commit(self):  # noqa: B027 - a hook, empty on purpose
        """Called inside the transaction just before COMMIT (the fault tests stop a process here)."""

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

    def update_accounts(self, accounts, author, date=None, document_no="", note="", update=True):
        """Add the village ``accounts`` the pool lacks (with ``update``, also change the category and planned
        construction land of those it has), in one transaction, journaled as one accounts entry that the chain
        seals (``q.account_changes`` says what changes and refuses what it must).

        Returns (journal number or None when nothing changed, [changes]); raises QuotaRefused.
        """
        if not (author or "").strip():
            raise q.QuotaRefused("author", tr("Every movement needs its author."))
        entry = q.Entry(kind=q.ACCOUNTS, units=0, date=q.check_date(date or _dt.date.today().isoformat()),
                        document_no=(document_no or "").strip(), author=author.strip(), note=note or "")
        with self._connection() as con:
            self._begin(con)
            state = self._state(con)
            changes = q.account_changes(state, accounts, self._policy(con), update)
            if not changes:
                return None, []
            self._write_accounts(con, changes, entry)
            self._before_commit()
            self._commit(con)
            return entry.seq, changes

    def _settings_moved(self):
        return q.QuotaRefused("settings", tr(
            "The pool's settings in {path} were changed outside the journal (verification fails); village "
            "accounts are not changed until that is resolved.").format(path=self.label))

    # -- verification --------------------------------------------------------------------
    def verify(self, entries=None):
        """{'chain_ok', 'bad_seq', 'balances_ok', 'identity_ok', 'settings_ok', 'differences', 'entries', 'anchor'}.

        settings_ok: the pool's settings (control total, baseline, policy, village accounts, protection zones)
        are those the pool was created with and every entry was sealed with.
        """
        with self.session():
            entries = self.journal() if entries is None else entries
            digest = self.settings_digest()
            created = self.created_settings()
            state = self.state()
            policy = self.policy()
        ok, bad = q.verify_chain(entries)
        # the settings change only through accounts entries: every other entry is sealed with those in force
        # (entries of an earlier version, sealed without them, and pools created before they were kept, cannot tell)
        settings_ok = q.settings_sealed(entries, digest, created or "")
        replayed = q.replay(entries, state, policy)
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
