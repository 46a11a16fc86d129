"""Import and export: files in, the library out, in the form each tool expects.

One file is one transaction: its records are all saved or none are. An entry that
cannot be read is a failure with file and line; the rest of the file is imported.
"""

from __future__ import annotations

import gc
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coprodcite.errors import CoprodciteError, ExitCode, FormatError
from coprodcite.files import MAX_INPUT_MB, decode, read_file, write_output
from coprodcite.files import write_atomically as write_atomically  # used by kept exports
from coprodcite.formats import Format, ReadResult, detect_format, get_format
from coprodcite.library import Library, SaveResult
from coprodcite.model import Record
from coprodcite.services import Progress, no_progress, with_preferred_names
from coprodcite.services.people_import import restore_people

STDIN = "-"
#: formats that write what a record's source data holds (the .bib fields CSL lacks)
SOURCE_FORMATS = ("bibtex", "biblatex")
_BIB_ENTRY = re.compile(r"^\s*@\s*([A-Za-z]+)\s*[{(]", re.MULTILINE)


@dataclass
class FileReport:
    """What became of one file (stable keys: see README)."""

    file: str
    format: str | None = None
    entries: int = 0  # entries seen: imported + merged + skipped + failed
    imported: int = 0
    merged: int = 0  # already there; missing fields filled in (--merge)
    skipped: int = 0  # already there (same DOI, or same title, year and first author)
    failed: int = 0
    errors: list[str] = field(default_factory=list)  # "file:line: what"
    warnings: list[str] = field(default_factory=list)  # duplicate keys, duplicates found
    keys: list[str] = field(default_factory=list)  # keys of the records imported or merged

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        names = ("entries", "imported", "merged", "skipped", "failed")
        return {n: sum(getattr(f, n) for f in self.files) for n in names}

    @property
    def exit_code(self) -> int:
        return ExitCode.INVALID_INPUT if any(f.failed for f in self.files) else ExitCode.OK

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.totals(), "files": [f.to_json() for f in self.files]}


def read_text(
    source: Path | str, stdin_text: str | None = None, *, limit: int = MAX_INPUT_MB * 2**20
) -> str:
    """The text of a regular file of at most ``limit`` bytes (UTF-8 with or without
    BOM, UTF-16 with BOM, else Windows-1252), or of stdin."""
    if str(source) == STDIN:
        return stdin_text or ""
    return decode(read_file(Path(source), limit=limit))


def is_macro_file(text: str) -> bool:
    """A .bib file holding only ``@string`` macros (for the other .bib files)."""
    kinds = {k.lower() for k in _BIB_ENTRY.findall(text)}
    return bool(kinds) and kinds <= {"string", "comment", "preamble"} and "string" in kinds


def import_files(
    library: Library,
    sources: Sequence[Path | str],
    *,
    fmt: str | None = None,
    merge: bool = False,
    macros: Sequence[Path] = (),
    stdin_text: str | None = None,
    on_file: Callable[[FileReport], None] | None = None,
    progress: Progress | None = None,
    limit: int = MAX_INPUT_MB * 2**20,
) -> ImportReport:
    """Import each file (``"-"``: ``stdin_text``) in its own transaction.

    The BibTeX files are read together, as BibTeX reads the files of one
    bibliography: the ``@string`` macros (also of a file holding only macros, or one
    given in ``macros``) and the ``crossref`` parents of each serve the others.
    ``progress`` hears of each file's reading, names and saving. Only regular files
    of at most ``limit`` bytes are read."""
    with _cyclic_gc_paused():
        return _import_files(
            library, sources, fmt, merge, macros, stdin_text, on_file, progress or no_progress,
            limit,
        )  # fmt: skip


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector paused while a file is read and saved. An import makes
    hundreds of thousands of objects with no cycles among them (reference counting
    frees them); the collector, started by the count of allocations, kept walking the
    growing heap: a sixth of importing 7,166 entries, for no memory back (peak RSS the
    same, 148 MB). It runs again as it did before, whatever happens."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _import_files(
    library: Library,
    sources: Sequence[Path | str],
    fmt: str | None,
    merge: bool,
    macros: Sequence[Path],
    stdin_text: str | None,
    on_file: Callable[[FileReport], None] | None,
    tell: Progress,
    limit: int,
) -> ImportReport:
    report = ImportReport()
    texts: list[tuple[str, str | None, str | BaseException]] = []
    macro_texts = [read_text(p, limit=limit) for p in macros]
    for source in sources:
        name = "<stdin>" if str(source) == STDIN else str(source)
        try:
            text = read_text(source, stdin_text, limit=limit)
            chosen = get_format(fmt) if fmt else detect_format(text, name)
        except CoprodciteError as error:
            texts.append((name, None, error))
            continue
        if chosen.name in _BIBTEX and is_macro_file(text):
            macro_texts.append(text)
            _done(report, FileReport(name, "bibtex-macros"), on_file)
            continue
        texts.append((name, chosen.name, text))
    together = [os.path.basename(n) for n, f, c in texts if f in _BIBTEX and isinstance(c, str)]
    if together:
        tell(f"reading {', '.join(together)}", 0, None)
    read_together = _read_bibtex_together(texts, macro_texts)
    for index, (name, format_name, content) in enumerate(texts):
        if isinstance(content, BaseException):
            _done(
                report, FileReport(name, format_name, 1, failed=1, errors=[str(content)]), on_file
            )
            continue
        assert format_name is not None
        chosen = get_format(format_name)
        read = read_together.get(index)
        if read is None:
            one = import_text(library, content, chosen, file=name, merge=merge, progress=tell)
        else:
            one = save_read(library, _nothing_missed(read, content, chosen, name), chosen,
                            file=name, merge=merge, progress=tell)  # fmt: skip
        _done(report, one, on_file)
    return report


