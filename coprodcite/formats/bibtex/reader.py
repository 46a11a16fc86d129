"""Reading BibTeX and BibLaTeX: one record per entry, nothing lost.

bibtexparser v2 splits the file with an explicit, empty parse stack (its
defaults change between versions and its string middleware misses ``#``
concatenation); values, macros and inheritance are resolved in
:mod:`.values`, LaTeX is decoded by :mod:`.latex_in`, and the tables of
:mod:`.mapping` give CSL types and variables. ``source_data`` keeps the entry
as written: ``ENTRYTYPE``, ``ID`` and every field (lower-cased name, LaTeX value
after macro expansion), so fields with no CSL variable are not lost.
"""

from __future__ import annotations

import logging
import re
from collections import ChainMap
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from coprodcite.errors import FormatError
from coprodcite.formats import ReadResult
from coprodcite.formats.bibtex import blocks
from coprodcite.formats.bibtex import mapping as m
from coprodcite.formats.bibtex.latex_in import latex_to_rich, latex_to_text
from coprodcite.formats.bibtex.values import DEFAULT_MACROS, Fields, inherit, resolve
from coprodcite.model import Contributor, Record

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_SUBTITLES = (
    ("subtitle", "title"),
    ("booksubtitle", "container-title"),
    ("journalsubtitle", "container-title"),
)
_URL_IN = re.compile(r"https?://[^\s{}\\]+")
_VERBATIM_ESCAPE = re.compile(r"\\([_%&#$~])")
_COLLECTION_NUMBER = frozenset({"book", "chapter", "paper-conference", "entry-encyclopedia"})
_HINT = "fix the entry (the rest of the file was read)"


def read_bibtex(text: str, *, file: str = "<stdin>", macros: str | None = None) -> ReadResult:
    """Read a .bib file's ``text``; ``macros`` is the text of a file of ``@string``s."""
    return read_bibtex_files([(file, text)], macros=[macros] if macros else [])[0]


def read_bibtex_files(
    files: Sequence[tuple[str, str]], *, macros: Sequence[str] = ()
) -> list[ReadResult]:
    """Read several .bib files (name, text) as BibTeX reads the files of one
    ``\\bibliography{...}``: the ``@string`` macros and the ``crossref``/``xdata``
    parents of each file serve the others (a file's own win), so papers in one file
    inherit from proceedings in another. One result per file, in order."""
    # The splitter logs each bad block; those become failures in the results instead.
    logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
    shared = dict(DEFAULT_MACROS)
    for text in macros:
        _strings(blocks.split(text), shared)
    split = [blocks.split(text) for _, text in files]
    own_strings: list[dict[str, str]] = []
    for found in split:
        own: dict[str, str] = {}
        _strings(found, own, shared)
        own_strings.append(own)
        shared.update(own)
    results = [ReadResult() for _ in files]
    read: list[list[tuple[Any, Fields]]] = []
    by_file: list[dict[str, tuple[str, Fields]]] = []
    everyone: dict[str, tuple[str, Fields]] = {}
    for (file, _), found, own, result in zip(files, split, own_strings, results, strict=True):
        entries = _entries(found, file, result)
        resolved, by_key = _resolve(entries, ChainMap(own, shared), file, result)
        read.append(resolved)
        by_file.append(by_key)
        for key, parent in by_key.items():
            everyone.setdefault(key, parent)
    for (file, _), resolved, by_key, result in zip(files, read, by_file, results, strict=True):
        _convert(resolved, ChainMap(by_key, everyone), file, result)
    return results


def _strings(
    found: list[Any], strings: dict[str, str], known: dict[str, str] | None = None
) -> None:
    """Add the ``@string`` macros among ``found`` blocks to ``strings`` (later
    definitions win); their values may use ``strings`` and the ``known`` macros."""
    from bibtexparser.model import String

    lookup = ChainMap(strings, known or {})
    for block in found:
        string = getattr(block, "ignore_error_block", block)
        if isinstance(string, String):
            strings[string.key.lower()] = resolve(string.value, lookup)


def _entries(found: list[Any], file: str, result: ReadResult) -> list[Any]:
    """The entries among ``found``; failures and warnings about blocks go to ``result``."""
    from bibtexparser.model import (
        DuplicateBlockKeyBlock,
        Entry,
        ImplicitComment,
        ParsingFailedBlock,
    )

    entries: list[Any] = []
    previous = None
    for block in found:
        inner = getattr(block, "ignore_error_block", None)
        if isinstance(block, Entry):
            entries.append(block)
        elif isinstance(inner, Entry):
            entries.append(inner)
            if inner.key or not isinstance(block, DuplicateBlockKeyBlock):
                result.warnings.append(_problem(block, file))
        elif isinstance(block, ImplicitComment):
            leftover = blocks.leftover_fields(block, previous)
            if leftover:
                result.warnings.append(f"{file}:{leftover}")
        elif isinstance(block, ParsingFailedBlock) and inner is None:
            line, what = blocks.describe_failure(block)
            result.failures.append(FormatError(what, file=file, line=line, hint=_HINT))
        previous = block
    return entries


