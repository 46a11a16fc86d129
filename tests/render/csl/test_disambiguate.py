"""Disambiguation in coprodcite's own CSL engine: add-names, add-givenname, the
disambiguate condition and year-suffixes (explicit and implicit)."""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render.csl import api
from coprodcite.render.styles import resolve_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id>t</id><title>t</title><updated>2020-01-01T00:00:00Z</updated></info>
<citation {options}><layout delimiter="; ">
<group delimiter=" "><names variable="author"><name form="short" and="symbol"
 initialize-with=". "/></names>{body}</group></layout></citation></style>"""
YEAR = '<date variable="issued"><date-part name="year"/></date>'


def _item(key: str, year: int, *people: tuple[str, str], title: str = "T") -> dict[str, Any]:
    authors = [{"family": family, "given": given} for family, given in people]
    return {"id": key, "type": "book", "author": authors, "title": title,
            "issued": {"date-parts": [[year]]}}  # fmt: skip


def _cite(items: list[dict[str, Any]], options: str, body: str = YEAR) -> str:
    style = resolve_style(STYLE.format(options=options, body=body))
    cluster = [{"id": item["id"]} for item in items]
    return api.citations(items, [cluster], style, locale=None, fmt="text")[0]


SMITH = ("Smith", "John")
BROWN = ("Brown", "Bob")
CASES = [
    # add-names: show the names that tell the items apart, no more
    (
        [
            _item("a", 1980, SMITH, BROWN, ("Jones", "J")),
            _item("b", 1980, SMITH, ("Beefheart", "C"), ("Jones", "J")),
        ],  # noqa: E501
        'et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"',
        "Smith, Brown, et al. 1980; Smith, Beefheart, et al. 1980",
    ),
    # add-names that cannot help keeps the names it started with
    (
        [
            _item("a", 1980, SMITH, BROWN, ("Jones", "J")),
            _item("b", 1980, SMITH, BROWN, ("Jones", "J")),
        ],  # noqa: E501
        'et-al-min="3" et-al-use-first="1" disambiguate-add-names="true"',
        "Smith et al. 1980; Smith et al. 1980",
    ),
    # by-cite given names: initials where they differ
    (
        [_item("a", 2000, ("Doe", "John")), _item("b", 2000, ("Doe", "Alice"))],
        'disambiguate-add-givenname="true"',
        "J. Doe 2000; A. Doe 2000",
    ),
    # ... the full given name where the initials are the same
    (
        [_item("a", 2000, ("Doe", "John")), _item("b", 2000, ("Doe", "Jack"))],
        'disambiguate-add-givenname="true"',
        "John Doe 2000; Jack Doe 2000",
    ),
    # all-names-with-initials never shows more than initials
    (
        [_item("a", 2000, ("Doe", "John")), _item("b", 2001, ("Doe", "Jack"))],
        'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names-with-initials"',  # noqa: E501
        "Doe 2000; Doe 2001",
    ),
    # all-names expands names shared in the document even in unambiguous cites
    (
        [_item("a", 2000, ("Doe", "John")), _item("b", 2001, ("Doe", "Alice"))],
        'disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"',
        "J. Doe 2000; A. Doe 2001",
    ),
    # year-suffix, implicit: after the year of the first date, in bibliography order
    (
        [_item("a", 1990, SMITH, title="B"), _item("b", 1990, SMITH, title="A")],
        'disambiguate-add-year-suffix="true"',
        "Smith 1990a; Smith 1990b",
    ),
]


@pytest.mark.parametrize(("items", "options", "want"), CASES)
def test_disambiguation(items: list[dict[str, Any]], options: str, want: str) -> None:
    assert _cite(items, options) == want


def test_explicit_year_suffix_variable_is_not_doubled() -> None:
    items = [_item("a", 1990, SMITH), _item("b", 1990, SMITH)]
    body = YEAR + '<text variable="year-suffix" prefix="-"/>'
    assert _cite(items, 'disambiguate-add-year-suffix="true"', body) == (
        "Smith 1990 -a; Smith 1990 -b"
    )


def test_disambiguate_condition_only_for_ambiguous_items() -> None:
    items = [
        _item("a", 1990, SMITH, title="One"),
        _item("b", 1990, SMITH, title="Two"),
        _item("c", 1990, BROWN, title="Three"),
    ]
    body = YEAR + '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
    assert _cite(items, "", body) == "Smith 1990 One; Smith 1990 Two; Brown 1990"


def _book(key: str, year: int, **roles: list[tuple[str, str]]) -> dict:
    item: dict = {
        "id": key,
        "type": "book",
        "title": key.upper(),
        "issued": {"date-parts": [[year]]},
    }
    for role, people in roles.items():
        item[role] = [{"family": family, "given": given} for family, given in people]
    return item


def test_add_givenname_looks_only_at_names_cites_show() -> None:
    """APA's global rule (primary-name-with-initials): a translator named Lee, whom no
    cite prints, does not make the cited author Lee ambiguous; a cited A. Lee does."""
    from coprodcite.render import render_citations

    a = _book("a", 2022, author=[("Lee", "Mina"), ("Petrov", "Ivan")])
    b = _book("b", 2021, author=[("Khan", "Omar")], translator=[("Lee", "Ari")])
    c = _book("c", 2021, author=[("Lee", "Ari")])
    cites = [[{"id": "a"}], [{"id": "b"}]]
    assert render_citations([a, b], cites, "apa") == ["(Lee & Petrov, 2022)", "(Khan, 2021)"]
    out = render_citations([a, b, c], [*cites, [{"id": "c"}]], "apa")
    assert out == ["(M. Lee & Petrov, 2022)", "(Khan, 2021)", "(A. Lee, 2021)"]


def test_names_added_to_cites_do_not_widen_the_bibliography() -> None:
    """Two works whose 21st authors differ: their cites need 21 names, the APA
    bibliography keeps its own rule (19 names, an ellipsis, the last)."""
    from coprodcite.render import render_bibliography, render_citations

    def people(differs: str) -> list[tuple[str, str]]:
        return [(f"P{n}", "A") for n in range(20)] + [(differs, "B"), ("Q", "C"), ("Last", "D")]

    items = [_book("c", 2020, author=people("Roe")), _book("d", 2020, author=people("Doe"))]
    cites = render_citations(items, [[{"id": "c"}], [{"id": "d"}]], "apa")
    assert "Roe" in cites[0] and "Doe" in cites[1]
    for entry in render_bibliography(items, "apa", cited=[[{"id": "c"}], [{"id": "d"}]]):
        assert "P18, A., … Last, D." in entry and "Roe" not in entry and "Doe" not in entry
