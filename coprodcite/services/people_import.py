"""Bringing people back in from coprodcite's own JSON: who is one person, their
preferred names and their roles, as the library the file came from had them.

The file's word is what links contributions here: contributors the file gives one
person become one person (the people this import created are merged into one; two
people the library already had are never merged on a file's word, that stays the
user's to do). Roles come back as exported: CRediT roles always, sensitive roles
only if the file carries them (``export --format json --include-private``), each
with its consent flag. Warnings name people by id only, never by role.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from coprodcite.errors import CoprodciteError, InvalidInput
from coprodcite.formats import FilePeople
from coprodcite.library import Library, SaveResult
from coprodcite.model import Contributor, Record, RoleAssignment

#: (record index, person id in the file, CSL role) -> (record key, position from 1,
#: the person here who made that contribution, None when this import added it)
_Slots = dict[tuple[int, int, str], tuple[str, int, int | None]]


def restore_people(
    library: Library, people: FilePeople, records: Sequence[Record], saved: Sequence[SaveResult]
) -> list[str]:
    """Link, name and give roles to the people of ``records`` (as read, with the file's
    person ids) now stored as ``saved``; call it in the transaction that saved them.
    Returns warnings."""
    warnings: list[str] = []
    slots: _Slots = {}
    found: dict[int, list[tuple[int, bool]]] = {}  # file person -> (person here, new?)
    for index, (record, result) in enumerate(zip(records, saved, strict=True)):
        new = result.outcome == "added"
        for mine, position, theirs in _pairs(record, result.record, new):
            if mine.person_id is None or theirs.person_id is None or result.record.key is None:
                continue
            slot = (result.record.key, position, None if new else theirs.person_id)
            slots.setdefault((index, mine.person_id, mine.role), slot)
            found.setdefault(mine.person_id, []).append((theirs.person_id, new))
    here = {
        person: _one_person(library, person, targets, warnings) for person, targets in found.items()
    }
    named = library.preferred_names()
    for person, name in people.names.items():
        target = here.get(person)
        if target is not None and target not in named:
            library.rename_person(target, name)
    for assignment in _assignments(people, here, slots):
        try:
            library.add_role(assignment)
        except CoprodciteError as error:  # never worth losing the file's records for
            warnings.append(f"person {assignment.person_id}: a role was not given: {error}")
    return warnings


def _pairs(
    read: Record, stored: Record, new: bool
) -> Iterable[tuple[Contributor, int, Contributor]]:
    """(contributor as read, position here, contributor as stored): in order for a
    record this import added, else by role and name."""
    if new:
        for position, (mine, theirs) in enumerate(
            zip(read.contributors, stored.contributors, strict=False), start=1
        ):
            yield mine, position, theirs
        return
    from coprodcite.names import same_person_key

    by_name: dict[tuple[str, str], list[tuple[int, Contributor]]] = {}
    for position, theirs in enumerate(stored.contributors, start=1):
        by_name.setdefault((theirs.role, same_person_key(theirs)), []).append((position, theirs))
    for mine in read.contributors:
        matches = by_name.get((mine.role, same_person_key(mine)), [])
        if len(matches) == 1:
            yield mine, *matches[0]


def _one_person(
    library: Library, person: int, targets: list[tuple[int, bool]], warnings: list[str]
) -> int:
    """The person here for the file's ``person``: the people this import created for it
    merged into one, or into the one person the library already had for it."""
    existing = list(dict.fromkeys(t for t, new in targets if not new))
    created = list(dict.fromkeys(t for t, new in targets if new and t not in existing))
    keep = existing[0] if existing else created[0]
    if len(existing) > 1:
        warnings.append(
            f"person {person} of the file is {len(existing)} people here"
            f" ({', '.join(map(str, existing))}); they were not merged"
            f" (`coprodcite people merge {' '.join(map(str, existing))}` if they are one)"
        )
    others = [t for t in created if t != keep]
    if others:
        try:
            library.merge_people([keep, *others])
        except InvalidInput as error:
            warnings.append(f"person {person} of the file: not merged here: {error.message}")
    return keep


def _assignments(people: FilePeople, here: dict[int, int], slots: _Slots) -> list[RoleAssignment]:
    """The file's roles as assignments here, each once."""
    out: dict[tuple[object, ...], RoleAssignment] = {}
    for person, index, csl_role, role in people.roles:
        target = here.get(person)
        if target is None:
            continue
        public = bool(role.get("public"))
        if role.get("on") == "contribution":
            slot = slots.get((index, person, csl_role))
            if slot is None:
                continue
            record_key, position, holder = slot
            who = target if holder is None else holder
            assignment = RoleAssignment(role["id"], who, record_key, position, public)
        else:
            assignment = RoleAssignment(role["id"], target, public=public)
        once = (assignment.role, assignment.person_id, assignment.record_key, assignment.position)
        out.setdefault(once, assignment)
    return list(out.values())
