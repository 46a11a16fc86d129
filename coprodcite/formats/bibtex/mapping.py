"""The tables between BibTeX/BibLaTeX and CSL: entry types, fields, dates, names.

Pure data and small converters, shared by the reader and the writer.
"""

from __future__ import annotations

import re
from typing import Any

#: BibTeX/BibLaTeX entry type -> CSL type (misc is decided by its fields, see reader)
TYPES_IN = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "bookinbook": "chapter",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "manual": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference",
    "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "techreport": "report",
    "report": "report",
    "unpublished": "manuscript",
    "online": "webpage",
    "electronic": "webpage",
    "www": "webpage",
    "webpage": "webpage",
    "patent": "patent",
    "dataset": "dataset",
    "software": "software",
    "periodical": "periodical",
    "suppperiodical": "article-journal",
    "standard": "standard",
    "movie": "motion_picture",
    "video": "motion_picture",
    "audio": "song",
    "music": "song",
    "artwork": "graphic",
    "image": "graphic",
    "letter": "personal_communication",
    "legislation": "legislation",
    "jurisdiction": "legal_case",
    "review": "review",
    "misc": "document",
}
#: CSL type -> (BibTeX type, BibLaTeX type); absent: misc
TYPES_OUT = {
    "article-journal": ("article", "article"),
    "article-magazine": ("article", "article"),
    "article-newspaper": ("article", "article"),
    "article": ("article", "article"),
    "book": ("book", "book"),
    "chapter": ("incollection", "incollection"),
    "entry-encyclopedia": ("incollection", "inreference"),
    "entry-dictionary": ("incollection", "inreference"),
    "paper-conference": ("inproceedings", "inproceedings"),
    "thesis": ("phdthesis", "thesis"),
    "report": ("techreport", "report"),
    "manuscript": ("unpublished", "unpublished"),
    "pamphlet": ("booklet", "booklet"),
    "webpage": ("misc", "online"),
    "post": ("misc", "online"),
    "post-weblog": ("misc", "online"),
    "patent": ("patent", "patent"),
    "dataset": ("misc", "dataset"),
    "software": ("misc", "software"),
    "periodical": ("misc", "periodical"),
    "standard": ("techreport", "standard"),
    "motion_picture": ("misc", "movie"),
    "graphic": ("misc", "artwork"),
    "personal_communication": ("misc", "letter"),
    "legislation": ("misc", "legislation"),
    "legal_case": ("misc", "jurisdiction"),
    "review": ("article", "review"),
}
ARTICLES = frozenset({"article-journal", "article-magazine", "article-newspaper", "article"})
#: thesis genre as BibLaTeX's localisation key and the text a CSL style prints
THESIS_GENRES = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis"}
#: CSL variables holding rich text (titles)
RICH = frozenset(
    {
        "title",
        "title-short",
        "original-title",
        "container-title",
        "container-title-short",
        "collection-title",
        "event-title",
        "volume-title",
    }
)

#: BibTeX field -> CSL variable, in order of preference (the first with a value wins).
#: Dates, names, pages and numbers are handled by the reader's converters.
FIELDS_IN: tuple[tuple[str, str], ...] = (
    ("title", "title"),
    ("shorttitle", "title-short"),
    ("journaltitle", "container-title"),
    ("journal", "container-title"),
    ("booktitle", "container-title"),
    ("maintitle", "volume-title"),
    ("shortjournal", "container-title-short"),
    ("series", "collection-title"),
    ("eventtitle", "event-title"),
    ("venue", "event-place"),
    ("volume", "volume"),
    ("volumes", "number-of-volumes"),
    ("issue", "issue"),
    ("pages", "page"),
    ("pagetotal", "number-of-pages"),
    ("chapter", "chapter-number"),
    ("edition", "edition"),
    ("version", "version"),
    ("publisher", "publisher"),
    ("school", "publisher"),
    ("institution", "publisher"),
    ("organization", "publisher"),
    ("location", "publisher-place"),
    ("address", "publisher-place"),
    ("type", "genre"),
    ("doi", "DOI"),
    ("url", "URL"),
    ("isbn", "ISBN"),
    ("issn", "ISSN"),
    ("pmid", "PMID"),
    ("pmcid", "PMCID"),
    ("keywords", "keyword"),
    ("abstract", "abstract"),
    ("note", "note"),
    ("annote", "annote"),
    ("annotation", "annote"),
    ("language", "language"),
    ("langid", "language"),
    ("howpublished", "medium"),
)
#: BibTeX name field -> CSL role
NAME_FIELDS = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
    "annotator": "contributor",
    "commentator": "contributor",
    "introduction": "contributor",
    "foreword": "contributor",
    "afterword": "contributor",
    "holder": "contributor",
}
#: BibLaTeX editortype values -> CSL role (editora/editorb/editorc)
EDITOR_TYPES = {
    "editor": "editor",
    "compiler": "compiler",
    "founder": "contributor",
    "continuator": "contributor",
    "redactor": "editor",
    "reviser": "editor",
    "collaborator": "contributor",
    "organizer": "organizer",
    "director": "director",
    "translator": "translator",
}
#: fields whose value is not LaTeX text (URLs, identifiers, file paths)
VERBATIM = frozenset({"url", "doi", "eprint", "file", "pdf", "verba", "verbb", "verbc"})
#: fields the reader turns into CSL variables and names (or uses up, like crossref);
#: any other field of an entry is carried over from the source data on writing
CONSUMED = frozenset(
    {bib for bib, _ in FIELDS_IN}
    | set(NAME_FIELDS)
    | {"year", "month", "day", "date", "urldate", "eventdate", "origdate", "number"}
    | {"subtitle", "booksubtitle", "journalsubtitle", "crossref", "xdata", "ENTRYTYPE", "ID"}
    | {f"editor{x}" for x in ("", "a", "b", "c", "type", "atype", "btype", "ctype")}
)
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NAMES = {m: i for i, m in enumerate(MONTHS, 1)} | {"sept": 9}
_DATE = re.compile(r"^\s*(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:T[\d:.Z+-]*)?\s*$")


