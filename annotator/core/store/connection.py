"""Opening a project file: header check, the writer's OS lock, the connection and its pragmas,
numbered migrations after a backup, and the nestable transaction every write goes through.

Thread rule: a connection belongs to the thread that opened it (sqlite3's own
check_same_thread, left on), so a background job that touched the UI's connection would fail
at once instead of racing it. A job opens its own connection with `Store.worker()`.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import stat
import tempfile
import weakref
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import filelock
import sqlite_utils

from annotator.core.store.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.store import search_repair
from annotator.core.store.errors import translate
from annotator import open_files
from annotator.errors import ProjectError, ProjectLockedError
from annotator.paths import resource

APPLICATION_ID = 0x414E4E4F  # "ANNO"
_SQLITE_HEADER = b"SQLite format 3\x00"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_labels() -> list[dict]:
    return json.loads(resource("labels.json").read_text(encoding="utf-8"))


def check_file(path: Path, *, new_allowed: bool) -> os.stat_result | None:
    """What is at `path`, from os.stat alone (it opens nothing, so a FIFO cannot hang us): the
    file's stat when it holds something to open; None when a new project is to be made there
    (nothing there yet, or an empty file, which only a command that creates projects may fill)."""
    name = str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if not new_allowed:
            raise ProjectError(name, "no such project file") from None
        return None
    except OSError as error:
        raise ProjectError(name, f"cannot be read: {_reason(error)}") from None
    except ValueError:  # a NUL byte in the name
        raise ProjectError(name, "is not a valid file name") from None
    if stat.S_ISDIR(info.st_mode):
        raise ProjectError(name, "is a directory, not a project file")
    if not stat.S_ISREG(info.st_mode):
        raise ProjectError(name, "is not a regular file (a device, FIFO or socket): not an annotator project")
    if info.st_size == 0:
        if not new_allowed:
            raise ProjectError(name, "is empty (0 bytes): not an annotator project")
        return None
    return info


def check_header(path: Path, info: os.stat_result | None = None) -> None:
    """Refuse a file that is not SQLite, by its first 16 bytes. Never while a connection of this
    process has the file open (`info` says which file): closing any descriptor of a file drops
    all of the process's POSIX locks on it, SQLite's included, and another process would then
    think itself the last one and delete the WAL under the open connection. Such a file was
    checked before its first connection; SQLite refuses what changed since."""
    with open_files.lock:
        if info is not None and open_files.held_here(info):
            return
        if info is not None and open_files.companion_here(info):
            raise ProjectError(str(path), "is the WAL, shared-memory or journal file of an open project, not a project")
        try:
            with path.open("rb") as handle:
                header = handle.read(16)
        except OSError as error:
            raise ProjectError(str(path), f"cannot be read: {_reason(error)}") from None
    if header and header != _SQLITE_HEADER:
        raise ProjectError(str(path), "is not an annotator project (not an SQLite database)")


def _reason(error: OSError) -> str:
    return "permission denied" if isinstance(error, PermissionError) else str(error.strerror or error)


class _Connection(sqlite3.Connection):
    """sqlite3's connection, which can be weakly referred to (the register of open files)."""


def _is_open(conn: sqlite3.Connection) -> bool:
    try:
        conn.in_transaction
    except sqlite3.ProgrammingError:  # closed
        return False
    return True


def remove_project_files(path: Path | str) -> None:
    """Delete a project file with its WAL, shared-memory, journal and lock files (a project that
    a failed command created is not left behind). The caller holds the writer's lock: a lock
    file is only removed by its holder (acquire_lock checks the file it locked is still there)."""
    for suffix in ("", "-wal", "-shm", "-journal", "-lock"):
        with contextlib.suppress(OSError):
            os.unlink(f"{path}{suffix}")


class WriterLock:
    """The writer's lock: an OS lock (flock, as filelock takes it) on PROJECT-lock, held on the
    file that path still names. A lock taken on a lock file that its holder removed meanwhile
    keeps nobody out; it is let go and the file now there is tried instead."""

    def __init__(self, lock_file: str):
        self.lock_file = lock_file
        self._fd: int | None = None

    def acquire(self) -> None:
        import fcntl

        for _ in range(10):
            fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0)
                         | getattr(os, "O_NOFOLLOW", 0), 0o644)
            try:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except OSError as error:
                    if error.errno in (errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES):  # held (some file systems: EACCES)
                        raise filelock.Timeout(self.lock_file) from None
                    raise
                if os.path.samestat(os.fstat(fd), os.stat(self.lock_file)):
                    self._fd = fd
                    return
            except FileNotFoundError:
                pass  # removed by its holder after we opened it: try the file there now
            except BaseException:
                os.close(fd)
                raise
            os.close(fd)
        raise filelock.Timeout(self.lock_file)

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the descriptor lets the flock go


