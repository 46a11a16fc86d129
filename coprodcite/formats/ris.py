"""RIS in and out, through rispy.

Exports from 20+ tools differ: BOMs, CRLF, ``TY -  JOUR`` with odd spacing, headers
(``Record #1 of 18``, ``6.``) between entries, continuation lines, a missing ``ER``
or ``TY``. :func:`read_ris` splits the text into entries itself, so each entry
keeps its line number and a bad one is reported while the rest are read; rispy
parses each entry's tags, and two declarative tables map RIS types and tags to CSL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.formats import ReadResult
from coprodcite.formats._common import (
    clean_key,
    contributor_from_text,
    name_to_text,
    parse_date,
    plain,
    split_pages,
    write_date,
)
from coprodcite.identifiers import find_dois
from coprodcite.model import Record

# RIS type -> CSL type (reading). Types not listed read as "document".
RIS_TO_CSL: dict[str, str] = {
    **dict.fromkeys(["JOUR", "JFULL", "EJOUR", "ABST", "INPR"], "article-journal"),
    **dict.fromkeys(["BOOK", "EBOOK", "EDBOOK", "WHOLE", "SER", "CTLG"], "book"),
    **dict.fromkeys(["CHAP", "ECHAP"], "chapter"),
    **dict.fromkeys(["CONF", "CPAPER"], "paper-conference"),
    **dict.fromkeys(["ELEC", "ICOMM", "WEB"], "webpage"),
    **dict.fromkeys(["DATA", "DBASE", "AGGR"], "dataset"),
    **dict.fromkeys(["ADVS", "VIDEO", "MPCT"], "motion_picture"),
    **dict.fromkeys(["SOUND", "MUSIC"], "song"),
    **dict.fromkeys(["FIGURE", "CHART"], "figure"),
    **dict.fromkeys(["UNPB", "MANSCPT"], "manuscript"),
    **dict.fromkeys(["STAT", "LEGAL"], "legislation"),
    **dict.fromkeys(["BILL", "UNBILL"], "bill"),
    "MGZN": "article-magazine",
    "NEWS": "article-newspaper",
    "THES": "thesis",
    "RPRT": "report",
    "GOVDOC": "report",
    "BLOG": "post-weblog",
    "COMP": "software",
    "PAT": "patent",
    "CASE": "legal_case",
    "HEAR": "hearing",
    "MAP": "map",
    "ART": "graphic",
    "PCOMM": "personal_communication",
    "ENCYC": "entry-encyclopedia",
    "DICT": "entry-dictionary",
    "STAND": "standard",
    "PAMP": "pamphlet",
    "CLSWK": "classic",
    "SLIDE": "speech",
    "GEN": "document",
}
# CSL type -> RIS type (writing): the first RIS type listed for it above, with a few choices.
CSL_TO_RIS: dict[str, str] = {
    **{csl: ris for ris, csl in reversed(list(RIS_TO_CSL.items()))},
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "legislation": "STAT",
    "bill": "BILL",
}

# Tags whose values are names: tag -> CSL role. A1 and AU share one list, in order.
NAME_TAGS = {"AU": "author", "A1": "author", "A2": "editor", "ED": "editor"}
NAME_TAGS.update({"A3": "collection-editor", "A4": "translator"})
# Tags read as one CSL text variable: variable -> tags, the first present wins.
TEXT_TAGS: dict[str, tuple[str, ...]] = {
    "title": ("TI", "T1", "CT"),
    "volume": ("VL",),
    "issue": ("IS",),
    "publisher": ("PB",),
    "publisher-place": ("CY", "PP"),
    "edition": ("ET",),
    "language": ("LA",),
    "call-number": ("CN",),
    "title-short": ("ST",),
    "number-of-volumes": ("NV",),
    "section": ("SE",),
    "container-title-short": ("J2", "JA"),
}
# Tags whose repeated values are joined: variable -> (tags, separator).
JOINED_TAGS: dict[str, tuple[str, str]] = {"note": ("N1", "\n"), "keyword": ("KW", ", ")}
_CONTAINER_TAGS = ("T2", "JF", "JO", "BT")
_BOOKS = frozenset(["book"])
_ISSN = re.compile(r"\b\d{4}-\d{3}[\dXx]\b")
_TAG_LINE = re.compile(r"^\ufeff?\s{0,3}([A-Z][A-Z0-9])\s{1,3}-(?:\s?(.*))?$")


class _AsIs(dict[str, str]):
    """rispy's tag -> name mapping: every tag is its own name (A1 joins AU)."""

    def __missing__(self, tag: str) -> str:
        return tag


class _Everything:
    """rispy's list tags: all of them (repeated and continued values are kept apart)."""

    def __contains__(self, tag: object) -> bool:
        return True


