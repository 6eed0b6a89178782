"""The survey layers of field verification in a GeoPackage (the planning database or a package), plain SQLite.

Each survey layer is a GeoPackage feature table (fid, geom, the forms' columns) registered in
gpkg_contents and gpkg_geometry_columns, without a spatial index (its triggers would need
SpatiaLite functions that a plain SQLite connection lacks). In the planning database two
triggers keep the keys: ``row_version`` goes up by one on every UPDATE, whatever tool makes it,
and a row inserted without a ``uuid`` gets one.
"""

import datetime
import json
import os
import shutil
import struct
import uuid as uuidlib

from ..core import field as fc
from ..core.i18n import tr
from .sqlite import StoreError, connect, create_empty_gpkg, guarded

SCHEMA_VERSION = 1
CHOICES = ("office", "field", "both")  # how a conflict is settled: keep office, take field, keep both


def new_uuid():
    return str(uuidlib.uuid4())


def gpkg_blob(wkb, srs_id, bounds):
    """A GeoPackage geometry blob: header with an xy envelope, then the WKB (little-endian)."""
    minx, miny, maxx, maxy = bounds
    return b"GP" + struct.pack("<BBi4d", 0, 0x03, int(srs_id), minx, maxx, miny, maxy) + bytes(wkb)


def _table_exists(con, name):
    return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def _srs(con, srs):
    con.execute("INSERT OR IGNORE INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, "
                "organization_coordsys_id, definition) VALUES (?, ?, ?, ?, ?)",
                (srs["name"], srs["srs_id"], srs["organization"], srs["org_id"], srs["definition"]))


def create_layers(con, forms, srs, keep_versions):
    """Create the survey tables (missing ones; missing columns of existing ones) on ``con``."""
    _srs(con, srs)
    for layer, spec in forms["layers"].items():
        geom_type = spec["geometry"].upper()
        if not _table_exists(con, layer):
            cols = []
            for f in spec["fields"]:
                col = "%s %s" % (f["name"], fc.KINDS[f["kind"]])
                if f["name"] == "uuid":
                    col += " UNIQUE"
                if f["name"] == "row_version":
                    col += " NOT NULL DEFAULT 1"
                cols.append(col)
            con.execute("CREATE TABLE %s (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom %s, %s)" % (
                layer, geom_type, ", ".join(cols)))
            con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) "
                        "VALUES (?, 'features', ?, ?, ?)", (layer, spec["label_zh"], spec["label_en"], srs["srs_id"]))
            con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                        (layer, geom_type, srs["srs_id"]))
        else:
            have = {r[1] for r in con.execute("PRAGMA table_info(%s)" % layer)}
            for f in spec["fields"]:
                if f["name"] not in have:  # a field the county added to its forms
                    con.execute("ALTER TABLE %s ADD COLUMN %s %s" % (layer, f["name"], fc.KINDS[f["kind"]]))
        if keep_versions:
            con.execute("""CREATE TRIGGER IF NOT EXISTS %s_row_version AFTER UPDATE ON %s FOR EACH ROW
                           WHEN OLD.uuid IS NOT NULL AND OLD.uuid <> ''
                           BEGIN UPDATE %s SET row_version = OLD.row_version + 1 WHERE fid = NEW.fid; END"""
                        % (layer, layer, layer))
            con.execute("""CREATE TRIGGER IF NOT EXISTS %s_uuid AFTER INSERT ON %s FOR EACH ROW
                           WHEN NEW.uuid IS NULL OR NEW.uuid = ''
                           BEGIN UPDATE %s SET uuid = lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4'
                             || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) %% 4), 1)
                             || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
                             row_version = 1 WHERE fid = NEW.fid; END""" % (layer, layer, layer))


