"""A library shared by a team, on PostgreSQL.

Everything but opening, transactions, migrations and full-text search is
:class:`~coprodcite.library.sql.SqlLibrary`, shared with SQLite. Writes are serialised
as on SQLite: each write transaction first takes a transaction-level advisory lock,
waited for at most ``lock_timeout`` seconds, so the read-then-write steps of a save
(a free key, a person's new id, the same work already there) see every change
committed before them. Readers are never blocked. Migrations run under a session
advisory lock, so two clients starting at once migrate once; a client older than the
schema refuses to open it.

Full-text search: the text of each field is folded (accents off, lower case) and cut
into words here, as SQLite's ``unicode61 remove_diacritics 2`` tokenizer does, and kept
as ``tsvector`` columns (config ``simple``) with a GIN index on all of them together.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

from coprodcite.errors import InvalidInput, StorageError
from coprodcite.library.pg_connect import PgConnection, connect, describe, unavailable
from coprodcite.library.pg_private import PrivateLayer
from coprodcite.library.pg_schema import PG_MIGRATIONS
from coprodcite.library.private import PrivateStore
from coprodcite.library.sql import RENDER_CACHE_SIZE, SqlLibrary
from coprodcite.library.tags import _COLUMNS, _TERM

_WRITE_LOCK = 0x636F_7072_6F64  # "coprod": one advisory lock per database
_MIGRATION_LOCK = _WRITE_LOCK + 1
_WORD = re.compile(r"[^\W_]+")
_FIELDS = ("key", "title", "names", "container", "year", "doi")


def fold(text: str | None) -> str:
    """``text`` as the words search compares: accents off, lower case, space-separated."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(plain.casefold()))


