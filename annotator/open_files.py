"""The files this process holds open as projects, by (device, inode), with the name each was
opened by. A reader of documents or a writer of exports must not open and close such a file,
nor its WAL, shared-memory or journal file, beside the connection: closing any descriptor of a
file drops all of the process's POSIX locks on it, SQLite's included. The store registers its
connections here (store/connection.py); the text pipeline and the exports ask, without
knowing of SQLite. `lock` makes checking a file and opening a connection one step between
threads."""

from __future__ import annotations

import contextlib
import os
import threading
import weakref
from collections.abc import Callable
from pathlib import Path

lock = threading.Lock()
_holders: dict[tuple[int, int], tuple[str, weakref.WeakSet, Callable[[object], bool]]] = {}
_COMPANIONS = ("-wal", "-shm", "-journal")


def register(holder: object, path: Path, is_open: Callable[[object], bool]) -> None:
    """`holder` (weakly referred to) has `path` open for as long as `is_open(holder)`; call
    with `lock` held."""
    try:
        info = os.stat(path)
    except OSError:
        return
    for key in [key for key, (_, held, still) in _holders.items() if not any(still(h) for h in held)]:
        del _holders[key]
    _holders.setdefault((info.st_dev, info.st_ino), (os.path.abspath(path), weakref.WeakSet(), is_open))[1].add(holder)


def held_here(info: os.stat_result) -> bool:
    """Whether the file `info` describes is open as a project here (call with `lock` held)."""
    entry = _holders.get((info.st_dev, info.st_ino))
    return entry is not None and any(entry[2](holder) for holder in entry[1])


def companion_here(info: os.stat_result) -> bool:
    """Whether it is the WAL, shared-memory or journal file of one (call with `lock` held)."""
    for name, held, still in list(_holders.values()):
        if any(still(holder) for holder in held):
            for suffix in _COMPANIONS:
                with contextlib.suppress(OSError):
                    if os.path.samestat(os.stat(f"{name}{suffix}"), info):
                        return True
    return False


def open_in_this_process(info: os.stat_result) -> bool:
    """Whether the file `info` describes is a project this process has a connection to, or its
    WAL, shared-memory or journal file: such a file must not be opened and closed beside the
    connection (the close would drop SQLite's locks on it), nor replaced."""
    with lock:
        return held_here(info) or companion_here(info)
