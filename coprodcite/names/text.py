"""Cleaning one name string: Unicode NFC, whitespace, stray punctuation. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: invisible characters pasted from PDFs and web pages
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"))
#: footnote and affiliation markers glued to names ("Smith*", "P ² Hoole", "Lee†")
_MARKERS = re.compile(r"[*†‡§¶#¯\u00b9\u00b2\u00b3\u2070-\u209f]+")
_SPACES = re.compile(r"\s+")
#: an accented letter split off its word by a bad PDF or LaTeX conversion ("J örn")
_SPLIT_ACCENT = re.compile(r"(?<![^\s.-])([A-Z]) (?=[à-öø-ÿ][a-zà-öø-ÿ])")
#: a footnote number glued to the end of a name ("Damtew1")
_TRAILING_NUMBER = re.compile(r"(?<=[^\W\d_])\d{1,2}$")
#: leading "and"/"&" left over when a list of authors was split on commas
_LEADING_AND = re.compile(r"^(?:and|&)\s+(?=\S)", re.IGNORECASE)
_STRAY_EDGES = ' ,;:/|·•-–—_"“”„«»'
#: a trailing full stop is kept after an initial or one of these abbreviations
_ABBREVIATIONS = frozenset(
    ["al", "jr", "sr", "jun", "sen", "st", "ste", "yu", "ya", "zh", "kh", "ch", "sh"]
)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def clean(value: object, *, given: bool = False) -> str | None:
    """``value`` as one tidy line: NFC, no invisible characters or footnote markers,
    single spaces, no stray punctuation at either end. None when nothing is left.

    A full stop after a whole word ("Montana.") is stray, except in a given name,
    where it marks an abbreviation ("Abd.", "Wm.", "Jose-M.")."""
    if value is None or isinstance(value, bool):
        return None
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    text = _SPACES.sub(" ", _MARKERS.sub(" ", text)).strip()
    text = _SPLIT_ACCENT.sub(r"\1", text)
    previous = None
    while text != previous:
        previous = text
        text = _LEADING_AND.sub("", _TRAILING_NUMBER.sub("", text.strip(_STRAY_EDGES)))
        if not given and _stray_full_stop(text):
            text = text[:-1]
    text = _SPACES.sub(" ", text).strip()
    return text or None


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def tidy(value: object) -> str | None:
    """NFC, no invisible characters, single spaces; punctuation kept (for particles
    such as "d’" and "al-")."""
    if value is None or isinstance(value, bool):
        return None
    text = unicodedata.normalize("NFC", str(value)).translate(_INVISIBLE)
    return _SPACES.sub(" ", text).strip() or None


def _stray_full_stop(text: str) -> bool:
    """A full stop after a whole word ("Al-Siary.", "Montana."), not after an initial
    ("J."), initials ("B.Yu.") or an abbreviation ("Jr.")."""
    if not text.endswith("."):
        return False
    word = text.split(" ")[-1][:-1]
    last = word.split("-")[-1]
    return len(last) > 1 and "." not in word and word.casefold() not in _ABBREVIATIONS


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` as a set (word lists are written as text to stay short)."""
    return frozenset(text.split())


def has_letters(text: str | None) -> bool:
    return bool(text) and any(ch.isalpha() for ch in str(text))
