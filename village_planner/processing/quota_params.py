"""What the quota pool's algorithms share: the database parameters and the store they name.

Turning the text into a store is adapter work (``qgis_adapter/quota_database.py``); here
the parameters are declared, read and the store opened for one run, on one connection.
"""

import contextlib

from qgis.core import QgsProcessingException, QgsProcessingParameterProviderConnection, QgsProcessingParameterString

from ..core.secrets import mask
from ..qgis_adapter.quota_database import PREFIX, quota_session
from ..store.sqlite import StoreError

DATABASE = "DATABASE"
CONNECTION = "CONNECTION"


def add_database_params(alg):
    alg.addParameter(QgsProcessingParameterString(
        DATABASE, alg.tr("Planning database (.gpkg path, PostGIS connection string, or connection:NAME of a "
                         "saved QGIS connection)"), optional=True))
    alg.addParameter(QgsProcessingParameterProviderConnection(
        CONNECTION, alg.tr("or a PostgreSQL connection saved in QGIS (its password stays in QGIS)"), "postgres",
        optional=True))


def database_help(alg):
    return alg.tr(
        "The database is a GeoPackage (.gpkg), a PostgreSQL connection chosen from those saved in QGIS, or "
        "DATABASE=connection:NAME. A connection string typed into DATABASE with its password is stored as typed "
        "in the Processing history and log: choose a saved connection instead, so that the password stays in "
        "QGIS's authentication store. Messages never show a password.")


def database_text(alg, parameters, context):
    """connection:NAME for a connection chosen in CONNECTION, else the text of DATABASE."""
    name = alg.parameterAsConnectionName(parameters, CONNECTION, context) if parameters.get(CONNECTION) else ""
    return PREFIX + name if name else alg.parameterAsString(parameters, DATABASE, context)


@contextlib.contextmanager
def pool_store(alg, parameters, context, must_exist=True):
    """The quota store the parameters name, on one connection for the block; a StoreError raised in the block
    becomes a QgsProcessingException (its message masked)."""
    try:
        with quota_session(database_text(alg, parameters, context), DATABASE, must_exist) as store:
            yield store
    except StoreError as exc:
        raise QgsProcessingException(mask(str(exc))) from None


def fail(message, feedback):
    """Report ``message`` as the run's fatal error and stop."""
    feedback.reportError(message, True)
    raise QgsProcessingException(message)
