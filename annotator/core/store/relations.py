"""Typed, directed relations between two sentences of one group, maybe of two documents and
languages: a correction `corrects` a claim, a content `attributes-to` its source. Either end may
be a span of its sentence (migration 19): "the ministry said …" attributes-to "the Russian
Defense Ministry". A span end is named by (start, end, label) and is a span of the relation's
own annotator (the spans the annotator sees); by value, not by id, so undo, redo, a merge and an
import find it again however its id changed. Who made one and when is kept with it. Every write of the table is in this module (add, remove, restore),
and each records its event (store/events.py) in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import RELATION_TYPE_NAMES, RELATION_TYPES  # noqa: F401 (RELATION_TYPES: public here)
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError

TYPE_NAMES = RELATION_TYPE_NAMES  # (the scheme: core/model.py)


SpanEnd = tuple[int, int, str]  # a span end: (start, end, label) of a span in its sentence, code points


@dataclass(frozen=True)
class Relation:
    id: int
    head_id: int
    tail_id: int
    type: str
    annotator: str
    created_at: str
    head_span: SpanEnd | None = None  # None: the whole sentence
    tail_span: SpanEnd | None = None

    def record(self) -> "RelationRecord":
        return self.head_id, self.tail_id, self.type, self.annotator, self.created_at, self.head_span, self.tail_span


# head, tail, type, annotator, created at[, head span, tail span] (a record of 5: sentence ends)
RelationRecord = tuple

_SELECT = ("SELECT r.id, r.head_id, r.tail_id, r.type, a.name, r.created_at, hs.start, hs.end, hs.label, ts.start,"
           " ts.end, ts.label FROM relations r JOIN annotators a ON a.id = r.annotator_id"
           " LEFT JOIN spans hs ON hs.id = r.head_span_id LEFT JOIN spans ts ON ts.id = r.tail_span_id")


def _relation(row) -> Relation:
    return Relation(*row[:6], tuple(row[6:9]) if row[6] is not None else None,
                    tuple(row[9:12]) if row[9] is not None else None)


def record_ends(record) -> tuple:
    """(head, tail, type, who, at, head span, tail span) of a record of 5 or 7."""
    head, tail, kind, who, at, *spans = record
    head_span, tail_span = (spans + [None, None])[:2]
    return (head, tail, kind, who, at, tuple(head_span) if head_span else None,
            tuple(tail_span) if tail_span else None)


def span_text(text: str, span: SpanEnd | None) -> str:
    """The words of a span end in its sentence's text (the whole text: a sentence end)."""
    return text if span is None else text[span[0]:span[1]]


def relation_type_problem(name: str) -> str | None:
    """Why `name` is no relation type (one line), or None."""
    if name in TYPE_NAMES:
        return None
    return f"unknown relation type {name!r}: use one of {', '.join(TYPE_NAMES)}"


