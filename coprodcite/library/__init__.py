"""Storage behind one interface.

Services talk to a :class:`Library`; every SQL statement lives in this package.
SQLite (:mod:`coprodcite.library.sqlite`) keeps a library in one file; PostgreSQL
(:mod:`coprodcite.library.postgres`) keeps one a team shares. Both share their SQL
(:mod:`coprodcite.library.sql`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from coprodcite.library.history import HistoryEntry as HistoryEntry
from coprodcite.library.kept import KeptExport as KeptExport
from coprodcite.model import Contributor, Person, Record, RoleAssignment

Outcome = Literal["added", "exists", "updated", "merged"]


@dataclass(frozen=True)
class CachedRender:
    """A render kept in the library: its entries and the warnings it gave."""

    entries: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    record: Record  # as stored, with its key and id


@dataclass(frozen=True)
class Contribution:
    """One contributor of one record; ``position`` counts from 1, as shown to users."""

    record_key: str
    position: int
    contributor: Contributor


@dataclass(frozen=True)
class PersonEntry:
    person: Person
    contributions: list[Contribution]


@dataclass(frozen=True)
class Listed:
    """What ``list`` shows of a record, read without loading the record itself."""

    key: str
    year: int | None
    first_author: str  # family name (with its particle), or an organisation's name
    more_authors: bool  # other authors follow (editors stand in for a work without authors)
    title: str  # plain text
    doi: str | None


@dataclass(frozen=True)
class Forgotten:
    """What ``forget_person`` erased."""

    person_id: int
    roles: list[RoleAssignment]
    notes: bool
    preferred_name: dict[str, str] | None


class Library(Protocol):
    """What services need from a library. Every write is one transaction."""

    location: str

    def save(self, record: Record, *, refresh: bool = False) -> SaveResult:
        """Add ``record``; if its DOI (or, without one, its title, year and first
        author) is already there, change nothing unless ``refresh``."""
        ...

    def save_many(self, records: list[Record], *, merge: bool = False) -> list[SaveResult]:
        """Save ``records`` in ONE transaction (all or nothing). A record already there
        is left as it is ("exists"), or with ``merge`` gets the fields it lacks
        ("merged"). Keys the records bring are kept when free, else suffixed."""
        ...

    def transaction(self) -> AbstractContextManager[None]:
        """One write transaction around several calls (each of which is otherwise one
        of its own): all of their changes are kept, or none."""
        ...

    def get(self, ref: str) -> Record:
        """The record with citation key or DOI ``ref``; NotFound otherwise."""
        ...

    def find(self, ref: str) -> Record | None: ...

    def records(self, *, refs: list[str] | None = None, with_source: bool = False) -> list[Record]:
        """All records (ordered by key), or those named by key or DOI, in that order.
        Listing the whole library leaves out the raw source JSON unless ``with_source``."""
        ...

    def listing(self) -> list[Listed]:
        """Key, year, first author, title and DOI of every record, ordered by key."""
        ...

    def remove(self, ref: str) -> Record: ...

    def count(self) -> int: ...

    # -- people (see coprodcite.library.people for the rules) ---------------------

    def people(self, ids: list[int] | None = None) -> list[PersonEntry]:
        """People with their contributions, by id; NotFound for an unknown id."""
        ...

    def preferred_names(self) -> dict[int, dict[str, str]]:
        """The preferred name (CSL name parts) of every person who has one."""
        ...

    def merge_people(self, ids: list[int]) -> PersonEntry:
        """Link the contributions of ``ids`` to the first of them, which keeps its
        roles, notes and name (else takes the others'); the others are gone."""
        ...

    def split_person(
        self, person_id: int, contributions: list[tuple[str, int | None]]
    ) -> PersonEntry:
        """Move the named contributions (record key, position or None for all of the
        person's on that record) to a new person."""
        ...

    def rename_person(self, person_id: int, name: dict[str, str] | None) -> PersonEntry: ...

    def set_notes(self, person_id: int, notes: str | None) -> PersonEntry: ...

    def add_role(self, assignment: RoleAssignment) -> RoleAssignment:
        """Give a role to a person, or to their contribution on one record; adding it
        again sets its public flag to the new one."""
        ...

    def remove_role(self, assignment: RoleAssignment) -> RoleAssignment: ...

    def roles(
        self, *, person_ids: list[int] | None = None, record_key: str | None = None
    ) -> list[RoleAssignment]:
        """Roles of these people (theirs and their contributions'), or of the
        contributions to one record and the people who made them."""
        ...

    def forget_person(self, person_id: int) -> Forgotten: ...

    def add_contributor(
        self,
        ref: str,
        contributor: Contributor,
        position: int | None,
        roles: Sequence[tuple[str, bool]] = (),
    ) -> Record:
        """Insert a contributor (marked added by the user) at ``position`` (from 1;
        None: last), with ``roles`` (role id, public) on that contribution."""
        ...

    def remove_contributor(self, ref: str, position: int) -> Contributor:
        """Remove a contributor the user added; those from the source stay."""

    def generation(self) -> int:
        """A number that changes whenever records, contributors, people or roles do
        (never for the render cache): equal numbers mean the same references."""
        ...

    def cached_render(self, key: str) -> CachedRender | None:
        """The render stored under ``key`` (marking it recently used), or None."""
        ...

    def store_render(self, key: str, entries: list[str], warnings: Sequence[str] = ()) -> None:
        """Keep a render under ``key``, dropping the least recently used renders beyond
        the library's limit. Raises StorageError at once when the library cannot be
        written (a full disk, read-only) or another process is writing to it: a cache
        is never worth waiting for."""
        ...

    # -- tags and search (see coprodcite.library.tags) ----------------------------------

    def tag(self, refs: list[str], tag: str) -> list[str]:
        """Put the records named by key or DOI under ``tag`` (all or none); the keys
        that did not have it."""
        ...

    def untag(self, refs: list[str], tag: str) -> list[str]: ...

    def tags(self) -> list[tuple[str, int]]:
        """Every tag and how many records it holds, by name."""
        ...

    def record_tags(self, key: str) -> list[str]: ...

    def select(
        self,
        *,
        tag: str | None = None,
        query: str | None = None,
        sort: str = "key",
        limit: int | None = None,
    ) -> list[str]:
        """Keys of the records under ``tag`` matching the full-text ``query`` (all when
        neither is given), ordered by ``sort`` (key, year, author, added), at most
        ``limit``."""
        ...

    # -- kept exports (see coprodcite.library.kept and coprodcite.services.kept) -------

    def kept_exports(self) -> list[KeptExport]: ...

    def keep_export(
        self, path: str, fmt: str, selection: dict[str, Any], options: dict[str, Any]
    ) -> KeptExport: ...

    def forget_export(self, path: str) -> KeptExport: ...

    def export_parts(self, export_id: int, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Key -> the text of its entry in the export (all, or those of ``keys``)."""
        ...

    def export_part_sizes(self, export_id: int) -> dict[str, int]: ...

    def changed_since(self, generation: int) -> set[str]:
        """Keys of the records changed since the library's ``generation``."""
        ...

    def export_written(
        self,
        export_id: int,
        *,
        generation: int,
        written: bool,
        digest: str | None = None,
        parts: Iterable[tuple[str, str]] = (),
        dropped: Iterable[str] = (),
        whole: bool = False,
        file: tuple[int, int] | None = None,
    ) -> None: ...

    def update(self, ref: str, change: Callable[[Record], Record]) -> SaveResult:
        """Save ``change`` applied to the record ``ref`` as it is now, read and written in
        one transaction. (``save(record, refresh=True)`` of a record read earlier is
        refused with StaleRecord if another client changed it since: see Record.version.)"""
        ...

    def history(
        self, key: str | None = None, *, since: str | None = None, user: str | None = None
    ) -> list[HistoryEntry]:
        """Changes (who, when, what), oldest first: of one record, since a date, by a user."""
        ...

    def close(self) -> None: ...


def open_library(
    path: str | Path,
    *,
    key_pattern: str | None = None,
    create: bool = True,
    lock_timeout: float | None = None,
    user: str | None = None,
    private_store: Path | None = None,
) -> Library:
    """Open (with ``create``, creating if needed; always migrating) the library at
    ``path``, a file or a PostgreSQL URL (``postgresql://...``, or libpq's
    ``host=... dbname=...``); new records get keys from ``key_pattern`` (see
    :mod:`coprodcite.library.keys`). A write waits up to ``lock_timeout`` seconds
    (default 60) for another process's write before it gives up. ``user`` is who
    makes the changes, for the library's history. On a PostgreSQL library, private
    roles and notes go to the file ``private_store`` on this machine (refused without
    one); a file library keeps them itself."""
    from coprodcite.library.pg_connect import is_postgres
    from coprodcite.library.sqlite_open import LOCK_TIMEOUT

    if is_postgres(path):
        from coprodcite.library.postgres import PostgresLibrary

        return PostgresLibrary(
            str(path),
            key_pattern=key_pattern,
            create=create,
            lock_timeout=LOCK_TIMEOUT if lock_timeout is None else lock_timeout,
            user=user,
            private_store=private_store,
        )
    from coprodcite.library.sqlite import SqliteLibrary

    return SqliteLibrary(
        Path(path),
        key_pattern=key_pattern,
        create=create,
        lock_timeout=LOCK_TIMEOUT if lock_timeout is None else lock_timeout,
        user=user,
    )
