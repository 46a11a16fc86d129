"""Initials in given names: ``J.R.``, ``J R`` and ``JR`` become ``J. R.``. Pure functions.

Full given names are never shortened. A run of two or three capitals is read as
initials only when it cannot be a name written in capitals: it has no vowel
("JR", "MK"), or the rest of the name is in mixed case ("AJ" beside "Smith").
Transliterated Cyrillic digraphs written as one initial ("Yu.", "Zh.") stay whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

_DIGRAPHS = ("Yu", "Ya", "Yo", "Ye", "Zh", "Kh", "Ch", "Sh", "Sch", "Shch", "Ts")
_DOTTED = re.compile(r"^(?:[^\W\d_]{1,2}\.|[^\W\d_]{1,4}\.(?=-))+$|^(?:[^\W\d_]\.)+[^\W\d_]$")
_VOWELS = set("AEIOUYÀÁÂÄÅÆÈÉÊËÌÍÎÏÒÓÔÖØÙÚÛÜÝАЕЁИОУЫЭЮЯ")


def _split_dotted(token: str) -> list[str]:
    """ "J.R." -> ["J.", "R."]; "B.YU." -> ["B.", "Yu."]; "M.-C." stays one."""
    if "-" in token:
        parts = token.split("-")
        return ["-".join(_initial(p.rstrip(".")) if p else p for p in parts)]
    return [_initial(p) for p in token.split(".") if p]


def _initial(letters: str) -> str:
    letters = letters.strip(".")
    if len(letters) > 1 and letters.capitalize() in _DIGRAPHS:
        return letters.capitalize() + "."
    return letters[:1].upper() + "." if len(letters) == 1 else letters + "."


def _is_initials_run(token: str, *, mixed_case: bool) -> bool:
    """ "JR" in "Smith, JR" or "MK"; not "AMY" in an all-capitals name."""
    if not (1 <= len(token) <= 3 and token.isalpha() and token.isupper()):
        return False
    return len(token) == 1 or mixed_case or not (set(token) & _VOWELS)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def normalise_given(given: str, *, mixed_case: bool = True) -> str:
    """Given names with their initials written ``J. R.``.

    ``mixed_case`` says whether the family name is in mixed case, i.e. whether
    capitals in the given name can be initials rather than a name in capitals.
    """
    out: list[str] = []
    for token in given.split(" "):
        if not token:
            continue
        if _DOTTED.match(token) or re.fullmatch(r"[^\W\d_]\.(?:-[^\W\d_]\.?)+", token):
            out.extend(_split_dotted(token))
        elif _is_initials_run(token, mixed_case=mixed_case):
            out.extend(ch + "." for ch in token)
        else:
            out.append(token)
    return " ".join(out)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def is_initials(given: str | None) -> bool:
    """True when ``given`` holds only initials ("J. R.", "M.-C.")."""
    if not given:
        return False
    return all(re.fullmatch(r"(?:[^\W\d_]{1,2}\.-?)+", t) for t in given.split(" "))
