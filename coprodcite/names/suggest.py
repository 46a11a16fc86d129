"""Which people of a library are likely one person, and why. Pure functions.

A library links contributors to people by ORCID only; every other contributor is a
person of their own until the user merges them (a 7,160-record library holds 42,166
people for 22,205 names). This module proposes merges, each with its evidence, and
never makes one: the user decides (``people suggest``, then ``people merge``).

Two people are linked when they share an ORCID, or when their names are compatible
("L. Geelhaar" and "Lutz Geelhaar": the same family name, given names that agree
letter for letter or initial for name) and their works share at least
``min_evidence`` of: a co-author (family name and first initial), a venue (the
container title) or an affiliation. Links never join two people with different
ORCIDs, two contributors of the same work in the same role (two J. Wangs on one
paper are two people), or names that do not agree ("Lutz" and "Lars" stay apart even
when each agrees with "L."). A suggestion is a group of people held together by such
links; its id (``s`` + the smallest person id + a digest of its members) changes
when its members do, so a merge by id merges exactly the group that was shown.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from coprodcite.model import Contributor, Record
from coprodcite.names.dedupe import fold

KINDS = ("orcid", "co-author", "venue", "affiliation")
_T = TypeVar("_T")
_Given = tuple[str, ...]  # a given name's folded words


@dataclass(frozen=True)
class Evidence:
    """One thing that people's works share: its kind (see ``KINDS``) and how it reads."""

    kind: str
    value: str


@dataclass
class Suggestion:
    """People likely to be one, with what they share (each item with the people who
    have it) and the number of works of each."""

    id: str
    people: list[int]
    names: dict[int, str]
    works: dict[int, int]
    evidence: list[tuple[Evidence, list[int]]]
    #: the least evidence on any name link holding the group together; None when
    #: ORCIDs alone hold it
    strength: int | None

    def to_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "people": [
                {"id": p, "name": self.names[p], "works": self.works[p]} for p in self.people
            ],
            "evidence": [
                {"kind": e.kind, "value": e.value, "people": who} for e, who in self.evidence
            ],
            "strength": self.strength,
        }


@dataclass
class _Profile:
    person: int
    name: str = ""
    family: str = ""
    givens: set[tuple[str, ...]] = field(default_factory=set)
    orcids: set[str] = field(default_factory=set)
    shared: set[tuple[str, str]] = field(default_factory=set)  # (kind, key)
    slots: set[tuple[int, str]] = field(default_factory=set)  # (work index, CSL role)
    works: set[int] = field(default_factory=set)


#: an ORCID link holds for any threshold
_ORCID_STRENGTH = 1_000_000


class SuggestionIndex:
    """The links between the people of ``records`` (computed once); :meth:`groups`
    clusters them for a threshold."""

    def __init__(self, records: Sequence[Record]) -> None:
        self._profiles, self._labels = _profiles(records)
        self._links = sorted(_links(self._profiles), key=lambda x: (-x[0], x[1], x[2]))

    @property
    def strongest(self) -> int:
        """The most evidence any name link has (1 when there is none)."""
        return max((s for s, _, _ in self._links if s < _ORCID_STRENGTH), default=1)

    def groups(self, min_evidence: int = 1) -> list[Suggestion]:
        """Suggestions with every link holding at least ``min_evidence`` items, the
        largest groups first."""
        clusters = _cluster(self._profiles, self._links, max(1, min_evidence))
        out = [self._suggestion(members, strength) for members, strength in clusters]
        return sorted(out, key=lambda s: (-len(s.people), s.people[0]))

    def _suggestion(self, members: list[int], strength: int | None) -> Suggestion:
        profiles = [self._profiles[m] for m in members]
        counts: Counter[tuple[str, str]] = Counter()
        holders: dict[tuple[str, str], list[int]] = {}
        for p in profiles:
            for item in p.shared:
                counts[item] += 1
                holders.setdefault(item, []).append(p.person)
        items = [
            (Evidence(kind, self._labels.get((kind, key), key)), holders[(kind, key)])
            for (kind, key), n in counts.items()
            if n > 1
        ]
        items.sort(key=lambda x: (-len(x[1]), KINDS.index(x[0].kind), x[0].value))
        digest = hashlib.sha1(",".join(map(str, members)).encode()).hexdigest()[:4]
        return Suggestion(
            id=f"s{members[0]}-{digest}",
            people=members,
            names={p.person: p.name for p in profiles},
            works={p.person: len(p.works) for p in profiles},
            evidence=items,
            strength=strength,
        )


def suggest_people(records: Sequence[Record], min_evidence: int = 1) -> list[Suggestion]:
    """The suggestions for the people of ``records`` (see the module docstring)."""
    return SuggestionIndex(records).groups(min_evidence)


# -- profiles -------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    return fold(text)


def _given_tokens(c: Contributor) -> tuple[str, ...]:
    return tuple(_fold(" ".join(p for p in (c.given, c.dropping_particle) if p)).split())


def _family_key(c: Contributor) -> str:
    if c.is_organisation:
        return "#" + _fold(c.literal or "")
    return _fold(" ".join(p for p in (c.non_dropping_particle, c.family) if p))


