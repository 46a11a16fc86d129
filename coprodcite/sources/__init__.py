"""Where records come from: Crossref, then DataCite, then DOI content negotiation
(for DOIs); Open Library (ISBNs) and NCBI E-utilities (PMIDs, PMCIDs) through
:mod:`coprodcite.sources.resolve`; bibliographic search in :mod:`.search`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from coprodcite.errors import FormatError, NotFound, SourceUnavailable
from coprodcite.identifiers import doi_url_path
from coprodcite.model import Record

if TYPE_CHECKING:
    from coprodcite.sources.http import HttpClient


@dataclass(frozen=True)
class SourceURLs:
    crossref: str
    datacite: str
    doi: str
    openlibrary: str = "https://openlibrary.org"
    ncbi: str = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
    mailto: str | None = None  # sent to NCBI as its `email` parameter
    ncbi_api_key: str | None = None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _from_crossref(client: HttpClient, urls: SourceURLs, doi: str) -> Record:
    from coprodcite.sources.crossref import map_crossref

    body = client.get_json(
        f"{urls.crossref}/works/{doi_url_path(doi, crossref=True)}", service="crossref"
    )
    return map_crossref(body, fetched_at=_now())


def _from_datacite(client: HttpClient, urls: SourceURLs, doi: str) -> Record:
    from coprodcite.sources.datacite import map_datacite

    body = client.get_json(f"{urls.datacite}/dois/{doi_url_path(doi)}", service="datacite")
    return map_datacite(body, fetched_at=_now())


def _from_negotiation(client: HttpClient, urls: SourceURLs, doi: str) -> Record:
    from coprodcite.sources.negotiation import CSL_JSON, map_csl

    body = client.get_json(
        f"{urls.doi}/{doi_url_path(doi)}", service="doi", headers={"Accept": CSL_JSON}
    )
    return map_csl(body, fetched_at=_now())


SOURCES = (
    ("Crossref", _from_crossref),
    ("DataCite", _from_datacite),
    ("doi.org", _from_negotiation),
)


def fetch_record(client: HttpClient, urls: SourceURLs, doi: str) -> Record:
    """The record for ``doi`` from the first source that knows it.

    A 404 moves on to the next source; any other failure stops here, so that a
    Crossref outage is reported as such rather than as "not found"."""
    for name, fetch in SOURCES:
        try:
            record = fetch(client, urls, doi)
        except NotFound:
            continue
        except FormatError as exc:
            raise SourceUnavailable(
                f"{name} sent a record for {doi} that coprodcite cannot read ({exc})",
                hint="try again later, or report it with the DOI",
            ) from exc
        if not record.doi:
            record.fields["DOI"] = doi
        return record
    raise NotFound(
        f"DOI {doi} is not known to Crossref, DataCite or doi.org",
        hint="check it for typos (https://doi.org/" + doi + " should resolve)",
    )