def month_number(value: str) -> int | None:
    value = value.strip().rstrip(".").lower()
    if value.isdecimal():
        return int(value) if 1 <= int(value) <= 12 else None
    return _MONTH_NAMES.get(value[:3] if len(value) > 3 else value)


def _date_parts(text: str) -> list[int] | None:
    match = _DATE.match(text)
    if not match:
        return None
    parts = [int(p) for p in match.groups() if p is not None]
    if len(parts) > 1 and not 1 <= parts[1] <= 12 or len(parts) > 2 and not 1 <= parts[2] <= 31:
        return None
    return parts


def parse_date(value: str) -> dict[str, Any] | None:
    """A BibLaTeX date (``2020``, ``2020-01-15``, ``2020-01/2020-03``) as a CSL date."""
    value = value.strip()
    if not value:
        return None
    ends = value.split("/")
    if len(ends) <= 2:
        parts = [_date_parts(end) if end.strip() not in ("", "..") else [] for end in ends]
        if all(p is not None for p in parts) and parts[0]:
            return {"date-parts": [p for p in parts if p]}
    return {"raw": value}


def year_month_day(year: str, month: str | None, day: str | None) -> dict[str, Any] | None:
    """BibTeX's year/month/day fields as a CSL date."""
    year = year.strip()
    if not re.fullmatch(r"-?\d{1,4}", year):
        return {"raw": " ".join(p for p in (day, month, year) if p)} if year else None
    parts = [int(year)]
    number = month_number(month) if month else None
    if number:
        parts.append(number)
        if day and day.strip().isdecimal() and 1 <= int(day) <= 31:
            parts.append(int(day))
    return {"date-parts": [parts]}


def as_int(value: Any) -> int | None:
    """A date part as a number (CSL-JSON from elsewhere may hold "2020" or "Spring")."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def date_parts(date: Any) -> list[list[int]]:
    """The numeric ``date-parts`` of a CSL date ([] when it has none)."""
    parts = date.get("date-parts") if isinstance(date, dict) else None
    if not isinstance(parts, list):
        return []
    out = []
    for part in parts[:2]:
        numbers = [as_int(p) for p in part] if isinstance(part, list) else []
        if not numbers or None in numbers:
            return []
        out.append([n for n in numbers if n is not None])
    return out


def format_date(date: Any) -> str | None:
    """A CSL date as a BibLaTeX date (``2020-01/2020-03``), or its raw text."""
    parts = date_parts(date)
    if parts:
        return "/".join(_iso(p) for p in parts)
    if not isinstance(date, dict):
        return None
    raw = date.get("raw") or date.get("literal")
    if not raw and isinstance(date.get("date-parts"), list):  # e.g. [["Spring", 2020]]
        raw = " ".join(str(p) for part in date["date-parts"][:1] for p in part)
    return str(raw) if raw else None


def _iso(parts: list[int]) -> str:
    year, *rest = parts
    return "-".join([f"{year:04d}" if year >= 0 else str(year)] + [f"{p:02d}" for p in rest[:2]])
