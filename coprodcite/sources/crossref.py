"""Crossref REST ``/works/{doi}`` JSON mapped to a :class:`Record` (pure, no I/O).

The mapping is declarative: :data:`CROSSREF_TYPES` maps work types to CSL types,
:data:`FIELD_RULES` maps message fields to CSL variables (the first rule with a
value wins, so later rules are fallbacks) and :data:`CONTRIBUTOR_ROLES` maps
Crossref's contributor lists to CSL roles. Every named contributor is kept, in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.identifiers import normalise_orcid
from coprodcite.markup import strip_jats
from coprodcite.model import NAME_ROLES, Contributor, Record
from coprodcite.names import keep_rejected_orcid
from coprodcite.sources._common import (
    FieldRule,
    as_list,
    csl_date,
    doi,
    join_title,
    map_fields,
    name_of,
    rich,
    text,
    tidy_fields,
)

#: Crossref work type -> CSL type (https://api.crossref.org/types); others -> "document"
CROSSREF_TYPES: dict[str, str] = {
    "journal-article": "article-journal",
    "book-chapter": "chapter",
    "book-part": "chapter",
    "book-section": "chapter",
    "proceedings-article": "paper-conference",
    "posted-content": "article",  # preprints and other posted content
    "dataset": "dataset",
    "database": "dataset",
    "book": "book",
    "edited-book": "book",
    "monograph": "book",
    "reference-book": "book",
    "book-set": "book",
    "book-track": "book",
    "book-series": "book",
    "proceedings": "book",
    "proceedings-series": "book",
    "report": "report",
    "report-component": "report",
    "report-series": "report",
    "dissertation": "thesis",
    "standard": "standard",
    "standard-series": "standard",
    "peer-review": "review",
    "reference-entry": "entry",
    "component": "article",
    "journal": "periodical",
    "journal-issue": "periodical",
    "journal-volume": "periodical",
    "grant": "document",
    "other": "document",
}

#: Crossref contributor list -> CSL role. Other lists of people found in a message
#: are kept too (see :func:`_contributor_lists`).
CONTRIBUTOR_ROLES: dict[str, str] = {
    "author": "author",
    "editor": "editor",
    "chair": "chair",
    "translator": "translator",
}
#: keys only a person carries: how a list of people is told from funders or institutions
_PERSON_KEYS = frozenset(
    {"given", "family", "sequence", "ORCID", "authenticated-orcid", "affiliation"}
)


def _title(message: Mapping[str, Any]) -> str | None:
    return join_title(rich(message.get("title")), rich(message.get("subtitle")))


def _abstract(value: Any) -> str | None:
    return strip_jats(value) or None if isinstance(value, str) else None


#: (message field, CSL variable, converter); for each variable the first value wins.
FIELD_RULES: tuple[FieldRule, ...] = (
    ("", "title", _title),
    ("short-title", "title-short", rich),
    ("original-title", "original-title", rich),
    ("container-title", "container-title", rich),
    ("group-title", "container-title", rich),  # posted content: a blog (see _preprint)
    ("short-container-title", "container-title-short", rich),
    ("event.name", "event-title", rich),
    ("event.location", "event-place", text),
    ("volume", "volume", text),
    ("issue", "issue", text),
    ("page", "page", text),
    ("article-number", "number", text),
    ("publisher", "publisher", text),
    ("institution", "publisher", name_of),  # dissertations, reports, preprint servers
    ("publisher-location", "publisher-place", text),
    ("ISSN", "ISSN", text),
    ("ISBN", "ISBN", text),
    ("URL", "URL", text),
    ("DOI", "DOI", doi),
    ("language", "language", text),
    ("edition-number", "edition", text),
    ("abstract", "abstract", _abstract),
    # "issued" is Crossref's own choice (the earliest of print and online); the
    # others stand in when it is missing or holds no valid year.
    ("issued", "issued", csl_date),
    ("published-print", "issued", csl_date),
    ("published-online", "issued", csl_date),
    ("published", "issued", csl_date),
    ("posted", "issued", csl_date),
)


def _preprint(work: Mapping[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    """A preprint's server as its publisher, and no container, in place.

    For posted content Crossref's ``group-title`` is the group the server files it
    under: a blog's name (Front Matter), but a subject for a preprint (bioRxiv's
    "Bioinformatics", ESSOAr's "Geochemistry"), which styles would print as if it were
    the journal. For a preprint the server (``institution``: "bioRxiv") is the
    publisher, as Zotero's preprint "repository" is CSL's publisher."""
    if text(work.get("type")) != "posted-content" or text(work.get("subtype")) != "preprint":
        return fields
    if not rich(work.get("container-title")):
        fields.pop("container-title", None)
    server = name_of(work.get("institution"))
    if server:
        fields["publisher"] = server
    return fields


def _unwrap(payload: Any) -> dict[str, Any]:
    """The work ``message`` of a ``{status, message-type, message}`` envelope, or
    ``payload`` itself when it is a bare message."""
    if not isinstance(payload, dict):
        raise FormatError(f"a Crossref work is a JSON object, not {type(payload).__name__}")
    if "message" not in payload or not ({"status", "message-type"} & payload.keys()):
        return payload
    if payload.get("status") not in (None, "ok"):
        raise FormatError(f"Crossref answered with status {payload.get('status')!r}")
    if payload.get("message-type") not in (None, "work"):
        raise FormatError(f"a Crossref {payload.get('message-type')} response, not one work")
    message = payload["message"]
    if not isinstance(message, dict):
        raise FormatError("the Crossref response has no work message")
    return message


def _source_role(person: Mapping[str, Any], list_key: str) -> str:
    """The role a person's own ``role`` entries name (newer deposits), else the list."""
    for entry in as_list(person.get("role")):
        named = text(entry.get("role")) if isinstance(entry, Mapping) else text(entry)
        if named:
            return named
    return list_key