@guarded
def ensure_survey_schema(path, forms, srs):
    """Create the planning GeoPackage (if missing) and its survey layers, triggers and bookkeeping tables.

    ``srs``: dict(srs_id, organization, org_id, name, definition) of the survey layers' CRS (used when
    the layers are created). Returns the database id."""
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        create_empty_gpkg(path)
    con = connect(path)
    try:
        if not _table_exists(con, "gpkg_contents"):
            raise StoreError(tr("{path} is not a GeoPackage.").format(path=path))
        with con:
            con.execute("CREATE TABLE IF NOT EXISTS vp_meta (key TEXT PRIMARY KEY, value TEXT)")
            con.execute("INSERT OR IGNORE INTO vp_meta VALUES ('database_id', ?)", (new_uuid(),))
            con.execute("INSERT OR REPLACE INTO vp_meta VALUES ('field_schema_version', ?)", (str(SCHEMA_VERSION),))
            create_layers(con, forms, srs, keep_versions=True)
            con.execute("""CREATE TABLE IF NOT EXISTS vp_field_seeded (village_code TEXT NOT NULL, layer TEXT NOT NULL,
                           seeded_at TEXT NOT NULL, rows INTEGER, PRIMARY KEY (village_code, layer))""")
            con.execute("""CREATE TABLE IF NOT EXISTS vp_field_package (package_id TEXT PRIMARY KEY,
                           created_at TEXT NOT NULL, surveyor TEXT, villages TEXT, rows INTEGER, folder TEXT)""")
            con.execute("""CREATE TABLE IF NOT EXISTS vp_field_merge (package_id TEXT PRIMARY KEY,
                           manifest_hash TEXT NOT NULL, content_hash TEXT, surveyor TEXT, villages TEXT,
                           merged_at TEXT NOT NULL, inserted INTEGER, updated INTEGER, deleted INTEGER,
                           conflicts INTEGER, skipped INTEGER, report TEXT)""")
            for table, ident in (("vp_field_package", "Field packages"), ("vp_field_merge", "Field merges")):
                con.execute("INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description) "
                            "VALUES (?, 'attributes', ?, ?)", (table, ident, "Village Planner"))
        return database_id(con)
    finally:
        con.close()


def database_id(con):
    row = con.execute("SELECT value FROM vp_meta WHERE key='database_id'").fetchone()
    return row[0] if row else None


def _rows(con, layer, cols, where="", args=()):
    cur = con.execute("SELECT geom, %s FROM %s %s" % (", ".join(cols), layer, where), args)
    out = []
    for rec in cur:
        row = dict(zip(cols, rec[1:]))
        row[fc.GEOM] = rec[0]
        out.append(row)
    return out


@guarded
def read_layer(path, forms, layer, villages=None):
    """The rows of a survey layer (of the given villages), as dicts with the geometry blob under 'geom'."""
    con = connect(path)
    try:
        cols = fc.columns(forms, layer)
        if villages is None:
            return _rows(con, layer, cols)
        marks = ", ".join("?" * len(villages))
        return _rows(con, layer, cols, "WHERE village_code IN (%s) ORDER BY fid" % marks, tuple(villages))
    finally:
        con.close()


@guarded
def seed(path, layer, villages, rows, surveyor=""):
    """Insert seed rows for villages not seeded before in ``layer``; returns the number inserted.

    ``rows``: dicts with the layer's columns and 'geom' (blob), each with its village_code."""
    con = connect(path)
    try:
        with con:
            done = {r[0] for r in con.execute("SELECT village_code FROM vp_field_seeded WHERE layer=?", (layer,))}
            todo = [v for v in villages if v not in done]
            now = _now()
            n = 0
            for village in todo:
                mine = [r for r in rows if r.get("village_code") == village]
                for row in mine:
                    row = dict(row, uuid=row.get("uuid") or new_uuid(), row_version=1)
                    _insert(con, layer, row)
                n += len(mine)
                con.execute("INSERT INTO vp_field_seeded VALUES (?, ?, ?, ?)", (village, layer, now, len(mine)))
        return n
    finally:
        con.close()


