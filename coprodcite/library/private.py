"""The local private store of a shared (PostgreSQL) library: the roles a person has not
consented to show (other than CRediT roles) and every note on a person stay on the
machine of whoever recorded them, in an owner-only SQLite file (``private.sqlite`` in
the user's data folder), keyed to the shared library and its person. Nothing in it
reaches the server, its logs or its history.

The file is made at the first private write; reading a store that does not exist
reads nothing (a read-only command creates no file).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from coprodcite.errors import StorageError
from coprodcite.library.sqlite_open import create_private
from coprodcite.model import RoleAssignment

_SCHEMA = """
CREATE TABLE IF NOT EXISTS private_roles (
    library     TEXT NOT NULL,              -- the shared library's address (no password)
    person_id   INTEGER NOT NULL,           -- its person (for a contribution: when recorded)
    role        TEXT NOT NULL,
    record_key  TEXT NOT NULL DEFAULT '',   -- a contribution's record, '' for the person
    position    INTEGER NOT NULL DEFAULT 0, -- its position (1-based) when recorded
    assigned_at TEXT,
    PRIMARY KEY (library, person_id, role, record_key, position)
);
CREATE TABLE IF NOT EXISTS private_notes (
    library   TEXT NOT NULL,
    person_id INTEGER NOT NULL,
    notes     TEXT NOT NULL,
    PRIMARY KEY (library, person_id)
);
"""


class PrivateStore:
    """The private layer of the library ``library`` (its address), in the file ``path``."""

    def __init__(self, path: Path, library: str) -> None:
        self.path = path
        self.library = library

    def _connect(self, *, write: bool) -> sqlite3.Connection | None:
        try:
            if not write and not self.path.is_file():
                return None
            if write:
                create_private(self.path)
            db = sqlite3.connect(self.path, isolation_level=None, timeout=30)
            db.execute("PRAGMA secure_delete = ON")  # a forgotten note leaves no trace
            if write:
                db.executescript(_SCHEMA)
            return db
        except (OSError, sqlite3.DatabaseError) as exc:
            raise StorageError(
                f"cannot use the private store {self.path}: {exc}",
                hint="check that folder, or set COPRODCITE_PRIVATE_STORE to another file",
            ) from exc

    def _read(self, sql: str, args: tuple[object, ...]) -> list[Any]:
        db = self._connect(write=False)
        if db is None:
            return []
        with closing(db):
            try:
                return db.execute(sql, args).fetchall()
            except sqlite3.OperationalError:  # made but never written: no tables yet
                return []

    def _write(self, *statements: tuple[str, tuple[object, ...]]) -> int:
        db = self._connect(write=True)
        assert db is not None
        changed = 0
        with closing(db):
            db.execute("BEGIN IMMEDIATE")
            for sql, args in statements:
                changed += db.execute(sql, args).rowcount
            db.execute("COMMIT")
        return changed

    # -- roles ------------------------------------------------------------------------

    def add_role(self, person_id: int, a: RoleAssignment) -> None:
        where = (self.library, person_id, a.role, a.record_key or "", a.position or 0)
        self._write(
            (
                "INSERT OR REPLACE INTO private_roles (library, person_id, role, record_key,"
                " position, assigned_at) VALUES (?, ?, ?, ?, ?, ?)",
                (*where, a.assigned_at),
            )
        )

    def remove_role(self, person_id: int, a: RoleAssignment) -> bool:
        if not self._read("SELECT 1 FROM private_roles WHERE library = ?", (self.library,)):
            return False
        return bool(
            self._write(
                (
                    "DELETE FROM private_roles WHERE library = ? AND person_id = ? AND role = ?"
                    " AND record_key = ? AND (? IS NULL OR position = ?)",
                    (self.library, person_id, a.role, a.record_key or "", a.position, a.position),
                )
            )
        )

    def roles(self) -> list[RoleAssignment]:
        """Every private role of this library (contributions' with the person they had
        when recorded: the caller finds who holds the contribution now)."""
        rows = self._read(
            "SELECT role, person_id, record_key, position, assigned_at FROM private_roles"
            " WHERE library = ? ORDER BY rowid",
            (self.library,),
        )
        return [
            RoleAssignment(
                role=str(role),
                person_id=int(person),
                record_key=str(key) or None,
                position=int(position) or None,
                public=False,
                assigned_at=None if at is None else str(at),
            )
            for role, person, key, position, at in rows
        ]

    # -- notes ------------------------------------------------------------------------

    def notes(self) -> dict[int, str]:
        rows = self._read(
            "SELECT person_id, notes FROM private_notes WHERE library = ?", (self.library,)
        )
        return {int(person): str(text) for person, text in rows}

    def set_notes(self, person_id: int, notes: str | None) -> None:
        if not notes and not self.path.is_file():
            return
        delete = (
            "DELETE FROM private_notes WHERE library = ? AND person_id = ?",
            (self.library, person_id),
        )
        insert = (
            "INSERT INTO private_notes (library, person_id, notes) VALUES (?, ?, ?)",
            (self.library, person_id, notes),
        )
        self._write(delete, *([insert] if notes else []))

    # -- people -----------------------------------------------------------------------

    def forget(self, person_id: int) -> None:
        """Erase the person's notes and roles (their contributions' included)."""
        if not self.path.is_file():
            return
        mine = (self.library, person_id)
        self._write(
            ("DELETE FROM private_notes WHERE library = ? AND person_id = ?", mine),
            ("DELETE FROM private_roles WHERE library = ? AND person_id = ?", mine),
        )

    def move(self, person_id: int, to: int | None, record_key: str) -> None:
        """The roles of ``person_id``'s contribution to ``record_key`` now ``to``'s (a
        split), or gone (``to`` None: the contributor was removed)."""
        if not self.path.is_file():
            return
        where = (self.library, person_id, record_key)
        update = (
            "UPDATE OR IGNORE private_roles SET person_id = ? WHERE library = ?"
            " AND person_id = ? AND record_key = ?",
            (to, *where),
        )
        delete = (
            "DELETE FROM private_roles WHERE library = ? AND person_id = ? AND record_key = ?",
            where,
        )
        self._write(*([update] if to is not None else []), delete)

    def prune(self, people: set[int]) -> None:
        """Forget the layer of every person the shared library no longer has."""
        gone = {
            int(p)
            for (p,) in self._read(
                "SELECT person_id FROM private_roles WHERE library = ? UNION"
                " SELECT person_id FROM private_notes WHERE library = ?",
                (self.library, self.library),
            )
        } - people
        for person in gone:
            self.forget(person)

    def merge(self, target: int, others: list[int], notes: str | None) -> None:
        """The roles of ``others`` now ``target``'s, and the merged notes."""
        if not self.path.is_file():
            return
        marks = ", ".join("?" * len(others))
        self._write(
            (
                f"UPDATE OR IGNORE private_roles SET person_id = ? WHERE library = ?"
                f" AND person_id IN ({marks})",
                (target, self.library, *others),
            ),
            (
                f"DELETE FROM private_roles WHERE library = ? AND person_id IN ({marks})",
                (self.library, *others),
            ),
            (
                f"DELETE FROM private_notes WHERE library = ? AND person_id IN (?, {marks})",
                (self.library, target, *others),
            ),
        )
        self.set_notes(target, notes)
