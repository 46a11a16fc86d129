"""Writing records as BibTeX or BibLaTeX through bibtexparser v2 (an explicit,
empty write stack: values are enclosed here).

Every field is escaped (:mod:`.latex_out`), so no value can inject a LaTeX
command; titles keep their formatting and case protection; organisations are
double-braced; keys stay. ``bibtex`` writes year/month, journal, address and
escapes non-ASCII letters; ``biblatex`` keeps Unicode and writes date,
journaltitle and location.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coprodcite.errors import InvalidInput
from coprodcite.formats.bibtex import mapping as m
from coprodcite.formats.bibtex.latex_in import latex_to_text
from coprodcite.formats.bibtex.latex_out import escape_latex, rich_to_latex
from coprodcite.model import Contributor, Record

DIALECTS = ("bibtex", "biblatex")
_KEY_UNSAFE = re.compile(r"[\s,{}()\"#%'=\\]+")
_URL_UNSAFE = {"\\": "%5C", "{": "%7B", "}": "%7D", " ": "%20"}
_PATH_UNSAFE = re.compile(r"\\(?![:;])|[{}]")
_FIELD_NAME = re.compile(r"[a-z][a-z0-9_.:+-]*")
_EXTRA_ROLES = {"compiler", "organizer", "director", "contributor"}


@dataclass(frozen=True)
class _Out:
    record: Record
    biblatex: bool

    def text(self, var: str) -> str | None:
        value = self.record.fields.get(var)
        if value in (None, ""):
            return None
        if var in m.RICH:
            return rich_to_latex(str(value), ascii=not self.biblatex)
        return escape_latex(str(value), ascii=not self.biblatex)

    def verbatim(self, var: str) -> str | None:
        value = self.record.fields.get(var)
        return "".join(_URL_UNSAFE.get(c, c) for c in str(value)) if value else None


Rule = tuple[str, str, Callable[[_Out], Any]]  # (BibTeX field, BibLaTeX field, value)


def _container(o: _Out) -> str | None:
    return o.text("container-title") if o.record.type not in m.ARTICLES else None


def _journal(o: _Out) -> str | None:
    return o.text("container-title") if o.record.type in m.ARTICLES else None


def _number(o: _Out) -> str | None:
    return o.text("issue") or o.text("number") or o.text("collection-number")


def _pages(o: _Out) -> str | None:
    page = o.record.fields.get("page")
    return escape_latex(re.sub(r"\s*[-–]+\s*", "-", str(page))).replace("-", "--") if page else None


def _publisher(kind: str) -> Callable[[_Out], str | None]:
    def rule(o: _Out) -> str | None:
        where = {"thesis": "school", "report": "institution"}.get(o.record.type, "publisher")
        return o.text("publisher") if where == kind else None

    return rule


def _genre(o: _Out) -> str | None:
    genre = o.record.fields.get("genre")
    if o.record.type == "thesis" and genre in m.THESIS_GENRES.values():
        return None if not o.biblatex else next(k for k, v in m.THESIS_GENRES.items() if v == genre)
    return o.text("genre")


def _date(o: _Out, var: str) -> str | None:
    """A BibLaTeX date; ``issued`` without numeric parts goes to ``year`` instead."""
    date = o.record.fields.get(var)
    if var == "issued" and not m.date_parts(date):
        return None
    value = m.format_date(date)
    return escape_latex(value) if value else None


def _date_part(part: int) -> Callable[[_Out], str | None]:
    def rule(o: _Out) -> str | None:
        issued = o.record.fields.get("issued")
        parts = m.date_parts(issued)
        if not parts:
            raw = m.format_date(issued)
            return escape_latex(raw) if raw and part == 0 else None
        if len(parts[0]) <= part or o.biblatex:
            return None
        value = parts[0][part]
        return m.MONTHS[value - 1] if part == 1 and 1 <= value <= 12 else str(value)

    return rule


_RULES: tuple[Rule, ...] = (
    ("title", "title", lambda o: o.text("title")),
    ("shorttitle", "shorttitle", lambda o: o.text("title-short")),
    ("journal", "journaltitle", _journal),
    ("booktitle", "booktitle", _container),
    ("series", "series", lambda o: o.text("collection-title")),
    ("", "eventtitle", lambda o: o.text("event-title")),
    ("", "venue", lambda o: o.text("event-place")),
    ("year", "year", _date_part(0)),
    ("month", "", _date_part(1)),
    ("", "date", lambda o: _date(o, "issued")),
    ("", "eventdate", lambda o: _date(o, "event-date")),
    ("", "origdate", lambda o: _date(o, "original-date")),
    ("volume", "volume", lambda o: o.text("volume")),
    ("number", "number", _number),
    ("pages", "pages", _pages),
    ("pagetotal", "pagetotal", lambda o: o.text("number-of-pages")),
    ("chapter", "chapter", lambda o: o.text("chapter-number")),
    ("edition", "edition", lambda o: o.text("edition")),
    ("version", "version", lambda o: o.text("version")),
    ("publisher", "publisher", _publisher("publisher")),
    ("school", "institution", _publisher("school")),
    ("institution", "institution", _publisher("institution")),
    ("address", "location", lambda o: o.text("publisher-place")),
    ("type", "type", _genre),
    ("howpublished", "howpublished", lambda o: o.text("medium")),
    ("doi", "doi", lambda o: o.verbatim("DOI")),
    ("url", "url", lambda o: o.verbatim("URL")),
    ("urldate", "urldate", lambda o: _date(o, "accessed")),
    ("isbn", "isbn", lambda o: o.text("ISBN")),
    ("issn", "issn", lambda o: o.text("ISSN")),
    ("pmid", "pmid", lambda o: o.text("PMID")),
    ("language", "langid", lambda o: o.text("language")),
    ("keywords", "keywords", lambda o: o.text("keyword")),
    ("abstract", "abstract", lambda o: o.text("abstract")),
    ("note", "note", lambda o: o.text("note")),
    ("annote", "annotation", lambda o: o.text("annote")),
)


def write_bibtex(records: list[Record], *, dialect: str = "bibtex") -> str:
    """``records`` as a .bib text in ``dialect`` ("bibtex" or "biblatex")."""
    import bibtexparser
    from bibtexparser.model import Entry, Field

    if dialect not in DIALECTS:
        raise InvalidInput(f"unknown BibTeX dialect {dialect!r}", hint="use bibtex or biblatex")
    biblatex = dialect == "biblatex"
    library = bibtexparser.Library()
    used: set[str] = set()
    for record in records:
        out = _Out(record, biblatex)
        fields = [Field(k, "{" + v + "}") for k, v in _names(record, biblatex)]
        for bibtex_name, biblatex_name, rule in _RULES:
            name = biblatex_name if biblatex else bibtex_name
            if name and (value := rule(out)):
                fields.append(Field(name, _braced(name, str(value))))
        written = {f.key for f in fields}
        fields += [Field(k, "{" + v + "}") for k, v in _carried(record) if k not in written]
        library.add(Entry(_entry_type(record, biblatex), _key(record, used), fields))
    return bibtexparser.write_string(library, unparse_stack=[])


def _braced(name: str, value: str) -> str:
    """``{value}``; a month as BibTeX's own macro (``month = may``), which styles
    print in the language of the document, as JabRef and Zotero write it."""
    return value if name == "month" and value in m.MONTHS else "{" + value + "}"


def _carried(record: Record) -> list[tuple[str, str]]:
    """Fields of a record read from a .bib file that have no CSL variable (eprint,
    file, groups ...), decoded and escaped again so they cannot inject LaTeX."""
    data = record.source_data
    if not (isinstance(data, dict) and "ENTRYTYPE" in data and "ID" in data):
        return []
    out = []
    for name, value in data.items():
        if name in m.CONSUMED or not _FIELD_NAME.fullmatch(name) or not isinstance(value, str):
            continue
        if name in m.VERBATIM:
            # JabRef's file field escapes ":" and ";" as "\\:", "\\;": harmless, kept
            text = _PATH_UNSAFE.sub(lambda c: _URL_UNSAFE[c.group(0)], value.strip())
        else:
            text = escape_latex(latex_to_text(value))
        if text:
            out.append((name, text))
    return out


def _entry_type(record: Record, biblatex: bool) -> str:
    bibtex_type, biblatex_type = m.TYPES_OUT.get(record.type, ("misc", "misc"))
    master = record.fields.get("genre") == m.THESIS_GENRES["mathesis"]
    if not biblatex and record.type == "thesis" and master:
        return "mastersthesis"
    return biblatex_type if biblatex else bibtex_type


def _key(record: Record, used: set[str]) -> str:
    base = _KEY_UNSAFE.sub("_", record.key or (record.doi or "item"))
    key, number = base, 1
    while key.lower() in used:
        number += 1
        key = f"{base}-{number}"
    used.add(key.lower())
    return key


def _names(record: Record, biblatex: bool) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    fields = {"author": "author", "editor": "editor", "translator": "translator"}
    if biblatex:
        fields["container-author"] = "bookauthor"
    extra = iter("abc")
    for role in dict.fromkeys(c.role for c in record.contributors):
        names = " and ".join(_name(c, not biblatex) for c in record.names(role))
        if role in fields:
            out.append((fields[role], names))
        elif biblatex and role in _EXTRA_ROLES and (letter := next(extra, None)):
            kind = "collaborator" if role == "contributor" else role
            out += [(f"editor{letter}", names), (f"editor{letter}type", kind)]
    return out


def _part(text: str | None, ascii: bool, *, family: bool = False) -> str:
    """One name part, braced when BibTeX would split it differently."""
    if not text:
        return ""
    latex = escape_latex(text, ascii=ascii)
    words = text.split()
    risky = "," in text or any(w.lower() == "and" for w in words)
    # bibtexparser takes a word starting with a lowercase letter, a non-letter or
    # a LaTeX accent ({\"O}) for a "von" part
    odd = any(w[:1].islower() or not w[:1].isalpha() or not w[:1].isascii() for w in words)
    if risky or (family and odd):
        return "{" + latex + "}"
    return latex


def _name(c: Contributor, ascii: bool) -> str:
    if c.literal and not (c.family or c.given):
        return "{" + escape_latex(c.literal, ascii=ascii) + "}"
    family = " ".join(
        p for p in (_part(c.non_dropping_particle, ascii), _part(c.family, ascii, family=True)) if p
    )
    given = " ".join(p for p in (c.given, c.dropping_particle) if p)
    first = _part(given, ascii) or "{}"  # "{}": no given name, nothing to misread as one
    if c.suffix:
        return f"{family}, {_part(c.suffix, ascii)}, {first}"
    plain = " " not in family and not family.startswith("{")  # else it reads as a literal
    return f"{family}, {first}" if given or not plain else family
