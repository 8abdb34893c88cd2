"""SQLite's failures in one line: each kind, its exact words, and the advice it gives."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.store import errors
from annotator.errors import ProjectError, ProjectLockedError


def _error(code: int | None, text: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(text)
    if code is not None:
        error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize("code, text", [(sqlite3.SQLITE_FULL, "database or disk is full"),
                                        (None, "database or disk is full"), (None, "No space left on device")])
def test_a_full_disk(code, text):
    message = str(errors.translate(_error(code, text), "p.sqlite"))
    assert message == ("p.sqlite: disk full: there is no room to write the project; free some space and try "
                       "again (nothing was changed)")


@pytest.mark.parametrize("code, text", [(sqlite3.SQLITE_READONLY, "attempt to write a readonly database"),
                                        (None, "attempt to write a readonly database")])
def test_a_file_that_cannot_be_written(code, text):
    assert str(errors.translate(_error(code, text), "p.sqlite")) == (
        "p.sqlite: read-only: the project file cannot be written (check its permissions and attributes, "
        "e.g. lsattr / chattr -i); nothing was changed")


@pytest.mark.parametrize("code, text", [(sqlite3.SQLITE_CORRUPT, "database disk image is malformed"),
                                        (sqlite3.SQLITE_NOTADB, "file is not a database"),
                                        (None, "database disk image is malformed")])
def test_a_damaged_file(code, text):
    assert str(errors.translate(_error(code, text), "p.sqlite")) == (
        f"p.sqlite: is damaged ({text}): check it with sqlite3 'p.sqlite' 'PRAGMA integrity_check' and go back "
        "to its latest .bak copy if there is one; nothing was changed")


@pytest.mark.parametrize("code", [sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, None])
def test_a_busy_file(code):
    translated = errors.translate(_error(code, "database is locked"), "p.sqlite")
    assert isinstance(translated, ProjectLockedError)
    assert str(translated) == "p.sqlite: is busy: another program is writing to it; try again in a moment"


def test_an_io_error_is_a_full_disk_only_when_the_disk_is_full(monkeypatch, tmp_path):
    path = str(tmp_path / "p.sqlite")
    monkeypatch.setattr(errors, "_disk_is_full", lambda where: False)
    for code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN, None):
        assert str(errors.translate(_error(code, "disk I/O error"), path)) == (
            f"{path}: cannot be read or written (disk I/O error): check the disk and the folder; nothing was changed")
    monkeypatch.setattr(errors, "_disk_is_full", lambda where: where == path)
    assert "disk full" in str(errors.translate(_error(sqlite3.SQLITE_IOERR, "disk I/O error"), path))


def test_the_free_space_test(tmp_path, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10, 10, errors.FULL_BELOW - 1))
    assert errors._disk_is_full(str(tmp_path / "p.sqlite"))
    monkeypatch.setattr(shutil, "disk_usage", lambda folder: usage(10, 0, errors.FULL_BELOW))
    assert not errors._disk_is_full(str(tmp_path / "p.sqlite"))

    def fails(folder):
        raise OSError("gone")
    monkeypatch.setattr(shutil, "disk_usage", fails)
    assert not errors._disk_is_full(str(tmp_path / "p.sqlite"))


def test_anything_else_is_still_one_line_naming_the_file():
    translated = errors.translate(_error(None, "FOREIGN KEY constraint failed"), "p.sqlite")
    assert type(translated) is ProjectError
    assert str(translated) == "p.sqlite: SQLite error: FOREIGN KEY constraint failed"
