"""DataCite REST ``/dois/{doi}`` JSON mapped to a :class:`Record` (pure, no I/O).

Accepts the response ``{"data": {"id", "type", "attributes"}}``, a bare ``data``
item (as in list responses) or bare ``attributes``. Declarative like the Crossref
mapping: :data:`RESOURCE_TYPES`, :data:`FIELD_RULES` and :data:`CONTRIBUTOR_TYPES`.
Every creator and contributor that has a name is kept, in order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.identifiers import normalise_orcid
from coprodcite.markup import strip_jats
from coprodcite.model import Contributor, Record
from coprodcite.names import keep_rejected_orcid
from coprodcite.names.orgs import has_organisation_word, is_placeholder, looks_like_organisation
from coprodcite.names.parse import NameParts, looks_like_person, split_name, strip_titles
from coprodcite.sources._common import (
    CSL_TYPES,
    FieldRule,
    as_list,
    doi,
    iso_date,
    join_title,
    map_fields,
    name_of,
    rich,
    text,
    tidy_fields,
)

#: DataCite resourceTypeGeneral (schema 4.5) -> CSL type; others -> "document"
RESOURCE_TYPES: dict[str, str] = {
    "Audiovisual": "motion_picture",
    "Book": "book",
    "BookChapter": "chapter",
    "Collection": "collection",
    "ComputationalNotebook": "software",
    "ConferencePaper": "paper-conference",
    "ConferenceProceeding": "book",
    "DataPaper": "article-journal",
    "Dataset": "dataset",
    "Dissertation": "thesis",
    "Event": "event",
    "Image": "graphic",
    "InteractiveResource": "webpage",
    "Journal": "periodical",
    "JournalArticle": "article-journal",
    "Model": "document",
    "OutputManagementPlan": "document",
    "PeerReview": "review",
    "PhysicalObject": "document",
    "Preprint": "article",
    "Report": "report",
    "Service": "webpage",
    "Software": "software",
    "Sound": "song",
    "Standard": "standard",
    "StudyRegistration": "document",
    "Text": "article",
    "Workflow": "software",
    "Other": "document",
}

#: DataCite contributorType -> CSL role; every other type -> "contributor"
CONTRIBUTOR_TYPES: dict[str, str] = {"Editor": "editor"}


def datacite_type(attributes: Mapping[str, Any]) -> str:
    """``types.citeproc`` when it is a CSL type, else the resourceTypeGeneral mapping.

    DataCite fills ``citeproc`` with "article" for every general type it has no
    mapping for (Software, PhysicalObject, Collection ...); when the general type
    says more, it wins over that catch-all.
    """
    types = attributes.get("types")
    if not isinstance(types, Mapping):
        types = {}
    citeproc = text(types.get("citeproc"))
    general = RESOURCE_TYPES.get(text(types.get("resourceTypeGeneral")) or "")
    if citeproc in CSL_TYPES and not (citeproc == "article" and general not in (None, "article")):
        return str(citeproc)
    return general or "document"


def _titles(attributes: Mapping[str, Any]) -> str | None:
    titles = [t for t in as_list(attributes.get("titles")) if isinstance(t, Mapping)]
    main = next((t for t in titles if not text(t.get("titleType"))), None)
    main = main or next((t for t in titles if text(t.get("titleType")) != "Subtitle"), None)
    subtitle = next(
        (t.get("title") for t in titles if text(t.get("titleType")) == "Subtitle"),
        main.get("subtitle") if main else None,
    )
    return join_title(rich(main.get("title")) if main else None, rich(subtitle))


def _issued(attributes: Mapping[str, Any]) -> dict[str, Any] | None:
    """The ``Issued`` date when it agrees with ``publicationYear``, else that year."""
    year = iso_date(attributes.get("publicationYear"))
    for entry in as_list(attributes.get("dates")):
        if isinstance(entry, Mapping) and (text(entry.get("dateType")) or "").lower() == "issued":
            date = iso_date(entry.get("date"))
            if date and (year is None or date["date-parts"][0][0] == year["date-parts"][0][0]):
                return date
    return year


def _pages(container: Any) -> str | None:
    if not isinstance(container, Mapping):
        return None
    first, last = text(container.get("firstPage")), text(container.get("lastPage"))
    return f"{first}-{last}" if first and last and first != last else first or last


def _issn(container: Any) -> str | None:
    if isinstance(container, Mapping) and text(container.get("identifierType")) == "ISSN":
        return text(container.get("identifier"))
    return None


def _abstract(descriptions: Any) -> str | None:
    for entry in as_list(descriptions):
        if isinstance(entry, Mapping) and text(entry.get("descriptionType")) == "Abstract":
            for description in as_list(entry.get("description")):
                if isinstance(description, str) and (abstract := strip_jats(description)):
                    return abstract
    return None


#: (attribute path, CSL variable, converter); for each variable the first value wins.
FIELD_RULES: tuple[FieldRule, ...] = (
    ("", "title", _titles),
    ("container.title", "container-title", rich),
    ("container.volume", "volume", text),
    ("container.issue", "issue", text),
    ("container", "page", _pages),
    ("container", "ISSN", _issn),
    ("publisher", "publisher", name_of),  # a string, or {"name": ...} in newer responses
    ("", "issued", _issued),
    ("url", "URL", text),
    ("doi", "DOI", doi),
    ("version", "version", text),
    ("language", "language", text),
    ("descriptions", "abstract", _abstract),
)


def _orcids(person: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """(the valid ORCID, else None; the raw value of an ORCID identifier, valid or not)."""
    raw = None
    for identifier in as_list(person.get("nameIdentifiers")):
        if isinstance(identifier, Mapping):
            labels = " ".join(
                str(identifier.get(k) or "")
                for k in ("nameIdentifierScheme", "schemeUri", "nameIdentifier")
            )
            value = identifier.get("nameIdentifier")
        else:
            labels = value = str(identifier)
        if "orcid" in labels.lower():
            raw = raw or text(value)
            if orcid := normalise_orcid(value):
                return orcid, text(value)
    return None, raw


#: dates and notes library catalogues add after a name
_AUTHORITY_EXTRAS = re.compile(r"(?:\s*(?:<[^>]*>|\([^)]*\)|,\s*-?\d{4}-?(?:\d{4})?))+\s*$")


def _from_name(name: str, personal: bool) -> NameParts:
    """Parts of a creator given only as ``name``. Organisations and placeholders stay
    whole; a name is split only with evidence that it is a person's: nameType
    Personal, an ORCID, a "Family, Given" comma, or the shape of a personal name
    (two to five name words or initials, no organisation word)."""
    bare = _AUTHORITY_EXTRAS.sub("", name)
    if "," in bare and bare != name and not looks_like_organisation(bare):
        # "Petrelli, Alioscia <1979>", "Gurari, Netta (Northwestern University)"
        parts = split_name(bare)
        if parts.family and parts.given:
            return parts
    if is_placeholder(name) or looks_like_organisation(name):
        return NameParts(literal=name)
    if personal or ("," in name and ";" not in name) or looks_like_person(strip_titles(name)):
        parts = split_name(name)
        if parts.family:
            return parts
    return NameParts(literal=name)


def _name_parts(person: Mapping[str, Any], has_orcid: bool) -> NameParts:
    """CSL parts for one DataCite creator or contributor."""
    given = text(person.get("givenName")) or text(person.get("given"))
    family = text(person.get("familyName")) or text(person.get("family"))
    name = text(person.get("name"))
    kind = (text(person.get("nameType")) or text(person.get("type")) or "").lower()
    if kind.startswith("organi"):  # "Organizational", schema.org "Organization"
        return NameParts(literal=name or " ".join(p for p in (given, family) if p) or None)
    if given or family:
        # DataCite splits names itself, organisations too ("Tara Oceans Consortium,
        # Coordinators" as nameType Personal): an organisation word outweighs that
        whole = name or " ".join(p for p in (given, family) if p)
        if not has_orcid and has_organisation_word(whole, strong=True):
            return NameParts(literal=whole)
        return NameParts(given=given, family=family)
    if not name:
        return NameParts()
    return _from_name(name, kind.startswith("person") or has_orcid)


def _contributor(person: Any, role: str, source_role: str | None) -> Contributor | None:
    if not isinstance(person, Mapping):
        return None
    orcid, raw_orcid = _orcids(person)
    parts = _name_parts(person, bool(raw_orcid))
    if not (parts.given or parts.family or parts.literal):
        return None
    affiliations = (name_of(a) for a in as_list(person.get("affiliation")))
    contributor = Contributor(
        role=role,
        given=parts.given,
        family=parts.family,
        suffix=parts.suffix,
        literal=parts.literal,
        orcid=orcid,
        affiliations=tuple(a for a in affiliations if a),
        source_role=source_role,
    )
    return keep_rejected_orcid(contributor, raw_orcid)


def datacite_contributors(attributes: Mapping[str, Any]) -> list[Contributor]:
    people: list[Contributor | None] = [
        _contributor(p, "author", None) for p in as_list(attributes.get("creators"))
    ]
    for person in as_list(attributes.get("contributors")):
        kind = text(person.get("contributorType")) if isinstance(person, Mapping) else None
        people.append(_contributor(person, CONTRIBUTOR_TYPES.get(kind or "", "contributor"), kind))
    return [p for p in people if p is not None]


def _unwrap(payload: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """(the ``data`` item or bare attributes as received, its attributes) for a response,
    a ``data`` item or bare attributes; the DOI is taken from the item's ``id`` when the
    attributes lack one."""
    if not isinstance(payload, dict):
        raise FormatError(f"a DataCite record is a JSON object, not {type(payload).__name__}")
    item = payload.get("data", payload)
    if isinstance(item, list):
        raise FormatError("a DataCite list response, not one DOI")
    if not isinstance(item, dict):
        raise FormatError("the DataCite response has no data object")
    is_resource = "attributes" in item or "relationships" in item or item.get("type") == "dois"
    attributes = item.get("attributes") if is_resource else item
    attributes = dict(attributes) if isinstance(attributes, dict) else {}
    if not text(attributes.get("doi")) and is_resource and text(item.get("id")):
        attributes["doi"] = item["id"]
    return item, attributes


def map_datacite(payload: Any, *, fetched_at: str | None = None) -> Record:
    """A Record from a DataCite ``/dois`` response, ``data`` item or attributes.

    Raises :class:`FormatError` when it is not a DataCite record or has no DOI.
    """
    item, attributes = _unwrap(payload)
    fields = tidy_fields(map_fields(attributes, FIELD_RULES), datacite_type(attributes))
    if "DOI" not in fields:
        raise FormatError("the DataCite record has no DOI")
    return Record(
        type=datacite_type(attributes),
        fields=fields,
        contributors=datacite_contributors(attributes),
        source="datacite",
        source_data=item,  # the data item as received, without the response envelope
        fetched_at=fetched_at,
    )
