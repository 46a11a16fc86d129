"""Field values as bibtexparser's splitter leaves them: enclosings, ``@string``
macros, ``#`` concatenation, and ``crossref``/``xdata`` inheritance.

bibtexparser's own ``ResolveStringReferencesMiddleware`` replaces a value only when
it is a macro name as a whole (``month = jan``), not in a concatenation
(``title = pre # " text"``), so the reader runs an explicit, empty parse stack and
resolves values here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from coprodcite.formats.bibtex.mapping import MONTHS

#: BibTeX's predefined macros
_MONTH_NAMES = (
    "January February March April May June July August September October November December"
)
DEFAULT_MACROS = dict(zip(MONTHS, _MONTH_NAMES.split(), strict=True))  # noqa: SIM905
#: fields a child never inherits from its crossref parent (BibLaTeX's rules)
_NOT_INHERITED = frozenset(
    {
        "ids",
        "crossref",
        "xref",
        "xdata",
        "entryset",
        "entrysubtype",
        "execute",
        "label",
        "options",
        "presort",
        "related",
        "relatedoptions",
        "relatedstring",
        "relatedtype",
        "shorthand",
        "shorthandintro",
        "sortkey",
        "shorttitle",
    }
)
#: child types that take the parent's title as booktitle (BibLaTeX's rules)
_IN_TYPES = frozenset(
    {"inbook", "bookinbook", "suppbook", "incollection", "suppcollection", "inreference"}
    | {"inproceedings", "conference"}
)
_TITLE_TO = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon"}
_PERIODICAL_TITLE_TO = {"title": "journaltitle", "subtitle": "journalsubtitle"}
_IDENT = re.compile(r"[^\s#{}\"]+")


def resolve(raw: str, macros: Mapping[str, str]) -> str:
    """A raw value (``{a}``, ``"a"``, ``12``, ``jan``, ``a # {b}``) as one LaTeX string."""
    if "#" not in raw and raw[:1] + raw[-1:] in ("{}", '""'):
        return raw[1:-1]  # the common case: one enclosed value
    parts: list[str] = []
    pos, n = 0, len(raw)
    while pos < n:
        ch = raw[pos]
        if ch in " \t\r\n#":
            pos += 1
        elif ch in '{"':
            end = closing(raw, pos)
            parts.append(raw[pos + 1 : end])
            pos = end + 1
        else:
            match = _IDENT.match(raw, pos)
            word = match.group(0) if match else raw[pos]
            pos += len(word)
            parts.append(word if word.isdigit() else macros.get(word.lower(), word))
    return "".join(parts)


def closing(raw: str, start: int) -> int:
    """Index of the delimiter closing the one at ``start`` (or the end of ``raw``)."""
    depth = 0
    quote = raw[start] == '"'
    index = start + 1
    while index < len(raw):
        ch = raw[index]
        if ch == "\\":
            index += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0 and not quote:
                return index
            depth -= 1
        elif ch == '"' and quote and depth <= 0:
            return index
        index += 1
    return len(raw)


Fields = dict[str, str]


def inherit(
    entry_type: str, fields: Fields, entries: Mapping[str, tuple[str, Fields]]
) -> tuple[Fields, list[str]]:
    """``fields`` with what ``xdata`` and ``crossref`` parents give; missing parents."""
    missing: list[str] = []
    out = dict(fields)
    _inherit_into(out, entry_type, entries, missing, seen=set())
    return out, missing


def _parent(key: str, entries: Mapping[str, tuple[str, Fields]]) -> tuple[str, Fields] | None:
    return entries.get(key) or entries.get(key.lower())


def _inherit_into(
    out: Fields,
    entry_type: str,
    entries: Mapping[str, tuple[str, Fields]],
    missing: list[str],
    seen: set[str],
) -> None:
    xdata = [k.strip() for k in out.get("xdata", "").split(",") if k.strip()]
    crossref = out.get("crossref", "").strip()
    for key, is_xdata in [(k, True) for k in xdata] + ([(crossref, False)] if crossref else []):
        if key in seen:
            continue
        parent = _parent(key, entries)
        if parent is None:
            missing.append(key)
            continue
        parent_type, parent_fields = parent
        inherited = dict(parent_fields)
        _inherit_into(inherited, parent_type, entries, missing, seen | {key})
        for name, value in inherited.items():
            if name in _NOT_INHERITED:
                continue
            target = name if is_xdata else _target(name, entry_type, parent_type)
            out.setdefault(target, value)


def _target(name: str, child: str, parent: str) -> str:
    if child in _IN_TYPES and name in _TITLE_TO:
        return _TITLE_TO[name]
    if child == "article" and parent == "periodical" and name in _PERIODICAL_TITLE_TO:
        return _PERIODICAL_TITLE_TO[name]
    if child in ("inbook", "bookinbook", "suppbook") and name == "author":
        return "bookauthor"
    return name
