"""Open Library's Books API (``GET /api/books?bibkeys=ISBN:...&jscmd=data&format=json``)
mapped to a book :class:`Record` (pure, no I/O).

The ``data`` view gives names, publishers and places inline, so one request per ISBN
is enough. An ISBN Open Library does not know answers ``{}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.model import Record
from coprodcite.names import parse_name
from coprodcite.sources._common import as_list, join_title, name_of, text, tidy_fields

_YEAR = re.compile(r"\b(1[4-9]\d\d|20\d\d)\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )
}


def books_api_key(isbn: str) -> str:
    return f"ISBN:{isbn}"


def _issued(value: Any) -> dict[str, Any] | None:
    """Open Library's free-text publish date ("2022", "March 2022", "Mar 03, 2022")."""
    raw = text(value)
    if not raw:
        return None
    year = _YEAR.search(raw)
    if not year:
        return None
    parts = [int(year.group(1))]
    month = next((n for name, n in _MONTHS.items() if name in raw.lower()), None)
    if month:
        parts.append(month)
    return {"date-parts": [parts]}


def _names(values: Any) -> list[str]:
    return [n for n in (name_of(v) for v in as_list(values)) if n]


def map_openlibrary(payload: Any, isbn: str, *, fetched_at: str | None = None) -> Record:
    """A book Record from a Books API answer for ``isbn`` (13 digits).

    Raises :class:`FormatError` when the answer holds no book for it."""
    book = payload.get(books_api_key(isbn)) if isinstance(payload, Mapping) else None
    if not isinstance(book, Mapping) and isinstance(payload, Mapping) and len(payload) == 1:
        book = next(iter(payload.values()))  # answered under the ISBN as asked (ISBN-10)
    if not isinstance(book, Mapping) or not text(book.get("title")):
        raise FormatError(f"Open Library holds no book with ISBN {isbn}")
    publishers = _names(book.get("publishers"))
    places = _names(book.get("publish_places"))
    fields: dict[str, Any] = {
        "title": join_title(text(book.get("title")), text(book.get("subtitle"))),
        "publisher": publishers[0] if publishers else None,
        "publisher-place": places[0] if places else None,
        "issued": _issued(book.get("publish_date")),
        "ISBN": isbn,
        "number-of-pages": text(book.get("number_of_pages")),
        "URL": text(book.get("url")),
    }
    fields = {k: v for k, v in fields.items() if v}
    contributors = [parse_name(name) for name in _names(book.get("authors"))]
    return Record(
        type="book",
        fields=tidy_fields(fields, "book"),
        contributors=[c for c in contributors if not c.is_empty],
        source="openlibrary",
        source_data=dict(book),
        fetched_at=fetched_at,
    )
