"""A loopback stand-in for Crossref's and DataCite's REST APIs, for tests and benches.

It serves real records (the project's fixtures or the shared corpus) the way the
registries do: ``/works/{doi}`` and ``/dois/{doi}`` by DOI, and the two search
endpoints, ``/works?query.bibliographic=...&rows=N`` and ``/dois?query=...&page[size]=N``,
ranked by BM25 over the words of each record's title, names, container, year, volume,
issue and pages (the fields Crossref's bibliographic query looks at). Like the real
services it always answers a search with its best few records, related or not.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _WORD.findall(bare)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        yield str(value)


def crossref_text(item: dict[str, Any]) -> str:
    parts: list[str] = []
    for key in (
        "title",
        "subtitle",
        "container-title",
        "short-container-title",
        "volume",
        "issue",
        "page",
        "issued",
        "published-print",
        "published-online",
    ):
        parts.extend(_strings(item.get(key)))
    for person in item.get("author") or item.get("editor") or []:
        if isinstance(person, dict):
            parts.extend(_strings([person.get("family"), person.get("given"), person.get("name")]))
    return " ".join(p for p in parts if p)


def datacite_text(item: dict[str, Any]) -> str:
    attributes = item.get("attributes", item)
    parts: list[str] = []
    for title in attributes.get("titles") or []:
        parts.extend(_strings(title.get("title") if isinstance(title, dict) else title))
    for person in attributes.get("creators") or []:
        if isinstance(person, dict):
            parts.extend(_strings([person.get("name"), person.get("familyName")]))
    parts.extend(_strings([attributes.get("publisher"), attributes.get("publicationYear")]))
    parts.extend(_strings(attributes.get("container")))
    return " ".join(p for p in parts if p)


class SearchIndex:
    """BM25 (k1=1.2, b=0.75) over one text per document."""

    def __init__(self, texts: list[str]) -> None:
        self.lengths = []
        self.postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for number, text in enumerate(texts):
            counts = Counter(words(text))
            self.lengths.append(sum(counts.values()))
            for word, count in counts.items():
                self.postings[word].append((number, count))
        self.average = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0

    def search(self, query: str, rows: int) -> list[tuple[int, float]]:
        scores: dict[int, float] = defaultdict(float)
        total = len(self.lengths)
        for word in set(words(query)):
            postings = self.postings.get(word, [])
            if not postings:
                continue
            idf = math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            for number, count in postings:
                norm = 1.2 * (0.25 + 0.75 * self.lengths[number] / self.average)
                scores[number] += idf * count * 2.2 / (count + norm)
        ranked = sorted(scores.items(), key=lambda pair: (-pair[1], pair[0]))
        return ranked[:rows]


class Registry:
    """Crossref works and DataCite records behind the two APIs' paths."""

    def __init__(self, crossref: list[dict[str, Any]], datacite: list[dict[str, Any]] = ()):  # type: ignore[assignment]
        self.crossref = list(crossref)
        self.datacite = list(datacite)
        self.crossref_by_doi = {str(i.get("DOI", "")).lower(): i for i in self.crossref}
        self.datacite_by_doi = {
            str(i.get("attributes", i).get("doi") or i.get("id") or "").lower(): i
            for i in self.datacite
        }
        self.crossref_index = SearchIndex([crossref_text(i) for i in self.crossref])
        self.datacite_index = SearchIndex([datacite_text(i) for i in self.datacite])
        self.requests: Counter[str] = Counter()

    def crossref_search(self, query: str, rows: int) -> dict[str, Any]:
        found = self.crossref_index.search(query, rows)
        items = [dict(self.crossref[n], score=round(score, 3)) for n, score in found]
        message = {"items": items, "total-results": len(items), "items-per-page": rows}
        return {"status": "ok", "message-type": "work-list", "message": message}

    def datacite_search(self, query: str, rows: int) -> dict[str, Any]:
        found = self.datacite_index.search(query, rows)
        return {"data": [self.datacite[n] for n, _ in found], "meta": {"total": len(found)}}

    def handle(self, url: str) -> tuple[int, Any]:
        """(status, JSON body) for a request path with its query, relative to the
        registry's base ("/crossref/...", "/datacite/..." or "/doi/...")."""
        parts = urlsplit(url)
        path, query = unquote(parts.path), parse_qs(parts.query)
        service, _, rest = path.lstrip("/").partition("/")
        self.requests[service] += 1
        if service == "crossref" and rest == "works":
            text = query.get("query.bibliographic", [""])[0]
            return 200, self.crossref_search(text, int(query.get("rows", ["20"])[0]))
        if service == "crossref" and rest.startswith("works/"):
            item = self.crossref_by_doi.get(rest[len("works/") :].lower())
            if item is None:
                return 404, "Resource not found."
            return 200, {"status": "ok", "message-type": "work", "message": item}
        if service == "datacite" and rest == "dois":
            text = query.get("query", [""])[0]
            return 200, self.datacite_search(text, int(query.get("page[size]", ["25"])[0]))
        if service == "datacite" and rest.startswith("dois/"):
            item = self.datacite_by_doi.get(rest[len("dois/") :].lower())
            return (200, {"data": item}) if item is not None else (404, {"errors": []})
        return 404, {"errors": [{"status": "404", "title": "not found"}]}


def serve_on(httpserver: Any, registry: Registry) -> None:
    """Answer every request of a pytest-httpserver from ``registry``."""
    from werkzeug import Response

    def handler(request: Any) -> Response:
        status, body = registry.handle(request.full_path)
        text = body if isinstance(body, str) else json.dumps(body)
        return Response(text, status=status, content_type="application/json")

    httpserver.expect_request(re.compile(".*")).respond_with_handler(handler)


def load_corpus(corpus: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The shared corpus's Crossref work messages and DataCite data items, one per DOI
    (a DOI both know is Crossref's)."""
    crossref: dict[str, dict[str, Any]] = {}
    for folder in ("crossref", "crossref_list_items"):
        for path in sorted((corpus / folder).rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            item = data.get("message", data) if isinstance(data, dict) else None
            if isinstance(item, dict) and item.get("DOI"):
                item = {k: v for k, v in item.items() if k != "score"}
                crossref.setdefault(str(item["DOI"]).lower(), item)
    datacite: dict[str, dict[str, Any]] = {}
    for folder in ("datacite", "datacite_list_items"):
        for path in sorted((corpus / folder).rglob("*.json")):
            data = json.loads(path.read_text(encoding="utf-8"))
            item = data.get("data", data) if isinstance(data, dict) else None
            if isinstance(item, dict) and isinstance(item.get("attributes"), dict):
                doi = str(item["attributes"].get("doi") or item.get("id") or "").lower()
                if doi and doi not in crossref:
                    datacite.setdefault(doi, item)
    return list(crossref.values()), list(datacite.values())
