"""history: every change says who, when and what, on SQLite and on PostgreSQL."""

import json

import pytest

from coprodcite.errors import ExitCode
from tests.cli.manuscript_fixtures import import_works, run


@pytest.fixture
def works(library_location, monkeypatch):
    monkeypatch.setenv("COPRODCITE_LIBRARY", library_location)
    monkeypatch.setenv("COPRODCITE_USER", "invented-editor")
    return import_works()


def history(*args):
    result = run("history", *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_adds_tags_and_removals_are_recorded(works, monkeypatch):
    assert {e["action"] for e in history()} == {"added"}
    assert {e["user"] for e in history()} == {"invented-editor"}
    monkeypatch.setenv("COPRODCITE_USER", "invented-author")
    assert run("tag", "tarn1999", "chapter 2").exit_code == 0
    assert run("remove", "quill2004").exit_code == 0
    found = history("--user", "invented-author")
    assert [(e["action"], e["key"]) for e in found] == [
        ("tagged", "tarn1999"),
        ("removed", "quill2004"),
    ]
    assert found[0]["changes"] == {"tag": "chapter 2"}
    assert [e["action"] for e in history("quill2004")] == ["added", "removed"]
    assert history("--since", "2999-01-01") == []
    plain = run("history", "tarn1999")
    assert plain.exit_code == 0 and "invented-author\ttagged\ttarn1999" in plain.stdout


def test_a_refresh_records_each_field_from_and_to(library_location):
    from coprodcite.library import open_library
    from coprodcite.model import Record

    lib = open_library(library_location, user="invented-editor")
    try:
        fields = {"title": "A title", "DOI": "10.5555/h1", "publisher": "Old Press"}
        lib.save(Record(type="book", fields=fields))
        lib.save(Record(type="book", fields={**fields, "publisher": "New Press"}), refresh=True)
        updated = lib.history(user="invented-editor")[-1]
        assert updated.action == "updated"
        assert updated.changes == {"publisher": ["Old Press", "New Press"]}
    finally:
        lib.close()


def test_a_bad_date_is_one_line(works):
    result = run("history", "--since", "yesterday")
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "not a date" in result.stderr and len(result.stderr.strip().splitlines()) == 1
