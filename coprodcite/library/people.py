"""People and roles in the SQLite library.

The rules:

* Every stored contributor is linked to a person. A contributor with an ORCID is
  linked to the person with that ORCID (created if there is none); any other
  contributor gets a person of its own. Nothing else is matched automatically:
  ``merge_people`` links contributions on the user's word, ``split_person`` separates
  them again. So ``people`` lists one person per ORCID and one per unlinked
  contribution, which is the list a user merges from.
* On ``save(refresh=True)`` a contributor keeps the person (and contribution roles)
  of the stored contributor with the same ORCID, else the same role and folded name;
  contributors the user added stay where they were.
* A person with no contribution left and nothing the user gave it (roles, notes, a
  preferred name) is deleted.
* Positions in this API count from 1, as users see them; the ``position`` column
  counts from 0.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import replace
from json.encoder import encode_basestring
from typing import Any

from coprodcite.errors import NotFound
from coprodcite.identifiers import normalise_orcid
from coprodcite.library import Contribution, PersonEntry
from coprodcite.model import Contributor, Person, RoleAssignment

CONTRIBUTOR_COLUMNS = (
    "role",
    "given",
    "family",
    "non_dropping_particle",
    "dropping_particle",
    "suffix",
    "literal",
    "orcid",
    "authenticated",
    "affiliations",
    "sequence",
    "source_role",
    "person_id",
    "added_by_user",
    "original",
)


def contributor_values(c: Contributor) -> tuple[Any, ...]:
    return (
        c.role,
        c.given,
        c.family,
        c.non_dropping_particle,
        c.dropping_particle,
        c.suffix,
        c.literal,
        c.orcid,
        int(c.authenticated),
        json.dumps(list(c.affiliations), ensure_ascii=False) if c.affiliations else "[]",
        c.sequence,
        c.source_role,
        c.person_id,
        int(c.added_by_user),
        _original_json(c.original),
    )


def _original_json(original: dict[str, Any] | None) -> str | None:
    """``json.dumps(original, ensure_ascii=False)``, built by hand for the usual
    ``{"literal": name}`` (the same text, without creating an encoder per name)."""
    if original is None:
        return None
    if len(original) == 1 and isinstance(original.get("literal"), str):
        return '{"literal": ' + encode_basestring(original["literal"]) + "}"
    return json.dumps(original, ensure_ascii=False)


def row_to_contributor(row: sqlite3.Row) -> Contributor:
    values = {name: row[name] for name in CONTRIBUTOR_COLUMNS}
    values["authenticated"] = bool(values["authenticated"])
    values["added_by_user"] = bool(values["added_by_user"])
    values["affiliations"] = tuple(json.loads(values["affiliations"]))
    values["original"] = json.loads(values["original"]) if values["original"] else None
    return Contributor(**values)


# -- linking contributors to people ----------------------------------------------


_INSERT_CONTRIBUTOR = (
    f"INSERT INTO contributors (record_id, position, {', '.join(CONTRIBUTOR_COLUMNS)})"
    f" VALUES (?, ?, {', '.join('?' * len(CONTRIBUTOR_COLUMNS))})"
)


def write_contributors(
    db: sqlite3.Connection,
    record_id: int,
    contributors: list[Contributor],
    now: str,
    moved: Mapping[int, int] | None = None,
    next_person: list[int] | None = None,
) -> list[Contributor]:
    """Replace the record's contributors, linking each to a person. ``moved`` maps
    old list indexes to new ones so that contribution roles follow their
    contributor; roles of contributions not in it are dropped. ``moved=None`` says
    the record is new: it has no contributors or roles yet. ``next_person`` (see
    :func:`_link`) is kept by a caller that saves many records."""
    linked = _link(db, contributors, now, next_person)
    before: list[int] = []
    if moved is not None:
        rows = db.execute("SELECT person_id FROM contributors WHERE record_id = ?", (record_id,))
        before = [row[0] for row in rows]
        db.execute("DELETE FROM contributors WHERE record_id = ?", (record_id,))
    db.executemany(
        _INSERT_CONTRIBUTOR,
        [(record_id, i, *contributor_values(c)) for i, c in enumerate(linked)],
    )
    if moved is not None:
        _move_contribution_roles(db, record_id, moved)
        remove_orphans(db, before)
        if next_person:
            next_person[0] = 0  # people may have gone: ask again
    return linked


def _link(
    db: sqlite3.Connection,
    contributors: list[Contributor],
    now: str,
    next_person: list[int] | None = None,
) -> list[Contributor]:
    """``contributors``, each linked to its person: the one it names if that exists,
    else the person with its ORCID, else a new one (the new ones inserted at once,
    under the ids SQLite would give them: the write lock is held). ``next_person``
    holds the next new person's id between calls (0: not known yet, asked)."""
    ids: list[int] = []
    new: list[tuple[int, str | None, str]] = []
    orcids: dict[str, int] = {}  # new people of this list, by ORCID
    next_id = next_person[0] if next_person else 0
    for c in contributors:
        if c.person_id is not None and _exists(db, c.person_id):
            ids.append(c.person_id)
            continue
        orcid = normalise_orcid(c.orcid)
        found = orcids.get(orcid) if orcid else None
        if orcid and found is None:
            row = db.execute("SELECT min(id) FROM people WHERE orcid = ?", (orcid,)).fetchone()
            found = row[0]
        if found is None:
            if not next_id:
                next_id = db.execute("SELECT coalesce(max(id), 0) + 1 FROM people").fetchone()[0]
            found, next_id = next_id, next_id + 1
            new.append((found, orcid, now))
            if orcid:
                orcids[orcid] = found
        ids.append(int(found))
    db.executemany("INSERT INTO people (id, orcid, created) VALUES (?, ?, ?)", new)
    if next_person is not None:
        next_person[:] = [next_id]
    return [c.with_person(i) for c, i in zip(contributors, ids, strict=True)]


