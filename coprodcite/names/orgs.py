"""Telling organisations, groups and placeholders from people. Pure functions.

An organisation is kept whole as a CSL ``literal`` and never split into people.
The evidence is in the words: keywords such as University, Council, Consortium or
Group (also inside German compounds: "Leibniz-Institut", "Volkshochschule"),
function words that a personal name does not hold ("of", "the", "for", "and"),
digits, brackets, slashes and web addresses.
"""

from __future__ import annotations

import re
from functools import lru_cache

from coprodcite.names.text import word_set

ORGANISATION_WORDS: frozenset[str] = word_set(
    """academy administration agency alliance archive archives assembly associates
    association authority bank board bureau center centre centro college collaboration
    collaborative collection collective commission committee company consortium
    corporation council county court department division faculty federation foundation
    fund garden government group hospital inc initiative institut institute institution
    instituto investigators laboratory laboratories lab league library limited llc ltd
    management ministry museum network observatory office organisation organization
    panel partnership party press program programme project publications publishers
    publishing registry repository research school secretariat seminar service services
    society staff survey system systems team trialists trust union unit universidad
    universidade universitat universität university università université verein working
    workgroup writers editors authors participants contributors gmbh plc sternwarte
    bibliothek zentrum gesellschaft volkshochschule hochschule reich coleccion colección
    data statistics journal journals"""
)
#: endings of German and Dutch compound organisation words
_COMPOUND_ENDINGS = (
    "institut", "universität", "zentrum", "gesellschaft", "schule", "bibliothek",
    "sternwarte", "verein", "verband", "stiftung", "amt", "ministerium",
)  # fmt: skip
#: words that join the parts of an organisation's name but not of one person's
FUNCTION_WORDS: frozenset[str] = word_set("of the for and & und für des pour et y de la at on in")
#: names that stand for nobody: kept as a literal, reported as placeholders
PLACEHOLDERS: frozenset[str] = frozenset(
    [
        *word_set("unknown anonymous anon n/a na none null nil unav unap unkn tba unbekannt"),
        *["s.n.", "s.n", "et al.", "et al", "author"],
        "no name supplied",
        "(:unkn) unknown",
    ]
)
#: organisation words a surname can also be (Press, Bank, Court): they count only
#: beside other evidence, never to turn a "Given Family" pair into an organisation
WEAK_WORDS: frozenset[str] = word_set(
    "bank court garden lab press research school seminar service staff trust union unit"
)
WEB_ADDRESS = re.compile(r"@|https?:|www\.|\.(?:org|com|net|edu|gov)\b", re.I)
NOT_A_PERSON = re.compile(r"[\d()\[\]/:;@]|\.(?:org|com|net|edu|gov)\b|https?:", re.I)


def words(text: str) -> list[str]:
    return [w.strip(".,;:()[]\"'").casefold() for w in text.split()]


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def is_placeholder(text: str | None) -> bool:
    """ "Unknown", "Anonymous", "(:Unav)", "[S.N.]", "&NA;", "et al." ..."""
    if not text:
        return False
    folded = text.strip().casefold()
    return folded in PLACEHOLDERS or folded.strip("()[]:;&. ") in PLACEHOLDERS


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def has_organisation_word(text: str, *, strong: bool = False) -> bool:
    """A keyword such as University or Consortium (``strong``: not one a surname can
    also be, such as Press), or a trailing "AG" after two words ("Swissair Photo AG")."""
    found = words(text)
    if len(found) >= 3 and found[-1] in ("ag", "sa", "bv", "nv"):
        return True
    return any(
        (w in ORGANISATION_WORDS and not (strong and w in WEAK_WORDS))
        or (len(w) > 8 and w.endswith(_COMPOUND_ENDINGS))
        for part in found
        for w in [part, *part.split("-")]
    )


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def looks_like_organisation(text: str | None) -> bool:
    """True when ``text`` names an organisation or group, not one person.

    A lower-case function word counts ("Food and Agriculture Organization",
    "GLIS Of The ITPGRFA" after recasing), except a lone name particle
    ("Maria de Souza" is a person).
    """
    if not text:
        return False
    if has_organisation_word(text) or NOT_A_PERSON.search(text):
        return True
    found = words(text)
    joiners = [w for w in found if w in FUNCTION_WORDS and w not in ("de", "la", "y", "e", "in")]
    return len(found) >= 3 and bool(joiners)
