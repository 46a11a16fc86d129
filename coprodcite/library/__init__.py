"""Storage behind one interface.

Services talk to a :class:`Library`; every SQL statement lives in this package.
Today the only backend is SQLite (:mod:`coprodcite.library.sqlite`); a PostgreSQL
backend for libraries shared by a team implements the same protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from coprodcite.model import Record

Outcome = Literal["added", "exists", "updated", "merged"]


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    record: Record  # as stored, with its key and id


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

    def get(self, ref: str) -> Record:
        """The record with citation key or DOI ``ref``; NotFound otherwise."""
        ...

    def find(self, ref: str) -> Record | None: ...

    def records(self, *, refs: list[str] | None = None, with_source: bool = False) -> list[Record]:
        """All records (ordered by key), or those named by key or DOI, in that order.
        Listing the whole library leaves out the raw source JSON unless ``with_source``."""
        ...

    def remove(self, ref: str) -> Record: ...

    def count(self) -> int: ...

    def close(self) -> None: ...


def open_library(path: str | Path, *, key_pattern: str | None = None) -> Library:
    """Open (creating and migrating if needed) the library at ``path``; new
    records get keys from ``key_pattern`` (see :mod:`coprodcite.library.keys`)."""
    from coprodcite.library.sqlite import SqliteLibrary

    return SqliteLibrary(Path(path), key_pattern=key_pattern)
