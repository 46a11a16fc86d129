"""People, roles, added contributors and contributor statements: the use cases.

A role may be sensitive personal data (see :mod:`coprodcite.roles`): everything here
that produces output for others (credits) shows a sensitive role only with the
person's recorded consent, or when the caller passes ``include_private``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from coprodcite.errors import InvalidInput, UsageError
from coprodcite.library import Forgotten, Library, PersonEntry
from coprodcite.model import (
    NAME_ROLES,
    Contributor,
    Record,
    RoleAssignment,
    cited_as,
    contributor_from_csl,
)
from coprodcite.roles import Role, describe, is_credit, lookup, shown, vocabulary

# -- names ------------------------------------------------------------------------


def parse_name(text: str, role: str = "author") -> Contributor:
    """A name typed by the user ("Family, Given", "Given Family", particles, suffixes),
    read and normalised by :mod:`coprodcite.names` like every name that comes in."""
    from coprodcite.names import parse_name as parse

    if not text.strip():
        raise InvalidInput("empty name", hint='give a name such as "Ada Quill"')
    return parse(text, role)


def name_from_options(
    text: str | None,
    *,
    given: str | None = None,
    family: str | None = None,
    literal: str | None = None,
    role: str = "author",
) -> Contributor:
    """A contributor from NAME or the explicit --given/--family/--literal options."""
    if sum(bool(x) for x in (text, literal, given or family)) != 1:
        raise UsageError(
            "give the name once: NAME, --literal, or --given/--family",
            hint='for example "Quill, Ada" or --literal "Invented Collective"',
        )
    if role not in NAME_ROLES:
        raise InvalidInput(
            f"unknown contributor role {role!r}", hint=f"use a CSL role: {', '.join(NAME_ROLES)}"
        )
    from coprodcite.names import normalise_contributors

    if text:
        typed = parse_name(text, role)
    elif literal:
        typed = Contributor(role=role, literal=literal.strip())
    else:
        typed = Contributor(role=role, given=(given or "").strip() or None, family=family)
    return normalise_contributors([typed])[0]


# -- people -------------------------------------------------------------------------


def _sort_key(entry: PersonEntry) -> tuple[str, str, str, str, int]:
    parts = entry.person.name or entry.person.published or {}
    family = (parts.get("family") or parts.get("literal") or "").casefold()
    given = (parts.get("given") or "").casefold()
    return (_unaccented(family), _unaccented(given), family, given, entry.person.id)


def _unaccented(text: str) -> str:
    """``text`` without its accents (Émile sorts with Emile, not after Zoe)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def people_list(library: Library) -> list[PersonEntry]:
    """Every person, by family name (or organisation name), then given name."""
    return sorted(library.people(), key=_sort_key)


def person_summary(entry: PersonEntry) -> dict[str, Any]:
    """The ``people list --json`` object: no roles, no notes."""
    p = entry.person
    return {
        "id": p.id,
        "name": p.display_name(),
        "orcid": p.orcid,
        "preferred": p.name is not None,
        "contributions": len(entry.contributions),
        "records": sorted({c.record_key for c in entry.contributions}),
    }


def person_details(
    entry: PersonEntry,
    roles: list[RoleAssignment],
    vocab: Mapping[str, Role],
    *,
    include_private: bool = False,
) -> dict[str, Any]:
    """The ``people show --json`` object. Notes and private roles are private: they
    are listed only with ``include_private`` (else counted, and notes are null)."""
    p = entry.person
    visible = [
        a
        for a in roles
        if shown(describe(a.role, vocab), a.public, include_private=include_private)
    ]
    return {
        **person_summary(entry),
        "preferred_name": p.name,
        "notes": p.notes if include_private else None,
        "notes_hidden": bool(p.notes) and not include_private,
        "created": p.created,
        "contributions": [
            {
                "record": c.record_key,
                "position": c.position,
                "role": c.contributor.role,
                "published_name": c.contributor.to_csl(),
                "added_by_user": c.contributor.added_by_user,
            }
            for c in entry.contributions
        ],
        "roles": [_role_json(a, vocab) for a in visible],
        "private_roles_hidden": len(roles) - len(visible),
    }


