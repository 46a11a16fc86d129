"""People, roles and added contributors in a real SQLite library (invented people)."""

import sqlite3

import pytest

from coprodcite.errors import InvalidInput, NotFound
from coprodcite.library import open_library
from coprodcite.library.schema import MIGRATIONS, SCHEMA_VERSION
from coprodcite.library.sqlite import SqliteLibrary
from coprodcite.model import Contributor, Record, RoleAssignment

ORCID = "https://orcid.org/0000-0002-1825-0097"


def book(*names, key="quill2024invented", title="An invented co-produced book", orcid=ORCID):
    people = [Contributor(given=g, family=f) for g, f in names] or [
        Contributor(given="Ada", family="Quill", orcid=orcid),
        Contributor(given="Tomasz", family="Wren"),
        Contributor(literal="Invented Collective"),
    ]
    return Record(
        type="book",
        key=key,
        fields={"title": title, "issued": {"date-parts": [[2024]]}, "DOI": f"10.5555/{key}"},
        contributors=people,
        source="crossref",
    )


@pytest.fixture
def lib(library_location, tmp_path):
    # on PostgreSQL, private roles and notes go to the local store (test_private.py)
    library = open_library(library_location, private_store=tmp_path / "private.sqlite")
    yield library
    library.close()


def person_of(lib, key, position):
    return lib.get(key).contributors[position - 1].person_id


def test_every_contributor_gets_a_person_and_orcid_links_across_records(lib):
    lib.save(book())
    second = book(key="wren2025second", title="A second invented article")
    second.contributors = [
        Contributor(given="T.", family="Wren"),
        Contributor(given="A.", family="Quill", orcid=ORCID),
    ]
    lib.save(second)
    assert person_of(lib, "quill2024invented", 1) == person_of(lib, "wren2025second", 2)
    # no ORCID: never matched automatically, even with the same family name
    assert person_of(lib, "quill2024invented", 2) != person_of(lib, "wren2025second", 1)
    entries = {e.person.id: e for e in lib.people()}
    assert len(entries) == 4
    ada = entries[person_of(lib, "quill2024invented", 1)]
    assert ada.person.orcid == ORCID
    assert [(c.record_key, c.position) for c in ada.contributions] == [
        ("quill2024invented", 1),
        ("wren2025second", 2),
    ]


def test_an_orcid_with_a_wrong_check_digit_links_nothing(lib):
    lib.save(book(orcid="0000-0002-1825-0098"))
    lib.save(book(key="other2024", title="Other", orcid="0000-0002-1825-0098"))
    assert person_of(lib, "quill2024invented", 1) != person_of(lib, "other2024", 1)
    assert all(e.person.orcid is None for e in lib.people())


def test_merge_and_split_on_the_users_word(lib):
    lib.save(book())
    lib.save(book(("T.", "Wren"), key="wren2025second", title="Second"))
    a, b = person_of(lib, "quill2024invented", 2), person_of(lib, "wren2025second", 1)
    lib.add_role(RoleAssignment("peer-researcher", b))
    lib.set_notes(b, "prefers first names")
    merged = lib.merge_people([a, b, a])
    assert merged.person.id == a and merged.person.notes == "prefers first names"
    assert [c.record_key for c in merged.contributions] == ["quill2024invented", "wren2025second"]
    assert [r.role for r in lib.roles(person_ids=[a])] == ["peer-researcher"]
    with pytest.raises(NotFound):
        lib.people([b])
    new = lib.split_person(a, [("wren2025second", None)])
    assert [c.record_key for c in new.contributions] == ["wren2025second"]
    assert person_of(lib, "wren2025second", 1) == new.person.id
    with pytest.raises(InvalidInput, match="every contribution"):
        lib.split_person(new.person.id, [("wren2025second", 1)])
    with pytest.raises(NotFound, match="no contribution quill2024invented"):
        lib.split_person(new.person.id, [("quill2024invented", None)])


def test_merging_two_orcids_is_refused_and_changes_nothing(lib):
    lib.save(book())
    other = book(key="other2024", title="Other", orcid="https://orcid.org/0000-0001-5109-3700")
    lib.save(other)
    before = [(e.person, len(e.contributions)) for e in lib.people()]
    with pytest.raises(InvalidInput, match="different ORCIDs"):
        lib.merge_people([person_of(lib, "quill2024invented", 1), person_of(lib, "other2024", 1)])
    assert [(e.person, len(e.contributions)) for e in lib.people()] == before


def test_preferred_name_is_kept_apart_from_the_published_one(lib):
    lib.save(book())
    ada = person_of(lib, "quill2024invented", 1)
    lib.rename_person(ada, {"given": "Ada", "family": "Quill-Brook"})
    assert lib.preferred_names() == {ada: {"given": "Ada", "family": "Quill-Brook"}}
    assert lib.get("quill2024invented").contributors[0].family == "Quill"
    assert lib.people([ada])[0].person.display_name() == "Ada Quill-Brook"


def test_refresh_keeps_people_roles_and_added_contributors(lib):
    lib.save(book())
    wren = person_of(lib, "quill2024invented", 2)
    added = lib.add_contributor("quill2024invented", Contributor(given="Ines", family="Marsh"), 1)
    assert added.contributors[0].added_by_user and added.contributors[0].family == "Marsh"
    marsh = added.contributors[0].person_id
    lib.add_role(RoleAssignment("carer", wren, "quill2024invented", 3))
    assert lib.roles(person_ids=[wren])[0].position == 3
    refreshed = book()
    refreshed.contributors = [refreshed.contributors[1], refreshed.contributors[0]]  # reordered
    lib.save(refreshed, refresh=True)
    stored = lib.get("quill2024invented").contributors
    assert [c.family for c in stored] == ["Marsh", "Wren", "Quill"]
    assert stored[0].added_by_user and stored[0].person_id == marsh
    assert stored[1].person_id == wren
    (role,) = lib.roles(person_ids=[wren])
    assert (role.role, role.record_key, role.position) == ("carer", "quill2024invented", 2)


