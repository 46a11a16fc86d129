"""DOI content negotiation: ``GET {doi_url}/{doi}`` asking for CSL-JSON.

The last resort after Crossref and DataCite: every registration agency (JaLC,
KISTI, mEDRA, ...) answers it, through a redirect from doi.org.
"""

from __future__ import annotations

from typing import Any

from coprodcite.errors import FormatError
from coprodcite.markup import to_csl_rich_text
from coprodcite.model import CSL_TYPES, Record, record_from_csl
from coprodcite.sources._common import csl_date, iso_date, tidy_fields

CSL_JSON = "application/vnd.citationstyles.csl+json"
_RICH_TEXT_FIELDS = (
    "title",
    "container-title",
    "collection-title",
    "original-title",
    "title-short",
    "container-title-short",
)


#: registration agencies content negotiation names as CSL "source" ("Crossref"): where
#: the metadata came from (kept as the record's source), not the database where the work
#: was found, which is what CSL's source is and MLA prints ("... 27-35. Crossref, https://")
_AGENCIES = frozenset({"crossref", "datacite", "medra", "jalc", "kisti", "airiti", "cnki"})
_DATE_FIELDS = ("issued", "accessed", "original-date", "submitted", "event-date", "available-date")


def _date(value: Any) -> dict[str, Any] | None:
    """Date-parts made whole numbers within range (strings, nulls, empty lists and a
    fourth part occur in the wild); ``raw``, ``literal``, ``season`` and ``circa`` kept."""
    if not isinstance(value, dict):
        return None
    out = {k: v for k, v in value.items() if k in ("raw", "literal", "season", "circa") and v}
    parts = csl_date(value) or (
        iso_date(value["raw"]) if isinstance(value.get("raw"), str) else None
    )
    if parts:
        out.update(parts)
    return out or None


def _csl_type(value: Any) -> str:
    """Crossref's content negotiation sends its own work types ("journal-article")."""
    from coprodcite.sources.crossref import CROSSREF_TYPES

    if not isinstance(value, str):
        return "document"
    if value in CSL_TYPES:
        return value
    return CROSSREF_TYPES.get(value, "document")


def map_csl(item: Any, *, source: str = "negotiation", fetched_at: str | None = None) -> Record:
    """A Record from one CSL-JSON item as content negotiation returns it.

    Some agencies send lists where CSL has strings (``container-title``) or a
    list of one item: both are accepted."""
    if isinstance(item, list) and len(item) == 1:
        item = item[0]
    if not isinstance(item, dict):
        raise FormatError("a CSL-JSON item must be an object", file=source)
    cleaned: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, list) and key in _RICH_TEXT_FIELDS + ("ISSN", "ISBN", "URL"):
            value = next((v for v in value if v), None)
        if key in _RICH_TEXT_FIELDS and isinstance(value, str):
            value = to_csl_rich_text(value)
        if key == "DOI" and isinstance(value, str):
            value = value.lower()
        if key == "type":
            value = _csl_type(value)
        if key in _DATE_FIELDS:
            value = _date(value)
        if key == "source" and isinstance(value, str) and value.casefold() in _AGENCIES:
            continue  # the agency that sent the metadata, not a database the work is in
        cleaned[key] = value
    csl_type = cleaned.get("type")
    tidy_fields(cleaned, csl_type if isinstance(csl_type, str) else None)
    record = record_from_csl(cleaned, source=source)
    record.key = None  # ids from services are not citation keys
    record.source_data = item
    record.fetched_at = fetched_at
    return record
