"""Rendering through the real citeproc-py engine: bibliographies, citations, formats."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coprodcite.errors import InvalidInput, StyleError
from coprodcite.render import (
    FORMATS,
    RenderWarning,
    render_bibliography,
    render_citations,
)
from coprodcite.render.styles import bundled_styles_dir

# Any RenderWarning a test does not expect with pytest.warns is a failure.
pytestmark = pytest.mark.filterwarnings("error::coprodcite.render.RenderWarning")

OKAFOR: dict[str, Any] = {
    "id": "okafor2023",
    "type": "article-journal",
    "title": "Co-producing knowledge with community researchers: "
    "Lessons from three participatory projects",
    "author": [
        {"family": "Okafor", "given": "Adaeze N."},
        {"family": "Lindqvist", "given": "Maja"},
        {"family": "Ferreira", "given": "João P."},
    ],
    "container-title": "Journal of Participatory Research",
    "volume": "12",
    "issue": "3",
    "page": "245-267",
    "issued": {"date-parts": [[2023, 5, 14]]},
    "DOI": "10.5555/jpr.2023.0123",
    "citation-key": "okafor2023",  # not a field citeproc-py knows: dropped quietly
}
OKAFOR_APA = (
    "Okafor, A. N., Lindqvist, M., & Ferreira, J. P. (2023). Co-producing knowledge with "
    "community researchers: Lessons from three participatory projects. Journal of "
    "Participatory Research, 12(3), 245–267. https://doi.org/10.5555/jpr.2023.0123"
)
BRENNAN: dict[str, Any] = {
    "id": "Brennan2021",
    "type": "book",
    "title": "Working with, not on: Community archives in practice",
    "author": [{"family": "Brennan", "given": "Siobhán"}],
    "publisher": "Northfield University Press",
    "publisher-place": "Leeds",
    "issued": {"date-parts": [[2021]]},
}
BRENNAN_APA = (
    "Brennan, S. (2021). Working with, not on: Community archives in practice. "
    "Northfield University Press."
)
BROKEN: dict[str, Any] = {  # a year that is not a number makes citeproc-py raise
    "id": "broken2020",
    "type": "book",
    "title": "A book with a bad date",
    "author": [{"family": "Zed", "given": "Ann"}],
    "issued": {"date-parts": [["abc"]]},
}
TINY_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info>
    <title>Tiny</title>
    <id>http://example.org/styles/tiny</id>
    <updated>2024-01-01T00:00:00+00:00</updated>
  </info>
  <citation>
    <layout prefix="[" suffix="]" delimiter="; ">
      <group delimiter=" ">
        <names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </citation>
  <bibliography>
    <sort><key variable="author"/></sort>
    <layout suffix=".">
      <group delimiter=". ">
        <names variable="author"><name name-as-sort-order="all" initialize-with="."/></names>
        <text variable="title" font-style="italic"/>
        <date variable="issued"><date-part name="year"/></date>
      </group>
    </layout>
  </bibliography>
</style>
"""


