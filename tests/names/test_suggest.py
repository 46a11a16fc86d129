"""Suggested merges of people: who is likely one person, and the evidence (invented
people and works)."""

from __future__ import annotations

import pytest

from coprodcite.model import Contributor, Record
from coprodcite.names.suggest import SuggestionIndex, _given_agree, suggest_people

ORCID = "https://orcid.org/0000-0002-1825-0097"
OTHER = "https://orcid.org/0000-0001-5109-3700"


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("l", "lutz", True),
        ("lutz", "lutz", True),
        ("j r", "john robert", True),
        ("lutz", "lutz m", True),  # a middle name on one side only
        ("lutz", "lars", False),
        ("j", "k", False),
        ("", "", True),  # family names alone
        ("", "lutz", False),
        ("ada", "a", True),
    ],
)
def test_given_names_agree(a, b, agree):
    assert _given_agree(tuple(a.split()), tuple(b.split())) is agree
    assert _given_agree(tuple(b.split()), tuple(a.split())) is agree


_next_person = iter(range(1, 10_000))


def work(*names, venue="Invented Letters", key=None):
    """A work whose contributors are (given, family[, orcid[, affiliation]]), each a
    person of their own, as a library stores them before any merge."""
    people = []
    for name in names:
        given, family, orcid, affiliation = (*name, None, None)[:4]
        people.append(
            Contributor(
                given=given,
                family=family,
                orcid=orcid,
                affiliations=(affiliation,) if affiliation else (),
                person_id=next(_next_person),
            )
        )
    fields = {"title": "An invented work", "container-title": venue} if venue else {}
    return Record(type="article-journal", key=key, fields=fields, contributors=people)


def members(suggestions):
    return [sorted({s.names[p] for p in s.people}) + [len(s.people)] for s in suggestions]


def test_same_name_and_a_shared_co_author_is_suggested_with_the_evidence():
    one = work(("Ada", "Quill"), ("Tomasz", "Wren"), venue="First Journal")
    two = work(("A.", "Quill"), ("T.", "Wren"), venue="Second Journal")
    (quill, wren) = suggest_people([one, two])
    assert {quill.names[p] for p in quill.people} == {"Ada Quill", "A. Quill"}
    assert quill.people == sorted(c.person_id for c in (one.contributors[0], two.contributors[0]))
    assert [(e.kind, e.value, who) for e, who in quill.evidence] == [
        ("co-author", "Tomasz Wren", quill.people)
    ]
    assert quill.strength == 1 and wren.strength == 1
    assert quill.id.startswith(f"s{quill.people[0]}-")


def test_a_shared_name_alone_is_no_evidence():
    assert (
        suggest_people([work(("Ada", "Quill"), venue=None), work(("Ada", "Quill"), venue=None)])
        == []
    )


def test_venue_and_affiliation_count_and_min_evidence_filters():
    a = work(("Ada", "Quill", None, "Invented University"), venue="Invented Letters")
    b = work(("Ada", "Quill", None, "Invented University"), venue="Invented Letters")
    c = work(("Ada", "Quill"), venue="Invented Letters")
    index = SuggestionIndex([a, b, c])
    assert members(index.groups(1)) == [["Ada Quill", 3]]
    (two,) = index.groups(2)  # c shares only the venue
    assert len(two.people) == 2 and two.strength == 2
    assert {e.kind for e, _ in two.evidence} == {"venue", "affiliation"}
    assert index.groups(3) == []


def test_a_shared_orcid_is_enough_even_for_another_spelling():
    one = work(("Ada", "Quill", ORCID), venue=None)
    two = work(("Ada", "Quill-Brook", ORCID), venue=None)
    (s,) = SuggestionIndex([one, two]).groups(5)
    assert s.strength is None and [e.kind for e, _ in s.evidence] == ["orcid"]


@pytest.mark.parametrize(
    "works",
    [
        # different ORCIDs: two people, whatever they share
        [work(("Ada", "Quill", ORCID), ("Tomasz", "Wren")),
         work(("Ada", "Quill", OTHER), ("Tomasz", "Wren"))],
        # two of one name on the same work in the same role: two people
        [work(("Ada", "Quill"), ("A.", "Quill"), ("Tomasz", "Wren"))],
        # names that disagree
        [work(("Ada", "Quill"), ("Tomasz", "Wren")), work(("Ida", "Quill"), ("Tomasz", "Wren"))],
    ],
)  # fmt: skip
def test_what_shows_two_people_is_never_suggested(works):
    quills = [s for s in suggest_people(works) if any("Quill" in n for n in s.names.values())]
    assert quills == []


def test_lutz_and_lars_are_never_joined_through_an_initial():
    works = [
        work(("Lutz", "Geelhaar"), ("Noor", "Ash")),
        work(("L.", "Geelhaar"), ("Noor", "Ash"), ("Tomasz", "Wren")),
        work(("Lars", "Geelhaar"), ("Tomasz", "Wren")),
    ]
    groups = [
        sorted(s.names[p] for p in s.people)
        for s in suggest_people(works)
        if any("Geelhaar" in n for n in s.names.values())
    ]
    assert len(groups) == 1 and len(groups[0]) == 2
    assert not {"Lutz Geelhaar", "Lars Geelhaar"} <= set(groups[0])


def test_ids_are_stable_and_change_with_the_members():
    works = [work(("Ada", "Quill"), ("Tomasz", "Wren")), work(("A.", "Quill"), ("T.", "Wren"))]
    first = [s.id for s in suggest_people(works)]
    assert [s.id for s in suggest_people(works)] == first
    works.append(work(("Ada", "Quill"), ("Tomasz", "Wren")))
    assert not set(first) & {s.id for s in suggest_people(works)}
