"""library copy SRC DEST: a whole library between a file and PostgreSQL, both ways;
counts per table verified; private roles and notes only ever into a private store;
nothing copied on failure."""

import json
import os
from pathlib import Path

import psycopg
import pytest

from coprodcite.errors import ExitCode
from coprodcite.library import open_library
from tests.cli.people_fixtures import BOOK, ok, ok_json, run

NOTE = "an invented private note for the copy"


@pytest.fixture
def filled(tmp_path, monkeypatch):
    """A file library with records, people, roles of every kind, a note, tags, a kept
    export and history."""
    path = tmp_path / "source.sqlite"
    monkeypatch.setenv("COPRODCITE_LIBRARY", str(path))
    ok("add", "--record", BOOK)
    ada = next(p["id"] for p in ok_json("people", "list") if p["name"] == "Ada Quill")
    ok("people", "role", ada, "--add", "lived-experience-expert")  # private
    ok("people", "role", ada, "--add", "peer-researcher", "--public")
    ok("people", "role", ada, "--add", "methodology", "--on", "quill2024invented")
    ok("people", "note", ada, NOTE)
    ok("tag", "quill2024invented", "chapter 1")
    ok("export", "-F", "bibtex", "-o", tmp_path / "kept.bib", "--keep")
    return path, ada


def tables(location):
    """Every table's rows (ids aside from the roles'), for comparing two libraries."""
    lib = open_library(location, private_store=Path(os.environ["COPRODCITE_PRIVATE_STORE"]))
    try:
        return {
            "records": sorted((r.key, json.dumps(r.fields, sort_keys=True)) for r in lib.records()),
            "people": sorted(
                (e.person.id, e.person.notes, len(e.contributions)) for e in lib.people()
            ),
            "roles": sorted((r.role, r.person_id, r.record_key, r.position) for r in lib.roles()),
            "tags": lib.record_tags("quill2024invented"),
            "kept": [k.path for k in lib.kept_exports()],
            "history": [(h.action, h.key, h.changes) for h in lib.history()],
        }
    finally:
        lib.close()


def server_text(url):
    with psycopg.connect(url) as db:
        names = [
            r[0] for r in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        return " ".join(str(row) for t in names for row in db.execute(f'SELECT * FROM "{t}"'))


def test_a_library_goes_to_postgresql_and_back_the_same(filled, pg_database, tmp_path):
    path, ada = filled
    before = tables(str(path))
    said = ok("library", "copy", path, pg_database).stdout
    assert "roles" in said and "1 to the private store" in said and "copied and verified" in said
    on_server = server_text(pg_database)
    assert NOTE not in on_server and "lived-experience-expert" not in on_server
    assert "peer-researcher" in on_server
    # the owner (this machine's private store) sees the same library on the server
    assert tables(pg_database) == before
    back = tmp_path / "back.sqlite"
    copied = ok_json("library", "copy", pg_database, back)
    by_table = {c["table"]: c for c in copied}
    assert by_table["roles"]["private"] == 1 and by_table["records"]["copied"] == 1
    assert all(c["copied"] == c["source"] + c["private"] for c in copied if c["table"] == "roles")
    assert tables(str(back)) == before
    # a copy is a library like any other: new rows get new ids
    ok("--library", pg_database, "tag", "quill2024invented", "chapter 2")
    ok("--library", str(back), "people", "role", ada, "--add", "carer")


def test_nothing_is_copied_into_a_library_that_is_not_empty(filled, tmp_path):
    path, _ = filled
    result = run("library", "copy", path, path)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is not empty" in result.stderr and len(result.stderr.splitlines()) == 1


def test_a_failed_copy_leaves_nothing_behind(filled, pg_database, tmp_path):
    from coprodcite.errors import InvalidInput
    from coprodcite.services.library_copy import copy

    path, _ = filled
    # no private store for the private role and the note: refused after every table
    # was written, so the whole transaction rolls back
    with pytest.raises(InvalidInput, match="is private"):
        copy(str(path), pg_database, private_store=None)
    lib = open_library(pg_database)
    try:
        assert lib.count() == 0 and lib.people() == [] and lib.history() == []
    finally:
        lib.close()
    assert NOTE not in server_text(pg_database)
    missing = run("library", "copy", tmp_path / "none.sqlite", tmp_path / "new.sqlite")
    assert missing.exit_code == ExitCode.STORAGE and "no library" in missing.stderr
    assert not (tmp_path / "new.sqlite").exists()
