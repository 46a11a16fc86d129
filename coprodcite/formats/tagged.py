"""RIS's relatives: MEDLINE/PubMed (.nbib, often saved as .ris), Web of Science
tagged files and EndNote tagged (``%A``, ``%T``: .enw), and EndNote XML.

Each is split into entries with their line numbers, its tags are renamed to RIS
tags through a table, and :func:`coprodcite.formats.ris.record_from_tags` makes the
record, so every tagged format shares one mapping to CSL.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.formats import ReadResult
from coprodcite.formats.ris import record_from_tags

Tags = dict[str, list[str]]

# MEDLINE tag -> RIS tag (FAU, the full name, is preferred to AU when present)
MEDLINE_TAGS = {
    "TI": "TI", "FAU": "AU", "FED": "A2", "DP": "PY", "JT": "T2", "TA": "J2", "VI": "VL",
    "IP": "IS", "PG": "SP", "AB": "AB", "LID": "DO", "AID": "DO", "PL": "CY", "IS": "SN",
    "LA": "LA", "OT": "KW", "MH": "KW", "BTI": "T2", "PB": "PB", "ISBN": "SN", "EDN": "ET",
    "CN": "AU",  # corporate author
}  # fmt: skip
# Web of Science tag -> RIS tag
WOS_TAGS = {
    "AF": "AU", "TI": "TI", "SO": "T2", "J9": "J2", "PY": "PY", "VL": "VL", "IS": "IS",
    "BP": "SP", "EP": "EP", "DI": "DO", "AB": "AB", "DE": "KW", "SN": "SN", "BN": "SN",
    "PU": "PB", "PI": "CY", "LA": "LA", "UT": "N1",
}  # fmt: skip
# EndNote tagged (refer) -> RIS tag
ENDNOTE_TAGS = {
    "%A": "AU", "%E": "A2", "%Y": "A3", "%T": "TI", "%J": "T2", "%B": "T2", "%S": "T3",
    "%D": "PY", "%8": "DA", "%V": "VL", "%N": "IS", "%P": "SP", "%I": "PB", "%C": "CY",
    "%@": "SN", "%R": "DO", "%U": "UR", "%X": "AB", "%K": "KW", "%7": "ET", "%G": "LA",
    "%O": "N1", "%Z": "N1", "%F": "ID", "%L": "CN", "%!": "ST",
}  # fmt: skip
# EndNote's type names (tagged %0 and XML ref-type) -> RIS type; the first word decides
# when the whole name is not listed ("Journal" -> JOUR).
ENDNOTE_TYPES = {
    "journal article": "JOUR", "journal": "JOUR", "book": "BOOK", "edited book": "EDBOOK",
    "book section": "CHAP", "conference proceedings": "CPAPER", "conference paper": "CPAPER",
    "conference": "CPAPER", "report": "RPRT", "thesis": "THES", "web page": "ELEC",
    "electronic article": "EJOUR", "electronic book": "EBOOK", "newspaper article": "NEWS",
    "magazine article": "MGZN", "patent": "PAT", "computer program": "COMP",
    "dataset": "DATA", "generic": "GEN", "manuscript": "UNPB", "unpublished work": "UNPB",
    "statute": "STAT", "case": "CASE", "bill": "BILL", "hearing": "HEAR", "map": "MAP",
    "encyclopedia": "ENCYC", "dictionary": "DICT", "standard": "STAND", "pamphlet": "PAMP",
    "film or broadcast": "MPCT", "government document": "GOVDOC", "review": "JOUR",
}  # fmt: skip
_MEDLINE_TYPES = {"journal article": "JOUR", "book": "BOOK", "book chapter": "CHAP"}
_MEDLINE_LINE = re.compile(r"^([A-Z][A-Z0-9]{1,3})\s*- ?(.*)$")
_WOS_LINE = re.compile(r"^([A-Z][A-Z0-9]) (.*)$|^(ER|EF|[A-Z][A-Z0-9])$")
_ENDNOTE_LINE = re.compile(r"^(%[A-Z0-9@!#$&()*+^~><?\]|])(?: (.*)|)$")


def _split(
    text: str,
    line_re: re.Pattern[str],
    starts: Callable[[str, list[tuple[str, str]] | None], bool],
    *,
    end: str | None = None,
    blank_ends: bool = False,
) -> Iterator[tuple[int, list[tuple[str, str]]]]:
    """Entries as (first line, [(tag, value)]). ``starts(tag, current)`` says whether
    a tag line begins a new entry; with ``blank_ends`` a blank line ends one. A line
    that is not a tag line continues the previous value (tagged ``"+"``)."""
    current: list[tuple[str, str]] | None = None
    first = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.lstrip("\ufeff").rstrip()
        match = line_re.match(line)
        if not match:
            if line.strip() and current:
                current.append(("+", line.strip()))
            elif not line.strip() and blank_ends and current is not None:
                yield first, current
                current = None
            continue
        tag = next(g for g in match.groups() if g is not None)
        value = (match.group(2) or "").strip()
        if starts(tag, current) or (current is None and blank_ends):
            if current is not None:
                yield first, current
            current, first = [], number
        if current is None:
            continue
        if tag == end:
            yield first, current
            current = None
        else:
            current.append((tag, value))
    if current is not None:
        yield first, current


def _to_ris(pairs: list[tuple[str, str]], table: dict[str, str], separate: frozenset[str]) -> Tags:
    """Rename tags to RIS; continuation lines join the previous value, except for
    tags in ``separate`` where each line is a value of its own."""
    tags: Tags = {}
    last: str | None = None
    for tag, value in pairs:
        if tag == "+" and last is not None:
            if last in separate:
                tags[last].append(value)
            else:
                tags[last][-1] = f"{tags[last][-1]} {value}".strip()
            continue
        last = table.get(tag)
        if last is not None:
            tags.setdefault(last, []).append(value)
    return tags


def _read(
    text: str, file: str, entries: Iterator[tuple[int, list[tuple[str, str]]]],
    to_tags: Callable[[list[tuple[str, str]]], Tags],
) -> ReadResult:  # fmt: skip
    result = ReadResult()
    for line, pairs in entries:
        try:
            result.records.append(record_from_tags(to_tags(pairs), source="file"))
        except ValueError as exc:
            result.failures.append(FormatError(f"cannot read entry: {exc}", file=file, line=line))
    return result


def _medline_tags(pairs: list[tuple[str, str]]) -> Tags:
    table = dict(MEDLINE_TAGS)
    if not any(tag == "FAU" for tag, _ in pairs):
        table["AU"] = "AU"
    if not any(tag == "FED" for tag, _ in pairs):
        table["ED"] = "A2"
    tags = _to_ris(pairs, table, frozenset())
    dois = [v for v in tags.pop("DO", []) if v.endswith("[doi]")]
    if dois:
        tags["DO"] = [dois[0].removesuffix("[doi]").strip()]
    kinds = [v.lower() for tag, v in pairs if tag == "PT"]
    ris_type = next((_MEDLINE_TYPES[k] for k in kinds if k in _MEDLINE_TYPES), "JOUR")
    tags["TY"] = ["BOOK" if "BTI" in dict(pairs) and ris_type == "JOUR" else ris_type]
    return tags


def read_medline(text: str, *, file: str = "<stdin>") -> ReadResult:
    """MEDLINE/PubMed (.nbib): entries start at ``PMID-``."""
    entries = _split(text, _MEDLINE_LINE, lambda tag, _: tag == "PMID", blank_ends=True)
    return _read(text, file, entries, _medline_tags)


def _wos_tags(pairs: list[tuple[str, str]]) -> Tags:
    table = dict(WOS_TAGS)
    if not any(tag == "AF" for tag, _ in pairs):
        table["AU"] = "AU"
    tags = _to_ris(pairs, table, frozenset(["AU"]))
    if "KW" in tags:
        tags["KW"] = [k.strip() for v in tags["KW"] for k in v.split(";") if k.strip()]
    kind = dict(pairs).get("PT", "J")
    tags["TY"] = ["JOUR" if kind == "J" else "BOOK" if kind == "B" else "GEN"]
    return tags


def read_wos(text: str, *, file: str = "<stdin>") -> ReadResult:
    """Web of Science tagged export: entries from ``PT`` to ``ER``."""
    entries = _split(text, _WOS_LINE, lambda tag, _: tag == "PT", end="ER")
    return _read(text, file, entries, _wos_tags)


def endnote_type(name: str) -> str:
    name = " ".join(name.lower().split())
    return ENDNOTE_TYPES.get(name) or ENDNOTE_TYPES.get(name.split(" ")[0] if name else "", "GEN")


def _endnote_tags(pairs: list[tuple[str, str]]) -> Tags:
    tags = _to_ris(pairs, ENDNOTE_TAGS, frozenset(["KW"]))
    tags["TY"] = [endnote_type(dict(pairs).get("%0", ""))]
    if tags.get("KW"):
        tags["KW"] = [k.strip() for v in tags["KW"] for k in re.split(r"[;\n]", v) if k.strip()]
    if tags.get("DO"):
        tags["DO"] = [v.removeprefix("doi:").strip() for v in tags["DO"]]
    return tags


def _endnote_starts(tag: str, current: list[tuple[str, str]] | None) -> bool:
    return tag == "%0" and any(t != "%0" for t, _ in current or [])


def read_endnote(text: str, *, file: str = "<stdin>") -> ReadResult:
    """EndNote tagged (refer/.enw): entries are separated by blank lines or start at
    ``%0`` (several ``%0`` lines in a row belong to one entry)."""
    entries = _split(text, _ENDNOTE_LINE, _endnote_starts, blank_ends=True)
    return _read(text, file, entries, _endnote_tags)


def _xml_text(element: Any) -> str:
    return " ".join("".join(element.itertext()).split())


# EndNote XML element path (below <record>) -> RIS tag
ENDNOTE_XML_PATHS = {
    "contributors/authors/author": "AU", "contributors/secondary-authors/author": "A2",
    "contributors/tertiary-authors/author": "A3", "titles/title": "TI",
    "titles/secondary-title": "T2", "periodical/full-title": "T2", "titles/tertiary-title": "T3",
    "titles/alt-title": "J2", "periodical/abbr-1": "J2", "pages": "SP", "volume": "VL",
    "number": "IS", "edition": "ET", "dates/year": "PY", "publisher": "PB",
    "pub-location": "CY", "isbn": "SN", "electronic-resource-num": "DO",
    "urls/related-urls/url": "UR", "urls/web-urls/url": "UR", "abstract": "AB",
    "keywords/keyword": "KW", "notes": "N1", "language": "LA", "label": "ID",
    "titles/short-title": "ST", "accession-num": "AN", "call-num": "CN",
}  # fmt: skip


def read_endnote_xml(text: str, *, file: str = "<stdin>") -> ReadResult:
    """EndNote XML (``<xml><records><record>``); a bad file is one failure."""
    import xml.etree.ElementTree as ET

    try:
        root = ET.fromstring(text.lstrip("\ufeff").encode("utf-8"))
    except ET.ParseError as exc:
        return ReadResult(
            failures=[FormatError(f"not XML: {exc}", file=file, line=exc.position[0])]
        )
    except (LookupError, ValueError) as exc:  # <?xml encoding="UTF-9"?> (found by fuzzing)
        return ReadResult(failures=[FormatError(f"not XML: {exc}", file=file)])
    result = ReadResult()
    for number, element in enumerate(root.iter("record"), start=1):
        tags: Tags = {}
        for path, tag in ENDNOTE_XML_PATHS.items():
            tags.setdefault(tag, []).extend(_xml_text(e) for e in element.findall(path))
        kind = element.find("ref-type")
        tags["TY"] = [endnote_type(kind.get("name", "") if kind is not None else "")]
        try:
            result.records.append(record_from_tags(tags, source="file"))
        except ValueError as exc:
            where = f"record {number}: cannot read entry: {exc}"
            result.failures.append(FormatError(where, file=file))
    return result
