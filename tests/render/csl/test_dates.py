"""CSL-JSON date parsing and cs:date rendering.

Expectations come from the CSL 1.0.2 specification and the test-suite fixtures named
in the comments (/work/shared/csl-test-suite/humans/).
"""

from __future__ import annotations

from typing import Any

import pytest

from coprodcite.render.csl.dates import OPEN, Date, parse_date, render_date
from coprodcite.render.csl.locale import load_locale
from coprodcite.render.csl.rich import Out
from coprodcite.render.csl.style import parse_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
{locale}<citation><layout>{date}</layout></citation></style>"""

# a non-localized date: day month year (date_TextForm* fixtures)
DMY = (
    '<date prefix="(" suffix=")" variable="issued"><date-part name="day" suffix=" "/>'
    '<date-part form="long" name="month" suffix=" "/><date-part name="year"/></date>'
)
# month day, year (date_DateAD, date_OtherAlone, date_LongMonth)
MDY = (
    '<date prefix="(" suffix=")" variable="issued"><date-part form="long" name="month" '
    'suffix=" "/><date-part name="day" suffix=", "/><date-part name="year"/></date>'
)


def upper_case(out: Out, text_case: str) -> None:
    if text_case == "uppercase":
        out.map_leaves(str.upper)


def render(date_xml: str, value: Any, locale_xml: str = "", lang: str = "en-US") -> str | None:
    style = parse_style(STYLE.format(locale=locale_xml, date=date_xml))
    node = style.citation.layout.children[0]
    out = render_date(node, parse_date(value), load_locale(style, lang), case=upper_case)
    if out is None:
        return None
    assert out.tag == "date"
    return out.plain_text()


def parts(*triples: list[int]) -> dict[str, Any]:
    return {"date-parts": [list(t) for t in triples]}


# ----------------------------------------------------------------------------- parsing


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (parts([2005, 12, 15]), Date(parts=((2005, 12, 15),))),
        ({"date-parts": [["1965", "6", "1"]]}, Date(parts=((1965, 6, 1),))),
        ({"date-parts": [["2000", "", ""]]}, Date(parts=((2000, None, None),))),
        (parts([1999, 21], [2001, 22]), Date(parts=((1999, 13, None), (2001, 14, None)))),
        (parts([1987], [0]), Date(parts=((1987, None, None), OPEN))),
        (parts([2000], [2000]), Date(parts=((2000, None, None),))),
        (parts([1965, 60, 1]), Date(parts=((1965, None, None),))),
        (parts([1965, 17, 1]), Date(parts=((1965, 13, None),))),
        ({"date-parts": [[2000]], "season": 3}, Date(parts=((2000, None, None),), season=3)),
        ({"date-parts": [[2000]], "season": "Winter"}, Date(((2000, None, None),), season=4)),
        ({"date-parts": [[2005, 12, 15]], "circa": 1}, Date(((2005, 12, 15),), circa=True)),
        ({"date-parts": [], "literal": "(in press)"}, Date(literal="(in press)")),
        ({"date-parts": [], "raw": "Bogus Date"}, Date(literal="Bogus Date")),
        ({"date-parts": []}, None),
        ({"date-parts": [["x"]]}, None),
        ({"date-parts": "bad"}, None),
        ({"literal": ""}, None),
        (None, None),
        ([2000], None),
        ("2000-05-03", Date(parts=((2000, 5, 3),))),
        ("2000/2001", Date(parts=((2000, None, None), (2001, None, None)))),
        ("1990-1992", Date(parts=((1990, None, None), (1992, None, None)))),
        ("1990-92", Date(parts=((1990, None, None), (1992, None, None)))),
        ("May 2000", Date(parts=((2000, 5, None),))),
        ("3 May 2000", Date(parts=((2000, 5, 3),))),
        ("May 3, 2000", Date(parts=((2000, 5, 3),))),
        ("Spring 2001", Date(parts=((2001, 13, None),))),
        ("Spring 1999 - Summer 2001", Date(parts=((1999, 13, None), (2001, 14, None)))),
        ("May-June 2000", Date(parts=((2000, 5, None), (2000, 6, None)))),
        ("3-5 May 2000", Date(parts=((2000, 5, 3), (2000, 5, 5)))),
        ("2000-05-03/2000-05-05", Date(parts=((2000, 5, 3), (2000, 5, 5)))),
        ("1987/..", Date(parts=((1987, None, None), OPEN))),
        ("250 BC", Date(parts=((-250, None, None),))),
        ("ca. 2000", Date(parts=((2000, None, None),), circa=True)),
        ("2000?", Date(parts=((2000, None, None),), circa=True)),
        ("12/2005", Date(parts=((2005, 12, None),))),
        ("In press", Date(literal="In press")),
        ("  ", None),
    ],
)
def test_parse_date(value: Any, expected: Date | None) -> None:
    assert parse_date(value) == expected


# ----------------------------------------------------------------------------- rendering


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (parts([2003, 8, 10], [2003, 8, 23]), "(10–23 August 2003)"),
        # date_TextFormFulldateDayRange
        (parts([2003, 8, 3], [2003, 10, 23]), "(3 August–23 October 2003)"),
        # date_TextFormFulldateMonthRange
        (parts([1987, 8, 3], [2003, 10, 23]), "(3 August 1987–23 October 2003)"),
        # date_TextFormFulldateYearRange
        (parts([2003, 8], [2003, 10]), "(August–October 2003)"),
        # date_TextFormMonthdateMonthRange
        (parts([1987, 8], [2003, 10]), "(August 1987–October 2003)"),
        # date_TextFormMonthdateYearRange
        (parts([1987], [2003]), "(1987–2003)"),  # date_TextFormYeardateYearRange
        (parts([1987], [0]), "(1987–)"),  # date_TextFormYeardateYearRangeOpen
    ],
)
def test_non_localized_ranges(value: Any, expected: str) -> None:
    assert render(DMY, value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (parts([499]), "(499 AD)"),  # date_DateAD
        (parts([-250]), "(250 BC)"),  # date_DateBC
        (parts([2005, 12, 15]), "(December 15, 2005)"),  # date_LongMonth
        ({"date-parts": [[2000]], "season": 3}, "(Autumn 2000)"),  # date_OtherWithDate
        ({"date-parts": [], "literal": "maybe around 2000bc sometime?"},
         "(maybe around 2000bc sometime?)"),  # date_OtherAlone
        ({"date-parts": []}, None),  # date_LiteralFailGracefullyIfNoValue
    ],
)  # fmt: skip
def test_non_localized_dates(value: Any, expected: str | None) -> None:
    assert render(MDY, value) == expected


def test_month_only_date_parts_and_invalid_months() -> None:
    # date_VariousInvalidDates
    month = (
        '<date variable="issued"><date-part name="month" form="long" strip-periods="true"/></date>'
    )
    got = [render(month, parts(p)) for p in ([1965, -1, 1], [1965, 13, 1], [1965, 17, 1])]
    got += [render(month, parts(p)) for p in ([1965, 60, 1], [1965, 24, 0])]
    assert got == [None, "Spring", "Spring", None, "Winter"]


def test_season_substitutes_for_the_month() -> None:
    # date_SeasonSubstituteInGroup
    xml = (
        '<date variable="issued"><date-part name="month"/><date-part name="day" prefix=" "/></date>'
    )
    assert render(xml, {"date-parts": [[2000]], "season": 3}) == "Autumn"


def test_strip_periods_and_short_forms() -> None:
    xml = (
        '<date variable="issued" delimiter=" "><date-part name="month" form="short" '
        'strip-periods="true"/><date-part name="year" form="short"/></date>'
    )
    assert render(xml, parts([2005, 1, 3])) == "Jan 05"


def test_numeric_forms() -> None:
    xml = (
        '<date variable="issued" delimiter="-"><date-part name="year"/>'
        '<date-part name="month" form="numeric-leading-zeros"/>'
        '<date-part name="day" form="numeric-leading-zeros"/></date>'
    )
    assert render(xml, parts([2005, 1, 3])) == "2005-01-03"


def test_non_localized_range_drops_the_affixes_facing_the_delimiter() -> None:
    # a day range keeps the day suffix on the end only: "May 3–5, 2000"
    assert render(MDY, parts([2000, 5, 3], [2000, 5, 5])) == "(May 3–5, 2000)"
    assert render(MDY, parts([2000, 5, 3], [2000, 6, 5])) == "(May 3–June 5, 2000)"


@pytest.mark.parametrize(
    ("date_xml", "value", "expected"),
    [
        ('<date variable="issued" form="text" date-parts="year-month-day"/>',
         {"date-parts": [["1965", "1", "30"]]}, "January 30, 1965"),  # date_January
        ('<date variable="issued" form="numeric"/>', parts([2005, 12, 15]), "12/15/2005"),
        # date_LocalizedNumericDefault
        ('<date variable="issued" form="numeric"/>', parts([2005, 12]), "12/2005"),
        # date_LocalizedNumericDefaultMissingDay
        ('<date variable="issued" form="numeric" prefix="(" suffix=")"/>',
         parts([2005, 12, 15]), "(12/15/2005)"),  # date_LocalizedNumericDefaultWithAffixes
        ('<date variable="issued" form="numeric" date-parts="year"/>', parts([2005, 12, 15]),
         "2005"),  # date_LocalizedNumericYear
        ('<date variable="issued" form="numeric" date-parts="year-month"/>',
         parts([2005, 12, 15]), "12/2005"),  # date_LocalizedNumericYearMonth
        ('<date variable="issued" form="numeric" date-parts="year-month"/>',
         parts([2005, 11, 15], [2006, 12, 20]), "11/2005–12/2006"),
        # date_LocalizedNumericYearRange
        ('<date variable="issued" form="numeric" date-parts="year-month-day"/>',
         {"date-parts": [["2000", "", ""]]}, "2000"),  # date_EmptyStrings
        ('<date variable="issued" form="text" date-parts="year-month"><date-part form="short" '
         'name="month"/></date>', parts([2005, 12, 15]), "Dec. 2005"),
        # date_LocalizedTextMonthFormOverride
        ('<date variable="issued" form="text"><date-part name="month" prefix="[" '
         'suffix="]"/></date>', parts([2005, 12, 15]), "December 15, 2005"),
        # spec: affixes on a localized date's date-part are ignored
        ('<date variable="issued" form="text" date-parts="year"/>',
         {"date-parts": [], "raw": "Bogus Date"}, "Bogus Date"),  # date_String
        ('<date variable="issued" form="text"/>', parts([1999, 21], [2001, 22]),
         "Spring 1999–Summer 2001"),  # date_SeasonRange1
        ('<date variable="issued" form="text"/>', parts([1999, 22], [1999, 21]),
         "Summer–Spring 1999"),  # date_SeasonRange2
        ('<date variable="issued" form="text"/>', parts([1999, 21], [1999, 22]),
         "Spring–Summer 1999"),  # date_SeasonRange3
    ],
)  # fmt: skip
def test_localized_en_us(date_xml: str, value: Any, expected: str) -> None:
    assert render(date_xml, value) == expected


def test_localized_text_case_comes_from_the_locale() -> None:
    # date_LocalizedTextInStyleLocaleWithTextCase
    locale = (
        '<locale><date form="text"><date-part name="day" suffix=" "/><date-part name="month" '
        'suffix=" " text-case="uppercase"/><date-part name="year"/></date></locale>'
    )
    xml = (
        '<date date-parts="year-month" form="text" variable="issued">'
        '<date-part form="short" name="month"/></date>'
    )
    assert render(xml, parts([2005, 12, 15]), locale) == "DEC. 2005"


def test_localized_formatting_override_wraps_the_part() -> None:
    # date_LocalizedWithInStyleFormatting: <i>December</i> 15, 2005
    style = parse_style(
        STYLE.format(
            locale="",
            date='<date form="text" variable="issued">'
            '<date-part name="month" font-style="italic"/></date>',
        )
    )
    node = style.citation.layout.children[0]
    out = render_date(node, parse_date(parts([2005, 12, 15])), load_locale(style, "en-US"))
    assert out is not None
    months = [o for o in _walk(out) if o.tag == "date-part" and o.data == "month"]
    assert len(months) == 1
    assert months[0].fmt.font_style == "italic"
    assert months[0].fmt.suffix == " "  # the locale's affix stays
    assert out.plain_text() == "December 15, 2005"


def _walk(out: Out) -> list[Out]:
    found = [out]
    for child in out.children:
        found += _walk(child)
    return found


RANGE_LOCALE = (
    '<locale><date form="text" delimiter=" "><date-part name="day" form="numeric" '
    'range-delimiter="_[DRD]_"/><date-part name="month" form="long" range-delimiter="_[MRD]_"/>'
    '<date-part name="year" form="long" range-delimiter="_[YRD]_"/></date></locale>'
)


@pytest.mark.parametrize(
    ("date_parts", "value", "expected"),
    [
        ("year-month-day", parts([1999, 1, 2], [1999, 1, 4]), "2_[DRD]_4 January 1999"),
        ("year-month-day", parts([1999, 1, 2], [1999, 3, 4]), "2 January_[MRD]_4 March 1999"),
        ("year-month-day", parts([1999, 1, 2], [2000, 1, 4]),
         "2 January 1999_[YRD]_4 January 2000"),
        ("year-month", parts([1999, 1, 2], [1999, 3, 4]), "January_[MRD]_March 1999"),
        ("year-month", parts([1999, 1, 2], [2000, 3, 4]), "January 1999_[YRD]_March 2000"),
        ("year", parts([1999, 1, 2], [2000, 3, 4]), "1999_[YRD]_2000"),
        ("year", parts([1999, 1, 2], [1999, 3, 4]), "1999"),
    ],
)  # fmt: skip
def test_range_delimiter_of_the_largest_differing_part(
    date_parts: str, value: Any, expected: str
) -> None:
    # date_RangeDelimiter
    xml = f'<date variable="issued" form="text" date-parts="{date_parts}"/>'
    assert render(xml, value, RANGE_LOCALE) == expected


def test_day_ordinals_limited_to_day_one() -> None:
    # date_DayOrdinalDayOneOnly
    locale = (
        '<locale><style-options limit-day-ordinals-to-day-1="true"/><date form="text">'
        '<date-part name="day" suffix=" " form="ordinal"/><date-part name="month" suffix=" "/>'
        '<date-part name="year"/></date></locale>'
    )
    xml = '<date variable="issued" prefix="(" suffix=")" form="text"/>'
    assert render(xml, parts([1965, 6, 1]), locale) == "(1st June 1965)"
    assert render(xml, parts([1965, 6, 2]), locale) == "(2 June 1965)"


def test_french_day_ordinal_takes_the_gender_of_the_month() -> None:
    # number_LimitOrdinalsToDayOne (fr-FR; month terms are masculine)
    locale = '<locale xml:lang="fr"><style-options limit-day-ordinals-to-day-1="true"/></locale>'
    xml = (
        '<date delimiter=" " variable="event-date"><date-part name="day" form="ordinal" '
        'range-delimiter="-"/><date-part name="month" form="long" range-delimiter="-"/>'
        '<date-part name="year" range-delimiter="-"/></date>'
    )
    got = [render(xml, raw, locale, "fr-FR") for raw in ("2004-10-01/2004-10-14",
                                                         "2004-10-14/2004-11-01")]  # fmt: skip
    assert got == ["1ᵉʳ-14 octobre 2004", "14 octobre-1ᵉʳ novembre 2004"]


@pytest.mark.parametrize(
    ("lang", "form", "date_parts", "expected"),
    [
        # date_LocalizedDateFormats-de-DE (the fixture's in-style locale is the de-DE file's)
        ("de-DE", "text", "year-month-day", "10. April 1998"),
        ("de-DE", "text", "year-month", "April 1998"),
        ("de-DE", "numeric", "year-month-day", "10.04.1998"),
        ("de-DE", "numeric", "year-month", "04.1998"),
        ("fr-FR", "text", "year-month-day", "10 avril 1998"),
        ("fr-FR", "numeric", "year-month-day", "10/04/1998"),
    ],
)
def test_other_locales(lang: str, form: str, date_parts: str, expected: str) -> None:
    xml = f'<date variable="issued" form="{form}" date-parts="{date_parts}"/>'
    assert render(xml, parts([1998, 4, 10]), lang=lang) == expected


def test_none_renders_nothing() -> None:
    style = parse_style(STYLE.format(locale="", date=MDY))
    assert render_date(style.citation.layout.children[0], None, load_locale(style)) is None
