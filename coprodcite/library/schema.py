"""The SQLite schema, as a list of migrations applied in order.

``PRAGMA user_version`` holds the number of migrations applied. A migration is
never edited once released: change the schema by appending one.
"""

from __future__ import annotations

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
]

SCHEMA_VERSION = len(MIGRATIONS)
