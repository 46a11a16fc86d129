"""A work's contributors: listing them, adding those the publisher left out, and
removing the ones the user added (``coprodcite contributors KEY ...``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from coprodcite.errors import InvalidInput
from coprodcite.identifiers import normalise_orcid
from coprodcite.library import Library
from coprodcite.model import Contributor, Record
from coprodcite.roles import lookup, vocabulary
from coprodcite.services.people import name_from_options


def contributors_of(library: Library, ref: str) -> Record:
    """The record named by key or DOI ``ref``, its contributors in order."""
    return library.get(ref)


def add_contributor(
    library: Library,
    ref: str,
    name: str | None,
    *,
    given: str | None = None,
    family: str | None = None,
    literal: str | None = None,
    role: str = "author",
    orcid: str | None = None,
    position: int | None = None,
    credit: Iterable[str] = (),
    public: bool = False,
    extra_roles: Iterable[Any] = (),
) -> tuple[Record, int]:
    """Insert a contributor (marked added by the user) at ``position`` (from 1; None:
    last) with ``credit`` roles on that contribution; the record and the position."""
    vocab = vocabulary(extra_roles)
    roles = [(lookup(r, vocab).id, public) for r in credit]
    contributor = name_from_options(name, given=given, family=family, literal=literal, role=role)
    if orcid:
        checked = normalise_orcid(orcid)
        if checked is None:
            raise InvalidInput(f"not an ORCID iD: {orcid!r}", hint="check its last digit")
        contributor = replace(contributor, orcid=checked)
    record = library.add_contributor(ref, contributor, position, roles)
    return record, position or len(record.contributors)


def remove_contributor(library: Library, ref: str, position: int) -> Contributor:
    """Remove the contributor the user added at ``position``; those from the source stay."""
    return library.remove_contributor(ref, position)
