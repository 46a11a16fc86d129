"""Comparison keys for names and removing duplicate contributors. Pure functions.

:func:`same_person_key` folds a contributor's name to a key that ignores case,
accents, punctuation and the way initials are written, so "Müller, J.-R." and
"MULLER, J R" compare equal. It is the key used to find duplicates within one
record, and later to match people across records. It is built from the name
alone; ORCIDs are compared separately (two different ORCIDs are never one person).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache

from coprodcite.model import Contributor
from coprodcite.names.orgs import is_placeholder

_NOT_WORD = re.compile(r"[^\w]+")


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def fold(text: str | None) -> str:
    """Lower case, no accents, punctuation as single spaces: "J.-R. Müller" -> "j r muller"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NOT_WORD.sub(" ", bare.casefold()).strip()


def same_person_key(c: Contributor) -> str:
    """``"family|given|suffix"`` folded (particles belong to the family side), or
    ``"#literal"`` for an organisation or group.

    Two contributors with the same key have the same name as far as spelling,
    accents, case and initials go; "John Smith" and "J. Smith" differ, since the
    initial alone does not show it is the same person.
    """
    if c.is_organisation:
        return "#" + fold(c.literal)
    return _person_key(c.non_dropping_particle, c.family, c.given, c.dropping_particle, c.suffix)


@lru_cache(maxsize=1 << 16)  # every record's contributors are compared: names recur
def _person_key(
    particle: str | None, family: str | None, given: str | None, dropping: str | None,
    suffix: str | None,
) -> str:  # fmt: skip
    family_part = " ".join(p for p in (particle, family) if p)
    given_part = " ".join(p for p in (given, dropping) if p)
    return "|".join((fold(family_part), fold(given_part), fold(suffix)))


def _could_be_one(a: Contributor, b: Contributor) -> bool:
    """Same name in the same role, and nothing that shows two people: different
    ORCIDs, or affiliations that share nothing."""
    if a.orcid and b.orcid and a.orcid != b.orcid:
        return False
    return not (a.affiliations and b.affiliations and not set(a.affiliations) & set(b.affiliations))


def _merge(kept: Contributor, dup: Contributor) -> Contributor:
    """``kept`` with what only ``dup`` knew (its ORCID, affiliations)."""
    extra = tuple(a for a in dup.affiliations if a not in kept.affiliations)
    return replace(
        kept,
        orcid=kept.orcid or dup.orcid,
        authenticated=kept.authenticated or (dup.authenticated and not kept.orcid),
        affiliations=kept.affiliations + extra,
    )


def _earlier(
    contributor: Contributor, kept: list[Contributor], seen: dict[tuple[str, str], list[int]]
) -> int | None:
    """The index in ``kept`` of an earlier listing of ``contributor``, if any."""
    role = f"{contributor.role}/{contributor.source_role or ''}"
    keys = [(role, "orcid:" + contributor.orcid)] if contributor.orcid else []
    if not is_placeholder(contributor.literal or contributor.family):
        keys.append((role, same_person_key(contributor)))
    for key in keys:
        for index in seen.get(key, ()):
            if key[1].startswith("orcid:") or _could_be_one(kept[index], contributor):
                return index
    for key in keys:
        seen.setdefault(key, []).append(len(kept))
    return None


def remove_duplicates(
    contributors: list[Contributor],
) -> tuple[list[Contributor], list[Contributor]]:
    """(kept, removed): a contributor listed again in the same role (same ORCID, or
    same name and nothing showing two people) is removed; the first keeps its
    place and gains what the repeat knew."""
    kept: list[Contributor] = []
    removed: list[Contributor] = []
    seen: dict[tuple[str, str], list[int]] = {}
    for contributor in contributors:
        index = _earlier(contributor, kept, seen)
        if index is None:
            kept.append(contributor)
        else:
            kept[index] = merged = _merge(kept[index], contributor)
            removed.append(contributor)
            if merged.orcid:
                role = f"{merged.role}/{merged.source_role or ''}"
                seen.setdefault((role, "orcid:" + merged.orcid), [index])
    return kept, removed
