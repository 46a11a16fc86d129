"""Whether two records are the same work. Pure functions.

A DOI is strong evidence but not proof: book chapters in files often carry the DOI
of their book (two chapters of *Nanowires*, 10.5772/3457, are different works). Two
records with the same DOI are the same work when both are the DOI's registered
metadata (fetched from Crossref, DataCite or by content negotiation: a refresh that
corrects a title is still the same work), when their titles agree, or when one of
them has no title. Titles agree when they are the same words once case, accents,
punctuation and markup are set aside, when one is the other without its subtitle,
or when they differ by a few letters (a typo, a ligature split by a PDF).
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_NOT_WORD = re.compile(r"[\W_]+")
#: the shorter title must have this many words to count as the longer one's head
_MIN_HEAD_WORDS = 3
#: letters that must agree (difflib's ratio) for titles that differ otherwise
_MIN_RATIO = 0.9


#: sources whose record of a DOI is that DOI's own registered metadata
REGISTRIES = frozenset({"crossref", "datacite", "negotiation"})


def same_doi_same_work(
    source_a: str | None, title_a: str | None, source_b: str | None, title_b: str | None
) -> bool:
    """Whether two records carrying the same DOI are one work (see module doc)."""
    if source_a in REGISTRIES and source_b in REGISTRIES:
        return True
    return titles_agree(title_a, title_b)


def title_words(title: str | None) -> list[str]:
    """The words of a plain-text title: lower case, no accents or punctuation."""
    if not title:
        return []
    decomposed = unicodedata.normalize("NFKD", title.replace("ß", "ss"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold()).split()


def titles_agree(a: str | None, b: str | None) -> bool:
    """Whether plain-text titles ``a`` and ``b`` name the same work (see module doc);
    True when either is empty."""
    words_a, words_b = title_words(a), title_words(b)
    if not words_a or not words_b:
        return True
    joined_a, joined_b = "".join(words_a), "".join(words_b)
    if joined_a == joined_b:  # "High-E ffi ciency" and "High-Efficiency" too
        return True
    short, long = sorted((words_a, words_b), key=len)
    if len(short) >= _MIN_HEAD_WORDS and long[: len(short)] == short:
        return True  # one title without its subtitle
    return SequenceMatcher(None, joined_a, joined_b, autojunk=False).ratio() >= _MIN_RATIO
