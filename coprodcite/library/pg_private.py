"""The private layer of a PostgreSQL library: a role without consent (other than a
CRediT role) and every note on a person go to the local
:class:`~coprodcite.library.private.PrivateStore`, never to the server; reading people
and roles merges that layer back (for its owner: it is on their machine only), and
forgetting a person erases both. Without a private store such writes are refused.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from coprodcite.errors import InvalidInput
from coprodcite.library import Forgotten, PersonEntry
from coprodcite.library.private import PrivateStore
from coprodcite.model import Contributor, Record, RoleAssignment
from coprodcite.roles import is_credit


def shared(role: str, public: bool) -> bool:
    """Whether a role may be kept on a server: with consent, or a CRediT role."""
    return public or is_credit(role)


class PrivateLayer:
    """Mixed in before :class:`~coprodcite.library.sql.SqlLibrary`."""

    _private: PrivateStore | None
    location: str
    _db: Any
    _entry: Callable[[int], PersonEntry]
    _contribution_of: Callable[[RoleAssignment], int]

    def _store(self, what: str) -> PrivateStore:
        if self._private is None:
            raise InvalidInput(
                f"{what} is private: it is not kept in the shared library {self.location}",
                hint="give --public if the person consents to show it; private roles and"
                " notes need a private store on this machine (COPRODCITE_PRIVATE_STORE)",
            )
        return self._private

    # -- roles ------------------------------------------------------------------------

    def add_role(self, assignment: RoleAssignment) -> RoleAssignment:
        if shared(assignment.role, assignment.public):
            stored: RoleAssignment = super().add_role(assignment)  # type: ignore[misc]
            if self._private is not None and assignment.person_id is not None:
                self._private.remove_role(assignment.person_id, stored)  # consent given
            return stored
        store = self._store(f"role {assignment.role} without consent")
        target = self._contribution(assignment)
        if self._shared_copy(target):  # consent withdrawn: the shared copy goes
            super().remove_role(target)  # type: ignore[misc]
        stored = replace(target, public=False, assigned_at=_now())
        assert stored.person_id is not None
        store.add_role(stored.person_id, stored)
        return stored

    def _shared_copy(self, a: RoleAssignment) -> bool:
        """Whether the server holds ``a`` (read in full: a private role's name is never
        sent to the server, not even in a query)."""
        held = super().roles(person_ids=[a.person_id])  # type: ignore[misc,list-item]
        return any(
            (r.role, r.record_key, r.position) == (a.role, a.record_key, a.position) for r in held
        )

    def _contribution(self, a: RoleAssignment) -> RoleAssignment:
        """``a`` with its contribution's position, checked as the shared library does."""
        assert a.person_id is not None
        if not a.on_contribution:
            self._entry(a.person_id)  # NotFound for no such person
            return a
        return replace(a, position=self._contribution_of(a))

    def remove_role(self, assignment: RoleAssignment) -> RoleAssignment:
        private = self._private
        if (
            private
            and assignment.person_id
            and private.remove_role(assignment.person_id, assignment)
        ):
            return assignment
        return super().remove_role(assignment)  # type: ignore[misc,no-any-return]

    def roles(
        self, *, person_ids: list[int] | None = None, record_key: str | None = None
    ) -> list[RoleAssignment]:
        found: list[RoleAssignment] = super().roles(  # type: ignore[misc]
            person_ids=person_ids, record_key=record_key
        )
        if self._private is None:
            return found
        on_record = set(self._holders(record_key).values()) if record_key is not None else set()
        for role in self._private.roles():
            if role.on_contribution:
                position = self._position(role)
                if position is None:
                    continue  # the record, or the person's contribution to it, is gone
                role = replace(role, position=position)
            if person_ids is not None and role.person_id not in person_ids:
                continue
            if record_key is not None and not (
                role.record_key == record_key
                or (not role.on_contribution and role.person_id in on_record)
            ):
                continue
            found.append(role)
        return found

    def _position(self, role: RoleAssignment) -> int | None:
        """Where the contribution of a private role is now (a refresh may reorder
        contributors): the person's one contribution to the record, else the one at
        the position recorded if it is still theirs."""
        theirs = [
            p for p, who in self._holders(str(role.record_key)).items() if who == role.person_id
        ]
        if len(theirs) == 1:
            return theirs[0]
        return role.position if role.position in theirs else None

    def _holders(self, key: str) -> dict[int, int]:
        """Position (1-based) -> person of each contribution to the record ``key``."""
        rows = self._db.execute(
            "SELECT c.position, c.person_id FROM contributors c JOIN records r"
            " ON r.id = c.record_id WHERE r.key = ?",
            (key,),
        ).fetchall()
        return {position + 1: person for position, person in rows}

    # -- notes and people -------------------------------------------------------------

    def people(self, ids: list[int] | None = None) -> list[PersonEntry]:
        entries: list[PersonEntry] = super().people(ids)  # type: ignore[misc]
        notes = self._private.notes() if self._private is not None else {}
        return [
            replace(e, person=replace(e.person, notes=notes[e.person.id]))
            if e.person.id in notes
            else e
            for e in entries
        ]

    def set_notes(self, person_id: int, notes: str | None) -> PersonEntry:
        entry = self._entry(person_id)
        if notes:
            self._store("a note on a person").set_notes(person_id, notes)
        elif self._private is not None:
            self._private.set_notes(person_id, None)
        if entry.person.notes:  # from before: the server keeps none
            super().set_notes(person_id, None)  # type: ignore[misc]
        return self.people([person_id])[0]

    def forget_person(self, person_id: int) -> Forgotten:
        entry = self.people([person_id])[0]
        local = [r for r in self.roles(person_ids=[person_id]) if not shared(r.role, r.public)]
        forgotten: Forgotten = super().forget_person(person_id)  # type: ignore[misc]
        if self._private is not None:
            self._private.forget(person_id)
        return replace(
            forgotten,
            roles=forgotten.roles + local,
            notes=forgotten.notes or bool(entry.person.notes),
        )

    def merge_people(self, ids: list[int]) -> PersonEntry:
        before = self.people(list(dict.fromkeys(ids))) if len(set(ids)) > 1 else []
        merged: PersonEntry = super().merge_people(ids)  # type: ignore[misc]
        if self._private is not None:
            notes = "\n".join(e.person.notes for e in before if e.person.notes) or None
            others = [e.person.id for e in before if e.person.id != merged.person.id]
            self._private.merge(merged.person.id, others, notes)
        return self.people([merged.person.id])[0]

    def split_person(
        self, person_id: int, contributions: list[tuple[str, int | None]]
    ) -> PersonEntry:
        new: PersonEntry = super().split_person(person_id, contributions)  # type: ignore[misc]
        if self._private is not None:
            for key in {c.record_key for c in new.contributions}:
                self._private.move(person_id, new.person.id, key)
        return self.people([new.person.id])[0]

    def remove(self, ref: str) -> Record:
        removed: Record = super().remove(ref)  # type: ignore[misc]
        self._prune()
        return removed

    def _prune(self) -> None:
        """A person the server dropped (nothing shared left) loses the private layer."""
        if self._private is not None:
            people = {row[0] for row in self._db.execute("SELECT id FROM people").fetchall()}
            self._private.prune(people)

    # -- contributors -----------------------------------------------------------------

    def add_contributor(
        self,
        ref: str,
        contributor: Contributor,
        position: int | None,
        roles: Sequence[tuple[str, bool]] = (),
    ) -> Record:
        private = [role for role, public in dict(roles).items() if not shared(role, public)]
        store = self._store(f"role {private[0]} without consent") if private else None
        public = [(role, p) for role, p in dict(roles).items() if shared(role, p)]
        record: Record = super().add_contributor(ref, contributor, position, public)  # type: ignore[misc]
        at = len(record.contributors) if position is None else position
        person = record.contributors[at - 1].person_id
        assert person is not None
        for role in private:
            assert store is not None
            store.add_role(person, RoleAssignment(role, person, record.key, at, False, _now()))
        return record

    def remove_contributor(self, ref: str, position: int) -> Contributor:
        record = self.get(ref)  # type: ignore[attr-defined]
        removed: Contributor = super().remove_contributor(ref, position)  # type: ignore[misc]
        person = record.contributors[position - 1].person_id
        if self._private is not None and person is not None:
            self._private.move(person, None, str(record.key))
            self._prune()
        return removed


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
