"""The people half of the SQLite library: the Library protocol's people methods.

The rules (who is linked to whom, what survives a refresh) are in
:mod:`coprodcite.library.people`. Each write is one transaction.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, suppress
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from coprodcite.errors import InvalidInput, NotFound
from coprodcite.library import Forgotten, PersonEntry
from coprodcite.library.history import field_changes
from coprodcite.library.people import (
    people_entries,
    remove_orphans,
    roles_of,
    write_contributors,
)
from coprodcite.model import Contributor, Record, RoleAssignment


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class PeopleStore:
    """Mixed into :class:`~coprodcite.library.sqlite.SqliteLibrary`."""

    _db: sqlite3.Connection
    _write: Callable[[], AbstractContextManager[sqlite3.Connection]]
    get: Callable[[str], Record]
    _log: Callable[..., None]

    # -- reading --------------------------------------------------------------------

    def people(self, ids: list[int] | None = None) -> list[PersonEntry]:
        return people_entries(self._db, ids)

    def _entry(self, person_id: int) -> PersonEntry:
        return people_entries(self._db, [person_id])[0]

    def preferred_names(self) -> dict[int, dict[str, str]]:
        rows = self._db.execute("SELECT id, name FROM people WHERE name IS NOT NULL")
        return {row["id"]: json.loads(row["name"]) for row in rows}

    def roles(
        self, *, person_ids: list[int] | None = None, record_key: str | None = None
    ) -> list[RoleAssignment]:
        record_id = self.get(record_key).id if record_key is not None else None
        return roles_of(self._db, person_ids=person_ids, record_id=record_id)

    # -- people ---------------------------------------------------------------------

    def merge_people(self, ids: list[int]) -> PersonEntry:
        ids = list(dict.fromkeys(ids))  # each once, in the order given
        if len(ids) < 2:
            raise InvalidInput("give at least two different people to merge")
        with self._write() as db:
            rows = [self._entry(i).person for i in ids]
            orcids = {p.orcid for p in rows if p.orcid}
            if len(orcids) > 1:
                raise InvalidInput(
                    f"people {', '.join(str(i) for i in ids)} have different ORCIDs "
                    f"({', '.join(sorted(orcids))})",
                    hint="an ORCID is one person; merge only people with one ORCID at most",
                )
            target, others = rows[0], rows[1:]
            marks = ", ".join("?" * len(others))
            other_ids = [p.id for p in others]
            name = target.name or next((p.name for p in others if p.name), None)
            notes = "\n".join(p.notes for p in rows if p.notes) or None
            db.execute(
                f"UPDATE contributors SET person_id = ? WHERE person_id IN ({marks})",
                (target.id, *other_ids),
            )
            # a role the target (or an earlier of the others) has already goes
            db.execute(
                f"DELETE FROM roles WHERE person_id IN ({marks}) AND EXISTS (SELECT 1 FROM"
                " roles o WHERE o.role = roles.role AND (o.person_id = ?"
                f" OR (o.person_id IN ({marks}) AND o.id < roles.id)))",
                (*other_ids, target.id, *other_ids),
            )
            db.execute(
                f"UPDATE roles SET person_id = ? WHERE person_id IN ({marks})",
                (target.id, *other_ids),
            )
            db.execute(f"DELETE FROM people WHERE id IN ({marks})", other_ids)
            db.execute(
                "UPDATE people SET name = ?, notes = ?, orcid = ? WHERE id = ?",
                (_name_json(name), notes, next(iter(orcids), None), target.id),
            )
        return self._entry(target.id)

    def split_person(
        self, person_id: int, contributions: list[tuple[str, int | None]]
    ) -> PersonEntry:
        if not contributions:
            raise InvalidInput("name the contributions to split off, as KEY or KEY:POSITION")
        with self._write() as db:
            mine = self._entry(person_id).contributions
            chosen = set()
            for key, position in contributions:
                found = [
                    (c.record_key, c.position)
                    for c in mine
                    if c.record_key == key and position in (None, c.position)
                ]
                if not found:
                    where = key if position is None else f"{key}:{position}"
                    raise NotFound(
                        f"person {person_id} has no contribution {where}",
                        hint=f"see `coprodcite people show {person_id}`",
                    )
                chosen.update(found)
            if len(chosen) == len(mine):
                raise InvalidInput(
                    f"that is every contribution of person {person_id}; nothing to split from"
                )
            new_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0]
            db.execute("INSERT INTO people (id, created) VALUES (?, ?)", (new_id, _now()))
            for key, position in sorted(chosen):
                db.execute(
                    "UPDATE contributors SET person_id = ? WHERE position = ?"
                    " AND record_id = (SELECT id FROM records WHERE key = ?)",
                    (new_id, position - 1, key),
                )
        return self._entry(int(new_id or 0))

    def rename_person(self, person_id: int, name: dict[str, str] | None) -> PersonEntry:
        with self._write() as db:
            self._entry(person_id)
            db.execute("UPDATE people SET name = ? WHERE id = ?", (_name_json(name), person_id))
            remove_orphans(db, [person_id])
        return self._entry(person_id)

    def set_notes(self, person_id: int, notes: str | None) -> PersonEntry:
        with self._write() as db:
            self._entry(person_id)
            db.execute("UPDATE people SET notes = ? WHERE id = ?", (notes or None, person_id))
        return self._entry(person_id)

    def forget_person(self, person_id: int) -> Forgotten:
        with self._write() as db:
            person = self._entry(person_id).person
            roles = roles_of(db, person_ids=[person_id])
            db.execute("DELETE FROM roles WHERE person_id = ?", (person_id,))
            db.execute(
                "DELETE FROM roles WHERE EXISTS (SELECT 1 FROM contributors c WHERE"
                " c.record_id = roles.record_id AND c.position = roles.position"
                " AND c.person_id = ?)",
                (person_id,),
            )
            db.execute("UPDATE people SET name = NULL, notes = NULL WHERE id = ?", (person_id,))
            remove_orphans(db, [person_id])
            # A kept render may show the preferred name (which renders used it is not
            # known): none is kept. Deleted rows are zeroed (PRAGMA secure_delete).
            db.execute("DELETE FROM render_cache")
        self._scrub()
        return Forgotten(person_id, roles, bool(person.notes), person.name)

    def _scrub(self) -> None:
        """Old copies of the pages live on in the -wal file until it is copied back and
        emptied; another process reading just now delays that to the next checkpoint."""
        with suppress(sqlite3.DatabaseError):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    # -- roles ----------------------------------------------------------------------

    def add_role(self, assignment: RoleAssignment) -> RoleAssignment:
        with self._write() as db:
            where, args = self._role_target(db, assignment)
            db.execute(f"DELETE FROM roles WHERE role = ? AND {where}", (assignment.role, *args))
            stored = replace(assignment, assigned_at=_now())
            person = None if assignment.on_contribution else assignment.person_id
            record_id, position = args if assignment.on_contribution else (None, None)
            db.execute(
                "INSERT INTO roles (role, person_id, record_id, position, public, assigned_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (stored.role, person, record_id, position, int(stored.public), stored.assigned_at),
            )
        return stored

    def remove_role(self, assignment: RoleAssignment) -> RoleAssignment:
        with self._write() as db:
            where, args = self._role_target(db, assignment)
            cursor = db.execute(
                f"DELETE FROM roles WHERE role = ? AND {where}", (assignment.role, *args)
            )
            if cursor.rowcount == 0:
                on = f" on {assignment.record_key}" if assignment.on_contribution else ""
                raise NotFound(
                    f"person {assignment.person_id} has no role {assignment.role}{on}",
                    hint=f"see `coprodcite people show {assignment.person_id} --include-private`",
                )
            remove_orphans(db, [assignment.person_id])
        return assignment

    def _role_target(
        self, db: sqlite3.Connection, a: RoleAssignment
    ) -> tuple[str, tuple[int, ...]]:
        """The WHERE clause naming the role's holder: the person, or their
        contribution to ``a.record_key`` (at ``a.position`` if several)."""
        assert a.person_id is not None
        if not a.on_contribution:
            self._entry(a.person_id)
            return "person_id = ?", (a.person_id,)
        position = self._contribution_of(a)
        record_id = self.get(str(a.record_key)).id
        assert record_id is not None
        return "record_id = ? AND position = ?", (record_id, position - 1)

    def _contribution_of(self, a: RoleAssignment) -> int:
        """The position of the person's contribution to ``a.record_key`` that ``a``
        names (InvalidInput if none, or several and ``a.position`` is not given)."""
        assert a.person_id is not None
        found = [
            c
            for c in self._entry(a.person_id).contributions
            if c.record_key == a.record_key and a.position in (None, c.position)
        ]
        if len(found) != 1:
            problem = "no contribution" if not found else "several contributions"
            raise InvalidInput(
                f"person {a.person_id} has {problem} on {a.record_key}",
                hint="name one as KEY:POSITION (see `coprodcite people show`)",
            )
        return found[0].position

    # -- contributors of a record --------------------------------------------------

    def add_contributor(
        self,
        ref: str,
        contributor: Contributor,
        position: int | None,
        roles: Sequence[tuple[str, bool]] = (),
    ) -> Record:
        with self._write() as db:
            record = self.get(ref)
            people = list(record.contributors)
            at = len(people) if position is None else position - 1
            if not 0 <= at <= len(people):
                raise InvalidInput(
                    f"position {position} is outside 1..{len(people) + 1} for {record.key}"
                )
            people.insert(at, replace(contributor, added_by_user=True))
            moved = {i: i if i < at else i + 1 for i in range(len(record.contributors))}
            assert record.id is not None
            now = _now()
            write_contributors(db, record.id, people, now, moved)
            self._changed_contributors(db, record, people)
            db.executemany(
                "INSERT INTO roles (role, record_id, position, public, assigned_at)"
                " VALUES (?, ?, ?, ?, ?)",
                [(role, record.id, at, int(public), now) for role, public in dict(roles).items()],
            )
        return self.get(record.key or ref)

    def remove_contributor(self, ref: str, position: int) -> Contributor:
        with self._write() as db:
            record = self.get(ref)
            if not 1 <= position <= len(record.contributors):
                raise NotFound(f"{record.key} has no contributor {position}")
            removed = record.contributors[position - 1]
            if not removed.added_by_user:
                raise InvalidInput(
                    f"contributor {position} of {record.key} came from the source",
                    hint="only contributors added with `contributors add` can be removed",
                )
            people = record.contributors[: position - 1] + record.contributors[position:]
            moved = {i: i if i < position - 1 else i - 1 for i in range(len(record.contributors))}
            del moved[position - 1]
            assert record.id is not None
            write_contributors(db, record.id, people, _now(), moved)
            self._changed_contributors(db, record, people)
        return removed

    def _changed_contributors(self, db: Any, record: Record, people: list[Contributor]) -> None:
        """A new version of ``record``, and its history, for a change of its names."""
        db.execute("UPDATE records SET version = version + 1 WHERE id = ?", (record.id,))
        changes = field_changes(record, record.copy_with(contributors=people))
        self._log(db, "updated", str(record.key), changes)


def _name_json(name: dict[str, str] | None) -> str | None:
    return json.dumps(name, ensure_ascii=False, sort_keys=True) if name else None
