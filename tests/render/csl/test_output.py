"""The rich-text writer (coprodcite.render.csl.output and formats): flip-flop, punctuation
merging, punctuation-in-quote, and the five output formats."""

from __future__ import annotations

import pytest

from coprodcite.render.csl.fieldtext import parse_field
from coprodcite.render.csl.output import Quotes, render
from coprodcite.render.csl.rich import Formatting, Out, leaf

ITALIC = Formatting(font_style="italic")
QUOTED = Formatting(quotes=True)
IN_QUOTE = Quotes(punctuation_in_quote=True)


def node(*children: Out, fmt: Formatting = Formatting()) -> Out:
    return Out(list(children), fmt)


def sample() -> Out:
    """``Smith, <i>A_b & {c}</i> <b>bold <i>x</i></b><sup>2</sup>`` as a tree."""
    return node(
        leaf("Smith"),
        node(leaf("A_b & {c} *d*"), fmt=ITALIC),
        node(leaf("bold "), node(leaf("x"), fmt=ITALIC), fmt=Formatting(font_weight="bold")),
        node(leaf("2"), fmt=Formatting(vertical_align="sup")),
        fmt=Formatting(delimiter=", "),
    )


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("text", "Smith, A_b & {c} *d*, bold x, 2"),
        ("html", "Smith, <i>A_b &amp; {c} *d*</i>, <b>bold <i>x</i></b>, <sup>2</sup>"),
        ("markdown", "Smith, *A\\_b & {c} \\*d\\**, **bold *x***, ^2^"),
        ("latex", "Smith, \\textit{A\\_b \\& \\{c\\} *d*}, \\textbf{bold \\textit{x}}, "
                  "\\textsuperscript{2}"),
        ("rtf", "Smith, {\\i A_b & \\{c\\} *d*}, {\\b bold {\\i x}}, {\\super 2}"),
    ],
)  # fmt: skip
def test_formats(fmt: str, want: str) -> None:
    assert render(sample(), fmt, Quotes()) == want


def test_flip_flop_per_format() -> None:
    # italic inside italic flips back to normal (flipflop_ItalicsSimple)
    tree = node(leaf("One "), node(leaf("Two"), fmt=ITALIC), leaf(" Three"), fmt=ITALIC)
    assert render(tree, "html", Quotes()) == (
        '<i>One <span style="font-style:normal;">Two</span> Three</i>'
    )
    assert render(tree, "latex", Quotes()) == "\\textit{One \\textup{Two} Three}"
    assert render(tree, "rtf", Quotes()) == "{\\i One {\\i0 Two} Three}"
    # markdown cannot nest emphasis: the flip closes and reopens it
    assert render(tree, "markdown", Quotes()) == "*One* Two *Three*"
    assert render(tree, "text", Quotes()) == "One Two Three"


def test_rtf_unicode_and_lines() -> None:
    assert render(leaf("Größe — 日\nx"), "rtf", Quotes()) == (
        "Gr\\u246?\\u223?e \\u8212? \\u26085?\\line x"
    )


@pytest.mark.parametrize(
    ("first", "second", "want"),
    [
        ("colon:", ": colon", "colon: colon"),
        ("semicolon;", ": colon", "semicolon; colon"),
        ("colon:", "! exclamation", "colon! exclamation"),  # the second wins
        ("question?", ". period", "question? period"),
        ("comma,", ". period", "comma,. period"),  # both kept
        ("period.", ". period", "period. period"),
        ("end ", " start", "end start"),  # doubled spaces
    ],
)
def test_punctuation_merging(first: str, second: str, want: str) -> None:
    assert render(node(leaf(first), leaf(second)), "text", Quotes()) == want


def quoted(text: str, suffix: str, after: str) -> Out:
    return node(node(leaf(text), fmt=Formatting(quotes=True, suffix=suffix)), leaf(after))


@pytest.mark.parametrize(
    ("text", "suffix", "after", "inside", "outside"),
    [
        ("Title", ",", " next", "“Title,” next", "“Title”, next"),
        ("Title", ".", " next", "“Title.” next", "“Title”. next"),
        ("Title", "!", ": next", "“Title!” next", "“Title”! next"),
        ("Title", ":", " next", "“Title”: next", "“Title”: next"),  # : never moves
        ("Title", ";", "! next", "“Title!” next", "“Title”! next"),
        ("Why?", ".", " next", "“Why?” next", "“Why?”. next"),
        ("Title,", ",", " next", "“Title,” next", "“Title,”, next"),  # not doubled
    ],
)
def test_punctuation_in_quote(
    text: str, suffix: str, after: str, inside: str, outside: str
) -> None:
    assert render(quoted(text, suffix, after), "text", IN_QUOTE) == inside
    assert render(quoted(text, suffix, after), "text", Quotes()) == outside


def test_punctuation_typed_in_one_field_stays() -> None:
    # label_EditorTranslator2, affix_CommaAfterQuote: quote and period in one cite suffix
    tree = node(leaf("Some title"), parse_field(', "Hello there".'))
    assert render(tree, "text", IN_QUOTE) == "Some title, “Hello there”."
    # from a field, then an affix: it moves (flipflop_QuotesInFieldNotOnNode)
    tree = node(node(parse_field("'friend'"), fmt=Formatting(suffix=", and enter.")))
    assert render(tree, "text", IN_QUOTE) == "“friend,” and enter."


def test_nested_quotes_alternate() -> None:
    # decorations_NestedQuotes: a quoted field inside quotes="true"
    tree = node(parse_field("My “Amazing” Title"), fmt=QUOTED)
    assert render(tree, "text", Quotes()) == "“My ‘Amazing’ Title”"
    assert render(parse_field("My “Amazing” Title"), "text", Quotes()) == "My “Amazing” Title"
    # curly single quotes at the top of a field are a quotation like any other
    assert render(parse_field("meaning ‘God willing’."), "text", IN_QUOTE) == (
        "meaning “God willing”."  # the period was typed outside the quote
    )


def test_other_typography() -> None:
    # French guillemets get narrow no-break spaces (punctuation_FrenchOrthography)
    assert render(leaf("His « Anonymous » Life"), "text", Quotes()) == (
        "His «\u202fAnonymous\u202f» Life"
    )
    # superscript characters (magic_SuperscriptChars)
    assert render(leaf("1ª ed²"), "html", Quotes()) == "1<sup>a</sup> ed<sup>2</sup>"
    # baseline inside superscript (decorations_Baseline), written as citeproc-js does
    tree = node(leaf("x "), node(leaf("y"), fmt=Formatting(vertical_align="baseline")),
                fmt=Formatting(vertical_align="sup"))  # fmt: skip
    assert render(tree, "html", Quotes()) == '<sup>x <span style="baseline">y</span></sup>'
    # bold italic nests as citeproc-js writes it
    both = node(leaf("T"), fmt=Formatting(font_style="italic", font_weight="bold"))
    assert render(both, "html", Quotes()) == "<b><i>T</i></b>"


def test_layout_suffix_goes_into_last_display() -> None:
    body = node(
        node(leaf("[1]"), fmt=Formatting(display="left-margin")),
        node(leaf("Title"), fmt=Formatting(display="right-inline")),
        fmt=Formatting(suffix="."),
    )
    assert render(body, "html", Quotes()) == (
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">Title.</div>'
    )
    assert render(body, "text", Quotes()) == "[1] Title."
