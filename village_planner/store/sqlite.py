"""The one way the plugin opens an SQLite file (the planning GeoPackage), and its error type.

Every store uses these settings: wait up to 60 s for another writer (a colleague's QGIS,
a second Processing run), foreign keys enforced. ``sqlite3.Error`` never leaves a store
unwrapped: it becomes a StoreError whose message names the file.
"""

import contextlib
import functools
import sqlite3

from ..core.errors import VillagePlannerError
from ..core.i18n import N_, tr

TIMEOUT_S = 60


class StoreError(VillagePlannerError, RuntimeError):
    """The planning database cannot be read or written; the message names the file."""


def connect(path, autocommit=False):
    """A connection with the plugin's settings; ``autocommit`` for stores that run BEGIN themselves."""
    try:
        con = sqlite3.connect(path, timeout=TIMEOUT_S, isolation_level=None if autocommit else "")
        con.execute("PRAGMA busy_timeout = %d" % (TIMEOUT_S * 1000))
        con.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(tr("The planning database {path} cannot be opened: {error}").format(
            path=path, error=explain(exc))) from exc
    return con


def explain(exc):
    """SQLite's own English reason, said in the user's language where it is one a planner meets."""
    text = str(exc)
    low = text.lower()
    for key, message in (
            ("database is locked", N_("another program (a colleague's QGIS, a Processing run) is writing to it; "
                                      "try again when it has finished")),
            ("readonly database", N_("it is read-only (file permissions or a read-only drive)")),
            ("not a database", N_("it is not a GeoPackage (SQLite) file")),
            ("unable to open database file", N_("the file or its folder cannot be opened")),
            ("disk is full", N_("the disk is full")),
            ("disk i/o error", N_("the disk could not be read or written"))):
        if key in low:
            return "%s (%s)" % (tr(message), text)
    return text


@contextlib.contextmanager
def wrapped(path):
    """Turn any sqlite3.Error inside the block into a StoreError naming ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(tr("The planning database {path} cannot be used: {error}").format(
            path=path, error=explain(exc))) from exc


def guarded(func):
    """Decorate a store function whose first argument is the database path: sqlite3 errors become
    StoreError naming that path."""
    @functools.wraps(func)
    def run(path, *args, **kwargs):
        with wrapped(path):
            return func(path, *args, **kwargs)

    return run


WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],'
             'AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],'
             'UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AXIS["Latitude",NORTH],'
             'AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')


def create_empty_gpkg(path):
    """A valid, empty GeoPackage (OGC 12-128r18: the two required tables and their default rows).

    Written with sqlite3 alone: opening GDAL datasets from Python inside QGIS is
    avoided, QGIS keeps its own pool of them.
    """
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA application_id = 1196444487")  # 'GPKG'
        con.execute("PRAGMA user_version = 10300")
        con.executescript("""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
                organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
                description TEXT);
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined',
                'undefined cartesian coordinate reference system');
            INSERT INTO gpkg_spatial_ref_sys VALUES ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined',
                'undefined geographic coordinate reference system');
            CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
                identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT
                (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
                srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
                CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
        """)
        con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('WGS 84 geodetic', 4326, 'EPSG', 4326, ?, ?)",
                    (WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"))
        con.commit()
    finally:
        con.close()
