"""Citation keys: ``fillingham2023reflections``. Pure functions."""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Callable, Iterator
from html import unescape

from anyascii import anyascii

from coprodcite.errors import InvalidInput
from coprodcite.model import Record

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "over",
        "the",
        "to",
        "under",
        "up",
        "with",
        "about",
        "after",
        "against",
        "among",
        "between",
        "der",
        "die",
        "das",
        "den",
        "des",
        "ein",
        "eine",
        "el",
        "la",
        "le",
        "les",
        "los",
        "las",
        "un",
        "une",
        "une",
        "du",
        "de",
        "del",
        "et",
        "und",
    ]
)
_TAG_RE = re.compile(r"<[^>]+>")


#: every byte but ASCII lower-case letters and digits (bytes.translate drops them
#: without the one string per piece that re.sub builds: 14x a 20 MB title)
_NOT_ALNUM = bytes(b for b in range(256) if not (48 <= b <= 57 or 97 <= b <= 122))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII letters and digits only, every script transliterated by anyascii
    (Łukasiewicz → lukasiewicz, Иванов → ivanov, 张 → zhang, ß → ss)."""
    text = unicodedata.normalize("NFC", unescape(_TAG_RE.sub("", text)))
    ascii_text = anyascii(text).lower().encode("ascii", "ignore")
    return ascii_text.translate(None, _NOT_ALNUM).decode("ascii")


# Scripts written without spaces between words: each character counts as a word, so a
# Chinese or Japanese title gives one syllable to a key, not the whole title.
_UNSPACED = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff])")


def _first_name_part(record: Record) -> str:
    for role in ("author", "editor", "contributor"):
        for person in record.names(role):
            family = person.family or person.literal or person.given or ""
            if person.non_dropping_particle and person.family:
                family = f"{person.non_dropping_particle}{family}"
            word = ascii_fold(family if person.family else family.split(" ")[0])
            if word:
                return word
    return "anon"


_TITLE_WORD = re.compile(r"[^\s\-–—:/]+")


def _title_words(record: Record) -> Iterator[tuple[str, str]]:
    """The words of the title as written and folded, one at a time (a title can be
    megabytes long: no list of all of its words)."""
    text = unescape(_TAG_RE.sub("", record.title))
    if _UNSPACED.search(text):
        text = _UNSPACED.sub(r" \1 ", text)
    for match in _TITLE_WORD.finditer(text):
        yield match.group(0), ascii_fold(match.group(0))


def _is_significant(raw: str, folded: str) -> bool:
    return bool(folded) and raw.lower().strip(".,;:!?'\"()") not in STOP_WORDS


def _first_title_word(record: Record) -> str:
    first = ""
    for raw, word in _title_words(record):
        if _is_significant(raw, word):
            return word
        first = first or word
    return first


DEFAULT_KEY_PATTERN = "{family}{year}{word}"
#: Placeholders of a key pattern (README: "Citation keys").
KEY_PLACEHOLDERS: dict[str, Callable[[Record], str]] = {
    "family": lambda r: _first_name_part(r),
    "year": lambda r: str(r.year) if r.year is not None else "nd",
    "word": lambda r: _first_title_word(r),
    "title": lambda r: "".join(itertools.islice(_significant_words(r), 3)),
    "authors": lambda r: "".join(_family_names(r)[:3]) or "anon",
    "doi": lambda r: re.sub(r"[^a-z0-9]", "", (r.doi or "").lower()),
}
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")


def check_key_pattern(pattern: str) -> str:
    """``pattern`` if it only uses known placeholders; InvalidInput otherwise."""
    names = _PLACEHOLDER_RE.findall(pattern)
    unknown = [n for n in names if n not in KEY_PLACEHOLDERS]
    if unknown or not names:
        known = ", ".join("{" + n + "}" for n in KEY_PLACEHOLDERS)
        raise InvalidInput(
            f"key pattern {pattern!r} is not usable",
            hint=f"use the placeholders {known} (COPRODCITE_KEY_PATTERN, config key_pattern)",
        )
    return pattern


def base_key(record: Record, pattern: str = DEFAULT_KEY_PATTERN) -> str:
    """The key ``pattern`` gives ``record``; by default family name of the first
    author, year, first significant title word. Only ASCII letters, digits and
    the pattern's own ``-_:.`` are kept."""
    key = _PLACEHOLDER_RE.sub(lambda m: KEY_PLACEHOLDERS[m.group(1)](record), pattern)
    return re.sub(r"[^A-Za-z0-9_:.\-]", "", key) or "anon"


def _significant_words(record: Record) -> Iterator[str]:
    return (word for raw, word in _title_words(record) if _is_significant(raw, word))


def _family_names(record: Record) -> list[str]:
    people = record.names("author") or record.names("editor")
    return [ascii_fold(p.family or p.literal or "") for p in people if p.family or p.literal]


def signature(record: Record) -> tuple[str, int | None, str]:
    """What makes two records without a DOI the same work: folded title, year
    and first creator's family name."""
    return (ascii_fold(record.title), record.year, _first_name_part(record))


def _suffixes() -> Iterator[str]:
    """a ... z, aa ... zz, aaa ...: as many as are needed."""
    for length in itertools.count(1):
        for letters in itertools.product(string.ascii_lowercase, repeat=length):
            yield "".join(letters)


def unique_key(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base`` with the first free a/b/c... suffix."""
    if not taken(base):
        return base
    return next(base + suffix for suffix in _suffixes() if not taken(base + suffix))
