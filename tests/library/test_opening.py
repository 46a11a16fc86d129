"""Opening the library: owner-only files, no library made by a command that only
reads, and a write lock held elsewhere that a cache write does not wait for."""

import os
import sqlite3
import stat

import pytest

from coprodcite.errors import StorageError
from coprodcite.library import open_library


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def open_umask():
    """The most permissive umask: what is private must not rely on the user's."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_new_library_its_journal_files_and_new_folders_are_owner_only(tmp_path, open_umask):
    path = tmp_path / "made" / "for it" / "lib.sqlite"
    library = open_library(path)
    for name in ("lib.sqlite", "lib.sqlite-wal", "lib.sqlite-shm"):
        assert mode(path.parent / name) == 0o600, name
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700
    library.close()


def test_folders_that_were_there_keep_their_mode(tmp_path, open_umask):
    tmp_path.chmod(0o755)
    open_library(tmp_path / "lib.sqlite").close()
    assert mode(tmp_path) == 0o755


def test_without_create_a_missing_library_is_named_and_nothing_is_made(tmp_path):
    path = tmp_path / "no" / "such" / "folder" / "typo.sqlite"
    with pytest.raises(StorageError, match=r"no library at .*typo\.sqlite"):
        open_library(path, create=False)
    assert not (tmp_path / "no").exists()


def test_without_create_an_existing_library_opens(tmp_path):
    path = tmp_path / "lib.sqlite"
    open_library(path).close()
    assert open_library(path, create=False).count() == 0


@pytest.fixture
def held(tmp_path):
    """A library whose write lock another connection holds (as another process would)."""
    path = tmp_path / "lib.sqlite"
    library = open_library(path, lock_timeout=3600)  # a wait would be an hour
    library.store_render("k", ["cached entry"])
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE library_state SET generation = generation")
    yield library
    other.execute("ROLLBACK")
    other.close()
    library.close()


def test_a_cached_render_is_read_while_another_process_writes(held):
    assert held.cached_render("k").entries == ["cached entry"]


def test_storing_a_render_gives_up_at_once_while_another_process_writes(held):
    with pytest.raises(StorageError, match="another coprodcite process"):
        held.store_render("k2", ["new"])
    assert held.cached_render("k2") is None


def test_a_writer_gives_up_after_the_lock_timeout_saying_why(tmp_path):
    path = tmp_path / "lib.sqlite"
    open_library(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    library = open_library(path, lock_timeout=0.05)
    with pytest.raises(StorageError) as caught:
        library.remove("anything")
    assert "is busy: another coprodcite process has been writing" in str(caught.value)
    assert "retry" in str(caught.value)
    other.execute("ROLLBACK")
    assert library.count() == 0
