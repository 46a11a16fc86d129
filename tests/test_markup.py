"""Title markup to CSL rich text, plain text and abstracts: tables of cases."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coprodcite.markup import plain_text, strip_jats, to_csl_rich_text

SC = '<span style="font-variant:small-caps;">'
NOCASE = '<span class="nocase">'

RICH_TEXT_CASES = [
    # plain text: unchanged but for whitespace and the escaping of & < >
    ("Reflections on Making Co-production Work", "Reflections on Making Co-production Work"),
    ("Health & Social Care", "Health & Social Care"),  # as CSL-JSON readers expect
    ("  Two\n   lines\tand  tabs ", "Two lines and tabs"),
    ("p < 0.05 and x>y", "p < 0.05 and x>y"),
    ("AT&T; R&D, &c.", "AT&T; R&D, &c."),
    ("&copy 2020 and &copy;", "&amp;copy 2020 and ©"),  # HTML would decode "&copy"
    ("", ""),
    # entities are decoded (and & < > escaped again)
    ("Health &amp; Social Care", "Health & Social Care"),
    ("1990&#8211;2000 &ndash; &eacute;t&eacute; &#x3B1;", "1990–2000 – été α"),
    ("&lt;i&gt; is a tag", "&lt;i> is a tag"),  # only what reads as markup
    ("a &unknown; entity", "a &unknown; entity"),
    # HTML and JATS formatting
    ("<i>E. coli</i> and <em>B. subtilis</em>", "<i>E. coli</i> and <i>B. subtilis</i>"),
    (
        "<jats:italic>In vivo</jats:italic> <italic>in vitro</italic>",
        "<i>In vivo</i> <i>in vitro</i>",
    ),
    (
        "<b>Bold</b> <bold>bold</bold> <strong>strong</strong>",
        "<b>Bold</b> <b>bold</b> <b>strong</b>",
    ),
    (
        "CO<sub>2</sub> and H<inf>2</inf>O and m<sup>2</sup>",
        "CO<sub>2</sub> and H<sub>2</sub>O and m<sup>2</sup>",
    ),
    ("<sc>Nhs</sc> and <scp>hiv</scp>", f"{SC}Nhs</span> and {SC}hiv</span>"),
    ('<span style="font-variant:small-caps">Small</span>', f"{SC}Small</span>"),
    ('<span class="nocase">iPhone</span> apps', f"{NOCASE}iPhone</span> apps"),
    ('<span class="other">kept text</span>', "kept text"),
    ("<jats:title>Just a title</jats:title>", "Just a title"),
    ("<p>One</p><p>Two</p>", "One Two"),
    ("A<br/>B<br>C", "A B C"),
    ('<a href="https://example.org">link text</a>', "link text"),
    ("<u>under</u><tt>mono</tt>", "undermono"),
    # MathML keeps its text, without the layout whitespace
    (
        "The <mml:math><mml:msub><mml:mi>x</mml:mi><mml:mn>2</mml:mn></mml:msub></mml:math> case",
        "The x2 case",
    ),
    (
        'On <math xmlns="http://www.w3.org/1998/Math/MathML">\n <mi>D</mi>\n <mi>α</mi>\n</math>-sets',  # noqa: E501
        "On Dα-sets",
    ),
    (
        "<mml:math><mml:semantics><mml:mi>x</mml:mi><mml:annotation>x^2</mml:annotation>"
        "</mml:semantics></mml:math>",
        "x",
    ),
    # stray, unclosed and misnested tags: the output is always balanced
    ("<i>never closed", "<i>never closed</i>"),
    ("closed </i>but never opened", "closed but never opened"),
    ("<i>a <b>b</i> c</b>", "<i>a <b>b</b></i><b> c</b>"),
    ("<b><i>both</b></i>", "<b><i>both</i></b>"),
    ("<i></i>empty <b> </b>tags", "empty tags"),
    ("<p>unclosed paragraph <i>italic</i>", "unclosed paragraph <i>italic</i>"),
    (
        '<span class="x"><span class="nocase">Nested</span> spans</span>',
        f"{NOCASE}Nested</span> spans",
    ),
    # angle brackets that are not markup stay text
    ("Analysis on <La captive> based on Proust", "Analysis on &lt;La captive> based on Proust"),
    (
        "Focused on <There is not Regret in Our Youth>(1946)",
        "Focused on &lt;There is not Regret in Our Youth>(1946)",
    ),
    ("EMBL (&lt;http://www.ebi.ac.uk/embl/&gt;)", "EMBL (&lt;http://www.ebi.ac.uk/embl/>)"),
    ("a<b and c>d", "a&lt;b and c>d"),  # "<b and c>" would read as bold
    ("<td nowrap>cell</td> text", "cell text"),
    # markup escaped twice by the source
    (
        "Review for &lt;scp&gt;risk‐averse&lt;/scp&gt; energy",
        f"Review for {SC}risk‐averse</span> energy",
    ),
    (
        "Compiled from &lt;i&gt;The Encyclopaedia&lt;/i&gt;",
        "Compiled from <i>The Encyclopaedia</i>",
    ),
    ("ANEMIA&lt;subtitle&gt;Successful Treatment&lt;/subtitle&gt;", "ANEMIA: Successful Treatment"),
    ("G3&amp;#58; Genes", "G3: Genes"),
    ("Risk Analysis&amp;nbsp;", "Risk Analysis"),
    # whitespace inside and around markup
    ("A Shiny\n    <scp>r</scp>\n    app", f"A Shiny {SC}r</span> app"),
    ("<scp>T</scp>reebase", f"{SC}T</span>reebase"),
    ("<i> spaced </i>", "<i>spaced</i>"),
    # comments, CDATA and processing instructions
    ("a <!-- hidden --> b", "a b"),
    ("x <![CDATA[kept]]> y", "x kept y"),
]


@pytest.mark.parametrize(("source", "expected"), RICH_TEXT_CASES)
def test_to_csl_rich_text(source, expected):
    assert to_csl_rich_text(source) == expected


@pytest.mark.parametrize(("source", "expected"), RICH_TEXT_CASES)
def test_rich_text_is_a_fixed_point(source, expected):
    assert to_csl_rich_text(expected) == expected


PLAIN_CASES = [
    ("<i>E. coli</i> &amp; CO<sub>2</sub>", "E. coli & CO2"),
    (f"{SC}Nhs</span> care", "Nhs care"),
    ("Health & Social Care", "Health & Social Care"),
    ("p &lt; 0.05", "p < 0.05"),
    ("<jats:title>Raw</jats:title> <jats:italic>JATS</jats:italic>", "Raw JATS"),
    ("  spaced   out ", "spaced out"),
    ("", ""),
]


@pytest.mark.parametrize(("rich", "expected"), PLAIN_CASES)
def test_plain_text(rich, expected):
    assert plain_text(rich) == expected


ABSTRACT_CASES = [
    ("<jats:p>One paragraph.</jats:p>", "One paragraph."),
    ("<jats:title>Abstract</jats:title><jats:p>Only the body.</jats:p>", "Only the body."),
    (
        "<jats:sec><jats:title>Background</jats:title><jats:p>Some <jats:italic>text</jats:italic>"
        "\n   here.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title>"
        "<jats:p>p &lt; 0.05 &amp; more.</jats:p></jats:sec>",
        "Background\n\nSome text here.\n\nResults\n\np < 0.05 & more.",
    ),
    ("<p>First</p><p>Second</p>", "First\n\nSecond"),
    (
        "Plain first paragraph.\n\nPlain second\nparagraph.",
        "Plain first paragraph.\n\nPlain second paragraph.",
    ),
    ("Line one<br/>line two", "Line one line two"),
    (
        "<jats:p>Area <mml:math><mml:msup><mml:mi>m</mml:mi><mml:mn>2</mml:mn></mml:msup>"
        "</mml:math> grew</jats:p>",
        "Area m2 grew",
    ),
    (
        "<jats:list><jats:list-item><jats:p>first</jats:p></jats:list-item>"
        "<jats:list-item><jats:p>second</jats:p></jats:list-item></jats:list>",
        "first\n\nsecond",
    ),
    ("", ""),
]


@pytest.mark.parametrize(("source", "expected"), ABSTRACT_CASES)
def test_strip_jats(source, expected):
    assert strip_jats(source) == expected


_ALLOWED_TAG = re.compile(
    r'<(/?)(i|b|sub|sup|span)(?: style="font-variant:small-caps;"| class="nocase")?>'
)
_PIECES = st.sampled_from(
    [
        "<i>",
        "</i>",
        "<b>",
        "</b>",
        "<sub>",
        "</sub>",
        "<sup>",
        "</sup>",
        "<scp>",
        "</scp>",
        "<jats:italic>",
        "</jats:italic>",
        '<span class="nocase">',
        "</span>",
        "<p>",
        "</p>",
        "<mml:math>",
        "</mml:math>",
        "<br/>",
        "&amp;",
        "&lt;",
        "&#8211;",
        "&",
        "<",
        ">",
        " ",
        "\n",
        "word",
        "Ünï",
        "<La captive>",
        "<!-- c -->",
    ]
)


def _balanced(rich: str) -> bool:
    stack: list[str] = []
    for match in _ALLOWED_TAG.finditer(rich):
        closing, name = match.groups()
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


@given(
    st.lists(_PIECES, max_size=30).map("".join)
    | st.text(alphabet=st.sampled_from(list('<>/&;#ibspa="x \n')), max_size=40)
)
def test_rich_text_is_balanced_escaped_and_stable(source):
    rich = to_csl_rich_text(source)
    assert _balanced(rich)
    text_only = _ALLOWED_TAG.sub("", rich)
    # nothing outside the tags reads as a tag or a character reference
    assert not re.search(r"<[A-Za-z/!?]", text_only)
    assert html.unescape(text_only.replace("&amp;", "").replace("&lt;", "")) == (
        text_only.replace("&amp;", "").replace("&lt;", "")
    )
    assert rich == rich.strip() and "  " not in rich
    assert to_csl_rich_text(rich) == rich
    assert plain_text(rich) == plain_text(source)


def test_whitespace_but_space_is_every_whitespace_character_but_the_space():
    import sys

    from coprodcite.markup import WHITESPACE_BUT_SPACE

    listed = re.compile(f"[{WHITESPACE_BUT_SPACE}]")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(listed.match(char)) == (char.isspace() and char != " "), hex(code)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("one two", "one two"),
        ("  one\t\ttwo \n", " one two "),
        ("a\u00a0b", "a b"),
        ("a\u3000\u2003b", "a b"),
    ],
)
def test_collapse_spaces(text, expected):
    from coprodcite.markup import collapse_spaces

    assert collapse_spaces(text) == expected


def test_collapse_spaces_ascii_only_keeps_a_no_break_space():
    from coprodcite.markup import collapse_spaces

    assert collapse_spaces("Knuth\u00a0 \t D.", ascii_only=True) == "Knuth\u00a0 D."


@given(
    st.text(alphabet=st.sampled_from(list("ab \t\n\u00a0\u2003")), max_size=60),
    st.integers(min_value=1, max_value=9),
    st.booleans(),
)
def test_collapse_spaces_in_pieces_is_one_substitution(text, chunk, ascii_only):
    """However the text is cut into pieces, the result is that of one re.sub."""
    from coprodcite.markup import collapse_spaces

    runs = r"[ \t\r\n\f\v]+" if ascii_only else r"\s+"
    expected = re.sub(runs, " ", text)
    assert collapse_spaces(text, ascii_only=ascii_only, chunk=chunk) == expected
