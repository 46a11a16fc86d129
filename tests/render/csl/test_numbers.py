"""Ordinals, roman numerals, is-numeric, cs:number forms and page ranges.

Expectations come from the CSL 1.0.2 specification and the test-suite fixtures named
in the comments (/work/shared/csl-test-suite/humans/).
"""

from __future__ import annotations

import pytest

from coprodcite.render.csl.locale import Locale, load_locale
from coprodcite.render.csl.numbers import (
    format_number,
    is_numeric,
    long_ordinal,
    ordinal,
    page_range,
    roman,
)
from coprodcite.render.csl.style import parse_style

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">
{locale}<citation><layout><text value="x"/></layout></citation></style>"""


def locale(lang: str = "en-US", terms: str = "") -> Locale:
    block = f"<locale><terms>{terms}</terms></locale>" if terms else ""
    return load_locale(parse_style(STYLE.format(locale=block)), lang)


EN = locale()
FR = locale("fr-FR")


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),  # ordinal-11 (last-two-digits) wins over ordinal-01
        (12, "12th"),
        (13, "13th"),
        (21, "21st"),
        (22, "22nd"),  # number_SimpleNumberOrdinalShort gives 42nd
        (42, "42nd"),
        (101, "101st"),
        (111, "111th"),
        (0, "0th"),
    ],
)
def test_english_ordinals(n: int, expected: str) -> None:
    assert ordinal(n, EN) == expected


def test_french_ordinals_follow_gender_and_whole_number_match() -> None:
    # spec "Gender-specific Ordinals": 1re (feminine), 1er (masculine); whole-number match
    assert ordinal(1, FR, "feminine") == "1ʳᵉ"
    assert ordinal(1, FR, "masculine") == "1ᵉʳ"
    assert ordinal(21, FR, "masculine") == "21ᵉ"
    assert ordinal(1, FR) == "1ᵉ"  # no neuter ordinal-01 in fr-FR: the "ordinal" term


def test_gendered_ordinals_fall_back_to_neuter_then_ordinal() -> None:
    # number_SeparateOrdinalNamespaces: the style's ordinals replace the locale's
    terms = (
        '<term name="ordinal">.ª</term><term name="ordinal-01">.ª</term>'
        '<term name="ordinal-01" gender-form="masculine">.º</term>'
        '<term name="ordinal-01" gender-form="feminine">.ª</term>'
        '<term name="ordinal-02" gender-form="masculine">.ºº</term>'
    )
    custom = locale("fr-FR", terms)
    assert ordinal(1, custom, "feminine") == "1.ª"
    assert ordinal(1, custom, "masculine") == "1.º"
    assert ordinal(2, custom, "feminine") == "2.ª"
    assert ordinal(2, custom, "masculine") == "2.ºº"
    assert ordinal(3, custom, "masculine") == "3.ª"


def test_match_last_two_digits_on_a_low_term() -> None:
    # spec "Ordinal Suffixes": ordinal-00..09 with match="last-two-digits"
    custom = locale(terms='<term name="ordinal">x</term><term name="ordinal-01" '
                    'match="last-two-digits">y</term>')  # fmt: skip
    assert [ordinal(n, custom) for n in (1, 21, 101)] == ["1y", "21x", "101y"]


def test_legacy_csl_10_ordinals_without_an_ordinal_term() -> None:
    # spec: no "ordinal" term but ordinal-01..04 use the CSL 1.0 scheme
    tree = STYLE.format(
        locale='<locale xml:lang="xx"><terms><term name="ordinal-01">a</term>'
        '<term name="ordinal-02">b</term><term name="ordinal-03">c</term>'
        '<term name="ordinal-04">d</term></terms></locale>'
    )
    custom = load_locale(parse_style(tree), "xx")
    assert [ordinal(n, custom) for n in (1, 2, 3, 4, 11, 12, 22)] == [
        "1a", "2b", "3c", "4d", "11d", "12d", "22b",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("n", "lang", "gender", "expected"),
    [
        (9, "en-US", None, "ninth"),  # number_SimpleNumberOrdinalLong
        (42, "en-US", None, "42nd"),  # number_SimpleNumberOrdinalLong
        (10, "en-US", None, "tenth"),
        (11, "en-US", None, "11th"),
        (1, "fr-FR", "feminine", "premier"),  # fr-FR has no feminine long-ordinal-01
        (2, "de-DE", None, "zweiter"),
    ],
)
def test_long_ordinals(n: int, lang: str, gender: str | None, expected: str) -> None:
    assert long_ordinal(n, locale(lang), gender) == expected


def test_long_ordinal_gender_variants() -> None:
    # spec "Gender-specific Ordinals": "premier" / "première"
    custom = locale(
        "fr-FR",
        '<term name="long-ordinal-01" gender-form="masculine">premier</term>'
        '<term name="long-ordinal-01" gender-form="feminine">première</term>',
    )
    assert long_ordinal(1, custom, "feminine") == "première"
    assert long_ordinal(1, custom, "masculine") == "premier"


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "i"), (4, "iv"), (9, "ix"), (42, "xlii"), (1994, "mcmxciv"), (0, "0"), (4000, "4000")],
)
def test_roman(n: int, expected: str) -> None:
    assert roman(n) == expected  # number_SimpleNumberRoman: 42 -> xlii


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", True),  # condition_NumeralIsNumeric
        ("5th", True),  # condition_NumeralWithTextIsNumeric
        ("01790", True),  # number_LeadingZeros
        ("2nd", True),  # spec is-numeric
        ("D2", True),
        ("2b", True),
        ("L2d", True),
        ("2, 3", True),
        ("2-4", True),
        ("2 & 4", True),
        ("2 – 4", True),
        ("Fifth ed.", False),  # condition_TextIsNotNumeric
        ("annotated edition", False),  # number_IsNumericWithAlpha
        ("5 ed.", False),  # number_MixedText
        ("second", False),
        ("2nd edition", False),
        ("", False),  # condition_EmptyIsNumericFalse
        ("version: 2002, amended effective June 1, 2010, and January 1, 2017", False),
        # number_SpacesMakeIsNumericFalse
    ],
)
def test_is_numeric(value: str, expected: bool) -> None:
    assert is_numeric(value) is expected


@pytest.mark.parametrize(
    ("value", "form", "expected"),
    [
        ("42", "numeric", "42"),  # number_SimpleNumberArabic
        ("42", "ordinal", "42nd"),  # number_SimpleNumberOrdinalShort
        ("9", "long-ordinal", "ninth"),  # number_SimpleNumberOrdinalLong
        ("42", "roman", "xlii"),  # number_SimpleNumberRoman
        ("3-5", "numeric", "3–5"),  # bugreports_NumberInMacroWithVerticalAlign
        ("2 - 4", "numeric", "2–4"),  # spec cs:number: hyphen without spaces
        ("2,3", "ordinal", "2nd, 3rd"),  # spec cs:number: "2, 3" -> "2nd, 3rd"
        ("2 , 3", "numeric", "2, 3"),
        ("2&3", "roman", "ii & iii"),
        ("2E", "ordinal", "2E"),  # spec: numbers with affixes are never ordinalized
        ("5 ed.", "ordinal", "5 ed."),  # number_MixedText: non-numeric as is
        ("5 edition", "numeric", "5 edition"),
    ],
)
def test_format_number(value: str, form: str, expected: str) -> None:
    assert format_number(value, form, EN) == expected


def test_format_number_ordinal_gender() -> None:
    # number_NewOrdinalsEdition: "1re éd." (edition is feminine in fr-FR)
    assert format_number("1", "ordinal", FR, "feminine") == "1ʳᵉ"


# page_Chicago (chicago = chicago-15)
CHICAGO_15 = [
    ("101-108", "101–8"),
    ("3-10", "3–10"),
    ("71-72", "71–72"),
    ("96-117", "96–117"),
    ("100-4", "100–104"),
    ("600-13", "600–613"),
    ("1100-23", "1100–1123"),
    ("107-108", "107–8"),
    ("505-17", "505–17"),
    ("1002-1006", "1002–6"),
    ("321-325", "321–25"),
    ("415-532", "415–532"),
    ("1536-538", "1536–38"),
    ("11564-11568", "11564–68"),
    ("11564-11578", "11564–78"),
    ("13792-13803", "13792–803"),
    ("1496-504", "1496–1504"),
    ("2787-816", "2787–2816"),
]

# page_Chicago16
CHICAGO_16 = [
    ("3-10", "3–10"),
    ("71-72", "71–72"),
    ("71-2", "71–72"),
    ("96-117", "96–117"),
    ("100-104", "100–104"),
    ("1100-13", "1100–1113"),
    ("101-108", "101–8"),
    ("808-833", "808–33"),
    ("1103-1104", "1103–4"),
    ("321-8", "321–28"),
    ("498-532", "498–532"),
    ("1087-89", "1087–89"),
    ("1496-1500", "1496–500"),
    ("11564-11615", "11564–615"),
    ("12991-123001", "12991–123001"),
    ("xxv-xxviii", "xxv–xxviii"),
    ("cvi-cix", "cvi–cix"),
]

# page_Minimal
MINIMAL = [
    ("101-108", "101–8"),
    ("3-10", "3–10"),
    ("71-72", "71–2"),
    ("100-4", "100–4"),
    ("1002-1006", "1002–6"),
    ("1536-538", "1536–8"),
    ("11564-11578", "11564–78"),
    ("13792-13803", "13792–803"),
    ("1496-504", "1496–504"),
    ("n11564 - n1568", "n11564–8"),
    ("n11564 - 1568", "n11564-1568"),
]

# page_Expand
EXPANDED = [
    ("110-5", "110–115"),
    ("N110 - 5", "N110-5"),
    ("N110 - N5", "N110–N115"),
    ("110 - N6", "110-N6"),
    ("N110 - P5", "N110-P5"),
    ("123N110 - N5", "123N110-N5"),
    ("123N110 - N5, 456K200 - 99", "123N110-N5, 456K200-99"),
    ("123N110 - N5, 000c23 - 22", "123N110-N5, 000c23-22"),
]

# spec appendix V: minimal-two keeps at least two digits
MINIMAL_TWO = [
    ("42-45", "42–45"),
    ("321-328", "321–28"),
    ("2787-2788", "2787–88"),
    ("3-10", "3–10"),
]

# page_ChicagoWeird, number_MixedPageRange
CHICAGO_OTHER = [
    ("8n11564-8n1568", "8n11564–68"),
    ("n11564-n1568", "n11564–68"),
    ("n11564-1568", "n11564-1568"),
    ("142-145 & 235", "142–45 & 235"),
]


@pytest.mark.parametrize(
    ("fmt", "value", "expected"),
    [("chicago", v, e) for v, e in CHICAGO_15 + CHICAGO_OTHER]
    + [("chicago-15", v, e) for v, e in CHICAGO_15]
    + [("chicago-16", v, e) for v, e in CHICAGO_16]
    + [("minimal", v, e) for v, e in MINIMAL]
    + [("minimal-two", v, e) for v, e in MINIMAL_TWO]
    + [("expanded", v, e) for v, e in EXPANDED],
)
def test_page_range_formats(fmt: str, value: str, expected: str) -> None:
    assert page_range(value, fmt) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("110-5", "110–5"),  # page_NoOption
        ("42-45", "42–45"),  # number_PageRange
        ("1-2", "1–2"),  # number_PlainHyphenOrEnDashAlwaysPlural
        ("i-ix", "i–ix"),
        ("3\\-B", "3-B"),
        ("Michaelson-Morely", "Michaelson-Morely"),
        ("4–6", "4–6"),
        ("22", "22"),
    ],
)
def test_page_range_without_format(value: str, expected: str) -> None:
    assert page_range(value, None) == expected


def test_page_range_delimiter_from_the_locale() -> None:
    hyphen = FR.term("page-range-delimiter")
    assert hyphen == "\u2011"
    assert page_range("463-509", None, hyphen) == "463\u2011509"  # number_StrangeError
    # page_WithLocaleAndWeirdDelimiter
    assert page_range("253-257", "chicago", hyphen) == "253\u201157"
