"""What only a PostgreSQL library does: its addresses, its one-line errors (naming the
server, never the password), migrating once when clients start together. (A schema
newer than the client: test_versions.py; nothing private on the server: test_private.py.)"""

import subprocess
import sys
import textwrap

import psycopg
import pytest

from coprodcite.errors import ExitCode, StorageError
from coprodcite.library import open_library
from coprodcite.library.pg_connect import describe, is_postgres, translate
from coprodcite.library.pg_schema import PG_SCHEMA_VERSION
from tests.cli.manuscript_fixtures import run


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("postgresql://u@h/db", True),
        ("postgres://h/db", True),
        ("host=/tmp dbname=lib", True),
        ("dbname=lib", True),
        ("lib.sqlite", False),
        ("/home/someone/postgres/lib.sqlite", False),
        ("my host=1.sqlite", False),
    ],
)
def test_which_locations_are_postgresql(location, expected):
    assert is_postgres(location) is expected


def test_the_address_shown_never_holds_the_password():
    assert describe("postgresql://ann:s3cret@db.example:5433/team") == (
        "postgresql://ann@db.example:5433/team"
    )
    assert "s3cret" not in describe("host=db.example dbname=team password=s3cret")


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT 1 FROM t WHERE a = ? AND b IS ?",
         "SELECT 1 FROM t WHERE a = %s AND b IS NOT DISTINCT FROM %s"),
        ("INSERT OR IGNORE INTO tags (name) VALUES (?)",
         "INSERT INTO tags (name) VALUES (%s) ON CONFLICT DO NOTHING RETURNING id"),
        ("INSERT OR REPLACE INTO render_cache (key, entries) VALUES (?, ?)",
         "INSERT INTO render_cache (key, entries) VALUES (%s, %s)"
         " ON CONFLICT (key) DO UPDATE SET entries = EXCLUDED.entries"),
        ("SELECT 'a%' LIKE ?", "SELECT 'a%%' LIKE %s"),
    ],
)  # fmt: skip
def test_the_dialect_translation(sql, expected):
    assert translate(sql)[0] == expected


def _fails(location, *words):
    with pytest.raises(StorageError) as caught:
        open_library(location)
    message = str(caught.value)
    assert "\n" not in message and all(w in message for w in words), message
    assert "s3cret" not in message + str(caught.value.hint)
    return message


def test_a_server_that_refuses_is_named(pg_server):
    _fails("postgresql://ann:s3cret@127.0.0.1:9/team", "127.0.0.1:9/team")


def test_a_missing_database_is_named(pg_server):
    _fails(pg_server.url("no_such_database"), "no_such_database", "does not exist")


def test_an_address_libpq_cannot_read_is_named():
    _fails("postgresql://ann:s3cret@host/db?bogus=1", "cannot read PostgreSQL address")


def test_a_role_without_rights_is_told_to_ask_for_them(pg_server):
    empty = pg_server.database(empty=True)
    pg_server._admin("DROP ROLE IF EXISTS coprodcite_reader")
    pg_server._admin("CREATE ROLE coprodcite_reader LOGIN")
    try:
        reader = psycopg.conninfo.make_conninfo(empty, user="coprodcite_reader")
        with pytest.raises(StorageError) as caught:
            open_library(reader)
        assert "permission denied" in str(caught.value)
        assert "grant" in str(caught.value.hint)
    finally:
        pg_server.drop(empty)
        pg_server._admin("DROP ROLE coprodcite_reader")


def test_the_command_line_exits_with_the_storage_code(pg_server):
    result = run("--library", "postgresql://ann:s3cret@127.0.0.1:9/team", "list")
    assert result.exit_code == ExitCode.STORAGE
    assert len(result.stderr.strip().splitlines()) == 1
    assert "s3cret" not in result.stderr and "127.0.0.1:9" in result.stderr


OPENER = textwrap.dedent(
    """
    import sys
    from coprodcite.library import open_library
    open_library(sys.argv[1]).close()
    """
)


def test_clients_starting_together_migrate_once(pg_server):
    empty = pg_server.database(empty=True)
    try:
        procs = [
            subprocess.Popen([sys.executable, "-c", OPENER, empty], stderr=subprocess.PIPE)
            for _ in range(4)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err.decode()
        with psycopg.connect(empty) as db:
            assert db.execute("SELECT version FROM schema_version").fetchall() == [
                (PG_SCHEMA_VERSION,)
            ]
    finally:
        pg_server.drop(empty)
