"""How well a candidate record agrees with a reference: pure scoring.

The published search-then-validate method (Crossref's reference-matching evaluation)
checks each candidate a search returns against the string itself, never trusting the
search's own relevance score. The checks here are the ones a person makes: is the
title there, is the first author there and where, does the year agree (one year either
way is the print/online gap), are the volume, issue and pages there, and are there
numbers in the reference this work does not explain (a different volume or pages say
"another work" as clearly as a different title). :func:`evidence` measures each as a
number from 0 to 1; :mod:`coprodcite.matching.confidence` weighs them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rapidfuzz import fuzz

from coprodcite.markup import plain_text
from coprodcite.matching.reference import Reference
from coprodcite.model import Record
from coprodcite.names.dedupe import fold

#: words any reference may hold whatever its work: they explain nothing
_BOILERPLATE = (
    "retrieved available accessed online from edition edited editor editors eds vol "
    "volume issue pages page press university journal proceedings conference report "
    "thesis dissertation doctoral masters published publisher http https www doi org "
    "unpublished preprint dataset data software version chapter book review article "
    "paper print electronic internet web cited translated trans series number index "
    "january february march april june july august september october november december "
    "spring summer autumn winter supplement part collection abstract letter"
)
BOILERPLATE = frozenset(_BOILERPLATE.split())
#: words that say little about which work a title names
_STOP_WORDS = (
    "a an and are as at by for from in into is of on or the to with de la le les des "
    "et el los las y der die das und von zu"
)
STOP_WORDS = frozenset(_STOP_WORDS.split())
_MAIN_TITLE = re.compile(r"[:?!.]\s")
_DIGITS = re.compile(r"\d+")
_PARTICLE_WORDS = "van von der den de del della di da dos du le la ten ter al el bin"
_PARTICLES = frozenset(_PARTICLE_WORDS.split())
_ET_AL = re.compile(r"\bet\.?\s?al\b|\band others\b|\bu\.\s?a\.|\bet coll\b", re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """What a reference and a candidate agree on, each from 0 (nothing) to 1."""

    title: float  # best alignment of the title (or its main part) within the text
    title_cover: float  # share of the title's significant words found in the text
    title_words: float  # how many significant words the title has (10 or more: 1)
    author_first: float  # first author's family name: 1 where the text begins, 0.7 elsewhere
    authors: float  # share of the first three names found (of the first, after "et al.")
    no_authors: float  # 1 when the record names nobody (nothing to check)
    year: float  # 1 same year, 0.5 a year apart, 0 otherwise
    year_conflict: float  # 1 when the text gives years and none is within one of it
    numbers: float  # share of the record's volume, issue and pages found in the text
    first_page: float  # the record's first page (or article number) is in the text
    # (1; 0.5 for a page of 20 or less, which many works share)
    no_numbers: float  # 1 when the record has none of them
    unexplained: float  # numbers in the text the record does not account for (3 or more: 1)
    unexplained_words: float  # share of the text's words the record does not account for
    container: float  # journal or book title (or its abbreviation) found in the text
    no_container: float

    def as_vector(self) -> tuple[float, ...]:
        return (
            self.title,
            self.title_cover,
            self.title_words,
            self.author_first,
            self.authors,
            self.no_authors,
            self.year,
            self.year_conflict,
            self.numbers,
            self.first_page,
            self.no_numbers,
            self.unexplained,
            self.unexplained_words,
            self.container,
            self.no_container,
        )


FEATURES = tuple(Evidence.__dataclass_fields__)


def _significant(words: list[str]) -> list[str]:
    return [w for w in words if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())]


def title_agreement(reference: Reference, title: str) -> tuple[float, float, float]:
    """(alignment of the title within the text, share of its significant words there,
    significance of the title)."""
    folded = fold(plain_text(title))
    words = _significant(folded.split())
    if not folded or not reference.folded:
        return 0.0, 0.0, 0.0
    best = fuzz.partial_ratio(folded, reference.folded) / 100
    main = fold(_MAIN_TITLE.split(plain_text(title), 1)[0])
    main_words = _significant(main.split())
    cover = _cover(reference, words)
    if main != folded and len(main_words) >= 3:
        best = max(best, 0.95 * fuzz.partial_ratio(main, reference.folded) / 100)
        cover = max(cover, 0.95 * _cover(reference, main_words))
    # A long title aligned against a short text: only the share that can be there counts.
    if len(folded) > len(reference.folded):
        best *= len(reference.folded) / len(folded)
    return best, cover, min(len(words), 10) / 10


def _cover(reference: Reference, words: list[str]) -> float:
    """Share of ``words`` in the text, each exactly or with a small typo."""
    if not words:
        return 0.0
    found = 0
    for word in words:
        if word in reference.word_set or (
            len(word) >= 5
            and any(
                abs(len(w) - len(word)) <= 1 and fuzz.ratio(w, word) >= 80
                for w in reference.word_set
            )
        ):
            found += 1
    return found / len(words)


def _family(record: Record) -> list[str]:
    people = record.names("author") or record.names("editor") or record.contributors
    names = []
    for person in people:
        name = " ".join(p for p in (person.non_dropping_particle, person.family) if p)
        names.append(fold(name or person.literal or person.given or ""))
    return [n for n in names if n]


def _found(reference: Reference, name: str) -> int | None:
    """Word index of ``name`` in the text: exactly, else by its last word (a particle
    may be written or not), else approximately (a typo or transliteration)."""
    position = reference.position(name)
    if position is None and " " in name:
        position = reference.position(name.rsplit(" ", 1)[1])
    if position is None and len(name) >= 4:
        for index, word in enumerate(reference.words):
            if abs(len(word) - len(name)) <= 2 and fuzz.ratio(word, name) >= 85:
                return index
    return position


def author_agreement(reference: Reference, record: Record) -> tuple[float, float, float]:
    """(first author, share of the first three names, record names nobody)."""
    names = _family(record)
    if not names:
        return 0.0, 0.0, 1.0
    first = _found(reference, names[0])
    if first is None:
        first_score = 0.0
    else:
        # where the text begins: its first word that is not an initial or a particle
        start = next(
            (i for i, w in enumerate(reference.words) if len(w) > 1 and w not in _PARTICLES),
            0,
        )
        first_score = 1.0 if first <= start else 0.7
    # "et al." (or "and others") stands for every name after those written
    checked = names[:1] if _ET_AL.search(reference.text) else names[:3]
    share = sum(_found(reference, n) is not None for n in checked) / len(checked)
    return first_score, share, 0.0


def year_agreement(reference: Reference, record: Record) -> tuple[float, float]:
    year = record.year
    if year is None or not reference.years:
        return 0.0, 0.0
    gaps = [abs(y - year) for y in reference.years]
    if 0 in gaps:
        return 1.0, 0.0
    if 1 in gaps:
        return 0.5, 0.0
    return 0.0, 1.0


def _numbers(value: object) -> list[str]:
    if value is None:
        return []
    return [str(int(n)) for n in _DIGITS.findall(str(value)) if len(n) <= 9]


def number_agreement(reference: Reference, record: Record) -> tuple[float, float, float, float]:
    """(share of the record's volume/issue/pages found, its first page found, record has
    none of them, numbers the record does not account for)."""
    fields = record.fields
    own: list[str] = []
    for variable in ("volume", "issue", "page", "number"):
        own.extend(_numbers(fields.get(variable)))
    available = Counter(reference.numbers)
    pages = _numbers(fields.get("page")) or _numbers(fields.get("number"))
    first_page = 0.0
    if pages and available[pages[0]] > 0:
        # every article of an online journal begins on page 1: a low page says less
        first_page = 1.0 if int(pages[0]) > 20 else 0.5
    found = 0
    for number in own:
        if available[number] > 0:
            available[number] -= 1
            found += 1
    # the year, edition and numbers in the titles account for the rest
    explains: list[str] = (
        [str(y) for y in range(record.year - 1, record.year + 2)] if (record.year) else []
    )
    for variable in ("edition", "title", "container-title", "collection-number", "ISSN"):
        explains.extend(_numbers(fields.get(variable)))
    for number in explains:
        if available[number] > 0:
            available[number] -= 1
    unexplained = min(sum(available.values()), 3) / 3
    if not own:
        return 0.0, 0.0, 1.0, unexplained
    return found / len(own), first_page, 0.0, unexplained


def _abbreviates(short: list[str], full: list[str]) -> bool:
    """Whether ``short`` abbreviates ``full`` word by word ("br j soc work" for "british
    journal of social work"): each short word begins a full word, in order."""
    words = [w for w in full if w not in STOP_WORDS]
    # initials ("j r") abbreviate anything: most words must be real abbreviations
    if not short or len(short) > len(words) or 2 * sum(len(w) >= 3 for w in short) < len(short):
        return False
    index = 0
    for word in short:
        while index < len(words) and not words[index].startswith(word):
            index += 1
        if index == len(words):
            return False
        index += 1
    return True


def container_agreement(reference: Reference, record: Record) -> tuple[float, float]:
    names = [
        fold(plain_text(str(record.fields[v])))
        for v in ("container-title", "container-title-short", "collection-title")
        if record.fields.get(v)
    ]
    names = [n for n in names if n]
    if not names:
        return 0.0, 1.0
    best = max(fuzz.partial_ratio(n, reference.folded) / 100 for n in names)
    if best < 0.95 and _abbreviated_in(reference.words, names[0].split()):
        best = 0.95
    return best, 0.0


def _abbreviated_in(words: tuple[str, ...], full: list[str]) -> bool:
    """Whether the text holds an abbreviation of ``full`` of at least two words that
    leaves out at most one of its significant words."""
    span = len([w for w in full if w not in STOP_WORDS])
    lengths = [n for n in (span, span - 1) if n >= 2]
    return any(
        _abbreviates(list(words[start : start + n]), full)
        for n in lengths
        for start in range(len(words) - n + 1)
    )


def _vocabulary(record: Record) -> frozenset[str]:
    """The words of everything a reference to ``record`` may show of it."""
    parts = [
        str(record.fields.get(v) or "")
        for v in (
            "title", "title-short", "container-title", "container-title-short",
            "collection-title", "publisher", "publisher-place", "event-title", "event-place",
            "genre", "medium", "original-title", "archive",
        )
    ]  # fmt: skip
    parts.extend(c.display_name() for c in record.contributors)
    return frozenset(fold(plain_text(" ".join(parts))).split())


def words_unexplained(reference: Reference, record: Record) -> float:
    """Share of the text's significant words (four letters or more, not citation
    boilerplate) that nothing in the record accounts for, a typo allowed: a title
    written in the text that is not this record's leaves many."""
    wanted = [
        w
        for w in reference.word_set
        if len(w) >= 4 and w.isalpha() and w not in STOP_WORDS and w not in BOILERPLATE
    ]
    if not wanted:
        return 0.0
    known = _vocabulary(record)
    missing = 0
    for word in wanted:
        if word in known:
            continue
        if len(word) >= 5 and any(
            abs(len(k) - len(word)) <= 1 and fuzz.ratio(k, word) >= 80 for k in known
        ):
            continue
        missing += 1
    return missing / len(wanted)


def evidence(reference: Reference, record: Record) -> Evidence:
    title, title_cover, title_words = title_agreement(reference, record.title)
    author_first, authors, no_authors = author_agreement(reference, record)
    year, year_conflict = year_agreement(reference, record)
    numbers, first_page, no_numbers, unexplained = number_agreement(reference, record)
    container, no_container = container_agreement(reference, record)
    return Evidence(
        title=title,
        title_cover=title_cover,
        title_words=title_words,
        author_first=author_first,
        authors=authors,
        no_authors=no_authors,
        year=year,
        year_conflict=year_conflict,
        numbers=numbers,
        first_page=first_page,
        no_numbers=no_numbers,
        unexplained=unexplained,
        unexplained_words=words_unexplained(reference, record),
        container=container,
        no_container=no_container,
    )


def names_the_work(found: Evidence) -> bool:
    """Whether the text names a work, not only its authors and year: its title, or
    its journal (or book) with the pages or volume. Without that, two works by the same
    people in the same year cannot be told apart, however well the rest agrees."""
    return found.title_cover >= 0.5 or (
        found.container >= 0.8 and (found.first_page > 0 or found.numbers >= 0.5)
    )
