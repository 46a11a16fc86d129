"""Contextual plurals of labels and page-first (numeric.py), and date sort keys
(dates.sort_key). Expectations come from CSL 1.0.2 and the label_Plural*,
number_PlainHyphenOrEnDashAlwaysPlural, page_*PageFirst and date_NegativeDateSort*
fixtures of /work/shared/csl-test-suite/humans/."""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render.csl import date_parse
from coprodcite.render.csl.dates import parse_date, sort_key
from coprodcite.render.csl.locale import load_locale
from coprodcite.render.csl.numeric import is_plural, page_first
from coprodcite.render.csl.style import parse_style


@pytest.mark.parametrize(
    ("value", "plural"),
    [
        ("12", False),
        ("12-14", True),
        ("1\u20132", True),
        ("i\u2013ix", True),
        ("3-B", False),
        ("Michaelson-Morely", False),
        ("1, 3", True),
        ("1 & 3", True),
        ("213, and 235", True),
        ("213 et 235", True),
        ("1, fol. 186, 8 April 1544", False),
        ("N110-N115", True),
        ("367-368, fig. 333", True),
        ("1, c. 5", False),
    ],
)
def test_contextual_plural(value: str, plural: bool) -> None:
    assert is_plural("page", value, ("and", "et")) is plural


def test_localized_and_counts_only_when_given() -> None:
    assert is_plural("page", "213 et 235", ("and",)) is False


@pytest.mark.parametrize(
    ("variable", "value", "plural"),
    [("number-of-pages", "1", False), ("number-of-pages", "250", True),
     ("number-of-volumes", "2", True), ("number-of-volumes", "1-2", False)],
)  # fmt: skip
def test_count_variables_are_plural_above_one(variable: str, value: str, plural: bool) -> None:
    assert is_plural(variable, value) is plural


@pytest.mark.parametrize(
    ("value", "first"),
    [("42-45", "42"), ("10\u201320", "10"), (" 7, 9", "7"), ("xii-xv", "xii"), ("", None)],
)
def test_page_first(value: str, first: str | None) -> None:
    assert page_first(value) == first


STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
<citation><layout>{date}</layout></citation></style>"""


def key(date_xml: str, value: Any) -> str | None:
    style = parse_style(STYLE.format(date=date_xml))
    node = style.citation.layout.children[0]
    return sort_key(node, parse_date(value), load_locale(style, "en-US"))


YMD = (
    '<date variable="issued" delimiter="-"><date-part name="year"/>'
    '<date-part name="month" form="numeric"/><date-part name="day" form="numeric"/></date>'
)
YM = '<date variable="issued"><date-part name="year"/><date-part name="month"/></date>'


def test_sort_key_is_fixed_width_and_orders_bc_first() -> None:
    keys = [key(YMD, {"date-parts": [[y, 7, 13]]}) for y in (-100, -44, 54, 2000)]
    assert keys[2] == "10054-07-13"
    assert keys == sorted(keys)


def test_sort_key_keeps_only_the_parts_shown() -> None:
    assert key(YM, {"date-parts": [[2000, 5, 3]]}) == "12000-05-00"
    localized = '<date variable="issued" form="text" date-parts="year"/>'
    assert key(localized, {"date-parts": [[2000, 5, 3]]}) == "12000-00-00"


def test_sort_key_ranges_seasons_and_literals() -> None:
    assert key(YMD, {"date-parts": [[2000], [2001]]}) == "12000-00-00/12001-00-00"
    assert key(YMD, {"date-parts": [[1987], [0]]}) == "11987-00-00/"
    assert key(YMD, {"date-parts": [[2000, 13]]}) == "12000-00-00"
    assert key(YMD, {"literal": "Bogus Date"}) == "Bogus Date"
    assert key(YMD, None) is None


def test_dates_reexports_the_parser() -> None:
    assert parse_date is date_parse.parse_date
