"""Use cases: what the commands do, as functions returning result objects.

Nothing here prints, prompts or exits; the command line turns results into
output and exit codes. Settings arrive as arguments.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from coprodcite import PROJECT_URL, __version__
from coprodcite.config import Settings
from coprodcite.errors import (
    CoprodciteError,
    ExitCode,
    FormatError,
    InvalidIdentifier,
    InvalidInput,
)
from coprodcite.formats.documents import bibliography_document as bibliography_document
from coprodcite.formats.documents import citation_document as citation_document
from coprodcite.identifiers import DOI, Identifier
from coprodcite.library import Library, Listed
from coprodcite.library import open_library as open_library  # the CLI opens libraries here
from coprodcite.model import Record, cited_as

# Told how long work is going: (what is being done, how much is done, how much in all
# or None when unknown). The command line shows it on a terminal.
Progress = Callable[[str, int, "int | None"], None]


def no_progress(what: str, done: int, total: int | None) -> None:
    return None


@dataclass
class ItemResult:
    """What happened to one input of a batch (stable keys: see README)."""

    input: str
    status: str = "failed"  # added | exists | updated | failed
    doi: str | None = None
    key: str | None = None
    title: str | None = None
    error: str | None = None
    exit_code: int = ExitCode.OK
    note: str | None = None  # e.g. "the published version of arXiv:2301.00001"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class BatchReport:
    items: list[ItemResult] = field(default_factory=list)
    on_item: Callable[[ItemResult], None] | None = field(default=None, repr=False)

    def add(self, item: ItemResult) -> None:
        """Keep ``item`` and tell the caller at once (progress, per-item output)."""
        self.items.append(item)
        if self.on_item:
            self.on_item(item)

    def counts(self) -> dict[str, int]:
        out = {"added": 0, "exists": 0, "updated": 0, "failed": 0}
        for item in self.items:
            out[item.status] += 1
        return out

    @property
    def failed(self) -> list[ItemResult]:
        return [i for i in self.items if i.status == "failed"]

    @property
    def exit_code(self) -> int:
        codes = {i.exit_code for i in self.failed}
        return ExitCode.OK if not codes else codes.pop() if len(codes) == 1 else ExitCode.FAILURE

    def to_json(self) -> dict[str, Any]:
        return {"summary": self.counts(), "items": [i.to_json() for i in self.items]}


# -- adding ----------------------------------------------------------------------


_NO_IDENTIFIER_HINT = (
    "give a DOI (10.1093/bjsw/bcad019), an ISBN, an arXiv id (arXiv:2301.00001) or a "
    "PubMed id (PMID 31452104, PMC6710286)"
)


def collect_identifiers(
    arguments: Iterable[str], texts: Iterable[str] = ()
) -> tuple[list[Identifier], list[ItemResult]]:
    """The distinct identifiers (DOI, ISBN, arXiv id, PMID, PMCID) in command-line
    ``arguments`` (each a bare identifier, a link or pasted text) and in ``texts``
    (pasted or read from a file, taken one reference at a time), in order; and a failed
    item for each argument that holds none, each identifier with a wrong check digit,
    and each reference in ``texts`` that names its work by no identifier (those can be
    found by their text with ``coprodcite match``)."""
    from coprodcite.identifiers import scan_identifiers

    found: list[Identifier] = []
    failures: list[ItemResult] = []

    def take(text: str, *, whole: bool) -> list[Identifier]:
        identifiers, errors = scan_identifiers(text, whole=whole)
        failures.extend(_failure(text.strip()[:80], error) for error in errors)
        found.extend(i for i in identifiers if i not in found)
        return identifiers if identifiers or errors else []

    for argument in arguments:
        if argument.strip() and not take(argument, whole=True):
            error = InvalidIdentifier(
                f"not a DOI or other identifier: {argument.strip()[:80]!r}",
                hint=_NO_IDENTIFIER_HINT,
            )
            failures.append(_failure(argument.strip(), error))
    for text in texts:
        for reference in _references_in(text):
            if not take(reference, whole=False) and _looks_like_reference(reference):
                error = InvalidIdentifier(
                    f"no identifier in {reference[:70]!r}",
                    hint="find its record by its text with `coprodcite match`",
                )
                failures.append(_failure(reference[:80], error))
    return found, failures


def _references_in(text: str) -> list[str]:
    from coprodcite.manuscripts.readers import text_paragraphs
    from coprodcite.manuscripts.reflist import references

    return references(text_paragraphs(text.replace("\r\n", "\n")))


def _looks_like_reference(text: str) -> bool:
    """A reference, not a heading, note or stray line: a year and a few words."""
    from coprodcite.matching.reference import Reference

    reference = Reference(text)
    return bool(reference.years) and len([w for w in reference.words if len(w) > 2]) >= 4


def _failure(text: str, error: CoprodciteError, doi: str | None = None) -> ItemResult:
    return ItemResult(input=text, doi=doi, error=str(error), exit_code=error.exit_code)


def _stored(text: str, outcome: str, record: Record) -> ItemResult:
    from coprodcite.markup import plain_text

    return ItemResult(
        input=text, status=outcome, doi=record.doi, key=record.key, title=plain_text(record.title)
    )


def _http_client(settings: Settings) -> Any:
    from coprodcite.sources.http import HttpClient, default_limits, user_agent

    return HttpClient(
        user_agent=user_agent(__version__, PROJECT_URL, settings.mailto),
        timeout=settings.timeout,
        retries=settings.retries,
        limits=default_limits(settings.mailto, ncbi_key=bool(settings.ncbi_api_key)),
    )


def source_urls(settings: Settings) -> Any:
    """Where each registry is (every one configurable, so tests use loopback)."""
    from coprodcite.sources import SourceURLs

    return SourceURLs(
        settings.crossref_url,
        settings.datacite_url,
        settings.doi_url,
        openlibrary=settings.openlibrary_url,
        ncbi=settings.ncbi_url,
        mailto=settings.mailto,
        ncbi_api_key=settings.ncbi_api_key,
    )


def add_dois(
    library: Library,
    dois: Sequence[str | Identifier],
    settings: Settings,
    *,
    refresh: bool = False,
    on_item: Callable[[ItemResult], None] | None = None,
) -> BatchReport:
    """Fetch and store each work named by a DOI (or another identifier: ISBN, arXiv
    id, PMID, PMCID); DOIs already in the library are not fetched again unless
    ``refresh``. Fetches run concurrently within the services' limits; each record is
    saved in its own transaction as soon as it arrives, so an interruption keeps
    everything saved so far."""
    from coprodcite.sources.http import default_limits
    from coprodcite.sources.resolve import fetch_identifier

    report = BatchReport(on_item=on_item)
    done = report.add

    todo: list[Identifier] = []
    for given in dois:
        wanted = given if isinstance(given, Identifier) else Identifier(DOI, given)
        existing = None if refresh or wanted.kind != DOI else library.find(wanted.value)
        if existing is not None:
            done(_stored(wanted.value, "exists", existing))
        else:
            todo.append(wanted)
    if not todo:
        return report
    urls = source_urls(settings)
    workers = max(1, default_limits(settings.mailto)["crossref"].concurrency)
    with _http_client(settings) as client:
        executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch")
        try:
            pending: dict[Future[Any], Identifier] = {
                executor.submit(fetch_identifier, client, urls, wanted): wanted for wanted in todo
            }
            while pending:
                finished, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    done(_save_fetched(library, pending.pop(future), future, refresh))
        finally:
            executor.shutdown(wait=False, cancel_futures=True)
    return report


def _save_fetched(
    library: Library, wanted: Identifier, future: Future[Any], refresh: bool
) -> ItemResult:
    from coprodcite.names import normalise_record

    name = str(wanted)
    try:
        resolved = future.result()
        record = normalise_record(resolved.record)
        result = library.save(record, refresh=refresh)
    except CoprodciteError as error:
        return _failure(name, error, wanted.value if wanted.kind == DOI else None)
    item = _stored(name, result.outcome, result.record)
    item.note = resolved.note
    return item


def read_record_file(path: Path) -> list[Record]:
    """Records from a saved Crossref, DataCite or CSL-JSON response (offline add)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", file=str(path)) from exc
    except ValueError as exc:
        raise FormatError(
            f"not JSON ({exc})",
            file=str(path),
            hint="give a saved Crossref, DataCite or CSL-JSON response",
        ) from exc
    from coprodcite.names import normalise_record

    items = data if isinstance(data, list) else [data]
    return [normalise_record(_map_saved(item, path)) for item in items]


