"""Personal and organisational names: splitting, recasing, comparing. Pure functions.

Every way a record comes in (Crossref, DataCite, CSL-JSON, BibTeX, RIS, manual entry)
passes its contributors through :func:`normalise_record` before it is stored. Each
contributor goes through :func:`normalise_contributor`, in this order:

1. clean every part (:mod:`.text`: NFC, whitespace, stray punctuation);
2. sort out the kind of name (:mod:`.orgs`, :mod:`.parse`): organisations and
   placeholders become a ``literal``; a given-only name becomes a family-only
   mononym; a family-only "Family, Given" string is split;
3. take suffixes out of the given and family names (:mod:`.particles`);
4. write initials as ``J. R.`` (:mod:`.initials`), recase ALL CAPS (:mod:`.case`)
   and put native-script Chinese names the right way round (:mod:`.cjk`);
5. move lower-case particles to ``non-dropping-particle`` (a ``dropping-particle``
   a source sent is kept);

The steps run again until nothing changes. Then :func:`normalise_contributors`
removes contributors listed twice in one role (:mod:`.dedupe`). Order, role, ORCID
and the name as received (``original``) are kept. The pipeline is idempotent and
never raises on odd text.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any

from coprodcite.identifiers import normalise_orcid
from coprodcite.model import Contributor, Record
from coprodcite.names import cjk
from coprodcite.names.case import is_all_caps, recase, recase_words
from coprodcite.names.dedupe import remove_duplicates, same_person_key
from coprodcite.names.initials import is_initials, normalise_given
from coprodcite.names.orgs import (
    WEB_ADDRESS,
    has_organisation_word,
    is_placeholder,
    looks_like_organisation,
)
from coprodcite.names.parse import parse_text, split_name
from coprodcite.names.particles import (
    SUFFIXES,
    normalise_suffix,
    split_family,
    split_given,
    split_suffix,
)
from coprodcite.names.text import clean, tidy

__all__ = [
    "keep_rejected_orcid",
    "normalise_contributor",
    "normalise_contributors",
    "normalise_record",
    "parse_name",
    "rejected_orcid",
    "remove_duplicates",
    "same_person_key",
]


def _update(c: Contributor, **changes: Any) -> Contributor:
    """``c`` with ``changes``; ``c`` itself when they change nothing (most names),
    since building a new dataclass is the costliest part of the pipeline."""
    current = c.__dict__
    changed = {k: v for k, v in changes.items() if current[k] != v}
    return c.evolve(**changed) if changed else c


def _once(c: Contributor) -> Contributor:
    """One pass of every step over ``c``'s name parts, held in local variables (a
    Contributor rebuilt after each step was most of the pipeline's cost), then one
    copy with what changed."""
    orcid = normalise_orcid(c.orcid)
    if c.orcid and not orcid:
        c = keep_rejected_orcid(replace(c, orcid=None), c.orcid)
    # 1. every part cleaned; the name as received kept in `original`
    parts: _Parts = (
        clean(c.given, given=True),
        clean(c.family),
        clean(c.literal),
        clean(c.suffix),
        tidy(c.non_dropping_particle),
        tidy(c.dropping_particle),
    )
    parts, person = _kind(parts, orcid)
    if person:
        parts = _person_steps(parts)
    given, family, literal, suffix, particle, dropping = parts
    return _update(
        c,
        given=given,
        family=family,
        literal=literal,
        suffix=suffix,
        non_dropping_particle=particle,
        dropping_particle=dropping,
        orcid=orcid,
        authenticated=bool(orcid and c.authenticated),
        original=c.original if c.original is not None else c.to_csl(),
    )


#: (given, family, literal, suffix, non-dropping particle, dropping particle)
_Parts = tuple[str | None, str | None, str | None, str | None, str | None, str | None]


def _kind(parts: _Parts, orcid: str | None) -> tuple[_Parts, bool]:
    """2. The kind of name, and whether it is a person's (whose parts go on through
    the other steps): organisations and placeholders become a literal, a given name
    alone (a mononym) a family name (CSL prints a family alone, not ", H."), a
    family-only "Family, Given" string is split."""
    given, family, literal, suffix, particle, dropping = parts
    if literal and not (given or family):
        return parts, False
    if given and not family:
        given, family = None, given
    if family and not given:
        if is_placeholder(family) or looks_like_organisation(family):
            return (None, None, family, None, None, None), False
        if "," in family:
            split = split_name(family)
            if split.given and split.family:
                given, family = split.given, split.family
    elif given and family and not orcid and _organisation_parts(given, family):
        name = family if given in family else f"{given} {family}"
        return (None, None, name, None, None, None), False
    return (given, family, None, suffix, particle, dropping), bool(given or family)


def _person_steps(parts: _Parts) -> _Parts:
    """3. suffixes out of the given and family names; 4. initials as "J. R.", ALL CAPS
    recased, native-script Chinese names the right way round; 5. lower-case particles
    to the non-dropping particle."""
    given, family, literal, suffix, particle, dropping = parts
    given, family, suffix = _suffixes(given, family, suffix)
    if cjk.is_cjk(family) or cjk.is_cjk(given):
        given, family = cjk.fix_order(given, family)
    else:
        mixed = not is_all_caps(family)
        initials = normalise_given(given, mixed_case=mixed) if given else None
        given = recase(initials, particles=False) if initials else None
        family = recase_words(family) if family else None
        dropping = dropping.casefold() if dropping else None
        particle = _lower_if_caps(particle)
    if not (particle or dropping):
        given, trailing = split_given(given) if given else (given, None)
        leading, family = split_family(family) if family else (None, family)
        particle = " ".join(p for p in (trailing, leading) if p) or None
    return given, family, literal, suffix, particle, dropping


def _organisation_parts(given: str, family: str) -> bool:
    """Given and family that are the two halves of an organisation's name:
    "European Research" + "Council", "UOT" + "WOCE Upper Ocean Thermal". (Each test is
    cached per string; pairs seldom recur.)"""
    if is_initials(given):
        return False
    if has_organisation_word(family, strong=True) or has_organisation_word(given, strong=True):
        return True
    if _web_address(given) or _web_address(family):
        return True
    found = family.split()
    if len(found) < 3:
        return False
    acronym = any(len(w) > 2 and w.isupper() for w in found)
    return acronym and any(w[:1].isupper() and w[1:].islower() for w in found)


@lru_cache(maxsize=1 << 16)  # names recur throughout a library
def _web_address(text: str) -> bool:
    return WEB_ADDRESS.search(text) is not None


def _suffixes(
    given: str | None, family: str | None, suffix: str | None
) -> tuple[str | None, str | None, str | None]:
    """3. Suffixes out of the given and family names. A suffix sent as the whole family
    name, the family at the end of the given names (family "Jr", given "H. H.
    Shugart."), is H. H. Shugart Jr.: the last given word, a whole word and not an
    initial, becomes the family."""
    key = (family or "").strip().casefold()
    if key in SUFFIXES and key != "v" and not suffix and given:
        words = given.split()
        last = words[-1].rstrip(".,") if len(words) > 1 else ""
        if len(last) >= 2 and last.isalpha() and last[0].isupper() and not last.isupper():
            given, family, suffix = " ".join(words[:-1]), last, SUFFIXES[key]
    family, from_family = split_suffix(family) if family and " " in family else (family, None)
    given, from_given = split_suffix(given, roman=False) if given else (given, None)
    return given, family, normalise_suffix(suffix or from_family or from_given)


def _lower_if_caps(text: str | None) -> str | None:
    return text.casefold() if text and is_all_caps(text) else text


def normalise_contributor(c: Contributor) -> Contributor:
    """One contributor through every step (see the module docstring).

    A step can leave work for an earlier one (a particle split off "al-AA" leaves
    "AA" to recase), so the steps run again until nothing changes (at most 4 times).
    Results are memoised: a library repeats its authors' names many times."""
    key = _memo_key(c)
    try:
        found = _MEMO.get(key)
    except TypeError:  # a value of `original` that cannot be hashed
        key = (*key[:-1], repr(key[-1]))
        found = _MEMO.get(key)
    if found is None:
        if len(_MEMO) >= _MEMO_SIZE:
            _MEMO.clear()
        found = _MEMO[key] = _normalise(c)
    return found


#: normalised contributors by every field of the contributor as it came (a plain
#: tuple: the frozen dataclass's own hash was a tenth of normalising a large import)
_MEMO: dict[tuple[Any, ...], Contributor] = {}
_MEMO_SIZE = 1 << 17


def _memo_key(c: Contributor) -> tuple[Any, ...]:
    d = c.__dict__
    original = d["original"]
    return (
        d["role"], d["given"], d["family"], d["non_dropping_particle"], d["dropping_particle"],
        d["suffix"], d["literal"], d["orcid"], d["authenticated"], d["affiliations"],
        d["sequence"], d["source_role"], d["added_by_user"], d["person_id"],
        None if original is None else tuple(original.items()),
    )  # fmt: skip


def clear_memo() -> None:
    """Forget memoised results (benchmarks measure the pipeline cold with it)."""
    _MEMO.clear()


def _normalise(c: Contributor) -> Contributor:
    result = _once(c)
    if result == c:
        return result  # nothing changed (but `original`): the next pass would be the same
    for _ in range(3):
        again = _once(result)
        if again == result:
            break
        result = again
    return result


def normalise_contributors(contributors: list[Contributor]) -> list[Contributor]:
    """The contributors of one record, normalised, in their order, without duplicates
    (use :func:`remove_duplicates` on normalised contributors to see what went)."""
    normalised = [normalise_contributor(c) for c in contributors]
    kept, _removed = remove_duplicates([c for c in normalised if not c.is_empty])
    return kept


def normalise_record(record: Record) -> Record:
    """``record`` with its contributors normalised (a new Record; the input is unchanged)."""
    return record.copy_with(contributors=normalise_contributors(record.contributors))


def parse_name(text: str, role: str = "author", *, literal: bool = False) -> Contributor:
    """A normalised Contributor from free text ("Family, Given", "Given Family",
    "van der Berg, J.", "Smith Jr., John"); organisations, or any text when
    ``literal``, become a literal name. Empty text gives an empty Contributor."""
    parts = parse_text(text, literal=literal)
    raw = Contributor(
        role=role,
        given=parts.given,
        family=parts.family,
        suffix=parts.suffix,
        literal=parts.literal,
        source_role=role,
        original={"literal": text},
    )
    return raw if literal else normalise_contributor(raw)


def keep_rejected_orcid(c: Contributor, raw: object) -> Contributor:
    """``c`` with the ORCID its source sent kept in ``original["ORCID"]`` when the
    mapping refused it (so it is reported, not dropped silently)."""
    if not raw or c.orcid or isinstance(raw, (dict, list)):
        return c
    original = dict(c.original if c.original is not None else c.to_csl())
    return replace(c, original={**original, "ORCID": str(raw)})


def rejected_orcid(c: Contributor) -> str | None:
    """The ORCID the source sent for ``c`` when it was refused (bad check digit or
    form): the mappings keep it in ``original["ORCID"]``; None otherwise."""
    raw = (c.original or {}).get("ORCID")
    return str(raw) if raw and not c.orcid and not normalise_orcid(str(raw)) else None
