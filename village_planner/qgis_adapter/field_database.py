"""The planning database of field verification, as DATABASE names it: a GeoPackage, a PostgreSQL connection
string or ``connection:NAME`` of a connection saved in QGIS (resolved as for the quota pool, password kept out
of every message)."""

from ..store.field_pg import PgFieldStore
from ..store.field_store import GpkgFieldStore
from .quota_database import database_store


def field_store(text, parameter="DATABASE"):
    """The survey store ``text`` names (GpkgFieldStore or PgFieldStore), not yet connected."""
    return database_store(text, parameter, PgFieldStore, GpkgFieldStore)
