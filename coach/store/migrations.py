"""Forward-only schema migrations; `PRAGMA user_version` is the number applied.

Append a new script to `MIGRATIONS` to change the schema; never edit an old one
(databases in the field have already run it).
"""

from __future__ import annotations

__all__ = ["MIGRATIONS"]

MIGRATIONS: list[str] = [
    # 1: role-play history and saved drafts
    """
    CREATE TABLE sessions (
        id          INTEGER PRIMARY KEY,
        trainee     TEXT    NOT NULL,
        scenario    TEXT    NOT NULL,
        title       TEXT    NOT NULL DEFAULT '',
        difficulty  TEXT    NOT NULL,
        provider    TEXT    NOT NULL,
        started_at  TEXT    NOT NULL,
        finished_at TEXT,
        outcome     TEXT,
        score       REAL
    );
    CREATE TABLE turns (
        id          INTEGER PRIMARY KEY,
        session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        idx         INTEGER NOT NULL,
        role        TEXT    NOT NULL CHECK (role IN ('customer', 'trainee')),
        text        TEXT    NOT NULL,
        created_at  TEXT    NOT NULL,
        trust       REAL,
        patience    REAL,
        mood        TEXT,
        score       INTEGER,
        feedback    TEXT,
        suggestion  TEXT,
        UNIQUE (session_id, idx)
    );
    CREATE TABLE scores (
        turn_id     INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        skill       TEXT    NOT NULL,
        score       INTEGER NOT NULL,
        evidence    TEXT    NOT NULL DEFAULT '',
        PRIMARY KEY (turn_id, skill)
    );
    CREATE TABLE drafts (
        id              INTEGER PRIMARY KEY,
        created_at      TEXT NOT NULL,
        text            TEXT NOT NULL,
        context_summary TEXT NOT NULL DEFAULT '',
        provenance      TEXT NOT NULL DEFAULT '',
        diagnostics     TEXT NOT NULL DEFAULT '[]'
    );
    """,
    # 2: the lookups `coach report` makes
    """
    CREATE INDEX sessions_by_trainee ON sessions (trainee, started_at);
    CREATE INDEX turns_by_session ON turns (session_id, idx);
    CREATE INDEX drafts_by_time ON drafts (created_at);
    """,
]
