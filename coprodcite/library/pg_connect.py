"""Connecting to a PostgreSQL library, and the small dialect layer that lets the SQL
shared with SQLite run there.

The library modules write their SQL once, in SQLite's dialect with ``?`` placeholders.
:class:`PgConnection` wraps a psycopg 3 connection in the part of ``sqlite3``'s API
they use (``execute``, ``executemany``, rows read by name or index, ``lastrowid``,
``total_changes``, ``in_transaction``) and rewrites the few constructs that differ
(:func:`translate`): placeholders, ``INSERT OR IGNORE`` and ``INSERT OR REPLACE``
(upserts), ``IS ?`` and ``RETURNING id`` for a new row's id. What is not the same
(the schema, full-text search, locking) lives in :mod:`.pg_schema` and :mod:`.postgres`.

psycopg is imported only here, and only when a PostgreSQL library is opened.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from coprodcite.errors import StorageError

_URL = re.compile(r"^postgres(?:ql)?://", re.IGNORECASE)
_KEYWORDS = re.compile(r"^\s*(?:host|hostaddr|dbname|user|port|service)\s*=", re.IGNORECASE)

#: the primary key an ``INSERT OR REPLACE`` conflicts on, by table
_PRIMARY_KEYS = {
    "render_cache": ("key",),
    "kept_export_parts": ("export_id", "key"),
    "record_stamps": ("record_id",),
}
#: a plain INSERT of one row (or one ignored on conflict), which executemany sends as
#: one INSERT ... SELECT FROM unnest(arrays): one statement (one round trip, one text
#: that psycopg parses once and the server prepares) for any number of rows
_ONE_ROW = re.compile(
    r"^INSERT INTO (\w+) \(([^)]*)\) VALUES \((?:%s, )*%s\)( ON CONFLICT DO NOTHING)?$"
)
#: tables whose new rows' ids ``lastrowid`` gives
_RETURNING_ID = ("records", "tags", "kept_exports", "roles")


def is_postgres(location: object) -> bool:
    """Whether ``location`` names a PostgreSQL database (a ``postgresql://`` URL or a
    libpq keyword string such as ``host=... dbname=...``) rather than a file."""
    text = str(location)
    return bool(_URL.match(text) or _KEYWORDS.match(text))


def describe(conninfo: str) -> str:
    """``user@host:port/dbname`` for messages: never the password. A conninfo libpq
    cannot parse is a StorageError."""
    from psycopg import conninfo as ci

    try:
        parts = ci.conninfo_to_dict(conninfo)
    except Exception as exc:  # psycopg.ProgrammingError: libpq's parse error
        raise StorageError(
            f"cannot read PostgreSQL address {_without_password(conninfo)!r}: {_first_line(exc)}",
            hint="give postgresql://USER@HOST[:PORT]/DBNAME or 'host=... dbname=...'",
        ) from None
    user = str(parts.get("user") or "")
    host = str(parts.get("host") or parts.get("hostaddr") or "")
    port = f":{parts['port']}" if parts.get("port") else ""
    db = str(parts.get("dbname") or "")
    return f"postgresql://{user + '@' if user else ''}{host}{port}/{db}"


def _without_password(text: str) -> str:
    text = re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)
    return re.sub(r"(password\s*=\s*)(\S+)", r"\1***", text, flags=re.IGNORECASE)


def _first_line(exc: BaseException | str) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def connect(conninfo: str, where: str) -> PgConnection:
    """A connection in autocommit mode (transactions are opened explicitly)."""
    import psycopg

    try:
        raw = psycopg.connect(conninfo, autocommit=True, connect_timeout=15)
    except psycopg.Error as exc:
        raise unavailable(exc, where) from None
    return PgConnection(raw, where)


def unavailable(exc: BaseException, where: str) -> StorageError:
    """The one-line error a user sees when the server at ``where`` cannot be used."""
    text = _without_password(str(exc))
    lower = text.lower()
    if "does not exist" in lower and "database" in lower:
        hint = "create it (createdb) or check the database name in the address"
    elif "permission denied" in lower or "authentication failed" in lower:
        hint = "ask the database's owner to grant your role access (or check ~/.pgpass)"
    elif "refused" in lower or "could not connect" in lower or "timeout" in lower:
        hint = "check that the server is running and the host and port are right"
    else:
        hint = "check the address (--library or COPRODCITE_LIBRARY) and the server"
    message = " ".join(_first_line(text).split())
    return StorageError(f"cannot use PostgreSQL library {where}: {message}", hint=hint)


class Row(tuple):  # type: ignore[type-arg]
    """A row read by index or by column name, as ``sqlite3.Row``."""

    _index: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


def _row_factory(cursor: Any) -> Any:
    names = [d.name for d in cursor.description or ()]
    index: dict[str, int] = {}
    for i, name in enumerate(names):
        index.setdefault(name, i)

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._index = index
        return row

    return make


@lru_cache(maxsize=512)
def translate(sql: str) -> tuple[str, bool]:
    """SQLite-dialect ``sql`` for PostgreSQL; and whether it returns the new row's id."""
    text = sql.replace("%", "%%")
    text = re.sub(r"\bIS \?", "IS NOT DISTINCT FROM ?", text)
    text = text.replace("?", "%s")
    if text.startswith("INSERT OR IGNORE INTO"):
        text = "INSERT INTO" + text[len("INSERT OR IGNORE INTO") :] + " ON CONFLICT DO NOTHING"
    elif text.startswith("INSERT OR REPLACE INTO"):
        text = "INSERT INTO" + text[len("INSERT OR REPLACE INTO") :]
        match = re.match(r"INSERT INTO (\w+) \(([^)]*)\)", text)
        assert match is not None, sql
        keys = _PRIMARY_KEYS[match[1]]
        columns = [c.strip() for c in match[2].split(",") if c.strip() not in keys]
        sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns)
        text += f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {sets}"
    returning = False
    match = re.match(r"INSERT INTO (\w+)", text)
    if match and match[1] in _RETURNING_ID and "RETURNING" not in text:
        text += " RETURNING id"
        returning = True
    return text, returning