def _role_json(a: RoleAssignment, vocab: Mapping[str, Role]) -> dict[str, Any]:
    role = describe(a.role, vocab)
    return {**a.to_json(), "label": role.label, "sensitive": role.sensitive, "uri": role.uri}


def set_role(
    library: Library,
    person_id: int,
    role_text: str,
    *,
    extra_roles: Iterable[Any] = (),
    public: bool = False,
    on: str | None = None,
    remove: bool = False,
) -> RoleAssignment:
    """Add (or with ``remove``, take away) a role of a person or, with ``on``
    (``KEY`` or ``KEY:POSITION``), of their contribution to that record."""
    role = lookup(role_text, vocabulary(extra_roles))
    if role.is_credit and not on and not remove:
        raise InvalidInput(
            f"{role.label} is a CRediT role: it is given for one work, with --on KEY[:POSITION]",
            hint=_works_hint(library, person_id),
        )
    key, position = parse_contribution(on) if on else (None, None)
    assignment = RoleAssignment(role.id, person_id, key, position, public)
    return library.remove_role(assignment) if remove else library.add_role(assignment)


def _works_hint(library: Library, person_id: int) -> str:
    works = sorted({c.record_key for c in library.people([person_id])[0].contributions})
    if not works:
        return f"person {person_id} has no contribution to give it on"
    listed = ", ".join(works[:5]) + (f" and {len(works) - 5} more" if len(works) > 5 else "")
    return f"person {person_id} contributed to {listed}: for example --on {works[0]}"


def parse_contribution(text: str) -> tuple[str, int | None]:
    """``KEY`` or ``KEY:POSITION`` (from 1)."""
    key, _, position = text.rpartition(":") if ":" in text else (text, "", "")
    if position and not position.isdigit():
        key, position = text, ""
    if not key:
        raise InvalidInput(f"not a contribution: {text!r}", hint="give KEY or KEY:POSITION")
    return key, int(position) if position else None


def forgotten_json(result: Forgotten, vocab: Mapping[str, Role]) -> dict[str, Any]:
    return {
        "person": result.person_id,
        "roles": [_role_json(a, vocab) for a in result.roles],
        "notes": result.notes,
        "preferred_name": result.preferred_name,
    }


def person_view(
    library: Library,
    person_id: int,
    *,
    extra_roles: Iterable[Any] = (),
    include_private: bool = False,
) -> dict[str, Any]:
    """The ``people show --json`` object of one person (see :func:`person_details`)."""
    entry = library.people([person_id])[0]
    roles = library.roles(person_ids=[person_id])
    return person_details(entry, roles, vocabulary(extra_roles), include_private=include_private)


def merge_people(library: Library, person_ids: list[int]) -> int:
    """Link the contributions of all ``person_ids`` to the first; its id."""
    return library.merge_people(person_ids).person.id


def split_person(library: Library, person_id: int, contributions: list[str]) -> int:
    """Move the contributions named ``KEY[:POSITION]`` to a new person; its id."""
    parsed = [parse_contribution(c) for c in contributions]
    return library.split_person(person_id, parsed).person.id


def rename_person(library: Library, person_id: int, name: Contributor | None) -> None:
    """Cite the person by ``name`` from now on; None: by the name as published."""
    library.rename_person(person_id, name.to_csl() if name is not None else None)


def set_notes(library: Library, person_id: int, notes: str | None) -> None:
    library.set_notes(person_id, notes)


def forget_person(
    library: Library, person_id: int, *, extra_roles: Iterable[Any] = ()
) -> dict[str, Any]:
    """Erase a person's roles, notes and preferred name; what was erased, as JSON."""
    return forgotten_json(library.forget_person(person_id), vocabulary(extra_roles))


