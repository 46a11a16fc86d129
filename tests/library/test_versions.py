"""Versions: every update of a record raises its version; saving a record read at an
older version is refused naming it (never written over the other change); a client
older than the library's schema reads it but refuses to write. On both backends."""

import sqlite3

import pytest

from coprodcite.errors import StaleRecord, StorageError
from coprodcite.library import open_library
from coprodcite.model import Contributor, Record


def article(doi="10.5555/v1", title="An invented article", **fields):
    fields = {"title": title, "DOI": doi, "issued": {"date-parts": [[2024]]}, **fields}
    return Record(type="article-journal", fields=fields, contributors=[Contributor(family="Quill")])


@pytest.fixture
def two_clients(library_location):
    first = open_library(library_location, user="invented-one")
    second = open_library(library_location, user="invented-two")
    yield first, second
    first.close()
    second.close()


def test_each_update_raises_the_version(two_clients):
    lib, _ = two_clients
    added = lib.save(article()).record
    assert added.version == 1 and lib.get(added.key).version == 1
    updated = lib.save(added.copy_with(fields={**added.fields, "volume": "2"}), refresh=True)
    assert updated.outcome == "updated" and updated.record.version == 2
    assert lib.get(added.key).version == 2
    lib.add_contributor(added.key, Contributor(family="Tarn"), None)
    assert lib.get(added.key).version == 3
    assert lib.history(added.key)[-1].changes["contributors"][1][-1] == {"family": "Tarn"}


def test_a_stale_update_is_refused_naming_the_record(two_clients):
    one, two = two_clients
    key = one.save(article()).record.key
    read_by_one, read_by_two = one.get(key), two.get(key)
    two.save(read_by_two.copy_with(fields={**read_by_two.fields, "volume": "7"}), refresh=True)
    stale = read_by_one.copy_with(fields={**read_by_one.fields, "page": "1-9"})
    with pytest.raises(StaleRecord, match=rf"record {key} was changed \(version 1 -> 2\)"):
        one.save(stale, refresh=True)
    now = one.get(key)
    assert now.fields["volume"] == "7" and "page" not in now.fields  # two's change kept
    assert [e.user for e in one.history(key)] == ["invented-one", "invented-two"]
    two.remove(key)
    with pytest.raises(StaleRecord, match=f"record {key} was removed"):
        one.save(now, refresh=True)
    assert one.count() == 0


def test_update_reads_and_writes_in_one_transaction(two_clients):
    one, two = two_clients
    key = one.save(article()).record.key
    two.update(key, lambda r: r.copy_with(fields={**r.fields, "volume": "3"}))
    result = one.update(key, lambda r: r.copy_with(fields={**r.fields, "page": "4"}))
    assert result.record.version == 3
    assert {"volume": "3", "page": "4"}.items() <= one.get(key).fields.items()


def _newer_schema(location):
    if location.endswith(".sqlite"):
        db = sqlite3.connect(location)
        db.execute(f"PRAGMA user_version = {db.execute('PRAGMA user_version').fetchone()[0] + 1}")
        db.commit()
        db.close()
    else:
        import psycopg

        with psycopg.connect(location, autocommit=True) as db:
            db.execute("UPDATE schema_version SET version = version + 1")


def test_a_client_older_than_the_schema_reads_but_refuses_to_write(library_location):
    lib = open_library(library_location)
    key = lib.save(article()).record.key
    lib.close()
    _newer_schema(library_location)
    old = open_library(library_location)
    try:
        assert old.get(key).title == "An invented article" and old.count() == 1
        for write in (
            lambda: old.save(article(doi="10.5555/v2")),
            lambda: old.tag([key], "x"),
            lambda: old.remove(key),
        ):
            with pytest.raises(StorageError, match="newer than this coprodcite") as caught:
                write()
            assert caught.value.hint == "upgrade coprodcite"
        assert old.count() == 1
    finally:
        old.close()
