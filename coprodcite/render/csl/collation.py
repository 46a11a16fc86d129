"""Sort keys for text by the Unicode Collation Algorithm (CSL 1.0.2, Sorting: "text
is compared ... using locale-aware collation"; citeproc-js uses the host's
``Intl.Collator``).

Keys come from the Default Unicode Collation Element Table (DUCET, in the version
pyuca's ``Collator`` picks) through pyuca, the pure-Python implementation of the
algorithm: every script sorts by its letters rather than by code point (Thai ``ไก่``
sorts under ``ก``, ``Łukasiewicz`` after ``Lukas``, accents and case matter only when
the letters are the same). The same root collation serves every locale: pyuca has no
per-language tailorings, so orders that a language changes (Swedish ``å ä ö`` after
``z``, Spanish ``ñ`` after ``n``) follow the root order. Punctuation is ignored, as
before, and the exact text breaks ties, so the order is total and stable.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

__all__ = ["collation_key", "text_key"]

_IGNORED = re.compile(r"[^\w\s]")


@functools.cache
def _collator() -> Any:
    from pyuca import Collator  # its trie of the whole table (~0.3 s): only when needed

    return Collator()


class _Table:
    """The collation elements of single characters, read from the table pyuca's
    ``Collator`` loads, without building its trie: the lines are indexed by character
    (~0.05 s) and a character's weights parsed when it is first met.

    Where no contraction can start, a string's elements are its characters' elements in
    a row (UTS #10, S2.1: the longest match is the single character; S2.1.1-2: no
    contraction extends it across a following non-starter). A contraction can start
    only at a character that begins one in the table, followed by the character that
    continues it or by a non-starter (``l·``, ``и`` + breve). Such strings, and
    characters with implicit weights (CJK ideographs), go to pyuca's full algorithm."""

    def __init__(self) -> None:
        import pyuca

        path = Path(pyuca.__file__).with_name(f"allkeys-{pyuca.Collator.UCA_VERSION}.txt")
        self.lines: dict[str, str] = {}
        self.continued: dict[str, set[str]] = {}  # first character -> the seconds
        self.parsed: dict[str, list[list[int]]] = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line or line[0] in "#@":
                continue
            code, _, weights = line.partition(";")
            points = code.split()
            if len(points) == 1:
                self.lines[chr(int(points[0], 16))] = weights
            else:
                first, second = (chr(int(point, 16)) for point in points[:2])
                self.continued.setdefault(first, set()).add(second)

    def elements(self, text: str) -> list[list[int]] | None:
        """The elements of NFD ``text``, or None when it needs the full algorithm."""
        out: list[list[int]] = []
        for i, char in enumerate(text):
            seconds = self.continued.get(char)
            if seconds is not None and i + 1 < len(text):
                after = text[i + 1]
                if after in seconds or unicodedata.combining(after):
                    return None
            found = self.parsed.get(char)
            if found is None:
                if char not in self.lines:
                    return None
                found = self.parsed[char] = [
                    [int(w, 16) for w in m.groups()]
                    for m in _ELEMENT.finditer(self.lines[char].split("#", 1)[0])
                ]
            out.extend(found)
        return out


# one collation element in the table: [.0000.0000.0000] or [*0000.0000.0000] (pyuca's)
_ELEMENT = re.compile(
    r"\[[*.]([0-9A-Fa-f]{4})\.([0-9A-Fa-f]{4})\.([0-9A-Fa-f]{4})(?:\.[0-9A-Fa-f]{4,5})?\]"
)


@functools.cache
def _table() -> _Table:
    return _Table()


def _sort_key(elements: list[list[int]]) -> tuple[int, ...]:
    """UTS #10, S3 (form a sort key): the non-zero weights of each level in turn, the
    levels apart by a 0; four levels, as pyuca forms them, so that keys from either
    path compare alike (the table's elements have three weights: the fourth level is
    empty)."""
    key: list[int] = []
    for level in range(4):
        if level:
            key.append(0)
        key.extend(
            element[level] for element in elements if len(element) > level and element[level]
        )
    return tuple(key)


@functools.lru_cache(maxsize=1 << 16)  # names and titles repeat across keys and calls
def collation_key(text: str) -> tuple[int, ...]:
    """The UCA sort key of ``text`` with punctuation dropped and spaces collapsed."""
    base = " ".join(_IGNORED.sub("", text).split())
    normal = base if base.isascii() else unicodedata.normalize("NFD", base)
    elements = _table().elements(normal)
    if elements is None:
        return tuple(_collator().sort_key(base))
    return _sort_key(elements)


def text_key(text: str) -> tuple[tuple[int, ...], str]:
    """Compare text as people sort it: by letters, then accents, then case; punctuation
    and the exact text only break ties."""
    return (collation_key(text), text)
