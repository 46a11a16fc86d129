"""Duplicate contributors, the comparison key, and ORCIDs."""

from __future__ import annotations

from coprodcite.model import Contributor, record_from_csl
from coprodcite.names import (
    keep_rejected_orcid,
    normalise_contributors,
    normalise_record,
    rejected_orcid,
    same_person_key,
)

ORCID = "https://orcid.org/0000-0002-1825-0097"
OTHER_ORCID = "https://orcid.org/0000-0001-6180-3390"
THIRD_ORCID = "https://orcid.org/0000-0003-1415-9269"


def test_same_person_key_folds_case_accents_and_initials():
    a = Contributor(given="J.-R.", family="Müller")
    b = Contributor(given="J R", family="MULLER")
    assert same_person_key(a) == same_person_key(b) == "muller|j r|"
    assert same_person_key(Contributor(given="John", family="Smith")) != same_person_key(
        Contributor(given="J.", family="Smith")
    )
    assert same_person_key(Contributor(literal="The Lancet")) == "#the lancet"
    particle = Contributor(given="Anne", family="Veen", non_dropping_particle="van der")
    assert same_person_key(particle) == same_person_key(
        Contributor(given="Anne", family="van der Veen")
    )


def test_same_orcid_in_the_same_role_is_one_person():
    out = normalise_contributors(
        [
            Contributor(given="Ada", family="Quill"),
            Contributor(given="Tomasz", family="Wren", orcid=ORCID),
            Contributor(given="T.", family="Wren", orcid=ORCID, affiliations=("Invented U",)),
        ]
    )
    assert [c.display_name() for c in out] == ["Ada Quill", "Tomasz Wren"]
    assert out[1].affiliations == ("Invented U",)


def test_same_name_same_role_is_removed_but_other_roles_and_orcids_are_kept():
    out = normalise_contributors(
        [
            Contributor(given="Ada", family="QUILL"),
            Contributor(given="Ada", family="Quill", orcid=ORCID),  # merged: gives its ORCID
            Contributor(given="Ada", family="Quill", role="editor"),
            Contributor(given="Tomasz", family="Wren", orcid=THIRD_ORCID),
            Contributor(given="Tomasz", family="Wren", orcid=OTHER_ORCID),  # two people
            Contributor(literal="Unknown"),
            Contributor(literal="Unknown"),  # placeholders are nobody in particular
        ]
    )
    assert [(c.role, c.display_name()) for c in out] == [
        ("author", "Ada Quill"),
        ("editor", "Ada Quill"),
        ("author", "Tomasz Wren"),
        ("author", "Tomasz Wren"),
        ("author", "Unknown"),
        ("author", "Unknown"),
    ]
    assert out[0].orcid == ORCID


def test_order_role_and_original_are_kept():
    record = record_from_csl(
        {
            "type": "book",
            "author": [{"family": "QUILL", "given": "ADA"}, {"literal": "Peer Researchers Group"}],
            "translator": [{"family": "Wren", "given": "T"}],
        }
    )
    out = normalise_record(record)
    assert [(c.role, c.to_csl()) for c in out.contributors] == [
        ("author", {"family": "Quill", "given": "Ada"}),
        ("author", {"literal": "Peer Researchers Group"}),
        ("translator", {"family": "Wren", "given": "T."}),
    ]
    assert out.contributors[0].original == {"family": "QUILL", "given": "ADA"}
    assert record.contributors[0].family == "QUILL"  # the input is unchanged


def test_a_bad_orcid_is_refused_and_reported_not_dropped_silently():
    record = record_from_csl(
        {"type": "book", "author": [{"family": "Quill", "ORCID": "0000-0002-1825-0096"}]}
    )
    person = normalise_record(record).contributors[0]
    assert person.orcid is None
    assert rejected_orcid(person) == "0000-0002-1825-0096"
    typed = normalise_contributors([Contributor(family="Quill", orcid="0000-0002-1825-0096")])
    assert rejected_orcid(typed[0]) == "0000-0002-1825-0096"
    good = keep_rejected_orcid(Contributor(family="Quill", orcid=ORCID), ORCID)
    assert rejected_orcid(good) is None


def test_orcids_are_normalised_and_authenticated_is_kept():
    record = record_from_csl(
        {
            "type": "book",
            "author": [
                {
                    "family": "Quill",
                    "ORCID": "http://orcid.org/0000-0002-1825-0097",
                    "authenticated-orcid": True,
                }
            ],
        }
    )
    person = normalise_record(record).contributors[0]
    assert (person.orcid, person.authenticated) == (ORCID, True)