class Relations(Domain):
    def add(self, head_id: int, tail_id: int, relation_type: str, annotator: str,
            head_span: SpanEnd | None = None, tail_span: SpanEnd | None = None) -> Relation:
        """A new relation (one transaction). Both sentences must exist and be of one group, a
        span end must be one of the annotator's spans of its sentence; the same relation twice
        by one annotator is refused."""
        problem = relation_type_problem(relation_type)
        if problem:
            raise ProjectError(self.where, problem)
        annotator = annotator.strip()  # as a label's (annotations.set): " ann " is ann
        if not annotator:
            raise ProjectError(self.where, "the annotator's name is empty")
        if head_id == tail_id and (head_span is None or tail_span is None or head_span == tail_span):
            raise ProjectError(self.where, f"a relation joins two sentences or two spans: {head_id} is both its head"
                                           " and its tail")
        groups = {group for _, group in self._store.documents.of_sentences([head_id, tail_id])}  # NotFoundError
        if len(groups) != 1:
            raise ProjectError(self.where, f"sentences {head_id} and {tail_id} are in different groups: a relation"
                                           " joins sentences of one group")
        with self.transaction():
            for sentence_id, span in ((head_id, head_span), (tail_id, tail_span)):
                if span is not None and self._span_id(sentence_id, span, annotator) is None:
                    raise NotFoundError(self.where, f"sentence {sentence_id} has no {span[2]} span of {annotator} at"
                                                    f" {span[0]}-{span[1]}")
            if self.find(head_id, tail_id, relation_type, annotator, head_span, tail_span) is not None:
                raise ProjectError(self.where, f"sentence {head_id} already {relation_type} sentence {tail_id}")
            self._insert((head_id, tail_id, relation_type, annotator, now(), head_span, tail_span), logged=True)
            return self.find(head_id, tail_id, relation_type, annotator, head_span, tail_span)

    def remove(self, relation_ids: list[int]) -> list[Relation]:
        """Remove relations (one transaction); returns them as they were, for undo."""
        with self.transaction():
            removed = self.by_ids(relation_ids)
            if len(removed) != len(set(relation_ids)):
                missing = set(relation_ids) - {r.id for r in removed}
                raise NotFoundError(self.where, f"no relation with id {min(missing)}")
            self.db.conn.executemany("DELETE FROM relations WHERE id = ?", [(r.id,) for r in removed])
            self._store.events.record_many("unrelate", [(r.head_id, r.type, _event_ends(r.record()), None)
                                                        for r in removed])
        return removed

    def restore(self, records: list[RelationRecord], logged: bool = True) -> int:
        """Put relations back as they were (undo, merge); ones already there are kept, and each
        one added leaves its event. Not `logged`: no event (a merge whose source brings the
        relation's own events). One whose span end is not here (that span is gone) is left out.
        Returns how many were added."""
        with self.transaction():
            return sum(self._insert(record, logged) for record in records)

    def _insert(self, record: RelationRecord, logged: bool) -> int:
        """Store one relation unless it is there already; 1 if it was added."""
        head, tail, kind, who, at, head_span, tail_span = record = record_ends(record)
        span_ids = [self._span_id(head, head_span, who), self._span_id(tail, tail_span, who)]
        if (head_span and span_ids[0] is None) or (tail_span and span_ids[1] is None):
            return 0
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO relations (head_id, tail_id, type, annotator_id, created_at, head_span_id,"
            " tail_span_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [head, tail, kind, self._store.annotations.annotator_id(who), at, *span_ids]).rowcount
        if inserted and logged:
            self._store.events.record("relate", head, kind, None, _event_ends(record), who=who)
        return inserted

    def _span_id(self, sentence_id: int, span: SpanEnd | None, annotator: str) -> int | None:
        if span is None:
            return None
        row = self.db.execute("SELECT s.id FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE"
                              " s.sentence_id = ? AND s.start = ? AND s.end = ? AND s.label = ? AND a.name = ?",
                              [sentence_id, *span, annotator]).fetchone()
        return row[0] if row else None

    def find(self, head_id: int, tail_id: int, relation_type: str, annotator: str, head_span: SpanEnd | None = None,
             tail_span: SpanEnd | None = None) -> Relation | None:
        wanted = (tuple(head_span) if head_span else None, tuple(tail_span) if tail_span else None)
        return next((r for r in map(_relation, self.db.execute(
            f"{_SELECT} WHERE r.head_id = ? AND r.tail_id = ? AND r.type = ? AND a.name = ?",
            [head_id, tail_id, relation_type, annotator])) if (r.head_span, r.tail_span) == wanted), None)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM relations").fetchone()[0]

    def by_ids(self, relation_ids: list[int]) -> list[Relation]:
        found = []
        for chunk, marks in chunks(list(dict.fromkeys(relation_ids))):
            found += [_relation(r) for r in self.db.execute(f"{_SELECT} WHERE r.id IN ({marks})", chunk)]
        return sorted(found, key=lambda r: r.id)

    def records(self) -> list[Relation]:
        """Every relation, oldest first."""
        return [_relation(r) for r in self.db.execute(f"{_SELECT} ORDER BY r.id")]

    def checked_records(self) -> list[Relation]:
        """`records()` of a file from elsewhere (a merge input), refused in one line when one of
        them could not have been made here: a type outside the scheme, nobody's name, sentences
        of two groups, or a span end that is not a span of its sentence by its annotator."""
        found = self.records()
        wrong = next((r for r in found if r.type not in TYPE_NAMES or not r.annotator.strip()), None)
        problem = None
        for query, why in ((
                "SELECT r.id FROM relations r JOIN sentences h ON h.id = r.head_id JOIN documents hd ON hd.id ="
                " h.document_id JOIN sentences t ON t.id = r.tail_id JOIN documents td ON td.id = t.document_id"
                " WHERE hd.group_id <> td.group_id LIMIT 1", "between sentences of two groups"), (
                "SELECT r.id FROM relations r LEFT JOIN spans hs ON hs.id = r.head_span_id LEFT JOIN spans ts ON ts.id"
                " = r.tail_span_id WHERE (r.head_span_id IS NOT NULL AND (hs.sentence_id IS NOT r.head_id OR"
                " hs.annotator_id IS NOT r.annotator_id)) OR (r.tail_span_id IS NOT NULL AND (ts.sentence_id IS NOT"
                " r.tail_id OR ts.annotator_id IS NOT r.annotator_id)) LIMIT 1",
                "ending on a span of another sentence or annotator")):
            if wrong is None:
                row = self.db.execute(query).fetchone()
                wrong, problem = (next(r for r in found if r.id == row[0]), why) if row else (None, None)
        if wrong is not None:
            problem = (f"of unknown type {wrong.type!r}" if wrong.type not in TYPE_NAMES else "by nobody (an empty"
                       " name)" if not wrong.annotator.strip() else problem)
            raise ProjectError(self.where, f"holds a relation {problem} (relation {wrong.id}): the file may be hostile"
                                           " or damaged; refusing to read it")
        return found

    def with_groups(self) -> list[tuple]:
        """(head, tail, type, annotator, group, head span, tail span) of every relation (relation
        agreement; a span as (start, end, label), None for a whole sentence)."""
        return [(*row[:5], tuple(row[5:8]) if row[5] is not None else None,
                 tuple(row[8:11]) if row[8] is not None else None) for row in self.db.execute(
            "SELECT r.head_id, r.tail_id, r.type, a.name, d.group_id, hs.start, hs.end, hs.label, ts.start, ts.end,"
            " ts.label FROM relations r JOIN annotators a ON a.id = r.annotator_id JOIN sentences s ON s.id ="
            " r.head_id JOIN documents d ON d.id = s.document_id LEFT JOIN spans hs ON hs.id = r.head_span_id"
            " LEFT JOIN spans ts ON ts.id = r.tail_span_id ORDER BY r.id")]

    def of_sentence(self, sentence_id: int) -> list[Relation]:
        """The relations a sentence is the head or the tail of, oldest first."""
        return [_relation(r) for r in self.db.execute(
            f"{_SELECT} WHERE r.head_id = ?1 OR r.tail_id = ?1 ORDER BY r.id", [sentence_id])]

    def on_spans(self, span_ids: list[int]) -> list[int]:
        """The ids of the relations one of these spans is an end of."""
        found: list[int] = []
        for chunk, marks in chunks(span_ids):
            found += [r[0] for r in self.db.execute(f"SELECT id FROM relations WHERE head_span_id IN ({marks})"
                                                    f" OR tail_span_id IN ({marks}) ORDER BY id", chunk + chunk)]
        return found

    def span_ends_among(self, sentence_ids: list[int], annotator: str) -> dict[int, set]:
        """Per sentence, the annotator's spans (start, end, label) that end a relation (the
        cell marks them); asked only for sentences with spans."""
        found: dict[int, set] = {}
        for chunk, marks in chunks(sentence_ids):
            for sentence_id, *span in self.db.execute(
                    f"SELECT s.sentence_id, s.start, s.end, s.label FROM spans s JOIN annotators a ON a.id ="
                    f" s.annotator_id WHERE s.sentence_id IN ({marks}) AND a.name = ? AND EXISTS (SELECT 1 FROM"
                    " relations r WHERE r.head_span_id = s.id OR r.tail_span_id = s.id)", [*chunk, annotator]):
                found.setdefault(sentence_id, set()).add(tuple(span))
        return found

    def related_among(self, sentence_ids: list[int]) -> set[int]:
        """Those of the sentences that are the head or the tail of a relation."""
        found: set[int] = set()
        for chunk, marks in chunks(sentence_ids):
            found.update(r[0] for r in self.db.execute(
                f"SELECT head_id FROM relations WHERE head_id IN ({marks})"
                f" UNION SELECT tail_id FROM relations WHERE tail_id IN ({marks})", chunk + chunk))
        return found

    def document_title(self, document_id: int) -> str:
        """The title of a document (the detail panel names the other sentence's document)."""
        row = self.db.execute("SELECT title FROM documents WHERE id = ?", [document_id]).fetchone()
        return row[0] if row else ""

    # ------------------------------------------------------------------ sentences split and merged
    def rows_of(self, sentence_ids: list[int]) -> tuple[list[str], list[tuple]]:
        """The stored rows of these sentences' relations, as they are (a split or merge keeps
        them to undo it): (columns, rows)."""
        marks = ",".join("?" * len(sentence_ids))
        cursor = self.db.execute(f"SELECT * FROM relations WHERE head_id IN ({marks}) OR tail_id IN ({marks})",
                                 [*sentence_ids, *sentence_ids])
        return [c[0] for c in cursor.description], [tuple(r) for r in cursor.fetchall()]

    def put_back(self, sentence_ids: list[int], columns: list[str], rows: list[tuple]) -> None:
        """These sentences' relations exactly as `rows_of` read them (undoing a split or merge)."""
        marks = ",".join("?" * len(sentence_ids))
        self.db.execute(f"DELETE FROM relations WHERE head_id IN ({marks}) OR tail_id IN ({marks})",
                        [*sentence_ids, *sentence_ids])
        self.db.conn.executemany(f"INSERT INTO relations ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                                 rows)

    def move(self, from_id: int, to_id: int) -> None:
        """A sentence merged into another: its relations go to the merged one (one that would
        join the merged sentence to itself, or repeat one it has, goes; two spans of it may stay
        related: their spans go to the merged sentence too)."""
        for column in ("head_id", "tail_id"):
            other = "tail_id" if column == "head_id" else "head_id"
            self.db.execute(f"UPDATE OR IGNORE relations SET {column} = ?1 WHERE {column} = ?2 AND ({other} <> ?1 OR"
                            " (head_span_id IS NOT NULL AND tail_span_id IS NOT NULL))", [to_id, from_id])
        self.db.execute("DELETE FROM relations WHERE head_id = ?1 OR tail_id = ?1", [from_id])


def _event_ends(record) -> list:
    """A relation's event value: [head, tail], and its span ends when it has any."""
    head, tail, _, _, _, head_span, tail_span = record_ends(record)
    if head_span is None and tail_span is None:
        return [head, tail]
    return [head, tail, list(head_span) if head_span else None, list(tail_span) if tail_span else None]
