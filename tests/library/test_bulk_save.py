"""save_many writes a batch with a few statements, not several per record, and the
same rows on both backends (library_location runs each test on SQLite and PostgreSQL)."""

from coprodcite.library import open_library
from coprodcite.model import Contributor, Record
from tests.library.test_private import logged_database  # noqa: F401  (a fixture)

ORCID = "https://orcid.org/0000-0002-1825-0097"


def invented(n):
    """Invented works: three authors each, one ORCID shared by all, one DOI twice."""
    return [
        Record(
            type="article-journal",
            fields={
                "title": "An invented study twice" if n in (3, 4) else f"An invented study {n}",
                "issued": {"date-parts": [[2000 + n % 20]]},
                **({"DOI": "10.5555/invented-twice"} if n in (3, 4) else {}),
            },
            contributors=[
                Contributor(family=f"Invented{n}", given="Ada"),
                Contributor(family="Shared", given="Orcid", orcid=ORCID),
                Contributor(literal=f"Invented Group {n % 3}"),
            ],
        )
        for n in range(30)
    ]


def test_a_batch_is_saved_with_its_people_history_and_keys(library_location):
    lib = open_library(library_location, user="invented-importer")
    try:
        first = lib.save_many(invented(0)[:10])
        again = lib.save_many(invented(0), merge=True)
        assert [r.outcome for r in first] == ["added"] * 4 + ["exists"] + ["added"] * 5
        assert [r.outcome for r in again[:10]] == ["exists"] * 10
        assert {r.outcome for r in again[10:]} == {"added"}
        records = sorted(lib.records(), key=lambda r: r.id)
        assert len(records) == 29 and len({r.key for r in records}) == 29
        assert [len(r.contributors) for r in records] == [3] * 29
        shared = {r.contributors[1].person_id for r in records}
        assert len(shared) == 1  # one person by ORCID
        people = {c.person_id for r in records for c in r.contributors}
        assert people == set(range(1, len(people) + 1))  # ids as SQLite gives them
        history = lib.history()
        assert [(h.action, h.key) for h in history] == [("added", r.key) for r in records]
        assert {h.user for h in history} == {"invented-importer"}
    finally:
        lib.close()


def test_postgresql_saves_a_batch_in_a_few_statements(pg_server, logged_database):  # noqa: F811
    lib = open_library(logged_database)
    try:
        assert len(lib.save_many(invented(0))) == 30
    finally:
        lib.close()
    log = pg_server.log
    if log is None:  # a server given by COPRODCITE_TEST_POSTGRES: its log is not ours
        return
    with log.open(encoding="utf-8", errors="replace") as text:
        text.seek(logged_database.log_from)
        inserts = sum("INSERT INTO" in line for line in text)
    # 29 new records: one INSERT each for the record, its people and its contributors,
    # one for the history of all (it took 204, one per row)
    assert inserts <= 3 * 29 + 1, inserts
