"""DataCite REST ``/dois/{doi}`` JSON mapped to a :class:`Record` (pure, no I/O).

Accepts the response ``{"data": {"id", "type", "attributes"}}``, a bare ``data``
item (as in list responses) or bare ``attributes``. Declarative like the Crossref
mapping: :data:`RESOURCE_TYPES`, :data:`FIELD_RULES` and :data:`CONTRIBUTOR_TYPES`.
Every creator and contributor that has a name is kept, in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.identifiers import normalise_orcid
from coprodcite.markup import strip_jats
from coprodcite.model import Contributor, Record
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


def _orcid(person: Mapping[str, Any]) -> str | None:
    for identifier in as_list(person.get("nameIdentifiers")):
        if isinstance(identifier, Mapping):
            labels = " ".join(
                str(identifier.get(k) or "")
                for k in ("nameIdentifierScheme", "schemeUri", "nameIdentifier")
            )
            value = identifier.get("nameIdentifier")
        else:
            labels = value = str(identifier)
        if "orcid" in labels.lower() and (orcid := normalise_orcid(value)):
            return orcid
    return None


def _name_parts(person: Mapping[str, Any]) -> tuple[str | None, str | None, str | None]:
    """(given, family, literal) for one DataCite creator or contributor."""
    given = text(person.get("givenName")) or text(person.get("given"))
    family = text(person.get("familyName")) or text(person.get("family"))
    name = text(person.get("name"))
    kind = (text(person.get("nameType")) or text(person.get("type")) or "").lower()
    if kind.startswith("organi"):  # "Organizational", schema.org "Organization"
        return None, None, name or " ".join(p for p in (given, family) if p) or None
    if given or family:
        return given, family, None
    if name and "," in name and ";" not in name:  # "Family, Given"
        family_part, _, given_part = name.partition(",")
        return text(given_part), text(family_part), None
    return None, None, name  # one string we cannot split safely: keep it whole


def _contributor(person: Any, role: str, source_role: str | None) -> Contributor | None:
    if not isinstance(person, Mapping):
        return None
    given, family, literal = _name_parts(person)
    if not (given or family or literal):
        return None
    affiliations = (name_of(a) for a in as_list(person.get("affiliation")))
    orcid = _orcid(person)
    return Contributor(
        role=role,
        given=given,
        family=family,
        literal=literal,
        orcid=orcid,
        affiliations=tuple(a for a in affiliations if a),
        source_role=source_role,
    )


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
    fields = map_fields(attributes, FIELD_RULES)
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
