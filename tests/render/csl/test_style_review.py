"""Fixes found by reading the own engine's output in the ten review styles
(``bench/style_review.py``), each judged by the style's guide and the CSL 1.0.2
specification: initials, cs:number, cs:group, empty citations and the rest.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from coprodcite.render import RenderWarning, render_bibliography, render_citations
from coprodcite.render.csl import api
from coprodcite.render.csl.locale import load_locale
from coprodcite.render.csl.name_initials import initialize
from coprodcite.render.csl.numbers import format_number
from coprodcite.render.csl.style import parse_style
from coprodcite.render.styles import resolve_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">
<citation><layout>{layout}</layout></citation></style>"""


def cite(item: dict[str, Any], layout: str) -> str:
    """The citation (text) of ``item`` in a one-layout style."""
    record = {"id": "a", "type": "book", **item}
    xml = STYLE.format(layout=layout)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return api.citations(
            [record], [[{"id": "a"}]], resolve_style(xml), locale=None, fmt="text"
        )[0]


def entry(item: dict[str, Any], style: str) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return render_bibliography([{"id": "a", **item}], style)[0]


# -- initials ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "init_with", "expected"),
    [
        # an abbreviation is kept as written, as citeproc-js keeps it (Davidson JasM)
        ("Jas. M.", "", "JasM"),
        ("Jas. M.", ". ", "Jas. M."),
        ("Chas.", ". ", "Chas."),
        ("AFS.", ". ", "AFS."),
        ("Gagik Yu.", ". ", "G. Yu."),  # a two-letter initial is kept (suite)
        ("Ph. M.E.", "", "PhME"),  # suite name_InitialsInitializeTrueEmpty
        ("Me.", "", "Me"),
        ("TSerendorjiin", ".", "Ts."),  # suite name_LongAbbreviation
        ("IJsbrand", ". ", "IJ."),  # the Dutch letter IJ
        ("Ijsbrand Jan", ". ", "IJ. J."),
        ("IJsbrand", "", "IJ"),
        ("Ijeoma", ". ", "I."),  # not Dutch: a vowel follows
        ("John Robert", "", "JR"),
    ],
)
def test_initials(given: str, init_with: str, expected: str) -> None:
    assert initialize(given, init_with) == expected


def test_vancouver_initials_of_an_abbreviated_name_as_citeproc_js() -> None:
    item = {"type": "article-journal", "title": "T", "issued": {"date-parts": [[2020]]},
            "author": [{"family": "Davidson", "given": "Jas. M."},
                       {"family": "Sluis", "given": "IJsbrand"}]}  # fmt: skip
    assert entry(item, "elsevier-vancouver").startswith("[1] Davidson JasM, Sluis IJ.")


# -- cs:number -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [
        ("03", "numeric", "3"),  # IEEE "no. 3", not "no. 03"
        ("007", "numeric", "7"),
        ("0", "numeric", "0"),
        ("02-04", "numeric", "2–4"),
        ("03", "ordinal", "3rd"),
        ("S03", "numeric", "S03"),  # not a plain number: kept
        ("²", "numeric", "²"),
    ],
)
def test_number_drops_leading_zeros(value: str, form: str, expected: str) -> None:
    style = parse_style(STYLE.format(layout='<text value="x"/>'))
    assert format_number(value, form, load_locale(style, "en-US")) == expected


def test_ieee_issue_without_leading_zero() -> None:
    item = {"type": "article-journal", "title": "T", "container-title": "J",
            "volume": "5", "issue": "03", "issued": {"date-parts": [[2020]]},
            "author": [{"family": "Doe", "given": "John"}]}  # fmt: skip
    assert "vol. 5, no. 3," in entry(item, "ieee")


# -- cs:group ------------------------------------------------------------------------

GROUPS = (
    '<names variable="author"><substitute><text variable="title"/></substitute></names>'
    '<group prefix=" " delimiter=" "><text variable="title"/><text variable="volume"/>'
    '<group prefix="[" suffix="]"><text value="Dataset"/></group></group>'
)


