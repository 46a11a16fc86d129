import sqlite3

import pytest

from coprodcite.errors import NotFound, StorageError
from coprodcite.library import open_library
from coprodcite.library.schema import SCHEMA_VERSION
from coprodcite.model import Contributor, Record


def article(
    doi="10.1093/bjsw/bcad019",
    title="Reflections on Making Co-production Work",
    family="Fillingham",
):
    fields = {"title": title, "issued": {"date-parts": [[2023, 5, 15]]}}
    if doi:
        fields["DOI"] = doi
    return Record(
        type="article-journal",
        fields=fields,
        source="crossref",
        source_data={"DOI": doi},
        fetched_at="2026-11-27T00:00:00+00:00",
        contributors=[
            Contributor(
                given="Joy",
                family=family,
                sequence="first",
                orcid="https://orcid.org/0000-0002-1825-0097",
                authenticated=True,
                affiliations=("Invented University",),
            ),
            Contributor(literal="The Invented Collective"),
            Contributor(role="editor", given="Ann", family="Example"),
        ],
    )


@pytest.fixture
def lib(library_location):
    library = open_library(library_location)
    yield library
    library.close()


def test_save_and_load_round_trip(lib):
    result = lib.save(article())
    assert result.outcome == "added"
    assert result.record.key == "fillingham2023reflections"
    loaded = lib.get("fillingham2023reflections")
    assert loaded.contributors == article().contributors
    assert loaded.fields == article().fields
    assert loaded.source_data == {"DOI": "10.1093/bjsw/bcad019"}
    assert loaded.fetched_at == "2026-11-27T00:00:00+00:00"
    assert lib.get("https://doi.org/10.1093/BJSW/BCAD019").key == loaded.key


def test_a_doi_is_stored_once_and_unchanged_without_refresh(lib):
    lib.save(article())
    again = lib.save(article(title="Changed title"))
    assert again.outcome == "exists"
    assert lib.count() == 1
    assert lib.get("10.1093/bjsw/bcad019").title == "Reflections on Making Co-production Work"
    refreshed = lib.save(article(title="Changed title"), refresh=True)
    assert refreshed.outcome == "updated"
    assert refreshed.record.key == "fillingham2023reflections"  # keys are stable
    assert lib.get("fillingham2023reflections").title == "Changed title"


def test_key_collisions_get_letter_suffixes(lib):
    keys = [lib.save(article(doi=f"10.1000/{n}")).record.key for n in range(3)]
    assert keys == [
        "fillingham2023reflections",
        "fillingham2023reflectionsa",
        "fillingham2023reflectionsb",
    ]


def test_records_without_doi_are_matched_by_title_year_and_first_author(lib):
    assert lib.save(article(doi=None)).outcome == "added"
    assert lib.save(article(doi=None)).outcome == "exists"
    assert lib.save(article(doi=None, family="Other")).outcome == "added"
    assert lib.count() == 2


def test_remove_and_not_found(lib):
    lib.save(article())
    assert lib.remove("fillingham2023reflections").doi == "10.1093/bjsw/bcad019"
    with pytest.raises(NotFound, match="no record 'fillingham2023reflections'"):
        lib.get("fillingham2023reflections")
    assert lib.count() == 0


def test_failed_write_changes_nothing(lib, monkeypatch):
    lib.save(article())
    bad = article(doi="10.1000/x")
    bad.fields["unstorable"] = object()  # json.dumps fails mid-transaction
    with pytest.raises(TypeError):
        lib.save(bad)
    assert lib.count() == 1
    assert lib.save(article(doi="10.1000/x")).outcome == "added"


def test_schema_is_versioned(tmp_path):
    path = tmp_path / "lib.sqlite"
    open_library(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StorageError, match="newer than this coprodcite"):
        open_library(path).tag([], "x")  # it reads; see test_versions.py


def test_not_a_database(tmp_path):
    path = tmp_path / "lib.sqlite"
    path.write_text("this is not SQLite, and it stays as it is " * 100)
    with pytest.raises(StorageError, match="cannot open library"):
        open_library(path)
    assert path.read_text().startswith("this is not SQLite")


def test_listing_leaves_out_the_raw_source_unless_asked(lib):
    lib.save(article())
    lib.save(article(doi="10.1000/second"))
    listed = lib.records()
    assert [r.source_data for r in listed] == [None, None]
    assert [len(r.contributors) for r in listed] == [3, 3]
    full = lib.records(with_source=True)
    assert full[0].source_data == {"DOI": full[0].doi}
    assert lib.get(listed[0].key).source_data is not None  # one record: always whole


def test_the_listing_shows_what_list_needs_without_loading_records(lib):
    from coprodcite.library import Listed

    lib.save(article())
    edited = Record(
        type="book",
        fields={"title": "An <i>edited</i> book"},
        contributors=[
            Contributor(role="editor", given="Ida", family="Berg", non_dropping_particle="van"),
            Contributor(role="editor", given="Ann", family="Example"),
        ],
    )
    lib.save(edited)
    lib.save(Record(type="report", fields={"title": "Nobody's report"}))
    listed = lib.listing()
    assert listed == [
        Listed("anonndnobodys", None, "", False, "Nobody's report", None),
        Listed(
            "fillingham2023reflections",
            2023,
            "Fillingham",
            True,  # the organisation is the second author; the editor does not count
            "Reflections on Making Co-production Work",
            "10.1093/bjsw/bcad019",
        ),
        Listed("vanbergndedited", None, "van Berg", True, "An edited book", None),
    ]
    assert [r.key for r in listed] == [r.key for r in lib.records()]