class PgCursor:
    """The part of ``sqlite3.Cursor`` the library uses."""

    row_factory: Any = None  # accepted and ignored: rows are tuples already

    def __init__(self, connection: PgConnection) -> None:
        self._connection = connection
        self._cursor = connection.raw.cursor(row_factory=_row_factory)
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._first: Any = None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        import psycopg

        text, returning = translate(sql)
        try:
            self._cursor.execute(text, tuple(params))
        except psycopg.OperationalError as exc:  # the server went away, or refuses
            if self._connection.in_transaction:
                raise  # the write transaction says what failed (a busy lock, ...)
            raise unavailable(exc, self._connection.where) from exc
        pipe = self._connection.pipe
        if pipe is not None and (returning or not text.startswith("INSERT")):
            pipe.sync()  # its rows or row count are read: only plain INSERTs wait
        self.rowcount = self._cursor.rowcount
        self._connection.count(text, self.rowcount)
        if returning:
            self._first = self._cursor.fetchone()
            self.lastrowid = self._first[0] if self._first else None
        return self

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        text, _ = translate(sql)
        text = text.removesuffix(" RETURNING id")
        values = [tuple(r) for r in rows]
        match = _ONE_ROW.match(text)
        if match and values and values[0]:
            self._insert_rows(match, values)
        elif values:
            self._cursor.executemany(text, values)
            self.rowcount = self._cursor.rowcount
            self._connection.count(text, max(self.rowcount, len(values)))
        return self

    def _insert_rows(self, match: re.Match[str], rows: list[tuple[Any, ...]]) -> None:
        """``rows`` inserted in order, by one statement: each column goes as an array
        of text, cast back to the column's type."""
        table, tail = match[1], match[3] or ""
        columns = [c.strip() for c in match[2].split(",")]
        types = self._connection.column_types(table)
        names = ", ".join(f"u{i}" for i in range(len(columns)))
        text = (
            f"INSERT INTO {table} ({', '.join(columns)}) SELECT "
            + ", ".join(f"u{i}::{types[c]}" for i, c in enumerate(columns))
            + f" FROM unnest({', '.join(['%s::text[]'] * len(columns))})"
            + f" WITH ORDINALITY AS u({names}, n) ORDER BY n{tail}"
        )
        arrays = [
            [None if v is None else str(v) for v in column] for column in zip(*rows, strict=True)
        ]
        self._cursor.execute(text, arrays)
        self.rowcount = max(self._cursor.rowcount, 0)
        self._connection.count(text, max(self.rowcount, len(rows)))

    def fetchone(self) -> Any:
        if self._first is not None:
            first, self._first = self._first, None
            return first
        return self._cursor.fetchone() if self._cursor.description else None

    def fetchall(self) -> list[Any]:
        head = [self.fetchone()] if self._first is not None else []
        return head + (self._cursor.fetchall() if self._cursor.description else [])

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class PgConnection:
    """The part of ``sqlite3.Connection`` the library uses, on psycopg."""

    def __init__(self, raw: Any, where: str) -> None:
        self.raw = raw
        self.where = where  # the server, for messages
        self.total_changes = 0
        self._types: dict[str, dict[str, str]] = {}
        self.pipe: Any = None  # psycopg's Pipeline, while pipelined() runs

    @contextmanager
    def pipelined(self) -> Iterator[None]:
        """Statements sent without waiting for their results until one is read (a
        fetch, a row count, the end): many writes, few round trips."""
        with self.raw.pipeline() as pipe:
            self.pipe = pipe
            try:
                yield
            finally:
                self.pipe = None

    def count(self, sql: str, rowcount: int) -> None:
        if rowcount > 0 and sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
            self.total_changes += rowcount

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return bool(self.raw.info.transaction_status != TransactionStatus.IDLE)

    def column_types(self, table: str) -> dict[str, str]:
        """Each column of ``table`` with its type, as SQL names it (asked once)."""
        if table not in self._types:
            rows = self.raw.execute(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute"
                " WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                (table,),
            )
            self._types[table] = dict(rows.fetchall())
        return self._types[table]

    def cursor(self) -> PgCursor:
        return PgCursor(self)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> PgCursor:
        return PgCursor(self).execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> PgCursor:
        return PgCursor(self).executemany(sql, rows)

    def close(self) -> None:
        self.raw.close()
