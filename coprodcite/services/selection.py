"""Which records a command works on: keys given, or a tag and a full-text query; and
tagging (``tag``, ``untag``, ``tags``)."""

from __future__ import annotations

from dataclasses import dataclass

from coprodcite.errors import UsageError
from coprodcite.library import Library, Listed
from coprodcite.model import Record


@dataclass(frozen=True)
class Selection:
    """What ``--tag`` and ``--query`` ask for (both None: everything)."""

    tag: str | None = None
    query: str | None = None

    def __bool__(self) -> bool:
        return self.tag is not None or self.query is not None

    def describe(self) -> str:
        parts = [
            f"tagged {self.tag!r}" if self.tag else "",
            f"matching {self.query!r}" if self.query else "",
        ]
        return " and ".join(p for p in parts if p) or "in the library"


def selected(library: Library, refs: list[str] | None, selection: Selection) -> list[str] | None:
    """The keys a command works on: ``refs`` as given, the records the selection
    picks (by key), or None for the whole library. Keys and a selection together are
    a usage error."""
    if refs and selection:
        raise UsageError("give keys or --tag/--query, not both")
    if refs:
        return refs
    if selection:
        return library.select(tag=selection.tag, query=selection.query)
    return None


def listing(
    library: Library,
    selection: Selection = Selection(),
    *,
    sort: str = "key",
    limit: int | None = None,
    reverse: bool = False,
) -> list[Listed]:
    """What ``list`` shows: the selected records in ``sort`` order (reversed with
    ``reverse``: newest, last added first), at most ``limit``."""
    if not selection and sort == "key" and not reverse:
        everything = library.listing()
        return everything if limit is None else everything[: max(limit, 0)]
    keys = library.select(tag=selection.tag, query=selection.query, sort=sort)
    if reverse:
        keys.reverse()
    if limit is not None:
        keys = keys[: max(limit, 0)]
    wanted = set(keys)
    found = {row.key: row for row in library.listing() if row.key in wanted}
    return [found[key] for key in keys]


def records_in_order(
    library: Library, keys: list[str], *, with_source: bool = False
) -> list[Record]:
    """The records of ``keys``, in that order: read one by one when few, else all
    at once (two queries) and picked."""
    if len(keys) <= 200:
        return library.records(refs=keys) if keys else []
    by_key = {record.key: record for record in library.records(with_source=with_source)}
    return [by_key[key] for key in keys]


def tag(library: Library, refs: list[str], name: str) -> list[str]:
    """Put the works under tag ``name``; the keys that were not there yet."""
    return library.tag(refs, name)


def untag(library: Library, refs: list[str], name: str) -> list[str]:
    return library.untag(refs, name)


def tags(library: Library) -> list[tuple[str, int]]:
    return library.tags()
