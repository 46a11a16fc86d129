"""Splitting a free-text name into CSL parts. Pure functions.

Accepts "Family, Given", "Family, Given, Jr.", "Given Family", "Given van der
Family Jr.", Vancouver-style "Family GR", Russian-style "Family Given Patronymic",
and mononyms ("Plato", kept as a family name). Text that names an organisation,
or holds nothing like a person, becomes a ``literal``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from coprodcite.names.orgs import is_placeholder, looks_like_organisation
from coprodcite.names.particles import PARTICLES, split_suffix
from coprodcite.names.text import clean, word_set

#: honorifics dropped from the front of a name
_TITLES = re.compile(r"^(?:(?:dr|prof|professor|mr|mrs|ms|miss|sir|dame|rev)\.?\s*)+", re.I)
_PATRONYMIC = re.compile(r"(?:вич|вна|ична|ович|евич|овна|евна|ovich|evich|ovna|evna|o'g'li|qizi)$")
#: first words of Vietnamese names written family first
_VIETNAMESE_FAMILIES = word_set(
    """nguyen nguyễn tran trần le lê pham phạm hoang hoàng huynh huỳnh phan vu vũ vo võ
    dang đặng bui bùi do đỗ ho hồ ngo ngô duong dương ly lý"""
)
_INITIALS_RUN = re.compile(r"^[A-Z]{1,3}$")


@dataclass(frozen=True)
class NameParts:
    """CSL name parts of one name (``literal`` alone for organisations)."""

    given: str | None = None
    family: str | None = None
    suffix: str | None = None
    literal: str | None = None


def strip_titles(text: str) -> str:
    """ "Dr. Jatinder Grover" -> "Jatinder Grover" (a title alone is kept)."""
    stripped = _TITLES.sub("", text).strip()
    return stripped if stripped else text


def _is_name_word(word: str) -> bool:
    """Letters (with their combining marks: Thai, Devanagari), dots, hyphens, apostrophes."""
    return word[0].isalpha() and all(
        ch.isalpha() or ch in ".-'’" or unicodedata.category(ch).startswith("M") for ch in word
    )


def looks_like_person(text: str) -> bool:
    """Two to five words, each a name or an initial, no organisation evidence and
    not all of them in capitals (an acronym pair such as "ORCID EU")."""
    found = text.split()
    if not 2 <= len(found) <= 5 or looks_like_organisation(text) or is_placeholder(text):
        return False
    if not all(_is_name_word(w) for w in found):
        return False
    return not all(w.isupper() and len(w.strip(".")) > 1 for w in found)


def _given_first(found: list[str]) -> NameParts:
    """ "Anne van der Veen" -> Anne / van der Veen; "Tiff Van Huysen" -> Tiff / Van Huysen."""
    cut = len(found) - 1
    while cut > 1 and found[cut - 1].casefold() in PARTICLES:
        cut -= 1
    return NameParts(given=" ".join(found[:cut]), family=" ".join(found[cut:]))


def split_words(text: str) -> NameParts:
    """Parts of a name written without a comma."""
    found = text.split()
    if len(found) == 1:
        return NameParts(family=found[0])
    if _INITIALS_RUN.match(found[-1]) and not _INITIALS_RUN.match(found[0]):
        return NameParts(given=found[-1], family=" ".join(found[:-1]))  # Smith JR
    if _PATRONYMIC.search(found[-1].casefold()) and len(found) in (3, 4):
        return NameParts(given=" ".join(found[1:]), family=found[0])  # Иванов Иван Иванович
    if found[0].casefold() in _VIETNAMESE_FAMILIES and len(found) == 3:
        return NameParts(given=" ".join(found[1:]), family=found[0])
    return _given_first(found)


def split_name(text: str) -> NameParts:
    """CSL parts of a personal name given as one string."""
    text = strip_titles(text)
    text, suffix = split_suffix(text)
    if text.count(",") == 1:
        family, given = (part.strip() for part in text.split(","))
        # "Michael E. Hohn, Donald W. Neal" is two people, not "Family, Given"
        if family and given and not re.search(r"(?:^|\s)[^\W\d_]\.(?:\s|$)", family):
            given, given_suffix = split_suffix(given, roman=False)
            return NameParts(given=given, family=family, suffix=suffix or given_suffix)
    if "," in text:
        return NameParts(literal=text)
    parts = split_words(text)
    return NameParts(given=parts.given, family=parts.family, suffix=suffix)


def parse_text(text: str, *, literal: bool = False) -> NameParts:
    """Parts for free text: a literal for organisations and placeholders (or when
    ``literal``), else the split personal name. Empty text gives empty parts."""
    cleaned = clean(text)
    if not cleaned:
        return NameParts()
    if literal or is_placeholder(cleaned) or looks_like_organisation(cleaned):
        return NameParts(literal=cleaned)
    return split_name(cleaned)