def _map_saved(item: Any, path: Path) -> Record:
    from coprodcite.sources.crossref import map_crossref
    from coprodcite.sources.datacite import map_datacite
    from coprodcite.sources.negotiation import map_csl

    if not isinstance(item, dict):
        raise FormatError("expected a JSON object or a list of objects", file=str(path))
    if "message" in item or isinstance(item.get("title"), list) and "DOI" in item:
        return map_crossref(item)
    if "data" in item or "attributes" in item or "titles" in item:
        return map_datacite(item)
    if "type" in item:
        record = map_csl(item, source="file")
        if isinstance(item.get("id"), str) and not item["id"].startswith("http"):
            record.key = item["id"]
        return record
    raise FormatError("not a Crossref, DataCite or CSL-JSON record", file=str(path))


def add_record_files(
    library: Library,
    paths: list[Path],
    *,
    refresh: bool = False,
    on_item: Callable[[ItemResult], None] | None = None,
) -> BatchReport:
    report = BatchReport(on_item=on_item)
    done = report.add

    for path in paths:
        try:
            records = read_record_file(path)
        except CoprodciteError as error:
            done(_failure(str(path), error))
            continue
        for record in records:
            try:
                result = library.save(record, refresh=refresh)
                done(_stored(str(path), result.outcome, result.record))
            except CoprodciteError as error:
                done(_failure(str(path), error, record.doi))
    return report


