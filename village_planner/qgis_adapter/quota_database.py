"""The quota pool's database, as the algorithms and the dock name it: one factory for both.

The text may be a GeoPackage path, a PostgreSQL connection string (key=value or a
postgresql:// URL) or ``connection:NAME`` of a PostgreSQL connection saved in QGIS,
whose password (or auth config) stays in QGIS: it is resolved here and never shown.
"""

import contextlib
import os

from ..core.i18n import tr
from ..core.secrets import mask
from ..store.quota_pg import PgQuotaStore, is_postgres_dsn
from ..store.quota_store import GpkgQuotaStore, is_sqlite_file
from ..store.sqlite import StoreError

PREFIX = "connection:"


def connection_names():
    """Names of the PostgreSQL connections saved in QGIS."""
    from qgis.core import QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    return sorted(metadata.connections()) if metadata is not None else []


def connection_dsn(name):
    """(libpq connection string, password) of a PostgreSQL connection saved in QGIS (its auth config resolved),
    or None when no connection has that name."""
    from qgis.core import QgsApplication, QgsDataSourceUri, QgsProviderConnectionException, QgsProviderRegistry

    metadata = QgsProviderRegistry.instance().providerMetadata("postgres")
    try:
        connection = metadata.findConnection(name)
    except QgsProviderConnectionException:  # some QGIS versions raise when the name is unknown
        connection = None
    if connection is None:
        return None
    uri = QgsDataSourceUri(connection.uri())
    user, password = uri.username(), uri.password()
    if uri.authConfigId():  # user and password kept in QGIS's authentication database
        from qgis.core import QgsAuthMethodConfig

        config = QgsAuthMethodConfig()
        if QgsApplication.authManager().loadAuthenticationConfig(uri.authConfigId(), config, True):
            user = config.config("username") or user
            password = config.config("password") or password
    parts = []
    for key, value in (("service", uri.service()), ("host", uri.host()), ("port", uri.port()),
                       ("dbname", uri.database()), ("user", user), ("password", password),
                       ("sslmode", QgsDataSourceUri.encodeSslMode(uri.sslMode()) if uri.sslMode() else "")):
        if value:
            parts.append("%s='%s'" % (key, str(value).replace("\\", "\\\\").replace("'", "\\'")))
    return " ".join(parts), password


def display_name(text):
    """The database as a message may show it: never with its password."""
    return mask((text or "").strip())


def database_store(text, parameter, postgis, geopackage):
    """The store ``text`` names, not yet connected: ``postgis(dsn, label=..., secrets=...)`` for a PostgreSQL
    connection string or connection:NAME of a connection saved in QGIS, ``geopackage(path)`` for anything else
    that is not another kind of file. Raises StoreError with a translated message naming ``parameter``."""
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
        return postgis(dsn, label=PREFIX + name, secrets=[password])
    if is_postgres_dsn(text):
        return postgis(text)
    if os.path.isdir(text) or (os.path.exists(text) and os.path.getsize(text) and not is_sqlite_file(text)):
        raise StoreError(tr("{parameter}: {path} is not a GeoPackage; give a .gpkg file or a PostgreSQL "
                            "connection.").format(parameter=parameter, path=text))
    return geopackage(text)


def quota_store(text, parameter="DATABASE", must_exist=True):
    """The quota store ``text`` names, not yet connected; raises StoreError with a translated message naming
    ``parameter`` when the text cannot name one."""
    def geopackage(path):
        if not os.path.exists(path) and not path.lower().endswith(".gpkg"):
            if must_exist:
                raise StoreError(tr("{parameter}: {path} does not exist.").format(parameter=parameter, path=path))
            raise StoreError(tr("{parameter}: a new planning database must be a GeoPackage ending in .gpkg "
                                "({path}).").format(parameter=parameter, path=path))
        return GpkgQuotaStore(path)

    return database_store(text, parameter, PgQuotaStore, geopackage)


def _require_pool(store):
    if not store.exists():
        raise StoreError(tr("{path} holds no quota pool; create one with Create quota pool.").format(
            path=store.label))


def open_quota_store(text, parameter="DATABASE", must_exist=True):
    """The quota store ``text`` names; raises StoreError with a translated message naming ``parameter``.

    Each call on the store opens a connection of its own; use ``quota_session`` for a movement or a report."""
    store = quota_store(text, parameter, must_exist)
    if must_exist:
        _require_pool(store)
    return store


@contextlib.contextmanager
def quota_session(text, parameter="DATABASE", must_exist=True):
    """The quota store ``text`` names, on one connection for the whole block (opened when first needed)."""
    store = quota_store(text, parameter, must_exist)
    with store.session():
        if must_exist:
            _require_pool(store)
        yield store
