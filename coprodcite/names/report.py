"""What the names pipeline did to a set of records: the counts the corpus check and
``bench/names_report.py`` print. Pure: the caller maps the records."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from coprodcite.identifiers import normalise_orcid
from coprodcite.model import Contributor, Record
from coprodcite.names import normalise_contributor, rejected_orcid
from coprodcite.names.dedupe import remove_duplicates
from coprodcite.names.orgs import has_organisation_word, is_placeholder

_ROMAN = re.compile(r"^(?:I{1,3}|IV|VI{0,3}|IX|X{1,3})$")
_WORD = re.compile(r"[^\W\d_]+")


def caps_word(text: str | None) -> bool:
    """True when ``text`` holds a word of two or more letters all in capitals
    (not a Roman numeral): what must not be left in a family name."""
    return any(
        len(w) > 1 and w.isupper() and not _ROMAN.match(w) for w in _WORD.findall(text or "")
    )


@dataclass
class NameReport:
    records: int = 0
    contributors_in: int = 0
    contributors_out: int = 0
    duplicates: list[str] = field(default_factory=list)
    organisations_split: list[str] = field(default_factory=list)
    caps_families_left: list[str] = field(default_factory=list)
    bad_orcids_accepted: list[str] = field(default_factory=list)
    orcids_rejected: list[str] = field(default_factory=list)
    changes: Counter[str] = field(default_factory=Counter)

    def rows(self) -> list[tuple[str, int]]:
        return [
            ("records", self.records),
            ("contributors in", self.contributors_in),
            ("contributors out", self.contributors_out),
            ("duplicates removed", len(self.duplicates)),
            ("organisations split into people", len(self.organisations_split)),
            ("ALL-CAPS family names left", len(self.caps_families_left)),
            ("bad ORCIDs accepted silently", len(self.bad_orcids_accepted)),
            ("bad ORCIDs refused and reported", len(self.orcids_rejected)),
            *sorted(self.changes.items()),
        ]


def _changes(before: Contributor, after: Contributor) -> list[str]:
    found = []
    if before.literal is None and after.is_organisation:
        found.append("person parts made an organisation/placeholder literal")
    if before.given and not before.family and after.family:
        found.append("given-only mononym kept as family")
    if caps_word(before.family) and not caps_word(after.family):
        found.append("ALL-CAPS family recased")
    if after.non_dropping_particle and not before.non_dropping_particle:
        found.append("non-dropping particle moved out")
    if after.dropping_particle and not before.dropping_particle:
        found.append("dropping particle moved out")
    if after.suffix and after.suffix != before.suffix:
        found.append("suffix found or normalised")
    if before.given and after.given and after.given != before.given:
        found.append("given name changed (initials, case)")
    if after.is_organisation and is_placeholder(after.literal):
        found.append("placeholder kept as literal")
    return found


def _check(name: str, before: Contributor, after: Contributor, report: NameReport) -> None:
    label = f"{name}: {before.to_csl()} -> {after.to_csl()}"
    if before.is_organisation and not after.is_organisation:
        report.organisations_split.append(label)
    person_words = " ".join(p for p in (after.given, after.family) if p)
    if not after.orcid and person_words and has_organisation_word(person_words, strong=True):
        report.organisations_split.append(label + " (organisation word in a person's name)")
    if caps_word(after.family):
        report.caps_families_left.append(label)
    if after.orcid and normalise_orcid(after.orcid) != after.orcid:
        report.bad_orcids_accepted.append(label)
    if (raw := rejected_orcid(after)) is not None:
        report.orcids_rejected.append(f"{name}: {after.display_name()} {raw}")
    report.changes.update(_changes(before, after))


def measure(records: Iterable[tuple[str, Record]]) -> NameReport:
    """Run the pipeline over ``(name, record)`` pairs and count what it did."""
    report = NameReport()
    for name, record in records:
        report.records += 1
        report.contributors_in += len(record.contributors)
        normalised = [normalise_contributor(c) for c in record.contributors]
        for before, after in zip(record.contributors, normalised, strict=True):
            _check(name, before, after, report)
        kept, removed = remove_duplicates([c for c in normalised if not c.is_empty])
        report.contributors_out += len(kept)
        report.duplicates.extend(f"{name}: {c.role} {c.display_name()}" for c in removed)
        report.changes["emptied by cleaning"] += len(normalised) - len(kept) - len(removed)
    return report
