"""The planning database of field verification, as DATABASE names it: a GeoPackage, a PostgreSQL connection
string or ``connection:NAME`` of a connection saved in QGIS (resolved as for the quota pool, password kept out
of every message)."""

import os

from ..core.i18n import tr
from ..store.field_pg import PgFieldStore
from ..store.field_store import GpkgFieldStore
from ..store.quota_pg import is_postgres_dsn
from ..store.quota_store import is_sqlite_file
from ..store.sqlite import StoreError
from .quota_database import PREFIX, connection_dsn


def field_store(text, parameter="DATABASE"):
    """The survey store ``text`` names (GpkgFieldStore or PgFieldStore), not yet connected."""
    text = (text or "").strip()
    if not text:
        raise StoreError(tr("{parameter} is required: a GeoPackage (.gpkg), a PostgreSQL connection string or "
                            "connection:NAME of a connection saved in QGIS.").format(parameter=parameter))
    if text.lower().startswith(PREFIX):
        name = text[len(PREFIX):].strip()
        resolved = connection_dsn(name)
        if resolved is None:
            raise StoreError(tr("No PostgreSQL connection named {name} is saved in QGIS.").format(name=name))
        dsn, password = resolved
        return PgFieldStore(dsn, label=PREFIX + name, secrets=[password])
    if is_postgres_dsn(text):
        return PgFieldStore(text)
    if os.path.isdir(text) or (os.path.exists(text) and os.path.getsize(text) and not is_sqlite_file(text)):
        raise StoreError(tr("{parameter}: {path} is not a GeoPackage; give a .gpkg file or a PostgreSQL "
                            "connection.").format(parameter=parameter, path=text))
    return GpkgFieldStore(text)
