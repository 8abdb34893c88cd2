"""Refusing a project file whose schema holds what annotator did not create.

A file can come from elsewhere (a returned package, a merge input). A trigger in it would run on
the user's own writes (deleting or rewriting their labels), a view standing in for a table can
compute an endless or gigantic answer, an index can call into anything. So every open compares
the file's `sqlite_master` with what the migrations create for its `user_version` (worked out on
an in-memory database, once per version) and refuses the first object that differs, or that is
missing, in one line.

Tables are compared by their columns, not by their SQL text: a file migrated by another SQLite
may spell a renamed table differently. Indexes, views and triggers are compared by their SQL.
An open is cheap: one query turns `sqlite_master` into one text, compared with the cached text of
ours; the object-by-object check runs only when they differ, and a schema that passed it (a
table spelled otherwise) is remembered.
"""

from __future__ import annotations

import functools
import sqlite3
from dataclasses import dataclass

from annotator.core.store.migrations import Migration
from annotator.core.store.errors import translate
from annotator.errors import ProjectError

_OBJECTS = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid"
# the whole schema as one text, in a fixed order (JSON: no two schemas read the same; a statement
# that ended a script keeps the line break after it)
_FINGERPRINT = ("SELECT json_group_array(json_array(type, name, tbl_name, rtrim(sql, char(9, 10, 13, 32))))"
                " FROM (SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name)")
_COLUMNS = 'SELECT cid, name, upper(type), "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?)'
# SQLite's own tables: ANALYZE's statistics and AUTOINCREMENT's counters (only query plans read them)
_SQLITE_TABLES = frozenset({"sqlite_sequence", "sqlite_stat1", "sqlite_stat2", "sqlite_stat3", "sqlite_stat4"})
_REMEMBERED = 32  # schemas that passed the column check (older files migrated by another SQLite)

Row = tuple[str, str, str, "str | None"]


@dataclass(frozen=True)
class Schema:
    """What annotator's migrations create up to one version."""
    fingerprint: str
    ordered: tuple[Row, ...]  # in the order they were created (for naming the first one missing)
    columns: dict[str, tuple]  # table -> its columns as pragma_table_xinfo lists them


_passed: set[tuple[str, str]] = set()  # (ours, theirs): schemas that differ from ours only in spelling


def check(conn: sqlite3.Connection, path: str, version: int, migrations: tuple[Migration, ...]) -> None:
    """Refuse (ProjectError naming the file and the first foreign object) a file whose schema is
    not what `migrations` create up to `version`."""
    try:
        fingerprint = conn.execute(_FINGERPRINT).fetchone()[0]
        ours = expected(tuple(m for m in migrations if m.version <= version))
        if fingerprint == ours.fingerprint or (ours.fingerprint, fingerprint) in _passed:
            return
        problem = _first_difference(conn, [tuple(row) for row in conn.execute(_OBJECTS)], ours, version)
    except sqlite3.Error as error:
        raise translate(error, path) from None
    if problem is not None:
        raise ProjectError(path, f"{problem}: refusing to open it")
    if len(_passed) >= _REMEMBERED:
        _passed.clear()
    _passed.add((ours.fingerprint, fingerprint))


def same_but(conn: sqlite3.Connection, version: int, migrations: tuple[Migration, ...], ignored: frozenset[str]) -> bool:
    """Whether the file's schema is ours once the objects named `ignored` are left out on both
    sides (the search indexes, which a writer makes again: store/search_repair.py)."""
    ours = expected(tuple(m for m in migrations if m.version <= version))
    found = [tuple(row) for row in conn.execute(_OBJECTS) if row[1] not in ignored]
    trimmed = Schema(ours.fingerprint, tuple(row for row in ours.ordered if row[1] not in ignored), ours.columns)
    return _first_difference(conn, found, trimmed, version) is None


@functools.lru_cache(maxsize=16)
def expected(migrations: tuple[Migration, ...]) -> Schema:
    """The schema these migrations create, read off an in-memory database they ran on."""
    conn = sqlite3.connect(":memory:")
    try:
        for migration in migrations:
            conn.executescript(migration.sql)
        fingerprint = conn.execute(_FINGERPRINT).fetchone()[0]
        ordered = tuple(tuple(row) for row in conn.execute(_OBJECTS) if not _internal(tuple(row)))
        columns = {name: _columns(conn, name) for kind, name, _, _ in ordered if kind == "table"}
    finally:
        conn.close()
    return Schema(fingerprint, ordered, columns)


def _first_difference(conn: sqlite3.Connection, found: list[Row], ours: Schema, version: int) -> str | None:
    """What is wrong with the schema, said in a few words, or None when it only differs in
    spelling (white space, a table's text as another SQLite rewrote it)."""
    wanted = {(kind, name): (table, _spaced(sql)) for kind, name, table, sql in ours.ordered}
    for row in found:
        if _internal(row):
            continue
        kind, name, table, sql = row
        foreign = f"has {_article(kind)} {kind} {name!r} that annotator did not create"
        if (kind, name) not in wanted or table != wanted[kind, name][0]:
            return foreign
        if _spaced(sql) == wanted[kind, name][1]:
            continue
        if kind != "table" or _spaced(sql).upper().startswith("CREATE VIRTUAL"):
            return foreign
        if _columns(conn, name) != ours.columns[name]:
            return f"has a table {name!r} whose columns annotator did not create (schema version {version})"
    present = {(kind, name) for kind, name, *_ in found}
    for kind, name, *_ in ours.ordered:
        if (kind, name) not in present:
            return f"lacks the {kind} {name!r} that annotator's schema version {version} has"
    return None


def _spaced(sql: str | None) -> str:
    return " ".join((sql or "").split())


def _article(kind: str) -> str:
    return "an" if kind[:1] in "aeiou" else "a"


def _columns(conn: sqlite3.Connection, table: str) -> tuple:
    return tuple(tuple(row) for row in conn.execute(_COLUMNS, [table]))


def _internal(row: Row) -> bool:
    """SQLite's own objects: the indexes behind UNIQUE and PRIMARY KEY constraints (they follow
    from the table) and the statistics tables. Nothing else may be named sqlite_..."""
    kind, name, _, sql = row
    if kind == "index":
        return sql is None and name.startswith("sqlite_autoindex_")
    return kind == "table" and name in _SQLITE_TABLES