def acquire_lock(path: Path) -> WriterLock | filelock.BaseFileLock:
    """The writer's lock, refused at once (never waited for) when another process holds it."""
    lock = WriterLock(f"{path}-lock") if os.name == "posix" else filelock.FileLock(f"{path}-lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise ProjectLockedError(str(path), "is already open in another annotator process; close it there first") from None
    except OSError as error:
        raise ProjectError(str(path), f"cannot create its lock file: {error.strerror or error}") from None
    return lock


def connect(path: Path) -> sqlite_utils.Database:
    with open_files.lock:
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=10, factory=_Connection)
        except sqlite3.Error as error:
            raise ProjectError(str(path), f"cannot be opened ({error})") from None
        open_files.register(conn, path, _is_open)
    conn.text_factory = _text
    # no sqlite-utils plugins: finding them scans every installed package's metadata (tens of ms
    # on each open, the app's start included), and none of them is ours to run on a project
    return sqlite_utils.Database(conn, execute_plugins=False)


def _text(value: bytes) -> str:
    """TEXT as str; bytes that are not UTF-8 (another tool may have stored them) become U+FFFD
    instead of failing every read that meets them."""
    return value.decode("utf-8", "replace")


class Transactions:
    """Nestable transactions on one connection: the outermost is BEGIN IMMEDIATE ... COMMIT,
    inner ones are savepoints, so domain writers compose into one all-or-nothing command and
    an inner failure that the caller handles undoes only its own part."""

    def __init__(self, db: sqlite_utils.Database, path: Path | None = None):
        self.db = db
        self.path = str(path)
        self.depth = 0

    @contextlib.contextmanager
    def __call__(self) -> Iterator[None]:
        name = f"annotator_{self.depth}"
        outermost = self.depth == 0
        try:
            self.db.execute("BEGIN IMMEDIATE" if outermost else f"SAVEPOINT {name}")
        except sqlite3.Error as error:
            raise translate(error, self.path) from None
        self.depth += 1
        try:
            yield
            if outermost:
                self.db.execute("COMMIT")
            else:
                self.db.execute(f"RELEASE {name}")
            self.depth -= 1
        except BaseException as failure:
            self.depth -= 1
            self._undo(name, outermost)
            if isinstance(failure, sqlite3.Error):  # one line naming the file, never a traceback
                raise translate(failure, self.path) from None
            raise

    def _undo(self, name: str, outermost: bool) -> None:
        """Roll back what the failed part did; when SQLite already ended the transaction (a
        full disk can), there is nothing left to undo, and that must not hide the first error."""
        with contextlib.suppress(sqlite3.Error):
            if outermost:
                if self.db.conn.in_transaction:
                    self.db.execute("ROLLBACK")
            elif self.db.conn.in_transaction:
                self.db.execute(f"ROLLBACK TO {name}")
                self.db.execute(f"RELEASE {name}")


def prepare(db: sqlite_utils.Database, path: Path, readonly: bool, lock: filelock.BaseFileLock | None
            ) -> Path | None:
    """Check the file is a project we can read (its schema all annotator's own), migrate it if
    older (a writer, under its `lock`, after a backup; a reader reads a migrated copy and never
    writes to the file), set the pragmas. Returns the backup's path when it migrated."""
    name = str(path)
    try:
        app_id = _pragma(db, "application_id")
        version = _pragma(db, "user_version")
        tables = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as error:
        db.close()
        raise translate(error, name) from None
    if app_id != APPLICATION_ID and (tables or version or app_id):
        db.close()
        raise ProjectError(name, "is an SQLite database but not an annotator project")
    if version > LATEST_VERSION:
        db.close()
        raise ProjectError(name, f"was written by a newer annotator (schema version {version}; "
                                 f"this one reads up to {LATEST_VERSION}): upgrade annotator to open it")
    backup = None
    try:
        # before anything can run a trigger of theirs; a writer makes dropped or damaged search indexes again
        search_repair.check_or_repair(db.conn, name, version, MIGRATIONS, readonly)
        if version < LATEST_VERSION and readonly:
            _read_a_migrated_copy(db, path, version)
        _set_pragmas(db)
        if version < LATEST_VERSION and not readonly:
            backup = _migrate(db, path, version)
        if not readonly:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if readonly:
            db.execute("PRAGMA query_only = ON")
    except sqlite3.Error as error:
        db.close()
        raise translate(error, name) from None
    except BaseException:
        db.close()
        raise
    return backup


