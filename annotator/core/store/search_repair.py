"""A dropped or damaged full-text index is rebuilt, not a reason to refuse the project.

The search indexes (migrations 13 and 20) only mirror the sentences' text, so a writer that
finds them missing (a table dropped by another tool), foreign (a trigger of that name that is
not ours) or unreadable (SQLite cannot even open the index: "vtable constructor failed") drops
whatever is left of them and creates them again, empty, in one transaction. The search's
catch-up then indexes every sentence again: the app's background job after opening, or the
next search. Nothing else is touched: labels, notes, links and history stay as they were. A
reader (read-only, or the app has the file) cannot write, and still refuses such a file in one
line. Damage found only while searching (a garbled page deep in an index) is repaired the same
way by the search itself (store/search.py).
"""

from __future__ import annotations

import functools
import logging
import sqlite3

from annotator.core.store import schema_check
from annotator.core.store.migrations import Migration

SEARCH_MIGRATIONS = (13, 20)
# FTS5's own tables behind a virtual table (those of ours that exist: data, idx, config, content)
_SHADOWS = ("data", "idx", "config", "content", "docsize")
log = logging.getLogger("annotator")


@functools.lru_cache(maxsize=8)
def search_objects(migrations: tuple[Migration, ...]) -> frozenset[str]:
    """The names of the objects the search's migrations among `migrations` create (their
    FTS5 shadow tables included)."""
    every = schema_check.expected(migrations)
    without = schema_check.expected(tuple(m for m in migrations if m.version not in SEARCH_MIGRATIONS))
    return frozenset(name for _, name, _, _ in every.ordered) - {name for _, name, _, _ in without.ordered}


def check_or_repair(conn: sqlite3.Connection, path: str, version: int, migrations: tuple[Migration, ...],
                    readonly: bool) -> None:
    """schema_check.check, except that a writer whose file differs from ours only in the search
    indexes gets them created again (and a probe of each index that fails does the same)."""
    mine = tuple(m for m in migrations if m.version <= version)
    names = search_objects(mine)
    try:
        schema_check.check(conn, path, version, migrations)
    except Exception:
        if readonly or not names or not schema_check.same_but(conn, version, migrations, names):
            raise
        recreate(conn, path, mine, "missing or not annotator's own")
        schema_check.check(conn, path, version, migrations)
        return
    if names and not readonly:
        broken = _unreadable(conn, names)
        if broken:
            recreate(conn, path, mine, broken)


def _unreadable(conn: sqlite3.Connection, names: frozenset[str]) -> str | None:
    """Why one of the full-text indexes cannot be read (a cheap lookup of each), or None."""
    for name in sorted(names):
        if f"{name}_config" not in names:
            continue  # not a full-text index
        try:
            conn.execute(f"SELECT rowid FROM {name} WHERE {name} MATCH 'qqz' LIMIT 1").fetchall()
        except (sqlite3.DatabaseError, MemoryError) as error:  # a garbled page can claim any size
            return f"damaged ({name}: {error or 'out of memory'})"
    return None


def recreate(conn: sqlite3.Connection, path: str, migrations: tuple[Migration, ...], why: str) -> None:
    """Drop what is there of the search indexes and create them again, empty, in one
    transaction (the caller's, when it has one); say so in one line."""
    from annotator.core.store.connection import _statements  # (connection imports this module)

    names = search_objects(migrations)
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("SAVEPOINT search_repair")
        found = conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
        for kind, name, _ in found:
            if kind == "trigger" and name in names:
                conn.execute(f'DROP TRIGGER "{name}"')
        for kind, name, sql in found:
            if kind == "table" and name in names and (sql or "").upper().startswith("CREATE VIRTUAL"):
                _drop_virtual(conn, name)
        for kind, name, _ in conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall():
            if name in names and kind in ("table", "view", "index"):
                conn.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
        for migration in migrations:
            if migration.version in SEARCH_MIGRATIONS:
                for statement in _statements(migration.sql):
                    conn.execute(statement)
        conn.execute("RELEASE search_repair")
    except BaseException:
        conn.execute("ROLLBACK TO search_repair")
        conn.execute("RELEASE search_repair")
        if own:
            conn.execute("ROLLBACK")
        raise
    if own:
        conn.execute("COMMIT")
    log.warning("%s: its search index was %s; it was made again, empty, and every sentence is indexed"
                " again by the next search (labels untouched)", path, why)


def _drop_virtual(conn: sqlite3.Connection, name: str) -> None:
    """Drop an FTS5 table; one SQLite cannot open any more (its configuration or structure
    garbled) is dropped by hand: its shadow tables (which hold all its pages), then its entry
    in the schema (a virtual table has no pages of its own)."""
    try:
        conn.execute(f'DROP TABLE "{name}"')
        return
    except (sqlite3.DatabaseError, MemoryError):
        pass
    for suffix in _SHADOWS:
        conn.execute(f'DROP TABLE IF EXISTS "{name}_{suffix}"')
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("DELETE FROM sqlite_master WHERE type = 'table' AND name = ?", [name])
    finally:
        conn.execute("PRAGMA writable_schema = RESET")

