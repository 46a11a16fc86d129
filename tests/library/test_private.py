"""The hard rule on a PostgreSQL library: a role without consent (other than a CRediT
role) and every note on a person stay in the local private store (an owner-only
SQLite file) of whoever recorded them; they never reach the server, its tables, its
log or the history. The owner sees them merged in; forgetting erases both layers."""

import stat

import psycopg
import pytest

from coprodcite.errors import InvalidInput
from coprodcite.library import open_library
from coprodcite.model import Contributor, Record, RoleAssignment
from tests.cli.people_fixtures import ok, ok_json

NOTE = "an invented private note about Ada Invented"
PRIVATE_ROLES = ("lived-experience-expert", "service-user", "carer")


def book():
    return Record(
        type="book",
        fields={"title": "An invented shared book", "issued": {"date-parts": [[2024]]}},
        contributors=[Contributor(family="Invented", given="Ada"), Contributor(family="Wren")],
    )


def server_text(url):
    """Every row of every table of the library's database, as text."""
    with psycopg.connect(url) as db:
        tables = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        names = [row[0] for row in tables.fetchall()]
        assert {"records", "people", "roles", "history"} <= set(names)
        return " ".join(str(row) for t in names for row in db.execute(f'SELECT * FROM "{t}"'))


@pytest.fixture
def logged_database(pg_server, pg_database):
    """The library's database with every statement written to the server's log."""
    with psycopg.connect(pg_server.admin, autocommit=True) as db:
        name = psycopg.conninfo.conninfo_to_dict(pg_database)["dbname"]
        db.execute(f"ALTER DATABASE \"{name}\" SET log_statement = 'all'")
    log = pg_server.log
    return Logged(pg_database, log.stat().st_size if log is not None and log.exists() else 0)


class Logged(str):
    """A database's address, and where its part of the server's log starts."""

    log_from: int

    def __new__(cls, url, log_from):
        made = super().__new__(cls, url)
        made.log_from = log_from
        return made


def test_private_roles_and_notes_stay_in_the_local_store(pg_server, logged_database, tmp_path):
    store = tmp_path / "data" / "private.sqlite"
    lib = open_library(logged_database, private_store=store, user="invented-editor")
    try:
        saved = lib.save(book()).record
        ada, wren = (c.person_id for c in saved.contributors)
        lib.add_role(RoleAssignment("lived-experience-expert", ada))
        lib.add_role(RoleAssignment("service-user", wren, saved.key))
        lib.add_contributor(saved.key, Contributor(family="Marsh"), 1, [("carer", False)])
        lib.add_role(RoleAssignment("credit:writing-original-draft", ada, saved.key))
        lib.add_role(RoleAssignment("peer-researcher", wren, public=True))  # consented
        lib.set_notes(ada, NOTE)
        # the owner sees both layers merged
        assert lib.people([ada])[0].person.notes == NOTE
        mine = {(r.role, r.record_key, r.position) for r in lib.roles()}
        assert {
            ("lived-experience-expert", None, None),
            ("service-user", saved.key, 3),  # Marsh came in before Wren
            ("carer", saved.key, 1),
            ("credit:writing-original-draft", saved.key, 2),
            ("peer-researcher", None, None),
        } == mine
        assert {r.role for r in lib.roles(record_key=saved.key)} >= {"service-user", "carer"}
    finally:
        lib.close()
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    on_server = server_text(logged_database)
    for private in (NOTE, *PRIVATE_ROLES):
        assert private not in on_server
    assert "peer-researcher" in on_server and "credit:writing-original-draft" in on_server
    if pg_server.log is not None:  # a server started by the tests: its log too
        log = pg_server.log.read_bytes()[logged_database.log_from :].decode(errors="replace")
        assert "INSERT INTO roles" in log  # statements are logged...
        secret = (NOTE, *PRIVATE_ROLES)
        assert [line for line in log.splitlines() if any(p in line for p in secret)] == []
    # another machine (another private store) sees only the shared layer
    other = open_library(logged_database, private_store=tmp_path / "other.sqlite")
    try:
        assert other.people([ada])[0].person.notes is None
        assert {r.role for r in other.roles()} == {
            "credit:writing-original-draft",
            "peer-researcher",
        }
    finally:
        other.close()


def test_consent_moves_a_role_between_layers_and_forget_erases_both(pg_database, tmp_path):
    store = tmp_path / "private.sqlite"
    lib = open_library(pg_database, private_store=store)
    try:
        ada = lib.save(book()).record.contributors[0].person_id
        lib.add_role(RoleAssignment("carer", ada, public=True))
        assert "carer" in server_text(pg_database)
        lib.add_role(RoleAssignment("carer", ada))  # consent withdrawn: off the server
        assert "carer" not in server_text(pg_database)
        assert [(r.role, r.public) for r in lib.roles(person_ids=[ada])] == [("carer", False)]
        lib.set_notes(ada, NOTE)
        forgotten = lib.forget_person(ada)
        assert [r.role for r in forgotten.roles] == ["carer"] and forgotten.notes
        assert lib.roles() == [] and lib.people([ada])[0].person.notes is None
    finally:
        lib.close()
    import sqlite3

    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM private_roles").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM private_notes").fetchone() == (0,)


def test_without_a_private_store_private_writes_are_refused(pg_database):
    lib = open_library(pg_database)
    try:
        ada = lib.save(book()).record.contributors[0].person_id
        for private in (
            lambda: lib.add_role(RoleAssignment("lived-experience-expert", ada)),
            lambda: lib.set_notes(ada, NOTE),
        ):
            with pytest.raises(InvalidInput, match="private"):
                private()
    finally:
        lib.close()
    assert NOTE not in server_text(pg_database)


def test_people_show_merges_the_local_layer_on_the_command_line(pg_database, tmp_path, monkeypatch):
    store = tmp_path / "cli" / "private.sqlite"
    monkeypatch.setenv("COPRODCITE_LIBRARY", pg_database)
    monkeypatch.setenv("COPRODCITE_PRIVATE_STORE", str(store))
    ok("add", "--record", "tests/fixtures/people/quill2024invented.csl.json")
    assert not store.exists()  # nothing private yet: no file
    ada = next(p["id"] for p in ok_json("people", "list") if p["name"] == "Ada Quill")
    ok("people", "role", ada, "--add", "lived-experience-expert")
    ok("people", "note", ada, NOTE)
    shown = ok_json("people", "show", ada, "--include-private")
    assert shown["notes"] == NOTE
    assert [r["role"] for r in shown["roles"]] == ["lived-experience-expert"]
    assert NOTE not in server_text(pg_database)
    assert "lived-experience-expert" not in server_text(pg_database)
    said = ok("people", "forget", ada).stdout
    assert "lived-experience expert" in said and "notes" in said
    assert ok_json("people", "show", ada, "--include-private")["roles"] == []
