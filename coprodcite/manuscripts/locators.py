"""Locators as people write them (``p. 4``, ``pp. 33-35, 38``, ``chap. 2``,
``page=4``) -> a CSL locator label and value, and what is left as the cite's suffix.

The rules are pandoc's: an optional comma, then a locator term (long, short or
plural, or a CSL locator name) and a value of numbers, roman numerals and ranges; a
value with no term is a page; ``{...}`` around the locator delimits it exactly
(``{pp. iv, vi--xi}``). Anything the rules do not read as a locator stays suffix.
The terms are English, as in pandoc's fallback locale. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from coprodcite.csl_schema import CSL_LOCATORS

# CSL locator -> the words that name it (long, plural, short forms, as CSL's en-US locale)
_TERMS: dict[str, tuple[str, ...]] = {
    "act": ("act", "acts"),
    "appendix": ("appendix", "appendices", "app.", "apps."),
    "article-locator": ("article", "articles", "art.", "arts."),
    "book": ("book", "books", "bk.", "bks."),
    "canon": ("canon", "canons", "c.", "cc."),
    "chapter": ("chapter", "chapters", "chap.", "chaps.", "ch.", "chs."),
    "column": ("column", "columns", "col.", "cols."),
    "elocation": ("location", "locations", "loc.", "locs."),
    "equation": ("equation", "equations", "eq.", "eqs."),
    "figure": ("figure", "figures", "fig.", "figs."),
    "folio": ("folio", "folios", "fol.", "fols.", "f.", "ff."),
    "issue": ("number", "numbers", "no.", "nos.", "issue", "issues"),
    "line": ("line", "lines", "l.", "ll."),
    "note": ("note", "notes", "n.", "nn."),
    "opus": ("opus", "opera", "op.", "opp."),
    "page": ("page", "pages", "p.", "pp.", "pg.", "pgs."),
    "paragraph": ("paragraph", "paragraphs", "para.", "paras.", "¶", "¶¶"),
    "part": ("part", "parts", "pt.", "pts."),
    "rule": ("rule", "rules", "r.", "rr."),
    "scene": ("scene", "scenes", "sc.", "scs."),
    "section": ("section", "sections", "sec.", "secs.", "§", "§§"),
    "sub-verbo": ("sub verbo", "sub verbis", "s.v.", "s.vv.", "sub-verbo"),
    "supplement": ("supplement", "supplements", "supp.", "supps."),
    "table": ("table", "tables", "tbl.", "tbls."),
    "timestamp": ("timestamp", "timestamps"),
    "title-locator": ("title", "titles", "tit.", "tits."),
    "verse": ("verse", "verses", "v.", "vv."),
    "version": ("version", "versions", "ver.", "vers."),
    "volume": ("volume", "volumes", "vol.", "vols."),
}
TERMS: dict[str, str] = {word: label for label, words in _TERMS.items() for word in (*words, label)}
assert set(_TERMS) == set(CSL_LOCATORS), "every CSL locator has its terms"

# A term, longest first so "pp." wins over "p.", followed by a space, "=", or the value.
_TERM = re.compile(
    r"(?P<term>"
    + "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))
    + r")(?:\s*=\s*|\s+|(?=\d)|(?<=[.¶§])(?=[ivxlcdm\d]))",
    re.IGNORECASE,
)
# One piece of a locator value: holds a digit, or is a roman numeral (i, xiv, XII...)
_ROMAN = r"(?=[ivxlcdmIVXLCDM])(?i:m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))"
_PIECE = rf"(?:[\w.:/()]*\d[\w.:/()]*|\(?{_ROMAN}\)?)"
# Pieces joined by ranges and lists: "33-35, 38", "iv, vi--xi", "3 & 5"
_VALUE = re.compile(rf"{_PIECE}(?:\s*(?:--|[-–—&+]|,(?!\s*(?:and|or)\b))\s*{_PIECE})*(?!\w)")

_WORD = re.compile(r"[^\s,;]+")  # sub verbo: the word looked up


@dataclass(frozen=True)
class Locator:
    label: str | None  # a CSL locator (page, chapter...), None without a locator
    value: str | None
    suffix: str  # what follows the locator, or all of the text when there is none


def parse_locator(text: str) -> Locator:
    """The locator at the start of ``text`` (a cite's suffix in pandoc's syntax, or
    the value of ``cite --locator``) and the suffix left after it."""
    rest = re.sub(r"^\s*,?\s*", "", text, count=1)
    braced = re.match(r"\{([^{}]*)\}", rest)
    if braced:
        inner = braced.group(1).strip()
        term = _TERM.match(inner)
        label = TERMS[term.group("term").lower()] if term else "page"
        value = inner[term.end() :].strip() if term else inner
        return Locator(label, value, rest[braced.end() :]) if value else Locator(None, None, text)
    term = _TERM.match(rest)
    if term:
        label = TERMS[term.group("term").lower()]
        value = (_WORD if label == "sub-verbo" else _VALUE).match(rest, term.end())
        if value:
            return Locator(label, value.group().strip(), rest[value.end() :])
        return Locator(None, None, text)
    value = _VALUE.match(rest)
    if value and value.group()[0].isdigit():
        return Locator("page", value.group().strip(), rest[value.end() :])
    return Locator(None, None, text)


def locator_option(text: str) -> tuple[str, str]:
    """``cite --locator``: ``p. 4``, ``page=4``, ``chap. 2`` or a bare ``4`` (a page)
    -> (CSL label, value); ValueError for text that holds no locator."""
    found = parse_locator(text)
    if found.label is None or found.value is None or found.suffix.strip():
        raise ValueError(text)
    return found.label, found.value