def test_contributors_added_by_the_user_can_be_removed_source_ones_not(lib):
    lib.save(book())
    lib.add_contributor("quill2024invented", Contributor(literal="Invented Peer Group"), None)
    with pytest.raises(InvalidInput, match="came from the source"):
        lib.remove_contributor("quill2024invented", 1)
    with pytest.raises(InvalidInput, match="outside 1..5"):
        lib.add_contributor("quill2024invented", Contributor(family="Lind"), 9)
    removed = lib.remove_contributor("quill2024invented", 4)
    assert removed.literal == "Invented Peer Group"
    assert len(lib.get("quill2024invented").contributors) == 3


def test_roles_add_again_sets_consent_and_forget_erases(lib):
    lib.save(book())
    ada = person_of(lib, "quill2024invented", 1)
    lib.add_role(RoleAssignment("lived-experience-expert", ada, public=True))
    lib.add_role(RoleAssignment("lived-experience-expert", ada))  # consent withdrawn
    lib.add_role(RoleAssignment("credit:methodology", ada, "quill2024invented"))
    # (sorted: on PostgreSQL the private one comes from the local store)
    assert sorted((r.role, r.public) for r in lib.roles(person_ids=[ada])) == [
        ("credit:methodology", False),
        ("lived-experience-expert", False),
    ]
    lib.set_notes(ada, "invented note")
    lib.rename_person(ada, {"literal": "A. Quill-Brook"})
    forgotten = lib.forget_person(ada)
    assert sorted(r.role for r in forgotten.roles) == [
        "credit:methodology",
        "lived-experience-expert",
    ]
    assert forgotten.notes and forgotten.preferred_name == {"literal": "A. Quill-Brook"}
    assert lib.roles() == [] and lib.preferred_names() == {}
    assert lib.people([ada])[0].person.notes is None
    with pytest.raises(NotFound, match="no role carer"):
        lib.remove_role(RoleAssignment("carer", ada))


def test_removing_a_record_drops_people_with_nothing_left(lib):
    lib.save(book())
    ada = person_of(lib, "quill2024invented", 1)
    lib.add_role(RoleAssignment("carer", ada))
    lib.remove("quill2024invented")
    if isinstance(lib, SqliteLibrary):
        assert [e.person.id for e in lib.people()] == [ada]  # kept: it holds a role
    else:  # the role is private (not on the server): nothing shared holds the person
        assert lib.people() == [] and lib.roles() == []


def test_a_library_from_before_people_is_linked_when_opened(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[0])
    db.execute(
        "INSERT INTO records (id, key, type, fields, added_at, updated_at)"
        " VALUES (1, 'quill2024invented', 'book', '{}', 'x', 'x')"
    )
    for position, (family, orcid) in enumerate(
        [("Quill", ORCID), ("Wren", None), ("Quill", ORCID)]
    ):
        db.execute(
            "INSERT INTO contributors (record_id, position, role, family, orcid)"
            " VALUES (1, ?, 'author', ?, ?)",
            (position, family, orcid),
        )
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    library = open_library(path)
    people = [c.person_id for c in library.get("quill2024invented").contributors]
    assert None not in people and people[0] == people[2] != people[1]
    library.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_roles_of_a_record_are_its_contributions_and_its_peoples(lib):
    lib.save(book())
    lib.save(book(("A.", "Quill"), key="other2024", title="Other"))
    ada = person_of(lib, "quill2024invented", 1)
    lib.merge_people([ada, person_of(lib, "other2024", 1)])
    lib.add_role(RoleAssignment("carer", ada))
    lib.add_role(RoleAssignment("credit:software", ada, "other2024"))
    lib.add_role(RoleAssignment("credit:methodology", ada, "quill2024invented"))
    roles = lib.roles(record_key="quill2024invented")
    assert sorted(r.role for r in roles) == ["carer", "credit:methodology"]


def test_refresh_that_brings_an_orcid_keeps_the_person(lib):
    lib.save(book(("Tomasz", "Wren")))
    wren = person_of(lib, "quill2024invented", 1)
    lib.add_role(RoleAssignment("community-partner", wren))
    refreshed = book(("Tomasz", "Wren"))
    refreshed.contributors = [Contributor(given="Tomasz", family="Wren", orcid=ORCID)]
    lib.save(refreshed, refresh=True)
    assert person_of(lib, "quill2024invented", 1) == wren
    assert [r.role for r in lib.roles(person_ids=[wren])] == ["community-partner"]


def test_the_name_as_received_and_the_added_mark_are_stored(lib):
    record = book()
    record.contributors[0] = Contributor(
        given="Ada", family="Quill", original={"given": "ADA", "family": "QUILL"}
    )
    lib.save(record)
    stored = lib.get("quill2024invented").contributors
    assert stored[0].original == {"given": "ADA", "family": "QUILL"}
    assert stored[1].original is None and not stored[1].added_by_user
    assert stored[0].to_json()["original"] == {"given": "ADA", "family": "QUILL"}
