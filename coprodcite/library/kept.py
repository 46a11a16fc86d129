"""Kept exports in the SQLite library: what each export holds, the text of each of its
entries, and which records changed since a generation (``record_stamps``, kept by
triggers). The rules, when and how an export is rewritten, are in
:mod:`coprodcite.services.kept`."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from coprodcite.errors import NotFound


@dataclass(frozen=True)
class KeptExport:
    id: int
    path: str
    format: str
    selection: dict[str, Any]  # refs (keys, or None for all), tag, query
    options: dict[str, Any]  # include_private
    generation: int
    digest: str | None
    written_at: str | None
    file_size: int | None = None  # the file as last written
    file_mtime: int | None = None


class KeptStore:
    """Mixed into :class:`~coprodcite.library.sqlite.SqliteLibrary`."""

    _db: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    location: str

    def kept_exports(self) -> list[KeptExport]:
        rows = self._db.execute("SELECT * FROM kept_exports ORDER BY path")
        return [_export(row) for row in rows]

    def keep_export(
        self, path: str, fmt: str, selection: dict[str, Any], options: dict[str, Any]
    ) -> KeptExport:
        """Register (or register again, from scratch) the export written to ``path``."""
        with self._write() as db:
            db.execute("DELETE FROM kept_exports WHERE path = ?", (path,))
            db.execute(
                "INSERT INTO kept_exports (path, format, selection, options, generation)"
                " VALUES (?, ?, ?, ?, -1)",
                (path, fmt, json.dumps(selection), json.dumps(options)),
            )
            row = db.execute("SELECT * FROM kept_exports WHERE path = ?", (path,)).fetchone()
        return _export(row)

    def forget_export(self, path: str) -> KeptExport:
        with self._write() as db:
            row = db.execute("SELECT * FROM kept_exports WHERE path = ?", (path,)).fetchone()
            if row is None:
                raise NotFound(
                    f"no kept export {path} in library {self.location}",
                    hint="see `coprodcite exports list`",
                )
            db.execute("DELETE FROM kept_exports WHERE id = ?", (row["id"],))
        return _export(row)

    def export_parts(self, export_id: int, keys: Iterable[str] | None = None) -> dict[str, str]:
        """Key -> the text of its entry, as last written (all, or those of ``keys``)."""
        cursor = self._db.cursor()
        cursor.row_factory = None  # plain tuples: thousands of rows
        sql = "SELECT key, text FROM kept_export_parts WHERE export_id = ?"
        if keys is None:
            return dict(cursor.execute(sql, (export_id,)).fetchall())
        out: dict[str, str] = {}
        for key in keys:
            out.update(cursor.execute(sql + " AND key = ?", (export_id, key)).fetchall())
        return out

    def export_part_sizes(self, export_id: int) -> dict[str, int]:
        """Key -> the size (UTF-8 bytes) of its entry's text."""
        cursor = self._db.cursor()
        cursor.row_factory = None
        sql = "SELECT key, size FROM kept_export_parts WHERE export_id = ?"
        return dict(cursor.execute(sql, (export_id,)).fetchall())

    def changed_since(self, generation: int) -> set[str]:
        """Keys of the records changed (themselves, their names, people or roles)
        after the library's ``generation``."""
        rows = self._db.execute(
            "SELECT r.key FROM record_stamps s JOIN records r ON r.id = s.record_id"
            " WHERE s.stamp > ?",
            (generation,),
        )
        return {row[0] for row in rows}

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
    ) -> None:
        """Record that the export is in step with ``generation``: its entries changed
        (``parts``) or gone (``dropped``); when the file was ``written``, the digest of
        its text (None: not worked out) and its ``file`` size and mtime; ``whole`` when
        it is written whole each time (its entries do not add up to it)."""
        with self._write() as db:
            if whole:
                row = db.execute(
                    "SELECT options FROM kept_exports WHERE id = ?", (export_id,)
                ).fetchone()
                options = {**json.loads(row[0]), "whole": True} if row else {"whole": True}
                db.execute(
                    "UPDATE kept_exports SET options = ? WHERE id = ?",
                    (json.dumps(options), export_id),
                )
                db.execute("DELETE FROM kept_export_parts WHERE export_id = ?", (export_id,))
            db.executemany(
                "DELETE FROM kept_export_parts WHERE export_id = ? AND key = ?",
                [(export_id, key) for key in dropped],
            )
            db.executemany(
                "INSERT OR REPLACE INTO kept_export_parts (export_id, key, text, size)"
                " VALUES (?, ?, ?, ?)",
                [(export_id, key, text, len(text.encode("utf-8"))) for key, text in parts],
            )
            db.execute(
                "UPDATE kept_exports SET generation = ? WHERE id = ?", (generation, export_id)
            )
            if written:
                size, mtime = file or (None, None)
                db.execute(
                    "UPDATE kept_exports SET digest = ?, written_at = ?, file_size = ?,"
                    " file_mtime = ? WHERE id = ?",
                    (digest, _now(), size, mtime, export_id),
                )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _export(row: sqlite3.Row) -> KeptExport:
    return KeptExport(
        id=row["id"],
        path=row["path"],
        format=row["format"],
        selection=json.loads(row["selection"]),
        options=json.loads(row["options"]),
        generation=row["generation"],
        digest=row["digest"],
        written_at=row["written_at"],
        file_size=row["file_size"],
        file_mtime=row["file_mtime"],
    )
