"""Numbers as CSL 1.0.2 renders them: ordinals, long ordinals, roman numerals,
``is-numeric``, ``cs:number`` forms and page ranges (``page-range-format``).

Everything here is a pure function of its arguments and a :class:`~.locale.Locale`
(for the ordinal terms); nothing renders rich text.
"""

from __future__ import annotations

import re

from coprodcite.render.csl.locale import Locale, Term, gendered

__all__ = [
    "format_number",
    "is_numeric",
    "long_ordinal",
    "ordinal",
    "ordinal_suffix",
    "page_range",
    "roman",
]

EN_DASH = "\u2013"

# ----------------------------------------------------------------------------- ordinals


def _matches(term: Term, number: int, n: int) -> bool:
    """Whether the term ``ordinal-<number>`` applies to ``n`` under its ``match``."""
    match = term.match or ("last-digit" if number < 10 else "last-two-digits")
    if match == "whole-number":
        return n == number
    if match == "last-two-digits":
        return n % 100 == number
    return n % 10 == number


def _legacy_suffix(locale: Locale, n: int, gender: str | None) -> str | None:
    """CSL 1.0 ordinals: ordinal-01..03 for 1/2/3 (not 11-13), ordinal-04 for the rest."""
    last = n % 10
    key = last if last in (1, 2, 3) and n % 100 not in (11, 12, 13) else 4
    found = gendered(locale.terms.get((f"ordinal-{key:02d}", "long"), []), gender, strict=False)
    return found.single if found else None


def ordinal_suffix(locale: Locale, n: int, gender: str | None = None) -> str:
    """The ordinal suffix for ``n`` ("st" for 1 in English), "" when the locale has none.

    The terms "ordinal-10".."ordinal-99" win over "ordinal-00".."ordinal-09"; each term
    matches per its ``match`` attribute; the term of ``gender`` is preferred, then the
    neuter one; the "ordinal" term is the fallback.
    """
    n = abs(n)
    if not locale.has("ordinal") and locale.has("ordinal-04"):
        return _legacy_suffix(locale, n, gender) or ""
    for number in dict.fromkeys((n % 100, n % 10)):
        terms = locale.terms.get((f"ordinal-{number:02d}", "long"), [])
        found = gendered([t for t in terms if _matches(t, number, n)], gender)
        if found is not None:
            return found.single
    default = gendered(locale.terms.get(("ordinal", "long"), []), gender, strict=False)
    return default.single if default else ""


def ordinal(n: int, locale: Locale, gender: str | None = None) -> str:
    """``n`` with its ordinal suffix: "1st", "2nd", "11th", "22nd" (English)."""
    return f"{n}{ordinal_suffix(locale, n, gender)}"


def long_ordinal(n: int, locale: Locale, gender: str | None = None) -> str:
    """The long-ordinal-01..10 terms ("first"); other numbers as :func:`ordinal`."""
    if 1 <= n <= 10:
        terms = locale.terms.get((f"long-ordinal-{n:02d}", "long"), [])
        found = gendered(terms, gender, strict=False)
        if found is not None and found.single:
            return found.single
    return ordinal(n, locale, gender)


_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip


def roman(n: int) -> str:
    """Lowercase roman numerals ("xlii"); numbers outside 1..3999 stay arabic."""
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


# ----------------------------------------------------------------------------- is-numeric

_LETTERS = r"[^\W\d_]*"
_NUMBER = rf"{_LETTERS}\d+{_LETTERS}"
_SEPARATOR = r"\s*[-\u2013\u2014,&]\s*|\s+and\s+"
_NUMERIC = re.compile(rf"{_NUMBER}(?:(?:{_SEPARATOR}){_NUMBER})*")
_SPLIT = re.compile(rf"({_SEPARATOR})")


def is_numeric(value: str) -> bool:
    """CSL ``is-numeric``: only numbers, each with optional letter affixes ("2a", "L2",
    "2nd"), separated by hyphens, en dashes, commas, ampersands or "and" ("2-4", "2, 3",
    "2 & 4"). "second", "2nd edition" and "5 ed." are not numeric."""
    return bool(_NUMERIC.fullmatch(value.strip()))


def _separator(text: str) -> str:
    """A separator normalized as cs:number prints it."""
    stripped = text.strip()
    if stripped in ("-", EN_DASH, "\u2014"):
        return EN_DASH
    if stripped == ",":
        return ", "
    if stripped == "&":
        return " & "
    return f" {stripped} "


def _form_number(token: str, form: str, locale: Locale, gender: str | None) -> str:
    if not (token.isascii() and token.isdigit()):
        return token  # numbers with affixes are never transformed
    n = int(token)
    if form not in ("ordinal", "long-ordinal", "roman"):
        return str(n)  # cs:number prints the number: "03" is 3 (IEEE "no. 3")
    if form == "ordinal":
        return ordinal(n, locale, gender)
    if form == "long-ordinal":
        return long_ordinal(n, locale, gender)
    return roman(n)