def is_sensitive(role_id: str, extra_roles: Iterable[Any] = ()) -> bool:
    return describe(role_id, vocabulary(extra_roles)).sensitive


def name_text(parts: Mapping[str, str]) -> str:
    """CSL name parts as one would write the name ("Ada Quill", "Invented Collective")."""
    return contributor_from_csl(dict(parts), "author").display_name() or "?"


# -- credits ------------------------------------------------------------------------


@dataclass
class Credit:
    position: int
    name: str
    role: str
    person_id: int | None
    orcid: str | None
    added_by_user: bool
    roles: list[Role] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "position": self.position,
            "name": self.name,
            "role": self.role,
            "person": self.person_id,
            "orcid": self.orcid,
            "added_by_user": self.added_by_user,
            "roles": [r.to_json() for r in self.roles],
        }


@dataclass
class CreditStatement:
    key: str
    title: str
    contributors: list[Credit]

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "contributors": [c.to_json() for c in self.contributors],
        }


def credits(
    library: Library,
    refs: list[str],
    *,
    extra_roles: Iterable[Any] = (),
    include_private: bool = False,
) -> list[CreditStatement]:
    """A contributor statement per work: every contributor in order, under their
    preferred name, with their roles (person-wide and for this work). Sensitive roles
    appear only where consent is recorded, unless ``include_private``."""
    from coprodcite.markup import plain_text

    vocab = vocabulary(extra_roles)
    names = library.preferred_names()
    out = []
    for record in library.records(refs=refs):
        assert record.key is not None
        roles = library.roles(record_key=record.key)
        people = [
            _credit(i, c, names, roles_for(i, c, record, roles), vocab, include_private)
            for i, c in enumerate(record.contributors, start=1)
        ]
        out.append(CreditStatement(record.key, plain_text(record.title), people))
    return out


def roles_for(
    position: int, c: Contributor, record: Record, roles: list[RoleAssignment]
) -> list[RoleAssignment]:
    """The roles shown for one contribution: those given for it, and those of its
    person. A CRediT role stored for a person, not a work (before coprodcite asked
    for --on), is shown on none of their works: `people show` lists it to be fixed."""
    return [
        a
        for a in roles
        if (a.record_key == record.key and a.position == position)
        or (not a.on_contribution and a.person_id == c.person_id and not is_credit(a.role))
    ]


def _credit(
    position: int,
    c: Contributor,
    names: Mapping[int, dict[str, str]],
    roles: list[RoleAssignment],
    vocab: Mapping[str, Role],
    include_private: bool,
) -> Credit:
    cited = cited_as(c, names)
    kept: list[Role] = []
    for a in roles:
        role = describe(a.role, vocab)
        if shown(role, a.public, include_private=include_private) and role not in kept:
            kept.append(role)
    kept.sort(key=lambda r: (not r.is_credit, list(vocab).index(r.id) if r.id in vocab else 99))
    return Credit(
        position, cited.display_name(), c.role, c.person_id, c.orcid, c.added_by_user, kept
    )


def format_credits(statements: list[CreditStatement], fmt: str) -> str:
    """Contributor statements as ``text`` or ``markdown``."""
    blocks = []
    for s in statements:
        if fmt == "markdown":
            lines = [f"**{_md(s.title or s.key)}** ({s.key})", ""]
            lines += [f"{c.position}. {_md(_credit_line(c))}" for c in s.contributors]
        else:
            lines = [f"{s.key}: {s.title}"]
            lines += [f"  {c.position}. {_credit_line(c)}" for c in s.contributors]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _credit_line(c: Credit) -> str:
    about = c.role + (", added by the user" if c.added_by_user else "")
    line = f"{c.name} ({about})"
    return f"{line}: {'; '.join(r.label for r in c.roles)}" if c.roles else line


def _md(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]<>#|" else ch for ch in text)


def is_credit_role(role: str) -> bool:
    """Whether ``role`` is a CRediT role (which belongs to one contribution)."""
    return is_credit(role)