def test_a_group_of_terms_keeps_the_group_around_it() -> None:
    # citeproc-js: a nested group that renders terms only counts as non-empty, and a
    # variable a substitute used up is not called (APA "Title. (n.d.). [Dataset].")
    assert cite({"title": "Data"}, GROUPS) == "Data [Dataset]"
    assert cite({"title": "Data", "volume": "2"}, GROUPS) == "Data 2 [Dataset]"


def test_a_group_with_empty_variables_only_is_still_suppressed() -> None:
    layout = (
        '<text variable="title"/>'
        '<group prefix=" " delimiter=" "><text value="vol."/><text variable="volume"/></group>'
    )
    assert cite({"title": "T"}, layout) == "T"
    assert cite({"title": "T", "volume": "4"}, layout) == "T vol. 4"


def test_apa_dataset_without_author_keeps_its_description() -> None:
    item = {"type": "dataset", "title": "ProteomeXchange dataset", "publisher": "EMBL-EBI"}
    assert entry(item, "apa") == "ProteomeXchange dataset. (n.d.). [Dataset]. EMBL-EBI."


# -- empty citations -----------------------------------------------------------------


def test_an_empty_citation_shows_the_item_id_with_a_warning() -> None:
    item = {"id": "key1", "type": "article-journal", "volume": "1"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = render_citations([item], [[{"id": "key1"}]], "modern-language-association")
    assert out == ["([key1])"]
    assert any(issubclass(w.category, RenderWarning) and "key1" in str(w.message)
               for w in caught)  # fmt: skip


# -- punctuation where two affixes meet ----------------------------------------------


def test_elsevier_harvard_no_doubled_period_after_a_substituted_title() -> None:
    item = {"type": "article-journal", "title": "Orders for BMW i3",
            "container-title": "Reinforced Plastics", "volume": "57", "page": "4",
            "issued": {"date-parts": [[2013]]}}  # fmt: skip
    assert entry(item, "elsevier-harvard") == (
        "Orders for BMW i3, 2013. Reinforced Plastics 57, 4."
    )
    item = {"type": "dataset", "title": "Taizz", "container-title": "Encyclopaedia"}
    assert entry(item, "elsevier-harvard") == "Taizz, n.d. Encyclopaedia."


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        ('<text variable="title" suffix=". "/><text variable="volume" prefix=". "/>', "T. 4"),
        ('<text variable="title" suffix=". "/><text variable="volume" prefix=", v"/>', "T. v4"),
        ('<text variable="title" suffix=", "/><text variable="volume" prefix=", "/>', "T, 4"),
        ('<text variable="title" suffix=". "/><text variable="volume" prefix=": "/>', "T. : 4"),
    ],
)
def test_affix_punctuation_merges(layout: str, expected: str) -> None:
    # a period absorbs "." and ","; a comma absorbs a comma (no ", , ")
    assert cite({"title": "T", "volume": "4"}, layout) == expected


# -- volume and issue ranges -----------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("apa", "J, 695(1–4), 298–302."),
        ("chicago-author-date", "J 695 (1–4): 298–302."),
        ("modern-language-association", "J, vol. 695, nos. 1–4, 2011, pp. 298–302."),
    ],
)
def test_issue_ranges_take_an_en_dash(style: str, expected: str) -> None:
    item = {"type": "article-journal", "title": "T", "container-title": "J",
            "volume": "695", "issue": "1-4", "page": "298-302",
            "issued": {"date-parts": [[2011]]},
            "author": [{"family": "Atkins", "given": "M"}]}  # fmt: skip
    assert entry(item, style).endswith(expected)


def test_a_report_number_range_keeps_its_hyphen() -> None:
    assert cite({"number": "12-34"}, '<text variable="number"/>') == "12-34"
    assert cite({"issue": "S-4"}, '<text variable="issue"/>') == "S-4"


# -- title case ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Orders for BMW i3", "Orders for BMW i3"),
        ("the p53 gene", "The p53 Gene"),
        ("interactions (v0.1)", "Interactions (v0.1)"),
        ("a study of cats", "A Study of Cats"),
    ],
)
def test_title_case_leaves_words_with_digits(title: str, expected: str) -> None:
    assert cite({"title": title}, '<text variable="title" text-case="title"/>') == expected