def _insert(con, layer, row):
    cols = [c for c in row if c != "fid"]
    con.execute("INSERT INTO %s (%s) VALUES (%s)" % (layer, ", ".join(cols), ", ".join("?" * len(cols))),
                [row[c] for c in cols])


def _now():
    return datetime.datetime.now().isoformat(timespec="seconds")


@guarded
def record_package(path, package_id, surveyor, villages, rows, folder):
    con = connect(path)
    try:
        with con:
            con.execute("INSERT INTO vp_field_package VALUES (?, ?, ?, ?, ?, ?)",
                        (package_id, _now(), surveyor, ",".join(villages), rows, folder))
    finally:
        con.close()


@guarded
def packages(path):
    """Every package made from the database: package_id, created_at, surveyor, villages (text)."""
    con = connect(path)
    try:
        if not _table_exists(con, "vp_field_package"):
            return []
        return [dict(zip(("package_id", "created_at", "surveyor", "villages"), r)) for r in con.execute(
            "SELECT package_id, created_at, surveyor, villages FROM vp_field_package ORDER BY created_at")]
    finally:
        con.close()


@guarded
def write_package_layers(path, forms, srs, rows_by_layer, package_id):
    """The package's own copy of the survey layers (no version trigger: the manifest keeps the base), marked
    with the package id so that a GeoPackage of another package is never merged in its place."""
    if not os.path.exists(path):
        create_empty_gpkg(path)
    con = connect(path)
    try:
        with con:
            con.execute("CREATE TABLE vp_package (key TEXT PRIMARY KEY, value TEXT)")
            con.execute("INSERT INTO vp_package VALUES ('package_id', ?)", (package_id,))
            create_layers(con, forms, srs, keep_versions=False)
            for layer, rows in rows_by_layer.items():
                for row in rows:
                    _insert(con, layer, row)
    finally:
        con.close()


@guarded
def read_package_layers(path, forms, package_id=None):
    """{layer: {uuid: row}} of a package's GeoPackage; a row the field added without a uuid gets one.

    Refused (MergeRefused): a missing GeoPackage, one of another package than ``package_id``, a uuid twice in
    a layer. Rows unfit to be written (a value outside its list, a number that is none, a geometry of another
    kind or coordinate system) are listed under fc.REFUSED as {layer: {uuid: reason}}."""
    if not os.path.isfile(path):
        raise fc.MergeRefused(tr("The package has no {name}; it cannot be merged.").format(
            name=os.path.basename(path)))
    con = connect(path)
    try:
        if package_id is not None:
            found = con.execute("SELECT value FROM vp_package WHERE key = 'package_id'").fetchone() \
                if _table_exists(con, "vp_package") else None
            if not found or found[0] != package_id:
                raise fc.MergeRefused(tr("{path} is not the GeoPackage of package {id} (it was replaced by another "
                                         "file); nothing was merged.").format(path=path, id=package_id))
        out, refused = {}, {}
        for layer in forms["layers"]:
            if not _table_exists(con, layer):
                raise StoreError(tr("The package {path} has no layer {layer}.").format(path=path, layer=layer))
            srs = con.execute("SELECT srs_id FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()
            out[layer], refused[layer] = {}, {}
            for row in _rows(con, layer, fc.columns(forms, layer)):
                key = row.get("uuid") or new_uuid()
                if key in out[layer]:
                    raise fc.MergeRefused(tr("The uuid {uuid} appears twice in the package's layer {layer}; one "
                                             "row per uuid, then merge again. Nothing was merged.").format(
                                                 uuid=key, layer=layer))
                row["uuid"] = key
                out[layer][key] = row
                problems = fc.row_problems(forms, layer, row)
                problems.append(fc.geometry_problem(row.get(fc.GEOM), srs[0] if srs else None,
                                                    forms["layers"][layer]["geometry"]))
                if any(problems):
                    refused[layer][key] = "; ".join(p for p in problems if p)
        out[fc.REFUSED] = refused
        return out
    finally:
        con.close()


@guarded
def merged_packages(path):
    con = connect(path)
    try:
        if not _table_exists(con, "vp_field_merge"):
            return {}
        return dict(con.execute("SELECT package_id, merged_at FROM vp_field_merge"))
    finally:
        con.close()


@guarded
def merge_history(path):
    con = connect(path)
    try:
        cur = con.execute("SELECT package_id, surveyor, villages, merged_at, inserted, updated, deleted, conflicts, "
                          "skipped FROM vp_field_merge ORDER BY merged_at")
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, r)) for r in cur]
    finally:
        con.close()


