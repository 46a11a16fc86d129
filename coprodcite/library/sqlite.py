"""The embedded default library: one SQLite file.

WAL journal and a busy timeout let several processes add at once; writes take
the write lock up front (``BEGIN IMMEDIATE``) so two writers never dead-lock on
a lock upgrade, and each write is one transaction, so Ctrl-C or a crash leaves
the file as it was before or after, never between.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from coprodcite.errors import StorageError
from coprodcite.library.people import link_unlinked
from coprodcite.library.schema import MIGRATIONS
from coprodcite.library.sql import RENDER_CACHE_SIZE, SqlLibrary, _now
from coprodcite.library.sql import plain_title as plain_title
from coprodcite.library.sqlite_open import (
    LOCK_TIMEOUT,
    connect,
    create_private,
    disk_full,
    full_disk_error,
    reader_on_full_disk,
    storage_error,
)


class SqliteLibrary(SqlLibrary):
    def __init__(
        self,
        path: Path,
        *,
        key_pattern: str | None = None,
        render_cache_size: int = RENDER_CACHE_SIZE,
        create: bool = True,
        lock_timeout: float = LOCK_TIMEOUT,
        user: str | None = None,
    ) -> None:
        """Open the library at ``path``; ``create`` makes it (owner-only) when missing,
        else a missing file is an error. A write waits ``lock_timeout`` seconds for
        another process's write transaction before it gives up."""
        self._settings(str(path), key_pattern, render_cache_size, lock_timeout, user)
        self._path = path
        self._full_disk = False  # opened read-only because the disk is full
        if not create and not path.is_file():
            raise StorageError(
                f"no library at {path}",
                hint="check --library or COPRODCITE_LIBRARY; `coprodcite add` or `import`"
                " creates one",
            )
        try:
            if create:
                create_private(path)
            self._db = self._open(path)
            self._migrate()
        except OSError as exc:
            raise StorageError(
                f"cannot create library {path}: {exc.strerror or exc}",
                hint="check the path, or give another with --library",
            ) from exc
        except sqlite3.DatabaseError as exc:
            raise storage_error(exc, path, lock_timeout) from exc

    def _open(self, path: Path) -> sqlite3.Connection:
        try:
            return connect(path, lock_timeout=self.lock_timeout)
        except sqlite3.OperationalError as exc:
            reader = reader_on_full_disk(path, lock_timeout=self.lock_timeout)
            if not disk_full(exc, path) or reader is None:
                raise
            self._full_disk = True
            return reader

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self, *, wait: bool = True, references: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, rolled back on any exception (Ctrl-C included).
        Inside another (save_many), it is part of that one. Without ``wait`` a write
        lock held by another process is not waited for (StorageError at once). One that
        changed any row bumps the library's generation once before it commits, unless
        it only keeps renders (``references=False``): see :meth:`generation`."""
        if self._db.in_transaction:
            yield self._db
            return
        if self._full_disk:
            raise full_disk_error(self._path)
        self._writable()
        try:
            self._begin(wait)
            changes = self._db.total_changes
            yield self._db
            if references and self._db.total_changes != changes:
                self._db.execute("UPDATE library_state SET generation = generation + 1")
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:  # SQLite may have rolled back already (full disk)
                with suppress(sqlite3.DatabaseError):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise storage_error(exc, self._path, self.lock_timeout) from exc
            raise

    def _begin(self, wait: bool) -> None:
        if wait:
            self._db.execute("BEGIN IMMEDIATE")
            return
        self._db.execute("PRAGMA busy_timeout = 0")
        try:
            self._db.execute("BEGIN IMMEDIATE")
        finally:
            self._db.execute(f"PRAGMA busy_timeout = {int(self.lock_timeout * 1000)}")

    def _columns(self, table: str) -> list[str]:
        return [row[1] for row in self._db.execute(f"PRAGMA table_info('{table}')")]

    def _after_copy(self) -> None:
        """Nothing to do: new ids follow the largest (see library.transfer)."""

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._write():
            yield

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if self._too_old(version, len(MIGRATIONS)) or version == len(MIGRATIONS):
            return
        # A migration may rebuild a table (SQLite's way to change a constraint): with
        # foreign keys on, dropping the old table would delete the rows referring to it.
        # The pragma only takes effect outside a transaction.
        self._db.execute("PRAGMA foreign_keys = OFF")
        try:
            with self._write() as db:
                # Re-read inside the lock: another process may have migrated meanwhile.
                version = db.execute("PRAGMA user_version").fetchone()[0]
                for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                    for statement in _statements(script):
                        db.execute(statement)
                    db.execute(f"PRAGMA user_version = {number}")
                if db.execute("PRAGMA foreign_key_check").fetchone() is not None:
                    raise sqlite3.IntegrityError("a migration broke a reference between tables")
                link_unlinked(db, _now())
        finally:
            self._db.execute("PRAGMA foreign_keys = ON")


def _statements(script: str) -> list[str]:
    """Split a migration into statements (executescript would COMMIT our transaction)."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    out, statement = [], ""
    for piece in code.split(";"):  # a trigger's body holds ";" too: join until complete
        statement += piece + ";"
        if sqlite3.complete_statement(statement):
            if statement.strip(" \t\n;"):
                out.append(statement.strip())
            statement = ""
    return out
