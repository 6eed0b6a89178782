"""The one way the plugin opens an SQLite file (the planning GeoPackage), and its error type.

Every store uses these settings: wait up to 60 s for another writer (a colleague's QGIS,
a second Processing run), foreign keys enforced. ``sqlite3.Error`` never leaves a store
unwrapped: it becomes a StoreError whose message names the file.
"""

import contextlib
import functools
import sqlite3

from ..core.errors import VillagePlannerError
from ..core.i18n import tr

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
            path=path, error=exc)) from exc
    return con


@contextlib.contextmanager
def wrapped(path):
    """Turn any sqlite3.Error inside the block into a StoreError naming ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise StoreError(tr("The planning database {path} cannot be used: {error}").format(
            path=path, error=exc)) from exc


def guarded(func):
    """Decorate a store function whose first argument is the database path: sqlite3 errors become
    StoreError naming that path."""
    @functools.wraps(func)
    def run(path, *args, **kwargs):
        with wrapped(path):
            return func(path, *args, **kwargs)

    return run