def _problem(block: Any, file: str) -> str:
    where = f"{file}:{blocks.line_of(block)}"
    previous = getattr(block, "previous_block", None)
    if previous is not None:
        return (
            f"{where}: duplicate key {block.key!r} (first at line {blocks.line_of(previous)});"
            " both entries kept"
        )
    keys = ", ".join(sorted(getattr(block, "duplicate_keys", ())))
    return f"{where}: entry repeats field(s) {keys}; the first value of each is kept"


def _resolve(
    entries: list[Any], strings: Mapping[str, str], file: str, result: ReadResult
) -> tuple[list[tuple[Any, Fields]], dict[str, tuple[str, Fields]]]:
    """Each entry's fields with macros resolved; entries by key (and lower-cased key)."""
    resolved: list[tuple[Any, Fields]] = []
    by_key: dict[str, tuple[str, Fields]] = {}
    for entry in entries:
        fields: Fields = {}
        for field in entry.fields:
            value, run_on = blocks.run_on_fields(field.value)
            if field.key.strip():
                fields.setdefault(field.key.lower(), resolve(value, strings))
            if run_on or not field.key.strip():  # rare: the message is built only then
                where = f"{file}:{blocks.line_of(field) or blocks.line_of(entry)}: {entry.key!r}"
                if not field.key.strip():
                    result.warnings.append(f"{where}: a value without a field name was not read")
                    continue
                names = ", ".join(repr(n) for n in [field.key, *(n for n, _ in run_on)][:-1])
                result.warnings.append(
                    f"{where}: a `,` is missing after field {names}; read as if it were there"
                )
                for name, raw in run_on:
                    fields.setdefault(name.lower(), resolve(raw, strings))
        resolved.append((entry, fields))
        if entry.key:
            entry_type = entry.entry_type.lower()
            by_key.setdefault(entry.key, (entry_type, fields))
            by_key.setdefault(entry.key.lower(), (entry_type, fields))
    return resolved, by_key


def _convert(
    resolved: list[tuple[Any, Fields]],
    parents: Mapping[str, tuple[str, Fields]],
    file: str,
    result: ReadResult,
) -> None:
    for entry, fields in resolved:
        line = blocks.line_of(entry)
        if not entry.key:
            result.warnings.append(
                f"{file}:{line}: @{entry.entry_type.lower()} has no key; it gets one made"
                " from its first author, year and title"
            )
        where = f"{file}:{line}: {entry.key!r}"
        full, missing = inherit(entry.entry_type.lower(), fields, parents)
        result.warnings.extend(f"{where}: no entry {key!r} to inherit from" for key in missing)
        record, others = to_record(entry.entry_type.lower(), entry.key or None, full)
        record.source = f"file:{file}"
        record.source_data = {"ENTRYTYPE": entry.entry_type, "ID": entry.key, **fields}
        if others:
            result.warnings.append(f"{where}: {others} ends in 'and others'; nobody was added")
        result.records.append(record)


def to_record(entry_type: str, key: str | None, fields: Fields) -> tuple[Record, str]:
    """A record from resolved fields; also the name field ending in 'and others' ('' if none)."""
    fields = _url_from_howpublished(fields)
    csl_type = _csl_type(entry_type, fields)
    out: dict[str, Any] = {}
    for bib, var in m.FIELDS_IN:
        if bib in fields and var not in out and fields[bib].strip():
            value = _value(bib, var, fields[bib])
            if value:
                out[var] = value
    for subtitle, var in _SUBTITLES:
        if fields.get(subtitle, "").strip() and out.get(var):
            out[var] += ": " + latex_to_rich(fields[subtitle])
    if fields.get("number", "").strip():
        out.setdefault(_number_variable(csl_type), latex_to_text(fields["number"]))
    _dates(fields, out)
    if csl_type == "thesis" and "genre" not in out:
        out["genre"] = m.THESIS_GENRES["mathesis" if entry_type == "mastersthesis" else "phdthesis"]
    contributors, others = _contributors(fields)
    return Record(type=csl_type, fields=out, contributors=contributors, key=key), others


def _url_from_howpublished(fields: Fields) -> Fields:
    """Web pages often carry their URL only in ``howpublished`` (``\\url{...}``)."""
    match = _URL_IN.search(fields.get("howpublished", ""))
    if fields.get("url") or not match:
        return fields
    out = {**fields, "url": match.group(0)}
    if latex_to_text(out["howpublished"]) == match.group(0):
        del out["howpublished"]  # nothing but the URL
    return out


