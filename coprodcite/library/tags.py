"""Tags and full-text search: the Library protocol's ``tag``, ``untag``, ``tags`` and
``select`` for the SQLite library.

Search uses SQLite's FTS5 over each record's key, title, names, container, year and
DOI (accents folded: ``unicode61 remove_diacritics 2``). The index is kept lazily:
triggers only note which records changed (``search_stale``, a cheap insert per
change, so an import of thousands of records is not slowed), and a search first
brings those entries up to date, in one transaction. The FTS5 table is made at the
first search, so a SQLite without FTS5 can still open the library.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from coprodcite.errors import InvalidInput, NotFound, StorageError
from coprodcite.model import Record

SORTS = ("key", "year", "author", "added")
_COLUMNS = {"key": "key", "title": "title", "author": "names", "name": "names",
            "names": "names", "container": "container", "journal": "container",
            "year": "year", "doi": "doi"}  # fmt: skip
_INDEX = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "key, title, names, container, year, doi, tokenize = 'unicode61 remove_diacritics 2')"
)
_NAMES = (
    "SELECT group_concat(trim(coalesce(given, '') || ' ' || coalesce(non_dropping_particle, '')"
    " || ' ' || coalesce(family, '') || ' ' || coalesce(literal, '')), ' ')"
    " FROM contributors c WHERE c.record_id = r.id"
)
_ORDER = {
    "key": "r.key",
    "year": "r.year IS NULL, r.year, r.key",
    "added": "r.added_at, r.id",
    "author": "first IS NULL, first, r.year, r.key",
}
# the first author's (or else first contributor's) sortable name, for sort="author"
_FIRST = (
    "(SELECT lower(coalesce(non_dropping_particle || ' ', '') || coalesce(family,"
    " literal, given, '')) FROM contributors c WHERE c.record_id = r.id ORDER BY"
    " c.role <> 'author', c.position LIMIT 1)"
)
_TERM = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))')


def fts_query(query: str) -> str:
    """A user's query as an FTS5 query: words (each a prefix) and "quoted phrases" must
    all match, ``OR`` between two terms allows either, ``-word`` excludes, and
    ``title:``, ``author:``, ``container:``, ``year:``, ``key:``, ``doi:`` restrict a
    term to that field. InvalidInput for a query with nothing to search for."""
    parts: list[str] = []
    negative: list[str] = []
    for match in _TERM.finditer(query):
        minus, field, phrase, word = match.groups()
        if word == "OR" and parts and not field:
            parts.append("OR")
            continue
        column = _COLUMNS.get(field.lower()) if field else None
        if field and column is None:  # "10.1000/x:y", "note:" ... : the whole as a word
            word, phrase = match.group()[len(minus) :], None
        text = phrase if phrase is not None else word
        if not re.search(r"\w", text or ""):
            continue
        term = '"' + text.replace('"', '""') + '"' + ("" if phrase is not None else " *")
        if column:
            term = f"{{{column}}} : {term}"
        (negative if minus else parts).append(term)
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise InvalidInput(
            f"nothing to search for in {query!r}",
            hint='give words, "a phrase", or field:word (title, author, year, key, doi...)',
        )
    return " ".join(parts) + "".join(f" NOT {n}" for n in negative)


class TagStore:
    """Mixed into :class:`~coprodcite.library.sqlite.SqliteLibrary`."""

    _db: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    get: Callable[[str], Record]
    location: str
    _log: Callable[..., None]

    def tag(self, refs: list[str], tag: str) -> list[str]:
        """Put the records named by key or DOI under ``tag``; the keys newly tagged.
        All or nothing: an unknown key (NotFound) tags none."""
        name = check_tag(tag)
        with self._write() as db:
            records = [self.get(ref) for ref in refs]
            db.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            tag_id = db.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
            added = []
            for record in records:
                cursor = db.execute(
                    "INSERT OR IGNORE INTO record_tags (record_id, tag_id) VALUES (?, ?)",
                    (record.id, tag_id),
                )
                if cursor.rowcount:
                    added.append(str(record.key))
                    self._log(db, "tagged", str(record.key), {"tag": name})
        return added

    def untag(self, refs: list[str], tag: str) -> list[str]:
        """Take the records off ``tag``; the keys that had it. A tag left with no
        record is gone."""
        name = check_tag(tag)
        with self._write() as db:
            row = db.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()
            if row is None:
                raise NotFound(f"no tag {tag!r}", hint="see `coprodcite tags`")
            removed = []
            for record in [self.get(ref) for ref in refs]:
                cursor = db.execute(
                    "DELETE FROM record_tags WHERE record_id = ? AND tag_id = ?",
                    (record.id, row[0]),
                )
                if cursor.rowcount:
                    removed.append(str(record.key))
                    self._log(db, "untagged", str(record.key), {"tag": name})
            db.execute(
                "DELETE FROM tags WHERE id = ? AND NOT EXISTS"
                " (SELECT 1 FROM record_tags WHERE tag_id = ?)",
                (row[0], row[0]),
            )
        return removed

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with how many records it holds, by name."""
        rows = self._db.execute(
            "SELECT t.name, count(rt.record_id) FROM tags t"
            " LEFT JOIN record_tags rt ON rt.tag_id = t.id GROUP BY t.id ORDER BY t.name"
        )
        return [(name, n) for name, n in rows]

    def record_tags(self, key: str) -> list[str]:
        rows = self._db.execute(
            "SELECT t.name FROM tags t JOIN record_tags rt ON rt.tag_id = t.id"
            " JOIN records r ON r.id = rt.record_id WHERE r.key = ? ORDER BY t.name",
            (key,),
        )
        return [row[0] for row in rows]

    def select(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        sort: str = "key",
        limit: int | None = None,
    ) -> list[str]:
        """Keys of the records under ``tag`` and matching the full-text ``query``
        (all records when neither is given), ordered by ``sort`` (key, year, author:
        first author's family name, added: oldest first), at most ``limit``."""
        if sort not in _ORDER:
            raise InvalidInput(f"unknown sort {sort!r}", hint=f"use one of {', '.join(SORTS)}")
        where, values = [], []
        if tag is not None:
            name = check_tag(tag)
            if self._db.execute("SELECT 1 FROM tags WHERE name = ?", (name,)).fetchone() is None:
                raise NotFound(f"no tag {tag!r} in library {self.location}",
                               hint="see `coprodcite tags`")  # fmt: skip
            where.append(
                "r.id IN (SELECT rt.record_id FROM record_tags rt JOIN tags t"
                " ON t.id = rt.tag_id WHERE t.name = ?)"
            )
            values.append(name)
        if query is not None:
            clause, arguments = self._search_clause(query)
            where.append(clause)
            values.extend(arguments)
        sql = "SELECT r.key FROM records r"
        sql += f" WHERE {' AND '.join(where)}" if where else ""
        if sort == "author":  # ordered by a computed column: PostgreSQL needs a subquery
            sql = f"SELECT r.key FROM (SELECT r.key, r.year, {_FIRST} AS first{sql[12:]}) r"
        sql += f" ORDER BY {_ORDER[sort]}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples: a whole library's keys
        try:
            return [row[0] for row in cursor.execute(sql, values)]
        except sqlite3.OperationalError as exc:  # an FTS5 syntax error
            raise InvalidInput(f"cannot search for {query!r}: {exc}") from None

    def _search_clause(self, query: str) -> tuple[str, list[str]]:
        """The condition on ``r.id`` for records matching ``query``, with its arguments."""
        match = fts_query(query)
        self._update_index()
        return "r.id IN (SELECT rowid FROM search_index WHERE search_index MATCH ?)", [match]

    def _update_index(self) -> None:
        """Bring the stale entries of the search index up to date (made at first use)."""
        stale = self._db.execute("SELECT 1 FROM search_stale LIMIT 1").fetchone()
        exists = self._db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'search_index'"
        ).fetchone()
        if stale is None and exists is not None:
            return
        try:
            with self._write() as db:
                db.execute(_INDEX)
                db.execute(
                    "DELETE FROM search_index WHERE rowid IN (SELECT record_id FROM search_stale)"
                )
                db.execute(
                    "INSERT INTO search_index (rowid, key, title, names, container, year, doi)"
                    f" SELECT r.id, r.key, r.title, ({_NAMES}),"
                    " json_extract(r.fields, '$.\"container-title\"'), r.year, r.doi"
                    " FROM records r WHERE r.id IN (SELECT record_id FROM search_stale)"
                )
                db.execute("DELETE FROM search_stale")
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc).lower():
                raise StorageError(
                    "this Python's SQLite has no full-text search (FTS5)",
                    hint="use a Python built with FTS5 (python.org and Debian's are)",
                ) from None
            raise StorageError(
                f"cannot update the search index of {self.location}: {exc}"
            ) from None


def check_tag(tag: str) -> str:
    """A tag name as stored: trimmed; InvalidInput for an empty one or one with
    control characters."""
    name = " ".join(tag.split())
    if not name or any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in tag):
        raise InvalidInput(f"not a tag name: {tag!r}", hint="give a word or a few words")
    return name
