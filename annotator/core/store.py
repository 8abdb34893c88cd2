"""The project file: the only code that reads or writes SQLite.

One project = one SQLite file (WAL, synchronous=FULL, foreign keys on, our application_id).
A writer holds an OS lock on `<project>-lock` for as long as the project is open, so a second
writer is told "already open" at once; readers (export, stats) need no lock. Every user action
is one transaction, committed before the method returns.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

import filelock
import sqlite_utils

from annotator.core.analyze import AnalyzedDocument
from annotator.core.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.model import (
    Annotation,
    AnnotationChange,
    DocumentSummary,
    ImportOutcome,
    Label,
    Sentence,
)
from annotator.errors import NotFoundError, ProjectError, ProjectLockedError
from annotator.paths import resource

APPLICATION_ID = 0x414E4E4F  # "ANNO"
_SQLITE_HEADER = b"SQLite format 3\x00"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def default_labels() -> list[dict]:
    return json.loads(resource("labels.json").read_text(encoding="utf-8"))


class Store:
    """An open project. Use `Store.open(path)` (writer) or `Store.open(path, readonly=True)`."""

    def __init__(self, path: Path, db: sqlite_utils.Database, lock: filelock.BaseFileLock | None, readonly: bool):
        self.path = path
        self.db = db
        self._lock = lock
        self.readonly = readonly
        self.backup_path: Path | None = None  # set when opening migrated an older file

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(cls, path: str | os.PathLike, *, readonly: bool = False, create: bool = True) -> "Store":
        path = Path(path)
        name = str(path)
        if path.is_dir():
            raise ProjectError(name, "is a directory, not a project file")
        if not path.parent.is_dir():
            raise ProjectError(name, f"folder {path.parent} does not exist")
        exists = path.exists()
        if not exists and (readonly or not create):
            raise ProjectError(name, "no such project file")
        if exists:
            _check_header(path)
        lock = None if readonly else _acquire_lock(path)
        try:
            try:
                conn = sqlite3.connect(path, isolation_level=None, timeout=10, check_same_thread=False)
            except sqlite3.Error as error:
                raise ProjectError(name, f"cannot be opened ({error})") from None
            store = cls(path, sqlite_utils.Database(conn), lock, readonly)
            store._prepare()
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return store

    def _prepare(self) -> None:
        name = str(self.path)
        try:
            app_id = self._pragma("application_id")
            version = self._pragma("user_version")
            tables = self.db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as error:
            self.db.close()
            raise ProjectError(name, f"is corrupt or not an SQLite database ({error})") from None
        if app_id != APPLICATION_ID and (tables or version or app_id):
            self.db.close()
            raise ProjectError(name, "is an SQLite database but not an annotator project")
        if version > LATEST_VERSION:
            self.db.close()
            raise ProjectError(name, f"was written by a newer annotator (schema version {version}; "
                                     f"this one reads up to {LATEST_VERSION}): upgrade annotator to open it")
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 10000")
        if version < LATEST_VERSION:
            self._migrate(version)
        if not self.readonly:
            self.db.execute("PRAGMA journal_mode = WAL")
        self.db.execute("PRAGMA synchronous = FULL")
        if self.readonly:
            self.db.execute("PRAGMA query_only = ON")

    def _pragma(self, name: str) -> int:
        return self.db.execute(f"PRAGMA {name}").fetchone()[0]

    def _migrate(self, version: int) -> None:
        lock = self._lock
        if lock is None:  # a reader that finds an old file takes the writer's lock to upgrade it
            lock = _acquire_lock(self.path)
        try:
            if version > 0:
                self.backup_path = self._backup(version)
            else:
                self.db.execute("PRAGMA journal_mode = WAL")
            for migration in MIGRATIONS:
                if migration.version <= version:
                    continue
                with self._transaction():
                    for statement in _statements(migration.sql):
                        self.db.execute(statement)
                    if migration.version == 1:
                        self._seed_labels()
                    self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    self.db.execute(f"PRAGMA user_version = {migration.version}")
        finally:
            if lock is not self._lock:
                lock.release()

    def _backup(self, version: int) -> Path:
        target = self.path.with_name(f"{self.path.name}.v{version}.bak")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}.v{version}.{counter}.bak")
        with contextlib.closing(sqlite3.connect(target)) as destination:
            self.db.conn.backup(destination)
        return target

    def _seed_labels(self) -> None:
        for position, label in enumerate(default_labels()):
            self.db.execute(
                "INSERT INTO labels (name, key, color, description, position) VALUES (?, ?, ?, ?, ?)",
                [label["name"], label.get("key"), label["color"], label.get("description", ""), position],
            )

    def close(self) -> None:
        try:
            self.db.close()
        finally:
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        """One user action: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        if self.readonly:
            raise ProjectError(str(self.path), "is open read-only")
        return self._transaction()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def integrity_check(self) -> str:
        return "; ".join(row[0] for row in self.db.execute("PRAGMA integrity_check").fetchall())

    def schema_version(self) -> int:
        return self._pragma("user_version")

    # ----------------------------------------------------------------- import
    def document_id_by_hash(self, sha256: str) -> int | None:
        row = self.db.execute("SELECT id FROM documents WHERE sha256 = ?", [sha256]).fetchone()
        return row[0] if row else None

    def import_documents(self, documents: Iterable[tuple[AnalyzedDocument, str]]) -> list[ImportOutcome]:
        """Store analyzed documents, each with its group name, in one transaction.

        A document whose bytes are already in the project is skipped, not stored twice."""
        outcomes = []
        with self.transaction():
            for document, group in documents:
                source = document.source
                existing = self.document_id_by_hash(source.sha256)
                content = sum(1 for s in document.sentences if not s.boilerplate)
                outcome = dict(title=source.title, source_path=source.source_path, group=group,
                               lang=document.lang, sentences=content,
                               boilerplate=len(document.sentences) - content)
                if existing is not None:
                    outcomes.append(ImportOutcome(document_id=existing, skipped=True, **outcome))
                    continue
                doc_id = self._insert_document(document, self._group_id(group))
                outcomes.append(ImportOutcome(document_id=doc_id, skipped=False, **outcome))
        return outcomes

    def _group_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM groups WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO groups (name, created_at) VALUES (?, ?)", [name, now()]).lastrowid

    def _insert_document(self, document: AnalyzedDocument, group_id: int) -> int:
        source = document.source
        position = self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM documents WHERE group_id = ?",
                                   [group_id]).fetchone()[0]
        doc_id = self.db.execute(
            "INSERT INTO documents (group_id, position, title, source_path, format, sha256, encoding, lang,"
            " lang_source, external_id, metadata, text, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [group_id, position, source.title, source.source_path, source.format, source.sha256, source.encoding,
             document.lang, "given" if source.lang else "detected", source.external_id,
             json.dumps(source.metadata, ensure_ascii=False), source.text, now()],
        ).lastrowid
        conn = self.db.conn
        first_paragraph = (conn.execute("SELECT coalesce(max(id), 0) + 1 FROM paragraphs").fetchone()[0])
        conn.executemany(
            "INSERT INTO paragraphs (id, document_id, idx, start, end, lang, lang_source, boilerplate_reason)"
            " VALUES (?,?,?,?,?,?,?,?)",
            [(first_paragraph + i, doc_id, i, p.start, p.end, p.lang, p.lang_source, p.boilerplate)
             for i, p in enumerate(document.paragraphs)],
        )
        text = source.text
        conn.executemany(
            "INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang, boilerplate,"
            " boilerplate_reason) VALUES (?,?,?,?,?,?,?,?,?)",
            [(doc_id, first_paragraph + s.paragraph, i, s.start, s.end, text[s.start:s.end], s.lang,
              int(s.boilerplate is not None), s.boilerplate) for i, s in enumerate(document.sentences)],
        )
        group_pivot = self.db.execute("SELECT pivot_document_id FROM groups WHERE id = ?", [group_id]).fetchone()[0]
        if group_pivot is None:
            self.db.execute("UPDATE groups SET pivot_document_id = ? WHERE id = ?", [doc_id, group_id])
        return doc_id

    # ----------------------------------------------------------------- reading
    def sentence(self, sentence_id: int) -> Sentence:
        row = self.db.execute(
            "SELECT id, document_id, idx, start, end, text, lang, boilerplate, boilerplate_reason"
            " FROM sentences WHERE id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(str(self.path), f"no sentence with id {sentence_id}")
        return Sentence(row[0], row[1], row[2], row[3], row[4], row[5], row[6], bool(row[7]), row[8])

    def sentences(self, document_id: int) -> list[Sentence]:
        rows = self.db.execute(
            "SELECT id, document_id, idx, start, end, text, lang, boilerplate, boilerplate_reason"
            " FROM sentences WHERE document_id = ? ORDER BY idx", [document_id]).fetchall()
        return [Sentence(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8]) for r in rows]

    def document_text(self, document_id: int) -> str:
        row = self.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()
        if row is None:
            raise NotFoundError(str(self.path), f"no document with id {document_id}")
        return row[0]

    def paragraphs(self, document_id: int) -> list[dict]:
        return [dict(row) for row in self.db.query(
            "SELECT id, idx, start, end, lang, lang_source, boilerplate_reason FROM paragraphs"
            " WHERE document_id = ? ORDER BY idx", [document_id])]

    def labels(self) -> list[Label]:
        return [Label(r[0], r[1], r[2], r[3], r[4], r[5]) for r in self.db.execute(
            "SELECT id, name, key, color, description, position FROM labels ORDER BY position, id")]

    def find_label(self, name_or_key: str) -> Label:
        wanted = name_or_key.strip()
        for label in self.labels():
            if label.name.casefold() == wanted.casefold() or (label.key is not None and label.key == wanted):
                return label
        names = ", ".join(f"{label.name} ({label.key})" if label.key else label.name for label in self.labels())
        raise NotFoundError(str(self.path), f"no label {name_or_key!r}; labels are: {names}")

    def annotations(self, sentence_id: int) -> list[Annotation]:
        return [Annotation(*row) for row in self.db.execute(
            "SELECT an.sentence_id, lb.name, a.name, an.created_at, an.note FROM annotations an"
            " JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id"
            " WHERE an.sentence_id = ? ORDER BY lb.position, a.name", [sentence_id])]

    def all_annotations(self) -> list[Annotation]:
        return [Annotation(*row) for row in self.db.execute(
            "SELECT an.sentence_id, lb.name, a.name, an.created_at, an.note FROM annotations an"
            " JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id"
            " ORDER BY an.sentence_id, lb.position, a.name")]

    # ----------------------------------------------------------------- labeling
    def set_annotation(self, sentence_id: int, label_name: str, annotator: str, *, present: bool = True,
                       note: str | None = None) -> AnnotationChange:
        """Add (or with present=False remove) one annotator's label on one sentence: one transaction."""
        annotator = annotator.strip()
        if not annotator:
            raise ProjectError(str(self.path), "the annotator's name is empty")
        self.sentence(sentence_id)  # raises NotFoundError
        label = self.find_label(label_name)
        with self.transaction():
            annotator_id = self._annotator_id(annotator)
            row = self.db.execute(
                "SELECT id, note FROM annotations WHERE sentence_id = ? AND label_id = ? AND annotator_id = ?",
                [sentence_id, label.id, annotator_id]).fetchone()
            if not present:
                outcome = "unchanged"
                if row:
                    self.db.execute("DELETE FROM annotations WHERE id = ?", [row[0]])
                    outcome = "removed"
            elif row is None:
                self.db.execute(
                    "INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at, note)"
                    " VALUES (?, ?, ?, ?, ?)", [sentence_id, label.id, annotator_id, now(), note])
                outcome = "added"
            elif note is not None and note != row[1]:
                self.db.execute("UPDATE annotations SET note = ? WHERE id = ?", [note, row[0]])
                outcome = "note"
            else:
                outcome = "unchanged"
        return AnnotationChange(sentence_id, label.name, annotator, outcome)

    def _annotator_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO annotators (name, created_at) VALUES (?, ?)", [name, now()]).lastrowid

    # ----------------------------------------------------------------- alignment links
    def add_link(self, pivot_sentence_ids: list[int], other_sentence_ids: list[int], *, score: float | None,
                 origin: str = "machine") -> int:
        """Join pivot sentences to another document's sentences (one transaction)."""
        if not pivot_sentence_ids or not other_sentence_ids:
            raise ProjectError(str(self.path), "a link needs sentences on both sides")
        pivot_docs = {self.sentence(i).document_id for i in pivot_sentence_ids}
        other_docs = {self.sentence(i).document_id for i in other_sentence_ids}
        if len(pivot_docs) != 1 or len(other_docs) != 1 or pivot_docs == other_docs:
            raise ProjectError(str(self.path), "a link joins sentences of exactly two different documents")
        pivot_doc, other_doc = pivot_docs.pop(), other_docs.pop()
        group = self.db.execute("SELECT group_id FROM documents WHERE id = ?", [pivot_doc]).fetchone()[0]
        with self.transaction():
            link_id = self.db.execute(
                "INSERT INTO links (group_id, pivot_document_id, other_document_id, score, origin, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", [group, pivot_doc, other_doc, score, origin, now()]).lastrowid
            self.db.conn.executemany(
                "INSERT INTO link_sentences (link_id, sentence_id, side) VALUES (?, ?, ?)",
                [(link_id, i, "pivot") for i in pivot_sentence_ids] + [(link_id, i, "other") for i in other_sentence_ids])
        return link_id

    # ----------------------------------------------------------------- statistics
    def document_summaries(self) -> list[DocumentSummary]:
        rows = self.db.execute("""
            SELECT d.id, g.name, d.title, d.source_path, d.lang, d.encoding,
                   sum(s.boilerplate = 0), sum(s.boilerplate = 1),
                   sum(s.boilerplate = 0 AND EXISTS (SELECT 1 FROM annotations an WHERE an.sentence_id = s.id))
            FROM documents d JOIN groups g ON g.id = d.group_id LEFT JOIN sentences s ON s.document_id = d.id
            GROUP BY d.id ORDER BY g.id, d.position""").fetchall()
        return [DocumentSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6] or 0, r[7] or 0, r[8] or 0) for r in rows]

    def sentences_per_language(self) -> dict[str, int]:
        return dict(self.db.execute(
            "SELECT lang, count(*) FROM sentences WHERE boilerplate = 0 GROUP BY lang ORDER BY count(*) DESC, lang"))

    def sentences_per_label(self) -> dict[str, int]:
        return dict(self.db.execute("""
            SELECT lb.name, count(DISTINCT s.id) FROM labels lb
            LEFT JOIN annotations an ON an.label_id = lb.id
            LEFT JOIN sentences s ON s.id = an.sentence_id AND s.boilerplate = 0
            GROUP BY lb.id ORDER BY lb.position"""))

    def groups(self) -> list[dict]:
        return [dict(row) for row in self.db.query(
            "SELECT g.id, g.name, g.pivot_document_id, count(d.id) AS documents FROM groups g"
            " LEFT JOIN documents d ON d.group_id = g.id GROUP BY g.id ORDER BY g.id")]

    # ----------------------------------------------------------------- export
    def export_json_lines(self, include_boilerplate: bool = False) -> Iterator[str]:
        """One JSON object per sentence, built by SQLite itself and streamed row by row."""
        sql = f"""
            SELECT json_object(
              'group', g.name, 'doc_id', d.id, 'doc_title', d.title, 'source', d.source_path,
              'lang', s.lang, 'sentence_id', s.id, 'index', s.idx, 'text', s.text,
              'boilerplate', json(CASE s.boilerplate WHEN 1 THEN 'true' ELSE 'false' END),
              'labels', json({_LABELS_JSON}),
              'annotations', json({_ANNOTATIONS_JSON}),
              'aligned', json({_ALIGNED_JSON}))
            {_EXPORT_FROM}"""
        cursor = self.db.conn.execute(sql, [int(include_boilerplate)])
        try:
            for (line,) in cursor:
                yield line
        finally:
            cursor.close()

    def export_rows(self, include_boilerplate: bool = False) -> Iterator[tuple]:
        """(group, doc_id, doc_title, source, lang, sentence_id, index, text, boilerplate, labels joined by |)."""
        sql = f"""
            SELECT g.name, d.id, d.title, d.source_path, s.lang, s.id, s.idx, s.text, s.boilerplate,
              (SELECT group_concat(name, '|') FROM (
                 SELECT DISTINCT lb.name, lb.position FROM annotations an JOIN labels lb ON lb.id = an.label_id
                 WHERE an.sentence_id = s.id ORDER BY lb.position))
            {_EXPORT_FROM}"""
        cursor = self.db.conn.execute(sql, [int(include_boilerplate)])
        try:
            yield from cursor
        finally:
            cursor.close()