def _person_for(db: sqlite3.Connection, c: Contributor, now: str) -> int:
    return _link(db, [c], now)[0].person_id or 0


def _exists(db: sqlite3.Connection, person_id: int) -> bool:
    return db.execute("SELECT 1 FROM people WHERE id = ?", (person_id,)).fetchone() is not None


def _move_contribution_roles(
    db: sqlite3.Connection, record_id: int, moved: Mapping[int, int]
) -> None:
    rows = db.execute("SELECT id, position FROM roles WHERE record_id = ?", (record_id,)).fetchall()
    for row in rows:  # negative first, so that no two rows ever share a position
        if row["position"] in moved:
            new = -1 - moved[row["position"]]
            db.execute("UPDATE roles SET position = ? WHERE id = ?", (new, row["id"]))
        else:
            db.execute("DELETE FROM roles WHERE id = ?", (row["id"],))
    db.execute(
        "UPDATE roles SET position = -1 - position WHERE record_id = ? AND position < 0",
        (record_id,),
    )


def remove_orphans(db: sqlite3.Connection, person_ids: Iterable[int | None]) -> None:
    """Delete those of ``person_ids`` left with no contribution and nothing the user
    gave them (a preferred name, notes, roles)."""
    db.executemany(
        "DELETE FROM people WHERE id = ? AND name IS NULL AND notes IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM contributors c WHERE c.person_id = people.id)"
        " AND NOT EXISTS (SELECT 1 FROM roles r WHERE r.person_id = people.id)",
        [(i,) for i in set(person_ids) if i is not None],
    )


def link_unlinked(db: sqlite3.Connection, now: str) -> None:
    """Give a person to every contributor stored before people existed."""
    rows = db.execute("SELECT * FROM contributors WHERE person_id IS NULL").fetchall()
    for row in rows:
        person = _person_for(db, row_to_contributor(row), now)
        db.execute(
            "UPDATE contributors SET person_id = ? WHERE record_id = ? AND position = ?",
            (person, row["record_id"], row["position"]),
        )


