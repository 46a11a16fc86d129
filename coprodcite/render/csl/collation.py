"""Sort keys for text by the Unicode Collation Algorithm (CSL 1.0.2, Sorting: "text
is compared ... using locale-aware collation"; citeproc-js uses the host's
``Intl.Collator``).

Keys come from the Default Unicode Collation Element Table (DUCET, Unicode 10) through
pyuca, the pure-Python implementation of the algorithm: every script sorts by its
letters rather than by code point (Thai ``ไก่`` sorts under ``ก``, ``Łukasiewicz``
after ``Lukas``, accents and case matter only when the letters are the same). The same
root collation serves every locale: pyuca has no per-language tailorings, so orders
that a language changes (Swedish ``å ä ö`` after ``z``, Spanish ``ñ`` after ``n``)
follow the root order. Punctuation is ignored, as before, and the exact text breaks
ties, so the order is total and stable.
"""

from __future__ import annotations

import functools
import re
from typing import Any

__all__ = ["collation_key", "text_key"]

_IGNORED = re.compile(r"[^\w\s]")


@functools.cache
def _collator() -> Any:
    from pyuca import Collator  # loads its table once, on the first sort (~0.2 s)

    return Collator()


@functools.cache
def _ascii_elements() -> dict[str, list[Any]]:
    """The collation elements of each printable ASCII character. DUCET has no
    contraction of ASCII characters only, so an ASCII string's elements are its
    characters' elements in a row (tests/render/csl/test_collation.py checks this)."""
    collator = _collator()
    return {chr(c): collator.collation_elements(chr(c)) for c in range(32, 127)}


@functools.lru_cache(maxsize=1 << 16)  # names and titles repeat across keys and calls
def collation_key(text: str) -> tuple[int, ...]:
    """The UCA sort key of ``text`` with punctuation dropped and spaces collapsed."""
    base = " ".join(_IGNORED.sub("", text).split())
    collator = _collator()
    if base.isascii():  # most keys: the table lookup without the trie walk
        table = _ascii_elements()
        elements = [e for char in base for e in table[char]]
        return tuple(collator.sort_key_from_collation_elements(elements))
    return tuple(collator.sort_key(base))


def text_key(text: str) -> tuple[tuple[int, ...], str]:
    """Compare text as people sort it: by letters, then accents, then case; punctuation
    and the exact text only break ties."""
    return (collation_key(text), text)
