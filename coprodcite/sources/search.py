"""Bibliographic search: candidate records for a reference written as free text.

``GET {crossref}/works?query.bibliographic=...&rows=N`` (Crossref's field for a whole
citation string) and ``GET {datacite}/dois?query=...&page[size]=N`` (DataCite's
full-text search, for datasets, software and reports). Each item is mapped to a
:class:`Record` by the same mappings as ``/works/{doi}`` and ``/dois/{doi}``, so a
candidate is as complete as a fetched record. The registries' relevance scores come
back with them but decide nothing: their scale drifts between index versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from coprodcite.errors import FormatError, SourceUnavailable
from coprodcite.model import Record

if TYPE_CHECKING:
    from coprodcite.sources.http import HttpClient

#: registries cap a query's length; a reference longer than this is cut (whole words)
MAX_QUERY = 1000


@dataclass(frozen=True)
class Candidate:
    """A record a registry returned for a query, with the registry's own score."""

    record: Record
    registry: str  # "crossref" | "datacite"
    score: float | None = None


def query_text(reference: str) -> str:
    """The reference as a query: whitespace folded, cut at a word before MAX_QUERY."""
    text = " ".join(reference.split())
    if len(text) <= MAX_QUERY:
        return text
    return text[:MAX_QUERY].rsplit(" ", 1)[0]


def search_crossref(
    client: HttpClient, base_url: str, reference: str, *, rows: int = 5, mailto: str | None = None
) -> list[Candidate]:
    """Crossref's best ``rows`` works for ``reference`` (a whole citation string)."""
    from coprodcite.sources.crossref import map_crossref

    params = {"query.bibliographic": query_text(reference), "rows": str(rows)}
    if mailto:
        params["mailto"] = mailto
    body = client.get_json(f"{base_url}/works?{urlencode(params)}", service="crossref")
    items = _items(body, ("message", "items"), "Crossref")
    return _candidates(items, map_crossref, "crossref", lambda item: item.get("score"))


def search_datacite(
    client: HttpClient, base_url: str, reference: str, *, rows: int = 5
) -> list[Candidate]:
    """DataCite's best ``rows`` records for ``reference``."""
    from coprodcite.sources.datacite import map_datacite

    params = {"query": query_text(reference), "page[size]": str(rows)}
    body = client.get_json(f"{base_url}/dois?{urlencode(params)}", service="datacite")
    items = _items(body, ("data",), "DataCite")
    return _candidates(items, map_datacite, "datacite", lambda item: item.get("score"))


def _items(body: Any, path: tuple[str, ...], registry: str) -> list[Any]:
    value = body
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, list):
        raise SourceUnavailable(
            f"{registry} answered a search with a body that is not a list of works",
            hint="try again later",
        )
    return value


def _candidates(items: list[Any], mapping: Any, registry: str, score: Any) -> list[Candidate]:
    """Every item that maps to a record with a DOI; unreadable items are left out
    (one odd record must not hide the others)."""
    out: list[Candidate] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            record = mapping(item)
        except (FormatError, TypeError, ValueError, AttributeError, KeyError):
            continue
        value = score(item)
        out.append(Candidate(record, registry, float(value) if _is_number(value) else None))
    return out


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
