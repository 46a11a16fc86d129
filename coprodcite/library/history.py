"""History: every change to a record says who made it, when, and what changed (added,
removed, each field from -> to, tagged, untagged). Kept in the library itself, on
SQLite as on PostgreSQL (the ``history`` table), written in the same transaction as
the change. People, roles and notes are not logged: they may be sensitive.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from coprodcite.model import Record

_INSERT_HISTORY = "INSERT INTO history (at, who, action, key, changes) VALUES (?, ?, ?, ?, ?)"


@dataclass(frozen=True)
class HistoryEntry:
    at: str  # ISO 8601, UTC
    user: str
    action: str  # added, updated, removed, tagged, untagged
    key: str
    changes: dict[str, Any] = field(default_factory=dict)  # field -> [from, to]; tag


def field_changes(old: Record, new: Record) -> dict[str, list[Any]]:
    """Each CSL field (and the names) that differ: field -> [from, to]."""
    out: dict[str, list[Any]] = {}
    for name in sorted(set(old.fields) | set(new.fields)):
        before, after = old.fields.get(name), new.fields.get(name)
        if before != after:
            out[name] = [before, after]
    names = [[c.to_csl() for c in r.contributors] for r in (old, new)]
    if names[0] != names[1]:
        out["contributors"] = names
    return out


class HistoryStore:
    """Mixed into :class:`~coprodcite.library.sql.SqlLibrary`."""

    _db: Any
    _write: Callable[..., AbstractContextManager[Any]]
    user: str
    #: entries kept while save_many runs, written together at its end (same transaction)
    _history: list[tuple[str, ...]] | None = None

    def _log(self, db: Any, action: str, key: str, changes: dict[str, Any]) -> None:
        entry = (_now(), self.user, action, key, json.dumps(changes, ensure_ascii=False))
        if self._history is not None:
            self._history.append(entry)
        else:
            db.execute(_INSERT_HISTORY, entry)

    def _write_history(self, db: Any) -> None:
        """The entries kept (see ``_history``), in the order they were made."""
        if self._history:
            db.executemany(_INSERT_HISTORY, self._history)
        self._history = [] if self._history is not None else None

    def history(
        self, key: str | None = None, *, since: str | None = None, user: str | None = None
    ) -> list[HistoryEntry]:
        """Changes, oldest first: of one record (by key), since an ISO date, by a user."""
        where, values = [], []
        for clause, value in (("key = ?", key), ("at >= ?", since), ("who = ?", user)):
            if value is not None:
                where.append(clause)
                values.append(value)
        sql = "SELECT at, who, action, key, changes FROM history"
        sql += f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._db.execute(sql + " ORDER BY id", values).fetchall()
        return [HistoryEntry(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
