"""Adding works: by identifier (DOI, ISBN, arXiv id, PMID, PMCID) fetched from the
registries, or from saved records offline. Batches report each input as data."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from coprodcite.config import Settings
from coprodcite.errors import CoprodciteError, ExitCode, FormatError, InvalidIdentifier
from coprodcite.files import MAX_INPUT_MB
from coprodcite.identifiers import DOI, Identifier
from coprodcite.library import Library
from coprodcite.model import Record
from coprodcite.services.clients import http_client, source_urls


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
    from coprodcite.manuscripts.reflist import looks_like_reference

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
            if not take(reference, whole=False) and looks_like_reference(reference):
                error = InvalidIdentifier(
                    f"no identifier in {reference[:70]!r}",
                    hint="find its record by its text with `coprodcite match`",
                )
                failures.append(_failure(reference[:80], error))
    return found, failures


def _references_in(text: str) -> list[str]:  # pasted text: one reference a line
    from coprodcite.manuscripts.readers import text_paragraphs
    from coprodcite.manuscripts.reflist import references

    return references(text_paragraphs(text.replace("\r\n", "\n")))


def _failure(text: str, error: CoprodciteError, doi: str | None = None) -> ItemResult:
    return ItemResult(input=text, doi=doi, error=str(error), exit_code=error.exit_code)


def _stored(text: str, outcome: str, record: Record) -> ItemResult:
    from coprodcite.markup import plain_text

    return ItemResult(
        input=text, status=outcome, doi=record.doi, key=record.key, title=plain_text(record.title)
    )


def add_dois(
    library: Library,
    dois: Sequence[str | Identifier],
    settings: Settings,
    *,
    refresh: bool = False,
    on_item: Callable[[ItemResult], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> BatchReport:
    """Fetch and store each work named by a DOI (or another identifier: ISBN, arXiv
    id, PMID, PMCID); DOIs already in the library are not fetched again unless
    ``refresh``. Fetches run concurrently within the services' limits; each record is
    saved in its own transaction as soon as it arrives, so an interruption keeps
    everything saved so far. A service that cannot be reached (no DNS answer,
    connection refused) is tried once for the whole batch; retries of the batch wait
    ``settings.retry_budget`` seconds at most, in all, and ``on_notice`` hears at once
    when a service refuses (HTTP 429)."""
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
        return report  # nothing to fetch: the HTTP stack is not even imported
    from coprodcite.sources.http import default_limits
    from coprodcite.sources.resolve import fetch_identifier

    urls = source_urls(settings)
    workers = max(1, default_limits(settings.mailto)["crossref"].concurrency)
    with http_client(settings, on_notice) as client:
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


def read_input(source: Path | BinaryIO, *, limit: int = MAX_INPUT_MB * 2**20) -> str:
    """The text of a regular file, or of a binary stream such as standard input, of
    at most ``limit`` bytes (see :mod:`coprodcite.files`)."""
    from coprodcite.files import decode, read_file, read_stream

    if isinstance(source, Path):
        return decode(read_file(source, limit=limit))
    return decode(read_stream(source, limit=limit))


def read_record_file(path: Path, *, limit: int = MAX_INPUT_MB * 2**20) -> list[Record]:
    """Records from a saved Crossref, DataCite or CSL-JSON response (offline add):
    a regular file of at most ``limit`` bytes."""
    try:
        data = json.loads(read_input(path, limit=limit))
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
    limit: int = MAX_INPUT_MB * 2**20,
) -> BatchReport:
    report = BatchReport(on_item=on_item)
    done = report.add

    for path in paths:
        try:
            records = read_record_file(path, limit=limit)
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