def carry_over(
    old: list[Contributor], new: list[Contributor]
) -> tuple[list[Contributor], dict[int, int]]:
    """On refresh: the new contributors, each with the person of the old one that is
    the same contributor, plus the old ones the user added (at their positions); and
    old index -> new index for the contributors kept."""
    unused = {i: c for i, c in enumerate(old) if not c.added_by_user}
    result: list[Contributor] = []
    origin: list[int | None] = []
    for c in new:
        match = _same_as(c, unused)
        if match is not None:
            c = replace(c, person_id=unused.pop(match).person_id)
        result.append(c)
        origin.append(match)
    for i, o in enumerate(old):
        if o.added_by_user:
            at = min(i, len(result))
            result.insert(at, o)
            origin.insert(at, i)
    return result, {o: n for n, o in enumerate(origin) if o is not None}


def _same_as(c: Contributor, old: Mapping[int, Contributor]) -> int | None:
    """The old contributor that ``c`` is: the same ORCID, else the same role and name."""
    if c.orcid:
        for i, o in old.items():
            if o.orcid == c.orcid:
                return i
    return next((i for i, o in old.items() if _name_key(o) == _name_key(c)), None)


def _name_key(c: Contributor) -> tuple[str, ...]:
    from coprodcite.names import same_person_key  # only on refresh: keeps start-up lean

    return (c.role, same_person_key(c))


# -- reading ------------------------------------------------------------------------


def person_from_row(row: sqlite3.Row, published: dict[str, str] | None = None) -> Person:
    return Person(
        id=row["id"],
        name=json.loads(row["name"]) if row["name"] else None,
        orcid=normalise_orcid(row["orcid"]),
        notes=row["notes"],
        created=row["created"],
        published=published,
    )


def people_entries(db: sqlite3.Connection, ids: list[int] | None) -> list[PersonEntry]:
    if ids is None:
        rows = db.execute("SELECT * FROM people ORDER BY id").fetchall()
    else:
        rows = [_person_row(db, i) for i in ids]
    wanted = [row["id"] for row in rows]
    contributions: dict[int, list[Contribution]] = {i: [] for i in wanted}
    only = "" if ids is None else f"WHERE c.person_id IN ({', '.join('?' * len(wanted))})"
    query = (
        f"SELECT r.key, c.* FROM contributors c JOIN records r ON r.id = c.record_id {only}"
        " ORDER BY r.key, c.position"
    )
    for row in db.execute(query, [] if ids is None else wanted):
        if row["person_id"] in contributions:
            contribution = Contribution(row["key"], row["position"] + 1, row_to_contributor(row))
            contributions[row["person_id"]].append(contribution)
    entries = []
    for row in rows:
        found = contributions[row["id"]]
        published = found[0].contributor.to_csl() if found else None
        entries.append(PersonEntry(person_from_row(row, published), found))
    return entries


def _person_row(db: sqlite3.Connection, person_id: int) -> sqlite3.Row:
    row = db.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise NotFound(
            f"no person {person_id} in the library",
            hint="see `coprodcite people list` for ids",
        )
    return row  # type: ignore[no-any-return]


def roles_of(
    db: sqlite3.Connection, *, person_ids: list[int] | None = None, record_id: int | None = None
) -> list[RoleAssignment]:
    """Person roles and contribution roles, each with the person they concern."""
    query = (
        "SELECT ro.*, coalesce(ro.person_id, c.person_id) AS who, r.key FROM roles ro"
        " LEFT JOIN records r ON r.id = ro.record_id"
        " LEFT JOIN contributors c ON c.record_id = ro.record_id AND c.position = ro.position"
        " ORDER BY ro.id"
    )
    out = []
    on_record = _people_on(db, record_id) if record_id is not None else set()
    for row in db.execute(query):
        if person_ids is not None and row["who"] not in person_ids:
            continue
        if record_id is not None and not (
            row["record_id"] == record_id or (row["record_id"] is None and row["who"] in on_record)
        ):
            continue
        out.append(
            RoleAssignment(
                role=row["role"],
                person_id=row["who"],
                record_key=row["key"],
                position=None if row["position"] is None else row["position"] + 1,
                public=bool(row["public"]),
                assigned_at=row["assigned_at"],
            )
        )
    return out


def _people_on(db: sqlite3.Connection, record_id: int) -> set[int]:
    rows = db.execute("SELECT person_id FROM contributors WHERE record_id = ?", (record_id,))
    return {row[0] for row in rows}