@dataclass
class _Entry:
    line: int
    lines: list[str] = field(default_factory=list)
    has_type: bool = True


def _entries(text: str) -> Iterator[_Entry]:
    """Entries from ``TY`` to ``ER``, each with its first line number. An entry
    without ``ER`` ends at the next ``TY``; tagged lines without a ``TY`` make an
    entry with ``has_type=False`` (reported as a failure)."""
    current: _Entry | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        match = _TAG_LINE.match(raw)
        if match is None:
            if current is not None and raw.strip():
                current.lines.append("      " + raw.strip())
            continue
        tag, value = match.group(1), (match.group(2) or "").strip()
        if tag == "TY":
            if current is not None:
                yield current
            current = _Entry(number, [f"TY  - {value}"])
        elif tag == "ER":
            yield current or _Entry(number, has_type=False)
            current = None
        elif current is None:
            current = _Entry(number, [f"{tag}  - {value}"], has_type=False)
        else:
            current.lines.append(f"{tag}  - {value}")
    if current is not None:
        yield current


def _parse_tags(lines: list[str]) -> dict[str, list[str]]:
    from rispy import RisParser

    parser = RisParser(mapping=_AsIs(A1="AU"), list_tags=_Everything(), delimiter_tags_mapping={})
    parsed = parser.parse_lines(iter([*lines, "ER  - "]))
    if not parsed:
        return {}
    tags: dict[str, Any] = parsed[0]
    tags["TY"] = [tags["TY"]]  # rispy keeps the start tag's value as a string
    return {tag: [v for v in values if v] for tag, values in tags.items()}


def read_ris(text: str, *, file: str = "<stdin>") -> ReadResult:
    """Records from RIS text; an entry that cannot be read becomes a failure."""
    result = ReadResult()
    for entry in _entries(text):
        if not entry.has_type:
            result.failures.append(
                FormatError("RIS entry without a TY line", file=file, line=entry.line)
            )
            continue
        try:
            record = record_from_tags(_parse_tags(entry.lines), source=f"file:{file}")
        except (ValueError, KeyError, IndexError) as exc:
            result.failures.append(
                FormatError(f"cannot read entry: {exc}", file=file, line=entry.line)
            )
            continue
        result.records.append(record)
    return result


def _first(tags: dict[str, list[str]], *names: str) -> str | None:
    return next((tags[n][0].strip() for n in names if tags.get(n)), None)


def _join(tags: dict[str, list[str]], name: str, sep: str) -> str | None:
    return sep.join(v.strip() for v in tags.get(name, []) if v.strip()) or None


def record_from_tags(tags: dict[str, list[str]], *, source: str | None = None) -> Record:
    """One RIS entry (tag -> values, as rispy gives them) as a Record."""
    ris_type = (_first(tags, "TY") or "GEN").upper()
    csl_type = RIS_TO_CSL.get(ris_type, "document")
    fields: dict[str, Any] = {}
    for var, names in TEXT_TAGS.items():
        value = _first(tags, *names)
        if value:
            fields[var] = value
    for var, (name, sep) in JOINED_TAGS.items():
        joined = _join(tags, name, sep)
        if joined:
            fields[var] = joined
    abstract = _abstract(tags)
    if abstract:
        fields["abstract"] = abstract
    if "title" in fields:
        fields["title"] = escape(fields["title"], quote=False)
    container = _first(tags, *_CONTAINER_TAGS)
    series = _first(tags, "T3") or (container if csl_type in _BOOKS else None)
    if series:
        fields["collection-title"] = series
    if container and csl_type not in _BOOKS:
        fields["container-title"] = container
    _add_dates(fields, tags)
    _add_identifiers(fields, tags, csl_type)
    page = _pages(tags)
    if page:
        fields["page"] = page
    contributors = [
        contributor_from_text(value, NAME_TAGS[tag])
        for tag in ("AU", "A2", "ED", "A3", "A4")
        for value in tags.get(tag, [])
        if value.strip()
    ]
    contributors = [c for c in contributors if not c.is_empty]
    if not (fields or contributors):
        raise ValueError("empty entry")
    return Record(
        type=csl_type,
        fields=fields,
        contributors=contributors,
        key=clean_key(_first(tags, "ID")),
        source=source.split(":", 1)[0] if source else None,
    )


def _abstract(tags: dict[str, list[str]]) -> str | None:
    """AB (else N2); its continuation lines are joined by spaces."""
    for name in ("AB", "N2"):
        values = [v.strip() for v in tags.get(name, []) if v.strip()]
        if values:
            return " ".join(values)
    return None


def _pages(tags: dict[str, list[str]]) -> str | None:
    start, end = _first(tags, "SP"), _first(tags, "EP")
    if start and end and "-" not in start:
        return f"{start}-{end}"
    return start


