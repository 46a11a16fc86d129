"""``library copy``: a whole library into a new one, between backends."""

from __future__ import annotations

from pathlib import Path

from coprodcite.library import open_library
from coprodcite.library.pg_connect import is_postgres
from coprodcite.library.transfer import Copied, copy_library


def copy(
    source: str,
    destination: str,
    *,
    private_store: Path | None = None,
    user: str | None = None,
    lock_timeout: float | None = None,
) -> list[Copied]:
    """Copy the library at ``source`` (which must exist) into the new or empty library
    at ``destination``; per table, the rows in each (see
    :mod:`coprodcite.library.transfer`). A file made for the copy is removed again if
    the copy fails."""
    made = not is_postgres(destination) and not Path(destination).exists()
    src = open_library(source, create=False, private_store=private_store, lock_timeout=lock_timeout)
    try:
        dest = open_library(
            destination, private_store=private_store, user=user, lock_timeout=lock_timeout
        )
        try:
            return copy_library(src, dest)
        finally:
            dest.close()
    except BaseException:
        if made:
            for leftover in (destination, f"{destination}-wal", f"{destination}-shm"):
                Path(leftover).unlink(missing_ok=True)
        raise
    finally:
        src.close()
