"""NCBI E-utilities ``esummary`` JSON (``db=pubmed`` and ``db=pmc``) mapped to what
coprodcite needs (pure, no I/O): the identifiers a summary links (PMID, PMCID, DOI)
and, for a work with no DOI, a :class:`Record` of its own.

PubMed writes authors as "Family Initials" ("Kim HS") and ends titles with a full
stop; a title in square brackets is an English translation of a title in another
language.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.model import Contributor, Record
from coprodcite.names import normalise_contributor
from coprodcite.sources._common import as_list, text, tidy_fields

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_INITIALS = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4})$")


def summary(payload: Any, uid: str) -> Mapping[str, Any]:
    """The summary of ``uid`` in an esummary answer; FormatError when there is none
    (NCBI answers an unknown id with an ``error`` entry, not a 404)."""
    result = payload.get("result") if isinstance(payload, Mapping) else None
    item = result.get(uid) if isinstance(result, Mapping) else None
    if not isinstance(item, Mapping) or item.get("error") or not item.get("uid"):
        raise FormatError(f"NCBI holds no record {uid}")
    return item


def article_ids(item: Mapping[str, Any]) -> dict[str, str]:
    """``{"pmid", "pmcid", "doi"}`` as a summary lists them (pubmed and pmc spell the
    types differently)."""
    names = {"pubmed": "pmid", "pmid": "pmid", "pmc": "pmcid", "pmcid": "pmcid", "doi": "doi"}
    out: dict[str, str] = {}
    for entry in as_list(item.get("articleids")):
        if not isinstance(entry, Mapping):
            continue
        kind = names.get(str(entry.get("idtype", "")).lower())
        value = text(entry.get("value"))
        if kind and value and kind not in out:
            out[kind] = value.lower() if kind == "doi" else value
    if "pmcid" in out and not out["pmcid"].upper().startswith("PMC"):
        out["pmcid"] = "PMC" + out["pmcid"]
    return out


def _issued(value: Any) -> dict[str, Any] | None:
    """PubMed dates: "2019 Aug 26", "2019 Aug", "2019 Winter", "2018 Dec-2019 Jan"."""
    raw = text(value)
    match = re.match(r"(\d{4})(?:\s+([A-Za-z]{3}))?(?:\s+(\d{1,2}))?", raw or "")
    if not match:
        return None
    parts = [int(match.group(1))]
    month = (match.group(2) or "").lower()
    if month in _MONTHS:
        parts.append(_MONTHS.index(month) + 1)
        if match.group(3):
            parts.append(int(match.group(3)))
    return {"date-parts": [parts]}


def _title(value: Any) -> str | None:
    title = text(value)
    if not title:
        return None
    if title.startswith("[") and title.rstrip(".").endswith("]"):
        title = title.rstrip(".")[1:-1]
    return title[:-1] if title.endswith(".") and not title.endswith("..") else title


def _author(entry: Any) -> Contributor | None:
    if not isinstance(entry, Mapping):
        return None
    name = text(entry.get("name"))
    if not name:
        return None
    if str(entry.get("authtype", "")).lower().startswith("collective"):
        return Contributor(literal=name, source_role="author")
    match = _INITIALS.match(name)
    if not match:
        return normalise_contributor(Contributor(family=name, source_role="author"))
    given = " ".join(f"{letter}." for letter in match.group("initials"))
    return normalise_contributor(
        Contributor(given=given, family=match.group("family"), source_role="author")
    )


def map_pubmed(item: Mapping[str, Any], *, fetched_at: str | None = None) -> Record:
    """A Record from one ``db=pubmed`` summary (for works with no DOI to fetch)."""
    ids = article_ids(item)
    book = text(item.get("booktitle"))
    csl_type = "book" if book and not text(item.get("fulljournalname")) else "article-journal"
    fields: dict[str, Any] = {
        "title": _title(item.get("title")) or _title(book),
        "container-title": text(item.get("fulljournalname")) or text(item.get("source")),
        "container-title-short": text(item.get("source")),
        "volume": text(item.get("volume")),
        "issue": text(item.get("issue")),
        "page": text(item.get("pages")),
        "issued": _issued(item.get("pubdate")) or _issued(item.get("epubdate")),
        "ISSN": text(item.get("issn")) or text(item.get("essn")),
        "publisher": text(item.get("publishername")),
        "publisher-place": text(item.get("publisherlocation")),
        "PMID": ids.get("pmid") or text(item.get("uid")),
        "PMCID": ids.get("pmcid"),
        "DOI": ids.get("doi"),
    }
    if csl_type == "book":
        fields.pop("container-title-short")
    authors = [a for a in map(_author, as_list(item.get("authors"))) if a is not None]
    return Record(
        type=csl_type,
        fields=tidy_fields({k: v for k, v in fields.items() if v}, csl_type),
        contributors=authors,
        source="pubmed",
        source_data=dict(item),
        fetched_at=fetched_at,
    )
