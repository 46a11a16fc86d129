"""The embedded default library: one SQLite file.

WAL journal and a busy timeout let several processes add at once; writes take
the write lock up front (``BEGIN IMMEDIATE``) so two writers never dead-lock on
a lock upgrade, and each write is one transaction, so Ctrl-C or a crash leaves
the file as it was before or after, never between.
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime, timezone
from pathlib import Path
from time import time
from typing import Any

from coprodcite.errors import InvalidInput, NotFound, StorageError
from coprodcite.identifiers import find_dois
from coprodcite.library import CachedRender, Listed, SaveResult
from coprodcite.library.kept import KeptStore
from coprodcite.library.keys import (
    DEFAULT_KEY_PATTERN,
    base_key,
    check_key_pattern,
    signature,
    unique_key,
)
from coprodcite.library.people import (
    carry_over,
    link_unlinked,
    remove_orphans,
    row_to_contributor,
    write_contributors,
)
from coprodcite.library.people_store import PeopleStore
from coprodcite.library.same_work import same_doi_same_work
from coprodcite.library.schema import MIGRATIONS
from coprodcite.library.sqlite_open import (
    LOCK_TIMEOUT,
    connect,
    create_private,
    disk_full,
    full_disk_error,
    reader_on_full_disk,
    storage_error,
)
from coprodcite.library.tags import TagStore
from coprodcite.model import Record

_RICH_TAG = re.compile(
    r'</?(?:i|b|sup|sub|span(?: class="nocase"| style="font-variant:small-caps;")?)>'
)
#: an entity that stands for one character (not one escaped twice: "&amp;amp;")
_XML_ENTITY = re.compile(r"&(?:amp|lt|gt|quot|#39);(?!#?\w+;)")
RENDER_CACHE_SIZE = 64  # renders kept (most recently used); one can hold thousands of entries
_RECORD_COLUMNS_BUT_SOURCE = (
    "id, key, doi, type, title, year, fields, source, fetched_at, provenance"
)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SqliteLibrary(PeopleStore, TagStore, KeptStore):
    def __init__(
        self,
        path: Path,
        *,
        key_pattern: str | None = None,
        render_cache_size: int = RENDER_CACHE_SIZE,
        create: bool = True,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> None:
        """Open the library at ``path``; ``create`` makes it (owner-only) when missing,
        else a missing file is an error. A write waits ``lock_timeout`` seconds for
        another process's write transaction before it gives up."""
        self.location = str(path)
        self.render_cache_size = render_cache_size
        self.key_pattern = check_key_pattern(key_pattern or DEFAULT_KEY_PATTERN)
        self.lock_timeout = lock_timeout
        self._path = path
        # signature -> record id, kept while save_many runs (see _duplicate_of)
        self._signatures: dict[tuple[str, int | None, str], int] | None = None
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

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._write():
            yield

    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StorageError(
                f"library {self.location} has schema version {version}, newer than this "
                f"coprodcite understands ({len(MIGRATIONS)})",
                hint="upgrade coprodcite",
            )
        if version == len(MIGRATIONS):
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

    # -- reading ------------------------------------------------------------

    def _row_to_record(self, row: sqlite3.Row, people: list[sqlite3.Row] | None = None) -> Record:
        if people is None:
            people = self._db.execute(
                "SELECT * FROM contributors WHERE record_id = ? ORDER BY position", (row["id"],)
            ).fetchall()
        # sqlite3.Row: `in` looks at values, so the keys must be asked for
        source_data = row["source_data"] if "source_data" in row.keys() else None  # noqa: SIM118
        return Record(
            id=row["id"],
            key=row["key"],
            type=row["type"],
            fields=json.loads(row["fields"]),
            contributors=[row_to_contributor(p) for p in people],
            source=row["source"],
            source_data=json.loads(source_data) if source_data else None,
            fetched_at=row["fetched_at"],
            provenance=json.loads(row["provenance"]) if row["provenance"] else None,
        )

    def _rows_for(self, ref: str) -> list[sqlite3.Row]:
        """The row with key ``ref``, else the rows with the DOI in ``ref`` (several when
        different works share it, as chapters share their book's), oldest first."""
        row = self._db.execute("SELECT * FROM records WHERE key = ?", (ref,)).fetchone()
        if row is not None:
            return [row]
        dois = find_dois(ref)
        if len(dois) != 1:
            return []
        query = "SELECT * FROM records WHERE doi = ? ORDER BY id"
        return self._db.execute(query, (dois[0],)).fetchall()

    def find(self, ref: str) -> Record | None:
        rows = self._rows_for(ref)
        return self._row_to_record(rows[0]) if rows else None

    def get(self, ref: str) -> Record:
        rows = self._rows_for(ref)
        if not rows:
            raise NotFound(
                f"no record {ref!r} in library {self.location}",
                hint="see `coprodcite list` for keys, or add it with `coprodcite add`",
            )
        if len(rows) > 1:
            keys = ", ".join(row["key"] for row in rows)
            raise InvalidInput(
                f"{ref!r} is the DOI of {len(rows)} records ({keys})",
                hint="name one of them by its key",
            )
        return self._row_to_record(rows[0])

    def records(self, *, refs: list[str] | None = None, with_source: bool = False) -> list[Record]:
        if refs is not None:
            return [self.get(ref) for ref in refs]
        # Two queries in all, and the raw source JSON (often most of a row) only on request.
        columns = "*" if with_source else _RECORD_COLUMNS_BUT_SOURCE
        rows = self._db.execute(f"SELECT {columns} FROM records ORDER BY key").fetchall()
        people: dict[int, list[sqlite3.Row]] = {row["id"]: [] for row in rows}
        for person in self._db.execute("SELECT * FROM contributors ORDER BY record_id, position"):
            people.setdefault(person["record_id"], []).append(person)
        return [self._row_to_record(row, people[row["id"]]) for row in rows]

    def listing(self) -> list[Listed]:
        # Two narrow queries: building 7,000 records to show five columns takes seconds.
        rows = self._db.execute("SELECT id, key, year, title, doi FROM records ORDER BY key")
        listed = {row[0]: list(row[1:]) for row in rows}
        creators: dict[int, dict[str, list[str]]] = {}
        for record_id, role, name in self._db.execute(
            "SELECT record_id, role, coalesce(nullif(trim(coalesce(non_dropping_particle, '')"
            " || ' ' || coalesce(family, '')), ''), literal, given, '')"
            " FROM contributors WHERE role IN ('author', 'editor') ORDER BY record_id, position"
        ):
            creators.setdefault(record_id, {}).setdefault(role, []).append(name)
        out = []
        for record_id, (key, year, title, doi) in listed.items():
            found = creators.get(record_id, {})
            names = found.get("author") or found.get("editor") or [""]
            out.append(Listed(key, year, names[0], len(names) > 1, title, doi))
        return out

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM records").fetchone()[0])

    def _duplicate_of(
        self, record: Record, wanted: tuple[str, int | None, str]
    ) -> sqlite3.Row | None:
        """The stored row for the same work: same DOI and titles that agree (or one
        side has no title, or both are the DOI's registered metadata: see
        :mod:`.same_work`); otherwise the same folded title,
        year and first creator, unless both have DOIs (then they differ)."""
        if record.doi:
            rows = self._db.execute(
                "SELECT * FROM records WHERE doi = ? ORDER BY id", (record.doi,)
            ).fetchall()
            if rows:
                title = plain_title(record)
                row = next(
                    (
                        r
                        for r in rows
                        if same_doi_same_work(r["source"], r["title"], record.source, title)
                    ),
                    None,
                )
                if row is not None:
                    return row
        if not wanted[0]:
            return None
        if self._signatures is not None:
            found = self._signatures.get(wanted)
            if found is None:  # the common case on import: no query at all
                return None
            rows = [self._db.execute("SELECT * FROM records WHERE id = ?", (found,)).fetchone()]
        else:
            rows = self._db.execute(
                "SELECT * FROM records WHERE year IS ? AND (doi IS NULL OR ? IS NULL)",
                (record.year, record.doi),
            ).fetchall()
        for row in rows:
            if row is None or (record.doi and row["doi"]):
                continue
            if self._signatures is not None or signature(self._row_to_record(row)) == wanted:
                return row
        return None

    # -- writing ------------------------------------------------------------

    def save(self, record: Record, *, refresh: bool = False) -> SaveResult:
        return self._save(record, refresh, signature(record))

    def _save(
        self, record: Record, refresh: bool, wanted: tuple[str, int | None, str]
    ) -> SaveResult:
        """``save``, with the record's ``signature`` (save_many needs it again)."""
        with self._write() as db:
            existing = self._duplicate_of(record, wanted)
            if existing is not None and not refresh:
                return SaveResult("exists", self._row_to_record(existing))
            now = _now()
            values = _record_values(record)
            # people are linked here, never taken from what arrives
            incoming = [c.with_person(None) for c in record.contributors]
            if existing is not None:
                db.execute(
                    "UPDATE records SET doi=?, type=?, title=?, year=?, fields=?, source=?,"
                    " source_data=?, fetched_at=?, provenance=COALESCE(?, provenance), updated_at=?"
                    " WHERE id=?",
                    (*values, now, existing["id"]),
                )
                record_id, key, outcome = existing["id"], existing["key"], "updated"
                old = self._row_to_record(existing).contributors
                contributors, moved = carry_over(old, incoming)
            else:
                key = self._new_key(record)
                cursor = db.execute(
                    "INSERT INTO records (key, doi, type, title, year, fields, source,"
                    " source_data, fetched_at, provenance, added_at, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (key, *values, now, now),
                )
                record_id, outcome = cursor.lastrowid, "added"
                contributors, moved = incoming, None  # a new record: nothing to move
            linked = write_contributors(db, record_id, contributors, now, moved)
            stored = record.copy_with(id=record_id, key=key, contributors=linked)
        return SaveResult(outcome, stored)  # type: ignore[arg-type]

    def save_many(self, records: list[Record], *, merge: bool = False) -> list[SaveResult]:
        results: list[SaveResult] = []
        with self._write():
            self._signatures = {signature(r): r.id for r in self.records()}  # type: ignore[misc]
            try:
                for record in records:
                    wanted = signature(record)
                    result = self._save(record, False, wanted)
                    if result.outcome == "exists" and merge:
                        result = self._merge(result.record, record)
                    elif result.outcome == "added":
                        self._signatures[wanted] = result.record.id  # type: ignore[assignment,index]
                    results.append(result)
            finally:
                self._signatures = None
        return results

    def _merge(self, stored: Record, new: Record) -> SaveResult:
        """``stored`` with the fields (and, if it has none, the contributors) it lacks."""
        fields = {**new.fields, **{k: v for k, v in stored.fields.items() if v not in ("", None)}}
        people = stored.contributors or new.contributors
        if fields == stored.fields and people == stored.contributors:
            return SaveResult("exists", stored)
        merged = self.save(stored.copy_with(fields=fields, contributors=people), refresh=True)
        return SaveResult("merged", merged.record)

    def _new_key(self, record: Record) -> str:
        wanted = (
            record.key
            if record.key and _valid_key(record.key)
            else base_key(record, self.key_pattern)
        )

        def taken(key: str) -> bool:
            return (
                self._db.execute("SELECT 1 FROM records WHERE key = ?", (key,)).fetchone()
                is not None
            )

        return unique_key(wanted, taken)

    def remove(self, ref: str) -> Record:
        with self._write() as db:
            record = self.get(ref)
            db.execute("DELETE FROM records WHERE id = ?", (record.id,))
            remove_orphans(db, [c.person_id for c in record.contributors])
        return record

    # -- render cache -------------------------------------------------------

    def generation(self) -> int:
        row = self._db.execute("SELECT generation FROM library_state").fetchone()
        return int(row[0])

    def cached_render(self, key: str) -> CachedRender | None:
        row = self._db.execute(
            "SELECT entries, warnings FROM render_cache WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        # Recency only orders pruning: a library that is busy or cannot be written
        # still reads, without waiting.
        with suppress(StorageError), self._write(wait=False, references=False) as db:
            db.execute("UPDATE render_cache SET used_at = ? WHERE key = ?", (time(), key))
        return CachedRender(json.loads(row["entries"]), json.loads(row["warnings"]))

    def store_render(self, key: str, entries: list[str], warnings: Sequence[str] = ()) -> None:
        # A cache: never worth waiting for another process's write.
        with self._write(wait=False, references=False) as db:
            db.execute(
                "INSERT OR REPLACE INTO render_cache (key, entries, warnings, used_at)"
                " VALUES (?, ?, ?, ?)",
                (key, json.dumps(entries, ensure_ascii=False), json.dumps(list(warnings)), time()),
            )
            db.execute(
                "DELETE FROM render_cache WHERE key NOT IN"
                " (SELECT key FROM render_cache ORDER BY used_at DESC, rowid DESC LIMIT ?)",
                (self.render_cache_size,),
            )

    def close(self) -> None:
        self._db.close()


def _valid_key(key: str) -> bool:
    return bool(key) and len(key) <= 200 and not any(ch.isspace() or ch in ',{}%#"\\' for ch in key)


def plain_title(record: Record) -> str:
    """The title without markup, as ``markup.plain_text`` gives it. A title in CSL rich
    text (its tags and the five XML entities, as coprodcite stores titles) is read
    without plain_text's HTML parser, which was a tenth of a large import: its tags
    dropped, its spaces tidied, its entities decoded. Anything else goes the long way."""
    title = record.title
    text = _RICH_TAG.sub("", title) if "<" in title else title
    if "<" in text or ("&" in text and "&" in _XML_ENTITY.sub("", text)):
        from coprodcite.markup import plain_text

        return plain_text(title)
    from coprodcite.markup import collapse_spaces

    text = collapse_spaces(text).strip(" ")
    return html.unescape(text) if "&" in text else text


def _record_values(record: Record) -> tuple[Any, ...]:
    return (
        record.doi,
        record.type,
        plain_title(record),
        record.year,
        json.dumps(record.fields, ensure_ascii=False, sort_keys=True),
        record.source,
        json.dumps(record.source_data, ensure_ascii=False)
        if record.source_data is not None
        else None,
        record.fetched_at,
        json.dumps(record.provenance, ensure_ascii=False) if record.provenance else None,
    )


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
