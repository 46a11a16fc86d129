"""LaTeX and RTF output, escaping in every format, and coprodcite's citeproc-py fixes."""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render import render_bibliography, render_citations

pytestmark = pytest.mark.filterwarnings("error::coprodcite.render.RenderWarning")

SPECIAL: dict[str, Any] = {  # an invented article whose title holds every special character
    "id": "quill2020",
    "type": "article-journal",
    "title": "Costs & 50% of {x}_1 ~ $5 #1 \\ <i>in vivo</i> <script>café ^",
    "author": [{"family": "Quill", "given": "Ada"}, {"family": "Wren", "given": "Tomasz"}],
    "container-title": "Journal of <b>Things</b>",
    "issued": {"date-parts": [[2020]]},
    "volume": "3",
    "page": "1-5",
}


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [
        (
            "latex",
            "Quill, A., \\& Wren, T. (2020). Costs \\& 50\\% of \\{x\\}\\_1 \\textasciitilde{} "
            "\\$5 \\#1 \\textbackslash{} \\textit{in vivo} \\textless{}script\\textgreater{}café "
            "\\textasciicircum{}. \\textit{Journal of \\textbf{Things}}, \\textit{3}, 1–5.",
        ),
        (
            "rtf",
            "Quill, A., & Wren, T. (2020). Costs & 50% of \\{x\\}_1 ~ $5 #1 \\\\ {\\i in vivo} "
            "<script>caf\\u233? ^. {\\i Journal of {\\b Things}}, {\\i 3}, 1\\u8211?5.",
        ),
        (
            "html",
            "Quill, A., &amp; Wren, T. (2020). Costs &amp; 50% of {x}_1 ~ $5 #1 \\ <i>in vivo</i> "
            "&lt;script&gt;café ^. <i>Journal of <b>Things</b></i>, <i>3</i>, 1–5.",
        ),
    ],
)
def test_field_values_are_escaped_and_only_the_style_formats(fmt: str, expected: str) -> None:
    assert render_bibliography([SPECIAL], "apa", fmt=fmt) == [expected]


def test_italic_inside_italic_flips_back_in_latex_and_rtf() -> None:
    book = {
        "id": "b",
        "type": "book",
        "title": "On <i>Ulysses</i>",
        "issued": {"date-parts": [[2001]]},
    }
    assert "\\textit{On \\textup{Ulysses}}" in render_bibliography([book], "apa", fmt="latex")[0]
    assert "{\\i On {\\i0 Ulysses}}" in render_bibliography([book], "apa", fmt="rtf")[0]


def test_rtf_writes_characters_beyond_the_basic_plane_as_surrogate_pairs() -> None:
    item = {**SPECIAL, "title": "Emoji 😀"}
    assert "Emoji \\u-10179?\\u-8704?" in render_bibliography([item], "apa", fmt="rtf")[0]


def test_latex_escapes_the_style_own_text() -> None:
    # APA's "&" between authors is style text, not a field value
    assert render_citations(
        [SPECIAL], [[{"id": "quill2020", "locator": "4_5"}]], "apa", fmt="latex"
    ) == ["(Quill \\& Wren, 2020, p. 4\\_5)"]  # 4_5 is one page, not a range


