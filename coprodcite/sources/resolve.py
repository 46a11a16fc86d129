"""Records for identifiers other than DOIs: ISBN, arXiv id, PMID, PMCID.

- ISBN: Open Library's Books API.
- arXiv: the DOI arXiv registers at DataCite (10.48550/arXiv.ID); where arXiv records
  the published version's DOI (DataCite ``relatedIdentifiers``, ``IsVersionOf`` or
  ``IsPreviousVersionOf``), that version of record is fetched instead.
- PMID and PMCID: NCBI E-utilities ``esummary`` (db=pubmed, db=pmc) gives the linked
  DOI, fetched like any DOI so the record is as rich as Crossref's, with the PMID and
  PMCID kept on it; a work without a DOI is mapped from PubMed's own summary.

PMCIDs go through E-utilities' pmc database rather than the separate ID Converter
service: one host, one base URL (``COPRODCITE_NCBI_URL``) and one rate limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from coprodcite.errors import FormatError, NotFound, SourceUnavailable
from coprodcite.identifiers import ARXIV, DOI, ISBN, PMCID, PMID, Identifier, arxiv_doi
from coprodcite.model import Record

if TYPE_CHECKING:
    from coprodcite.sources import SourceURLs
    from coprodcite.sources.http import HttpClient

#: DataCite relation types by which an arXiv record names its published version
_PUBLISHED_AS = frozenset({"isversionof", "ispreviousversionof", "isidenticalto"})


@dataclass(frozen=True)
class Resolved:
    record: Record
    note: str | None = None  # how the record relates to what was asked for


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def fetch_identifier(client: HttpClient, urls: SourceURLs, identifier: Identifier) -> Resolved:
    """The record ``identifier`` names; NotFound when no source knows it."""
    from coprodcite.sources import fetch_record

    if identifier.kind == DOI:
        return Resolved(fetch_record(client, urls, identifier.value))
    if identifier.kind == ISBN:
        return Resolved(_from_openlibrary(client, urls, identifier.value))
    if identifier.kind == ARXIV:
        return _from_arxiv(client, urls, identifier.value)
    if identifier.kind in (PMID, PMCID):
        return Resolved(_from_ncbi(client, urls, identifier))
    raise ValueError(f"unknown identifier kind {identifier.kind!r}")


def _from_openlibrary(client: HttpClient, urls: SourceURLs, isbn: str) -> Record:
    from coprodcite.sources.openlibrary import books_api_key, map_openlibrary

    query = urlencode({"bibkeys": books_api_key(isbn), "format": "json", "jscmd": "data"})
    body = client.get_json(f"{urls.openlibrary}/api/books?{query}", service="openlibrary")
    try:
        return map_openlibrary(body, isbn, fetched_at=_now())
    except FormatError:
        raise NotFound(
            f"ISBN {isbn} is not known to Open Library",
            hint="check it against the book, or find the book by its reference with "
            "`coprodcite match`",
        ) from None


def _from_arxiv(client: HttpClient, urls: SourceURLs, arxiv_id: str) -> Resolved:
    from coprodcite.sources import fetch_record

    try:
        preprint = fetch_record(client, urls, arxiv_doi(arxiv_id))
    except NotFound:
        raise NotFound(
            f"arXiv:{arxiv_id} is not known to DataCite",
            hint="check the id at https://arxiv.org/abs/" + arxiv_id,
        ) from None
    published = published_doi(preprint.source_data)
    if published:
        try:
            record = fetch_record(client, urls, published)
        except NotFound:
            return Resolved(preprint)
        return Resolved(record, f"the published version of arXiv:{arxiv_id}")
    return Resolved(preprint)


def published_doi(datacite_item: Any) -> str | None:
    """The DOI of the published version an arXiv DataCite record names, if any."""
    attributes = datacite_item.get("attributes", datacite_item) if datacite_item else {}
    if not isinstance(attributes, Mapping):
        return None
    for relation in attributes.get("relatedIdentifiers") or ():
        if not isinstance(relation, Mapping):
            continue
        kind = str(relation.get("relationType", "")).lower()
        value = str(relation.get("relatedIdentifier", "")).strip().lower()
        if (
            kind in _PUBLISHED_AS
            and str(relation.get("relatedIdentifierType", "")).upper() == "DOI"
            and value.startswith("10.")
            and not value.startswith("10.48550/")
        ):
            return value
    return None


def _ncbi_summary(client: HttpClient, urls: SourceURLs, db: str, uid: str) -> Mapping[str, Any]:
    from coprodcite.sources.pubmed import summary

    params = {"db": db, "id": uid, "retmode": "json", "tool": "coprodcite"}
    if urls.mailto:
        params["email"] = urls.mailto
    if urls.ncbi_api_key:
        params["api_key"] = urls.ncbi_api_key
    body = client.get_json(f"{urls.ncbi}/esummary.fcgi?{urlencode(params)}", service="ncbi")
    try:
        return summary(body, uid)
    except FormatError:
        label = f"PMID {uid}" if db == "pubmed" else f"PMC{uid}"
        raise NotFound(f"{label} is not known to PubMed", hint="check it for typos") from None


def _from_ncbi(client: HttpClient, urls: SourceURLs, identifier: Identifier) -> Record:
    from coprodcite.sources import fetch_record
    from coprodcite.sources.pubmed import article_ids, map_pubmed

    if identifier.kind == PMCID:
        ids = article_ids(_ncbi_summary(client, urls, "pmc", identifier.value[3:]))
        ids.setdefault("pmcid", identifier.value)
        item = None
        if "doi" not in ids:
            if "pmid" not in ids:
                raise SourceUnavailable(f"PubMed Central links {identifier} to no work")
            item = _ncbi_summary(client, urls, "pubmed", ids["pmid"])
    else:
        item = _ncbi_summary(client, urls, "pubmed", identifier.value)
        ids = article_ids(item)
        ids.setdefault("pmid", identifier.value)
    if "doi" in ids:
        try:
            record = fetch_record(client, urls, ids["doi"])
        except NotFound:
            if item is None:
                item = _ncbi_summary(client, urls, "pubmed", ids.get("pmid", ""))
            record = map_pubmed(item, fetched_at=_now())
    else:
        assert item is not None
        record = map_pubmed(item, fetched_at=_now())
    for variable, key in (("PMID", "pmid"), ("PMCID", "pmcid")):
        if ids.get(key):
            record.fields.setdefault(variable, ids[key])
    return record
