"""CSL-JSON rich-text markup of field values (coprodcite.render.csl.fieldtext).

Expectations are the fixtures' results (named in comments), written with the html writer
of coprodcite.render.csl.output (which escapes ``<`` as ``&lt;`` where the fixtures have
``&#60;``).
"""

from __future__ import annotations

import pytest

from coprodcite.render.csl.fieldtext import parse_field
from coprodcite.render.csl.output import Quotes, render
from coprodcite.render.csl.rich import Formatting, Out

FRENCH = Quotes("\u00ab\u00a0", "\u00a0\u00bb", "\u201c", "\u201d")


def html(text: str, fmt: Formatting | None = None, quotes: Quotes | None = None) -> str:
    node = parse_field(text)
    if fmt is not None:
        node = Out([node], fmt)
    return render(node, "html", quotes or Quotes())


MARKUP = [
    # flipflop_ItalicsSimple
    ("One TwoA <i>Three Four</i> Five!", "One TwoA <i>Three Four</i> Five!"),
    ("<i>One TwoD</i> Three <i>Four Five!</i>", "<i>One TwoD</i> Three <i>Four Five!</i>"),
    (
        "<i>One TwoE <i>Three</i> Four Five!</i>",
        '<i>One TwoE <span style="font-style:normal;">Three</span> Four Five!</i>',
    ),
    # an unbalanced tag stays literal
    ("One TwoF</i> Three Four Five!", "One TwoF&lt;/i&gt; Three Four Five!"),
    ("<i>unclosed and <b>bold</b>", "unclosed and <b>bold</b>"),
    # unknown tags and spans stay literal
    ("a <em>b</em> c", "a &lt;em&gt;b&lt;/em&gt; c"),
    ('<span lang="fr">oui</span>', '&lt;span lang="fr"&gt;oui&lt;/span&gt;'),
    # bold, superscript, subscript, small caps
    ("<b>B</b> x<sup>2</sup> H<sub>2</sub>O", "<b>B</b> x<sup>2</sup> H<sub>2</sub>O"),
    ("<sc>Here</sc>", '<span style="font-variant:small-caps;">Here</span>'),
    # bugreports_SmallCapsEscape: a space in the style
    (
        '<span style="font-variant: small-caps;">Here</span>',
        '<span style="font-variant:small-caps;">Here</span>',
    ),
    # nocase spans leave no markup
    ('<span class="nocase">iPad</span> review', "iPad review"),
    # entities
    ("AT&amp;T &lt;b&gt; &#38; &#x26; &quot;x&quot;", "AT&amp;T &lt;b&gt; &amp; &amp; “x”"),
    ("AT&T & more &bogus;", "AT&amp;T &amp; more &amp;bogus;"),
]


@pytest.mark.parametrize(("text", "expected"), MARKUP)
def test_markup(text: str, expected: str) -> None:
    assert html(text) == expected


QUOTES = [
    # flipflop_SingleQuotesOnItalics
    ('It is official ("<i>My Title</i>") now', "It is official (“<i>My Title</i>”) now"),
    # flipflop_StartingApostrophe: a lone quote is an apostrophe
    ("Automation (ETFA '09)", "Automation (ETFA ’09)"),
    # flipflop_OrphanQuote: a closing mark after a space closes nothing
    ('Nation of "Positive Obligations " of State', 'Nation of "Positive Obligations " of State'),
    # flipflop_ApostropheInsideTag
    ("<span class=\"nocase\">l'''</span>", "l’’’"),
    # bugreports_SingleQuote: apostrophes between spaces
    ("production d ' eau dans l ’ optique", "production d ’ eau dans l ’ optique"),
    # flipflop_SingleBeforeColon: single quotes pair, an apostrophe inside
    ("'Nobody Knows You're a Dog': As", "“Nobody Knows You’re a Dog”: As"),
    # straight double quotes and apostrophes mixed
    ("\"Plato's 'forms'\" again", "“Plato’s ‘forms’” again"),
    # the students' books: a closing mark with nothing open is an apostrophe
    ("the students' books", "the students’ books"),
    # an unpaired curly opening mark stays as it is
    ("a “b c", "a “b c"),
]


@pytest.mark.parametrize(("text", "expected"), QUOTES)
def test_quotes(text: str, expected: str) -> None:
    assert html(text) == expected


def test_quotes_flip_flop_inside_quoted_text() -> None:
    quoted = Formatting(quotes=True)
    # decorations_NestedQuotes
    assert html("My “Amazing” Title", quoted) == "“My ‘Amazing’ Title”"
    # decorations_NestedQuotesInnerReverse
    assert (
        html("My “‘Amazing’ <b>and</b> Bogus” Title", quoted)
        == "“My ‘“Amazing” <b>and</b> Bogus’ Title”"
    )
    # flipflop_LeadingSingleQuote
    assert (
        html("‘Parmenides’ 132c–133a and the development of Plato's thought", quoted)
        == "“‘Parmenides’ 132c–133a and the development of Plato’s thought”"
    )
    # bugreports_FrenchApostrophe
    assert (
        html("Life's 'Little' Surprises", quoted, FRENCH)
        == "«\u00a0Life’s “Little” Surprises\u00a0»"
    )


def test_formatting_flip_flop() -> None:
    # flipflop_ItalicsFlipped
    assert (
        html("One <i>Two <i>Three</i> Four</i> Five!", Formatting(font_style="italic"))
        == '<i>One <span style="font-style:normal;">Two <i>Three</i> Four</span> Five!</i>'
    )
    # flipflop_SmallCaps
    assert (
        html(
            'His <span style="font-variant:small-caps;">Anonymous</span> Life',
            Formatting(font_variant="small-caps"),
        )
        == '<span style="font-variant:small-caps;">His <span style="font-variant:normal;">'
        "Anonymous</span> Life</span>"
    )
    # flipflop_ItalicsWithOk: nodecor
    assert (
        html('Lessard <span class="nodecor">v.</span> Schmidt', Formatting(font_style="italic"))
        == '<i>Lessard <span style="font-style:normal;">v.</span> Schmidt</i>'
    )


def test_tree_shape() -> None:
    # plain text is one leaf
    plain = parse_field("A plain title, with commas.")
    assert plain.text == "A plain title, with commas."
    assert parse_field("").text == ""
    # nocase and implicit nocase leaves (textcase_ImplicitNocase)
    node = parse_field('a <span class="nocase">B</span> <sc>c</sc> <i>d</i>')
    flags = [(part.text, part.nocase) for part in node.leaves()]
    assert flags == [("a ", False), ("B", True), (" ", False), ("c", True), (" ", False),
                     ("d", False)]  # fmt: skip
    quoted = parse_field('say "hi"')
    assert quoted.children[1].fmt == Formatting(quotes=True)
    assert quoted.plain_text() == 'say "hi"'