def _contributor(person: Any, role: str, list_key: str) -> Contributor | None:
    """One Crossref person or group; None when it carries no name at all."""
    if not isinstance(person, Mapping):
        return None
    given, family, name = (
        text(person.get("given")),
        text(person.get("family")),
        text(person.get("name")),
    )
    literal = name if name and not family else None
    if not (given or family or literal):
        return None
    orcid = normalise_orcid(person.get("ORCID"))
    affiliations = (name_of(a) for a in as_list(person.get("affiliation")))
    contributor = Contributor(
        role=role,
        given=None if literal else given,
        family=family,
        suffix=text(person.get("suffix")),
        literal=literal,
        orcid=orcid,
        authenticated=bool(orcid and person.get("authenticated-orcid")),
        affiliations=tuple(a for a in affiliations if a),
        sequence=text(person.get("sequence")),
        source_role=_source_role(person, list_key),
    )
    return keep_rejected_orcid(contributor, person.get("ORCID"))


def _is_people(value: Any) -> bool:
    items = as_list(value) if isinstance(value, list) else []
    return (
        bool(items)
        and all(isinstance(p, Mapping) for p in items)
        and any(_PERSON_KEYS & p.keys() for p in items)
    )


def _contributor_lists(message: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(message key, CSL role) for every list of people: the known roles first."""
    lists = [(key, role) for key, role in CONTRIBUTOR_ROLES.items() if key in message]
    for key, value in message.items():
        if key not in CONTRIBUTOR_ROLES and _is_people(value):
            lists.append((key, key if key in NAME_ROLES else "contributor"))
    return lists


def crossref_contributors(message: Mapping[str, Any]) -> list[Contributor]:
    contributors: list[Contributor] = []
    for key, role in _contributor_lists(message):
        for person in as_list(message.get(key)):
            contributor = _contributor(person, role, key)
            if contributor is not None:
                contributors.append(contributor)
    return contributors


#: (Crossref type, subtype) -> CSL type, where the subtype says more than the type
CROSSREF_SUBTYPES: dict[tuple[str, str], str] = {
    ("posted-content", "blog"): "post-weblog",  # Front Matter blogs: not a preprint
}


def crossref_type(message: Mapping[str, Any]) -> str:
    kind = text(message.get("type")) or ""
    subtype = CROSSREF_SUBTYPES.get((kind, text(message.get("subtype")) or ""))
    return subtype or CROSSREF_TYPES.get(kind, "document")


def map_crossref(message: Any, *, fetched_at: str | None = None) -> Record:
    """A Record from a Crossref work ``message`` (or the whole response envelope).

    Raises :class:`FormatError` when it is not a Crossref work or has no DOI.
    """
    work = _unwrap(message)
    fields = tidy_fields(_preprint(work, map_fields(work, FIELD_RULES)), crossref_type(work))
    if "DOI" not in fields:
        raise FormatError("the Crossref work has no DOI")
    return Record(
        type=crossref_type(work),
        fields=fields,
        contributors=crossref_contributors(work),
        source="crossref",
        source_data=work,  # the work message as received, without the envelope
        fetched_at=fetched_at,
    )
