"""Opening the SQLite library file, and what its errors mean to a user.

The file holds personal data (roles, notes), so a new library and the folders made for
it are created owner-only (0600 and 0700); SQLite gives the ``-wal`` and ``-shm`` files
the database file's permissions. Only commands that add records create a library: the
others open an existing file or fail naming it.

On a full disk SQLite cannot create the ``-shm`` file a WAL library needs for reading.
When the ``-wal`` file is absent or empty, the main file holds every committed change,
so the library is then opened immutable (read-only, no ``-shm``): commands that only
read still work, and writing says the disk is full.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from coprodcite.errors import StorageError

#: How long a write waits for another process's write transaction by default.
LOCK_TIMEOUT = 60.0
_LOW_SPACE = 1024 * 1024  # bytes free under which an I/O error is taken for a full disk


def create_private(path: Path) -> None:
    """Create ``path`` (empty) and its missing folders, owner-only, unless it exists."""
    missing = [p for p in [path.parent, *path.parent.parents] if not p.exists()]
    for folder in reversed(missing):
        folder.mkdir(mode=0o700, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))


def connect(path: Path, *, lock_timeout: float, immutable: bool = False) -> sqlite3.Connection:
    """A connection to the existing file ``path`` (never creating it)."""
    uri = Path(os.path.abspath(path)).as_uri() + ("?immutable=1" if immutable else "?mode=rw")
    db = sqlite3.connect(
        uri,
        uri=True,
        timeout=lock_timeout,
        isolation_level=None,
        check_same_thread=False,
    )
    db.row_factory = sqlite3.Row
    db.execute(f"PRAGMA busy_timeout = {int(lock_timeout * 1000)}")
    if not immutable:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")
        # Deleted rows (a forgotten person's name, roles, notes) are overwritten with
        # zeros, not left in free pages of the file.
        db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def reader_on_full_disk(path: Path, *, lock_timeout: float) -> sqlite3.Connection | None:
    """An immutable connection when the disk is full and the main file is complete
    (no ``-wal`` with changes not yet copied into it); None otherwise."""
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        return None
    try:
        return connect(path, lock_timeout=lock_timeout, immutable=True)
    except sqlite3.DatabaseError:
        return None


def _code(exc: sqlite3.Error) -> str:
    """SQLite's error name (Python 3.11+), else one read from the message."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return str(name)
    text = str(exc).lower()
    for words, code in (
        ("database or disk is full", "SQLITE_FULL"),
        ("database is locked", "SQLITE_BUSY"),
        ("readonly database", "SQLITE_READONLY"),
        ("disk i/o error", "SQLITE_IOERR"),
    ):
        if words in text:
            return code
    return "SQLITE_ERROR"


def disk_full(exc: sqlite3.Error, path: Path) -> bool:
    """Whether ``exc`` came from a full disk under ``path``."""
    code = _code(exc)
    if code == "SQLITE_FULL":
        return True
    if not code.startswith("SQLITE_IOERR"):
        return False
    try:
        stat = os.statvfs(path.parent)
    except OSError:
        return False
    return stat.f_bavail * stat.f_frsize < _LOW_SPACE


def full_disk_error(path: Path) -> StorageError:
    return StorageError(
        f"the disk holding library {path} is full",
        hint="free some space and retry; the library is unchanged",
    )


def storage_error(exc: sqlite3.Error, path: Path, lock_timeout: float) -> StorageError:
    """The one-line error a user sees for ``exc`` from the library at ``path``."""
    code = _code(exc)
    if disk_full(exc, path):
        return full_disk_error(path)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StorageError(
            f"library {path} is busy: another coprodcite process has been writing to it"
            f" for {lock_timeout:g} s",
            hint="retry when it has finished (COPRODCITE_LOCK_TIMEOUT sets how long to wait)",
        )
    if code.startswith("SQLITE_READONLY"):
        return StorageError(
            f"library {path} cannot be written: {exc}",
            hint="check the permissions of the file and its folder",
        )
    if code.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return StorageError(
            f"cannot open library {path}: it is damaged or not a coprodcite library ({exc})",
            hint="give another with --library",
        )
    return StorageError(f"cannot use library {path}: {exc}", hint="check the path and the disk")