_BIBTEX = ("bibtex", "biblatex")


def _read_bibtex_together(
    texts: Sequence[tuple[str, str | None, str | BaseException]], macros: Sequence[str]
) -> dict[int, ReadResult]:
    """The BibTeX files among ``texts`` read as one bibliography, by index in ``texts``."""
    from coprodcite.formats.bibtex.reader import read_bibtex_files

    wanted = [
        (index, name, content)
        for index, (name, format_name, content) in enumerate(texts)
        if format_name in _BIBTEX and isinstance(content, str)
    ]
    if not wanted:
        return {}
    results = read_bibtex_files([(name, text) for _, name, text in wanted], macros=macros)
    return {index: result for (index, _, _), result in zip(wanted, results, strict=True)}


def _done(
    report: ImportReport, one: FileReport, on_file: Callable[[FileReport], None] | None
) -> None:
    report.files.append(one)
    if on_file:
        on_file(one)


def import_text(
    library: Library,
    text: str,
    fmt: Format,
    *,
    file: str = "<stdin>",
    merge: bool = False,
    macros: str | None = None,
    progress: Progress | None = None,
) -> FileReport:
    """Read ``text`` as ``fmt`` and save its records in one transaction."""
    (progress or no_progress)(f"reading {os.path.basename(file)}", 0, None)
    try:
        result = _read(fmt, text, file, macros)
    except CoprodciteError as error:  # e.g. a format this version cannot read
        return FileReport(file, fmt.name, entries=1, failed=1, errors=[f"{file}: {error}"])
    return save_read(
        library, _nothing_missed(result, text, fmt, file), fmt, file=file, merge=merge,
        progress=progress,
    )  # fmt: skip


#: formats read by the same reader: text detected as one may be read as the other
_SAME_READER = {"biblatex": "bibtex", "json": "csl-json"}


def _nothing_missed(result: ReadResult, text: str, fmt: Format, file: str) -> ReadResult:
    """``result``, with a failure when a file with text in it gave no entry at all and
    does not look like ``fmt`` (``--format ris refs.bib``): "0 entries" would hide it."""
    if result.entries or not text.strip():
        return result
    try:
        looks = detect_format(text)
    except CoprodciteError:
        looks = None
    if looks is not None and _SAME_READER.get(looks.name, looks.name) == _SAME_READER.get(
        fmt.name, fmt.name
    ):
        return result  # e.g. a .bib file of comments only
    like = f"; it looks like {looks.description}" if looks else ""
    hint = (
        f"give --format {looks.name}, or leave --format out to tell it from the content"
        if looks
        else "check the file, or give its format with --format"
    )
    result.failures.append(
        FormatError(f"no {fmt.description} entries in it{like}", file=file, hint=hint)
    )
    return result


def save_read(
    library: Library,
    result: ReadResult,
    fmt: Format,
    *,
    file: str,
    merge: bool = False,
    progress: Progress | None = None,
) -> FileReport:
    """Save what was read from one file in one transaction, and report on it."""
    from coprodcite.names import normalise_record

    tell = progress or no_progress
    name = os.path.basename(file)
    report = FileReport(file, fmt.name)
    report.entries = result.entries
    report.failed = len(result.failures)
    report.errors = [str(f) for f in result.failures]
    report.warnings = list(result.warnings) + _duplicate_keys(result.records, file)
    records = []
    for done, record in enumerate(result.records, start=1):
        records.append(normalise_record(record))
        if done % 100 == 0 or done == len(result.records):
            tell(f"{name}: normalising names", done, len(result.records))
    tell(f"{name}: saving {len(records):,} records", 0, None)
    try:
        with library.transaction():
            saved = library.save_many(records, merge=merge)
            if result.people is not None:
                report.warnings += restore_people(library, result.people, records, saved)
    except CoprodciteError as error:  # the whole file is rolled back
        report.failed = report.entries
        report.errors.append(f"{file}: nothing imported: {error}")
        return report
    _count(report, records, saved)
    return report