def _with(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    return {**item, **{k.replace("_", "-"): v for k, v in changes.items()}}


# -- bibliographies ---------------------------------------------------------------------


def test_apa_bibliography_in_text() -> None:
    assert render_bibliography([OKAFOR], "apa") == [OKAFOR_APA]


def test_bibliography_is_in_the_style_order() -> None:
    assert render_bibliography([OKAFOR, BRENNAN], "apa") == [BRENNAN_APA, OKAFOR_APA]


def test_html_italicises_the_journal_and_escapes_field_values() -> None:
    evil = _with(OKAFOR, title="<script>alert(1)</script> & friends")
    [entry] = render_bibliography([evil], "apa", fmt="html")
    assert "<i>Journal of Participatory Research</i>, <i>12</i>(3)" in entry
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends" in entry
    assert "<script>" not in entry
    assert "Lindqvist, M., &amp; Ferreira" in entry  # the style's own "&" is escaped too


def test_html_escapes_the_style_own_angle_brackets() -> None:
    # OSCOLA puts URLs in <...> through affixes, which citeproc-py writes unescaped
    [entry] = render_bibliography([OKAFOR], "oscola", fmt="html")
    assert entry.endswith("Research 245 &lt;https://doi.org/10.5555/jpr.2023.0123&gt;")


def test_text_output_has_no_markup() -> None:
    item = _with(OKAFOR, title="Lessons from <i>three</i> <b>projects</b> & <sup>more</sup>")
    [entry] = render_bibliography([item], "apa", fmt="text")
    assert "Lessons from three projects & more. Journal of Participatory Research" in entry
    assert "<" not in entry and "&amp;" not in entry


def test_text_output_keeps_angle_brackets_of_field_values() -> None:
    [entry] = render_bibliography([_with(OKAFOR, title="Why x < y > z")], "apa")
    assert "(2023). Why x < y > z. Journal" in entry


def test_rich_text_in_fields_becomes_formatting() -> None:
    item = _with(BRENNAN, title="Water as H<sub>2</sub>O in <i>Homo sapiens</i>")
    [html] = render_bibliography([item], "apa", fmt="html")
    # the book title is italic, so the italic species name flips back to roman
    assert (
        '<i>Water as H<sub>2</sub>O in <span style="font-style:normal;">Homo sapiens</span></i>'
    ) in html
    [markdown] = render_bibliography([item], "apa", fmt="markdown")
    # markdown has no roman inside italics: the emphasis closes before the species name
    assert "*Water as H~2~O in* Homo sapiens." in markdown
    [old] = render_bibliography([item], "apa", fmt="markdown", engine="citeproc-py")
    assert "*Water as H~2~O in Homo sapiens*" in old  # the bridge merges the two


def test_rich_text_keeps_its_case_and_spacing_in_title_case() -> None:
    title = 'working <i>with</i>, not on: the <span class="nocase">iPhone</span>'
    [entry] = render_bibliography([_with(BRENNAN, title=title)], "chicago-author-date")
    assert entry == (
        "Brennan, Siobhán. 2021. Working with, Not on: The iPhone. Northfield University Press."
    )


def test_unbalanced_rich_text_tags_are_dropped() -> None:
    [entry] = render_bibliography(
        [_with(BRENNAN, title="Open <i>but never closed")], "apa", fmt="html"
    )
    assert "<i>Open but never closed</i>" in entry


def test_entities_of_csl_rich_text_are_decoded_once() -> None:
    # coprodcite.markup stores "&", "<" and ">" of titles as entities
    title = "Health &amp; care: <i>p</i> &lt; 0.05 and &lt;i&gt; as text, R&D"
    [text] = render_bibliography([_with(OKAFOR, title=title)], "apa")
    assert "(2023). Health & care: p < 0.05 and <i> as text, R&D. Journal" in text
    [html] = render_bibliography([_with(OKAFOR, title=title)], "apa", fmt="html")
    assert "Health &amp; care: <i>p</i> &lt; 0.05 and &lt;i&gt; as text, R&amp;D." in html


def test_markdown_emphasis_and_escaping() -> None:
    item = _with(OKAFOR, title="Stars *and* _lines_ [not a link](x) at AT&T, &copy;")
    [entry] = render_bibliography([item], "apa", fmt="markdown")
    # the title's ";" takes the place of APA's "." after it, as citeproc-js does
    assert r"Stars \*and\* \_lines\_ \[not a link\](x) at AT&T, \&copy; *Journal" in entry
    assert "*Journal of Participatory Research*, *12*(3), 245–267." in entry
    [old] = render_bibliography([item], "apa", fmt="markdown", engine="citeproc-py")
    assert r"Stars \*and\* \_lines\_ \[not a link\](x) at AT&T, \&copy;." in old


def test_dependent_style_renders_with_its_parent() -> None:
    entries = render_bibliography([OKAFOR, BRENNAN], "nature-digest")
    assert len(entries) == 2
    assert "Okafor, A. N., Lindqvist, M. & Ferreira, J. P." in entries[0]
    assert "Journal of Participatory Research 12, 245–267 (2023)." in entries[0]
    assert "Brennan, S." in entries[1]


def test_path_to_a_csl_file_renders_like_the_name(tmp_path: Path) -> None:
    copy = tmp_path / "house-style.csl"
    copy.write_bytes((bundled_styles_dir() / "apa.csl").read_bytes())
    assert render_bibliography([OKAFOR], str(copy)) == [OKAFOR_APA]


def test_csl_xml_text_renders() -> None:
    assert render_bibliography([OKAFOR, BRENNAN], TINY_STYLE, fmt="html") == [
        "Brennan, S. <i>Working with, not on: Community archives in practice</i>. 2021.",
        "Okafor, A.N., Lindqvist, M., Ferreira, J.P. <i>Co-producing knowledge with "
        "community researchers: Lessons from three participatory projects</i>. 2023.",
    ]


def test_cited_clusters_set_the_numbers_of_a_numeric_style() -> None:
    entries = render_bibliography([OKAFOR, BRENNAN], "ieee", cited=[[{"id": "Brennan2021"}]])
    assert entries[0].startswith("[1] S. Brennan,")
    assert entries[1].startswith("[2] A. N. Okafor,")


def test_bibliography_ignores_locators_of_cited_clusters() -> None:
    cited = [[{"id": "okafor2023", "locator": "99"}]]
    assert render_bibliography([OKAFOR], "apa", cited=cited) == [OKAFOR_APA]


def test_item_with_a_bad_date_renders_as_undated() -> None:
    entries = render_bibliography([OKAFOR, BROKEN, BRENNAN], "apa")
    assert entries == [BRENNAN_APA, OKAFOR_APA, "Zed, A. (n.d.). A book with a bad date."]


def test_item_that_crashes_citeproc_gets_an_entry_and_a_warning() -> None:
    with pytest.warns(RenderWarning, match="could not render broken2020 in apa: TypeError"):
        entries = render_bibliography([OKAFOR, BROKEN, BRENNAN], "apa", engine="citeproc-py")
    assert entries[:2] == [BRENNAN_APA, OKAFOR_APA]
    assert entries[2].startswith("[coprodcite could not render broken2020 in apa: TypeError")
    assert entries[2].endswith("]")


def test_item_without_a_type_renders_as_an_article_with_a_warning() -> None:
    untyped = {k: v for k, v in BRENNAN.items() if k != "type"}
    with pytest.warns(RenderWarning, match="item Brennan2021 has no CSL 'type'; it is rendered"):
        entries = render_bibliography([OKAFOR, untyped], "apa")
    assert entries == [
        "Brennan, S. (2021). Working with, not on: Community archives in practice. "
        "Northfield University Press.",
        OKAFOR_APA,
    ]


def test_ids_that_differ_only_in_case_stay_apart() -> None:
    twin = _with(BRENNAN, id="brennan2021", title="Another book")
    entries = render_bibliography([BRENNAN, twin], "apa")  # same author and year: by title
    assert entries == [
        BRENNAN_APA.replace(
            "Working with, not on: Community archives in practice", "Another book"
        ).replace("(2021)", "(2021a)"),
        BRENNAN_APA.replace("(2021)", "(2021b)"),
    ]


def test_locale_changes_terms() -> None:
    [cite] = render_citations(
        [OKAFOR], [[{"id": "okafor2023", "locator": "12"}]], "apa", locale="de-DE"
    )
    assert cite == "(Okafor et al., 2023, S. 12)"


# -- citations --------------------------------------------------------------------------


def test_two_clusters_give_two_citations() -> None:
    clusters = [[{"id": "okafor2023", "locator": "12"}], [{"id": "Brennan2021"}]]
    assert render_citations([OKAFOR, BRENNAN], clusters, "apa") == [
        "(Okafor et al., 2023, p. 12)",
        "(Brennan, 2021)",
    ]


def test_cluster_with_labels_prefix_and_suffix() -> None:
    cluster = [
        {
            "id": "Brennan2021",
            "locator": "4",
            "label": "figure",
            "prefix": "see ",
            "suffix": " for more",
        }
    ]
    assert render_citations([BRENNAN], [cluster], "apa") == [
        "(see Brennan, 2021, Figure 4 for more)"
    ]


def test_cite_fields_are_escaped_in_html() -> None:
    # a cite prefix is rich text like a field, as in citeproc-js (affix_PrefixWithDecorations)
    cluster = [{"id": "Brennan2021", "locator": "<3>", "prefix": "<b>see</b> <script> "}]
    assert render_citations([BRENNAN], [cluster], "apa", fmt="html") == [
        "(<b>see</b> &lt;script&gt; Brennan, 2021, p. &lt;3&gt;)"
    ]
    assert render_citations([BRENNAN], [cluster], "apa", fmt="html", engine="citeproc-py") == [
        "(&lt;b&gt;see&lt;/b&gt; &lt;script&gt; Brennan, 2021, p. &lt;3&gt;)"
    ]


def test_numeric_style_numbers_follow_the_first_citation() -> None:
    clusters = [[{"id": "Brennan2021"}], [{"id": "okafor2023"}], [{"id": "Brennan2021"}]]
    assert render_citations([OKAFOR, BRENNAN], clusters, "nature") == ["1", "2", "1"]


def test_suppress_author_and_author_only() -> None:
    clusters = [
        [{"id": "okafor2023", "suppress-author": True, "locator": "4"}],
        [
            {"id": "Brennan2021", "author-only": True},
            {"id": "Brennan2021", "suppress-author": True},
        ],
    ]
    assert render_citations([OKAFOR, BRENNAN], clusters, "apa") == [
        "(2023, p. 4)",
        "Brennan (2021)",
    ]


def test_suppress_author_in_a_numeric_style_changes_nothing() -> None:
    clusters = [[{"id": "okafor2023", "suppress-author": True}]]
    assert render_citations([OKAFOR], clusters, "nature") == ["1"]


def test_citation_of_a_crashing_item_warns_and_keeps_the_rest() -> None:
    clusters = [[{"id": "okafor2023"}, {"id": "broken2020"}], [{"id": "Brennan2021"}]]
    with pytest.warns(RenderWarning, match="could not render broken2020 in apa"):
        cites = render_citations([OKAFOR, BROKEN, BRENNAN], clusters, "apa", engine="citeproc-py")
    assert cites[0].startswith("(Okafor et al., 2023; [coprodcite could not render broken2020")
    assert cites[1] == "(Brennan, 2021)"


def test_cited_id_that_is_not_an_item_warns() -> None:
    with pytest.warns(RenderWarning, match="cited id 'ghost' is not among the items"):
        [cite] = render_citations([OKAFOR], [[{"id": "ghost"}, {"id": "okafor2023"}]], "apa")
    assert cite == (
        "(Okafor et al., 2023; [coprodcite could not render ghost in apa: not among the items])"
    )


def test_citations_in_an_xml_style() -> None:
    clusters: list[list[dict[str, Any]]] = [
        [{"id": "okafor2023"}],
        [{"id": "okafor2023", "suppress-author": True}],
    ]
    assert render_citations([OKAFOR], clusters, TINY_STYLE) == [
        "[Okafor, Lindqvist, Ferreira 2023]",
        "[2023]",
    ]


# -- errors for the whole call ----------------------------------------------------------


def test_unknown_style_names_close_matches() -> None:
    with pytest.raises(StyleError, match=r"unknown style 'apaa'; did you mean: apa, "):
        render_bibliography([OKAFOR], "apaa")


def test_unknown_format_lists_the_choices() -> None:
    with pytest.raises(
        InvalidInput,
        match="unknown output format 'docx'; choose one of: text, html, markdown, rtf, latex",
    ):
        render_bibliography([OKAFOR], "apa", fmt="docx")
    assert FORMATS == ("text", "html", "markdown", "rtf", "latex")


def test_unknown_locale_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="unknown locale 'xx-YY'"):
        render_citations([OKAFOR], [[{"id": "okafor2023"}]], "apa", locale="xx-YY")


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([OKAFOR, OKAFOR], "two items have the id 'okafor2023'"),
        ([{"type": "book", "title": "No id"}], "item 1 has no 'id'"),
    ],
)
def test_items_need_unique_ids(items: list[dict[str, Any]], message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        render_bibliography(items, "apa")


def test_unknown_locator_label_is_invalid_input() -> None:
    with pytest.raises(InvalidInput, match="unknown locator label 'pgs'"):
        render_citations([OKAFOR], [[{"id": "okafor2023", "locator": "1", "label": "pgs"}]], "apa")


def test_style_without_a_bibliography() -> None:
    start, end = TINY_STYLE.index("<bibliography>"), TINY_STYLE.index("</style>")
    citation_only = TINY_STYLE[:start] + TINY_STYLE[end:]
    assert render_citations([OKAFOR], [[{"id": "okafor2023"}]], citation_only) == [
        "[Okafor, Lindqvist, Ferreira 2023]"
    ]
    with pytest.raises(StyleError, match="style 'tiny' has no bibliography"):
        render_bibliography([OKAFOR], citation_only)


def test_broken_style_file_is_a_style_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.csl"
    broken.write_text("<style xmlns='http://purl.org/net/xbiblio/csl'><info></style>")
    with pytest.raises(StyleError, match="broken"):
        render_bibliography([OKAFOR], str(broken))


def test_importing_the_render_package_does_not_import_the_engine() -> None:
    code = (
        "import sys, coprodcite.render, coprodcite.render.styles; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('citeproc', 'lxml')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_parsed_styles_are_cached() -> None:
    from coprodcite.render.citeproc_py.bridge import load_style
    from coprodcite.render.styles import resolve_style

    source = resolve_style("apa")
    assert load_style(source, None) is load_style(source, None)
    assert load_style(source, "de-DE") is not load_style(source, None)


# -- names in Chinese, Japanese and Korean script (CSL 1.0.2 non-romanesque names) ----

CJK_ITEMS = [
    {
        "id": "wang",
        "type": "book",
        "title": "Invented title",
        "author": [{"family": "王", "given": "小明"}, {"family": "Quill", "given": "Ada"}],
        "issued": {"date-parts": [[2020]]},
    },
    {
        "id": "yamada",
        "type": "book",
        "title": "Another invented title",
        "author": [{"family": "山田", "given": "太郎"}],
        "issued": {"date-parts": [[2021]]},
    },
]


@pytest.mark.parametrize(
    ("style", "wang", "yamada"),
    [
        ("apa", "王小明, & Quill, A. (2020).", "山田太郎. (2021)."),
        ("ieee", "王小明 and A. Quill,", "山田太郎,"),
        ("chicago-author-date", "王小明, and Ada Quill. 2020.", "山田太郎. 2021."),
    ],
)
def test_cjk_names_print_family_first_without_comma_or_initials(style, wang, yamada):
    entries = render_bibliography(CJK_ITEMS, style)
    assert any(wang in e for e in entries), entries
    assert any(yamada in e for e in entries), entries
    assert not any(", ." in e or "小明 ." in e for e in entries)


def test_cjk_names_keep_the_family_name_alone_in_short_form():
    assert render_citations(CJK_ITEMS, [[{"id": "wang"}], [{"id": "yamada"}]], "apa") == [
        "(王 & Quill, 2020)",
        "(山田, 2021)",
    ]


# -- an edited book: editors stand in for the author once, labelled as the style asks ----

EDITED_BOOK = {
    "id": "quill2022edited",
    "type": "book",
    "title": "An invented edited book",
    "editor": [{"family": "Quill", "given": "Ada"}, {"family": "Wren", "given": "Tomasz"}],
    "publisher": "Invented Press",
    "issued": {"date-parts": [[2022]]},
}


def test_substituted_editors_are_not_printed_again_and_the_label_is_title_cased():
    (entry,) = render_bibliography([EDITED_BOOK], "apa")
    assert entry == "Quill, A., & Wren, T. (Eds.). (2022). An invented edited book. Invented Press."


def test_a_label_is_cased_in_the_language_of_the_locale():
    (entry,) = render_bibliography([EDITED_BOOK], "apa", locale="de-DE")
    assert entry.startswith("Quill, A., & Wren, T. (Hrsg.). (2022).")
    (harvard,) = render_bibliography([EDITED_BOOK], "harvard-cite-them-right")
    assert harvard.startswith("Quill, A. and Wren, T. (eds.) (2022)")  # the style's own case
