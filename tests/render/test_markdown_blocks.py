"""Markdown output never turns a title into block syntax (issue 17, item 6): a line that
begins with ``# ``, ``---``, ``>``, ``1. `` ... stays paragraph text, in both engines.
Checked with a CommonMark parser (markdown-it-py, which rich depends on)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coprodcite.render import ENGINES, render_bibliography, render_citations
from coprodcite.render.csl.formats import markdown_blocks_escaped

pytestmark = pytest.mark.filterwarnings("ignore:style 'inline style' does not pass")

STYLE = (
    '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
    "<info><id/><title/></info>"
    '<citation><layout><text variable="title"/></layout></citation>'
    '<bibliography><layout><text variable="title"/></layout></bibliography></style>'
)
HOSTILE = [
    "# Heading",
    "## Two",
    "---",
    "***",
    "___",
    "> Quoted",
    "1. Listed",
    "2000) Listed",
    "- Bullet",
    "+ Bullet",
    "* Bullet",
    "===",
    "    indented code",
    "```fenced",
    "~~~fenced",
    "| a | b |",
    "<div>html</div>",
    "[x]: https://evil.invalid",
    "First line\n# Heading\n---\n> quote\n1. list",
]


def blocks(markdown: str) -> list[str]:
    """The block-level token types CommonMark reads in ``markdown``."""
    return [t.type for t in MarkdownIt("commonmark").parse(markdown)]


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("# Title", "\\# Title"),
        ("---", "\\---"),
        ("> quote", "\\> quote"),
        ("1. First", "1\\. First"),
        ("2000. Title", "2000\\. Title"),
        ("(1) Example", "\\(1) Example"),
        ("@doe", "\\@doe"),
        ("    code", "code"),
        ("Title\n# Two", "Title\n\\# Two"),
        # left alone: not block syntax
        ("*Italic*", "*Italic*"),
        ("1.5 mg", "1.5 mg"),
        ("(Doe, 2000)", "(Doe, 2000)"),
        ("Doe, J. # 5", "Doe, J. # 5"),
    ],
)
def test_block_syntax_at_a_line_start_is_escaped(text: str, want: str) -> None:
    assert markdown_blocks_escaped(text) == want


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("title", HOSTILE)
def test_a_title_is_one_paragraph_in_both_engines(engine: str, title: str) -> None:
    items = [{"id": "a", "type": "book", "title": title}]
    (entry,) = render_bibliography(items, STYLE, fmt="markdown", engine=engine)
    (cite,) = render_citations(items, [[{"id": "a"}]], STYLE, fmt="markdown", engine=engine)
    for out in (entry, cite):
        assert blocks(out) == ["paragraph_open", "inline", "paragraph_close"], out


@given(st.text(alphabet=st.sampled_from(list("#>-=+*_`~|:%@()1. \nab")), max_size=30))
def test_any_text_stays_one_paragraph(title: str) -> None:
    title = title.strip()
    if not title.strip("\n ") or "\n\n" in title:
        return  # an empty title prints nothing; a blank line is a paragraph break
    items = [{"id": "a", "type": "book", "title": title}]
    (entry,) = render_bibliography(items, STYLE, fmt="markdown", engine="coprodcite")
    assert set(blocks(entry)) <= {"paragraph_open", "inline", "paragraph_close"}, entry