def attachment_folder(path):
    """The database's attachment folder: beside it, named after it."""
    base = os.path.splitext(os.path.basename(path))[0]
    return os.path.join(os.path.dirname(os.path.abspath(path)), base + "_attachments")


def copy_photo(db_path, package_dir, value):
    """Copy one photo of the package into the attachment folder (named by its content, so never twice);
    returns the path relative to the database's folder, or the value unchanged if it names no file."""
    if not value:
        return value
    source = fc.package_photo(package_dir, value)
    folder = attachment_folder(db_path)
    os.makedirs(folder, exist_ok=True)
    name = fc.file_hash(source)[:24] + os.path.splitext(source)[1].lower()
    target = os.path.join(folder, name)
    if not os.path.exists(target):
        tmp = target + ".part"
        shutil.copyfile(source, tmp)
        os.replace(tmp, target)
    return os.path.relpath(target, os.path.dirname(os.path.abspath(db_path))).replace(os.sep, "/")


@guarded
def merge(path, forms, manifest, manifest_hash, package_rows, package_dir, before_commit=None):
    """Merge a package's rows into the planning database in one transaction; returns the actions.

    The checks (another database, merged before) and the office rows are read inside the same
    transaction, so two merges at once cannot both pass them."""
    con = connect(path, autocommit=True)
    try:
        con.execute("BEGIN IMMEDIATE")
        try:
            if not _table_exists(con, "vp_field_merge"):
                raise fc.MergeRefused(tr("{path} has no survey layers; it is not the database this package was made "
                                         "from.").format(path=path))
            merged = dict(con.execute("SELECT package_id, merged_at FROM vp_field_merge"))
            fc.check_package(manifest, database_id(con), merged)

            def office_rows(layer, cols, keys):
                return _rows(con, layer, cols, "WHERE uuid IN (%s)" % ", ".join("?" * len(keys)), keys)

            actions = merge_actions(forms, manifest, package_rows, office_rows,
                                    lambda value: copy_photo(path, package_dir, value),
                                    lambda layer, action: _apply(con, layer, action))
            n = fc.counts(actions)
            con.execute("INSERT INTO vp_field_merge VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (
                manifest["package_id"], manifest_hash, manifest.get("content_hash"), manifest.get("surveyor"),
                ",".join(manifest.get("villages", [])), _now(), n[fc.INSERT], n[fc.UPDATE], n[fc.DELETE],
                n[fc.CONFLICT], n[fc.SKIPPED], json.dumps(fc.report_rows(actions), ensure_ascii=False)))
            if before_commit is not None:
                before_commit()
            con.execute("COMMIT")
            return actions
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()


def merge_actions(forms, manifest, package_rows, office_rows, store_photo, apply):
    """The merge of every survey layer, on any database: ``office_rows(layer, cols, uuids)`` reads the office
    rows of those keys, ``store_photo(value)`` keeps a photo of the package and returns its new value,
    ``apply(layer, action)`` writes one action. Returns the actions (core.field.plan_merge)."""
    actions = []
    for layer in forms["layers"]:
        base = manifest["layers"].get(layer, {})
        rows = package_rows.get(layer, {})
        keys = sorted(set(base) | set(rows))
        office = {}
        cols = fc.columns(forms, layer)
        for start in range(0, len(keys), 500):
            for r in office_rows(layer, cols, keys[start:start + 500]):
                office[r["uuid"]] = r
        planned = fc.plan_merge(layer, fc.content_columns(forms, layer), base, rows, office,
                                set(manifest["villages"]), package_rows.get(fc.REFUSED, {}).get(layer))
        for a in planned:
            if a["row"] is not None and a["row"].get("photo"):
                try:
                    a["row"]["photo"] = store_photo(a["row"]["photo"])
                except fc.PhotoRefused as exc:  # the row is merged with the office's photo; the report says why
                    a["row"]["photo"] = (office.get(a["uuid"]) or {}).get("photo")
                    a["reason"] = "; ".join(r for r in (a.get("reason"), str(exc)) if r)
            apply(layer, a)
        actions.extend(planned)
    return actions


