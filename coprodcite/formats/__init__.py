"""Reading and writing bibliographic files: one registry of formats.

A reader turns text into a :class:`ReadResult`: the records it could read, and a
:class:`~coprodcite.errors.FormatError` (with file and line) for each entry it could not,
so one bad entry never stops the rest of a file. A writer turns records into text.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coprodcite.errors import FormatError, InvalidInput
from coprodcite.model import Record


@dataclass
class FilePeople:
    """What coprodcite's own JSON says about the people behind its contributors. Each
    contributor read from it keeps, as ``person_id``, the id its person had in the
    library the file came from; contributors with the same id are one person."""

    #: preferred names (CSL name parts), by person id in the file
    names: dict[int, dict[str, str]] = field(default_factory=dict)
    #: (person id in the file, record index, the contributor's CSL role, the role as
    #: exported: ``id``, ``public`` and ``on``: ``person`` or ``contribution``)
    roles: list[tuple[int, int, str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class ReadResult:
    """What a reader made of one file."""

    records: list[Record] = field(default_factory=list)
    failures: list[FormatError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # e.g. duplicate keys kept apart
    people: FilePeople | None = None  # coprodcite's own JSON only

    @property
    def entries(self) -> int:
        """Entries seen in the file: read plus failed."""
        return len(self.records) + len(self.failures)


# -- the registry ---------------------------------------------------------------------

Reader = Callable[..., ReadResult]  # (text, *, file=) -> ReadResult
Writer = Callable[..., str]  # (records) -> str


@dataclass(frozen=True)
class Format:
    """One file format: where its reader and writer live (imported when used)."""

    name: str
    extensions: tuple[str, ...]
    reader: str | None  # "module:function"
    writer: str | None
    description: str
    writer_options: tuple[tuple[str, Any], ...] = ()

    def read(self, text: str, *, file: str = "<stdin>", **options: Any) -> ReadResult:
        if self.reader is None:
            raise InvalidInput(
                f"cannot import {self.name}", hint=f"import one of {_names('reader')}"
            )
        try:
            return _load(self.reader, self.name)(text, file=file, **options)
        except RecursionError:  # JSON, YAML or XML nested thousands deep: hostile
            raise FormatError(
                f"nested too deeply to read as {self.name}",
                file=file,
                hint="check that it is the file meant",
            ) from None

    def write(self, records: list[Record], **options: Any) -> str:
        if self.writer is None:
            raise InvalidInput(
                f"cannot export {self.name}", hint=f"export one of {_names('writer')}"
            )
        return _load(self.writer, self.name)(records, **dict(self.writer_options), **options)


_F = "coprodcite.formats."
FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("bibtex", (".bib", ".bibtex"), _F + "bibtex:read_bibtex",
               _F + "bibtex:write_bibtex", "BibTeX (.bib)", (("dialect", "bibtex"),)),
        Format("biblatex", (), _F + "bibtex:read_bibtex", _F + "bibtex:write_bibtex",
               "BibLaTeX (.bib)", (("dialect", "biblatex"),)),
        Format("ris", (".ris",), _F + "ris:read_ris", _F + "ris:write_ris", "RIS (.ris)"),
        Format("csl-json", (".json", ".csl.json"), _F + "csljson:read_csl_json",
               _F + "csljson:write_csl_json", "CSL-JSON (pandoc, Zotero, citeproc)"),
        Format("csl-yaml", (".yaml", ".yml"), _F + "csljson:read_csl_yaml",
               _F + "csljson:write_csl_yaml", "CSL-YAML (pandoc references:)"),
        Format("json", (), _F + "csljson:read_csl_json", _F + "csljson:write_json",
               "coprodcite JSON: CSL plus ORCIDs, affiliations and roles"),
        Format("medline", (".nbib", ".medline"), _F + "tagged:read_medline", None,
               "MEDLINE/PubMed (.nbib)"),
        Format("endnote", (".enw",), _F + "tagged:read_endnote", None, "EndNote tagged (.enw)"),
        Format("endnote-xml", (".xml",), _F + "tagged:read_endnote_xml", None, "EndNote XML"),
        Format("wos", (".ciw",), _F + "tagged:read_wos", None, "Web of Science tagged"),
    ]
}  # fmt: skip

# What the first telling line of a file looks like, per format (checked in this order).
_SIGNATURES: list[tuple[str, re.Pattern[str]]] = [
    ("endnote-xml", re.compile(r"^\s*<(\?xml|xml\b|records\b)")),
    ("csl-json", re.compile(r"^\s*(\{|\[\s*(\{|\]|$))")),  # not "[key]" (citation-js bibtxt)
    ("bibtex", re.compile(r"^\s*@\s*[A-Za-z]+\s*[{(]")),
    ("ris", re.compile(r"^\s{0,3}TY\s{1,3}-")),
    ("medline", re.compile(r"^(PMID|OWN)\s*- ")),
    ("wos", re.compile(r"^(FN |PT [A-Z]\b)")),
    ("endnote", re.compile(r"^%[0ATDJ]( |$)")),
    ("csl-yaml", re.compile(r"^(---\s*$|references:|- id:)")),
]


def get_format(name: str) -> Format:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise InvalidInput(
            f"unknown format {name!r}", hint=f"use one of {', '.join(FORMATS)}"
        ) from None


def detect_format(text: str, filename: str | None = None) -> Format:
    """The format of ``text``: from its first telling line, else from the file name.
    JSON whose first item has ``fields`` and ``contributors`` is coprodcite's own."""
    for line in text.lstrip("\ufeff").splitlines()[:500]:
        if not line.strip():
            continue
        for name, pattern in _SIGNATURES:
            if pattern.match(line):
                if name == "csl-json" and _is_own_json(text):
                    return FORMATS["json"]
                return FORMATS[name]
    if filename:
        lower = filename.lower()
        for fmt in FORMATS.values():
            if any(lower.endswith(ext) for ext in fmt.extensions):
                return fmt
    raise InvalidInput(
        f"cannot tell the format of {filename or 'standard input'}",
        hint=f"give it with --format ({_names('reader')})",
    )


def is_own_item(item: Any) -> bool:
    """Whether a JSON item is a record in coprodcite's own JSON (not CSL-JSON, which
    has no ``fields`` or ``contributors`` variables)."""
    return isinstance(item, dict) and "fields" in item and "contributors" in item


def _is_own_json(text: str) -> bool:
    """Whether JSON ``text`` is coprodcite's own: only its first item is decoded."""
    import json

    body = text.lstrip("\ufeff \t\r\n")
    start = 0
    if body.startswith("["):
        start = len(body) - len(body[1:].lstrip())
    try:
        first, _ = json.JSONDecoder().raw_decode(body, start)
    except ValueError:
        return False
    return is_own_item(first)


def _names(kind: str) -> str:
    return ", ".join(f.name for f in FORMATS.values() if getattr(f, kind))


def _load(target: str, name: str) -> Callable[..., Any]:
    module_name, _, attr = target.partition(":")
    module = importlib.import_module(module_name)
    function = getattr(module, attr, None)
    if function is None:
        raise InvalidInput(
            f"{name} is not available in this version of coprodcite",
            hint=f"use one of {_names('reader')}",
        )
    return function
