"""Reading a project file that came from elsewhere (a merge input, a returned package) with
bounds, so that a hostile or damaged file costs a one-line refusal, not a hang, gigabytes of
memory or a traceback.

Opening already refused every object annotator did not create (schema_check.py). Reading then:
- checks the pages (SQLite's quick check) and every value's type and size, table by table,
  before anything is read whole: a text where annotator writes a number, or a value larger
  than VALUE_BYTES, is refused in one line, before it is materialised (SQLite refuses to load
  a larger one at all);
- interrupts a query that works longer than QUERY_SECONDS without giving a row. Only the time
  SQLite spends on a step counts, not the time the caller spends on the rows it was given, so
  a merge that writes a large input into its output is never cut.

The GUI and export read the user's own project: they get the schema check, not these bounds
(a legitimate export of a million sentences must not be cut).
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING

from annotator.core.store.errors import translate
from annotator.errors import ProjectError

if TYPE_CHECKING:
    from annotator.core.store.project import Store

QUERY_SECONDS = 60.0  # one step of one query; a legitimate step takes well under a second
VALUE_BYTES = 256 << 20  # one text or blob: far above any document annotator imports
_TICK = 1000  # SQLite virtual machine instructions between two looks at the clock

# What annotator writes in a column of each declared type (NULL too where the column allows it).
_TYPES = {"INTEGER": ("integer",), "REAL": ("real", "integer"), "TEXT": ("text",), "BLOB": ("blob",)}
_LIMIT_LENGTH = sqlite3.SQLITE_LIMIT_LENGTH


class _Clock:
    """The progress handler's clock: the time SQLite has worked on the current step."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.spent = 0.0
        self.last: float | None = None
        self.ran_out = False

    def restart(self, *_) -> None:
        """A statement starts, or a row went back to the caller: the caller's time is not counted."""
        self.spent, self.last = 0.0, None

    def row(self, _cursor, row: tuple) -> tuple:
        self.restart()
        return row

    def tick(self) -> int:
        now = time.monotonic()
        if self.last is not None:
            self.spent += now - self.last
        self.last = now
        if self.spent > self.seconds:
            self.ran_out = True
            return 1  # SQLite interrupts the statement
        return 0


@contextlib.contextmanager
def bounded(store: "Store", check: bool = True) -> Iterator["Store"]:
    """Read `store` (open read-only) within the bounds above; with `check`, its pages and values
    are checked first. Whatever goes wrong inside because of a bound is one line naming the file."""
    conn = store.db.conn
    where = str(store.path)
    clock = _Clock(QUERY_SECONDS)
    previous_length = conn.getlimit(_LIMIT_LENGTH)
    conn.setlimit(_LIMIT_LENGTH, VALUE_BYTES)
    conn.set_progress_handler(clock.tick, _TICK)
    conn.set_trace_callback(clock.restart)
    conn.row_factory = clock.row
    try:
        if check:
            store.check()
            check_values(store)
        yield store
    except BaseException as failure:
        if clock.ran_out:
            raise ProjectError(where, f"a query ran longer than {clock.seconds:g} s: the file may be hostile or"
                                      " damaged; nothing was changed") from None
        if _too_big(failure):
            raise _value_too_big(where) from None
        raise
    finally:
        with contextlib.suppress(sqlite3.Error):  # a closed connection keeps nothing
            conn.row_factory = None
            conn.set_trace_callback(None)
            conn.set_progress_handler(None, 0)
            conn.setlimit(_LIMIT_LENGTH, previous_length)


def check_values(store: "Store") -> None:
    """Refuse a file holding a value annotator would not have written: a type other than its
    column's (a text start offset, a number for a name), or a value over VALUE_BYTES. Reads
    every row once, types off the record headers; texts are loaded by SQLite, one at a time,
    never by Python."""
    conn = store.db.conn
    where = str(store.path)
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"
                                             " AND name NOT LIKE 'sqlite_%' ORDER BY rowid")]
    for table in tables:
        columns = [(name, (kind or "").upper(), bool(not_null))
                   for _, name, kind, not_null, *_ in conn.execute(f'PRAGMA table_info("{table}")')]
        wrong = [_wrong_type(name, kind, not_null) for name, kind, not_null in columns if kind in _TYPES]
        sizes = [f'length("{name}") > {VALUE_BYTES}' for name, kind, _ in columns if kind in ("TEXT", "BLOB")]
        if not wrong and not sizes:
            continue
        listed = ", ".join(f'typeof("{name}")' for name, _, _ in columns)
        try:
            found = conn.execute(f'SELECT {listed} FROM "{table}" WHERE {" OR ".join(wrong + sizes)} LIMIT 1'
                                 ).fetchone()
        except sqlite3.Error as error:
            if _too_big(error):
                raise _value_too_big(where, table) from None
            raise translate(error, where) from None
        if found is None:
            continue
        for (name, kind, not_null), stored in zip(columns, found):
            if kind in _TYPES and stored not in _TYPES[kind] and (not_null or stored != "null"):
                raise ProjectError(where, f"holds a {stored} value in {table}.{name}, where annotator writes"
                                          f" {kind.lower()}s: the file may be hostile or damaged; refusing to read it")
        raise _value_too_big(where, table)


def _wrong_type(name: str, kind: str, not_null: bool) -> str:
    allowed = _TYPES[kind] if not_null else (*_TYPES[kind], "null")
    return f'typeof("{name}") NOT IN ({", ".join(repr(t) for t in allowed)})'


def _too_big(error: BaseException) -> bool:
    return isinstance(error, sqlite3.Error) and "too big" in str(error) or (
        isinstance(error, ProjectError) and "string or blob too big" in error.problem)


def _value_too_big(where: str, table: str | None = None) -> ProjectError:
    place = f" in {table}" if table else ""
    return ProjectError(where, f"holds a value{place} larger than {VALUE_BYTES >> 20} MB: the file may be hostile or"
                               " damaged; refusing to read it")
