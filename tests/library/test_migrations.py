"""Migrations keep what a library holds while its schema changes (invented data)."""

import sqlite3

import pytest

from coprodcite.library import open_library
from coprodcite.library.schema import MIGRATIONS, SCHEMA_VERSION
from tests.library.test_same_work import BOOK_DOI, chapter


def _library_at_version(path, version):
    db = sqlite3.connect(path)
    for script in MIGRATIONS[:version]:
        db.executescript(script)
    db.execute(f"PRAGMA user_version = {version}")
    db.commit()
    return db


def test_a_library_with_a_unique_doi_is_migrated_keeping_everything(tmp_path):
    path = tmp_path / "old.sqlite"
    db = _library_at_version(path, 4)
    db.execute(
        "INSERT INTO records (id, key, doi, type, title, fields, added_at, updated_at)"
        " VALUES (7, 'quill2010raman', ?, 'chapter', 'Raman', '{\"title\": \"Raman\"}', 'x', 'x')",
        (BOOK_DOI,),
    )
    db.execute("INSERT INTO people (id, created) VALUES (3, 'x')")
    db.execute(
        "INSERT INTO contributors (record_id, position, role, family, person_id)"
        " VALUES (7, 0, 'author', 'Quill', 3)"
    )
    db.execute(
        "INSERT INTO roles (role, record_id, position, assigned_at)"
        " VALUES ('credit:methodology', 7, 0, 'x')"
    )
    db.commit()
    with pytest.raises(sqlite3.IntegrityError):  # before: one record per DOI
        db.execute(
            "INSERT INTO records (key, doi, type, fields, added_at, updated_at)"
            " VALUES ('b', ?, 'chapter', '{}', 'x', 'x')",
            (BOOK_DOI,),
        )
    db.close()
    library = open_library(path)
    stored = library.get("quill2010raman")
    assert stored.id == 7 and stored.contributors[0].person_id == 3
    assert [r.role for r in library.roles(record_key="quill2010raman")] == ["credit:methodology"]
    assert library.save(chapter("Phonons in invented wires", "Wren")).outcome == "added"
    before = library.generation()
    library.remove("quill2010raman")  # the rebuilt table keeps its triggers and cascades
    assert library.generation() > before
    assert library.roles(person_ids=[3]) == []
    library.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    check.close()


def test_credit_roles_stored_for_people_move_to_their_one_contribution(tmp_path):
    """Migration 6: a person-wide CRediT role moves to the person's contribution when
    there is exactly one; with several it stays (shown on no work)."""
    path = tmp_path / "old.sqlite"
    db = _library_at_version(path, 5)
    db.execute("INSERT INTO people (id, created) VALUES (1, 'x'), (2, 'x'), (3, 'x')")
    for record_id, key in ((7, "a2020"), (8, "b2021")):
        db.execute(
            "INSERT INTO records (id, key, type, fields, added_at, updated_at)"
            " VALUES (?, ?, 'book', '{}', 'x', 'x')",
            (record_id, key),
        )
    for record_id, position, person in ((7, 0, 1), (7, 1, 2), (8, 0, 2), (8, 1, 3)):
        db.execute(
            "INSERT INTO contributors (record_id, position, role, family, person_id)"
            " VALUES (?, ?, 'author', 'Invented', ?)",
            (record_id, position, person),
        )
    roles = [
        ("credit:methodology", 1),  # one contribution: moves to a2020:1
        ("credit:software", 2),  # two: stays with the person
        ("carer", 1),  # not CRediT: stays with the person
        ("credit:validation", 3),  # already on the contribution: not twice
    ]
    for role, person in roles:
        db.execute(
            "INSERT INTO roles (role, person_id, assigned_at) VALUES (?, ?, 'x')", (role, person)
        )
    db.execute(
        "INSERT INTO roles (role, record_id, position, assigned_at)"
        " VALUES ('credit:validation', 8, 1, 'x')"
    )
    db.commit()
    db.close()
    library = open_library(path)
    found = sorted((r.role, r.person_id, r.record_key, r.position) for r in library.roles())
    assert found == [
        ("carer", 1, None, None),
        ("credit:methodology", 1, "a2020", 1),
        ("credit:software", 2, None, None),
        ("credit:validation", 3, "b2021", 2),
    ]
    library.close()
