"""Recasing names written in ALL CAPS. Pure functions.

Only names with no lower-case letter at all are recased: a name written in lower
case on purpose (bell hooks) or in mixed case (McDonald, DiCaprio) is never changed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coprodcite.names.particles import PARTICLES
from coprodcite.names.text import word_set

#: "Mac" surnames where the next letter is not a capital (MACHADO is Machado)
_MAC_EXCEPTIONS = word_set(
    """macey machado machin machar machala machen machiavelli machlin mack mackie mackle
    macklin macias maciel macina macedo macerata mace macek machac machacek machek macho
    machon machnik maciej macik mackay mackenzie macri macron macaulay macomber
    macquarie macura macak macal macan macaluso macario macedonio macher macintyre
    mackowiak mackey mackin"""
)
#: Roman numerals and other tokens kept in capitals
_KEEP_UPPER = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*", re.UNICODE)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def is_all_caps(text: str | None) -> bool:
    """True when ``text`` has at least two cased letters and none of them is lower case
    ("KELLY", "O'NEILL"; not "J.", not "Kelly", not "김려실")."""
    if not text:
        return False
    cased = [ch for ch in text if ch.isupper() or ch.islower()]
    return len(cased) >= 2 and all(ch.isupper() for ch in cased)


def _mac(word: str) -> str:
    """MCDONALD -> McDonald, MACLEOD -> MacLeod, MACHADO -> Machado."""
    lower = word.casefold()
    if lower.startswith("mc") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    if lower.startswith("mac") and len(word) > 5 and lower not in _MAC_EXCEPTIONS:
        return "Mac" + word[3:].capitalize()
    return word.capitalize()


def _recase_word(word: str, *, first: bool, last: bool) -> str:
    if _KEEP_UPPER.match(word) and not first:
        return word
    if not last and word.casefold() in PARTICLES:
        return word.casefold()
    if "'" in word or "’" in word:  # O'NEILL, D'ANGELO
        head, mark, tail = word.partition("'" if "'" in word else "’")
        if len(head) == 1 and tail:
            return head.upper() + mark + _mac(tail)
        return head.capitalize() + mark + tail.casefold()
    return _mac(word)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def recase_words(text: str) -> str:
    """Each word written in capitals recased, in a name that mixes them with others
    ("Changsun KIM" -> "Changsun Kim", "Al HAMDANI" -> "Al Hamdani")."""
    if is_all_caps(text):
        return recase(text)
    return " ".join(
        recase(w) if is_all_caps(w) and not _KEEP_UPPER.match(w) else w for w in text.split(" ")
    )


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def recase(text: str, *, particles: bool = True) -> str:
    """``text`` in title case when it is written ALL CAPS, else unchanged.

    Words joined by hyphens are each capitalised (JEAN-PIERRE -> Jean-Pierre),
    particles followed by another word are lower case when ``particles``
    (VAN DER BERG -> van der Berg, DE LA TORRE -> de la Torre), Roman numerals
    after the first word stay in capitals (SMITH III).
    """
    if not is_all_caps(text):
        return text
    out: list[str] = []
    position = 0
    matches = list(_WORD.finditer(text))
    for index, match in enumerate(matches):
        out.append(text[position : match.start()])
        last = index == len(matches) - 1 or not particles
        out.append(_recase_word(match.group(0), first=index == 0, last=last))
        position = match.end()
    out.append(text[position:])
    return "".join(out)
