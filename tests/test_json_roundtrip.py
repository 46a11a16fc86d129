"""coprodcite's own JSON carries people: export, then import elsewhere, and the
people, their merges, preferred names and roles are as they were (invented people)."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coprodcite.formats import detect_format
from coprodcite.library import open_library
from coprodcite.model import Contributor, Record, RoleAssignment
from coprodcite.services.interchange import export, import_files

ORCID = "https://orcid.org/0000-0002-1825-0097"


def work(key, names, *, doi=None):
    fields = {"title": f"An invented work called {key}", "issued": {"date-parts": [[2024]]}}
    if doi:
        fields["DOI"] = doi
    return Record(
        type="book",
        key=key,
        fields=fields,
        source="file",
        contributors=[Contributor(given=g, family=f, orcid=o) for g, f, o in names],
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ('[\n  {\n    "key": "k",\n    "doi": null,\n    "type": "book",\n    "fields": {},\n'
         '    "contributors": []\n  }\n]\n', "json"),
        ('{"key": "k", "type": "book", "fields": {"title": "T"}, "contributors": []}', "json"),
        ('[{"id": "k", "type": "book", "title": "T"}]', "csl-json"),
        ('[{"id": "k", "type": "book", "title": "T", "fields": "a CSL variable?"}]', "csl-json"),
        ("[]", "csl-json"),
        ("[{broken", "csl-json"),
    ],
)  # fmt: skip
def test_own_json_is_told_from_csl_json(text, name):
    assert detect_format(text, "export.json").name == name


def people_of(library):
    """Each person as (sorted contributions as key:position, preferred name)."""
    return sorted(
        (sorted(f"{c.record_key}:{c.position}" for c in e.contributions), e.person.name)
        for e in library.people()
    )


def roles_of(library):
    by_person = {e.person.id: e for e in library.people()}
    out = []
    for a in library.roles():
        first = by_person[a.person_id].contributions[0]
        out.append((a.role, f"{first.record_key}:{first.position}", a.record_key, a.public))
    return sorted(out, key=repr)


@pytest.fixture
def source(tmp_path):
    library = open_library(tmp_path / "source.sqlite")
    library.save(work("quill2024one", [("Ada", "Quill", ORCID), ("Tomasz", "Wren", None)]))
    library.save(work("wren2025two", [("T.", "Wren", None), ("A.", "Quill", ORCID)]))
    library.save(work("ash2023three", [("Noor", "Ash", None), ("Tomasz", "Wren", None)]))
    wrens = [
        c.person_id
        for key in ("quill2024one", "wren2025two", "ash2023three")
        for c in library.get(key).contributors
        if c.family == "Wren"
    ]
    tomasz = library.merge_people(wrens).person.id
    library.rename_person(tomasz, {"family": "Wren-Ash", "given": "Tomasz"})
    ada = library.get("quill2024one").contributors[0].person_id
    library.add_role(RoleAssignment("credit:methodology", tomasz, "wren2025two", 1))
    library.add_role(RoleAssignment("credit:software", ada, "quill2024one", 1))
    library.add_role(RoleAssignment("carer", tomasz, public=True))
    library.add_role(RoleAssignment("lived-experience-expert", ada))
    yield library
    library.close()


def test_people_merges_names_and_roles_come_back(source, tmp_path):
    out = tmp_path / "all.json"
    export(source, None, "json", out, include_private=True)
    target = open_library(tmp_path / "target.sqlite")
    report = import_files(target, [out])
    assert report.files[0].format == "json" and report.files[0].imported == 3
    assert not report.files[0].warnings
    assert people_of(target) == people_of(source)
    assert roles_of(target) == roles_of(source)
    # again: everything is there already, nothing changes
    again = import_files(target, [out])
    assert again.files[0].skipped == 3
    assert people_of(target) == people_of(source) and roles_of(target) == roles_of(source)
    target.close()


def test_without_include_private_only_credit_roles_travel(source, tmp_path):
    out = tmp_path / "public.json"
    export(source, None, "json", out)
    assert "carer" not in out.read_text() and "lived-experience" not in out.read_text()
    target = open_library(tmp_path / "target.sqlite")
    import_files(target, [out])
    assert {r[0] for r in roles_of(target)} == {"credit:methodology", "credit:software"}
    assert people_of(target) == people_of(source)
    target.close()


def test_records_already_there_get_roles_but_people_are_not_merged(source, tmp_path):
    out = tmp_path / "all.json"
    export(source, None, "json", out, include_private=True)
    target = open_library(tmp_path / "target.sqlite")
    # the same works, already there, each Wren still a person of their own
    for key in ("quill2024one", "wren2025two", "ash2023three"):
        target.save(source.get(key).copy_with(id=None))
    wrens_before = sum(1 for e in target.people() if "Wren" in str(e.person.published))
    report = import_files(target, [out])
    (warning,) = [w for w in report.files[0].warnings if "people here" in w]
    assert "of the file is 3 people here" in warning and "were not merged" in warning
    assert sum(1 for e in target.people() if "Wren" in str(e.person.published)) == wrens_before
    assert {r[0] for r in roles_of(target)} == {
        "credit:methodology",
        "credit:software",
        "carer",
        "lived-experience-expert",
    }
    target.close()


def test_a_file_of_one_library_never_merges_people_of_different_orcids(tmp_path):
    path = tmp_path / "hand.json"
    other = "https://orcid.org/0000-0001-5109-3700"
    records = [
        {"key": "a2024", "type": "book", "fields": {"title": "A"},
         "contributors": [{"family": "Quill", "orcid": ORCID, "person": 1}]},
        {"key": "b2024", "type": "book", "fields": {"title": "B"},
         "contributors": [{"family": "Quill", "orcid": other, "person": 1}]},
    ]  # fmt: skip
    path.write_text(json.dumps(records))
    library = open_library(tmp_path / "lib.sqlite")
    report = import_files(library, [path])
    assert report.files[0].imported == 2
    assert any("not merged here" in w and "different ORCIDs" in w for w in report.files[0].warnings)
    assert len(library.people()) == 2
    library.close()


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    groups=st.lists(st.integers(min_value=0, max_value=3), min_size=2, max_size=8),
    roles=st.lists(st.tuples(st.integers(0, 7), st.booleans(), st.booleans()), max_size=6),
)
def test_any_merges_and_roles_survive_the_round_trip(tmp_path_factory, groups, roles):
    """Each contributor i (of work i) belongs to person group groups[i]; roles go to
    random contributors, on the contribution or the person, public or not."""
    folder = tmp_path_factory.mktemp("round")
    source = open_library(folder / "s.sqlite")
    for i, _ in enumerate(groups):
        source.save(work(f"w{i}", [("Ada", f"Invented{i}", None)]))
    people = {}
    for i, group in enumerate(groups):
        people.setdefault(group, []).append(source.get(f"w{i}").contributors[0].person_id)
    for ids in people.values():
        if len(ids) > 1:
            source.merge_people(ids)
    for index, on_contribution, public in roles:
        if index >= len(groups):
            continue
        pid = source.get(f"w{index}").contributors[0].person_id
        role = "credit:validation" if on_contribution else "peer-researcher"
        key, position = (f"w{index}", 1) if on_contribution else (None, None)
        source.add_role(RoleAssignment(role, pid, key, position, public))
    out = folder / "out.json"
    export(source, None, "json", out, include_private=True)
    target = open_library(folder / "t.sqlite")
    import_files(target, [out])
    assert people_of(target) == people_of(source)
    assert roles_of(target) == roles_of(source)
    source.close()
    target.close()