def _pragma(db: sqlite_utils.Database, name: str) -> int:
    return db.execute(f"PRAGMA {name}").fetchone()[0]


def _set_pragmas(db: sqlite_utils.Database) -> None:
    db.execute("PRAGMA foreign_keys = ON")
    db.execute("PRAGMA busy_timeout = 10000")


def _migrate(db: sqlite_utils.Database, path: Path, version: int) -> Path | None:
    """Upgrade the writer's file in place (it holds the lock), after a backup beside it."""
    backup = _backup(db, path, version) if version > 0 else None
    if version == 0:
        db.execute("PRAGMA journal_mode = WAL")
    try:
        _apply_migrations(db, path, version)
    except BaseException:
        if backup is not None:
            with contextlib.suppress(Exception):
                if _pragma(db, "user_version") == version:  # the file is as it was: its copy would
                    backup.unlink(missing_ok=True)  # only pile up, one per try
        raise
    return backup


def _apply_migrations(db: sqlite_utils.Database, path: Path, version: int) -> None:
    """Every migration after `version`, each in its own transaction; errors name `path`."""
    transaction = Transactions(db, path)
    for migration in MIGRATIONS:
        if migration.version <= version:
            continue
        try:
            with transaction():
                for statement in _statements(migration.sql):
                    db.execute(statement)
                if migration.version == 1:
                    _seed_labels(db)
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                db.execute(f"PRAGMA user_version = {migration.version}")
        except ProjectError as error:
            if version > 0 and error.problem.startswith("read-only"):  # say why opening it wanted to write
                raise ProjectError(path, f"read-only, and saved by an older annotator (schema version {version},"
                                         f" this one reads {MIGRATIONS[-1].version}): it must be upgraded, which"
                                         " writes to it; copy it somewhere writable, or make it writable;"
                                         " nothing was changed") from None
            raise


class _TemporaryCopy(sqlite3.Connection):
    """A connection to a migrated copy of an older file, in a folder of its own that goes with
    it (on close, or when the connection is collected)."""

    def remove_with(self, folder: str) -> None:
        self._remove = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)

    def close(self) -> None:
        try:
            super().close()
        finally:
            remover = getattr(self, "_remove", None)
            if remover is not None:
                remover()


def _read_a_migrated_copy(db: sqlite_utils.Database, path: Path, version: int) -> None:
    """A reader of an older file (a returned package given to merge, progress or export) never
    writes to it: the file is copied to a temporary folder, the copy is migrated, and `db` reads
    the copy from then on. Errors still name the file the user gave."""
    folder = tempfile.mkdtemp(prefix="annotator-")
    copy = Path(folder) / "copy.sqlite"
    try:
        copy_conn = sqlite3.connect(copy, isolation_level=None, timeout=10, factory=_TemporaryCopy)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    copy_conn.remove_with(folder)
    try:
        copy_conn.text_factory = _text
        db.conn.backup(copy_conn)
        migrated = sqlite_utils.Database(copy_conn, execute_plugins=False)
        _set_pragmas(migrated)
        _apply_migrations(migrated, path, version)
    except BaseException:
        copy_conn.close()
        raise
    db.conn.close()
    db.conn = copy_conn


def _backup(db: sqlite_utils.Database, path: Path, version: int) -> Path:
    target = path.with_name(f"{path.name}.v{version}.bak")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.v{version}.{counter}.bak")
    with contextlib.closing(sqlite3.connect(target)) as destination:
        db.conn.backup(destination)
    return target


def _seed_labels(db: sqlite_utils.Database) -> None:
    db["labels"].insert_all(
        ({"name": label["name"], "key": label.get("key"), "color": label["color"],
          "description": label.get("description", ""), "position": position}
         for position, label in enumerate(default_labels())))


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements, to run them inside our own transaction
    (executescript would commit first). A trigger's body holds ';' of its own: pieces are joined
    until SQLite says the statement is complete. Our migrations have no ';' inside literals."""
    statements, pending = [], ""
    for part in sql.split(";"):
        pending = f"{pending};{part}" if pending else part
        if sqlite3.complete_statement(pending + ";"):
            if pending.strip():
                statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements
