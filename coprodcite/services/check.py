"""Checking a submitted manuscript's references (``coprodcite check``).

The reference list is matched entry by entry exactly as ``match`` does
(:func:`coprodcite.services.match.match_references`); the citations in the text are tied
to their entries (:mod:`coprodcite.manuscripts.citations`). Problems use a fixed
vocabulary, :data:`PROBLEMS`, that scripts can rely on; see
:mod:`coprodcite.services.check_problems` for how each is found.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coprodcite.errors import CoprodciteError, ExitCode
from coprodcite.services.check_problems import (
    PROBLEMS,
    SEVERITIES,
    Problem,
    citation_problems,
    duplicates,
    entry_problems,
)

if TYPE_CHECKING:
    from coprodcite.config import Settings
    from coprodcite.library import Library
    from coprodcite.manuscripts.citations import Citation
    from coprodcite.model import Record
    from coprodcite.services.match import MatchResult
    from coprodcite.sources.http import HttpClient

FAIL_ON = ("error", "warning", "never")


@dataclass
class EntryCheck:
    text: str
    result: MatchResult | None  # None when the run stopped before it
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        r = self.result
        return {
            "text": self.text,
            "status": r.status if r else "unchecked",
            "doi": r.doi if r else None,
            "confidence": round(r.confidence, 3) if r else 0.0,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass
class CitationCheck:
    text: str
    references: list[int]  # indexes (from 0) into the reference list
    problems: list[Problem] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "references": self.references,
            "problems": [p.to_json() for p in self.problems],
        }


@dataclass
class CheckReport:
    name: str
    entries: list[EntryCheck]
    citations: list[CitationCheck]
    only_a_list: bool = False
    stopped: CoprodciteError | None = None

    def problems(self) -> list[Problem]:
        return [p for e in self.entries for p in e.problems] + [
            p for c in self.citations for p in c.problems
        ]

    def summary(self) -> dict[str, Any]:
        statuses = Counter(e.result.status if e.result else "unchecked" for e in self.entries)
        problems = self.problems()
        return {
            "references": len(self.entries),
            "citations": len(self.citations),
            **{s: statuses.get(s, 0) for s in ("matched", "uncertain", "unmatched")},
            **{s: sum(p.severity == s for p in problems) for s in SEVERITIES},
            "problems": dict(sorted(Counter(p.code for p in problems).items())),
        }

    def exit_code(self, fail_on: str = "error") -> int:
        if self.stopped is not None:
            return self.stopped.exit_code
        if fail_on == "never":
            return ExitCode.OK
        levels = ("error",) if fail_on == "error" else ("error", "warning")
        failing = any(p.severity in levels for p in self.problems())
        return ExitCode.PROBLEMS if failing else ExitCode.OK

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "references": [e.to_json() for e in self.entries],
            "citations": [c.to_json() for c in self.citations],
            "summary": self.summary(),
        }
        if self.stopped is not None:
            out["stopped"] = str(self.stopped)
        return out


def _citations(body: list[str]) -> list[Citation]:
    """The citations of the body, of the kind the manuscript uses: a few numbers in
    brackets in an author-date paper ("[sic]" aside) are not citations, nor the other
    way round."""
    from coprodcite.manuscripts.citations import find_citations

    found = [c for paragraph in body for c in find_citations(paragraph)]
    kinds = Counter(c.kind for c in found)
    if len(kinds) == 2:
        major, count = kinds.most_common(1)[0]
        if count >= 4 * (len(found) - count):
            found = [c for c in found if c.kind == major]
    return found


def fresh_records(
    library: Library | None, entries: list[str], max_age_days: float
) -> dict[str, Record]:
    """The library's records, by lower-case DOI, of the DOIs written in ``entries`` that
    were fetched from a registry fewer than ``max_age_days`` days ago."""
    if library is None or max_age_days <= 0:
        return {}
    from coprodcite.matching.reference import Reference

    cutoff = datetime.now(timezone.utc) - timedelta(days=max_age_days)
    out: dict[str, Record] = {}
    for text in entries:
        for identifier in Reference(text).identifiers[:3]:
            doi = identifier.value.lower()
            if identifier.kind != "doi" or doi in out:
                continue
            record = library.find(doi)
            if record is not None and record.source_data and _fetched_after(record, cutoff):
                out[doi] = record
    return out


def _fetched_after(record: Record, cutoff: datetime) -> bool:
    try:
        fetched = datetime.fromisoformat(record.fetched_at or "")
    except ValueError:
        return False
    if fetched.tzinfo is None:
        fetched = fetched.replace(tzinfo=timezone.utc)
    return fetched >= cutoff


def bib_entries(paths: list[Path], limit: int) -> list[tuple[str, str]]:
    """Key and text of each entry of the .bib files a LaTeX manuscript names, read by
    the importer's BibTeX reader (crossref parents across the files) and written out in
    APA by the own engine, the form ``match`` reads best."""
    from coprodcite.formats.bibtex.reader import read_bibtex_files
    from coprodcite.render import render_bibliography_keyed
    from coprodcite.services.interchange import read_text

    files = [(str(p), read_text(p, limit=limit)) for p in paths]
    items = {
        r.key: r.to_csl(id=r.key)
        for result in read_bibtex_files(files)
        for r in result.records
        if r.key
    }
    rendered = dict(render_bibliography_keyed(list(items.values()), "apa", fmt="text"))
    return [(key, " ".join(rendered.get(key, "").split())) for key in items]


def check_manuscript(
    path: Path | str,
    settings: Settings,
    *,
    limit: int | None = None,
    library: Library | None = None,
    tag: str | None = None,
    cache: Library | None = None,
    max_age_days: float | None = None,
    on_result: Callable[[MatchResult], None] | None = None,
    on_start: Callable[[int], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
    client: HttpClient | None = None,
) -> CheckReport:
    """Read the manuscript at ``path``, match its entries and find the problems. With
    ``library``, the matched works are added (and put under ``tag``). A DOI written in an
    entry whose record ``cache`` (else ``library``) fetched fewer than ``max_age_days``
    (default ``settings.check_max_age_days``) days ago is checked on that record, with
    no request."""
    from coprodcite.formats.bibtex.latex_in import latex_to_text
    from coprodcite.manuscripts.citations import entry_keys, resolve
    from coprodcite.manuscripts.readers import MAX_BYTES
    from coprodcite.manuscripts.sections import read_manuscript
    from coprodcite.services.match import match_references

    limit = MAX_BYTES if limit is None else min(limit, MAX_BYTES)
    manuscript = read_manuscript(
        path, limit=limit, detex=latex_to_text, read_bib=lambda paths: bib_entries(paths, limit)
    )
    if on_start:
        on_start(len(manuscript.entries))
    age = settings.check_max_age_days if max_age_days is None else max_age_days
    matched = match_references(
        manuscript.entries,
        settings,
        library=library,
        on_result=on_result,
        client=client,
        on_notice=on_notice,
        known=fresh_records(cache or library, manuscript.entries, age),
    )
    results: list[MatchResult | None] = [None] * len(manuscript.entries)
    for position, result in zip(matched.done, matched.results, strict=True):
        results[position] = result
    entries = [
        EntryCheck(text, result, entry_problems(text, result) if result else [])
        for text, result in zip(manuscript.entries, results, strict=True)
    ]
    for index, problem in duplicates(manuscript.entries, results):
        entries[index].problems.append(problem)
    keys = entry_keys(manuscript.entries)
    citations: list[CitationCheck] = []
    cited: set[int] = set()
    for citation in _citations(manuscript.body):
        tied = [resolve(item, keys) for item in citation.cited]
        indexes = sorted({i for found in tied for i in found})
        cited.update(indexes)
        problems = citation_problems(citation, tied, manuscript.keys)
        citations.append(CitationCheck(citation.text, indexes, problems))
    if "*" in manuscript.nocited:
        cited.update(range(len(entries)))
    cited.update(i for i, key in enumerate(manuscript.keys) if key in manuscript.nocited)
    if citations:
        for index, entry in enumerate(entries):
            if index not in cited:
                entry.problems.append(Problem.of("uncited", "no citation in the text names it"))
    if library is not None and tag:
        from coprodcite.services.selection import tag as tag_works

        kept = [r.key for r in results if r and r.key and r.added in ("added", "exists")]
        if kept:
            tag_works(library, kept, tag)
    return CheckReport(manuscript.name, entries, citations, manuscript.only_a_list, matched.stopped)


__all__ = ["FAIL_ON", "PROBLEMS", "CheckReport", "check_manuscript"]
