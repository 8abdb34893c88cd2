"""The project file: the only code that reads or writes SQLite.

One project = one SQLite file (WAL, synchronous=FULL, foreign keys on, our application_id).
A writer holds an OS lock on `<project>-lock` for as long as the project is open, so a second
writer is told "already open" at once; readers (export, stats) need no lock. Every user action
is one transaction, committed before the method returns.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

import filelock
import sqlite_utils

from annotator.core.migrations import LATEST_VERSION, MIGRATIONS
from annotator.core.model import (
    Annotation,
    AnnotationChange,
    DocumentSummary,
    ImportOutcome,
    Label,
    Link,
    Sentence,
)
from annotator.errors import NotFoundError, ProjectError, ProjectLockedError
from annotator.paths import resource

if TYPE_CHECKING:  # the analysis (numpy, the language model) is not needed to open a project
    from annotator.core.analyze import AnalyzedDocument

APPLICATION_ID = 0x414E4E4F  # "ANNO"
_SQLITE_HEADER = b"SQLite format 3\x00"


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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

    def find_sentences(self, group_id: int, query: str) -> list[int]:
        """Ids of the group's sentences containing `query`, ignoring case (any script)."""
        wanted = query.casefold()
        return [sentence_id for sentence_id, text in self.db.execute(
            "SELECT s.id, s.text FROM sentences s JOIN documents d ON d.id = s.document_id WHERE d.group_id = ?",
            [group_id]) if wanted in text.casefold()]

    def group_languages(self, group_id: int) -> list[str]:
        """The languages of a group's sentences (read off its paragraphs: a sentence has its
        paragraph's language, and there are fewer paragraphs)."""
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT p.lang FROM documents d JOIN paragraphs p ON p.document_id = d.id"
            " WHERE d.group_id = ? ORDER BY p.lang", [group_id])]

    def sentence_languages(self, group_id: int) -> dict[int, str]:
        return dict(self.db.execute("SELECT s.id, s.lang FROM sentences s JOIN documents d ON d.id = s.document_id"
                                    " WHERE d.group_id = ?", [group_id]))

    def sentence_ids(self, document_id: int, include_boilerplate: bool = True) -> list[int]:
        return [row[0] for row in self.db.execute(
            "SELECT id FROM sentences WHERE document_id = ? AND (? OR boilerplate = 0) ORDER BY idx",
            [document_id, int(include_boilerplate)])]

    def sentences_by_id(self, sentence_ids: list[int]) -> list[Sentence]:
        found = []
        for start in range(0, len(sentence_ids), 500):
            chunk = sentence_ids[start:start + 500]
            found += [Sentence(r[0], r[1], r[2], r[3], r[4], r[5], r[6], bool(r[7]), r[8]) for r in self.db.execute(
                "SELECT id, document_id, idx, start, end, text, lang, boilerplate, boilerplate_reason"
                f" FROM sentences WHERE id IN ({','.join('?' * len(chunk))})", chunk)]
        return found

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

    def _check_label(self, name: str, key: str | None, color: str, exclude: int | None = None) -> None:
        where = str(self.path)
        if not name.strip() or "|" in name:
            raise ProjectError(where, f"label name {name!r} must be non-empty and without '|'")
        if key is not None and not (len(key) == 1 and key in "123456789"):
            raise ProjectError(where, f"label key {key!r} must be one of the digits 1 to 9")
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
            raise ProjectError(where, f"label color {color!r} must look like #1f77b4")
        for label in self.labels():
            if label.id == exclude:
                continue
            if label.name.casefold() == name.strip().casefold():
                raise ProjectError(where, f"there is already a label named {label.name!r}")
            if key is not None and label.key == key:
                raise ProjectError(where, f"key {key} already belongs to {label.name!r}")

    def add_label(self, name: str, key: str | None, color: str, description: str = "") -> int:
        self._check_label(name, key, color)
        with self.transaction():
            position = self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0]
            return self.db.execute("INSERT INTO labels (name, key, color, description, position) VALUES (?,?,?,?,?)",
                                   [name.strip(), key, color, description, position]).lastrowid

    def update_label(self, label_id: int, name: str, key: str | None, color: str, description: str) -> None:
        self._check_label(name, key, color, exclude=label_id)
        with self.transaction():
            self.db.execute("UPDATE labels SET name = ?, key = ?, color = ?, description = ? WHERE id = ?",
                            [name.strip(), key, color, description, label_id])

    def label_usage(self, label_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM annotations WHERE label_id = ?", [label_id]).fetchone()[0]

    def remove_label(self, label_id: int) -> None:
        """Remove a label and every annotation that used it (one transaction)."""
        with self.transaction():
            self.db.execute("DELETE FROM labels WHERE id = ?", [label_id])

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
                self._judged(sentence_id, annotator_id)
                outcome = "added"
            elif note is not None and note != row[1]:
                self.db.execute("UPDATE annotations SET note = ? WHERE id = ?", [note, row[0]])
                outcome = "note"
            else:
                outcome = "unchanged"
        return AnnotationChange(sentence_id, label.name, annotator, outcome)

    def add_annotations(self, records: Iterable[tuple[int, str, str, str | None]]) -> int:
        """Store many (sentence_id, label, annotator, note) at once, in one transaction: for
        pre-annotations and merges. Existing annotations are kept as they are."""
        labels = {label.name: label.id for label in self.labels()}
        annotators: dict[str, int] = {}
        stamp = now()
        added = 0
        with self.transaction():
            for sentence_id, label, annotator, note in records:
                if label not in labels:
                    raise NotFoundError(str(self.path), f"no label {label!r}")
                if annotator not in annotators:
                    annotators[annotator] = self._annotator_id(annotator)
                added += self.db.execute(
                    "INSERT OR IGNORE INTO annotations (sentence_id, label_id, annotator_id, created_at, note)"
                    " VALUES (?, ?, ?, ?, ?)", [sentence_id, labels[label], annotators[annotator], stamp, note]).rowcount
                self._judged(sentence_id, annotators[annotator])
        return added

    def sentence_labels(self, sentence_ids: Iterable[int], annotator: str | None = None) -> dict[int, list[str]]:
        """Label names per sentence (scheme order), by one annotator or by anyone."""
        ids = list(sentence_ids)
        result: dict[int, list[str]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an"
                f" JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id"
                f" WHERE an.sentence_id IN ({marks}) AND (? IS NULL OR a.name = ?)"
                f" ORDER BY an.sentence_id, lb.position", [*chunk, annotator, annotator]).fetchall()
            for sentence_id, name, _ in rows:
                result[sentence_id].append(name)
        return result

    def clear_annotations(self, sentence_id: int, annotator: str) -> list[Annotation]:
        """Record that no label applies: remove every label one annotator gave the sentence and
        keep the judgement (one transaction); returns the removed annotations."""
        self.sentence(sentence_id)  # raises NotFoundError
        removed = [a for a in self.annotations(sentence_id) if a.annotator == annotator]
        with self.transaction():
            annotator_id = self._annotator_id(annotator)
            self.db.execute("DELETE FROM annotations WHERE sentence_id = ? AND annotator_id = ?",
                            [sentence_id, annotator_id])
            self._judged(sentence_id, annotator_id)
        return removed

    def _judged(self, sentence_id: int, annotator_id: int) -> None:
        self.db.execute("INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at) VALUES (?, ?, ?)",
                        [sentence_id, annotator_id, now()])

    def mark_done(self, document_id: int, annotator: str) -> int:
        """The annotator finished a document: every content sentence they left unjudged is
        recorded as 'no label applies'. Returns how many were."""
        self.document_text(document_id)  # raises NotFoundError
        with self.transaction():
            annotator_id = self._annotator_id(annotator)
            return self.db.execute(
                "INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at)"
                " SELECT id, ?, ? FROM sentences WHERE document_id = ? AND boilerplate = 0",
                [annotator_id, now(), document_id]).rowcount

    def judgements(self) -> Iterator[tuple[int, str, str, int, str]]:
        """(sentence id, annotator, labels joined by '|' or '', document id, language) for every
        judged content sentence, by sentence."""
        yield from self.db.conn.execute(f"""
            SELECT j.sentence_id, a.name, {_JUDGED_LABELS}, s.document_id, s.lang
            FROM judgements j JOIN annotators a ON a.id = j.annotator_id JOIN sentences s ON s.id = j.sentence_id
            WHERE s.boilerplate = 0 ORDER BY j.sentence_id, a.name""")

    def _annotator_id(self, name: str) -> int:
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
        if row:
            return row[0]
        return self.db.execute("INSERT INTO annotators (name, created_at) VALUES (?, ?)", [name, now()]).lastrowid

    # ----------------------------------------------------------------- alignment links
    def add_link(self, pivot_sentence_ids: list[int], other_sentence_ids: list[int], *, score: float | None,
                 origin: str = "machine") -> int:
        """Join pivot sentences to another document's sentences (one transaction)."""
        return self.add_links([(pivot_sentence_ids, other_sentence_ids, score, origin)])[0]

    def add_links(self, links: Iterable[tuple[list[int], list[int], float | None, str]]) -> list[int]:
        """Store many links (pivot sentence ids, other sentence ids, score, origin) in one transaction."""
        with self.transaction():
            return self._insert_links(links)

    def _insert_links(self, links: Iterable[tuple[list[int], list[int], float | None, str]]) -> list[int]:
        ids = []
        for pivot_ids, other_ids, score, origin in links:
            if not pivot_ids or not other_ids:
                raise ProjectError(str(self.path), "a link needs sentences on both sides")
            docs = self._documents_of(pivot_ids), self._documents_of(other_ids)
            if len(docs[0]) != 1 or len(docs[1]) != 1 or docs[0] == docs[1]:
                raise ProjectError(str(self.path), "a link joins sentences of exactly two different documents")
            (pivot_doc, group), (other_doc, _) = docs[0].pop(), docs[1].pop()
            link_id = self.db.execute(
                "INSERT INTO links (group_id, pivot_document_id, other_document_id, score, origin, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?)", [group, pivot_doc, other_doc, score, origin, now()]).lastrowid
            self.db.conn.executemany(
                "INSERT INTO link_sentences (link_id, sentence_id, side) VALUES (?, ?, ?)",
                [(link_id, i, "pivot") for i in pivot_ids] + [(link_id, i, "other") for i in other_ids])
            ids.append(link_id)
        return ids

    def _documents_of(self, sentence_ids: list[int]) -> set[tuple[int, int]]:
        """The (document, group) pairs the sentences belong to; NotFoundError for an unknown id."""
        marks = ",".join("?" * len(sentence_ids))
        rows = self.db.execute(
            f"SELECT s.id, d.id, d.group_id FROM sentences s JOIN documents d ON d.id = s.document_id"
            f" WHERE s.id IN ({marks})", list(sentence_ids)).fetchall()
        missing = set(sentence_ids) - {row[0] for row in rows}
        if missing:
            raise NotFoundError(str(self.path), f"no sentence with id {min(missing)}")
        return {(row[1], row[2]) for row in rows}

    def group_documents(self, group_id: int) -> list[dict]:
        """The group's documents in order: id, title, lang, position, content sentence count."""
        return [dict(row) for row in self.db.query(
            "SELECT d.id, d.title, d.lang, d.position, "
            " (SELECT count(*) FROM sentences s WHERE s.document_id = d.id AND s.boilerplate = 0) AS sentences"
            " FROM documents d WHERE d.group_id = ? ORDER BY d.position", [group_id])]

    def group_id(self, name_or_id: str | int) -> int:
        row = self.db.execute("SELECT id FROM groups WHERE name = ? OR CAST(id AS TEXT) = ?",
                              [str(name_or_id), str(name_or_id)]).fetchone()
        if row is None:
            names = ", ".join(repr(g["name"]) for g in self.groups()) or "none"
            raise NotFoundError(str(self.path), f"no group {name_or_id!r}; groups: {names}")
        return row[0]

    def set_pivot(self, group_id: int, document_id: int) -> None:
        with self.transaction():
            changed = self.db.execute("UPDATE groups SET pivot_document_id = ? WHERE id = ? AND EXISTS"
                                      " (SELECT 1 FROM documents WHERE id = ? AND group_id = ?)",
                                      [document_id, group_id, document_id, group_id]).rowcount
        if not changed:
            raise NotFoundError(str(self.path), f"document {document_id} is not in group {group_id}")

    def links_between(self, pivot_document_id: int, other_document_id: int,
                      origin: str | None = None) -> list[Link]:
        """Links from the pivot document to another, with their sentence ids in document order."""
        rows = self.db.execute(
            "SELECT l.id, l.score, l.origin, ls.side, ls.sentence_id FROM links l"
            " JOIN link_sentences ls ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id"
            " WHERE l.pivot_document_id = ?1 AND l.other_document_id = ?2 AND (?3 IS NULL OR l.origin = ?3)"
            " ORDER BY l.id, s.idx", [pivot_document_id, other_document_id, origin]).fetchall()
        links: dict[int, Link] = {}
        for link_id, score, link_origin, side, sentence_id in rows:
            link = links.setdefault(link_id, Link(link_id, [], [], score, link_origin))
            (link.pivot if side == "pivot" else link.other).append(sentence_id)
        return list(links.values())

    def link_pairs(self, pivot_document_id: int, other_document_id: int) -> list[tuple]:
        """(link id, pivot sentence, other sentence, score, origin) for every pair of sentences
        that a link between the two documents joins (one row per pair; a 1-1 link is one row)."""
        return self.db.conn.execute(
            "SELECT l.id, p.sentence_id, o.sentence_id, l.score, l.origin FROM links l"
            " JOIN link_sentences p ON p.link_id = l.id AND p.side = 'pivot'"
            " JOIN link_sentences o ON o.link_id = l.id AND o.side = 'other'"
            " WHERE l.pivot_document_id = ? AND l.other_document_id = ?",
            [pivot_document_id, other_document_id]).fetchall()

    def spanning_pivots(self, pivot_document_id: int, other_document_id: int) -> list[list[int]]:
        """The pivot sentences of each link between two documents that has more than one."""
        return [[int(i) for i in members.split(",")] for (members,) in self.db.execute(
            "SELECT group_concat(p.sentence_id) FROM links l JOIN link_sentences p ON p.link_id = l.id"
            " WHERE l.pivot_document_id = ? AND l.other_document_id = ? AND p.side = 'pivot'"
            " GROUP BY l.id HAVING count(*) > 1", [pivot_document_id, other_document_id])]

    def links_of_sentence(self, sentence_id: int) -> list[Link]:
        """Every link the sentence takes part in (on either side)."""
        return [self._link(row[0]) for row in self.db.execute(
            "SELECT DISTINCT link_id FROM link_sentences WHERE sentence_id = ? ORDER BY link_id", [sentence_id])]

    def replace_links(self, remove: list[int], add: list[tuple[list[int], list[int], float | None, str]]
                      ) -> tuple[list[Link], list[int]]:
        """Remove some links and add others in one transaction; returns the removed links (for
        undo) and the new links' ids."""
        removed = [self._link(link_id) for link_id in remove]
        with self.transaction():
            self.db.conn.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in remove])
            added = self._insert_links(add)
        return removed, added

    def _link(self, link_id: int) -> Link:
        link = Link(link_id, [], [], None, "machine")
        for score, origin, side, member in self.db.execute(
                "SELECT l.score, l.origin, ls.side, ls.sentence_id FROM links l JOIN link_sentences ls"
                " ON ls.link_id = l.id JOIN sentences s ON s.id = ls.sentence_id WHERE l.id = ? ORDER BY s.idx",
                [link_id]):
            link.score, link.origin = score, origin
            (link.pivot if side == "pivot" else link.other).append(member)
        return link

    def remove_links(self, link_ids: list[int]) -> None:
        """Delete links (one transaction)."""
        with self.transaction():
            self.db.conn.executemany("DELETE FROM links WHERE id = ?", [(i,) for i in link_ids])

    def replace_machine_links(self, pivot_document_id: int, other_document_id: int,
                              links: list[tuple[list[int], list[int], float | None]]) -> None:
        """Swap the machine links between two documents for new ones, in one transaction;
        manual links are never touched."""
        with self.transaction():
            self.db.execute("DELETE FROM links WHERE pivot_document_id = ? AND other_document_id = ?"
                            " AND origin = 'machine'", [pivot_document_id, other_document_id])
            self._insert_links((p, o, score, "machine") for p, o, score in links)

    def cached_embeddings(self, sentence_ids: list[int], model: str) -> dict[int, bytes]:
        """Stored vectors (float32 bytes) of these sentences for `model`, where the text has not
        changed since they were computed."""
        found: dict[int, bytes] = {}
        for start in range(0, len(sentence_ids), 500):
            chunk = sentence_ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for sentence_id, vector, text_hash, text in self.db.execute(
                    f"SELECT e.sentence_id, e.vector, e.text_sha256, s.text FROM embeddings e"
                    f" JOIN sentences s ON s.id = e.sentence_id WHERE e.model = ? AND e.sentence_id IN ({marks})",
                    [model, *chunk]):
                if text_hash == _sha256(text):
                    found[sentence_id] = vector
        return found

    def store_embeddings(self, model: str, rows: list[tuple[int, str, bytes]]) -> None:
        """Cache (sentence_id, text, float32 vector bytes) for `model`, in one transaction."""
        with self.transaction():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO embeddings (sentence_id, model, text_sha256, vector) VALUES (?, ?, ?, ?)",
                [(sentence_id, model, _sha256(text), vector) for sentence_id, text, vector in rows])

    # ----------------------------------------------------------------- the gold layer
    def set_gold(self, decisions: list[tuple[int, list[str]]], method: str = "manual") -> int:
        """Adjudicated label sets (one transaction); a majority never overwrites a manual decision."""
        names = [label.name for label in self.labels()]
        with self.transaction():
            written = 0
            for sentence_id, labels in decisions:
                unknown = set(labels) - set(names)
                if unknown:
                    raise NotFoundError(str(self.path), f"no label {sorted(unknown)[0]!r}")
                ordered = "|".join(name for name in names if name in labels)
                written += self.db.execute(
                    "INSERT INTO gold (sentence_id, labels, method, created_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (sentence_id) DO UPDATE SET labels = excluded.labels, method = excluded.method,"
                    " created_at = excluded.created_at WHERE gold.method <> 'manual' OR excluded.method = 'manual'",
                    [sentence_id, ordered, method, now()]).rowcount
        return written

    def clear_gold(self, sentence_id: int) -> None:
        with self.transaction():
            self.db.execute("DELETE FROM gold WHERE sentence_id = ?", [sentence_id])

    def sentence_votes(self, sentence_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
        """Per sentence, each annotator who judged it and the labels they gave (maybe none)."""
        ids = list(sentence_ids)
        votes: dict[int, dict[str, list[str]]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            for sentence_id, annotator, labels in self.db.execute(
                    f"SELECT j.sentence_id, a.name, {_JUDGED_LABELS}"
                    " FROM judgements j JOIN annotators a ON a.id = j.annotator_id"
                    f" WHERE j.sentence_id IN ({','.join('?' * len(chunk))}) ORDER BY a.name", chunk):
                votes.setdefault(sentence_id, {})[annotator] = labels.split("|") if labels else []
        return votes

    def gold(self) -> dict[int, tuple[list[str], str]]:
        return {sentence_id: (labels.split("|") if labels else [], method)
                for sentence_id, labels, method in self.db.execute("SELECT sentence_id, labels, method FROM gold")}

    def group_label_counts(self) -> dict[int, tuple[int, dict[str, int]]]:
        """Per group: its content sentences, and how many of them carry each label."""
        result = {g["id"]: (0, {}) for g in self.groups()}
        for group_id, count in self.db.execute(
                "SELECT d.group_id, count(*) FROM sentences s JOIN documents d ON d.id = s.document_id"
                " WHERE s.boilerplate = 0 GROUP BY d.group_id"):
            result[group_id] = (count, {})
        for group_id, label, count in self.db.execute(
                "SELECT d.group_id, lb.name, count(DISTINCT an.sentence_id) FROM annotations an"
                " JOIN labels lb ON lb.id = an.label_id JOIN sentences s ON s.id = an.sentence_id"
                " JOIN documents d ON d.id = s.document_id WHERE s.boilerplate = 0 GROUP BY d.group_id, lb.name"):
            result[group_id][1][label] = count
        return result

    def sentence_by_span(self, sha256: str, start: int, end: int) -> int | None:
        row = self.db.execute("SELECT s.id FROM sentences s JOIN documents d ON d.id = s.document_id"
                              " WHERE d.sha256 = ? AND s.start = ? AND s.end = ?", [sha256, start, end]).fetchone()
        return row[0] if row else None

    # ----------------------------------------------------------------- merging projects
    def document_bundles(self) -> Iterator[dict]:
        """Every document with its group, paragraphs and sentences, as plain rows (for merging)."""
        for document in self.db.query(
                "SELECT d.*, g.name AS group_name FROM documents d JOIN groups g ON g.id = d.group_id ORDER BY d.id"):
            document = dict(document)
            document["paragraphs"] = [dict(r) for r in self.db.query(
                "SELECT id, idx, start, end, lang, lang_source, boilerplate_reason FROM paragraphs"
                " WHERE document_id = ? ORDER BY idx", [document["id"]])]
            document["sentences"] = [dict(r) for r in self.db.query(
                "SELECT id, paragraph_id, idx, start, end, text, lang, boilerplate, boilerplate_reason FROM sentences"
                " WHERE document_id = ? ORDER BY idx", [document["id"]])]
            yield document

    def sentence_spans(self, document_id: int) -> dict[tuple[int, int], int]:
        return {(start, end): sentence_id for sentence_id, start, end in self.db.execute(
            "SELECT id, start, end FROM sentences WHERE document_id = ?", [document_id])}

    def annotation_records(self) -> list[tuple]:
        """(sentence id, label, annotator, created at, note) of every annotation."""
        return self.db.execute(
            "SELECT an.sentence_id, lb.name, a.name, an.created_at, an.note FROM annotations an"
            " JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id ORDER BY an.id").fetchall()

    def judgement_records(self) -> list[tuple]:
        return self.db.execute("SELECT j.sentence_id, a.name, j.created_at FROM judgements j"
                               " JOIN annotators a ON a.id = j.annotator_id").fetchall()

    def manual_links(self) -> list[Link]:
        return [self._link(row[0]) for row in self.db.execute("SELECT id FROM links WHERE origin = 'manual' ORDER BY id")]

    def merge_in(self, bundles: list[dict], labels: list[Label], annotations: list[tuple], judgements: list[tuple],
                 links: list[Link]) -> dict:
        """Bring another project's documents, annotations, judgements and manual links into this
        one, in one transaction. Documents are matched by the sha256 of their bytes, sentences by
        their character offsets; what cannot be matched is counted, never silently dropped.
        Merging the same project twice adds nothing."""
        report = {"documents_added": 0, "documents_matched": 0, "annotations_added": 0, "annotations_present": 0,
                  "annotations_unmatched": 0, "sentences_unmatched": 0, "links_added": 0, "links_unmatched": 0}
        sentence_map: dict[int, int] = {}
        with self.transaction():
            for bundle in bundles:
                target = self.document_id_by_hash(bundle["sha256"])
                if target is None:
                    target = self._insert_bundle(bundle)
                    report["documents_added"] += 1
                else:
                    report["documents_matched"] += 1
                spans = self.sentence_spans(target)
                for sentence in bundle["sentences"]:
                    mapped = spans.get((sentence["start"], sentence["end"]))
                    if mapped is None:
                        report["sentences_unmatched"] += 1
                    else:
                        sentence_map[sentence["id"]] = mapped
            known = {label.name: label for label in self.labels()}
            keys = {label.key for label in known.values() if label.key}
            for label in labels:
                if label.name not in known:
                    key = label.key if label.key and label.key not in keys else None
                    position = self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM labels").fetchone()[0]
                    self.db.execute("INSERT INTO labels (name, key, color, description, position) VALUES (?,?,?,?,?)",
                                    [label.name, key, label.color, label.description, position])
                    keys.add(key)
            label_ids = {label.name: label.id for label in self.labels()}
            for sentence_id, label, annotator, created_at, note in annotations:
                mapped = sentence_map.get(sentence_id)
                if mapped is None:
                    report["annotations_unmatched"] += 1
                    continue
                added = self.db.execute(
                    "INSERT OR IGNORE INTO annotations (sentence_id, label_id, annotator_id, created_at, note)"
                    " VALUES (?, ?, ?, ?, ?)", [mapped, label_ids[label], self._annotator_id(annotator), created_at,
                                               note]).rowcount
                report["annotations_added" if added else "annotations_present"] += 1
            for sentence_id, annotator, created_at in judgements:
                if sentence_id in sentence_map:
                    self.db.execute("INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at)"
                                    " VALUES (?, ?, ?)", [sentence_map[sentence_id], self._annotator_id(annotator),
                                                          created_at])
            existing = {(tuple(sorted(link.pivot)), tuple(sorted(link.other))) for link in self.manual_links()}
            for link in links:
                pivot = [sentence_map.get(i) for i in link.pivot]
                other = [sentence_map.get(i) for i in link.other]
                if None in pivot or None in other:
                    report["links_unmatched"] += 1
                    continue
                key = (tuple(sorted(pivot)), tuple(sorted(other)))
                if key not in existing:
                    self._insert_links([(pivot, other, link.score, "manual")])
                    existing.add(key)
                    report["links_added"] += 1
        return report

    def _insert_bundle(self, bundle: dict) -> int:
        group_id = self._group_id(bundle["group_name"])
        position = self.db.execute("SELECT coalesce(max(position) + 1, 0) FROM documents WHERE group_id = ?",
                                   [group_id]).fetchone()[0]
        document_id = self.db.execute(
            "INSERT INTO documents (group_id, position, title, source_path, format, sha256, encoding, lang,"
            " lang_source, external_id, metadata, text, imported_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [group_id, position, bundle["title"], bundle["source_path"], bundle["format"], bundle["sha256"],
             bundle["encoding"], bundle["lang"], bundle["lang_source"], bundle["external_id"], bundle["metadata"],
             bundle["text"], bundle["imported_at"]]).lastrowid
        paragraph_ids = {}
        for paragraph in bundle["paragraphs"]:
            paragraph_ids[paragraph["id"]] = self.db.execute(
                "INSERT INTO paragraphs (document_id, idx, start, end, lang, lang_source, boilerplate_reason)"
                " VALUES (?,?,?,?,?,?,?)", [document_id, paragraph["idx"], paragraph["start"], paragraph["end"],
                                            paragraph["lang"], paragraph["lang_source"],
                                            paragraph["boilerplate_reason"]]).lastrowid
        self.db.conn.executemany(
            "INSERT INTO sentences (document_id, paragraph_id, idx, start, end, text, lang, boilerplate,"
            " boilerplate_reason) VALUES (?,?,?,?,?,?,?,?,?)",
            [(document_id, paragraph_ids[s["paragraph_id"]], s["idx"], s["start"], s["end"], s["text"], s["lang"],
              s["boilerplate"], s["boilerplate_reason"]) for s in bundle["sentences"]])
        if self.db.execute("SELECT pivot_document_id FROM groups WHERE id = ?", [group_id]).fetchone()[0] is None:
            self.db.execute("UPDATE groups SET pivot_document_id = ? WHERE id = ?", [document_id, group_id])
        return document_id

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
    def export_jsonl(self, include_boilerplate: bool = False, groups: set[int] | None = None,
                     extra: dict | None = None, layer: str = "all") -> Iterator[bytes]:
        """JSON Lines, one object per sentence, as UTF-8 chunks (one per document).

        SQLite writes the JSON text itself (json_quote escapes every string) and hands it over
        as bytes, so no text is decoded or re-encoded in Python. Annotations and links are
        gathered per document, only for the sentences that have any, so memory follows the
        largest document, not the project."""
        label_names = {label.position: label.name for label in self.labels()}
        labels_json: dict[str | None, bytes] = {None: b"[]"}  # "2,0" (positions) -> b'["claim","correction"]'
        suffix = b"".join(b",%s:%s" % (json.dumps(k).encode(), json.dumps(v, ensure_ascii=False).encode())
                          for k, v in (extra or {}).items())
        position_of = {label.name: str(label.position) for label in self.labels()}
        for document_id in self._export_snapshot_documents(groups):
            annotated = {sentence_id: (positions, entries) for sentence_id, positions, entries
                         in self.db.conn.execute(_ANNOTATIONS_JSON_BY_SENTENCE, [document_id])}
            if layer != "all":  # labels from one annotator or from the gold layer; annotations stay complete
                chosen = self._layer_labels(document_id, layer)
                annotated = {sentence_id: (",".join(position_of[n] for n in chosen.get(sentence_id, ())) or None,
                                           entries) for sentence_id, (_, entries) in annotated.items()}
                annotated.update({sentence_id: (",".join(position_of[n] for n in names), b"[]")
                                  for sentence_id, names in chosen.items() if sentence_id not in annotated})
            aligned = dict(self.db.conn.execute(_ALIGNED_JSON_BY_SENTENCE, [document_id]))
            lines = []
            for sentence_id, prefix in self.db.conn.execute(_SENTENCE_JSON_PREFIX,
                                                            [document_id, int(include_boilerplate)]):
                positions, entries = annotated.get(sentence_id, (None, b"[]"))
                labels = labels_json.get(positions)
                if labels is None:
                    names = [label_names[p] for p in sorted({int(p) for p in positions.split(",") if p})]
                    labels = labels_json[positions] = json.dumps(names, ensure_ascii=False).encode()
                lines.append(b'%s,"labels":%s,"annotations":%s,"aligned":%s%s}\n'
                             % (prefix, labels, entries, aligned.get(sentence_id, b"[]"), suffix))
            if lines:
                yield b"".join(lines)

    def export_table(self, include_boilerplate: bool = False, formula_prefixes: tuple[str, ...] = (),
                     groups: set[int] | None = None, layer: str = "all") -> Iterator[Iterable[tuple]]:
        """For each document, its sentences as flat rows: group, doc_id, doc_title, source, lang,
        sentence_id, index, text, boilerplate, one 0/1 per label of the scheme, and the labels
        joined by "|". Text cells starting with one of `formula_prefixes` get a "'" in front.
        SQLite builds every cell, so a CSV writer can consume the rows with no Python in between."""
        def cell(expression: str) -> str:
            if not formula_prefixes:
                return expression
            starts = ", ".join(f"char({ord(prefix)})" for prefix in formula_prefixes)
            quote = "''''"  # SQL for a string holding one apostrophe
            return f"CASE WHEN substr({expression}, 1, 1) IN ({starts}) THEN {quote} || {expression} ELSE {expression} END"

        names = [label.name for label in self.labels()]
        flags = "".join(f", coalesce(instr('|' || j.labels || '|', ?{3 + i}) > 0, 0)" for i in range(len(names)))
        if layer == "gold":
            source = "SELECT g.sentence_id, g.labels FROM gold g JOIN sentences s ON s.id = g.sentence_id" \
                     " WHERE s.document_id = ?1"
        else:
            distinct = _DISTINCT_LABELS if layer == "all" else _DISTINCT_LABELS.replace(
                "WHERE s.document_id = ?1", f"WHERE s.document_id = ?1 AND an.annotator_id ="
                                           f" (SELECT id FROM annotators WHERE name = ?{3 + len(names)})")
            source = f"SELECT sentence_id, group_concat(name, '|') AS labels FROM ({distinct}) GROUP BY sentence_id"
        sql = f"""
            WITH j AS ({source})
            SELECT {cell('g.name')}, d.id, {cell('d.title')}, {cell('d.source_path')}, s.lang, s.id, s.idx,
                   {cell('s.text')}, s.boilerplate{flags}, {cell("coalesce(j.labels, '')")}
            FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id
            LEFT JOIN j ON j.sentence_id = s.id
            WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx"""
        for document_id in self._export_snapshot_documents(groups):
            parameters = [document_id, int(include_boilerplate), *(f"|{n}|" for n in names)]
            yield self.db.conn.execute(sql, parameters + ([layer] if layer not in ("all", "gold") else []))

    def _layer_labels(self, document_id: int, layer: str) -> dict[int, list[str]]:
        """Per sentence of a document, the labels of one layer: "gold" or an annotator's name."""
        if layer == "gold":
            rows = self.db.execute("SELECT g.sentence_id, g.labels FROM gold g JOIN sentences s ON s.id = g.sentence_id"
                                   " WHERE s.document_id = ?", [document_id])
            return {sentence_id: labels.split("|") for sentence_id, labels in rows if labels}
        result: dict[int, list[str]] = {}
        for sentence_id, name in self.db.execute(
                "SELECT an.sentence_id, lb.name FROM annotations an JOIN labels lb ON lb.id = an.label_id"
                " JOIN annotators a ON a.id = an.annotator_id JOIN sentences s ON s.id = an.sentence_id"
                " WHERE s.document_id = ? AND a.name = ? ORDER BY lb.position", [document_id, layer]):
            result.setdefault(sentence_id, []).append(name)
        return result

    def layers(self) -> list[str]:
        return ["all", "gold", *(row[0] for row in self.db.execute("SELECT name FROM annotators ORDER BY name"))]

    def _export_snapshot_documents(self, groups: set[int] | None = None) -> Iterator[int]:
        """Document ids in export order, inside one read transaction, so that every query of an
        export sees the same snapshot even while a writer commits."""
        conn = self.db.conn
        own_snapshot = not conn.in_transaction
        if own_snapshot:
            conn.execute("BEGIN")
        try:
            documents = [row[0] for row in conn.execute(
                "SELECT d.id, d.group_id FROM documents d JOIN groups g ON g.id = d.group_id ORDER BY g.id, d.position")
                if groups is None or row[1] in groups]
            yield from documents
        finally:
            if own_snapshot and conn.in_transaction:
                conn.execute("COMMIT")


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


# The labels a judgement `j` gave, joined by '|' in the scheme's order ('' for no label), so that
# two annotators' equal choices compare equal as text.
_JUDGED_LABELS = """coalesce((SELECT group_concat(x.name, '|') FROM (
    SELECT lb.name FROM annotations an JOIN labels lb ON lb.id = an.label_id
    WHERE an.sentence_id = j.sentence_id AND an.annotator_id = j.annotator_id ORDER BY lb.position) x), '')"""

_EXPORT_SENTENCES = """
    FROM sentences s JOIN documents d ON d.id = s.document_id JOIN groups g ON g.id = d.group_id
    WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx"""

_SENTENCE_JSON_PREFIX = ("""
    SELECT s.id, CAST('{"group":' || json_quote(g.name) || ',"doc_id":' || d.id
        || ',"doc_title":' || json_quote(d.title) || ',"source":' || json_quote(d.source_path)
        || ',"lang":' || json_quote(s.lang) || ',"sentence_id":' || s.id || ',"index":' || s.idx
        || ',"text":' || json_quote(s.text)
        || ',"boilerplate":' || CASE s.boilerplate WHEN 1 THEN 'true' ELSE 'false' END
        || ',"doc_sha256":' || json_quote(d.sha256) || ',"start":' || s.start || ',"end":' || s.end AS BLOB)"""
    + _EXPORT_SENTENCES)

# Per document: each labeled sentence's distinct labels, in the scheme's order.
_DISTINCT_LABELS = """
    SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an
    JOIN sentences s ON s.id = an.sentence_id JOIN labels lb ON lb.id = an.label_id
    WHERE s.document_id = ?1 ORDER BY an.sentence_id, lb.position"""

_LABELS_JSON_BY_SENTENCE = f"""
    SELECT sentence_id, '[' || group_concat(json_quote(name), ',') || ']' FROM ({_DISTINCT_LABELS})
    GROUP BY sentence_id"""

# Per document: each annotated sentence's label positions ("2,0", in no order) and its
# annotations as JSON (UTF-8 bytes), oldest first.
_ANNOTATIONS_JSON_BY_SENTENCE = """
    SELECT x.sentence_id, group_concat(x.position, ','), CAST('[' || group_concat(x.entry, ',') || ']' AS BLOB)
    FROM (
      SELECT an.sentence_id, lb.position,
             '{"annotator":' || json_quote(a.name) || ',"label":' || json_quote(lb.name)
             || ',"at":' || json_quote(an.created_at) || ',"note":' || json_quote(an.note) || '}' AS entry
      FROM annotations an JOIN sentences s ON s.id = an.sentence_id
      JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id
      WHERE s.document_id = ? ORDER BY an.sentence_id, an.created_at, lb.position) x
    GROUP BY x.sentence_id"""

# Per document: for each linked sentence, each link's other side (its sentences in document
# order; the bare `lang` column takes the value of the min(idx) row, i.e. the first sentence's).
_ALIGNED_JSON_BY_SENTENCE = """
    SELECT z.sentence_id, CAST('[' || group_concat(z.entry, ',') || ']' AS BLOB) FROM (
      SELECT x.sentence_id, '{"doc_id":' || x.doc_id || ',"lang":' || json_quote(x.lang)
             || ',"sentence_ids":[' || x.ids || '],"text":' || json_quote(x.txt)
             || ',"score":' || json_quote(l.score) || ',"origin":' || json_quote(l.origin) || '}' AS entry
      FROM (
        SELECT y.sentence_id, y.link_id, y.doc_id, min(y.idx), y.lang AS lang,
               group_concat(y.id, ',') AS ids, group_concat(y.text, ' ') AS txt
        FROM (SELECT me.sentence_id, me.link_id, os.document_id AS doc_id, os.idx, os.lang, os.id, os.text
              FROM sentences s JOIN link_sentences me ON me.sentence_id = s.id
              JOIN link_sentences o ON o.link_id = me.link_id AND o.side <> me.side
              JOIN sentences os ON os.id = o.sentence_id
              WHERE s.document_id = ? ORDER BY me.sentence_id, me.link_id, os.idx) y
        GROUP BY y.sentence_id, y.link_id) x
      JOIN links l ON l.id = x.link_id ORDER BY x.sentence_id, x.doc_id, l.id) z
    GROUP BY z.sentence_id"""
