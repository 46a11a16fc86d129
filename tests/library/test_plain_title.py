"""The plain title a library stores (for listing and search) is ``plain_text`` of the
title, whichever way it is computed."""

from __future__ import annotations

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coprodcite.library.sqlite import plain_title
from coprodcite.markup import plain_text
from coprodcite.model import Record

_PIECES = st.sampled_from(
    [
        "<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>",
        '<span class="nocase">', '<span style="font-variant:small-caps;">', "</span>",
        "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&amp;amp;", "&amp;lt;", "&nbsp;", "&",
        "<", ">", "<jats:italic>", "</jats:italic>", "<p>", "<br/>", " ", "  ", "\t", "\n",
        "\u00a0", "\u2009",
    ]
)  # fmt: skip
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(_PIECES, _TEXT), max_size=12).map("".join))
@example('Raman Spectroscopy on <span class="nocase">III</span>-V Nanowires')
@example("R &amp; D at 50% of $5 &amp;amp; more")
@example("  a <i> b </i> c  ")
def test_plain_title_is_plain_text(title):
    assert plain_title(Record(fields={"title": title})) == plain_text(title)


@pytest.mark.parametrize(
    ("title", "plain"),
    [
        ('Phonons in <span class="nocase">III</span>-V <i>invented</i> wires',
         "Phonons in III-V invented wires"),
        ("R &amp; D &lt;3", "R & D <3"),
        ("  spaced\n out ", "spaced out"),
    ],
)  # fmt: skip
def test_plain_titles(title, plain):
    assert plain_title(Record(fields={"title": title})) == plain
