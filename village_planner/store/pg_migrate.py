"""Versioned SQL for the plugin's PostGIS schemas (the quota pool vp_quota, the field survey vp_field): a fresh
install, and one upgrade script per version."""

import glob
import os
import re

from ..paths import resource

INCLUDE = re.compile(r"^\\ir\s+(\S+)\s*$", re.M)


def read_sql(path):
    """An SQL file with its ``\\ir other.sql`` lines replaced by the other file (as psql would)."""
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    base = os.path.dirname(path)
    return INCLUDE.sub(lambda m: read_sql(os.path.normpath(os.path.join(base, m.group(1)))), text)


class Schema:
    """One versioned schema: its SQL under resources/sql/<folder>/ (install/*.sql for the latest version,
    versions/N/install.sql frozen as released, upgrade/upgrade_to_N.sql) and its version in <name>.meta.

    ``commit=False`` leaves the transaction open, for a caller that holds a lock in it."""

    def __init__(self, name, folder, latest):
        self.name, self.folder, self.latest = name, folder, latest

    def sql_dir(self, *parts):
        return resource("sql", self.folder, *parts)

    def schema_version(self, conn):
        with conn.cursor() as cur:
            cur.execute("SELECT to_regclass(%s)", (self.name + ".meta",))
            if cur.fetchone()[0] is None:
                return 0
            cur.execute("SELECT value FROM %s.meta WHERE key = 'schema_version'" % self.name)
            row = cur.fetchone()
            return int(row[0]) if row else 0

    def install(self, conn, version=None, commit=True):
        """Install the schema of ``version`` (the latest by default) into a database without it."""
        with conn.cursor() as cur:
            if version in (None, self.latest):
                for path in sorted(glob.glob(self.sql_dir("install", "*.sql"))):
                    cur.execute(read_sql(path))
            else:
                cur.execute(read_sql(self.sql_dir("versions", str(version), "install.sql")))
        if commit:
            conn.commit()

    def upgrade(self, conn, commit=True):
        """Apply every upgrade script from the database's version to the latest. Returns the versions applied."""
        done = []
        with conn.cursor() as cur:
            for target in range(self.schema_version(conn) + 1, self.latest + 1):
                cur.execute(read_sql(self.sql_dir("upgrade", "upgrade_to_%d.sql" % target)))
                cur.execute("UPDATE %s.meta SET value = %%s WHERE key = 'schema_version'" % self.name,
                            (str(target),))
                done.append(target)
        if commit:
            conn.commit()
        return done

    def ensure(self, conn, commit=True):
        """Install or upgrade, whichever the database needs. Returns the versions installed or applied."""
        if self.schema_version(conn) == 0:
            self.install(conn, commit=commit)
            return [self.latest]
        return self.upgrade(conn, commit=commit)


QUOTA = Schema("vp_quota", "postgis", 4)
LATEST = QUOTA.latest
sql_dir, schema_version, install, upgrade, ensure = \
    QUOTA.sql_dir, QUOTA.schema_version, QUOTA.install, QUOTA.upgrade, QUOTA.ensure
