"""``history``: who changed what in the library, and when."""

from __future__ import annotations

from datetime import date

from coprodcite.errors import InvalidInput
from coprodcite.library import HistoryEntry, Library


def history(
    library: Library, key: str | None = None, *, since: str | None = None, user: str | None = None
) -> list[HistoryEntry]:
    """Changes, oldest first, to the record ``key`` (a record removed since included),
    on or after the date ``since`` (YYYY-MM-DD), by ``user``."""
    if since is not None:
        try:
            since = date.fromisoformat(since).isoformat()
        except ValueError:
            raise InvalidInput(
                f"not a date: {since!r}", hint="give --since as YYYY-MM-DD"
            ) from None
    return library.history(key, since=since, user=user)


def describe(entry: HistoryEntry) -> str:
    """What changed, in a few words: ``title: 'Old' -> 'New'``, ``tag 'x'``..."""
    if entry.action in ("tagged", "untagged"):
        return f"tag {entry.changes.get('tag')!r}"
    if entry.action in ("added", "removed"):
        return str(entry.changes.get("title", ""))
    return "; ".join(
        f"{name}: {_short(old)} -> {_short(new)}" for name, (old, new) in entry.changes.items()
    )


def _short(value: object) -> str:
    text = "(none)" if value is None else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
