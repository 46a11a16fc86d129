"""An entry (or the right-inline block of ``second-field-align``) does not start with
the stray mark a prefix or a ``<text value=","/>`` left when what it followed is empty
(:mod:`coprodcite.render.csl.trim`); citations keep theirs (suite
number_PreserveDelimiter)."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from coprodcite.render import render_bibliography, render_citations
from coprodcite.render.csl.output import Run
from coprodcite.render.csl.trim import trim_leading

BIB = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
<citation><layout>{layout}</layout></citation>
<bibliography{options}><layout>{layout}</layout></bibliography></style>"""


def _render(layout: str, item: dict[str, Any], options: str = "") -> tuple[str, str]:
    style = BIB.format(layout=layout, options=options)
    record = {"id": "a", "type": "book", **item}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (entry,) = render_bibliography([record], style)
        (cite,) = render_citations([record], [[{"id": "a"}]], style)
    return entry, cite


@pytest.mark.parametrize(
    ("layout", "item", "want_entry", "want_cite"),
    [
        # a prefix that assumed an author before it
        ('<text variable="title" prefix=", "/>', {"title": "T"}, "T", "T"),
        ('<text variable="title" prefix="; "/>', {"title": "T"}, "T", "T"),
        ('<text variable="title" prefix=". "/>', {"title": "T"}, "T", "T"),
        ('<text variable="title" prefix=": "/>', {"title": "T"}, "T", "T"),
        # a lone mark the style writes as text
        (
            '<text value=","/><text variable="DOI" prefix=" doi: "/>',
            {"DOI": "10.1/x"},
            "doi: 10.1/x",
            "doi: 10.1/x",
        ),
        # what is not a stray mark stays
        ('<text variable="title" prefix="(" suffix=")"/>', {"title": "T"}, "(T)", "(T)"),
        ('<text variable="title" prefix="..."/>', {"title": "T"}, "...T", "...T"),
        (
            '<text variable="title"/>',
            {"title": ", not a prefix"},
            ", not a prefix",
            ", not a prefix",
        ),
        ('<text variable="title" prefix=".NET "/>', {"title": "T"}, ".NET T", ".NET T"),
    ],
)
def test_a_stray_mark_does_not_start_an_entry_or_a_citation(
    layout: str, item: dict[str, Any], want_entry: str, want_cite: str
) -> None:
    assert _render(layout, item) == (want_entry, want_cite)


def test_the_right_inline_block_does_not_start_with_a_stray_mark() -> None:
    layout = (
        '<text variable="citation-number" prefix="[" suffix="]"/>'
        '<text value=","/><text variable="DOI" prefix=" doi: " suffix="."/>'
    )
    style = BIB.format(layout=layout, options=' second-field-align="flush"')
    record = {"id": "a", "type": "book", "DOI": "10.1/x"}
    assert render_bibliography([record], style, fmt="html") == [
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">doi: 10.1/x.</div>'
    ]
    assert render_bibliography([record], style) == ["[1] doi: 10.1/x."]


def test_ieee_entry_of_an_item_with_only_a_doi() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        got = render_bibliography([{"id": "a", "type": "article-journal", "DOI": "10.1/x"}],
                                  "ieee")  # fmt: skip
    assert got == ["[1] doi: 10.1/x."]


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        ([("", "a"), (", ", "a"), ("T", "t")], ["", "", "T"]),
        ([("  ", "a"), (",", "t"), (" x", "a")], ["  ", "", "x"]),
        ([(", and", "a")], ["and"]),
        ([(",", "t"), ("T", "t")], ["", "T"]),
        ([("T,", "t"), (", ", "a")], ["T,", ", "]),  # only the start
        ([("“", "q"), (",", "t")], ["“", ","]),  # a quote is text: stop there
    ],
)
def test_trim_leading_runs(texts: list[tuple[str, str]], want: list[str]) -> None:
    runs = [Run(text, (), kind) for text, kind in texts]
    trim_leading(runs)
    assert [r.text for r in runs] == want
