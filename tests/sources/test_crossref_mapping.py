"""Crossref work JSON -> Record.

Fixtures are stored side by side in tests/fixtures/crossref: ``<name>.json`` (input) and
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
from coprodcite.model import CSL_VARIABLES, Contributor
from coprodcite.sources._common import CSL_TYPES
from coprodcite.sources.crossref import CROSSREF_TYPES, map_crossref
from tests.conftest import corpus_dir
from tests.sources.expected import assert_matches_expected, inputs, load

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "crossref"
EXAMPLE = REPO / "examples" / "records" / "10.1093_bjsw_bcad019.crossref.json"
INPUTS = inputs(FIXTURES)


def fixture(name: str) -> Any:
    return load(FIXTURES / f"{name}.json")


@pytest.mark.parametrize("path", INPUTS, ids=[p.stem for p in INPUTS])
def test_fixture_maps_to_expected_record(path):
    record = map_crossref(load(path))
    assert_matches_expected(path, record.to_json())
    assert set(record.fields) <= CSL_VARIABLES
    assert record.source == "crossref"


def test_there_are_fixtures():
    assert len(INPUTS) >= 5


def test_the_bjsw_article():
    record = map_crossref(fixture("10.1093_bjsw_bcad019"), fetched_at="2024-01-01T00:00:00+00:00")
    assert record.type == "article-journal"
    assert record.doi == "10.1093/bjsw/bcad019"
    assert record.title == (
        "Reflections on Making Co-production Work: The Reality of "
        "Co-production from an Insider Perspective"
    )
    assert [(c.given, c.family, c.sequence) for c in record.names("author")] == [
        ("Joy", "Fillingham", "first"),
        ("Julia", "Smith", "additional"),
        ("Clive", "Sealey", "additional"),
    ]
    assert all(c.orcid is None and c.affiliations == () for c in record.contributors)
    fields = record.fields
    assert fields["container-title"] == "The British Journal of Social Work"
    assert (fields["volume"], fields["issue"], fields["page"]) == ("53", "3", "1593-1601")
    assert fields["issued"] == {"date-parts": [[2023, 5, 15]]}
    assert fields["publisher"] == "Oxford University Press (OUP)"
    assert fields["ISSN"] == "0045-3102"
    assert record.fetched_at == "2024-01-01T00:00:00+00:00"
    assert record.source_data["DOI"] == "10.1093/bjsw/bcad019"


def test_the_example_record_is_the_fixture():
    assert load(EXAMPLE) == fixture("10.1093_bjsw_bcad019")


def test_orcids_affiliations_and_markup():
    record = map_crossref(fixture("journal_article_orcid"))
    first, second, third, fourth = record.contributors
    assert first.orcid == "https://orcid.org/0000-0002-1825-0097" and first.authenticated
    assert first.affiliations == (
        "Department of Invented Studies, Example University",
        "Peer Research Collective",
    )
    assert second.orcid == "https://orcid.org/0000-0003-1415-9269" and not second.authenticated
    assert (third.suffix, third.orcid, third.authenticated) == ("Jr.", None, False)
    assert fourth.affiliations == ("Service User Forum",)
    assert record.title == (
        "Growth of <i>Escherichia coli</i> under raised CO<sub>2</sub> & heat: A co-produced study"
    )
    assert record.doi == "10.5555/invented.2021.0042"
    assert record.fields["abstract"].startswith("Background\n\nPeer researchers measured")
    assert record.fields["issued"] == {"date-parts": [[2021, 5, 20]]}


def test_organisations_are_literal_and_nameless_entries_dropped():
    record = map_crossref(fixture("organisation_author"))
    assert [c.display_name() for c in record.contributors] == [
        "Peer Research Network",
        "Robin Invented",
        "Singlename",
        "The Lived Experience Panel",
    ]
    assert record.contributors[0].is_organisation
    assert record.contributors[0].to_csl() == {"literal": "Peer Research Network"}
    assert record.fields["publisher"] == "Invented Health Trust"  # institution is a fallback
    # issued [[null]] is no date: the next source of a date is used
    assert record.fields["issued"] == {"date-parts": [[2020, 11]]}
    assert record.fields["number"] == "7" and "page" not in record.fields


def test_preprint_server_is_the_publisher_and_its_subject_group_no_container():
    record = map_crossref(fixture("posted_content_preprint"))
    assert record.type == "article"
    assert "container-title" not in record.fields  # group-title "Social Sciences"
    assert record.fields["publisher"] == "inventRxiv"
    assert record.title == "Who holds the pen? Authorship in co-produced research"


def test_book_chapter_editors():
    record = map_crossref(fixture("book_chapter_editors"))
    assert record.type == "chapter"
    assert [c.family for c in record.names("editor")] == ["Editor", "Second-Editor"]
    csl = record.to_csl()
    assert csl["editor"][1] == {"family": "Second-Editor", "given": "Ole"}
    assert (csl["ISBN"], csl["publisher-place"], csl["edition"]) == ("9780306406157", "Cham", "2")


def test_envelope_and_bare_message_map_alike():
    envelope = fixture("journal_article_orcid")
    assert map_crossref(envelope).to_json() == map_crossref(envelope["message"]).to_json()
    assert map_crossref(envelope).source_data is envelope["message"]


TITLE_CASES = [
    (["Title"], ["Subtitle"], "Title: Subtitle"),
    (["Why care?"], ["An answer"], "Why care? An answer"),
    (["Title: Subtitle"], ["Subtitle"], "Title: Subtitle"),
    (
        ["Kinetics of <scp>L</scp>-histidine"],
        ["KINETICS OF L-Histidine"],
        '<span style="font-variant:small-caps;">L</span>'.join(["Kinetics of ", "-histidine"]),
    ),
    (["First", "Second"], [], "First"),
    ("A bare string", None, "A bare string"),
    ([], ["Only a subtitle"], "Only a subtitle"),
]


@pytest.mark.parametrize(("title", "subtitle", "expected"), TITLE_CASES)
def test_title_and_subtitle(title, subtitle, expected):
    message = {"DOI": "10.5555/t", "title": title, "subtitle": subtitle}
    assert map_crossref(message).title == expected


DATE_CASES = [
    (
        {"issued": {"date-parts": [[2020, 2, 3]]}, "published-print": {"date-parts": [[2021]]}},
        [[2020, 2, 3]],
    ),
    (
        {"issued": {"date-parts": [[None]]}, "published-print": {"date-parts": [[2021, 4]]}},
        [[2021, 4]],
    ),
    ({"issued": {"date-parts": [["2019", "7"]]}}, [[2019, 7]]),
    ({"issued": {"date-parts": [[2019, 13, 40]]}}, [[2019]]),
    ({"issued": {"date-parts": [[2019, 1], [2020, 6]]}}, [[2019, 1], [2020, 6]]),
    ({"issued": {"date-parts": []}, "posted": {"date-parts": [[2018, 5, 6]]}}, [[2018, 5, 6]]),
    ({"issued": {"date-parts": [[None]]}}, None),
    ({"issued": {"date-parts": [[True]]}}, None),
]


@pytest.mark.parametrize(("dates", "expected"), DATE_CASES)
def test_issued_date(dates, expected):
    issued = map_crossref({"DOI": "10.5555/d", **dates}).fields.get("issued")
    assert issued == ({"date-parts": expected} if expected else None)


@pytest.mark.parametrize(
    ("crossref", "csl"),
    [
        ("journal-article", "article-journal"),
        ("book-chapter", "chapter"),
        ("book-part", "chapter"),
        ("proceedings-article", "paper-conference"),
        ("posted-content", "article"),
        ("edited-book", "book"),
        ("monograph", "book"),
        ("dissertation", "thesis"),
        ("standard", "standard"),
        ("peer-review", "review"),
        ("reference-entry", "entry"),
        ("journal-issue", "periodical"),
        ("database", "dataset"),
        ("other", "document"),
        ("no-such-type", "document"),
        (None, "document"),
    ],
)
def test_work_types(crossref, csl):
    assert map_crossref({"DOI": "10.5555/x", "type": crossref}).type == csl


def test_every_csl_type_in_the_table_is_one_the_model_knows():
    assert set(CROSSREF_TYPES.values()) <= CSL_TYPES


def test_other_people_lists_and_roles_are_kept():
    message = {
        "DOI": "10.5555/roles",
        "author": [{"given": "A", "family": "Author", "sequence": "first"}],
        "chair": [{"given": "C", "family": "Chair"}],
        "translator": [{"given": "T", "family": "Translator"}],
        "reviewer": [{"given": "R", "family": "Reviewer", "affiliation": []}],
        "funder": [{"name": "A Funder", "DOI": "10.13039/1", "award": ["1"]}],
        "institution": [{"name": "An Institution"}],
    }
    people = map_crossref(message).contributors
    assert [(c.role, c.family, c.source_role) for c in people] == [
        ("author", "Author", "author"),
        ("chair", "Chair", "chair"),
        ("translator", "Translator", "translator"),
        ("contributor", "Reviewer", "reviewer"),
    ]


def test_person_role_key_names_the_source_role():
    person = {"given": "E", "family": "Ed", "role": [{"role": "editor", "vocabulary": "crossref"}]}
    [contributor] = map_crossref({"DOI": "10.5555/r", "author": [person]}).contributors
    assert (contributor.role, contributor.source_role) == ("author", "editor")


@pytest.mark.parametrize(
    "payload",
    [
        [],
        "10.5555/x",
        None,
        {"title": ["No DOI"]},
        {"DOI": ""},
        {"status": "failed", "message-type": "validation-failure", "message": [{"type": "x"}]},
        {"status": "ok", "message-type": "work-list", "message": {"items": []}},
        {"status": "ok", "message-type": "work", "message": "not an object"},
    ],
)
def test_not_a_crossref_work(payload):
    with pytest.raises(FormatError) as raised:
        map_crossref(payload)
    assert "\n" not in str(raised.value)


# -- the real corpus in ../shared/corpus ------------------------------------------------

KNOWN_ROLES = ("author", "editor", "chair", "translator")


def people_in(message: dict[str, Any]) -> int:
    """Entries with a name in every list of people (known roles, or lists of dicts
    with given/family keys)."""
    count = 0
    for key, value in message.items():
        if not isinstance(value, list):
            continue
        people = [p for p in value if isinstance(p, dict)]
        if key in KNOWN_ROLES or any({"given", "family"} & p.keys() for p in people):
            count += sum(
                1
                for p in people
                if any(
                    isinstance(p.get(k), str) and p[k].strip() for k in ("given", "family", "name")
                )
            )
    return count


def has_title(message: dict[str, Any]) -> bool:
    title = message.get("title")
    titles = title if isinstance(title, list) else [title]
    return any(isinstance(t, str) and t.strip() for t in titles)


def check_corpus_file(path: Path) -> str | None:
    """None when ``path`` maps cleanly, else what went wrong."""
    payload = load(path)
    message = payload.get("message", payload) if "status" in payload else payload
    try:
        record = map_crossref(payload)
    except Exception as exc:  # noqa: BLE001 - every failure is reported by file
        return f"{type(exc).__name__}: {exc}"
    if len(record.contributors) != people_in(message):
        return f"{people_in(message)} people in, {len(record.contributors)} out"
    csl = record.to_csl()
    if not isinstance(csl, dict) or not csl.get("type"):
        return "no CSL type"
    if has_title(message) and not csl.get("title"):
        return "title lost"
    if not set(record.fields) <= CSL_VARIABLES:
        return f"not CSL variables: {sorted(set(record.fields) - CSL_VARIABLES)}"
    if any(not isinstance(c, Contributor) or c.is_empty for c in record.contributors):
        return "an empty contributor"
    return None


@pytest.mark.corpus
@pytest.mark.parametrize("folder", ["crossref", "crossref_list_items"])
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