def _statements(sql: str) -> list[str]:
    """Split a migration script into statements, to run them inside our own transaction
    (executescript would commit first). Our migrations have no ';' inside literals."""
    return [part.strip() for part in sql.split(";") if part.strip()]


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except PermissionError:
        raise ProjectError(str(path), "cannot be read: permission denied") from None
    except OSError as error:
        raise ProjectError(str(path), f"cannot be read: {error.strerror or error}") from None
    if header and header != _SQLITE_HEADER:
        raise ProjectError(str(path), "is not an annotator project (not an SQLite database)")


def _acquire_lock(path: Path) -> filelock.BaseFileLock:
    lock = filelock.FileLock(f"{path}-lock", timeout=0)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise ProjectLockedError(str(path), "is already open in another annotator process; close it there first") from None
    except OSError as error:
        raise ProjectError(str(path), f"cannot create its lock file: {error.strerror or error}") from None
    return lock


_EXPORT_FROM = """
            FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id
            WHERE (?1 OR s.boilerplate = 0)
            ORDER BY g.id, d.position, s.idx"""

_LABELS_JSON = """(SELECT json_group_array(name) FROM (
    SELECT DISTINCT lb.name, lb.position FROM annotations an JOIN labels lb ON lb.id = an.label_id
    WHERE an.sentence_id = s.id ORDER BY lb.position))"""