def _profiles(
    records: Sequence[Record],
) -> tuple[dict[int, _Profile], dict[tuple[str, str], str]]:
    profiles: dict[int, _Profile] = {}
    labels: dict[tuple[str, str], str] = {}
    for index, record in enumerate(records):
        people = [c for c in record.contributors if not c.is_empty]
        families = [_family_key(c) for c in people]
        givens = [_given_tokens(c) for c in people]
        # a co-author: family name and first initial ("R. B. Lewis" is "Ryan B Lewis")
        coauthors = [
            ("co-author", f"{f}|{g[0][:1] if g else ''}")
            for f, g in zip(families, givens, strict=True)
        ]
        for key, c in zip(coauthors, people, strict=True):
            labels.setdefault(key, c.display_name())
        venue = str(record.fields.get("container-title") or "")
        common = {("venue", _fold(venue))} if _fold(venue) else set()
        labels.update({("venue", _fold(venue)): venue} if common else {})
        for c, family, given, own in zip(people, families, givens, coauthors, strict=True):
            if c.person_id is None:
                continue
            p = profiles.get(c.person_id)
            if p is None:
                p = profiles[c.person_id] = _Profile(c.person_id, c.display_name(), family)
            p.givens.add(given)
            p.works.add(index)
            p.slots.add((index, c.role))
            p.shared.update(common)
            p.shared.update(key for key in coauthors if key != own)
            if c.orcid:
                p.orcids.add(c.orcid)
                p.shared.add(("orcid", c.orcid))
            for affiliation in c.affiliations:
                key = ("affiliation", _fold(affiliation))
                if key[1]:
                    p.shared.add(key)
                    labels.setdefault(key, affiliation)
    return profiles, labels


# -- links ------------------------------------------------------------------------------


def _links(profiles: dict[int, _Profile]) -> Iterable[tuple[int, int, int]]:
    """(strength, person, person) for every pair worth suggesting, each pair once."""
    seen: set[tuple[int, int]] = set()
    by_orcid: dict[str, list[int]] = {}
    blocks: dict[tuple[str, str], list[_Profile]] = {}
    for p in profiles.values():
        for orcid in p.orcids:
            by_orcid.setdefault(orcid, []).append(p.person)
        for initial in {g[0][:1] if g else "" for g in p.givens}:
            blocks.setdefault((p.family, initial), []).append(p)
    for people in by_orcid.values():
        for a, b in _pairs(sorted(people)):
            if not _apart(profiles[a], profiles[b]) and (a, b) not in seen:
                seen.add((a, b))
                yield _ORCID_STRENGTH, a, b
    agree: dict[tuple[frozenset[_Given], frozenset[_Given]], bool] = {}
    for block in blocks.values():
        block.sort(key=lambda p: p.person)
        for pa, pb in _pairs(block):
            if pa.shared.isdisjoint(pb.shared) or _apart(pa, pb):
                continue
            pair = (pa.person, pb.person)
            names = (frozenset(pa.givens), frozenset(pb.givens))
            if names not in agree:
                agree[names] = _names_agree(*names)
            if pair not in seen and agree[names]:
                seen.add(pair)
                yield len(pa.shared & pb.shared), pa.person, pb.person


def _pairs(items: Sequence[_T]) -> Iterable[tuple[_T, _T]]:
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            yield a, b


def _apart(a: _Profile, b: _Profile) -> bool:
    """What shows two people: different ORCIDs, or both on one work in one role."""
    return bool(a.orcids and b.orcids and not a.orcids & b.orcids) or bool(a.slots & b.slots)


def _names_agree(a: Iterable[_Given], b: Iterable[_Given]) -> bool:
    return all(_given_agree(x, y) for x in a for y in b)


def _given_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "l" and "lutz", "j r" and "john robert", "lutz" and "lutz m" agree; "lutz" and
    "lars" do not, nor a given name and none."""
    if not a or not b:
        return a == b
    pairs = zip(a, b, strict=False)  # a middle name on one side only is fine
    return all(x == y or (len(x) == 1 or len(y) == 1) and x[0] == y[0] for x, y in pairs)


# -- clusters ---------------------------------------------------------------------------


def _cluster(
    profiles: dict[int, _Profile], links: Sequence[tuple[int, int, int]], min_evidence: int
) -> list[tuple[list[int], int | None]]:
    """Groups joined along links of at least ``min_evidence``, strongest first, a join
    only when nothing shows two people and every name agrees with every other (ORCID
    links need no name agreement)."""
    parent: dict[int, int] = {}
    members: dict[int, list[int]] = {}
    givens: dict[int, set[tuple[str, ...]]] = {}
    orcids: dict[int, set[str]] = {}
    slots: dict[int, set[tuple[int, str]]] = {}
    weakest: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def state(x: int) -> int:
        if x not in members:
            p = profiles[x]
            members[x], givens[x] = [x], set(p.givens)
            orcids[x], slots[x] = set(p.orcids), set(p.slots)
        return x

    for strength, a, b in links:
        if strength < min_evidence:
            break
        ra, rb = root(state(a)), root(state(b))
        if ra == rb:
            continue
        if orcids[ra] and orcids[rb] and not orcids[ra] & orcids[rb] or slots[ra] & slots[rb]:
            continue
        if strength < _ORCID_STRENGTH and not _names_agree(givens[ra], givens[rb]):
            continue
        keep, gone = (ra, rb) if ra < rb else (rb, ra)
        parent[gone] = keep
        members[keep] += members.pop(gone)
        givens[keep] |= givens.pop(gone)
        orcids[keep] |= orcids.pop(gone)
        slots[keep] |= slots.pop(gone)
        known = [w for w in (weakest.pop(gone, None), weakest.get(keep)) if w is not None]
        if strength < _ORCID_STRENGTH:
            known.append(strength)
        if known:
            weakest[keep] = min(known)
    return [(sorted(m), weakest.get(r)) for r, m in members.items() if len(m) > 1]
