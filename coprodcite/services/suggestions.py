"""Suggested merges of people (``people suggest``) and merging them on the user's
word (``people merge ID`` or ``--all-suggested``). The evidence and the rules are in
:mod:`coprodcite.names.suggest`; nothing here merges anyone unasked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coprodcite.errors import InvalidInput, NotFound
from coprodcite.library import Library
from coprodcite.names.suggest import Suggestion, SuggestionIndex


def suggest(library: Library, min_evidence: int = 1) -> list[Suggestion]:
    """People likely to be one person, largest groups first."""
    _check(min_evidence)
    return SuggestionIndex(library.records()).groups(min_evidence)


@dataclass
class Merged:
    """One suggestion carried out: its people are now ``person``."""

    suggestion: Suggestion
    person: int

    def to_json(self) -> dict[str, object]:
        return {"suggestion": self.suggestion.id, "person": self.person,
                "merged": self.suggestion.people}  # fmt: skip


def merge_suggested(
    library: Library,
    ids: Sequence[str] = (),
    *,
    every: bool = False,
    min_evidence: int = 1,
) -> list[Merged]:
    """Merge the suggestions named by ``ids`` (as `people suggest` showed them, at any
    threshold), or with ``every`` all of those at ``min_evidence``: one transaction,
    all of them or none. The smallest person id of each group keeps the others'
    contributions (and its own name, roles and notes; see ``merge_people``)."""
    _check(min_evidence)
    if bool(ids) == every:
        raise InvalidInput("name the suggestions to merge, or give --all-suggested, not both")
    index = SuggestionIndex(library.records())
    chosen = index.groups(min_evidence) if every else _find(index, ids)
    with library.transaction():
        return [Merged(s, library.merge_people(s.people).person.id) for s in chosen]


def is_suggestion_id(text: str) -> bool:
    return text[:1] == "s" and "-" in text


def _find(index: SuggestionIndex, ids: Sequence[str]) -> list[Suggestion]:
    wanted = list(dict.fromkeys(ids))
    found: dict[str, Suggestion] = {}
    for threshold in range(1, index.strongest + 1):
        for suggestion in index.groups(threshold):
            if suggestion.id in wanted:
                found.setdefault(suggestion.id, suggestion)
        if len(found) == len(wanted):
            break
    missing = [i for i in wanted if i not in found]
    if missing:
        raise NotFound(
            f"no suggestion {', '.join(missing)}: the people it grouped have changed",
            hint="run `coprodcite people suggest` again to see the suggestions as they are now",
        )
    return [found[i] for i in wanted]


def _check(min_evidence: int) -> None:
    if min_evidence < 1:
        raise InvalidInput(
            f"--min-evidence {min_evidence}: it counts shared items", hint="give 1 or more"
        )
