"""Sorting by the Unicode Collation Algorithm (coprodcite.render.csl.collation)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprodcite.render import render_bibliography
from coprodcite.render.csl.collation import text_key


@pytest.mark.parametrize(
    "ordered",
    [
        ["Lukas", "Łukasiewicz", "Lukaszewski"],  # Ł sorts as L, not after z
        ["Orsted", "Ørsted", "Ortega"],
        ["emile", "Emile", "Émile", "Emilia"],  # accents and case only break ties
        ["กา", "ไก่", "ขา"],  # Thai: the leading vowel ไ is sorted after its consonant
        ["Ängström", "Zhang"],  # Å sorts as A (root collation)
        ["Αθήνα", "Βήτα"],  # Greek by its alphabet
        ["Иванов", "Петров"],  # Cyrillic by its alphabet
    ],
)
def test_text_sorts_by_letters(ordered: list[str]) -> None:
    assert sorted(reversed(ordered), key=text_key) == ordered


@given(st.lists(st.text(max_size=12), max_size=12))
def test_the_order_is_total_and_stable(texts: list[str]) -> None:
    once = sorted(texts, key=text_key)
    assert sorted(once, key=text_key) == once
    assert sorted(reversed(texts), key=text_key) == once  # no two keys tie but equal texts


STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    '<info><id/><title/></info><citation><layout><text variable="title"/></layout></citation>'
    '<bibliography><sort><key variable="author"/></sort><layout>'
    '<names variable="author"><name name-as-sort-order="all"/></names></layout></bibliography>'
    "</style>"
)


@pytest.mark.filterwarnings("ignore:style 'inline style' does not pass")
def test_a_bibliography_sorts_names_by_collation() -> None:
    families = ["Zimmer", "Łukasiewicz", "Lewis", "Ångström", "Mazur", "Abbott"]
    items = [
        {"id": str(n), "type": "book", "author": [{"family": family, "given": "A"}]}
        for n, family in enumerate(families)
    ]
    entries = render_bibliography(items, STYLE, engine="coprodcite")
    assert [e.split(",")[0] for e in entries] == [
        "Abbott", "Ångström", "Lewis", "Łukasiewicz", "Mazur", "Zimmer",
    ]  # fmt: skip


@pytest.mark.filterwarnings("ignore:style 'inline style' does not pass")
def test_a_shorter_list_of_the_same_names_sorts_first() -> None:
    items = [
        {"id": "b", "type": "book", "author": [{"family": "Doe"}, {"family": "Roe"}]},
        {"id": "a", "type": "book", "author": [{"family": "Doe"}]},
        {"id": "c", "type": "book", "author": [{"family": "Doerr"}]},
    ]
    assert render_bibliography(items, STYLE, engine="coprodcite") == ["Doe", "Doe, Roe", "Doerr"]


@given(
    st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=20)
    | st.text(max_size=20)
    | st.text(alphabet="aeiouLlАиЙй\u00b7\u0301\u0306\u0308\u4e00ไก่Łß ", max_size=12)
)
def test_the_table_shortcut_gives_the_algorithms_key(text: str) -> None:
    """Keys from the single-character table equal pyuca's whole algorithm, for ASCII,
    any text, and text full of contractions (L·, й), non-starters and implicit weights."""
    import re

    from coprodcite.render.csl.collation import _collator, collation_key

    base = " ".join(re.sub(r"[^\w\s]", "", text).split())
    assert collation_key(text) == tuple(_collator().sort_key(base))
