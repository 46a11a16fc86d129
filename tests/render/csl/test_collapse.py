"""Cite grouping and collapsing in coprodcite's own CSL engine, and the cluster rules
of citations.py (layout formatting around its affixes, cite-affix punctuation, ibid
capitals in notes)."""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render.csl import api
from coprodcite.render.styles import resolve_style

HEAD = """<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
<info><id>t</id><title>t</title><updated>2020-01-01T00:00:00Z</updated></info>"""
AUTHOR_YEAR = (
    HEAD
    + """<citation {options}><layout {layout}>
<group delimiter=" "><names variable="author"><name form="short"/></names>
<date variable="issued"><date-part name="year"/></date></group></layout></citation>
<bibliography><sort><key variable="title"/></sort><layout><text variable="title"/>
</layout></bibliography></style>"""
)
NUMERIC = (
    HEAD
    + """<citation {options}><layout {layout}>
<text variable="citation-number" prefix="[" suffix="]"/></layout></citation></style>"""
)


def _item(key: str, family: str, year: int) -> dict[str, Any]:
    return {"id": key, "type": "book", "title": key, "author": [{"family": family}],
            "issued": {"date-parts": [[year]]}}  # fmt: skip


ITEMS = [
    _item("a", "Smith", 2000),
    _item("b", "Smith", 2000),
    _item("c", "Smith", 2000),
    _item("d", "Smith", 2001),
    _item("e", "Jones", 1999),
]


def _render(template: str, options: str, layout: str, ids: str, cls: str = "in-text") -> str:
    style = resolve_style(template.format(cls=cls, options=options, layout=layout))
    cluster = [{"id": key} for key in ids]
    return api.citations(ITEMS, [cluster], style, locale=None, fmt="html")[0]


SUFFIXES = 'disambiguate-add-year-suffix="true"'
CASES = [
    ('collapse="year"', 'delimiter="; "', "de", "Smith 2001; Jones 1999"),
    ('collapse="year"', 'delimiter="; "', "ade", "Smith 2000, 2001; Jones 1999"),
    (f'collapse="year-suffix" {SUFFIXES}', 'delimiter="; "', "abd", "Smith 2000a; b; 2001"),
    (
        f'collapse="year-suffix-ranged" year-suffix-delimiter="," {SUFFIXES}',
        'delimiter=", "',
        "abcd",
        "Smith 2000a–c, 2001",
    ),
    (
        f'collapse="year-suffix-ranged" after-collapse-delimiter="; " {SUFFIXES}',
        'delimiter=", "',
        "abe",
        "Smith 2000a, b; Jones 1999",
    ),
    ('cite-group-delimiter=" / "', 'delimiter="; "', "dae", "Smith 2001 / Smith 2000; Jones 1999"),
]


@pytest.mark.parametrize(("options", "layout", "ids", "want"), CASES)
def test_year_collapse(options: str, layout: str, ids: str, want: str) -> None:
    assert _render(AUTHOR_YEAR, options, layout, ids) == want


@pytest.mark.parametrize(
    ("ids", "want"),
    [("abc", "[1]–[3]"), ("ab", "[1],[2]"), ("abcde", "[1]–[5]"), ("abde", "[1]–[4]")],
)
def test_citation_number_ranges(ids: str, want: str) -> None:
    assert _render(NUMERIC, 'collapse="citation-number"', 'delimiter=","', ids) == want


def test_layout_formatting_covers_its_affixes() -> None:
    got = _render(NUMERIC, "", 'delimiter="," prefix="(" suffix=")" font-weight="bold"', "ab")
    assert got == "<b>([1],[2])</b>"


def _note_citations(clusters: list[list[dict[str, Any]]]) -> list[str]:
    xml = (
        HEAD.format(cls="note")
        + """<citation><layout delimiter="; " suffix=".">
<choose><if position="ibid"><text term="ibid"/></if><else>
<names variable="author"><name form="short"/></names></else></choose>
</layout></citation></style>"""
    )
    return api.citations(ITEMS, clusters, resolve_style(xml), locale=None, fmt="text")


def test_ibid_opening_a_note_is_capitalized() -> None:
    got = _note_citations([[{"id": "a"}], [{"id": "a"}], [{"id": "a", "prefix": "See "}]])
    assert got == ["Smith.", "Ibid.", "See ibid."]


def test_affix_punctuation_replaces_the_delimiter() -> None:
    got = _note_citations([[{"id": "a"}, {"id": "e", "prefix": ", and "}]])
    assert got == ["Smith, and Jones."]
