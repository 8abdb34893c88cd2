"""The front door of the project file: `Store.open` opens, locks and migrates it and hands out
one manager per domain, in the manner of Anki's collection:

    store.documents    groups, documents, paragraphs, sentences (import and merge write here)
    store.corrections  a person's corrections to them: languages, boilerplate marks (undoable)
    store.resegmenting  sentences split and merged by hand (undoable)
    store.scheme       the label scheme (apply_scheme: one transaction for a whole edit)
    store.annotations  labels given by annotators, notes, judgements ("no label applies")
    store.gold         the adjudicated layer
    store.links        alignment links; store.embeddings, the aligner's vector cache
    store.vector_codes  its compact copy (sign bits) for more like this
    store.relations    typed relations between sentences of a group (corrects, attributes-to, …)
    store.spans        spans inside a sentence (source, cue, content) and the span labels
    store.label_groups label groups of a kind (exclusive, ordinal, yes/no, text), answers, flags for discussion
    store.structure    the groups and span labels edited as a whole (the scheme editor)
    store.confirmations  a reviewer's "this row is aligned right", which re-alignment keeps
    store.stats        counts over the project
    store.suggestions  a model's suggested labels with their probabilities (never annotations)
    store.plans        work packages for a team: the plan, the package a file is, returns
    store.layouts      kept side-by-side layouts of large groups (rows.py computes them)
    store.search       project-wide search over the full-text indexes
    store.events       history: every change, who, when, before and after (the writers record it)

Every write runs inside `store.transaction()`, which nests (savepoints): a command composes the
domain writers inside one outer transaction and is all or nothing. A background job opens its
own connection with `store.worker()` (see connection.py for the thread rule).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import sqlite3

import filelock
import sqlite_utils

from annotator.core.store import connection, foreign
from annotator.core.store.errors import translate
from annotator.core.store.annotations import Annotations, Gold
from annotator.core.store.confirmations import Confirmations
from annotator.core.store.corrections import Corrections
from annotator.core.store.documents import Documents
from annotator.core.store.events import Events
from annotator.core.store.layouts import Layouts
from annotator.core.store.resegment import Resegmenting
from annotator.core.store.links import Embeddings, Links
from annotator.core.store.plans import Plans
from annotator.core.store.label_groups import LabelGroups
from annotator.core.store.relations import Relations
from annotator.core.store.scheme import Scheme
from annotator.core.store.scheme_structure import SchemeStructure
from annotator.core.store.search import Search, Similar
from annotator.core.store.spans import Spans
from annotator.core.store.stats import Stats
from annotator.core.store.suggestions import Suggestions
from annotator.core.store.vector_codes import VectorCodes
from annotator.core.store.write_gate import WriteGate
from annotator.errors import ProjectError


class Store:
    """An open project. `Store.open(path)` (a writer) or `Store.open(path, readonly=True)`."""

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: filelock.BaseFileLock | None, readonly: bool,
                 owns_lock: bool = True, gate: WriteGate | None = None, yielding: bool | str | None = None):
        self.path = path
        # shared with its workers (write_gate.py): the store the app opened writes first, a
        # worker that yields after it, a worker that does not (yielding=False) as SQLite lets it;
        # an "interruptible" one is stopped by the app's write and redoes its transaction later
        self.gate = gate or WriteGate()
        self._gated = {None: self.gate.foreground, True: self.gate.background, False: contextlib.nullcontext,
                       "interruptible": lambda: self.gate.background(db.conn.interrupt)}[yielding]
        self.db = db
        self._lock = lock
        self._owns_lock = owns_lock
        self.readonly = readonly
        self.backup_path: Path | None = None  # set when opening migrated an older file
        self.created = False  # this open made the file (under the writer's lock)
        self._transactions = connection.Transactions(db, path)
        self.documents = Documents(self)
        self.corrections = Corrections(self)
        self.resegmenting = Resegmenting(self)
        self.scheme = Scheme(self)
        self.annotations = Annotations(self)
        self.gold = Gold(self)
        self.links = Links(self)
        self.embeddings = Embeddings(self)
        self.confirmations = Confirmations(self)
        self.relations = Relations(self)
        self.spans = Spans(self)
        self.label_groups = LabelGroups(self)
        self.structure = SchemeStructure(self)
        self.stats = Stats(self)
        self.suggestions = Suggestions(self)
        self.plans = Plans(self)
        self.layouts = Layouts(self)
        self.search = Search(self)
        self.similar = Similar(self)
        self.vector_codes = VectorCodes(self)
        self.events = Events(self)

    @classmethod
    def open(cls, path: str | os.PathLike, *, readonly: bool = False, create: bool = True) -> "Store":
        path = Path(path)
        name = str(path)
        if path.is_dir():
            raise ProjectError(name, "is a directory, not a project file")
        if not path.parent.is_dir():
            raise ProjectError(name, f"folder {path.parent} does not exist")
        new_allowed = create and not readonly
        found = connection.check_file(path, new_allowed=new_allowed)  # before a lock file is made for it
        if found is not None:
            connection.check_header(path, found)
        lock = None if readonly else connection.acquire_lock(path)
        created = False
        try:
            if lock is not None:  # whether this open makes the file is decided under the lock
                again = connection.check_file(path, new_allowed=new_allowed)
                if again is not None and (found is None or not os.path.samestat(again, found)):
                    connection.check_header(path, again)
                found = again
            created = found is None and not os.path.lexists(path)
            db = connection.connect(path)
            store = cls(path, db, lock, readonly)
            store.created = created
            store.backup_path = connection.prepare(db, path, readonly, lock)
        except BaseException:
            if lock is not None:
                if created:  # a file this open made is not left behind (the lock still keeps others out)
                    connection.remove_project_files(path)
                lock.release()
            raise
        return store

    def worker(self, yielding: bool | str = False) -> "Store":
        """A connection of its own for a background job, opened in (and only usable from) the
        job's thread. It writes under this store's lock; SQLite serialises the two writers.
        `yielding`: its transactions begin only when none of this store's waits or runs
        (write_gate.py); "interruptible": also, one of this store's stops it (`Yielded`); a
        worker that does not yield is ordered by SQLite alone."""
        db = connection.connect(self.path)
        connection.prepare(db, self.path, self.readonly, self._lock)
        return Store(self.path, db, self._lock, self.readonly, owns_lock=False, gate=self.gate, yielding=yielding)

    def close(self, *, remove_lock_file: bool = False) -> None:
        """Close, and let the writer's lock go. `remove_lock_file`: delete the lock file first,
        while it is still held (a package handed out is a single file)."""
        try:
            self.db.close()
        finally:
            if self._lock is not None and self._owns_lock:
                if remove_lock_file:
                    with contextlib.suppress(OSError):
                        os.unlink(f"{self.path}-lock")
                self._lock.release()
            self._lock = None

    def discard(self) -> None:
        """Close after a failed command. A file this open made is removed, with its WAL,
        shared-memory, journal and lock files, while the lock still keeps other writers out;
        a file that was there before is left to its owner."""
        try:
            self.db.close()
        finally:
            if self.created and self._lock is not None and self._owns_lock:
                connection.remove_project_files(self.path)
            self.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One user action or command: all or nothing. Nested calls are savepoints inside it."""
        if self.readonly:
            raise ProjectError(str(self.path), "is open read-only")
        return self._transactions() if self._transactions.depth else self._outermost()

    @contextlib.contextmanager
    def _outermost(self) -> Iterator[None]:
        with self._gated(), self._transactions():
            yield

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees the same state, even while another
        connection commits (used by export)."""
        conn = self.db.conn
        own = not conn.in_transaction
        try:
            if own:
                conn.execute("BEGIN")
            try:
                yield
            finally:
                if own and conn.in_transaction:
                    conn.execute("COMMIT")
        except sqlite3.Error as error:
            raise translate(error, str(self.path)) from None

    def check(self, tables: tuple[str, ...] | None = None) -> None:
        """SQLite's quick check of every page (about 0.2 s for 100,000 sentences), or of the pages
        of `tables` and their indexes only: a damaged file is refused with one line before a
        command reads it whole (merge's inputs, an export's tables)."""
        pragmas = ["PRAGMA quick_check(3)"] if tables is None else [f"PRAGMA quick_check({t})" for t in tables]
        for pragma in pragmas:
            try:
                problems = [row[0] for row in self.db.execute(pragma).fetchall()]
            except sqlite3.Error as error:
                raise translate(error, str(self.path)) from None
            if problems != ["ok"]:
                first = " ".join(problems[0].replace("*** in database main ***", "").split())
                raise translate(sqlite3.DatabaseError(f"database disk image is malformed: {first}"),
                                str(self.path))

    def foreign(self, check: bool = True) -> contextlib.AbstractContextManager["Store"]:
        """Reading a file that came from elsewhere (a merge input, a returned package): each
        query bounded in time, each value in size, and with `check` its pages and its values'
        types and sizes checked first; a failure is one line naming the file (foreign.py)."""
        return foreign.bounded(self, check)

    def read(self, sql: str, parameters=()) -> Iterator[tuple]:
        """Rows of a read-only query whose text another core module defines (the export's row
        format lives in export_rows.py, next to the export)."""
        return self.db.conn.execute(sql, parameters)

    def integrity_check(self) -> str:
        return "; ".join(row[0] for row in self.db.execute("PRAGMA integrity_check").fetchall())

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]

    def where(self) -> str:
        """The file name errors name."""
        return str(self.path)
