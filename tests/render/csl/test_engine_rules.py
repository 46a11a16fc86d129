"""Rules of coprodcite's CSL engine that citeproc-js follows and the CSL test suite
encodes: variables in the note, superscript characters, right-inline blocks, group
suppression around terms, ibid in the text and across notes, et-al in sort keys."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from coprodcite.render import render_bibliography, render_citations
from coprodcite.render.csl.output import Quotes, render
from coprodcite.render.csl.reference import make_reference
from coprodcite.render.csl.rich import Formatting, Out, leaf


def style(citation: str, bibliography: str = "", cls: str = "in-text") -> str:
    return (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">'
        f"<info><id/><title/></info><citation><layout>{citation}</layout></citation>"
        f"{bibliography}</style>"
    )


def test_note_lines_give_the_variables_the_item_lacks() -> None:
    ref = make_reference(
        {
            "id": "a",
            "type": "book",
            "title": "Kept",
            "note": "title: Not taken\ngenre: Essay\nreviewed-author: Hall || W.C.\n"
            "event-date: 2004-10-01/2004-10-14\nA remark {:volume: 3}",
        }
    )
    assert ref.vars["title"] == "Kept"
    assert ref.vars["genre"] == "Essay"
    assert ref.vars["volume"] == "3"
    assert ref.names["reviewed-author"] == [{"family": "Hall", "given": "W.C."}]
    assert ref.dates["event-date"].parts == ((2004, 10, 1), (2004, 10, 14))
    assert ref.vars["note"] == "title: Not taken\nA remark"


def test_a_note_without_variables_is_kept_whole() -> None:
    ref = make_reference({"id": "a", "type": "book", "note": "See: the preface"})
    assert ref.vars["note"] == "See: the preface"
    assert "See" not in ref.vars


@pytest.mark.parametrize(
    ("fmt", "want"),
    [
        ("html", "1<sup>r</sup><sup>e</sup> x<sup>2</sup>"),
        ("text", "1ʳᵉ x²"),
        ("markdown", "1^re^ x^2^"),
        ("latex", "1\\textsuperscript{re} x\\textsuperscript{2}"),
    ],
)
def test_superscript_characters(fmt: str, want: str) -> None:
    assert render(leaf("1ʳᵉ x²"), fmt, Quotes()) == want


def test_a_right_inline_block_ends_without_spaces() -> None:
    block = Out([leaf("Title. ")], Formatting(display="right-inline"))
    tree = Out([Out([leaf("1. ")], Formatting(display="left-margin")), block])
    assert render(tree, "html", Quotes()) == (
        '<div class="csl-left-margin">1. </div><div class="csl-right-inline">Title.</div>'
    )


NO_DATE = (
    '<macro name="year"><choose><if variable="issued"><date variable="issued">'
    '<date-part name="year"/></date></if><else><text term="no date" form="short"/></else>'
    "</choose></macro>"
)


@pytest.mark.parametrize(
    ("layout", "want"),
    [
        # a macro printing only a term keeps the group that also calls an empty variable
        ('<group delimiter=";"><text macro="year"/><text variable="volume"/></group>', "n.d."),
        # so does a nested group of constants
        (
            '<group delimiter=" "><text variable="volume"/><group><text value="x"/></group>'
            "</group>",
            "x",
        ),  # fmt: skip
        # but a group whose only variable is empty is still left out (and a citation
        # left empty shows the item's id)
        ('<group delimiter=" "><text variable="volume"/><text value="x"/></group>', "[a]"),
    ],
)
def test_groups_around_terms(layout: str, want: str) -> None:
    csl = style(layout).replace("<citation>", NO_DATE + "<citation>")
    items = [{"id": "a", "type": "book"}]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the empty citation's RenderWarning
        assert render_citations(items, [[{"id": "a"}]], csl, engine="coprodcite") == [want]


IBID = '<choose><if position="ibid"><text term="ibid"/></if><else><text variable="title"/></else></choose>'  # noqa: E501
ITEMS = [{"id": "a", "type": "book", "title": "A"}, {"id": "b", "type": "book", "title": "B"}]


def test_citations_in_the_text_are_ibid_to_the_previous_one_in_the_text() -> None:
    clusters = [[{"id": "a"}], [{"id": "b"}], [{"id": "a"}]]
    out = render_citations(
        ITEMS, clusters, style(IBID, cls="note"), engine="coprodcite", notes=[0, 1, 0]
    )
    assert out == ["A", "B", "Ibid."]


def test_a_note_with_two_citations_is_not_ibid_to_the_next_note() -> None:
    clusters = [[{"id": "a"}], [{"id": "b"}], [{"id": "b"}], [{"id": "b"}]]
    out = render_citations(
        ITEMS, clusters, style(IBID, cls="note"), engine="coprodcite", notes=[1, 1, 2, 3]
    )
    assert out == ["A", "B", "B", "Ibid."]


def test_et_al_is_not_part_of_a_names_sort_key() -> None:
    bibliography = (
        '<bibliography><sort><key macro="names" names-min="1" names-use-first="1"/>'
        '<key variable="title"/></sort><layout><text variable="title"/></layout></bibliography>'
    )
    csl = style("").replace(
        "<citation>", '<macro name="names"><names variable="author"/></macro><citation>'
    )
    csl = csl.replace("</style>", bibliography + "</style>")
    items: list[dict[str, Any]] = [
        {"id": "x", "type": "book", "title": "B", "author": [{"family": "Smith"}]},
        {"id": "y", "type": "book", "title": "A",
         "author": [{"family": "Smith"}, {"family": "Jones"}]},
    ]  # fmt: skip
    assert render_bibliography(items, csl, engine="coprodcite") == ["A", "B"]


@pytest.mark.parametrize(
    ("variable", "value", "want"),
    [
        ("issue", "3-4", "3\u20134"),
        ("volume", "3-B", "3-B"),  # a range with letters is an identifier
        ("number", "2001-12", "2001-12"),  # report numbers are identifiers
        ("edition", "2-3", "2\u20133"),
        ("chapter-number", "4 - 6", "4\u20136"),
        ("collection-number", "1-2 & 5", "1\u20132 & 5"),
        ("number-of-volumes", "2-3", "2\u20133"),
    ],
)
def test_a_range_of_plain_numbers_in_a_number_variable_takes_an_en_dash(
    variable: str, value: str, want: str
) -> None:
    layout = f'<text variable="{variable}"/>'
    item = {"id": "a", "type": "book", variable: value}
    out = render_citations([item], [[{"id": "a"}]], style(layout), engine="coprodcite")
    assert out == [want]


def test_the_disambiguate_condition_adds_one_element_at_a_time() -> None:
    layout = (
        '<group delimiter=", "><names variable="author"/>'
        '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
        '<choose><if disambiguate="true"><text variable="edition"/></if></choose></group>'
    )
    author = [{"family": "Smith", "given": "John"}]
    items = [
        {"id": f"i{n}", "type": "book", "author": author, "title": title, "edition": str(n)}
        for n, title in enumerate(["One", "Two", "Works", "Works"])
    ]
    clusters = [[{"id": item["id"]}] for item in items]
    out = render_citations(items, clusters, style(layout), engine="coprodcite")
    assert out == [
        "John Smith, One",
        "John Smith, Two",
        "John Smith, Works, 2",
        "John Smith, Works, 3",
    ]


YEAR = '<date variable="issued"><date-part name="year"/></date>'


@pytest.mark.parametrize(
    ("names", "want"),
    [
        # cites of one author in one year: cite-group-delimiter (", ") between them
        ('<names variable="author"><name form="short"/></names>', "Doe 2000a, 2000b, 2001"),
        # cites that print no names group together too
        ("", "2000a, 2000b, 2001"),
    ],
)
def test_year_collapse(names: str, want: str) -> None:
    csl = style(f'<group delimiter=" ">{names}{YEAR}</group>').replace(
        "<citation>",
        '<citation collapse="year" disambiguate-add-year-suffix="true">',
    )
    csl = csl.replace("<layout>", '<layout delimiter="; ">')
    items = [
        {"id": f"i{n}", "type": "book", "title": f"T{n}", "author": [{"family": "Doe"}],
         "issued": {"date-parts": [[year]]}}
        for n, year in enumerate([2000, 2000, 2001])
    ]  # fmt: skip
    clusters = [[{"id": item["id"]} for item in items]]
    assert render_citations(items, clusters, csl, engine="coprodcite") == [want]


@pytest.mark.parametrize("position", [1, "subsequent"])
def test_a_cite_may_give_its_own_position(position: object) -> None:
    layout = (
        '<choose><if position="subsequent"><text value="again"/></if>'
        '<else><text variable="title"/></else></choose>'
    )
    out = render_citations(
        ITEMS, [[{"id": "a", "position": position}]], style(layout), engine="coprodcite"
    )
    assert out == ["again"]


def test_a_label_is_title_cased_in_the_styles_language_not_the_items() -> None:
    label = '<label form="short" prefix=", " text-case="title"/>'
    layout = f'<names variable="translator"><name/>{label}</names>'
    item = {"id": "a", "type": "book", "language": "fr", "translator": [{"family": "D"}]}
    out = render_citations([item], [[{"id": "a"}]], style(layout), engine="coprodcite")
    assert out == ["D, Trans."]


@pytest.mark.parametrize(
    ("layout", "want"),
    [
        # a term before any variable opens the entry with a capital (citeproc-js)
        ('<text term="no date" form="short"/>', "N.d."),
        ('<group delimiter=" "><text term="in"/><text variable="title"/></group>', "In T"),
        # after the citation number too
        (
            '<group delimiter=" "><text variable="citation-number"/><text term="in"/></group>',
            "1 In",
        ),
        # only the first term
        ('<group delimiter=" "><text term="in"/><text term="at"/></group>', "In at"),
        # not after another variable
        ('<group delimiter=" "><text variable="title"/><text term="in"/></group>', "T in"),
    ],
)
def test_a_term_that_opens_an_entry_is_capitalized(layout: str, want: str) -> None:
    csl = style(
        '<text variable="title"/>', f"<bibliography><layout>{layout}</layout></bibliography>"
    )
    item = {"id": "a", "type": "book", "title": "T"}
    assert render_bibliography([item], csl, engine="coprodcite") == [want]
    # citations in the text are left as they are
    cite = style('<text term="in"/>')
    assert render_citations([item], [[{"id": "a"}]], cite, engine="coprodcite") == ["in"]


def test_a_number_range_takes_the_locales_page_range_delimiter() -> None:
    locale = '<locale><terms><term name="page-range-delimiter">-</term></terms></locale>'
    csl = style('<text variable="issue"/>').replace("<citation>", locale + "<citation>")
    item = {"id": "a", "type": "book", "issue": "1-2"}
    assert render_citations([item], [[{"id": "a"}]], csl, engine="coprodcite") == ["1-2"]