def _csl_type(entry_type: str, fields: Fields) -> str:
    if entry_type == "misc":
        return "webpage" if fields.get("url") and not fields.get("doi") else "document"
    return m.TYPES_IN.get(entry_type, "document")


def _number_variable(csl_type: str) -> str:
    if csl_type in m.ARTICLES:
        return "issue"
    return "collection-number" if csl_type in _COLLECTION_NUMBER else "number"


def _value(bib: str, var: str, value: str) -> str | None:
    if bib in m.VERBATIM:
        value = _verbatim(value)
        return _DOI_PREFIX.sub("", value) if var == "DOI" else value
    if var == "genre":
        return m.THESIS_GENRES.get(value.strip().lower()) or latex_to_text(value)
    return latex_to_rich(value) if var in m.RICH else latex_to_text(value)


def _verbatim(value: str) -> str:
    value = value.strip()
    if value.startswith("\\url{") and value.endswith("}"):
        value = value[5:-1]
    return _VERBATIM_ESCAPE.sub(r"\1", value).replace("{", "").replace("}", "").strip()


def _dates(fields: Fields, out: dict[str, Any]) -> None:
    if fields.get("date", "").strip():
        out["issued"] = m.parse_date(latex_to_text(fields["date"]))
    elif fields.get("year", "").strip():
        month = latex_to_text(fields["month"]) if fields.get("month") else None
        out["issued"] = m.year_month_day(latex_to_text(fields["year"]), month, fields.get("day"))
    for bib, var in (
        ("urldate", "accessed"),
        ("eventdate", "event-date"),
        ("origdate", "original-date"),
    ):
        if fields.get(bib, "").strip():
            out[var] = m.parse_date(latex_to_text(fields[bib]))
    for var in ("issued", "accessed", "event-date", "original-date"):
        if out.get(var) is None:
            out.pop(var, None)


def _contributors(fields: Fields) -> tuple[list[Contributor], str]:
    people: list[Contributor] = []
    others = ""
    named = dict(m.NAME_FIELDS)
    for letter in ("", "a", "b", "c"):  # BibLaTeX's editortype, editoratype ...
        kind = fields.get(f"editor{letter}type", "editor").strip().lower()
        named[f"editor{letter}"] = m.EDITOR_TYPES.get(kind, "contributor")
    for field, role in named.items():
        if fields.get(field, "").strip():
            names, has_others = split_names(fields[field], role, field)
            people.extend(names)
            others = others or (field if has_others else "")
    return people, others


def split_names(value: str, role: str, field: str = "author") -> tuple[list[Contributor], bool]:
    """Names joined by ``and`` as contributors (with bibtexparser's name splitting)."""
    from bibtexparser.middlewares.names import split_multiple_persons_names

    out: list[Contributor] = []
    others = False
    for raw in split_multiple_persons_names(value):
        raw = raw.strip()
        if raw.lower() == "others":
            others = True
            continue
        contributor = _contributor(raw, role, field)
        if contributor is not None:
            out.append(contributor)
    return out, others


@lru_cache(maxsize=1 << 16)  # shared, being immutable: a large file names people often
def _contributor(raw: str, role: str, field: str) -> Contributor | None:
    given, family, particle, suffix, literal = _name_parts(raw)
    if not (given or family or literal):
        return None
    return Contributor(
        role=role,
        given=given,
        family=family,
        non_dropping_particle=particle,
        suffix=suffix,
        literal=literal,
        source_role=field,
        original={"literal": raw},
    )


_NameParts = tuple[str | None, str | None, str | None, str | None, str | None]


@lru_cache(maxsize=1 << 16)  # the same people recur throughout a large file
def _name_parts(raw: str) -> _NameParts:
    """(given, family, von particle, suffix, literal) of one name as written."""
    from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts

    try:
        parts = parse_single_name_into_parts(raw, strict=False)
    except InvalidNameError:
        parts = None
    if parts is None or _is_literal(parts):
        return None, None, None, None, latex_to_text(raw) or None

    def text(words: list[str]) -> str | None:
        return latex_to_text(" ".join(words)) or None if words else None

    return text(parts.first), text(parts.last), text(parts.von), text(parts.jr), None


def _is_literal(parts: Any) -> bool:
    """``{Corporate Author}`` or ``{{Corporate Author}}``: one braced word, nothing else."""
    if parts.first or parts.von or parts.jr or len(parts.last) != 1:
        return False
    word = parts.last[0]
    if not word.startswith("{"):
        return False
    depth = 0
    for index, ch in enumerate(word):
        depth += {"{": 1, "}": -1}.get(ch, 0) if word[index - 1 : index] != "\\" else 0
        if depth == 0:
            return index == len(word) - 1
    return False