def _read(fmt: Format, text: str, file: str, macros: str | None) -> ReadResult:
    if macros and fmt.name in _BIBTEX:
        return fmt.read(text, file=file, macros=macros)
    return fmt.read(text, file=file)


def _duplicate_keys(records: list[Record], file: str) -> list[str]:
    counts = Counter(r.key for r in records if r.key)
    return [
        f"{file}: key {key!r} is used by {n} entries; they are kept apart with new keys"
        for key, n in counts.items()
        if n > 1
    ]


def _count(report: FileReport, records: list[Record], saved: list[SaveResult]) -> None:
    from coprodcite.markup import plain_text

    for record, result in zip(records, saved, strict=True):
        if result.outcome == "exists":
            report.skipped += 1
            title = plain_text(record.title)[:60]
            report.warnings.append(
                f"{report.file}: {title!r} is already in the library as {result.record.key}"
            )
        else:
            report.merged += result.outcome == "merged"
            report.imported += result.outcome in ("added", "updated")
            report.keys.append(str(result.record.key))


# -- export ---------------------------------------------------------------------------


@dataclass
class ExportResult:
    count: int
    format: str
    path: str | None = None
    text: str | None = None  # when no path was given


def export(
    library: Library,
    refs: list[str] | None,
    fmt: str,
    out_path: Path | None = None,
    *,
    include_private: bool = False,
    extra_roles: Iterable[Any] = (),
    everything: bool = True,
) -> ExportResult:
    """The records named by ``refs`` (all when none and ``everything``, else none) as
    ``fmt``: returned as text, or written to ``out_path`` atomically (a failure leaves
    any old file as it was; see :func:`coprodcite.files.write_output` for devices,
    FIFOs and the library's files)."""
    chosen = get_format(fmt)
    # BibTeX writes back the fields a record's .bib had beyond CSL: from its source data
    source = chosen.name in SOURCE_FORMATS
    records = library.records(refs=refs or None, with_source=source) if refs or everything else []
    text = export_text(
        library, records, chosen, include_private=include_private, extra_roles=extra_roles
    )
    if out_path is None:
        return ExportResult(len(records), chosen.name, text=text)
    write_output(out_path, text, protected=[Path(library.location)])
    return ExportResult(len(records), chosen.name, path=str(out_path))


def export_text(
    library: Library,
    records: list[Record],
    chosen: Format,
    *,
    include_private: bool = False,
    extra_roles: Iterable[Any] = (),
) -> str:
    """``records`` written as ``chosen``: coprodcite JSON as published, with people and
    roles beside the names; every other format as cited (preferred names)."""
    if chosen.name == "json":
        roles = export_roles(
            library, records, include_private=include_private, extra_roles=extra_roles
        )
        return chosen.write(records, roles=roles, names=library.preferred_names())
    names = library.preferred_names()
    return chosen.write([with_preferred_names(r, names) for r in records])


def export_roles(
    library: Library,
    records: list[Record],
    *,
    include_private: bool = False,
    extra_roles: Iterable[Any] = (),
) -> dict[str, list[list[dict[str, Any]]]]:
    """Per record key, the roles of each contributor in order, for coprodcite's own
    JSON. A sensitive role (lived experience, ...) leaves the library only with
    ``include_private``: consent to show it in credits is not consent to export it."""
    from coprodcite.roles import describe, vocabulary
    from coprodcite.services.people import roles_for

    vocab = vocabulary(extra_roles)
    out: dict[str, list[list[dict[str, Any]]]] = {}
    for record in records:
        assert record.key is not None
        held = library.roles(record_key=record.key)
        lists = []
        for position, contributor in enumerate(record.contributors, start=1):
            mine = roles_for(position, contributor, record, held)
            lists.append(
                [
                    {
                        **describe(a.role, vocab).to_json(),
                        "public": a.public,
                        "on": "contribution" if a.on_contribution else "person",
                    }
                    for a in mine
                    if include_private or not describe(a.role, vocab).sensitive
                ]
            )
        if any(lists):
            out[record.key] = lists
    return out


def write_document(library: Library, path: Path, data: str | bytes) -> None:
    """Write a document made from the library (a formatted paper, an export) to
    ``path``: atomically, never over the library's own files (see
    :func:`coprodcite.files.write_output`)."""
    write_output(path, data, protected=[Path(library.location)])