def format_number(value: str, form: str, locale: Locale, gender: str | None = None) -> str:
    """A number variable as cs:number renders it: each number in ``form`` (numeric,
    ordinal, long-ordinal, roman; leading zeros of a plain number dropped: "03" is 3),
    separators normalized ("2 - 4" gives "2–4", "2,3"
    gives "2, 3", "2&3" gives "2 & 3"). Non-numeric values come back as they are."""
    if not is_numeric(value):
        return value
    out = []
    for index, piece in enumerate(_SPLIT.split(value.strip())):
        if index % 2:
            out.append(_separator(piece))
        else:
            out.append(_form_number(piece, form, locale, gender))
    return "".join(out)


# ----------------------------------------------------------------------------- page ranges

_LIST_SEPARATOR = re.compile(r"(\s*[,&]\s*)")
_RANGE = re.compile(r"\s*([^\s\-\u2013\u2014]+)\s*([-\u2013\u2014])\s*([^\s\-\u2013\u2014]+)\s*")
_PREFIXED = re.compile(r"(.*?)(\d+)")
_ROMAN_NUMERAL = re.compile(r"[ivxlcdm]+|[IVXLCDM]+")


def _minimal(first: str, second: str, keep: int) -> str:
    """``second`` without the leading digits it shares with ``first`` (at least ``keep``
    digits kept); the whole of it when the lengths differ or nothing differs."""
    if len(first) != len(second):
        return second
    index = 0
    while index < len(first) and first[index] == second[index]:
        index += 1
    tail = second[index:]
    if not tail:
        return second
    return second[-keep:] if len(tail) < keep else tail


def _chicago(first: str, second: str, *, sixteen: bool) -> str:
    """Chicago abbreviation (15th or 16th edition rules of the CSL appendix)."""
    start = int(first)
    if start < 100 or start % 100 == 0:
        return second
    if start % 100 < 10:
        return _minimal(first, second, 1)
    if not sixteen and len(first) == 4 == len(second) and len(_minimal(first, second, 1)) >= 3:
        return second
    return _minimal(first, second, 2)


def _collapse(first: str, second: str, fmt: str) -> str | None:
    """The second number in ``fmt``, None for an unknown format."""
    if fmt == "minimal":
        return _minimal(first, second, 1)
    if fmt == "minimal-two":
        return _minimal(first, second, 2)
    if fmt in ("chicago", "chicago-15", "chicago-16"):
        return _chicago(first, second, sixteen=fmt == "chicago-16")
    return None


def _numeric_range(prefix: str, first: str, second: str, fmt: str | None, delimiter: str) -> str:
    """One range of two numbers sharing ``prefix`` (the prefix is shown on the first)."""
    start = f"{prefix}{first}{delimiter}"
    full = first[: len(first) - len(second)] + second if len(second) < len(first) else second
    if fmt is None or int(full) < int(first):
        return f"{start}{prefix}{second}"
    if fmt == "expanded":
        return f"{start}{prefix}{full}"
    collapsed = _collapse(first, full, fmt)
    return f"{start}{prefix}{second}" if collapsed is None else f"{start}{collapsed}"


def _one_range(chunk: str, fmt: str | None, delimiter: str) -> str:
    if "\\-" in chunk:
        return chunk.replace("\\-", "-")  # an escaped hyphen is never a range
    match = _RANGE.fullmatch(chunk)
    if match is None:
        return chunk
    left, dash, right = match.groups()
    left_num, right_num = _PREFIXED.fullmatch(left), _PREFIXED.fullmatch(right)
    if left_num and right_num and left_num.group(1) == right_num.group(1):
        return _numeric_range(
            left_num.group(1), left_num.group(2), right_num.group(2), fmt, delimiter
        )
    if _ROMAN_NUMERAL.fullmatch(left) and _ROMAN_NUMERAL.fullmatch(right):
        return f"{left}{delimiter}{right}"
    if any(ch.isdigit() for ch in left + right):
        return f"{left}{dash}{right}"  # "N110 - 5": not a range, spaces dropped
    return chunk


def page_range(value: str, fmt: str | None = None, delimiter: str = EN_DASH) -> str:
    """A page value with each range reformatted.

    Ranges are two numbers with the same (or no) prefix ("321-28", "N110-N115"); with
    ``fmt`` ("expanded", "minimal", "minimal-two", "chicago"/"chicago-15", "chicago-16")
    the second number is expanded or abbreviated, and the dash becomes ``delimiter``
    (the locale's "page-range-delimiter" term; en dash by default). Roman numeral ranges
    only get the delimiter. Other hyphenated text ("110-N6", "Michaelson-Morely") keeps
    its dash; list separators ("," and "&") are kept as written.
    """
    pieces = _LIST_SEPARATOR.split(value)
    return "".join(
        piece if index % 2 else _one_range(piece, fmt, delimiter)
        for index, piece in enumerate(pieces)
    )
