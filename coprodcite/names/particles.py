"""Name particles (van, de la, von ...) and suffixes (Jr., III). Pure functions.

:func:`split_family` takes lower-case particles off the start of a family name
("van der Veen" -> "van der" + "Veen"), :func:`split_given` off the end of a given
name ("Miriam van" -> "Miriam" + "van"); the pipeline makes both CSL's
``non-dropping-particle``, so "de Vries, J." never prints as "Vries, J. de". A
``dropping-particle`` is kept only when a source sends one. Capitalised particles
("Van Buren", "De Niro", "Di Maria") are part of the family name and stay there.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coprodcite.names.text import word_set

#: words that are particles when written in lower case
PARTICLES: frozenset[str] = word_set(
    """van von vom zu zum zur der den des de del della delle dei degli di da das do dos du
    la le lo les ter ten te 'te 't het op in y e af av bin ibn ben bint al el"""
)
#: particles written joined to the family name by an apostrophe or a hyphen
_JOINED = re.compile(
    r"^(d['’]|l['’]|dell['’]|al-|el-|ad-|as-|at-|ar-|az-|an-|ash-|ibn-|bin-)(?=\w)"
)

SUFFIXES: dict[str, str] = {
    "jr": "Jr.",
    "jr.": "Jr.",
    "jnr": "Jr.",
    "sr": "Sr.",
    "sr.": "Sr.",
    "snr": "Sr.",
    "ii": "II",
    "iii": "III",
    "iv": "IV",
    "v": "V",
    "2nd": "2nd",
    "3rd": "3rd",
}


def normalise_suffix(suffix: str | None) -> str | None:
    """ "jr" -> "Jr.", "iii" -> "III"; other suffixes (M.D., Esq.) as given."""
    if not suffix:
        return None
    return SUFFIXES.get(suffix.strip().casefold(), suffix.strip())


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def split_suffix(text: str, *, roman: bool = True) -> tuple[str, str | None]:
    """("Smith", "Jr.") for "Smith Jr." or "Smith, Jr"; (text, None) otherwise.

    A single "V" is only taken as a suffix after a whole word ("Smith V"), never
    from given names (``roman=False``) where it is an initial."""
    match = re.match(r"^(.*?\S)[\s,]+([^\s,]+)$", text)
    if not match:
        return text, None
    head, tail = match.groups()
    key = tail.casefold()
    if key in SUFFIXES and (roman or key.rstrip(".") in ("jr", "sr", "jnr", "snr")):
        if key == "v" and (len(head.split()[-1].strip(".")) == 1):
            return text, None
        return head.rstrip(" ,"), SUFFIXES[key]
    return text, None


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def split_family(family: str) -> tuple[str | None, str]:
    """(non-dropping particle, family) for a family name: "van der Veen" ->
    ("van der", "Veen"), "d'Ayala" -> ("d'", "Ayala"), "al-Hakim" -> ("al-", "Hakim")."""
    words = family.split(" ")
    taken: list[str] = []
    while len(words) > 1 and words[0] in PARTICLES:
        taken.append(words.pop(0))
    rest = " ".join(words)
    joined = _JOINED.match(rest)
    if joined and len(rest) > joined.end() + 1:
        taken.append(joined.group(1))
        rest = rest[joined.end() :]
        particle = " ".join(taken[:-1] + [""]) + taken[-1] if len(taken) > 1 else taken[0]
        return particle, rest
    return (" ".join(taken) or None), rest


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def split_given(given: str) -> tuple[str, str | None]:
    """(given, dropping particle): "Ludwig van" -> ("Ludwig", "van")."""
    words = given.split(" ")
    taken: list[str] = []
    while len(words) > 1 and words[-1] in PARTICLES:
        taken.insert(0, words.pop())
    return " ".join(words), " ".join(taken) or None
