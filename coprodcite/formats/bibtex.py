"""BibTeX output through bibtexparser v2 (an explicit, empty write stack).

A first writer for ``show --format bibtex``: CSL types and variables to BibTeX
entry types and fields, names as ``Family, Given`` joined by ``and``,
organisations double-braced, and LaTeX special characters escaped so no field
can inject LaTeX commands. Import and BibLaTeX come with the interchange work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from coprodcite.model import Contributor, Record

# CSL type -> BibTeX entry type
_ENTRY_TYPES = {
    "article-journal": "article",
    "article-magazine": "article",
    "article-newspaper": "article",
    "book": "book",
    "chapter": "incollection",
    "paper-conference": "inproceedings",
    "thesis": "phdthesis",
    "report": "techreport",
    "dataset": "misc",
    "software": "misc",
    "webpage": "misc",
    "manuscript": "unpublished",
    "entry-encyclopedia": "incollection",
    "entry-dictionary": "incollection",
    "periodical": "misc",
    "standard": "techreport",
}
_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_RICH_TAGS = {
    "i": (r"\textit{", "}"),
    "b": (r"\textbf{", "}"),
    "sup": (r"\textsuperscript{", "}"),
    "sub": (r"\textsubscript{", "}"),
    "sc": (r"\textsc{", "}"),
    "nocase": ("{", "}"),
}
_TAG_RE = re.compile(r"<(/?)(i|b|sup|sub|span)(?:\s+(class|style)=\"([^\"]*)\")?\s*>")


def escape_latex(text: str) -> str:
    return "".join(_LATEX_SPECIALS.get(ch, ch) for ch in text)


def rich_to_latex(rich: str) -> str:
    """CSL rich text (escaped HTML subset) to LaTeX, every character escaped."""
    from html import unescape

    out: list[str] = []
    stack: list[str] = []
    pos = 0
    for match in _TAG_RE.finditer(rich):
        out.append(escape_latex(unescape(rich[pos : match.start()])))
        pos = match.end()
        closing, tag, _, value = match.groups()
        if closing:
            out.append(_RICH_TAGS[stack.pop()][1] if stack else "")
            continue
        kind = tag if tag != "span" else ("nocase" if value == "nocase" else "sc")
        stack.append(kind)
        out.append(_RICH_TAGS[kind][0])
    out.append(escape_latex(unescape(rich[pos:])))
    out.extend(_RICH_TAGS[kind][1] for kind in reversed(stack))
    return "".join(out)


def _name(c: Contributor) -> str:
    if c.literal and not c.family:
        return "{" + escape_latex(c.literal) + "}"
    family = " ".join(p for p in (c.non_dropping_particle, c.family) if p)
    parts = [escape_latex(family)]
    if c.suffix:
        parts.append(escape_latex(c.suffix))
    given = " ".join(p for p in (c.given, c.dropping_particle) if p)
    if given:
        parts.append(escape_latex(given))
    return ", ".join(parts)


def _date(record: Record, part: int) -> str | None:
    parts = (record.fields.get("issued") or {}).get("date-parts") or [[]]
    return str(parts[0][part]) if parts and len(parts[0]) > part else None


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

# BibTeX field -> function of the record giving its value (None: left out)
_FIELDS: list[tuple[str, Callable[[Record], Any]]] = [
    ("title", lambda r: rich_to_latex(r.fields["title"]) if r.fields.get("title") else None),
    ("journal", lambda r: _text(r, "container-title") if r.type.startswith("article") else None),
    (
        "booktitle",
        lambda r: (
            _text(r, "container-title") if r.type in ("chapter", "paper-conference") else None
        ),
    ),
    ("year", lambda r: _date(r, 0)),
    ("month", lambda r: _MONTHS[int(m) - 1] if (m := _date(r, 1)) and 1 <= int(m) <= 12 else None),
    ("volume", lambda r: _text(r, "volume")),
    ("number", lambda r: _text(r, "issue") or _text(r, "number")),
    ("pages", lambda r: (_text(r, "page") or "").replace("-", "--") or None),
    ("publisher", lambda r: _text(r, "publisher")),
    ("address", lambda r: _text(r, "publisher-place")),
    ("edition", lambda r: _text(r, "edition")),
    ("isbn", lambda r: _text(r, "ISBN")),
    ("issn", lambda r: _text(r, "ISSN")),
    ("doi", lambda r: r.doi),
    ("url", lambda r: r.fields.get("URL")),
]


def _text(record: Record, var: str) -> str | None:
    value = record.fields.get(var)
    return escape_latex(str(value)) if value not in (None, "") else None


def to_bibtex(records: list[Record]) -> str:
    import bibtexparser
    from bibtexparser.model import Entry, Field

    library = bibtexparser.Library()
    for record in records:
        fields = []
        for role, bib_field in (("author", "author"), ("editor", "editor")):
            names = record.names(role)
            if names:
                fields.append(Field(bib_field, "{" + " and ".join(_name(c) for c in names) + "}"))
        for name, get in _FIELDS:
            value = get(record)
            if value:
                fields.append(Field(name, "{" + str(value) + "}"))
        key = record.key or (record.doi or "item").replace("/", "_")
        library.add(Entry(_ENTRY_TYPES.get(record.type, "misc"), key, fields))
    return bibtexparser.write_string(library, unparse_stack=[])