def _apply(con, layer, action):
    row = action["row"]
    if action["action"] == fc.INSERT:
        _insert(con, layer, dict({k: v for k, v in row.items() if k != "row_version"}, row_version=1))
    elif action["action"] == fc.UPDATE:
        cols = [c for c in row if c not in ("uuid", "row_version", "fid")]
        con.execute("UPDATE %s SET %s WHERE uuid = ?" % (layer, ", ".join("%s = ?" % c for c in cols)),
                    [row[c] for c in cols] + [action["uuid"]])  # the trigger raises row_version
    elif action["action"] == fc.DELETE:
        con.execute("DELETE FROM %s WHERE uuid = ?" % layer, (action["uuid"],))


@guarded
def resolve_conflict(path, layer, report_row_uuid, choice, field_row=None, package_id=None):
    """Settle one conflict: 'office' (nothing to change), 'field' (take the field version) or 'both' (the field
    version as a new row whose linked_uuid names the office row). Returns the uuid written, or None.
    ``field_row`` None: the row was deleted in the field ('field' deletes the office row, 'both' keeps it).
    With ``package_id``, the decision is recorded in that merge's report in the same transaction, and a
    conflict already settled is refused (core.field.ConflictSettled)."""
    if choice not in CHOICES:
        raise ValueError(choice)
    if choice == "office" and package_id is None:
        return None
    con = connect(path)
    try:
        with con:
            written = _write_decision(con, layer, report_row_uuid, choice, field_row)
            if package_id is not None:
                found = con.execute("SELECT report FROM vp_field_merge WHERE package_id = ?",
                                    (package_id,)).fetchone()
                report = fc.settle(json.loads(found[0]) if found and found[0] else [], layer, report_row_uuid,
                                   choice, written, _now())
                con.execute("UPDATE vp_field_merge SET report = ? WHERE package_id = ?",
                            (json.dumps(report, ensure_ascii=False), package_id))
            return written
    finally:
        con.close()


def _write_decision(con, layer, report_row_uuid, choice, field_row):
    if choice == "office":
        return None
    row = {k: v for k, v in (field_row or {}).items() if k not in ("fid", "row_version")}
    if field_row is None:  # deleted in the field: taking the field version deletes; keeping both keeps
        if choice == "field":
            con.execute("DELETE FROM %s WHERE uuid = ?" % layer, (report_row_uuid,))
        return None
    if choice == "field":
        if con.execute("SELECT 1 FROM %s WHERE uuid=?" % layer, (report_row_uuid,)).fetchone():
            cols = [c for c in row if c != "uuid"]
            con.execute("UPDATE %s SET %s WHERE uuid = ?" % (layer, ", ".join("%s = ?" % c for c in cols)),
                        [row[c] for c in cols] + [report_row_uuid])
        else:
            _insert(con, layer, dict(row, uuid=report_row_uuid, row_version=1))
        return report_row_uuid
    new = new_uuid()
    _insert(con, layer, dict(row, uuid=new, linked_uuid=report_row_uuid, row_version=1))
    return new