# -- reading and rendering --------------------------------------------------------


def records(library: Library, refs: list[str] | None = None) -> list[Record]:
    return library.records(refs=refs or None)


def is_empty(library: Library) -> bool:
    return library.count() == 0


def listing(library: Library) -> list[Listed]:
    """Key, year, first author, title and DOI of every record (``list``), by key."""
    return library.listing()


def remove(library: Library, ref: str) -> Record:
    """Remove the record named by key or DOI ``ref``; the record removed."""
    return library.remove(ref)


def csl_items(
    recs: list[Record], names: Mapping[int, dict[str, str]] | None = None
) -> list[dict[str, Any]]:
    """CSL-JSON items, with each linked person's preferred name (``names``, from
    :meth:`Library.preferred_names`) in place of the name as published."""
    if names:
        recs = [with_preferred_names(r, names) for r in recs]
    return [r.to_csl() for r in recs]


def with_preferred_names(record: Record, names: Mapping[int, dict[str, str]]) -> Record:
    """``record`` as it is cited: linked people under their preferred names."""
    if not any(c.person_id in names for c in record.contributors):
        return record
    return record.copy_with(contributors=[cited_as(c, names) for c in record.contributors])


def _items_to_render(
    library: Library, refs: list[str] | None
) -> tuple[list[Record], list[dict[str, Any]]]:
    recs = records(library, refs)
    return recs, csl_items(recs, library.preferred_names())


def _style_to_render(
    style: str, locale: str | None, full_credit: bool, styles_dir: Path | None
) -> tuple[str, str | None]:
    """The style (and locale) to render with: with ``full_credit``, the style's
    independent parent as XML with its et-al rules taken out, keeping the locale a
    dependent style asks for."""
    if not full_credit:
        return style, locale
    from coprodcite.render.credit import full_credit_style
    from coprodcite.render.styles import resolve_style

    source = resolve_style(style, user_dir=styles_dir)
    xml = source.xml if source.xml is not None else _read_style(source.path)
    return full_credit_style(xml), locale or source.default_locale


def _read_style(path: Path | None) -> str:
    assert path is not None
    return path.read_text(encoding="utf-8")


