"""A throwaway PostgreSQL server for the tests: one per session, on a unix socket in a
temporary folder, with one database per test made from a template that already holds
the library's schema (so no test pays for the migrations).

COPRODCITE_TEST_POSTGRES (a libpq URL of a server whose role may CREATE DATABASE) is
used when set. Else PostgreSQL's ``initdb`` is looked for on PATH and under
/usr/lib/postgresql/*/bin; it refuses to run as root, so then it runs as the
``postgres`` user. Without either, PostgreSQL tests skip, except on CI (CI=true),
where they fail: the backend must be proved there.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from itertools import count
from pathlib import Path

TEMPLATE = "coprodcite_template"
#: read at import: the tests' isolated environment drops every COPRODCITE_ variable
GIVEN = os.environ.get("COPRODCITE_TEST_POSTGRES")


def _bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


class Server:
    """A running server (started here, or given) that hands out fresh databases."""

    def __init__(self) -> None:
        self._folder: str | None = None
        self._pg_ctl: str | None = None
        self._as: list[str] = []
        self._numbers = count(1)
        self.admin = GIVEN or self._start()
        self._template()

    def _start(self) -> str:
        initdb, pg_ctl = _bin("initdb"), _bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL's initdb was not found (apt-get install postgresql)")
        if os.geteuid() == 0:
            runuser = shutil.which("runuser")
            self._as = [runuser, "-u", "postgres", "--"] if runuser else ["su", "postgres", "-c"]
        folder = tempfile.mkdtemp(prefix="coprodcite-pg-")
        data, socket = Path(folder) / "data", Path(folder) / "socket"
        socket.mkdir()
        if self._as:
            shutil.chown(folder, "postgres")
            shutil.chown(socket, "postgres")
        self._folder, self._pg_ctl = folder, pg_ctl
        self._run(initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-k {socket} -c listen_addresses='' -F -c max_connections=200"
        self._run(pg_ctl, "-D", str(data), "-o", options, "-l", f"{folder}/log", "-w", "start")
        return f"postgresql://postgres@/postgres?host={socket}"

    def _run(self, *command: str) -> None:
        if self._as and self._as[0] == "su":
            args = [*self._as, " ".join(f"'{c}'" if " " in c else c for c in command)]
        else:
            args = [*self._as, *command]
        subprocess.run(args, check=True, capture_output=True, cwd="/")

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin, autocommit=True) as db:
            db.execute(sql)  # type: ignore[arg-type]

    def url(self, database: str) -> str:
        from psycopg.conninfo import conninfo_to_dict, make_conninfo

        parts = conninfo_to_dict(self.admin)
        parts["dbname"] = database
        return make_conninfo(**parts)  # type: ignore[arg-type]

    def _template(self) -> None:
        from coprodcite.library import open_library

        self._admin(f"DROP DATABASE IF EXISTS {TEMPLATE}")
        self._admin(f"CREATE DATABASE {TEMPLATE} TEMPLATE template0")
        open_library(self.url(TEMPLATE)).close()

    @property
    def log(self) -> Path | None:
        """The server's log file, when this server was started here."""
        return Path(self._folder) / "log" if self._folder else None

    def database(self, *, empty: bool = False) -> str:
        """A new database's address: with the library's tables, or ``empty``."""
        name = f"coprodcite_test_{os.getpid()}_{next(self._numbers)}"
        template = "template0" if empty else TEMPLATE
        self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop(self, url: str) -> None:
        from psycopg.conninfo import conninfo_to_dict

        self._admin(f"DROP DATABASE IF EXISTS {conninfo_to_dict(url)['dbname']} WITH (FORCE)")

    def stop(self) -> None:
        if self._pg_ctl and self._folder:
            data = f"{self._folder}/data"
            self._run(self._pg_ctl, "-D", data, "-m", "immediate", "-w", "stop")
            shutil.rmtree(self._folder, ignore_errors=True)
