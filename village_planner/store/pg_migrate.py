"""Versioned SQL for the PostGIS quota pool: fresh install, and one upgrade script per version."""

import glob
import os
import re

from ..core.codes import resource_path

LATEST = 4
INCLUDE = re.compile(r"^\\ir\s+(\S+)\s*$", re.M)


def sql_dir(*parts):
    return resource_path("sql", "postgis", *parts)


def read_sql(path):
    """An SQL file with its ``\\ir other.sql`` lines replaced by the other file (as psql would)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    base = os.path.dirname(path)
    return INCLUDE.sub(lambda m: read_sql(os.path.normpath(os.path.join(base, m.group(1)))), text)


def schema_version(conn):
    with conn.cursor() as cur:
        cur.execute("SELECT to_regclass('vp_quota.meta')")
        if cur.fetchone()[0] is None:
            return 0
        cur.execute("SELECT value FROM vp_quota.meta WHERE key = 'schema_version'")
        row = cur.fetchone()
        return int(row[0]) if row else 0


def install(conn, version=LATEST):
    """Install the schema of ``version`` (the latest by default) into an empty database."""
    with conn.cursor() as cur:
        if version == LATEST:
            for path in sorted(glob.glob(sql_dir("install", "*.sql"))):
                cur.execute(read_sql(path))
        else:
            cur.execute(read_sql(sql_dir("versions", str(version), "install.sql")))
    conn.commit()


def upgrade(conn):
    """Apply every upgrade script from the database's version to the latest. Returns the versions applied."""
    done = []
    current = schema_version(conn)
    with conn.cursor() as cur:
        for target in range(current + 1, LATEST + 1):
            cur.execute(read_sql(sql_dir("upgrade", "upgrade_to_%d.sql" % target)))
            cur.execute("UPDATE vp_quota.meta SET value = %s WHERE key = 'schema_version'", (str(target),))
            done.append(target)
    conn.commit()
    return done


def ensure(conn):
    """Install or upgrade, whichever the database needs."""
    if schema_version(conn) == 0:
        install(conn)
        return [LATEST]
    return upgrade(conn)
