"""A whole library copied into an empty one, between backends (a SQLite file and a
PostgreSQL database, either way): people, records, contributors, roles, tags, kept
exports and the history, with their ids, in one write transaction on the destination,
every table's count checked before it commits (so a failure leaves it as it was).

Private data follows the privacy rule: copied into a PostgreSQL library, a role
without consent (not CRediT) and every note go to that library's local private store,
never to the server; copied out of one, the private store's roles and notes come
along (into a file library, which is local; or into the other library's store).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from coprodcite.errors import InvalidInput, StorageError
from coprodcite.model import RoleAssignment

#: in the order their references need
TABLES = (
    "people",
    "records",
    "contributors",
    "roles",
    "tags",
    "record_tags",
    "kept_exports",
    "kept_export_parts",
    "history",
    "record_stamps",
)


@dataclass(frozen=True)
class Copied:
    """One table: rows in the source, rows in the destination after the copy, and
    rows that went to (or came from) a private store rather than a server."""

    table: str
    source: int
    copied: int
    private: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def copy_library(src: Any, dest: Any) -> list[Copied]:
    """Copy the library ``src`` into the empty library ``dest`` (both SqlLibrary)."""
    if dest.count() or dest.people():
        raise InvalidInput(
            f"library {dest.location} is not empty: a copy goes into a new library",
            hint="give a new file, or an empty database (createdb)",
        )
    roles, notes = _private_of(src)
    into_store = dest.on_server  # a server keeps nothing private
    done: list[Copied] = []
    with dest._write() as db:
        for table in TABLES:
            columns = [c for c in src._columns(table) if c in set(dest._columns(table))]
            read = src._db.execute(f"SELECT {', '.join(columns)} FROM {table}")
            rows = [list(r) for r in read]
            source = len(rows)
            if into_store and table == "roles":
                roles += _take_private_roles(src, rows, columns)
            if into_store and table == "people":
                notes.update(_take_notes(rows, columns))
            if table == "record_stamps":
                db.execute("DELETE FROM record_stamps")  # the destination's own, from the copy
            marks = ", ".join("?" * len(columns))
            db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            done.append(Copied(table, source, len(rows)))
        private = _put_private(dest, db, roles, notes, into_store)
        generation = src._db.execute("SELECT generation FROM library_state").fetchone()[0]
        db.execute("UPDATE library_state SET generation = ?", (generation,))
        dest._after_copy()
        done = _checked(dest, db, done, private, into_store)
    return done


def _private_of(src: Any) -> tuple[list[RoleAssignment], dict[int, str]]:
    """The roles and notes of the source's private store (a PostgreSQL source)."""
    store = getattr(src, "_private", None)
    if store is None:
        return [], {}
    from coprodcite.library.pg_private import shared

    roles = [r for r in src.roles() if not shared(r.role, r.public)]
    return roles, store.notes()


def _take_private_roles(
    src: Any, rows: list[list[Any]], columns: list[str]
) -> list[RoleAssignment]:
    """Take the private roles out of ``rows`` (of the roles table); them, as assignments."""
    from coprodcite.library.pg_private import shared

    at = {name: i for i, name in enumerate(columns)}
    keys = dict(src._db.execute("SELECT id, key FROM records").fetchall())
    holders = {
        (r, p): person
        for r, p, person in src._db.execute(
            "SELECT record_id, position, person_id FROM contributors"
        )
    }
    taken = []
    for row in list(rows):
        role, public = row[at["role"]], bool(row[at["public"]])
        if shared(role, public):
            continue
        rows.remove(row)
        record, position = row[at["record_id"]], row[at["position"]]
        person = row[at["person_id"]] if record is None else holders.get((record, position))
        if person is None:
            continue  # a contribution without a person: nothing to key it to
        taken.append(
            RoleAssignment(
                role,
                person,
                None if record is None else keys[record],
                None if record is None else position + 1,
                assigned_at=row[at["assigned_at"]],
            )
        )
    return taken


def _take_notes(rows: list[list[Any]], columns: list[str]) -> dict[int, str]:
    at = columns.index("notes")
    notes = {row[columns.index("id")]: row[at] for row in rows if row[at]}
    for row in rows:
        row[at] = None
    return notes


def _put_private(
    dest: Any, db: Any, roles: list[RoleAssignment], notes: dict[int, str], into_store: bool
) -> int:
    """Private roles and notes: into the destination's private store (PostgreSQL), or
    into its tables (a file library). How many roles."""
    if not roles and not notes:
        return 0
    if into_store:
        store = dest._store("a role without consent or a note")
        for role in roles:
            store.add_role(role.person_id, role)
        for person, text in notes.items():
            store.set_notes(person, text)
        return len(roles)
    ids = dict(db.execute("SELECT key, id FROM records").fetchall())
    db.executemany(
        "INSERT INTO roles (role, person_id, record_id, position, public, assigned_at)"
        " VALUES (?, ?, ?, ?, 0, ?)",
        [
            (r.role, None, ids[r.record_key], int(r.position or 1) - 1, r.assigned_at)
            if r.on_contribution
            else (r.role, r.person_id, None, None, r.assigned_at)
            for r in roles
        ],
    )
    db.executemany("UPDATE people SET notes = ? WHERE id = ?", [(t, p) for p, t in notes.items()])
    return len(roles)


def _checked(
    dest: Any, db: Any, done: list[Copied], private: int, into_store: bool
) -> list[Copied]:
    """Each table's rows counted in the destination, as the copy expects (else a
    StorageError, and the transaction rolls back)."""
    checked = []
    for copied in done:
        expected = copied.copied + (0 if into_store or copied.table != "roles" else private)
        count = int(db.execute(f"SELECT count(*) FROM {copied.table}").fetchone()[0])
        if count != expected:
            raise StorageError(
                f"copy into {dest.location}: table {copied.table} has {count} rows,"
                f" {expected} expected; nothing was copied",
                hint="check the destination library, then copy again",
            )
        moved = private if copied.table == "roles" else 0
        checked.append(replace(copied, copied=count, private=moved))
    return checked
