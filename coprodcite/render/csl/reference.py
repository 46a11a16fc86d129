"""A CSL-JSON item read once into what the evaluator needs.

Names are kept as dicts of their parts (cleaned, with particles parsed out of ``family``
and ``given`` as citeproc-js does unless ``parse-names`` is false); dates are parsed by
:func:`.dates.parse_date`; everything else becomes text. ``shortTitle`` and
``journalAbbreviation`` are read as ``title-short`` and ``container-title-short``.
Variables the item lacks may be given in its ``note``, one ``variable: value`` line each
(or ``{:variable: value}``; names as ``Family || Given``), as citeproc-js reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from coprodcite.csl_schema import CSL_DATE_VARIABLES, CSL_VARIABLES, NAME_ROLES

__all__ = ["Reference", "make_reference"]

_ALIASES = {
    "shortTitle": "title-short",
    "journalAbbreviation": "container-title-short",
    "journal-abbreviation": "container-title-short",
}
_NAME_VARS = frozenset(NAME_ROLES) | {"editor-translator", "editorial-director"}
_DATE_VARS = frozenset(CSL_DATE_VARIABLES)
_PARTS = ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")


@dataclass(slots=True, eq=False)
class Reference:
    id: str
    type: str
    vars: dict[str, str] = field(default_factory=dict)
    names: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    dates: dict[str, Any] = field(default_factory=dict)  # variable -> dates.Date
    raw: Mapping[str, Any] = field(default_factory=dict)

    def has(self, variable: str) -> bool:
        if variable in self.names:
            return bool(self.names[variable])
        if variable in self.dates:
            return self.dates[variable] is not None
        return bool(self.vars.get(variable))


def make_reference(item: Mapping[str, Any]) -> Reference:
    from coprodcite.render.csl.dates import parse_date

    ref = Reference(id=str(item.get("id", "")), type=str(item.get("type") or "article"), raw=item)
    if isinstance(item.get("note"), str) and ":" in item["note"]:
        item = _with_note_fields(item)
    for key, value in item.items():
        key = _ALIASES.get(key, key)
        if value is None or key in ("id", "type"):
            continue
        if key in _NAME_VARS and isinstance(value, list):
            names = [_clean_name(n) for n in value if isinstance(n, Mapping)]
            ref.names[key] = [n for n in names if n]
        elif key in _DATE_VARS:
            date = parse_date(value)
            if date is not None:
                ref.dates[key] = date
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            text = str(value).strip() if isinstance(value, str) else _number(value)
            if text and key not in ref.vars:
                ref.vars[key] = text
    if ref.vars.get("page") and "page-first" not in ref.vars:
        from coprodcite.render.csl.numeric import page_first

        first = page_first(ref.vars["page"])
        if first:
            ref.vars["page-first"] = first
    return ref


# "variable: value" on a line of its own, or "{:variable: value}" anywhere in the note
_NOTE_FIELD = re.compile(r"^[ \t]*([A-Za-z][\w-]*)[ \t]*:[ \t]*(\S[^\n]*?)[ \t]*$|"
                         r"\{:([A-Za-z][\w-]*):[ \t]*([^}]+?)[ \t]*\}", re.MULTILINE)  # fmt: skip
_NOTE_VARS = (CSL_VARIABLES | _NAME_VARS) - {"note", "id", "type", "citation-number", "locator"}


def _with_note_fields(item: Mapping[str, Any]) -> Mapping[str, Any]:
    """The item with the variables its note gives (and that it lacks) added, and the
    lines that gave them removed from the note."""
    added: dict[str, Any] = {}

    def take(match: re.Match[str]) -> str:
        key = match.group(1) or match.group(3)
        value = (match.group(2) or match.group(4)).strip()
        if key not in _NOTE_VARS or (key in item and item[key] not in (None, "", [])):
            return match.group(0)
        if key in _NAME_VARS:
            family, bar, given = value.partition("||")
            name = {"family": family.strip(), "given": given.strip()} if bar else {"literal": value}
            added.setdefault(key, []).append(name)
        elif key not in added:
            added[key] = {"raw": value} if key in _DATE_VARS else value
        return ""

    note = _NOTE_FIELD.sub(take, item["note"])
    if not added:
        return item
    return {**item, **added, "note": re.sub(r"\n{2,}", "\n", note).strip()}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def _clean_name(raw: Mapping[str, Any]) -> dict[str, Any]:
    """A name's parts as trimmed strings, with its flags; particles and a suffix are
    parsed out of ``family`` and ``given`` unless ``parse-names`` is false."""
    name: dict[str, Any] = {}
    for part in _PARTS:
        value = raw.get(part)
        text = _SPACES.sub(" ", str(value)).strip(" ") if isinstance(value, (str, int)) else ""
        if text:
            name[part] = text  # no-break spaces are kept
    for flag in ("static-ordering", "parse-names", "comma-suffix"):
        if flag in raw:
            name[flag] = raw[flag]
    if "literal" in name:
        return name
    family = name.get("family", "")
    if len(family) > 1 and family.startswith('"') and family.endswith('"'):
        name["family"] = family[1:-1]  # quoted: no particles
        return name
    if raw.get("parse-names") in (False, "false", 0):
        return name
    if family and name.get("given") and "non-dropping-particle" not in name:
        _parse_particles(name)
    return name


# A leading word ending in a space, hyphen or apostrophe, followed by more of the name.
_FAMILY_PARTICLE = re.compile(r"^([^ ]+(?:-|\u02bb|\u2019| |') *)(.+)$", re.DOTALL)
_LEADING_MARKS = re.compile(r"^[-'\u02bb\u2019\s]*")


def _is_particle(word: str) -> bool:
    """A particle starts (after any hyphen or apostrophe) with a lowercase letter."""
    rest = _LEADING_MARKS.sub("", word)
    return bool(rest) and rest[0] != rest[0].upper()


def _parse_particles(name: dict[str, Any]) -> None:
    """``family: "van Gogh"`` → non-dropping particle "van"; ``given: "Ludwig van"``
    → dropping particle "van"; ``given: "John, Jr."`` → suffix "Jr." (``John,! Jr.``
    → with a comma before it), as citeproc-js parses names."""
    family = name["family"]
    particles = ""
    match = _FAMILY_PARTICLE.match(family)
    while match and _is_particle(match.group(1)):
        particles += match.group(1)
        family = match.group(2)
        match = _FAMILY_PARTICLE.match(family)
    if particles:
        ndp = particles.strip()
        if particles.endswith(" ") and ndp.endswith(("'", "\u2019")):
            ndp += " "
        name["non-dropping-particle"] = ndp
        name["family"] = family
    _parse_suffix(name)
    words = name.get("given", "").split(" ")
    dropped: list[str] = []
    while len(words) > 1 and _is_particle(words[-1]):
        dropped.insert(0, words.pop())
    if dropped and "dropping-particle" not in name:
        name["dropping-particle"] = " ".join(dropped)
        name["given"] = " ".join(words)


_SUFFIX_COMMA = re.compile(r"\s*,(!*)\s*")


def _parse_suffix(name: dict[str, Any]) -> None:
    given = name.get("given", "")
    match = _SUFFIX_COMMA.search(given)
    if "suffix" in name or not match:
        return
    suffix = given[match.end() :]
    if suffix.replace(".", "") == "et al" and "dropping-particle" not in name:
        name["dropping-particle"] = suffix
    else:
        if match.group(1):
            name["comma-suffix"] = True
        if suffix:
            name["suffix"] = suffix
    name["given"] = given[: match.start()]
