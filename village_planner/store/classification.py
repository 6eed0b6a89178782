"""Village category decisions: an append-only history in the planning GeoPackage.

A new decision never overwrites an older one; the current category of a village
is its latest decision. An override of the suggestion needs a reason.
"""

import datetime as _dt
import sqlite3

from ..core.classification import CATEGORIES
from ..core.errors import VillagePlannerError
from ..core.i18n import tr
from .snapshots import ensure_schema
from .sqlite import StoreError, connect, guarded


class DecisionError(VillagePlannerError, ValueError):
    pass


@guarded
def ensure_decisions(path):
    ensure_schema(path)
    con = connect(path)
    try:
        with con:
            con.execute("""CREATE TABLE IF NOT EXISTS vp_decision (
                id INTEGER PRIMARY KEY AUTOINCREMENT, village_code TEXT NOT NULL, village_name TEXT,
                suggested_category TEXT, rule_id TEXT, final_category TEXT NOT NULL, override_reason TEXT,
                decided_by TEXT NOT NULL, decided_at TEXT NOT NULL, rules_name TEXT, rules_hash TEXT,
                explanation TEXT)""")
            con.execute("CREATE INDEX IF NOT EXISTS vp_decision_village ON vp_decision(village_code, id)")
            for trig, what in (("vp_decision_no_update", "UPDATE"), ("vp_decision_no_delete", "DELETE")):
                con.execute("""CREATE TRIGGER IF NOT EXISTS %s BEFORE %s ON vp_decision
                               BEGIN SELECT RAISE(ABORT, 'decisions are history: add a new one'); END"""
                            % (trig, what))
            con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                        "VALUES ('vp_decision', 'attributes', 'Village category decisions', 'Village Planner')")
    finally:
        con.close()
    return path


def validate(decision, rules=None):
    """Raise DecisionError when a decision cannot be recorded; categories are named as the rules name them."""
    def name(key):
        return rules.category_name(key) if rules is not None and key in CATEGORIES else (key or "-")

    final = decision.get("final_category")
    if final not in CATEGORIES:
        raise DecisionError(tr("Unknown category '{category}' for village {code}.").format(
            category=final, code=decision.get("village_code")))
    if not (decision.get("decided_by") or "").strip():
        raise DecisionError(tr("Village {code}: the planner's name is required.").format(
            code=decision.get("village_code")))
    suggested = decision.get("suggested_category")
    if final != suggested and not (decision.get("override_reason") or "").strip():
        raise DecisionError(tr("Village {code}: choosing {final} instead of the suggested {suggested} needs a "
                               "reason.").format(code=decision.get("village_code"), final=name(final),
                                                 suggested=name(suggested)))


@guarded
def record_decisions(path, decisions, rules=None):
    """Append decisions (dicts) in one transaction; all are validated first. Returns their ids."""
    for d in decisions:
        validate(d, rules)
    ensure_decisions(path)
    now = _dt.datetime.now().astimezone().isoformat(timespec="seconds")
    con = connect(path)
    ids = []
    try:
        with con:
            for d in decisions:
                cur = con.execute(
                    "INSERT INTO vp_decision (village_code, village_name, suggested_category, rule_id, "
                    "final_category, override_reason, decided_by, decided_at, rules_name, rules_hash, explanation) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (d["village_code"], d.get("village_name"), d.get("suggested_category"), d.get("rule_id"),
                     d["final_category"], (d.get("override_reason") or "").strip(), d["decided_by"].strip(),
                     d.get("decided_at") or now, d.get("rules_name") or (rules.name if rules else None),
                     d.get("rules_hash") or (rules.content_hash if rules else None), d.get("explanation")))
                ids.append(cur.lastrowid)
    except sqlite3.Error as exc:
        raise StoreError(str(exc)) from exc
    finally:
        con.close()
    return ids


@guarded
def current_decisions(path):
    """{village_code: latest decision dict}."""
    return {d["village_code"]: d for d in history(path)}


@guarded
def history(path, village_code=None):
    """All decisions, oldest first (of one village when given)."""
    import os

    if not path or not os.path.exists(path):
        return []
    con = connect(path)
    try:
        if not con.execute("SELECT 1 FROM sqlite_master WHERE name='vp_decision'").fetchone():
            return []
        sql = "SELECT * FROM vp_decision"
        args = ()
        if village_code:
            sql += " WHERE village_code = ?"
            args = (village_code,)
        cur = con.execute(sql + " ORDER BY id", args)
        keys = [c[0] for c in cur.description]
        return [dict(zip(keys, row)) for row in cur]
    finally:
        con.close()
