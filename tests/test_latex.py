"""One LaTeX escape table (coprodcite/latex.py) for every writer of LaTeX."""

from __future__ import annotations

import html

import pytest

from coprodcite.formats.bibtex.latex_in import latex_to_rich
from coprodcite.formats.bibtex.latex_out import escape_latex
from coprodcite.latex import LATEX_ESCAPES, escape_latex_text
from coprodcite.render import ENGINES, render_citations

SPECIALS = "".join(LATEX_ESCAPES)
STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    '<info><id/><title/></info><citation><layout><text variable="title"/></layout>'
    "</citation></style>"
)


@pytest.mark.parametrize(("char", "escaped"), sorted(LATEX_ESCAPES.items()))
def test_each_special_character_has_one_escape(char: str, escaped: str) -> None:
    assert escape_latex_text(f"a{char}b") == f"a{escaped}b"


@pytest.mark.parametrize("char", sorted(LATEX_ESCAPES))
def test_bibtex_reads_every_escape_back(char: str) -> None:
    text = f"x {char} y"
    written = escape_latex(text)
    assert written == escape_latex_text(text)
    assert html.unescape(latex_to_rich(written)) == text


@pytest.mark.filterwarnings("ignore:style 'inline style' does not pass")
@pytest.mark.parametrize("engine", ENGINES)
def test_both_engines_write_the_tables_escapes(engine: str) -> None:
    title = "a ^ b ~ c < d > e & f _ g"
    items = [{"id": "a", "type": "book", "title": title}]
    (out,) = render_citations(items, [[{"id": "a"}]], STYLE, fmt="latex", engine=engine)
    assert out == escape_latex_text(title)
