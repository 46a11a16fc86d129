"""The SQLite schema, as a list of migrations applied in order.

``PRAGMA user_version`` holds the number of migrations applied. A migration is
never edited once released: change the schema by appending one.
"""

from __future__ import annotations


def _generation_triggers(*tables: str) -> str:
    """Triggers that bump the library's generation on every change to ``tables``."""
    return "".join(
        f"CREATE TRIGGER {table}_{event.lower()}_bumps AFTER {event} ON {table} BEGIN"
        " UPDATE library_state SET generation = generation + 1; END;\n"
        for table in tables
        for event in ("INSERT", "UPDATE", "DELETE")
    )


MIGRATIONS: list[str] = [
    # 1: records and their contributors
    """
    CREATE TABLE records (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        doi         TEXT UNIQUE,              -- lower case; NULL when there is none
        type        TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '', -- plain text, for listing and search
        year        INTEGER,
        fields      TEXT NOT NULL,            -- CSL variables other than names, JSON
        source      TEXT,
        source_data TEXT,                     -- the raw JSON as received
        fetched_at  TEXT,
        added_at    TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE contributors (
        record_id     INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        position      INTEGER NOT NULL,
        role          TEXT NOT NULL,
        given         TEXT,
        family        TEXT,
        non_dropping_particle TEXT,
        dropping_particle     TEXT,
        suffix        TEXT,
        literal       TEXT,
        orcid         TEXT,
        authenticated INTEGER NOT NULL DEFAULT 0,
        affiliations  TEXT NOT NULL DEFAULT '[]',
        sequence      TEXT,
        source_role   TEXT,
        PRIMARY KEY (record_id, position)
    );
    CREATE INDEX contributors_orcid ON contributors(orcid);
    CREATE INDEX records_title_year ON records(year, title);
    """,
    # people: contributions linked across records, preferred names, notes, and roles
    # (sensitive personal data: they stay in this file). Contributors stored before
    # this migration are linked to people when the library is next opened.
    """
    CREATE TABLE people (
        id      INTEGER PRIMARY KEY,
        name    TEXT,                 -- preferred name, CSL name parts as JSON; NULL: as published
        orcid   TEXT,                 -- https://orcid.org/..., check digit verified
        notes   TEXT,
        created TEXT NOT NULL
    );
    CREATE INDEX people_orcid ON people(orcid);
    ALTER TABLE contributors ADD COLUMN person_id INTEGER REFERENCES people(id) ON DELETE SET NULL;
    ALTER TABLE contributors ADD COLUMN added_by_user INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contributors ADD COLUMN original TEXT;  -- the name as received, JSON
    CREATE INDEX contributors_person ON contributors(person_id);
    CREATE TABLE roles (
        id          INTEGER PRIMARY KEY,
        role        TEXT NOT NULL,
        person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,   -- a person's role
        record_id   INTEGER REFERENCES records(id) ON DELETE CASCADE,  -- or one contribution's
        position    INTEGER,
        public      INTEGER NOT NULL DEFAULT 0,  -- the person's consent to show it
        assigned_at TEXT NOT NULL,
        CHECK ((person_id IS NULL) <> (record_id IS NULL AND position IS NULL))
    );
    CREATE UNIQUE INDEX roles_of_people ON roles(person_id, role) WHERE person_id IS NOT NULL;
    CREATE UNIQUE INDEX roles_of_contributions ON roles(record_id, position, role)
        WHERE record_id IS NOT NULL;
    """,
    # render cache: a rendered bibliography or citation list per hash of everything that
    # affects the output (see coprodcite.services.render_cache); pruned to the most
    # recently used
    """
    CREATE TABLE render_cache (
        key      TEXT PRIMARY KEY,            -- sha256 hex of engine, style, locale, items...
        entries  TEXT NOT NULL,               -- JSON list of rendered strings
        warnings TEXT NOT NULL DEFAULT '[]',  -- JSON list of the render's warning messages
        used_at  REAL NOT NULL                -- Unix time of the last store or hit
    );
    CREATE INDEX render_cache_used_at ON render_cache(used_at);
    """,
    # library generation: a number bumped by every change to what a reference is made
    # of, so a re-render can be found in the render cache without rebuilding its items
    """
    CREATE TABLE library_state (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        generation INTEGER NOT NULL
    );
    INSERT INTO library_state (id, generation) VALUES (1, 0);
    """
    + _generation_triggers("records", "contributors", "people", "roles"),
    # a DOI no longer names one record: chapters often carry their book's DOI, so
    # records with the same DOI and different titles are different works. SQLite
    # cannot drop a UNIQUE constraint: the table is rebuilt (with foreign keys off,
    # see SqliteLibrary._migrate) under the same ids, and a plain index replaces it.
    """
    CREATE TABLE records_new (
        id          INTEGER PRIMARY KEY,
        key         TEXT NOT NULL UNIQUE,
        doi         TEXT,                     -- lower case; NULL when there is none
        type        TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '', -- plain text, for listing and search
        year        INTEGER,
        fields      TEXT NOT NULL,            -- CSL variables other than names, JSON
        source      TEXT,
        source_data TEXT,                     -- the raw JSON as received
        fetched_at  TEXT,
        added_at    TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    INSERT INTO records_new SELECT id, key, doi, type, title, year, fields, source,
        source_data, fetched_at, added_at, updated_at FROM records;
    DROP TABLE records;
    ALTER TABLE records_new RENAME TO records;
    CREATE INDEX records_doi ON records(doi);
    CREATE INDEX records_title_year ON records(year, title);
    """,  # the records' generation triggers went with the old table (see migration 7)
    # a CRediT role belongs to one contribution (what someone did on that work); one
    # given to a person (possible before) clearly belongs to their contribution when
    # they have exactly one: it moves there. Others stay, shown on no work, for the
    # user to give again with --on (see services.people.roles_for).
    """
    DELETE FROM roles WHERE role LIKE 'credit:%' AND person_id IS NOT NULL
        AND (SELECT count(*) FROM contributors c WHERE c.person_id = roles.person_id) = 1
        AND EXISTS (SELECT 1 FROM roles other JOIN contributors c
            ON other.record_id = c.record_id AND other.position = c.position
            WHERE c.person_id = roles.person_id AND other.role = roles.role);
    UPDATE roles SET
        record_id = (SELECT c.record_id FROM contributors c WHERE c.person_id = roles.person_id),
        position = (SELECT c.position FROM contributors c WHERE c.person_id = roles.person_id),
        person_id = NULL
    WHERE role LIKE 'credit:%' AND person_id IS NOT NULL
        AND (SELECT count(*) FROM contributors c WHERE c.person_id = roles.person_id) = 1;
    """,
    # the generation is bumped once per write transaction that changes a row (see
    # SqliteLibrary._write), not by a trigger on every row: on an import of 7,166
    # entries the triggers' 91,000 updates were a quarter of saving them
    "".join(
        f"DROP TRIGGER IF EXISTS {table}_{event}_bumps;\n"
        for table in ("records", "contributors", "people", "roles")
        for event in ("insert", "update", "delete")
    ),
    # provenance: how a record was found when not by its identifier (`coprodcite match`:
    # the reference text it was matched from and the confidence), JSON
    """
    ALTER TABLE records ADD COLUMN provenance TEXT;
    """,
    # tags (`coprodcite tag`), which bump the generation like any change of what a
    # selection holds; and the records whose full-text search entry is stale (the FTS5
    # index itself is made at the first search: see coprodcite.library.tags)
    """
    CREATE TABLE tags (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
    );
    CREATE TABLE record_tags (
        record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
        tag_id    INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (record_id, tag_id)
    );
    CREATE INDEX record_tags_tag ON record_tags(tag_id);
    CREATE TABLE search_stale (record_id INTEGER PRIMARY KEY);
    INSERT INTO search_stale SELECT id FROM records;
    """
    + "".join(
        f"CREATE TRIGGER record_tags_{event.lower()}_bumps AFTER {event} ON record_tags BEGIN"
        " UPDATE library_state SET generation = generation + 1; END;\n"
        for event in ("INSERT", "DELETE")
    )
    + "".join(
        f"CREATE TRIGGER {table}_{event.lower()}_search AFTER {event} ON {table} BEGIN"
        f" INSERT OR IGNORE INTO search_stale VALUES ({row}.{column}); END;\n"
        for table, column in (("records", "id"), ("contributors", "record_id"))
        for event, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old"))
    ),
    # kept exports (`export -o FILE --keep`): what each holds, and each record's text in
    # it, so a change rewrites only the entries of the records that changed; a record's
    # stamp is past the generation of every change to it, its names, people or roles
    """
    CREATE TABLE kept_exports (
        id         INTEGER PRIMARY KEY,
        path       TEXT NOT NULL UNIQUE,     -- absolute
        format     TEXT NOT NULL,
        selection  TEXT NOT NULL,            -- JSON: refs, tag, query
        options    TEXT NOT NULL DEFAULT '{}',
        generation INTEGER NOT NULL,         -- the library's when last brought in step
        digest     TEXT,                     -- sha256 of the text last written, when known
        written_at TEXT,
        file_size  INTEGER,                  -- the file as last written: patched in place
        file_mtime INTEGER                   -- only while it is still that file (ns)
    );
    CREATE TABLE kept_export_parts (
        export_id INTEGER NOT NULL REFERENCES kept_exports(id) ON DELETE CASCADE,
        key       TEXT NOT NULL,
        text      TEXT NOT NULL,
        size      INTEGER NOT NULL,          -- of the text in UTF-8
        PRIMARY KEY (export_id, key)
    );
    CREATE TABLE record_stamps (
        record_id INTEGER PRIMARY KEY,
        stamp     INTEGER NOT NULL
    );
    """
    + "".join(
        f"CREATE TRIGGER {name}_stamps AFTER {event} ON {table} BEGIN"
        " INSERT OR REPLACE INTO record_stamps (record_id, stamp)"
        f" SELECT {column}, (SELECT generation + 1 FROM library_state){rest}; END;\n"
        for name, event, table, column, rest in (
            ("records_insert", "INSERT", "records", "new.id", ""),
            ("records_update", "UPDATE", "records", "new.id", ""),
            ("contributors_insert", "INSERT", "contributors", "new.record_id", ""),
            ("contributors_update", "UPDATE", "contributors", "new.record_id", ""),
            ("contributors_delete", "DELETE", "contributors", "old.record_id", ""),
            (
                "people_update",
                "UPDATE",
                "people",
                "DISTINCT record_id",
                " FROM contributors WHERE person_id = new.id",
            ),
            (
                "roles_insert",
                "INSERT",
                "roles",
                "DISTINCT record_id",
                " FROM contributors WHERE person_id = new.person_id OR record_id = new.record_id",
            ),
            (
                "roles_delete",
                "DELETE",
                "roles",
                "DISTINCT record_id",
                " FROM contributors WHERE person_id = old.person_id OR record_id = old.record_id",
            ),
        )
    ),  # fmt: skip
]

MIGRATIONS.append(
    # 11: a version per record (bumped by every update of it), and the history of
    # changes: who, when, what (see coprodcite.library.history)
    """
    ALTER TABLE records ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE history (
        id      INTEGER PRIMARY KEY,
        at      TEXT NOT NULL,             -- ISO 8601, UTC
        who     TEXT NOT NULL,             -- COPRODCITE_USER, else the login name
        action  TEXT NOT NULL,             -- added, updated, removed, tagged, untagged
        key     TEXT NOT NULL,
        changes TEXT NOT NULL DEFAULT '{}' -- JSON: field -> [from, to]; the tag
    );
    CREATE INDEX history_key ON history(key);
    """
)

SCHEMA_VERSION = len(MIGRATIONS)
