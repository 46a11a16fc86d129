"""DataCite /dois JSON -> Record.

Fixtures are stored side by side in tests/fixtures/datacite: ``<name>.json`` (input) and
``<name>.expected.json`` (``Record.to_json()``). A missing expected file fails; to write
the expected files after a reviewed change, run
``COPRODCITE_REGEN_FIXTURES=1 python3 -m pytest tests/sources`` and review the diff.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from coprodcite.errors import FormatError
from coprodcite.model import CSL_VARIABLES
from coprodcite.sources._common import CSL_TYPES
from coprodcite.sources.datacite import RESOURCE_TYPES, map_datacite
from tests.conftest import corpus_dir
from tests.sources.expected import assert_matches_expected, inputs, load

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "datacite"
INPUTS = inputs(FIXTURES)


def fixture(name: str) -> Any:
    return load(FIXTURES / f"{name}.json")


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_fixture_maps_to_expected_record(path):
    record = map_datacite(load(path))
    assert_matches_expected(path, record.to_json())
    assert set(record.fields) <= CSL_VARIABLES
    assert record.source == "datacite"


def test_there_are_fixtures():
    assert len(INPUTS) >= 2


def test_dataset_with_organisation_creator_and_editor():
    record = map_datacite(fixture("dataset_organisation_editor"), fetched_at="2024-03-03T00:00:00Z")
    assert record.type == "dataset"
    assert record.doi == "10.5555/invented.peer-survey.v2"
    assert record.title == "Survey of peer researchers in co-produced projects: Wave 2, anonymised"
    authors = record.names("author")
    assert [c.display_name() for c in authors] == [
        "Peer Researchers Collective",
        "Josiah Carberry",
        "Alex Invented",
        "สมชาย ใจดี",
    ]
    assert authors[0].is_organisation
    assert authors[1].orcid == "https://orcid.org/0000-0002-1825-0097"
    assert authors[1].affiliations == ("Example University",)
    assert authors[2].affiliations == ("Invented Institute",)
    # a Thai personal name without nameType: two name words and no organisation word
    # make it a person (Thai names are written given name first)
    assert (authors[3].given, authors[3].family) == ("สมชาย", "ใจดี")
    assert [(c.family, c.source_role) for c in record.names("editor")] == [("Editor", "Editor")]
    others = record.names("contributor")
    assert [(c.display_name(), c.source_role) for c in others] == [
        ("Sam Example", "DataCollector"),
        ("Invented Data Archive", "HostingInstitution"),
    ]
    assert others[0].orcid == "https://orcid.org/0000-0001-6180-3390"
    assert record.fields["issued"] == {"date-parts": [[2024, 3, 1]]}
    assert record.fields["abstract"] == (
        "Answers of 240 peer researchers. Collected by peers, for peers & partners."
    )
    assert record.fields["version"] == "2.0"
    assert record.fields["publisher"] == "Invented Data Archive"
    assert record.fetched_at == "2024-03-03T00:00:00Z"


def test_software_from_bare_attributes():
    record = map_datacite(fixture("software_bare_attributes"))
    # DataCite's catch-all citeproc "article" gives way to resourceTypeGeneral Software
    assert record.type == "software"
    assert record.title == "citekit: tools for crediting <i>every</i> contributor"
    robin, jo = record.contributors
    assert (robin.given, robin.family) == ("Robin", "Invented")  # "Family, Given" split
    assert robin.orcid == "https://orcid.org/0000-0005-1414-2138"
    assert jo.orcid is None  # the check digit is wrong
    assert record.fields["publisher"] == "Zenodo-like Repository"
    assert record.fields["page"] == "10-12"
    assert record.fields["container-title"] == "Invented Software Series"
    # the Issued date disagrees with publicationYear: the year wins
    assert record.fields["issued"] == {"date-parts": [[2019]]}
    assert record.fields["abstract"] == "Helps credit contributors.\n\nSecond paragraph."


def test_response_data_item_and_attributes_map_alike():
    response = fixture("dataset_organisation_editor")
    as_json = map_datacite(response).to_json()
    assert map_datacite(response["data"]).to_json() == as_json
    assert map_datacite(response["data"]["attributes"]).to_json() == as_json
    assert map_datacite(response).source_data is response["data"]
    attributes = response["data"]["attributes"]
    assert map_datacite(attributes).source_data is attributes


def test_item_without_attributes_keeps_its_doi():
    record = map_datacite({"id": "10.5555/ABC", "type": "dois", "relationships": {}})
    assert (record.doi, record.type, record.title, record.contributors) == (
        "10.5555/abc",
        "document",
        "",
        [],
    )


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ({"citeproc": "article-journal", "resourceTypeGeneral": "Text"}, "article-journal"),
        ({"citeproc": "article", "resourceTypeGeneral": "Text"}, "article"),
        ({"citeproc": "article", "resourceTypeGeneral": "Software"}, "software"),
        ({"citeproc": "article", "resourceTypeGeneral": "PhysicalObject"}, "document"),
        ({"citeproc": "article"}, "article"),
        ({"citeproc": "", "resourceTypeGeneral": "ConferencePaper"}, "paper-conference"),
        ({"citeproc": "not-a-csl-type", "resourceTypeGeneral": "Dataset"}, "dataset"),
        ({"resourceTypeGeneral": "Collection"}, "collection"),
        ({"resourceTypeGeneral": "Dissertation"}, "thesis"),
        ({"resourceTypeGeneral": "Image"}, "graphic"),
        ({"resourceTypeGeneral": "Audiovisual"}, "motion_picture"),
        ({"resourceTypeGeneral": "Preprint"}, "article"),
        ({"resourceTypeGeneral": "Unheard-of"}, "document"),
        ({}, "document"),
    ],
)
def test_types(types, expected):
    assert map_datacite({"doi": "10.5555/t", "types": types}).type == expected


def test_every_mapped_type_is_a_csl_type():
    assert set(RESOURCE_TYPES.values()) <= CSL_TYPES


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        (
            {"name": "Fenner, Martin", "givenName": "Martin", "familyName": "Fenner"},
            ("Martin", "Fenner", None),
        ),
        ({"name": "Fenner, Martin"}, ("Martin", "Fenner", None)),
        ({"name": "Savi", "familyName": "Savi", "nameType": "Personal"}, (None, "Savi", None)),
        (
            {"name": ", Ashley", "givenName": "Ashley", "nameType": "Personal"},
            ("Ashley", None, None),
        ),
        (
            {"name": "DIMARSO, Bruessel", "nameType": "Organizational"},
            (None, None, "DIMARSO, Bruessel"),
        ),
        ({"name": "CyArk"}, (None, None, "CyArk")),
        (
            {"name": "Enos, Ryan (Harvard); Fowler, Anthony (Chicago)"},
            (None, None, "Enos, Ryan (Harvard); Fowler, Anthony (Chicago)"),
        ),
        ({"type": "Organization", "name": "An Org"}, (None, None, "An Org")),
        ({"givenName": "Only", "familyName": "Parts"}, ("Only", "Parts", None)),
    ],
)
def test_names(person, expected):
    [contributor] = map_datacite({"doi": "10.5555/n", "creators": [person]}).contributors
    assert (contributor.given, contributor.family, contributor.literal) == expected


def test_creators_without_a_name_are_dropped_and_single_objects_accepted():
    attributes = {
        "doi": "10.5555/c",
        "creators": [{"affiliation": ["Nowhere"]}, {"name": "Kept, One"}],
        "contributors": {
            "name": "Single Org",
            "nameType": "Organizational",
            "contributorType": "DataCurator",
        },
        "titles": {"title": "One title object"},
        "dates": {"dateType": "Issued", "date": "2020-02"},
    }
    record = map_datacite(attributes)
    assert [c.display_name() for c in record.contributors] == ["One Kept", "Single Org"]
    assert record.title == "One title object"
    assert record.fields["issued"] == {"date-parts": [[2020, 2]]}


@pytest.mark.parametrize(
    "payload",
    [
        [],
        None,
        "10.5555/x",
        {"data": [{"id": "10.5555/a", "attributes": {"doi": "10.5555/a"}}]},
        {"data": None},
        {"titles": [{"title": "No DOI"}]},
    ],
)
def test_not_a_datacite_record(payload):
    with pytest.raises(FormatError) as raised:
        map_datacite(payload)
    assert "\n" not in str(raised.value)


# -- the real corpus in ../shared/corpus ------------------------------------------------


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def attributes_of(payload: dict[str, Any]) -> dict[str, Any]:
    item = payload.get("data", payload)
    attributes = item.get("attributes", item) if isinstance(item, dict) else {}
    return attributes if isinstance(attributes, dict) else {}


def people_in(attributes: dict[str, Any]) -> int:
    named = ("givenName", "familyName", "name", "given", "family")
    return sum(
        1
        for key in ("creators", "contributors")
        for p in _items(attributes.get(key))
        if isinstance(p, dict) and any(isinstance(p.get(k), str) and p[k].strip() for k in named)
    )


def has_title(attributes: dict[str, Any]) -> bool:
    return any(
        isinstance(t, dict) and isinstance(t.get("title"), str) and t["title"].strip()
        for t in _items(attributes.get("titles"))
    )


def check_corpus_file(path: Path) -> str | None:
    """None when ``path`` maps cleanly, else what went wrong."""
    payload = load(path)
    attributes = attributes_of(payload)
    try:
        record = map_datacite(payload)
    except Exception as exc:  # noqa: BLE001 - every failure is reported by file
        return f"{type(exc).__name__}: {exc}"
    if len(record.contributors) != people_in(attributes):
        return f"{people_in(attributes)} people in, {len(record.contributors)} out"
    csl = record.to_csl()
    if not isinstance(csl, dict) or csl.get("type") not in CSL_TYPES:
        return f"CSL type {csl.get('type')!r}"
    if has_title(attributes) and not csl.get("title"):
        return "title lost"
    if not set(record.fields) <= CSL_VARIABLES:
        return f"not CSL variables: {sorted(set(record.fields) - CSL_VARIABLES)}"
    if any(c.is_empty for c in record.contributors):
        return "an empty contributor"
    return None


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["datacite", "datacite_list_items"])
def test_corpus(folder):
    directory = corpus_dir(folder)
    files = sorted(directory.rglob("*.json"))
    assert files, f"no JSON files in {directory}"
    started = time.monotonic()
    failures = {
        p.relative_to(directory).as_posix(): why
        for p in files
        if (why := check_corpus_file(p)) is not None
    }
    assert not failures, f"{len(failures)} of {len(files)} files failed: {failures}"
    assert time.monotonic() - started < 30