STYLE_WITH = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>T</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation {citation}><layout delimiter="; ">{layout}</layout></citation>
</style>"""
ITEMS = [
    {"id": "a", "type": "book", "title": "Alpha", "edition": 2, "author": [{"family": "Wren"}]},
    {"id": "b", "type": "book", "title": "Beta", "author": [{"family": "Quill"}]},
]


def _cite(layout: str, cluster: list[str], citation: str = "") -> str:
    style = STYLE_WITH.format(citation=citation, layout=layout)
    return render_citations(ITEMS, [[{"id": i} for i in cluster]], style)[0]


def test_text_case_on_a_number_does_not_crash() -> None:  # citeproc-py: int has no .upper
    assert _cite('<number variable="edition" text-case="uppercase"/>', ["a"]) == "2"


def test_strip_periods_on_a_number_does_not_crash() -> None:
    assert _cite('<text variable="edition" strip-periods="true"/>', ["a"]) == "2"


def test_text_case_on_a_macro_with_a_prefix_does_not_crash() -> None:
    # citeproc-py: the prefix is a plain str inside a MixedString, which has no capitalize_first
    macro = '<macro name="m"><group delimiter=", " prefix="x "><text variable="title"/>'
    macro += '<text term="edition"/></group></macro><citation'
    style = STYLE_WITH.format(citation="", layout='<text macro="m" text-case="capitalize-first"/>')
    style = style.replace("<citation", macro, 1)
    # text-case changes the text, not the affixes (citeproc-py also capitalised the prefix)
    assert render_citations(ITEMS, [[{"id": "b"}]], style) == ["x Beta, edition"]
    assert render_citations(ITEMS, [[{"id": "b"}]], style, engine="citeproc-py") == [
        "X Beta, edition"
    ]


def test_near_note_position_without_near_note_distance() -> None:
    layout = (
        '<choose><if position="near-note"><text value="near"/></if>'
        '<else><text variable="title"/></else></choose>'
    )
    style = STYLE_WITH.format(citation="", layout=layout)
    cites = render_citations(ITEMS, [[{"id": "a"}], [{"id": "a"}]], style)
    assert cites == ["Alpha", "near"]


def test_cites_keep_their_cluster_order_without_a_sort() -> None:
    assert _cite('<text variable="title"/>', ["b", "a"]) == "Beta; Alpha"


def test_cites_are_sorted_when_the_citation_has_a_sort() -> None:
    style = STYLE_WITH.format(citation="", layout='<text variable="title"/>')
    style = style.replace("<layout", '<sort><key variable="title"/></sort><layout')
    assert render_citations(ITEMS, [[{"id": "b"}, {"id": "a"}]], style) == ["Alpha; Beta"]


def test_names_without_a_name_element_do_not_grow_the_style() -> None:
    style = STYLE_WITH.format(citation="", layout='<names variable="author"/>')
    for _ in range(3):  # the bridge gives cs:names a cs:name once, in its own tree
        assert render_citations(ITEMS, [[{"id": "a"}]], style, engine="citeproc-py") == ["Wren"]
    from coprodcite.render.citeproc_py.bridge import load_style
    from coprodcite.render.styles import resolve_style

    root = load_style(resolve_style(style), None).root
    assert len(root.findall(".//{http://purl.org/net/xbiblio/csl}name")) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("d'Arcus", "d’Arcus"),
        # single quotes that pair are quotes, outer ones at the top (flipflop_* fixtures)
        ("Life's 'Little' Surprises", "Life’s “Little” Surprises"),
        ('And "so it goes" (see "x")', "And “so it goes” (see “x”)"),
    ],
)
def test_straight_quotes_in_fields_become_typographic(text: str, expected: str) -> None:
    item = {"id": "q", "type": "book", "title": text}
    style = STYLE_WITH.format(citation="", layout='<text variable="title"/>')
    assert render_citations([item], [[{"id": "q"}]], style) == [expected]


def test_punctuation_moves_inside_quotes_in_en_us() -> None:
    items = [
        {"id": "q", "type": "article", "title": "Title"},
        {"id": "r", "type": "article", "title": "Why?"},
    ]
    layout = '<text variable="title" quotes="true" suffix="."/>'
    style = STYLE_WITH.format(citation="", layout=layout)
    assert render_citations(items, [[{"id": "q"}], [{"id": "r"}]], style) == ["“Title.”", "“Why?”"]
    british = style.replace('version="1.0"', 'version="1.0" default-locale="en-GB"')
    assert render_citations(items, [[{"id": "q"}]], british) == ["‘Title’."]


def test_year_suffixes_tell_apart_citations_that_read_the_same() -> None:
    items = [
        {
            "id": f"w{n}",
            "type": "book",
            "title": title,
            "author": [{"family": "Wren", "given": "T."}],
            "issued": {"date-parts": [[2020]]},
        }
        for n, title in enumerate(["Beta", "Alpha"])
    ]
    cites = render_citations(items, [[{"id": "w0"}], [{"id": "w1"}]], "apa")
    assert cites == ["(Wren, 2020b)", "(Wren, 2020a)"]  # suffixes follow the bibliography
    assert [e[:16] for e in render_bibliography(items, "apa")] == [
        "Wren, T. (2020a)",
        "Wren, T. (2020b)",
    ]


@pytest.mark.parametrize(
    ("n", "letters"), [(0, "a"), (25, "z"), (26, "aa"), (51, "az"), (52, "ba")]
)
def test_year_suffix_letters(n: int, letters: str) -> None:
    from coprodcite.render.citeproc_py.disambiguate import suffix

    assert suffix(n) == letters


@pytest.mark.parametrize(
    ("given", "attributes", "expected"),
    [
        ("Jae-won", 'initialize-with="."', "J. Kim"),  # citeproc-py: "J.-. won . Kim"
        ("Jean-Luc", 'initialize-with="."', "J.-L. Kim"),
        ("John M.E.", 'initialize-with=". " initialize="false"', "John M. E. Kim"),
        ("ME", 'initialize-with="." initialize="false"', "ME Kim"),
    ],
)
def test_initials(given: str, attributes: str, expected: str) -> None:
    item = {"id": "k", "type": "book", "author": [{"family": "Kim", "given": given}]}
    layout = f'<names variable="author"><name {attributes}/></names>'
    style = STYLE_WITH.format(citation="", layout=layout)
    assert render_citations([item], [[{"id": "k"}]], style) == [expected]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Why?", "Why?"), ("Doe Co.", "Doe Co."), ("Wait...", "Wait..."), ("Plain", "Plain.")],
)
def test_a_period_after_end_punctuation_is_dropped(title: str, expected: str) -> None:
    item = {"id": "p", "type": "book", "title": title}
    style = STYLE_WITH.format(citation="", layout='<text variable="title" suffix="."/>')
    assert render_citations([item], [[{"id": "p"}]], style) == [expected]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            'the "new career" and pro-environmental work',
            "The “New Career” and Pro-Environmental Work",
        ),
        ("out-of-fashion cat/mouse games", "Out-of-Fashion Cat/Mouse Games"),
        ("07-x test", "07-x Test"),
    ],
)
def test_title_case_capitalises_after_quotes_hyphens_and_slashes(title: str, expected: str) -> None:
    item = {"id": "t", "type": "book", "title": title}
    style = STYLE_WITH.format(citation="", layout='<text variable="title" text-case="title"/>')
    assert render_citations([item], [[{"id": "t"}]], style) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Title”, 1887", "“Title,” 1887"),
        ("“MEDICAL PROGRESS.”, 1887", "“MEDICAL PROGRESS.”, 1887"),
        ("“Why?”, 1887", "“Why?,” 1887"),  # as citeproc-js (bugreports_IeeePunctuation)
        ("“Why?”. Next", "“Why?” Next"),
    ],
)
def test_punctuation_in_quote(text: str, expected: str) -> None:
    from coprodcite.render.citeproc_py.markup import punctuation_in_quote

    assert punctuation_in_quote(text) == expected


def test_bibliography_sort_compares_numbers_as_numbers_and_puts_missing_keys_last() -> None:
    style = STYLE_WITH.format(citation="", layout='<text variable="title"/>').replace(
        "</style>",
        '<bibliography><sort><key variable="volume"/><key variable="title" sort="descending"/>'
        '</sort><layout><text variable="title"/></layout></bibliography></style>',
    )
    items = [
        {"id": "a", "type": "book", "title": "Ten", "volume": "10"},
        {"id": "b", "type": "book", "title": "None"},
        {"id": "c", "type": "book", "title": "Nine", "volume": "9"},
        {"id": "d", "type": "book", "title": "Nine again", "volume": "9"},
    ]
    assert render_bibliography(items, style) == ["Nine again", "Nine", "Ten", "None"]
