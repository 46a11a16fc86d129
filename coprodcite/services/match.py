"""Matching references written as free text to their records (``coprodcite match``).

For each reference, in this order:

1. An identifier written in it (DOI, ISBN, arXiv id, PMID, PMCID) is fetched and
   checked against the text: its title and first author must be there. One that
   names another work is reported as such and not trusted.
2. Otherwise Crossref's bibliographic search (``rows=5``), and DataCite's search for
   what looks like a dataset, software or a report, or when Crossref offers nothing
   that fits. Every candidate is checked against the text
   (:mod:`coprodcite.matching`); the calibrated confidence decides: "matched" only
   on strong evidence, close calls "uncertain" with their candidates.

References are matched concurrently within the services' limits. A registry that is
down (or keeps answering 429) stops the run: the report keeps what was done.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from coprodcite.errors import (
    CoprodciteError,
    ExitCode,
    NotFound,
    SourceUnavailable,
)
from coprodcite.manuscripts.reflist import strip_marker
from coprodcite.markup import plain_text
from coprodcite.matching.confidence import (
    MATCHED,
    UNCERTAIN,
    calibrated,
    confidence,
    decide,
    score,
)
from coprodcite.matching.evidence import evidence, names_the_work
from coprodcite.matching.reference import Reference
from coprodcite.model import Record

if TYPE_CHECKING:
    from coprodcite.config import Settings
    from coprodcite.library import Library
    from coprodcite.sources import SourceURLs
    from coprodcite.sources.http import HttpClient

#: longer than this, a "reference" is a paragraph or a list run together
MAX_REFERENCE = 2000
#: candidates shown per reference
SHOWN = 5
_DATA_WORDS = re.compile(
    r"\b(?:data\s*set|dataset|data\s+file|software|computer\s+program|source\s+code|"
    r"version\s+\d|v\d+\.\d|zenodo|figshare|dryad|osf\.io|pangaea|dataverse|"
    r"icpsr|github|gitlab|repository|technical\s+report|working\s+paper|report\s+no)\b",
    re.IGNORECASE,
)
_KIND_NAMES = {"doi": "DOI", "isbn": "ISBN", "arxiv": "arXiv id", "pmid": "PMID", "pmcid": "PMCID"}


@dataclass(frozen=True)
class CandidateView:
    doi: str | None
    title: str
    confidence: float

    def to_json(self) -> dict[str, Any]:
        return {"doi": self.doi, "title": self.title, "confidence": round(self.confidence, 3)}


@dataclass
class MatchResult:
    """The outcome for one reference (stable keys: see README)."""

    reference: str
    status: str = "unmatched"  # matched | uncertain | unmatched
    doi: str | None = None
    confidence: float = 0.0
    record: Record | None = None
    candidates: list[CandidateView] = field(default_factory=list)
    why: str = ""
    registry: str | None = None  # where the match came from
    key: str | None = None  # with --add: the library key
    added: str | None = None  # with --add: "added" | "exists" | "failed: ..."
    #: identifiers written in the text that did not hold: (kind, value, "not-registered"
    #: | "another-work"), for `check`
    written: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def title(self) -> str:
        return plain_text(self.record.title) if self.record else ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "reference": self.reference,
            "status": self.status,
            "doi": self.doi,
            "confidence": round(self.confidence, 3),
            "record": self.record.to_csl() if self.record and self.status == "matched" else None,
            "candidates": [c.to_json() for c in self.candidates],
            "why": self.why,
        }
        if self.added is not None:
            out["key"] = self.key
            out["added"] = self.added
        return out


@dataclass
class MatchReport:
    results: list[MatchResult]  # in input order; with `stopped`, only those done
    total: int
    stopped: CoprodciteError | None = None
    done: list[int] = field(default_factory=list)  # input positions (from 0) done

    def counts(self) -> dict[str, int]:
        out = {"matched": 0, "uncertain": 0, "unmatched": 0}
        for result in self.results:
            out[result.status] += 1
        added = [r for r in self.results if r.added == "added"]
        if any(r.added is not None for r in self.results):
            out["added"] = len(added)
        return out

    @property
    def exit_code(self) -> int:
        if self.stopped is not None:
            return self.stopped.exit_code
        if any(r.status != "matched" or (r.added or "").startswith("failed") for r in self.results):
            return ExitCode.FAILURE
        return ExitCode.OK

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "summary": {**self.counts(), "references": self.total},
            "results": [r.to_json() for r in self.results],
        }
        if self.stopped is not None:
            out["stopped"] = str(self.stopped)
        return out


# -- one reference ------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    client: HttpClient
    urls: SourceURLs
    mailto: str | None
    minimum: float


def _view(record: Record, value: float) -> CandidateView:
    return CandidateView(record.doi, plain_text(record.title), value)


def _describe(record: Record) -> str:
    people = record.names("author") or record.names("editor")
    who = people[0].family or people[0].literal or "" if people else ""
    parts = [p for p in (who, str(record.year or "")) if p]
    title = plain_text(record.title)
    title = title if len(title) <= 70 else title[:67] + "..."
    return f"'{title}'" + (f" ({', '.join(parts)})" if parts else "")


def _too_thin(reference: Reference) -> bool:
    """Whether the text says little besides its identifiers (too little to check a
    title on)."""
    return len([w for w in reference.words if len(w) > 2 and not w.isdigit()]) < 3


def _check_written(reference: Reference, record: Record) -> str:
    """ "agrees", "thin" (nothing to check but the identifier) or "disagrees": a written
    identifier is trusted when its title is there, or its first author with the year or
    part of the title, or the evidence as a whole says so. With little text besides it,
    the names and year that are there must not contradict it."""
    found = evidence(reference, record)
    if _too_thin(reference):
        named = any(len(w) > 2 and not w.isdigit() for w in reference.words)
        if found.year_conflict or (
            named
            and (found.unexplained_words > 0.5 or not (found.author_first or found.no_authors))
        ):
            return "disagrees"
        return "thin"
    if (
        found.title >= 0.85
        or (found.author_first > 0 and (found.title >= 0.6 or found.year == 1.0))
        or confidence(found) >= 0.5
    ):
        return "agrees"
    return "disagrees"


def _from_identifiers(
    reference: Reference, ctx: _Context, held: list[tuple[str, str, str]]
) -> tuple[MatchResult | None, list[str]]:
    """A match through an identifier written in the reference, or None and notes on
    the identifiers that did not hold (each also added to ``held``)."""
    from coprodcite.sources.resolve import fetch_identifier

    notes: list[str] = []
    for identifier in reference.identifiers[:3]:
        name = _KIND_NAMES[identifier.kind]
        try:
            resolved = fetch_identifier(ctx.client, ctx.urls, identifier)
        except NotFound:
            notes.append(f"the {name} in the text ({identifier.value}) is not registered")
            held.append((identifier.kind, identifier.value, "not-registered"))
            continue
        record = resolved.record
        verdict = _check_written(reference, record)
        if verdict == "disagrees":
            notes.append(
                f"the {name} in the text ({identifier.value}) belongs to another work: "
                + _describe(record)
            )
            held.append((identifier.kind, identifier.value, "another-work"))
            continue
        value = confidence(evidence(reference, record))
        if verdict == "thin":
            value, why = max(value, 0.95), f"the {name} given, with no text to check it on"
        else:
            value, why = max(value, 0.97), f"the {name} in the text, and the text agrees"
        if resolved.note:
            why += f" ({resolved.note})"
        result = MatchResult(
            reference.text,
            "matched",
            record.doi,
            value,
            record,
            [_view(record, value)],
            why,
            registry=record.source,
        )
        return result, notes
    return None, notes


def looks_like_data(reference: Reference) -> bool:
    """A dataset, software, report or other output DataCite registers more often than
    Crossref does."""
    return bool(_DATA_WORDS.search(reference.text))


def _search(
    reference: Reference, ctx: _Context, *, both: bool = False
) -> list[tuple[Record, float, str]]:
    """Candidates (record, weighed evidence, registry) from Crossref, and from DataCite
    first for what looks like data or when Crossref offers nothing that fits
    (``both``: always)."""
    from coprodcite.sources.search import search_crossref, search_datacite

    scored: list[tuple[Record, float, str]] = []

    def add(candidates: list[Any]) -> None:
        for candidate in candidates:
            weighed = score(evidence(reference, candidate.record))
            scored.append((candidate.record, weighed, candidate.registry))

    query = reference.bibliographic
    datacite_first = both or looks_like_data(reference)
    if datacite_first:
        add(search_datacite(ctx.client, ctx.urls.datacite, query))
    add(search_crossref(ctx.client, ctx.urls.crossref, query, mailto=ctx.mailto))
    best = max((s for _, s, _ in scored), default=None)
    if not datacite_first and (best is None or calibrated(best) < UNCERTAIN):
        add(search_datacite(ctx.client, ctx.urls.datacite, query))
    return scored


def _best_per_work(scored: list[tuple[Record, float, str]]) -> list[tuple[Record, float, str]]:
    """One entry per DOI (its best score), best first."""
    best: dict[str, tuple[Record, float, str]] = {}
    for record, value, registry in scored:
        key = record.doi or str(id(record))
        if key not in best or value > best[key][1]:
            best[key] = (record, value, registry)
    return sorted(best.values(), key=lambda entry: -entry[1])


def match_one(text: str, ctx: _Context) -> MatchResult:
    """Match one reference; raises SourceUnavailable (or RateLimited) when a registry
    is down, so the run can stop."""
    held: list[tuple[str, str, str]] = []
    result = _match_one(text, ctx, held)
    result.written = held
    return result


def _match_one(text: str, ctx: _Context, held: list[tuple[str, str, str]]) -> MatchResult:
    text = strip_marker(" ".join(text.split()))
    if len(text) > MAX_REFERENCE:
        return MatchResult(
            text,
            why=f"longer than {MAX_REFERENCE:,} characters ({len(text):,}): not one reference; "
            "give one reference per line or paragraph",
        )
    reference = Reference(text)
    found, notes = _from_identifiers(reference, ctx, held)
    if found is not None:
        return found
    if len([w for w in reference.words if not w.isdigit()]) < 3:
        why = "; ".join(notes) or "too short to search for: give the whole reference"
        return MatchResult(text, why=why)
    ranked = _best_per_work(_search(reference, ctx))
    views = [_view(record, calibrated(value)) for record, value, _ in ranked[:SHOWN]]
    best = ranked[0] if ranked else None
    runner_up = ranked[1][1] if len(ranked) > 1 else None
    named = best is not None and names_the_work(evidence(reference, best[0]))
    decision = decide(best[1] if best else None, runner_up, minimum=ctx.minimum, named=named)
    why = "; ".join([*notes, decision.why])
    if best is None:
        return MatchResult(text, why=why)
    record, _, registry = best
    value = decision.confidence
    if decision.status == "matched":
        return MatchResult(text, "matched", record.doi, value, record, views, why, registry)
    return MatchResult(text, decision.status, None, value, None, views, why)


# -- many references ------------------------------------------------------------------


def _provenance(result: MatchResult) -> dict[str, Any]:
    return {
        "method": "matched-from-text",
        "reference": result.reference,
        "confidence": round(result.confidence, 3),
        "registry": result.registry,
        "matched_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _add(library: Library, result: MatchResult) -> None:
    from coprodcite.names import normalise_record

    assert result.record is not None
    record = normalise_record(result.record.copy_with())
    record.source = "matched-from-text"
    record.provenance = _provenance(result)
    try:
        saved = library.save(record)
    except CoprodciteError as error:
        result.added = f"failed: {error}"
        return
    result.key, result.added = saved.record.key, saved.outcome
    result.record = saved.record


def match_references(
    references: list[str],
    settings: Settings,
    *,
    library: Library | None = None,
    min_confidence: float = MATCHED,
    on_result: Callable[[MatchResult], None] | None = None,
    client: HttpClient | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> MatchReport:
    """Match each reference; with ``library``, add the matched works to it as each is
    found. Results come back in input order. ``on_notice`` hears at once when a
    registry refuses (HTTP 429); retries of the run wait ``settings.retry_budget``
    seconds at most, in all."""
    from coprodcite.services.clients import http_client, source_urls
    from coprodcite.sources.http import default_limits

    own_client = client is None
    client = client or http_client(settings, on_notice)
    ctx = _Context(client, source_urls(settings), settings.mailto, min_confidence)
    found: dict[int, MatchResult] = {}
    stopped: CoprodciteError | None = None
    workers = default_limits(settings.mailto)["crossref"].concurrency + 2
    executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="match")
    try:
        pending: dict[Future[MatchResult], int] = {
            executor.submit(match_one, text, ctx): index for index, text in enumerate(references)
        }
        while pending and stopped is None:
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                index = pending.pop(future)
                try:
                    result = future.result()
                except SourceUnavailable as error:
                    stopped = stopped or error
                    continue
                if library is not None and result.status == "matched":
                    _add(library, result)
                found[index] = result
                if on_result:
                    on_result(result)
    finally:
        # on a stop, references not begun are dropped; those under way end first, so no
        # request outlives the run
        executor.shutdown(wait=True, cancel_futures=True)
        if own_client:
            client.close()
    order = sorted(found)
    return MatchReport([found[i] for i in order], len(references), stopped, order)