class PostgresLibrary(PrivateLayer, SqlLibrary):
    on_server = True

    def __init__(
        self,
        conninfo: str,
        *,
        key_pattern: str | None = None,
        render_cache_size: int = RENDER_CACHE_SIZE,
        create: bool = True,
        lock_timeout: float = 60.0,
        user: str | None = None,
        private_store: Path | None = None,
    ) -> None:
        """Open the library in the database ``conninfo`` names (which must exist; its
        tables are made when missing, whatever ``create`` says: an empty database is
        there to hold one). Private roles and notes go to ``private_store``, a file on
        this machine (see :mod:`.pg_private`); without it they are refused."""
        self._settings(describe(conninfo), key_pattern, render_cache_size, lock_timeout, user)
        self._private = (
            None if private_store is None else PrivateStore(private_store, self.location)
        )
        self._db: PgConnection = connect(conninfo, self.location)  # type: ignore[assignment]
        try:
            self._migrate()
        except StorageError:
            self._db.close()
            raise
        except Exception as exc:
            self._db.close()
            raise self._error(exc) from exc

    def _error(self, exc: BaseException) -> StorageError:
        import psycopg

        if isinstance(exc, psycopg.errors.LockNotAvailable | psycopg.errors.QueryCanceled):
            return StorageError(
                f"library {self.location} is busy: another coprodcite client has been"
                f" writing to it for {self.lock_timeout:g} s",
                hint="retry when it has finished (COPRODCITE_LOCK_TIMEOUT sets how long to wait)",
            )
        return unavailable(exc, self.location)

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self, *, wait: bool = True, references: bool = True) -> Iterator[Any]:
        """One write transaction under the library's write lock (see the module)."""
        import psycopg

        if self._db.in_transaction:
            yield self._db
            return
        self._writable()
        try:
            self._db.execute("BEGIN")
            self._lock(wait)
            changes = self._db.total_changes
            yield self._db
            if references and self._db.total_changes != changes:
                self._db.execute("UPDATE library_state SET generation = generation + 1")
            self._db.execute("COMMIT")
        except BaseException as exc:
            if not self._db.raw.closed and self._db.in_transaction:
                with suppress(psycopg.Error):
                    self._db.execute("ROLLBACK")
            if isinstance(exc, psycopg.Error):
                raise self._error(exc) from exc
            raise

    def _pipelined(self) -> Any:
        return self._db.pipelined()

    def _lock(self, wait: bool) -> None:
        if not wait:
            got = self._db.execute("SELECT pg_try_advisory_xact_lock(?)", (_WRITE_LOCK,))
            if not got.fetchone()[0]:
                raise StorageError(
                    f"library {self.location} is busy: another client is writing to it",
                    hint="retry when it has finished",
                )
            return
        self._db.execute(f"SET LOCAL lock_timeout = {int(self.lock_timeout * 1000)}")
        self._db.execute("SELECT pg_advisory_xact_lock(?)", (_WRITE_LOCK,))

    def _columns(self, table: str) -> list[str]:
        rows = self._db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
            " AND table_schema = current_schema() ORDER BY ordinal_position",
            (table,),
        )
        return [row[0] for row in rows]

    def _after_copy(self) -> None:
        """Rows copied with their ids (see library.transfer): new ones follow them."""
        for table in ("records", "roles", "tags", "kept_exports", "history"):
            self._db.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                f" coalesce(max(id), 0) + 1, false) FROM {table}"
            )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._write():
            yield

    def _version(self) -> int:
        row = self._db.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = current_schema()"
            " AND tablename = 'schema_version'"
        ).fetchone()
        if row is None:
            return 0
        return int(self._db.execute("SELECT version FROM schema_version").fetchone()[0])

    def _migrate(self) -> None:
        if self._current(self._version()):
            return
        self._db.execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
        try:
            with self._write(references=False) as db:
                version = self._version()  # again, under the lock
                if self._current(version):
                    return
                if version == 0:
                    db.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
                    db.execute("INSERT INTO schema_version VALUES (0)")
                for number, script in enumerate(PG_MIGRATIONS[version:], start=version + 1):
                    db.raw.execute(script)
                    db.execute("UPDATE schema_version SET version = ?", (number,))
        finally:
            self._db.execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))

    def _current(self, version: int) -> bool:
        """Nothing to migrate: the schema is this client's, or newer (then read-only)."""
        return self._too_old(version, len(PG_MIGRATIONS)) or version == len(PG_MIGRATIONS)

    def _scrub(self) -> None:
        """Nothing to do: PostgreSQL's dead rows go at its next vacuum."""

    def close(self) -> None:
        self._db.close()

    # -- full-text search ---------------------------------------------------

    def _search_clause(self, query: str) -> tuple[str, list[str]]:
        condition = pg_search(query)
        self._update_index()
        return f"r.id IN (SELECT s.record_id FROM search_index s WHERE {condition})", []

    def _update_index(self) -> None:
        stale = self._db.execute("SELECT 1 FROM search_stale LIMIT 1").fetchone()
        if stale is None:
            return
        with self._write(references=False) as db:
            rows = db.execute(
                "SELECT r.id, r.key, r.title, r.fields, r.year, r.doi FROM records r"
                " WHERE r.id IN (SELECT record_id FROM search_stale)"
            ).fetchall()
            names: dict[int, list[str]] = {}
            for record_id, *parts in db.execute(
                "SELECT record_id, given, non_dropping_particle, family, literal"
                " FROM contributors WHERE record_id IN (SELECT record_id FROM search_stale)"
                " ORDER BY record_id, position"
            ).fetchall():
                names.setdefault(record_id, []).extend(p for p in parts if p)
            db.execute(
                "DELETE FROM search_index WHERE record_id IN (SELECT record_id FROM search_stale)"
            )
            values = []
            for record_id, key, title, fields, year, doi in rows:
                container = json.loads(fields).get("container-title")
                texts = [key, title, " ".join(names.get(record_id, [])), container, year, doi]
                folded = [fold(str(t) if t is not None else None) for t in texts]
                values.append((record_id, *folded, " ".join(folded)))
            vectors = ", ".join(["to_tsvector('simple', ?)"] * 7)
            db.executemany(
                "INSERT INTO search_index (record_id, key, title, names, container, year, doi,"
                f" every) VALUES (?, {vectors})",
                values,
            )
            db.execute("DELETE FROM search_stale")


def pg_search(query: str) -> str:
    """A user's query, read by :func:`~coprodcite.library.tags.fts_query`'s rules, as a
    condition on ``search_index s``. As in FTS5, NOT binds tighter than AND (a space),
    and AND than OR: ``a b OR c -d`` is (a and b) or (c and not d). InvalidInput when
    there is nothing to search for."""
    groups: list[list[str]] = [[]]  # OR-ed groups of AND-ed terms
    for match in _TERM.finditer(query):
        minus, field, phrase, word = match.groups()
        if word == "OR" and groups[-1] and not field:
            groups.append([])
            continue
        column = _COLUMNS.get(field.lower()) if field else None
        if field and column is None:
            word, phrase = match.group()[len(minus) :], None
        words = fold(phrase if phrase is not None else word).split()
        if not words:
            continue
        # folded words are letters and digits only: safe inside the quotes
        text = " <-> ".join(words) + (":*" if phrase is None else "")
        condition = f"s.{column or 'every'} @@ to_tsquery('simple', '{text}')"
        groups[-1].append(f"NOT {condition}" if minus else condition)
    groups = [g for g in groups if any(not c.startswith("NOT ") for c in g)]
    if not groups:
        raise InvalidInput(
            f"nothing to search for in {query!r}",
            hint='give words, "a phrase", or field:word (title, author, year, key, doi...)',
        )
    return " OR ".join(f"({' AND '.join(g)})" for g in groups)
