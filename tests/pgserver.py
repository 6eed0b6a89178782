"""A throwaway PostgreSQL/PostGIS cluster for the tests (Debian's packages, a free port)."""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile

BIN = (sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2])) or
       ["/usr/lib/postgresql/15/bin"])[-1]  # Debian 12 has 15, Debian 13 (the LTR target) 17


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self):
        self.base = tempfile.mkdtemp(prefix="vp-pg-")
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0  # the server refuses to run as root
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.base, pw.pw_uid, pw.pw_gid)
        self.host = "127.0.0.1"
        self.user = "postgres"

    def _run(self, *cmd, check=True):
        if self.as_postgres:
            cmd = ("runuser", "-u", "postgres", "--") + cmd
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self):
        data = os.path.join(self.base, "data")
        self._run(os.path.join(BIN, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8",
                  "--locale=C.UTF-8")
        opts = "-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off" % (self.port, self.base)
        self._run(os.path.join(BIN, "pg_ctl"), "-D", data, "-o", opts, "-w", "-l",
                  os.path.join(self.base, "log"), "start")
        return self

    def stop(self):
        self._run(os.path.join(BIN, "pg_ctl"), "-D", os.path.join(self.base, "data"), "-m", "fast", "-w", "stop",
                  check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def psql(self, sql, dbname="postgres"):
        out = subprocess.run(["psql", "-h", self.host, "-p", str(self.port), "-U", self.user, "-d", dbname,
                              "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql], capture_output=True, text=True,
                             timeout=120)
        if out.returncode:
            raise RuntimeError(out.stderr)
        return out.stdout

    def create_database(self, name):
        self.psql("CREATE DATABASE %s" % name)
        self.psql("CREATE EXTENSION postgis", dbname=name)
        return name

    def ogr_dsn(self, dbname):
        return "PG:host=%s port=%d dbname=%s user=%s" % (self.host, self.port, dbname, self.user)

    def qgis_uri(self, dbname, table, geom="geom", key="fid"):
        uri = "dbname='%s' host=%s port=%d user='%s' sslmode=disable key='%s' table=\"public\".\"%s\"" % (
            dbname, self.host, self.port, self.user, key, table)
        return uri + (" (%s)" % geom if geom else "")