@guarded
def survey_srs(path):
    """The srs entry of the survey layers already in ``path`` (dict), or None."""
    if not os.path.exists(path):
        return None
    con = connect(path)
    try:
        if not _table_exists(con, "homestead_survey"):
            return None
        row = con.execute("SELECT s.srs_id, s.organization, s.organization_coordsys_id, s.srs_name, s.definition "
                          "FROM gpkg_geometry_columns g JOIN gpkg_spatial_ref_sys s ON s.srs_id = g.srs_id "
                          "WHERE g.table_name = 'homestead_survey'").fetchone()
        if row is None:
            return None
        return dict(zip(("srs_id", "organization", "org_id", "name", "definition"), row))
    finally:
        con.close()


@guarded
def homestead_figures(path):
    """Per village, the homestead figures of the survey in ``path`` (core.field.homestead_figures);
    {} when the database has no homestead survey or nothing in it was verified yet."""
    if not path or not os.path.isfile(path):
        return {}
    con = connect(path)
    try:
        if not _table_exists(con, "homestead_survey"):
            return {}
        rows = [dict(zip(("village_code", "status", "area_m2", "linked_uuid"), r))
                for r in con.execute("SELECT village_code, status, area_m2, linked_uuid FROM homestead_survey")]
    finally:
        con.close()
    figures = fc.homestead_figures(rows)
    return figures if any(f["homesteads_surveyed"] for f in figures.values()) else {}


@guarded
def merge_report(path, package_id):
    """The report rows (core.field.report_rows) recorded at the merge of ``package_id``, or None."""
    con = connect(path)
    try:
        if not _table_exists(con, "vp_field_merge"):
            return None
        row = con.execute("SELECT report FROM vp_field_merge WHERE package_id=?", (package_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None
    finally:
        con.close()


def export_photo(db_path, value, folder):
    """Copy the photo a database row names (relative to the database's folder) into ``folder``; returns the
    file name written there, or None when the value names no file."""
    if not value or not isinstance(value, str):
        return None
    folder_of_db = os.path.realpath(attachment_folder(db_path))
    source = os.path.realpath(os.path.join(os.path.dirname(os.path.abspath(db_path)), value))
    if os.path.isabs(value) or os.path.commonpath([folder_of_db, source]) != folder_of_db or \
            not os.path.isfile(source):
        return None  # only the database's own attachments go to the field, never another file of the office
    name = os.path.basename(source)
    target = os.path.join(folder, name)
    if not os.path.exists(target):
        shutil.copyfile(source, target)
    return name


class GpkgFieldStore:
    """The survey of a planning GeoPackage, behind the same methods as store.field_pg.PgFieldStore."""

    kind = "gpkg"

    def __init__(self, path):
        self.path = path
        self.label = path

    def exists(self):
        return os.path.isfile(self.path)

    def ensure_survey_schema(self, forms, srs):
        return ensure_survey_schema(self.path, forms, srs)

    def survey_srs(self):
        return survey_srs(self.path)

    def read_layer(self, forms, layer, villages=None):
        return read_layer(self.path, forms, layer, villages)

    def seed(self, layer, villages, rows):
        return seed(self.path, layer, villages, rows)

    def record_package(self, package_id, surveyor, villages, rows, folder):
        return record_package(self.path, package_id, surveyor, villages, rows, folder)

    def open_packages(self, villages):
        return fc.open_packages(packages(self.path), merged_packages(self.path), villages)

    def merge(self, forms, manifest, manifest_hash, package_rows, package_dir, before_commit=None):
        if not self.exists():
            raise StoreError(tr("The planning database {path} does not exist.").format(path=self.path))
        return merge(self.path, forms, manifest, manifest_hash, package_rows, package_dir, before_commit)

    def homestead_figures(self):
        return homestead_figures(self.path)

    def merge_history(self):
        return merge_history(self.path)

    def merge_report(self, package_id):
        return merge_report(self.path, package_id)

    def resolve_conflict(self, layer, uuid, choice, field_row=None, package_id=None):
        return resolve_conflict(self.path, layer, uuid, choice, field_row, package_id)

    def store_photo(self, package_dir, value):
        return copy_photo(self.path, package_dir, value)

    def export_photo(self, value, folder):
        return export_photo(self.path, value, folder)
