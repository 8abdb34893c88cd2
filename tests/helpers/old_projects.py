"""A project file as an older annotator wrote it: the schema up to a version, one group, one
document with one sentence, and an annotator named ann (for the migration tests)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.store.migrations import MIGRATIONS


def old_project(path: Path, version: int) -> sqlite3.Connection:
    """The file at `version`, still open (the caller adds rows, then commits and closes it)."""
    from annotator.core.store import APPLICATION_ID

    conn = sqlite3.connect(path)
    for migration in MIGRATIONS:
        if migration.version <= version:
            conn.executescript(migration.sql)
    conn.execute("INSERT INTO annotators (name, created_at) VALUES ('ann', 't')")
    conn.execute("INSERT INTO groups (name, created_at) VALUES ('g', 'now')")
    conn.execute("INSERT INTO documents (group_id, position, title, format, sha256, lang, lang_source, text,"
                 " imported_at) VALUES (1, 0, 'doc', 'text', 'h', 'en', 'detected', 'One.', 'now')")
    conn.execute("INSERT INTO paragraphs (document_id, idx, start, end, lang, lang_source)"
                 " VALUES (1, 0, 0, 4, 'en', 'detected')")
    conn.execute("INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang)"
                 " VALUES (1, 1, 0, 0, 4, 'One.', 'en')")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {version}")
    return conn
