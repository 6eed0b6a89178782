"""The survey layers of field verification on a team's PostGIS (schema vp_field).

The bookkeeping (meta, seeded villages, packages, merges, photos) and the server's ``row_version``
trigger are versioned SQL in resources/sql/postgis_field (a fresh install, one upgrade script per
version, a frozen install of every older version for the upgrade test). The survey layers take their
columns from the county's forms file, like in a GeoPackage; each gets the trigger through
``vp_field.add_versioning``, so an UPDATE by any tool raises ``row_version``.

Rows travel as in store/field_store.py: dicts of the forms' columns, the geometry as a GeoPackage
blob under 'geom' (so hashes and the package's GeoPackage are the same whatever the database).
Photos are kept in the database itself (vp_field.attachment, named by their content) and referenced
as ``attachments/<name>``. No message of this module carries the connection's password.
"""

import contextlib
import datetime
import hashlib
import json
import os

from ..core import field as fc
from ..core.i18n import tr
from ..core.secrets import mask
from .field_store import gpkg_blob, merge_actions, new_uuid
from .pg_migrate import Schema
from .sqlite import StoreError

SCHEMA = "vp_field"
FIELD = Schema(SCHEMA, "postgis_field", 2)
LATEST = FIELD.latest
sql_dir, schema_version, install, upgrade, ensure = \
    FIELD.sql_dir, FIELD.schema_version, FIELD.install, FIELD.upgrade, FIELD.ensure
LOCK_KEY = 7_106_117  # serialises merges (and seeding) of one database
PG_KINDS = {"text": "text", "int": "integer", "float": "double precision", "date": "date"}
ATTACHMENTS = "attachments/"
PG_GEOMETRY = {"Polygon": "Polygon", "Point": "Point"}


# -- rows ---------------------------------------------------------------------------------------
def _plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return value


