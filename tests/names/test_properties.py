"""Hypothesis: the pipeline is idempotent and never raises, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from coprodcite.model import Contributor
from coprodcite.names import normalise_contributor, normalise_contributors, parse_name

# name-like text: letters of several scripts, capitals, particles, initials, punctuation
_pieces = st.sampled_from(
    [
        "van", "der", "de", "la", "VON", "Jr.", "III", "J.", "JR", "R.", "Mc", "MAC",
        "O'", "d’", "al-", "Ada", "QUILL", "wren", "-", ",", ".", " ", "  ", "(", ")",
        "王", "小明", "김", "Заяц", "University", "Group", "of", "the", "&NA;", "Unknown",
        "1", "*", "\u200b", "e\u0301", "ß", "İ", "ǅ",
    ]
)  # fmt: skip
name_text = st.one_of(
    st.lists(_pieces, max_size=8).map("".join),
    st.lists(_pieces, max_size=6).map(" ".join),
    st.text(max_size=30),
)
optional = st.one_of(st.none(), name_text)
contributors = st.builds(
    Contributor,
    role=st.sampled_from(["author", "editor", "translator"]),
    given=optional,
    family=optional,
    literal=st.one_of(st.none(), name_text),
    suffix=st.one_of(st.none(), st.sampled_from(["jr", "Sr.", "III", "M.D.", ""])),
    non_dropping_particle=st.one_of(st.none(), st.sampled_from(["van", "de la", "al-", "d’"])),
    dropping_particle=st.one_of(st.none(), st.sampled_from(["von", "de"])),
)


@settings(max_examples=400, deadline=None)
@given(contributors)
def test_normalising_twice_changes_nothing(contributor):
    once = normalise_contributor(contributor)
    assert normalise_contributor(once) == once
    assert once.original is not None


@settings(max_examples=100, deadline=None)
@given(st.lists(contributors, max_size=6))
def test_normalising_a_list_is_idempotent_and_keeps_every_non_empty_name(people):
    once = normalise_contributors(people)
    assert normalise_contributors(once) == once
    assert len(once) <= len(people)


@settings(max_examples=300, deadline=None)
@given(name_text, st.booleans())
def test_parse_name_never_raises_and_is_stable(text, literal):
    person = parse_name(text, literal=literal)
    if not literal:
        assert normalise_contributor(person) == person