def bibliography(
    library: Library,
    refs: list[str] | None,
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    full_credit: bool = False,
    styles_dir: Path | None = None,
    use_cache: bool = True,
    engine: str | None = None,
    progress: Progress | None = None,
    keyed: bool = False,
) -> list[str]:
    """Reference list entries; a render of the same items, style, locale, format and
    engine is taken from the library's render cache (``use_cache=False`` skips it).
    ``progress`` hears of reading and rendering, which a cached render skips. With
    ``keyed`` each entry is a JSON ``[key, entry]`` pair (see :func:`keyed_entries`)."""
    from coprodcite.render import render_bibliography_keyed
    from coprodcite.services.render_cache import render_cached

    style, locale = _style_to_render(style, locale, full_credit, styles_dir)
    report = progress or no_progress
    kind = "bibliography-keyed" if keyed else "bibliography"

    @cache
    def built() -> tuple[list[Record], list[dict[str, Any]]]:  # only when the cache misses
        report("reading records", 0, None)
        return _items_to_render(library, refs)

    def render(style: str, locale: str | None) -> list[str]:
        items = built()[1]
        report(f"rendering {len(items):,} entries", 0, None)
        pairs = render_bibliography_keyed(items, style, locale=locale, fmt=fmt, engine=engine)
        # with their keys: each entry kept as a JSON pair (the cache keeps strings)
        return (
            [json.dumps(p, ensure_ascii=False) for p in pairs] if keyed else [e for _, e in pairs]
        )

    return render_cached(
        library,
        render,
        what=lambda: {
            "kind": kind,
            "items": built()[1],
            "clusters": None,
            "fmt": fmt,
            "engine": engine,
        },
        quick={"kind": kind, "refs": refs, "fmt": fmt, "engine": engine},
        style=style,
        locale=locale,
        styles_dir=styles_dir,
        use_cache=use_cache,
    )


def keyed_entries(entries: list[str]) -> list[tuple[str, str]]:
    """The (key, entry) pairs of a ``bibliography(..., keyed=True)``."""
    return [tuple(json.loads(e)) for e in entries]  # type: ignore[misc]


def citation(
    library: Library,
    refs: list[str],
    style: str,
    *,
    locale: str | None = None,
    fmt: str = "text",
    full_credit: bool = False,
    styles_dir: Path | None = None,
    use_cache: bool = True,
    engine: str | None = None,
) -> str:
    from coprodcite.render import render_citations
    from coprodcite.services.render_cache import render_cached

    style, locale = _style_to_render(style, locale, full_credit, styles_dir)
    built = cache(lambda: _items_to_render(library, refs))  # only when the cache misses

    def clusters() -> list[list[dict[str, Any]]]:
        return [[{"id": r.key} for r in built()[0]]]

    return render_cached(
        library,
        lambda s, loc: render_citations(
            built()[1], clusters(), s, locale=loc, fmt=fmt, engine=engine
        ),
        what=lambda: {
            "kind": "citations",
            "items": built()[1],
            "clusters": clusters(),
            "fmt": fmt,
            "engine": engine,
        },
        quick={"kind": "citations", "refs": refs, "fmt": fmt, "engine": engine},
        style=style,
        locale=locale,
        styles_dir=styles_dir,
        use_cache=use_cache,
    )[0]


def show_record(library: Library, ref: str, fmt: str) -> str:
    """The record named by key or DOI ``ref``, in ``fmt`` (see :func:`show`)."""
    return show(library.get(ref), fmt, library.preferred_names())


def show(record: Record, fmt: str, names: Mapping[int, dict[str, str]] | None = None) -> str:
    """One record in ``fmt``. CSL-JSON and BibTeX cite linked people by their preferred
    ``names``; JSON keeps the name as published and adds ``preferred-name``."""
    if fmt == "json":
        data = record.to_json(include_source=True)
        for out, c in zip(data["contributors"], record.contributors, strict=True):
            if c.person_id is not None and c.person_id in (names or {}):
                out["preferred-name"] = cited_as(c, names or {}).to_csl()
        return json.dumps(data, ensure_ascii=False, indent=2)
    cited = with_preferred_names(record, names or {})
    if fmt == "csl-json":
        return json.dumps(cited.to_csl(), ensure_ascii=False, indent=2)
    if fmt == "bibtex":
        from coprodcite.formats.bibtex import to_bibtex

        return to_bibtex([cited]).rstrip("\n")
    raise InvalidInput(f"unknown format {fmt!r}", hint="use json, csl-json or bibtex")
