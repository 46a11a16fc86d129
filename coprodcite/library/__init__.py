"""Storage behind one interface.

Services talk to a :class:`Library`; every SQL statement lives in this package.
Today the only backend is SQLite (:mod:`coprodcite.library.sqlite`); a PostgreSQL
backend for libraries shared by a team implements the same protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Protocol

from coprodcite.model import Record

Outcome = Literal["added", "exists", "updated"]


@dataclass(frozen=True)
class CachedRender:
    """A render kept in the library: its entries and the warnings it gave."""

    entries: list[str]
    warnings: list[str] = field(default_factory=list)


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

    def cached_render(self, key: str) -> CachedRender | None:
        """The render stored under ``key`` (marking it recently used), or None."""
        ...

    def store_render(self, key: str, entries: list[str], warnings: Sequence[str] = ()) -> None:
        """Keep a render under ``key``, dropping the least recently used renders beyond
        the library's limit. Raises StorageError when the library cannot be written."""
        ...

    def close(self) -> None: ...


def open_library(path: str | Path) -> Library:
    """Open (creating and migrating if needed) the library at ``path``."""
    from coprodcite.library.sqlite import SqliteLibrary

    return SqliteLibrary(Path(path))