_ANNOTATIONS_JSON = """(SELECT json_group_array(json_object('annotator', x.annotator, 'label', x.label,
                                                          'at', x.at, 'note', x.note)) FROM (
    SELECT a.name AS annotator, lb.name AS label, an.created_at AS at, an.note AS note
    FROM annotations an JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id
    WHERE an.sentence_id = s.id ORDER BY an.created_at, lb.position) x)"""

_OTHER_SIDE = """FROM link_sentences o JOIN sentences os ON os.id = o.sentence_id
                 WHERE o.link_id = me.link_id AND o.side <> me.side ORDER BY os.idx"""

_ALIGNED_JSON = f"""(SELECT json_group_array(json(x.entry)) FROM (
    SELECT json_object(
      'doc_id', CASE me.side WHEN 'pivot' THEN l.other_document_id ELSE l.pivot_document_id END,
      'lang', (SELECT os.lang {_OTHER_SIDE} LIMIT 1),
      'sentence_ids', json((SELECT json_group_array(y.id) FROM (SELECT os.id {_OTHER_SIDE}) y)),
      'text', (SELECT group_concat(y.text, ' ') FROM (SELECT os.text {_OTHER_SIDE}) y),
      'score', l.score, 'origin', l.origin) AS entry
    FROM link_sentences me JOIN links l ON l.id = me.link_id
    WHERE me.sentence_id = s.id ORDER BY l.other_document_id, l.id) x)"""
