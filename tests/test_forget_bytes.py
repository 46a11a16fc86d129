"""`people forget` leaves no trace of what it erased in the library's bytes: not in
the file, its -wal or -shm, nor in cached renders (issue 17 item 7, issue 15 item 19).
All people here are invented."""

import json
import os
from pathlib import Path

import pytest

from tests.cli.people_fixtures import fill, ok, ok_json

PREFERRED = "Zenobiaqx-Quillbrook"  # a preferred name found nowhere else
NOTE = "invented-note-5e1d-private"


def library_bytes() -> bytes:
    path = Path(os.environ["COPRODCITE_LIBRARY"])
    parts = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


@pytest.fixture
def renamed_and_rendered():
    ada = fill()["Ada Quill"]
    ok("people", "rename", ada, f"{PREFERRED}, Ada")
    ok("people", "note", ada, NOTE)
    ok("people", "role", ada, "--add", "lived-experience-expert")
    for style in ("apa", "vancouver", "harvard-cite-them-right"):
        for fmt in ("text", "html"):
            ok("bib", "--style", style, "--format", fmt)
            ok("cite", "quill2024invented", "--style", style, "--format", fmt)
    ok("export", "--format", "csl-json")
    return ada


def test_the_preferred_name_is_in_cached_renders_before(renamed_and_rendered):
    """The test below means something: the name and note are in the file first."""
    data = library_bytes()
    assert data.count(PREFERRED.encode()) > 10  # people table and many renders
    assert NOTE.encode() in data


def test_forget_leaves_no_trace_in_the_files_bytes(renamed_and_rendered):
    result = ok_json("people", "forget", renamed_and_rendered)
    assert result["notes"] and result["preferred_name"]["family"] == PREFERRED
    data = library_bytes()
    assert PREFERRED.encode() not in data
    assert NOTE.encode() not in data
    assert b"lived-experience-expert" not in data
    # and rendering works on, with the name as published
    assert "Quill" in ok("bib", "--style", "apa").stdout


def test_people_show_keeps_notes_private_unless_asked(renamed_and_rendered):
    ada = renamed_and_rendered
    shown = ok("people", "show", ada)
    assert NOTE not in shown.stdout
    assert "notes not shown; --include-private shows them" in shown.stderr
    data = ok_json("people", "show", ada)
    assert data["notes"] is None and data["notes_hidden"] is True
    private = ok("people", "show", ada, "--include-private")
    assert f"notes: {NOTE}" in private.stdout
    assert (
        json.loads(ok("people", "show", ada, "--include-private", "--json").stdout)["notes"] == NOTE
    )


def test_setting_a_note_does_not_echo_it(renamed_and_rendered):
    result = ok("people", "note", renamed_and_rendered, "another invented note")
    assert "another invented note" not in result.stdout
