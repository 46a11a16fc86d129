"""What the SQLite and PostgreSQL libraries share: reading and writing records, the
render cache, and (through the mixins) people, tags and kept exports. The SQL is
written once, in SQLite's dialect; on PostgreSQL :mod:`.pg_connect` translates the few
constructs that differ. A backend gives the connection (``_db``), its write
transaction (``_write``) and its migrations.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext, suppress
from datetime import datetime, timezone
from time import time
from typing import Any

from coprodcite.errors import InvalidInput, NotFound, StaleRecord, StorageError
from coprodcite.identifiers import find_dois
from coprodcite.library import CachedRender, Listed, SaveResult
from coprodcite.library.history import HistoryStore, field_changes
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
    remove_orphans,
    row_to_contributor,
    write_contributors,
)
from coprodcite.library.people_store import PeopleStore
from coprodcite.library.same_work import same_doi_same_work
from coprodcite.library.tags import TagStore
from coprodcite.model import Record

Row = Any  # sqlite3.Row, or pg_connect.Row: read by column name or index

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


class SqlLibrary(PeopleStore, TagStore, KeptStore, HistoryStore):
    """The Library protocol over a SQL connection; subclasses open it."""

    location: str
    key_pattern: str
    render_cache_size: int
    lock_timeout: float
    _signatures: dict[tuple[str, int | None, str], int] | None
    _db: Any  # sqlite3.Connection, or pg_connect.PgConnection
    # (wait=True, references=True): one write transaction, see SqliteLibrary._write
    _write: Callable[..., AbstractContextManager[Any]]  # type: ignore[assignment]

    #: a library on a server (PostgreSQL), which keeps nothing private
    on_server = False
    #: set when the library's schema is newer than this client's: it reads, never writes
    _newer: StorageError | None = None

    def _too_old(self, version: int, known: int) -> bool:
        """Whether this client is older than the library's schema ``version``; if so,
        every write is refused from now on, saying to upgrade."""
        if version > known:
            self._newer = StorageError(
                f"library {self.location} has schema version {version}, newer than this"
                f" coprodcite understands ({known}): it can read the library, not change it",
                hint="upgrade coprodcite",
            )
        return version > known

    def _writable(self) -> None:
        if self._newer is not None:
            raise StorageError(self._newer.message, hint=self._newer.hint)

    def _settings(
        self,
        location: str,
        key_pattern: str | None,
        render_cache_size: int,
        lock_timeout: float,
        user: str | None,
    ) -> None:
        self.location = location
        self.user = user or "unknown"  # who changes it, for its history
        self.render_cache_size = render_cache_size
        self.key_pattern = check_key_pattern(key_pattern or DEFAULT_KEY_PATTERN)
        self.lock_timeout = lock_timeout
        # kept while save_many runs, so that most records need no query to find a
        # duplicate or a free key: signature -> record id (see _duplicate_of), the
        # DOIs and the keys stored
        self._signatures = None
        self._dois: set[str] | None = None
        self._keys: set[str] | None = None
        self._people: list[int] | None = None  # the next new person's id (see people._link)

    # -- reading ------------------------------------------------------------

    def _row_to_record(self, row: Row, people: list[Row] | None = None) -> Record:
        if people is None:
            people = self._db.execute(
                "SELECT * FROM contributors WHERE record_id = ? ORDER BY position", (row["id"],)
            ).fetchall()
        # Row: `in` looks at values, so the keys must be asked for
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
            version=row["version"] if "version" in row.keys() else None,  # noqa: SIM118
        )

    def _rows_for(self, ref: str) -> list[Row]:
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
        people: dict[int, list[Row]] = {row["id"]: [] for row in rows}
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

    def _duplicate_of(self, record: Record, wanted: tuple[str, int | None, str]) -> Row | None:
        """The stored row for the same work: same DOI and titles that agree (or one
        side has no title, or both are the DOI's registered metadata: see
        :mod:`.same_work`); otherwise the same folded title,
        year and first creator, unless both have DOIs (then they differ)."""
        if record.doi and (self._dois is None or record.doi in self._dois):
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
                "SELECT * FROM records WHERE year IS ? AND (doi IS NULL OR ?)",
                (record.year, record.doi is None),
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
            existing = self._read_at(record) or self._duplicate_of(record, wanted)
            if existing is not None and not refresh:
                return SaveResult("exists", self._row_to_record(existing))
            now = _now()
            values = _record_values(record)
            # people are linked here, never taken from what arrives
            incoming = [c.with_person(None) for c in record.contributors]
            if existing is not None:
                db.execute(
                    "UPDATE records SET doi=?, type=?, title=?, year=?, fields=?, source=?,"
                    " source_data=?, fetched_at=?, provenance=COALESCE(?, provenance),"
                    " updated_at=?, version = version + 1 WHERE id=?",
                    (*values, now, existing["id"]),
                )
                record_id, key, outcome = existing["id"], existing["key"], "updated"
                before = self._row_to_record(existing)
                contributors, moved = carry_over(before.contributors, incoming)
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
            linked = write_contributors(db, record_id, contributors, now, moved, self._people)
            if self._dois is not None and record.doi:
                self._dois.add(record.doi)
            version = 1 if existing is None else existing["version"] + 1
            stored = record.copy_with(id=record_id, key=key, contributors=linked, version=version)
            if outcome == "added":
                self._log(db, "added", key, {"title": stored.title})
            elif changes := field_changes(before, stored):
                self._log(db, "updated", key, changes)
        return SaveResult(outcome, stored)  # type: ignore[arg-type]

    def _read_at(self, record: Record) -> Row | None:
        """The stored row of a record read from this library (it has an id and a
        version), if that version is still the stored one; else StaleRecord, naming it."""
        if record.id is None or record.version is None:
            return None
        row = self._db.execute("SELECT * FROM records WHERE id = ?", (record.id,)).fetchone()
        if row is not None and row["key"] != record.key:
            row = None  # the id is another record's now
        if row is not None and row["version"] == record.version:
            return row  # type: ignore[no-any-return]
        name = record.key or record.title or f"#{record.id}"
        now = None if row is None else row["version"]
        what = "removed" if now is None else f"changed (version {record.version} -> {now})"
        raise StaleRecord(
            f"record {name} was {what} by another client since it was read;"
            " nothing was written over that change",
            hint=f"see `coprodcite history {name}`, then make your change again",
        )

    def update(self, ref: str, change: Callable[[Record], Record]) -> SaveResult:
        """Save ``change`` of the record ``ref`` as it is now: read and written in one
        write transaction, so no other client's change can come in between."""
        with self._write():
            return self.save(change(self.get(ref)), refresh=True)

    def save_many(self, records: list[Record], *, merge: bool = False) -> list[SaveResult]:
        results: list[SaveResult] = []
        with self._write() as db, self._pipelined():
            stored = self.records()
            self._signatures = {signature(r): r.id for r in stored}  # type: ignore[misc]
            self._dois = {r.doi for r in stored if r.doi}
            self._keys = {str(r.key) for r in stored}
            self._history, self._people = [], [0]
            try:
                for record in records:
                    wanted = signature(record)
                    result = self._save(record, False, wanted)
                    if result.outcome == "exists" and merge:
                        result = self._merge(result.record, record)
                    elif result.outcome == "added":
                        self._signatures[wanted] = result.record.id  # type: ignore[assignment,index]
                    results.append(result)
                self._write_history(db)
            finally:
                self._signatures = self._dois = self._keys = self._history = None
                self._people = None
        return results

    def _pipelined(self) -> AbstractContextManager[Any]:
        """Where a backend can send many statements without waiting for each."""
        return nullcontext()

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
            if self._keys is not None:
                return key in self._keys
            return (
                self._db.execute("SELECT 1 FROM records WHERE key = ?", (key,)).fetchone()
                is not None
            )

        key = unique_key(wanted, taken)
        if self._keys is not None:
            self._keys.add(key)
        return key

    def remove(self, ref: str) -> Record:
        with self._write() as db:
            record = self.get(ref)
            db.execute("DELETE FROM records WHERE id = ?", (record.id,))
            self._log(db, "removed", str(record.key), {"title": record.title})
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
