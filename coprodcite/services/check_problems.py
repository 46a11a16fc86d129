"""The problems ``coprodcite check`` reports: a fixed vocabulary of codes, each with
its severity, and how each is found.

- ``retracted``, ``withdrawn``, ``corrected`` (correction, corrigendum, erratum),
  ``expression-of-concern``: from the matched Crossref record's ``updated-by`` (where
  Crossref also carries Retraction Watch's notices, ``source: "retraction-watch"``), or
  the record's own ``update-to`` when the entry is the notice itself. A correction is
  never counted as a retraction.
- ``doi-mismatch``: a DOI written in the entry belongs to another work;
  ``doi-not-found``: it is not registered; ``missing-doi`` (info): a DOI was found for an
  entry that gives none.
- ``metadata-mismatch``: the entry and the record disagree on a field, named in the
  message: year, volume, issue, pages, authors or title.
- ``duplicate``: a second entry for a work already in the list.
- ``uncited``: no citation names the entry; ``unresolved-citation``: a citation names
  no entry.
- ``unmatched``: the work could not be identified (uncertain or not found).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coprodcite.manuscripts.citations import Citation, Cited
    from coprodcite.model import Record
    from coprodcite.services.match import MatchResult

SEVERITIES = ("error", "warning", "info")

#: every problem code and its severity (stable: see README)
PROBLEMS: dict[str, str] = {
    "retracted": "error",
    "withdrawn": "error",
    "doi-mismatch": "error",
    "doi-not-found": "error",
    "duplicate": "error",
    "unresolved-citation": "error",
    "corrected": "warning",
    "expression-of-concern": "warning",
    "metadata-mismatch": "warning",
    "uncited": "warning",
    "unmatched": "warning",
    "missing-doi": "info",
}

#: Crossref's update types (``updated-by``/``update-to``) -> problem codes; others
#: (addendum, clarification, new version...) are not problems
_UPDATES = {
    "retraction": "retracted",
    "partial_retraction": "retracted",
    "withdrawal": "withdrawn",
    "removal": "withdrawn",
    "correction": "corrected",
    "corrigendum": "corrected",
    "erratum": "corrected",
    "expression_of_concern": "expression-of-concern",
}
_NOUNS = {
    "retracted": "retracted",
    "withdrawn": "withdrawn",
    "corrected": "corrected",
    "expression-of-concern": "the subject of an expression of concern",
}


@dataclass(frozen=True)
class Problem:
    code: str
    severity: str
    message: str

    @classmethod
    def of(cls, code: str, message: str) -> Problem:
        return cls(code, PROBLEMS[code], message)

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "severity": self.severity, "message": self.message}


# -- notices --------------------------------------------------------------------------


def _update_type(update: Any) -> str | None:
    if not isinstance(update, dict):
        return None
    kind = str(update.get("type") or "").lower().replace("-", "_").replace(" ", "_")
    return _UPDATES.get(kind)


def _year_of(update: dict[str, Any]) -> str:
    parts = (update.get("updated") or {}).get("date-parts") or [[]]
    return f" in {parts[0][0]}" if parts and parts[0] else ""


def notices(record: Record) -> list[Problem]:
    """Retractions, withdrawals, corrections and expressions of concern the record
    carries, one problem per code."""
    data = record.source_data if isinstance(record.source_data, dict) else {}
    found: dict[str, Problem] = {}
    for update in data.get("updated-by") or []:
        code = _update_type(update)
        if code is None or code in found:
            continue
        where = update.get("DOI") or "a notice"
        source = " (Retraction Watch)" if update.get("source") == "retraction-watch" else ""
        message = f"{_NOUNS[code]}{_year_of(update)}: see {where}{source}"
        found[code] = Problem.of(code, message)
    for update in data.get("update-to") or []:
        code = _update_type(update)
        if code is not None and code not in found:
            target = update.get("DOI") or "another work"
            found[code] = Problem.of(
                code, f"the entry is the notice itself: {target} was {_NOUNS[code]}"
            )
    return list(found.values())


# -- one entry ----------------------------------------------------------------------------


def _record_years(record: Record) -> set[int]:
    years = {record.year} if record.year else set()
    data = record.source_data if isinstance(record.source_data, dict) else {}
    for key in ("published-print", "published-online", "issued", "published"):
        parts = (data.get(key) or {}).get("date-parts") or [[]]
        if parts and parts[0] and isinstance(parts[0][0], int):
            years.add(parts[0][0])
    return years


def _first_page(value: Any) -> str:
    found = re.match(r"\s*[A-Za-z]?(\d+)", str(value or ""))
    return str(int(found.group(1))) if found else ""


def metadata(text: str, record: Record) -> list[Problem]:
    """Fields the entry gives differently from the record. A field the entry leaves
    out is not a problem; one it gives is compared where it can be read for sure."""
    from coprodcite.manuscripts.citations import entry_key
    from coprodcite.matching.evidence import evidence
    from coprodcite.matching.reference import Reference

    reference = Reference(text)
    out: list[Problem] = []
    written = entry_key(text).year
    years = _record_years(record)
    # any year the entry gives may be the work's (a title can hold years too)
    if written.isdigit() and years and not years & set(reference.years):
        out.append(_field("year", written, str(min(years))))
    numbers = set(reference.numbers)
    own = {str(n) for n in (record.year, *years) if n} | set(_doi_numbers(reference))
    explained = set(own)
    values = {
        "volume": str(record.fields.get("volume") or "").strip(),
        "issue": str(record.fields.get("issue") or "").strip(),
        "pages": _first_page(record.fields.get("page")),
    }
    for value in values.values():
        explained.update(re.findall(r"\d+", value))
    explained.update(re.findall(r"\d+", str(record.fields.get("page") or "")))
    explained.update(re.findall(r"\d+", record.title))
    unexplained = [n for n in numbers - explained if len(n) <= 6]
    for name, value in values.items():
        value = str(int(value)) if value.isdigit() else value
        if value.isdigit() and value not in numbers and unexplained:
            out.append(_field(name, "", value))
    found = evidence(reference, record)
    if not found.no_authors and found.author_first == 0 and found.authors == 0:
        people = record.names("author") or record.names("editor")
        who = (people[0].family or people[0].literal or "") if people else ""
        out.append(_field("authors", "", who))
    if found.title < 0.5 and found.title_cover < 0.5:
        out.append(_field("title", "", record.title[:80]))
    return out


def _doi_numbers(reference: Any) -> list[str]:
    return [n for i in reference.identifiers for n in re.findall(r"\d+", i.value)]


def _field(name: str, written: str, registry: str) -> Problem:
    given = f" {written}" if written else " differs"
    return Problem.of("metadata-mismatch", f"{name}:{given}; the registry has {registry}")


def entry_problems(text: str, result: MatchResult) -> list[Problem]:
    out: list[Problem] = []
    for kind, value, why in result.written:
        if kind != "doi":
            continue
        if why == "not-registered":
            out.append(Problem.of("doi-not-found", f"the DOI {value} is not registered"))
        else:
            right = f"; this entry is {result.doi}" if result.doi else ""
            out.append(Problem.of("doi-mismatch", f"the DOI {value} is another work's{right}"))
    if result.status != "matched" or result.record is None:
        out.append(Problem.of("unmatched", f"not identified ({result.status}): {result.why}"))
        return out
    out.extend(notices(result.record))
    if result.doi and not any(i.kind == "doi" for i in _identifiers(text)):
        out.append(Problem.of("missing-doi", f"the entry gives no DOI; it is {result.doi}"))
    out.extend(metadata(text, result.record))
    return out


def _identifiers(text: str) -> tuple[Any, ...]:
    from coprodcite.matching.reference import Reference

    return Reference(text).identifiers


def duplicates(texts: list[str], results: list[MatchResult | None]) -> list[tuple[int, Problem]]:
    """(index, problem) for each entry after the first of one work (one DOI, or the
    same text)."""
    first: dict[str, int] = {}
    out: list[tuple[int, Problem]] = []
    for index, (text, result) in enumerate(zip(texts, results, strict=True)):
        key = (
            f"doi:{result.doi}"
            if result and result.status == "matched" and result.doi
            else " ".join(re.findall(r"\w+", text.casefold()))
        )
        if key in first:
            message = f"the same work as entry {first[key] + 1}"
            out.append((index, Problem.of("duplicate", message)))
        else:
            first[key] = index
    return out


# -- citations ------------------------------------------------------------------------


def _describe(cited: Cited, keys: list[str]) -> str:
    if cited.number is not None:
        if keys and cited.number == 0:
            return "a \\cite key without a \\bibitem"
        return f"number {cited.number}"
    names = " & ".join(cited.names) + (" et al." if cited.et_al else "")
    return f"{names} {cited.year}{cited.suffix}"


def citation_problems(citation: Citation, tied: list[list[int]], keys: list[str]) -> list[Problem]:
    return [
        Problem.of("unresolved-citation", f"no entry for {_describe(cited, keys)}")
        for cited, found in zip(citation.cited, tied, strict=True)
        if not found
    ]
