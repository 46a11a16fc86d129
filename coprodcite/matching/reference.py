"""What a reference written as free text says, read without guessing its style.

A reference list may be in any of thousands of styles, so nothing here splits a
string into fields. It keeps what every style writes recognisably: the words (folded
for comparison), the numbers (years, volumes, issues, pages; abbreviated page ranges
written out: "1425-37" is 1425 and 1437) and the identifiers. Candidates are then
checked against these (:mod:`coprodcite.matching.evidence`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from coprodcite.identifiers import DOI, Identifier, scan_identifiers
from coprodcite.names.dedupe import fold

#: a year a reference can plausibly carry (with an optional "2020a" letter)
_YEAR = re.compile(r"(?<![\d.])(1[5-9]\d\d|20\d\d)[a-z]?(?![\d])")
_NUMBER = re.compile(r"(?<![\d])\d+(?![\d])")
_RANGE = re.compile(r"(?<![\d])(\d+)\s*[-\u2010-\u2015\u2212]+\s*(\d+)(?![\d])")
_URL = re.compile(r"(?:https?://|www\.)\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+", re.IGNORECASE)
_LABELLED_IDS = re.compile(
    r"\b(?:ISBN(?:-1[03])?|ISSN|PMID|PMCID|arXiv)\s*:?\s*[\dXx\-./A-Za-z]+", re.IGNORECASE
)
_WORD = re.compile(r"[^\W\d_]+|\d+")


@dataclass(frozen=True)
class Reference:
    """A reference as written, and the parts of it that candidates are checked on."""

    text: str

    @cached_property
    def identifiers(self) -> tuple[Identifier, ...]:
        return tuple(scan_identifiers(self.text)[0])

    @cached_property
    def bibliographic(self) -> str:
        """The text without its links and identifiers: what describes the work."""
        return " ".join(_LABELLED_IDS.sub(" ", _URL.sub(" ", self.text)).split())

    @cached_property
    def folded(self) -> str:
        return fold(self.bibliographic)

    @cached_property
    def words(self) -> tuple[str, ...]:
        return tuple(_WORD.findall(self.folded))

    @cached_property
    def word_set(self) -> frozenset[str]:
        return frozenset(self.words)

    @cached_property
    def years(self) -> tuple[int, ...]:
        """Years the text gives; numbers in a range ("pp. 1593-1601") are pages."""
        text = _RANGE.sub(lambda m: " " * len(m.group(0)), self.bibliographic)
        return tuple(int(m.group(1)) for m in _YEAR.finditer(text))

    @cached_property
    def numbers(self) -> tuple[str, ...]:
        """Every number in the text, abbreviated range ends written out, no leading
        zeros: the volume, issue, pages, year and any others."""
        text = _RANGE.sub(_expand_range, self.bibliographic)
        return tuple(str(int(n)) for n in _NUMBER.findall(text) if len(n) <= 9)

    @cached_property
    def written_doi(self) -> str | None:
        return next((i.value for i in self.identifiers if i.kind == DOI), None)

    def position(self, word: str) -> int | None:
        """Index of the first of the words of ``word`` (folded) in :attr:`words`."""
        parts = fold(word).split()
        if not parts:
            return None
        first = parts[0]
        for index, found in enumerate(self.words):
            if found == first and list(self.words[index : index + len(parts)]) == parts:
                return index
        return None


def _expand_range(match: re.Match[str]) -> str:
    """ "1425-37" -> "1425 1437"; "1593-1601" -> "1593 1601"; other ranges as two."""
    first, last = match.group(1), match.group(2)
    if len(last) < len(first) and int(first[-len(last) :]) <= int(last):
        last = first[: len(first) - len(last)] + last
    return f"{first} {last}"
