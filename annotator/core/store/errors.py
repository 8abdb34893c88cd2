"""SQLite's failures, said in one line that names the project file and what to do.

A healthy file is never called corrupt: a full disk says "disk full", a file that cannot be
written says "read-only", and only SQLite's own corruption codes say "damaged", with the check
to run and the backup to go back to."""

from __future__ import annotations

import os
import shutil
import sqlite3

from annotator.errors import AnnotatorError, ProjectError, ProjectLockedError

DatabaseError = sqlite3.Error  # for callers outside the store that must catch SQLite's errors
FULL_BELOW = 1 << 20  # bytes free: SQLite often reports a full disk only as an I/O error


def _disk_is_full(path: str) -> bool:
    try:
        return shutil.disk_usage(os.path.dirname(os.path.abspath(path)) or ".").free < FULL_BELOW
    except OSError:
        return False


def translate(error: sqlite3.Error, path: str) -> AnnotatorError:
    """The project's own error for one of SQLite's."""
    text = str(error)
    code = getattr(error, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    lowered = text.lower()
    io_failure = primary in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN) or "disk i/o" in lowered
    if primary == sqlite3.SQLITE_FULL or "disk is full" in lowered or "no space" in lowered \
            or (io_failure and _disk_is_full(path)):
        return ProjectError(path, "disk full: there is no room to write the project; free some space and try "
                                  "again (nothing was changed)")
    if primary == sqlite3.SQLITE_READONLY or "readonly database" in lowered or "read-only" in lowered:
        return ProjectError(path, "read-only: the project file cannot be written (check its permissions and "
                                  "attributes, e.g. lsattr / chattr -i); nothing was changed")
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "malformed" in lowered \
            or "not a database" in lowered:
        return ProjectError(path, f"is damaged ({text}): check it with sqlite3 '{path}' 'PRAGMA integrity_check' "
                                  f"and go back to its latest .bak copy if there is one; nothing was changed")
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in lowered:
        return ProjectLockedError(path, "is busy: another program is writing to it; try again in a moment")
    if io_failure:
        return ProjectError(path, f"cannot be read or written ({text}): check the disk and the folder; "
                                  "nothing was changed")
    return ProjectError(path, f"SQLite error: {text}")


def not_text(path: str, what: str, value) -> AnnotatorError:
    """The line for a text column holding something else (`what`: "sentence 12"): a BLOB
    another program stored, or a damaged page. Refused rather than guessed at."""
    kind = ("binary data (a BLOB)" if isinstance(value, (bytes, memoryview)) else "no value (NULL)"
            if value is None else f"a number ({type(value).__name__})")
    return ProjectError(path, f"{what} holds {kind} where its text should be: the file was written by another "
                              f"program or is damaged; nothing was changed")


def damaged(path: str, detail: str) -> AnnotatorError:
    """The "is damaged" line for a value SQLite read without complaint that no annotator could
    have written (a label without a name after a page was overwritten)."""
    return translate(sqlite3.DatabaseError(f"database disk image is malformed: {detail}"), path)