def _add_dates(fields: dict[str, Any], tags: dict[str, list[str]]) -> None:
    """DA, PY and Y1: the most precise date that agrees with the year."""
    dates = [parse_date(v) for n in ("DA", "PY", "Y1") for v in tags.get(n, [])[:1]]
    found = [d for d in dates if d is not None]
    if found:
        year = next((d["date-parts"][0][0] for d in found if "date-parts" in d), None)
        agreeing = [d for d in found if d.get("date-parts", [[year]])[0][0] == year]
        fields["issued"] = max(agreeing, key=lambda d: len(d.get("date-parts", [[]])[0]))
    accessed = parse_date(_first(tags, "Y2") or "")
    if accessed is not None:
        fields["accessed"] = accessed


def _add_identifiers(fields: dict[str, Any], tags: dict[str, list[str]], csl_type: str) -> None:
    for text in [*tags.get("DO", []), *tags.get("M3", []), *tags.get("N1", [])]:
        dois = find_dois(text)
        if dois:
            fields["DOI"] = dois[0]
            break
    urls = [u for value in tags.get("UR", []) for u in re.split(r"[\s;]+", value) if u]
    if urls:
        fields["URL"] = urls[0]
    serial = _first(tags, "SN")
    if serial:
        is_issn = _ISSN.search(serial) and csl_type not in ("book", "chapter")
        is_isbn = not is_issn and len(re.sub(r"[^0-9Xx]", "", serial)) > 9
        fields["ISBN" if is_isbn else "ISSN"] = serial


# -- writing -----------------------------------------------------------------------

# (tag, function of the record giving a value or a list of values), in the order written.
_WRITE: list[tuple[str, Callable[[Record], Any]]] = [
    ("TI", lambda r: plain(r.title)),
    ("AU", lambda r: [name_to_text(c) for c in r.names("author")]),
    ("A2", lambda r: [name_to_text(c) for c in r.names("editor")]),
    ("A3", lambda r: [name_to_text(c) for c in r.names("collection-editor")]),
    ("A4", lambda r: [name_to_text(c) for c in r.names("translator")]),
    ("PY", lambda r: str(r.year) if r.year is not None else None),
    ("DA", lambda r: write_date(r.fields.get("issued"))),
    ("Y2", lambda r: write_date(r.fields.get("accessed"))),
    ("T2", lambda r: r.fields.get("container-title") if r.type not in _BOOKS else None),
    ("T2", lambda r: r.fields.get("collection-title") if r.type in _BOOKS else None),
    ("T3", lambda r: r.fields.get("collection-title") if r.type not in _BOOKS else None),
    ("SP", lambda r: split_pages(r.fields.get("page"))[0]),
    ("EP", lambda r: split_pages(r.fields.get("page"))[1]),
    ("SN", lambda r: r.fields.get("ISBN") or r.fields.get("ISSN")),
    ("DO", lambda r: r.fields.get("DOI")),
    ("UR", lambda r: r.fields.get("URL")),
    ("AB", lambda r: r.fields.get("abstract")),
    ("KW", lambda r: str(r.fields["keyword"]).split(", ") if r.fields.get("keyword") else None),
    ("N1", lambda r: r.fields.get("note")),
    ("ID", lambda r: r.key),
]


def _field(var: str) -> Callable[[Record], Any]:
    return lambda r: r.fields.get(var)


_WRITE += [(names[0], _field(var)) for var, names in TEXT_TAGS.items() if var != "title"]


def _one_line(value: Any) -> str:
    return " ".join(str(value).split())


def ris_entry(record: Record) -> list[tuple[str, str]]:
    """The (tag, value) lines of one record, TY first, without ER."""
    lines = [("TY", CSL_TO_RIS.get(record.type, "GEN"))]
    for tag, get in _WRITE:
        value = get(record)
        if value in (None, "", []):
            continue
        values = value if isinstance(value, list) else [value]
        lines.extend((tag, text) for text in map(_one_line, values) if text)
    return lines


def write_ris(records: list[Record]) -> str:
    """RIS text for ``records`` (rispy's writer, one tag per line, CRLF-free)."""
    from rispy import RisWriter

    class _Writer(RisWriter):
        REFERENCE_TYPE_KEY = "ty"

        def set_header(self, count: int) -> str:
            return ""

    refs = []
    tags: set[str] = set()
    for record in records:
        entry: dict[str, Any] = {}
        for tag, value in ris_entry(record):
            entry.setdefault(tag.lower(), []).append(value)
            tags.add(tag)
        refs.append(entry)
    mapping = {tag: tag.lower() for tag in tags}
    writer = _Writer(mapping=mapping, list_tags=sorted(tags - {"TY"}))
    for ref in refs:
        ref["ty"] = ref["ty"][0]
    return writer.formats(refs) if refs else ""
