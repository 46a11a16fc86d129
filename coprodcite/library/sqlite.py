"""The embedded default library: one SQLite file.

WAL journal and a busy timeout let several processes add at once; writes take
the write lock up front (``BEGIN IMMEDIATE``) so two writers never dead-lock on
a lock upgrade, and each write is one transaction, so Ctrl-C or a crash leaves
the file as it was before or after, never between.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path
from time import time
from typing import Any

from coprodcite.errors import NotFound, StorageError
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
from coprodcite.library.schema import MIGRATIONS
from coprodcite.library.tags import TagStore
from coprodcite.model import Record

BUSY_TIMEOUT_MS = 60_000
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
    ) -> None:
        self.location = str(path)
        self.render_cache_size = render_cache_size
        self.key_pattern = check_key_pattern(key_pattern or DEFAULT_KEY_PATTERN)
        # signature -> record id, kept while save_many runs (see _duplicate_of)
        self._signatures: dict[tuple[str, int | None, str], int] | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(
                path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            self._db.row_factory = sqlite3.Row
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StorageError(
                f"cannot open library {path}: {exc}",
                hint="check the path, or give another with --library",
            ) from exc

    # -- transactions -------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, rolled back on any exception (Ctrl-C included).
        Inside another (save_many), it is part of that one."""
        if self._db.in_transaction:
            yield self._db
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StorageError(f"cannot write to library {self.location}: {exc}") from exc
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        try:
            self._db.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._db.execute("ROLLBACK")
            raise StorageError(f"cannot write to library {self.location}: {exc}") from exc

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
        with self._write() as db:
            # Re-read inside the lock: another process may have migrated meanwhile.
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in _statements(script):
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {number}")
            link_unlinked(db, _now())

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

    def find(self, ref: str) -> Record | None:
        row = self._db.execute("SELECT * FROM records WHERE key = ?", (ref,)).fetchone()
        if row is None:
            dois = find_dois(ref)
            if len(dois) == 1:
                row = self._db.execute("SELECT * FROM records WHERE doi = ?", (dois[0],)).fetchone()
        return self._row_to_record(row) if row else None

    def get(self, ref: str) -> Record:
        record = self.find(ref)
        if record is None:
            raise NotFound(
                f"no record {ref!r} in library {self.location}",
                hint="see `coprodcite list` for keys, or add it with `coprodcite add`",
            )
        return record

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

    def _duplicate_of(self, record: Record) -> sqlite3.Row | None:
        """The stored row for the same work: same DOI; otherwise the same folded
        title, year and first creator, unless both have DOIs (then they differ)."""
        if record.doi:
            row = self._db.execute("SELECT * FROM records WHERE doi = ?", (record.doi,)).fetchone()
            if row is not None:
                return row
        wanted = signature(record)
        if not wanted[0]:
            return None
        if self._signatures is not None:
            ids = [self._signatures.get(wanted)]
            rows = [self._db.execute("SELECT * FROM records WHERE id = ?", ids).fetchone()]
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
        with self._write() as db:
            existing = self._duplicate_of(record)
            if existing is not None and not refresh:
                return SaveResult("exists", self._row_to_record(existing))
            now = _now()
            values = _record_values(record)
            # people are linked here, never taken from what arrives
            incoming = [replace(c, person_id=None) for c in record.contributors]
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
                contributors, moved = incoming, {}
            linked = write_contributors(db, record_id, contributors, now, moved)
            stored = record.copy_with(id=record_id, key=key, contributors=linked)
        return SaveResult(outcome, stored)  # type: ignore[arg-type]

    def save_many(self, records: list[Record], *, merge: bool = False) -> list[SaveResult]:
        results: list[SaveResult] = []
        with self._write():
            self._signatures = {signature(r): r.id for r in self.records()}  # type: ignore[misc]
            try:
                for record in records:
                    result = self.save(record)
                    if result.outcome == "exists" and merge:
                        result = self._merge(result.record, record)
                    elif result.outcome == "added":
                        self._signatures[signature(result.record)] = result.record.id  # type: ignore[assignment]
                    results.append(result)
            except sqlite3.DatabaseError as exc:
                raise StorageError(f"cannot write to library {self.location}: {exc}") from exc
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
        # Recency only orders pruning: a library that cannot be written still reads.
        with suppress(sqlite3.DatabaseError):
            self._db.execute("UPDATE render_cache SET used_at = ? WHERE key = ?", (time(), key))
        return CachedRender(json.loads(row["entries"]), json.loads(row["warnings"]))

    def store_render(self, key: str, entries: list[str], warnings: Sequence[str] = ()) -> None:
        with self._write() as db:
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


def _record_values(record: Record) -> tuple[Any, ...]:
    from coprodcite.markup import plain_text

    return (
        record.doi,
        record.type,
        plain_text(record.title),
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