class PgFieldStore:
    """The survey on a PostGIS database, behind the same methods as store.field_store.GpkgFieldStore."""

    kind = "postgis"

    def __init__(self, dsn, label=None, secrets=()):
        self.dsn = dsn[3:] if dsn.lower().startswith("pg:") else dsn
        self.secrets = tuple(s for s in secrets if s)
        self.label = label or mask(dsn, self.secrets)
        self.path = self.label

    def mask(self, text):
        return mask(str(text).strip(), self.secrets)

    @contextlib.contextmanager
    def _connection(self):
        """A connection for one block: psycopg2 errors become StoreError naming the database, never its password;
        what the block did not commit is rolled back."""
        import psycopg2

        try:
            con = psycopg2.connect(self.dsn)
        except psycopg2.Error as exc:
            raise StoreError(tr("Cannot connect to PostGIS ({database}): {error}").format(
                database=self.label, error=self.mask(exc))) from None
        try:
            yield con
        except psycopg2.Error as exc:
            raise StoreError(tr("The planning database {path} cannot be read or written: {error}").format(
                path=self.label, error=self.mask(exc))) from None
        finally:
            try:
                con.rollback()
            except psycopg2.Error:
                pass
            con.close()

    def exists(self):
        with self._connection() as con:
            return schema_version(con) > 0

    # -- schema --------------------------------------------------------------------------
    def _table_exists(self, cur, layer):
        cur.execute("SELECT to_regclass(%s)", ("%s.%s" % (SCHEMA, layer),))
        return cur.fetchone()[0] is not None

    def _srid(self, cur, srs):
        if srs["organization"].upper() == "EPSG":
            cur.execute("SELECT srid FROM spatial_ref_sys WHERE auth_name = 'EPSG' AND auth_srid = %s",
                        (srs["org_id"],))
            row = cur.fetchone()
            if row:
                return row[0]
        cur.execute("SELECT 1 FROM spatial_ref_sys WHERE srid = %s", (srs["srs_id"],))
        if cur.fetchone() is None:
            cur.execute("INSERT INTO spatial_ref_sys (srid, auth_name, auth_srid, srtext) VALUES (%s, %s, %s, %s)",
                        (srs["srs_id"], srs["organization"], srs["org_id"], srs["definition"]))
        return srs["srs_id"]

    def ensure_survey_schema(self, forms, srs):
        """The vp_field schema (installed or upgraded), the survey layers of the forms (missing ones, missing
        columns of existing ones) with their version trigger. Returns the database id."""
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                ensure(con, commit=False)  # under the lock, in this transaction
                srid = None
                for layer, spec in forms["layers"].items():
                    if not self._table_exists(cur, layer):
                        srid = srid or self._srid(cur, srs)
                        cols = []
                        for f in spec["fields"]:
                            col = "%s %s" % (f["name"], PG_KINDS[f["kind"]])
                            if f["name"] == "uuid":
                                col += " NOT NULL UNIQUE DEFAULT gen_random_uuid()::text"
                            if f["name"] == "row_version":
                                col += " NOT NULL DEFAULT 1"
                            cols.append(col)
                        cur.execute("CREATE TABLE %s.%s (fid bigserial PRIMARY KEY, geom geometry(%s, %d), %s)" % (
                            SCHEMA, layer, PG_GEOMETRY[spec["geometry"]], srid, ", ".join(cols)))
                        cur.execute("CREATE INDEX ON %s.%s USING gist (geom)" % (SCHEMA, layer))
                        cur.execute("CREATE INDEX ON %s.%s (village_code)" % (SCHEMA, layer))
                        cur.execute("COMMENT ON TABLE %s.%s IS %%s" % (SCHEMA, layer),
                                    ("%s (%s)" % (spec["label_zh"], spec["label_en"]),))
                    else:
                        cur.execute("SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
                                    "AND table_name = %s", (SCHEMA, layer))
                        have = {r[0] for r in cur.fetchall()}
                        for f in spec["fields"]:
                            if f["name"] not in have:  # a field the county added to its forms
                                cur.execute("ALTER TABLE %s.%s ADD COLUMN %s %s" % (
                                    SCHEMA, layer, f["name"], PG_KINDS[f["kind"]]))
                    cur.execute("SELECT vp_field.add_versioning(%s::regclass)", ("%s.%s" % (SCHEMA, layer),))
                cur.execute("SELECT value FROM vp_field.meta WHERE key = 'database_id'")
                database_id = cur.fetchone()[0]
            con.commit()
            return database_id

    def survey_srs(self):
        """The srs entry (dict like a GeoPackage's) of the survey layers already in the database, or None."""
        with self._connection() as con:
            with con.cursor() as cur:
                if schema_version(con) == 0 or not self._table_exists(cur, "homestead_survey"):
                    return None
                cur.execute("SELECT s.srid, s.auth_name, s.auth_srid, s.srtext FROM geometry_columns g "
                            "JOIN spatial_ref_sys s ON s.srid = g.srid WHERE g.f_table_schema = %s "
                            "AND g.f_table_name = 'homestead_survey'", (SCHEMA,))
                row = cur.fetchone()
        if row is None:
            return None
        srid, org, org_id, text = row
        return {"srs_id": srid, "organization": org or "NONE", "org_id": org_id or srid,
                "name": "%s:%s" % (org or "NONE", org_id or srid), "definition": text or ""}

    # -- rows ------------------------------------------------------------------------------
    def _rows(self, cur, layer, cols, where="", args=()):
        cur.execute("SELECT ST_AsBinary(geom, 'NDR'), ST_SRID(geom), ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), "
                    "ST_YMax(geom), %s FROM %s.%s %s" % (", ".join(cols), SCHEMA, layer, where), args)
        out = []
        for rec in cur.fetchall():
            row = {c: _plain(v) for c, v in zip(cols, rec[6:])}
            row[fc.GEOM] = gpkg_blob(bytes(rec[0]), rec[1], rec[2:6]) if rec[0] is not None else None
            out.append(row)
        return out

    def read_layer(self, forms, layer, villages=None):
        with self._connection() as con:
            with con.cursor() as cur:
                cols = fc.columns(forms, layer)
                if villages is None:
                    return self._rows(cur, layer, cols, "ORDER BY fid")
                return self._rows(cur, layer, cols, "WHERE village_code = ANY(%s) ORDER BY fid", (list(villages),))

    def _insert(self, cur, layer, row):
        import psycopg2

        cols = [c for c in row if c not in ("fid", fc.GEOM)]
        values = [row[c] for c in cols]
        marks = ["%s"] * len(cols)
        if row.get(fc.GEOM):
            cols.append(fc.GEOM)
            marks.append("ST_SetSRID(ST_GeomFromWKB(%%s), Find_SRID('%s', '%s', 'geom'))" % (SCHEMA, layer))
            values.append(psycopg2.Binary(fc.wkb_of(row[fc.GEOM])))
        cur.execute("INSERT INTO %s.%s (%s) VALUES (%s)" % (SCHEMA, layer, ", ".join(cols), ", ".join(marks)),
                    values)

    def _update(self, cur, layer, uuid, row):
        import psycopg2

        cols = [c for c in row if c not in ("uuid", "row_version", "fid", fc.GEOM)]
        sets = ["%s = %%s" % c for c in cols]
        values = [row[c] for c in cols]
        if fc.GEOM in row:
            if row[fc.GEOM]:
                sets.append("geom = ST_SetSRID(ST_GeomFromWKB(%%s), Find_SRID('%s', '%s', 'geom'))" % (SCHEMA, layer))
                values.append(psycopg2.Binary(fc.wkb_of(row[fc.GEOM])))
            else:
                sets.append("geom = NULL")
        cur.execute("UPDATE %s.%s SET %s WHERE uuid = %%s" % (SCHEMA, layer, ", ".join(sets)),
                    values + [uuid])  # the trigger raises row_version

    def seed(self, layer, villages, rows):
        """Insert seed rows for villages not seeded before in ``layer``; returns the number inserted."""
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                cur.execute("SELECT village_code FROM vp_field.seeded WHERE layer = %s", (layer,))
                done = {r[0] for r in cur.fetchall()}
                n = 0
                for village in [v for v in villages if v not in done]:
                    mine = [r for r in rows if r.get("village_code") == village]
                    for row in mine:
                        self._insert(cur, layer, dict(row, uuid=row.get("uuid") or new_uuid(), row_version=1))
                    n += len(mine)
                    cur.execute("INSERT INTO vp_field.seeded (village_code, layer, rows) VALUES (%s, %s, %s)",
                                (village, layer, len(mine)))
            con.commit()
            return n

    def record_package(self, package_id, surveyor, villages, rows, folder):
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("INSERT INTO vp_field.package (package_id, surveyor, villages, rows, folder) "
                            "VALUES (%s, %s, %s, %s, %s)", (package_id, surveyor, ",".join(villages), rows, folder))
            con.commit()

    def open_packages(self, villages):
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT package_id, created_at::text, surveyor, villages FROM vp_field.package "
                            "ORDER BY created_at")
                made = [dict(zip(("package_id", "created_at", "surveyor", "villages"), r)) for r in cur.fetchall()]
                cur.execute("SELECT package_id FROM vp_field.merge")
                merged = {r[0] for r in cur.fetchall()}
        return fc.open_packages(made, merged, villages)

    # -- photos --------------------------------------------------------------------------
    def _store_photo(self, cur, package_dir, value):
        import psycopg2

        if not value:
            return value
        source = fc.package_photo(package_dir, value)
        with open(source, "rb") as fh:
            content = fh.read()
        name = hashlib.sha256(content).hexdigest()[:24] + os.path.splitext(source)[1].lower()
        cur.execute("INSERT INTO vp_field.attachment (name, content) VALUES (%s, %s) ON CONFLICT (name) DO NOTHING",
                    (name, psycopg2.Binary(content)))
        return ATTACHMENTS + name

    def store_photo(self, package_dir, value):
        """Keep one photo of a package in the database (outside a merge, e.g. a conflict settled later)."""
        with self._connection() as con:
            with con.cursor() as cur:
                out = self._store_photo(cur, package_dir, value)
            con.commit()
            return out

    def export_photo(self, value, folder):
        """Write the photo a database row names into ``folder``; returns the file name, or None."""
        if not value or not value.startswith(ATTACHMENTS):
            return None
        name = value[len(ATTACHMENTS):]
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT content FROM vp_field.attachment WHERE name = %s", (name,))
                row = cur.fetchone()
        if row is None:
            return None
        target = os.path.join(folder, os.path.basename(name))
        if not os.path.exists(target):
            with open(target, "wb") as fh:
                fh.write(bytes(row[0]))
        return os.path.basename(name)

    # -- the merge -------------------------------------------------------------------------
    def merge(self, forms, manifest, manifest_hash, package_rows, package_dir, before_commit=None):
        """Merge a package's rows in one transaction (checks, office rows, writes, photos and the record);
        merges of one database are serialised by an advisory lock. Returns the actions."""
        with self._connection() as con:
            with con.cursor() as cur:
                if schema_version(con) == 0:
                    raise fc.MergeRefused(tr("{path} has no survey layers; it is not the database this package "
                                             "was made from.").format(path=self.label))
                cur.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                cur.execute("SELECT value FROM vp_field.meta WHERE key = 'database_id'")
                database_id = cur.fetchone()[0]
                cur.execute("SELECT package_id, merged_at::text FROM vp_field.merge")
                fc.check_package(manifest, database_id, dict(cur.fetchall()))

                def office_rows(layer, cols, keys):
                    return self._rows(cur, layer, cols, "WHERE uuid = ANY(%s) FOR UPDATE", (list(keys),))

                def apply(layer, action):
                    if action["action"] == fc.INSERT:
                        self._insert(cur, layer, dict(action["row"], row_version=1))
                    elif action["action"] == fc.UPDATE:
                        self._update(cur, layer, action["uuid"], action["row"])
                    elif action["action"] == fc.DELETE:
                        cur.execute("DELETE FROM %s.%s WHERE uuid = %%s" % (SCHEMA, layer), (action["uuid"],))

                actions = merge_actions(forms, manifest, package_rows, office_rows,
                                        lambda value: self._store_photo(cur, package_dir, value), apply)
                n = fc.counts(actions)
                cur.execute("INSERT INTO vp_field.merge (package_id, manifest_hash, content_hash, surveyor, villages, "
                            "inserted, updated, deleted, conflicts, skipped, report) "
                            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", (
                                manifest["package_id"], manifest_hash, manifest.get("content_hash"),
                                manifest.get("surveyor"), ",".join(manifest.get("villages", [])), n[fc.INSERT],
                                n[fc.UPDATE], n[fc.DELETE], n[fc.CONFLICT], n[fc.SKIPPED],
                                json.dumps(fc.report_rows(actions), ensure_ascii=False)))
                if before_commit is not None:
                    before_commit()
            con.commit()
            return actions

    def homestead_figures(self):
        """Per village, the homestead figures of the survey (core.field.homestead_figures); {} when there is no
        homestead survey or nothing in it was verified yet."""
        with self._connection() as con:
            with con.cursor() as cur:
                if schema_version(con) == 0 or not self._table_exists(cur, "homestead_survey"):
                    return {}
                cur.execute("SELECT village_code, status, area_m2, linked_uuid FROM %s.homestead_survey" % SCHEMA)
                rows = [dict(zip(("village_code", "status", "area_m2", "linked_uuid"), r)) for r in cur.fetchall()]
        figures = fc.homestead_figures(rows)
        return figures if any(f["homesteads_surveyed"] for f in figures.values()) else {}

    def merge_history(self):
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT package_id, surveyor, villages, merged_at::text, inserted, updated, deleted, "
                            "conflicts, skipped FROM vp_field.merge ORDER BY merged_at")
                keys = [d[0] for d in cur.description]
                return [dict(zip(keys, r)) for r in cur.fetchall()]

    def merge_report(self, package_id):
        with self._connection() as con:
            with con.cursor() as cur:
                cur.execute("SELECT report FROM vp_field.merge WHERE package_id = %s", (package_id,))
                row = cur.fetchone()
        if not row or row[0] is None:
            return None
        return row[0] if isinstance(row[0], list) else json.loads(row[0])

    def resolve_conflict(self, layer, uuid, choice, field_row=None, package_id=None):
        """Settle one conflict: 'office' (nothing to change), 'field' (take the field version) or 'both' (the
        field version as a new row whose linked_uuid names the office row). Returns the uuid written, or None.
        With ``package_id``, the decision is recorded in that merge's report in the same transaction, and a
        conflict already settled is refused (core.field.ConflictSettled)."""
        if choice not in ("office", "field", "both"):
            raise ValueError(choice)
        if choice == "office" and package_id is None:
            return None
        with self._connection() as con:
            with con.cursor() as cur:
                if package_id is not None:  # the merge's row is locked: two planners cannot settle it twice
                    cur.execute("SELECT report FROM vp_field.merge WHERE package_id = %s FOR UPDATE", (package_id,))
                    found = cur.fetchone()
                out = self._write_decision(cur, layer, uuid, choice, field_row)
                if package_id is not None:
                    report = found[0] if found else []
                    report = json.loads(report) if isinstance(report, str) else (report or [])
                    cur.execute("UPDATE vp_field.merge SET report = %s::jsonb WHERE package_id = %s", (json.dumps(
                        fc.settle(report, layer, uuid, choice, out, datetime.datetime.now().isoformat(
                            timespec="seconds")), ensure_ascii=False), package_id))
            con.commit()
            return out

    def _write_decision(self, cur, layer, uuid, choice, field_row):
        if choice == "office":
            return None
        row = {k: v for k, v in (field_row or {}).items() if k not in ("fid", "row_version")}
        if field_row is None:  # deleted in the field: 'field' deletes the office row, 'both' keeps it
            if choice == "field":
                cur.execute("DELETE FROM %s.%s WHERE uuid = %%s" % (SCHEMA, layer), (uuid,))
            return None
        if choice == "field":
            cur.execute("SELECT 1 FROM %s.%s WHERE uuid = %%s FOR UPDATE" % (SCHEMA, layer), (uuid,))
            if cur.fetchone():
                self._update(cur, layer, uuid, row)
            else:
                self._insert(cur, layer, dict(row, uuid=uuid, row_version=1))
            return uuid
        out = new_uuid()
        self._insert(cur, layer, dict(row, uuid=out, linked_uuid=uuid, row_version=1))
        return out

