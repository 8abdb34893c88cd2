"""Annotations (an annotator's label on a sentence, with a note), judgements (the sentences an
annotator has looked at: labels or "no label applies") and the gold layer (adjudicated label
sets). Label sets come back as lists of names in the scheme's order."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from annotator.core.model import Annotation, AnnotationChange, Label
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError

_ANNOTATION_COLUMNS = ("SELECT an.sentence_id, lb.name, a.name, an.created_at, an.note, an.origin FROM annotations an"
                       " JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id")

# The labels a judgement `j` gave, joined by '|' in the scheme's order ('' for no label), so that
# two annotators' equal choices compare equal; split into lists before they leave the store.
_JUDGED_LABELS = """coalesce((SELECT group_concat(x.name, '|') FROM (
    SELECT lb.name FROM annotations an JOIN labels lb ON lb.id = an.label_id
    WHERE an.sentence_id = j.sentence_id AND an.annotator_id = j.annotator_id ORDER BY lb.position) x), '')"""


def _names(joined: str) -> list[str]:
    return joined.split("|") if joined else []


def stored_note(note: str | None) -> str | None:
    """A note as the project keeps it: without trailing whitespace (an editor's stray final
    newline would otherwise be exported). None stays None ("no note"); "" stays "" (an
    annotation's note cleared on purpose)."""
    return None if note is None else note.rstrip()


class Annotations(Domain):
    def __init__(self, store):
        super().__init__(store)
        self._annotator_ids: dict[str, int] = {}

    # ------------------------------------------------------------------ reading
    def of_sentence(self, sentence_id: int) -> list[Annotation]:
        return [Annotation(*row) for row in self.db.execute(
            f"{_ANNOTATION_COLUMNS} WHERE an.sentence_id = ? ORDER BY lb.position, a.name", [sentence_id])]

    def of_labels(self, label_ids: list[int]) -> list[Annotation]:
        found = []
        for chunk, marks in chunks(label_ids):
            found += [Annotation(*row) for row in self.db.execute(
                f"{_ANNOTATION_COLUMNS} WHERE an.label_id IN ({marks}) ORDER BY an.id", chunk)]
        return found

    def all(self) -> list[Annotation]:
        return [Annotation(*row) for row in self.db.execute(
            f"{_ANNOTATION_COLUMNS} ORDER BY an.sentence_id, lb.position, a.name")]

    def records(self) -> list[Annotation]:
        """Every annotation in the order it was made (for merging)."""
        return [Annotation(*row) for row in self.db.execute(f"{_ANNOTATION_COLUMNS} ORDER BY an.id")]

    def labels_of(self, sentence_ids: Iterable[int], annotator: str | None = None) -> dict[int, list[str]]:
        """Label names per sentence (scheme order), by one annotator or by anyone."""
        ids = list(sentence_ids)
        result: dict[int, list[str]] = {i: [] for i in ids}
        for chunk, marks in chunks(ids):
            rows = self.db.execute(
                f"SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an"
                f" JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id"
                f" WHERE an.sentence_id IN ({marks}) AND (? IS NULL OR a.name = ?)"
                f" ORDER BY an.sentence_id, lb.position", [*chunk, annotator, annotator]).fetchall()
            for sentence_id, name, _ in rows:
                result[sentence_id].append(name)
        return result

    def judgements(self, from_scratch: bool = False) -> Iterator[tuple[int, str, list[str], int, str]]:
        """(sentence id, annotator, labels, document id, language) for every judged content
        sentence, by sentence; `from_scratch` leaves out the judgements in which the annotator
        accepted a model's suggestion (an annotation of origin `model`)."""
        scratch = ("AND NOT EXISTS (SELECT 1 FROM annotations an WHERE an.sentence_id = j.sentence_id"
                   " AND an.annotator_id = j.annotator_id AND an.origin = 'model')") if from_scratch else ""
        for sentence_id, annotator, labels, document_id, lang in self.db.conn.execute(f"""
                SELECT j.sentence_id, a.name, {_JUDGED_LABELS}, s.document_id, s.lang
                FROM judgements j JOIN annotators a ON a.id = j.annotator_id JOIN sentences s ON s.id = j.sentence_id
                WHERE s.boilerplate = 0 {scratch} ORDER BY j.sentence_id, a.name"""):
            yield sentence_id, annotator, _names(labels), document_id, lang

    def judgement_records(self) -> list[tuple[int, str, str, str | None]]:
        """(sentence id, annotator, judged at, note) of every judgement (for merging)."""
        return self.db.execute("SELECT j.sentence_id, a.name, j.created_at, j.note FROM judgements j"
                               " JOIN annotators a ON a.id = j.annotator_id").fetchall()

    def judgement_note(self, sentence_id: int, annotator: str) -> str | None:
        """The note on an annotator's judgement of a sentence (the note of a "no label applies")."""
        row = self.db.execute("SELECT j.note FROM judgements j JOIN annotators a ON a.id = j.annotator_id"
                              " WHERE j.sentence_id = ? AND a.name = ?", [sentence_id, annotator]).fetchone()
        return row[0] if row else None

    def set_judgement_note(self, sentence_id: int, annotator: str, note: str | None,
                           judge: bool = False) -> str | None:
        """Put a note on the annotator's judgement (one transaction); returns the note it
        replaced. The sentence must be judged (a label, or "no label applies"), unless `judge`:
        then a note on a sentence the annotator has not judged records "no label applies" with
        it (on purpose: see Session.set_judgement_note). Trailing whitespace is not kept; an
        empty note is no note."""
        note = stored_note(note) or None
        with self.transaction():
            previous = self.judgement_note(sentence_id, annotator)
            if judge and note is not None:
                self._store.documents.sentence(sentence_id)  # raises NotFoundError
                self._judged(sentence_id, self.annotator_id(annotator))
            changed = self.db.execute(
                "UPDATE judgements SET note = ? WHERE sentence_id = ? AND annotator_id ="
                " (SELECT id FROM annotators WHERE name = ?)", [note, sentence_id, annotator]).rowcount
            if changed and note != previous:
                self._store.events.record("note", sentence_id, None, previous, note, who=annotator)
        if not changed and not (judge and note is None):  # judge: an empty note on an unjudged sentence is nothing
            raise ProjectError(self.where, f"{annotator} has not judged sentence {sentence_id}: "
                                           "give it a label, or record that no label applies, first")
        return previous

    def votes(self, sentence_ids: Iterable[int]) -> dict[int, dict[str, list[str]]]:
        """Per sentence, each annotator who judged it and the labels they gave (maybe none)."""
        votes: dict[int, dict[str, list[str]]] = {}
        for chunk, marks in chunks(list(sentence_ids)):
            for sentence_id, annotator, labels in self.db.execute(
                    f"SELECT j.sentence_id, a.name, {_JUDGED_LABELS} FROM judgements j"
                    f" JOIN annotators a ON a.id = j.annotator_id WHERE j.sentence_id IN ({marks})"
                    f" ORDER BY a.name", chunk):
                votes.setdefault(sentence_id, {})[annotator] = _names(labels)
        return votes

    def labels_by_annotator(self, document_id: int, annotator: str) -> dict[int, list[str]]:
        """Per sentence of a document, the labels one annotator gave (scheme order)."""
        result: dict[int, list[str]] = {}
        for sentence_id, name in self.db.execute(
                "SELECT an.sentence_id, lb.name FROM annotations an JOIN labels lb ON lb.id = an.label_id"
                " JOIN annotators a ON a.id = an.annotator_id JOIN sentences s ON s.id = an.sentence_id"
                " WHERE s.document_id = ? AND a.name = ? ORDER BY lb.position", [document_id, annotator]):
            result.setdefault(sentence_id, []).append(name)
        return result

    def judged_among(self, sentence_ids: list[int], annotator: str) -> set[int]:
        """Which of these sentences the annotator has judged."""
        found: set[int] = set()
        for chunk, marks in chunks(sentence_ids):
            found.update(row[0] for row in self.db.execute(
                f"SELECT j.sentence_id FROM judgements j JOIN annotators a ON a.id = j.annotator_id"
                f" WHERE a.name = ? AND j.sentence_id IN ({marks})", [annotator, *chunk]))
        return found

    def noted_among(self, sentence_ids: list[int], annotator: str) -> set[int]:
        """Which of these sentences carry a note of the annotator's."""
        found: set[int] = set()
        for chunk, _ in chunks(sentence_ids):
            marks = ",".join(f"?{k + 2}" for k in range(len(chunk)))  # numbered: the list is used twice
            found.update(row[0] for row in self.db.execute(
                f"SELECT an.sentence_id FROM annotations an JOIN annotators a ON a.id = an.annotator_id"
                f" WHERE a.name = ?1 AND an.note <> '' AND an.sentence_id IN ({marks})"
                f" UNION SELECT j.sentence_id FROM judgements j JOIN annotators a ON a.id = j.annotator_id"
                f" WHERE a.name = ?1 AND j.note <> '' AND j.sentence_id IN ({marks})", [annotator, *chunk]))
        return found

    def is_judged(self, sentence_id: int, annotator: str) -> bool:
        return sentence_id in self.judged_among([sentence_id], annotator)

    def set_notes(self, sentence_id: int, annotator: str, notes: dict[str, str | None]) -> None:
        """Put back the notes (None: no note) on an annotator's labels of a sentence, by label
        name, in one transaction (undo of a note edit)."""
        with self.transaction():
            for label, note in notes.items():
                self.db.execute(
                    "UPDATE annotations SET note = ? WHERE sentence_id = ? AND label_id ="
                    " (SELECT id FROM labels WHERE name = ?) AND annotator_id = (SELECT id FROM annotators WHERE name = ?)",
                    [stored_note(note), sentence_id, label, annotator])
                self._store.events.record("note", sentence_id, label, None, stored_note(note), who=annotator)

    def layers(self) -> list[str]:
        """Whose labels an export can carry: anyone's, the gold layer's, or one annotator's."""
        return ["all", "gold", *(row[0] for row in self.db.execute("SELECT name FROM annotators ORDER BY name"))]

    # ------------------------------------------------------------------ writing
    def set(self, sentence_id: int, label: str | Label, annotator: str, *, present: bool = True,
            note: str | None = None, origin: str = "person", seconds: float | None = None) -> AnnotationChange:
        """Add (or with present=False remove) one annotator's label on one sentence: one
        transaction. `label` is a name, a key, or a Label of the scheme; `origin` "model" records
        that the label is a model's suggestion the annotator accepted. Removing the annotator's
        last label takes their judgement back too (the sentence is unjudged again): only `clear`
        records "no label applies". `seconds`: the time on item, kept with a first judgement's event."""
        annotator = annotator.strip()
        if not annotator:
            raise ProjectError(self.where, "the annotator's name is empty")
        note = stored_note(note)
        if not isinstance(label, Label):
            label = self._store.scheme.find(label)
        with self.transaction():
            annotator_id = self.annotator_id(annotator)
            found = self.db.execute(  # the sentence, the annotation if there is one, and the judgement, in one query
                "SELECT s.id, an.id, an.note, EXISTS (SELECT 1 FROM judgements j WHERE j.sentence_id = s.id"
                " AND j.annotator_id = ?2) FROM sentences s LEFT JOIN annotations an ON an.sentence_id = s.id"
                " AND an.label_id = ?1 AND an.annotator_id = ?2 WHERE s.id = ?3",
                [label.id, annotator_id, sentence_id]).fetchone()
            if found is None:
                raise NotFoundError(self.where, f"no sentence with id {sentence_id}")
            row = found[1:3] if found[1] is not None else None
            was_judged = bool(found[3])
            if not present:
                outcome = "unchanged"
                if row:
                    self.db.execute("DELETE FROM annotations WHERE id = ?", [row[0]])
                    self._unjudge_if_unlabeled(sentence_id, annotator_id)
                    outcome = "removed"
            elif row is None:
                self.db.execute(
                    "INSERT INTO annotations (sentence_id, label_id, annotator_id, created_at, note, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?)", [sentence_id, label.id, annotator_id, now(), note, origin])
                self._judged(sentence_id, annotator_id)
                outcome = "added"
            elif note is not None and note != row[1]:
                self.db.execute("UPDATE annotations SET note = ? WHERE id = ?", [note, row[0]])
                outcome = "note"
            else:
                outcome = "unchanged"
            if outcome == "note":
                self._store.events.record("note", sentence_id, label.name, row[1], note, who=annotator)
            elif outcome != "unchanged":
                self._log_labels(outcome[:-1] if outcome == "removed" else "add", sentence_id, annotator_id, annotator,
                                 label, "suggestion" if origin == "model" else None,
                                 seconds if outcome == "added" and not was_judged else None)
        return AnnotationChange(sentence_id, label.name, annotator, outcome, was_judged, row[1] if row else None)

    def add_many(self, records: Iterable[tuple[int, str, str, str | None]]) -> int:
        """Store many (sentence_id, label, annotator, note) at once, in one transaction: for
        pre-annotations. Existing annotations are kept as they are."""
        stamp = now()
        with self._store.events.acting("import-labels"):
            return self.restore(Annotation(sentence_id, label, annotator, stamp, note)
                                for sentence_id, label, annotator, note in records)

    def restore(self, annotations: Iterable[Annotation], logged: bool = True) -> int:
        """Store annotations as given, their times included (undo, merge); ones already there
        are kept as they are. Each annotator is recorded as having judged the sentence. Not
        `logged`: no event (a merge whose source brings the annotation's own events)."""
        labels = {label.name: label.id for label in self._store.scheme.labels()}
        annotators: dict[str, int] = {}
        added = 0
        with self.transaction():
            for a in annotations:
                if a.label not in labels:
                    raise NotFoundError(self.where, f"no label {a.label!r}")
                if a.annotator not in annotators:
                    annotators[a.annotator] = self.annotator_id(a.annotator)
                inserted = self.db.execute(
                    "INSERT OR IGNORE INTO annotations (sentence_id, label_id, annotator_id, created_at, note, origin)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    [a.sentence_id, labels[a.label], annotators[a.annotator], a.created_at, stored_note(a.note),
                     a.origin]).rowcount
                self._judged(a.sentence_id, annotators[a.annotator])
                if inserted and logged:
                    self._store.events.record("add", a.sentence_id, a.label, None, a.label, who=a.annotator)
                added += inserted
        return added

    def clear(self, sentence_id: int, annotator: str, seconds: float | None = None) -> list[Annotation]:
        """Record that no label applies: remove every label one annotator gave the sentence and
        keep the judgement (one transaction); returns the removed annotations. `seconds`: the
        time on item, kept with the event when this is the annotator's first judgement of it."""
        self._store.documents.sentence(sentence_id)  # raises NotFoundError
        removed = [a for a in self.of_sentence(sentence_id) if a.annotator == annotator]
        with self.transaction():
            annotator_id = self.annotator_id(annotator)
            self.db.execute("DELETE FROM annotations WHERE sentence_id = ? AND annotator_id = ?",
                            [sentence_id, annotator_id])
            first = self._judged(sentence_id, annotator_id)
            self._store.events.record("judgement", sentence_id, None, [a.label for a in removed], [], who=annotator,
                                      seconds=seconds if first else None)
        return removed

    def mark_done(self, document_id: int, annotator: str) -> list[int]:
        """The annotator finished a document: every content sentence they left unjudged is
        recorded as 'no label applies'. Returns those sentences (for undo)."""
        self._store.documents.text(document_id)  # raises NotFoundError
        with self.transaction():
            annotator_id = self.annotator_id(annotator)
            recorded = [row[0] for row in self.db.execute(
                "INSERT INTO judgements (sentence_id, annotator_id, created_at)"
                " SELECT id, ?, ? FROM sentences s WHERE document_id = ? AND boilerplate = 0 AND NOT EXISTS"
                " (SELECT 1 FROM judgements j WHERE j.sentence_id = s.id AND j.annotator_id = ?)"
                " RETURNING sentence_id", [annotator_id, now(), document_id, annotator_id]).fetchall()]
            self._store.events.record_many("judgement", ((i, None, None, []) for i in recorded), who=annotator)
            return recorded

    def unjudge(self, sentence_ids: list[int], annotator: str) -> None:
        """Take back judgements that carry no label (undo of mark_done)."""
        with self.transaction():
            annotator_id = self.annotator_id(annotator)
            for chunk, marks in chunks(sentence_ids):
                gone = self.db.execute(
                    f"DELETE FROM judgements WHERE annotator_id = ? AND sentence_id IN ({marks}) AND NOT EXISTS"
                    f" (SELECT 1 FROM annotations an WHERE an.sentence_id = judgements.sentence_id"
                    f" AND an.annotator_id = judgements.annotator_id) RETURNING sentence_id",
                    [annotator_id, *chunk]).fetchall()
                self._store.events.record_many("unjudged", ((i, None, [], None) for i, in gone), who=annotator)

    def record_judgements(self, records: Iterable[tuple]) -> None:
        """(sentence id, annotator, judged at[, note]) as given (merge); ones already there are
        kept, and take the note only when they have none."""
        with self.transaction():
            for sentence_id, annotator, created_at, *note in records:
                annotator_id = self.annotator_id(annotator)
                self.db.execute("INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at)"
                                " VALUES (?, ?, ?)", [sentence_id, annotator_id, created_at])
                if note and note[0] is not None:
                    self.db.execute("UPDATE judgements SET note = ? WHERE sentence_id = ? AND annotator_id = ?"
                                    " AND note IS NULL", [stored_note(note[0]), sentence_id, annotator_id])

    def _unjudge_if_unlabeled(self, sentence_id: int, annotator_id: int) -> None:
        """Take back a judgement left with no label, unless it carries a note: a note written
        under "no label applies" is the annotator's own words, never dropped silently."""
        self.db.execute("DELETE FROM judgements WHERE sentence_id = ?1 AND annotator_id = ?2"
                        " AND coalesce(note, '') = ''"
                        " AND NOT EXISTS (SELECT 1 FROM annotations WHERE sentence_id = ?1 AND annotator_id = ?2)",
                        [sentence_id, annotator_id])

    def _judged(self, sentence_id: int, annotator_id: int) -> bool:
        """Record the judgement; True when it is new."""
        return self.db.execute("INSERT OR IGNORE INTO judgements (sentence_id, annotator_id, created_at)"
                               " VALUES (?, ?, ?)", [sentence_id, annotator_id, now()]).rowcount > 0

    def _log_labels(self, kind: str, sentence_id: int, annotator_id: int, annotator: str, label: Label,
                    origin: str | None, seconds: float | None) -> None:
        """The event of one label added or removed: the annotator's labels before and after."""
        after = self.db.conn.execute(
            "SELECT lb.name, lb.position FROM annotations an JOIN labels lb ON lb.id = an.label_id"
            " WHERE an.sentence_id = ? AND an.annotator_id = ? ORDER BY lb.position", [sentence_id, annotator_id]).fetchall()
        before = [row for row in after if row[0] != label.name] if kind == "add" else sorted(
            [*after, (label.name, label.position)], key=lambda row: row[1])
        self._store.events.record(kind, sentence_id, label.name, [row[0] for row in before],
                                  [row[0] for row in after], who=annotator, origin=origin, seconds=seconds)

    def annotator_id(self, name: str) -> int:
        known = self._annotator_ids.get(name)
        if known is not None:
            return known
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", [name]).fetchone()
        if row:  # annotators are never deleted, so an id read back stays true (a new one may yet roll back)
            self._annotator_ids[name] = row[0]
            return row[0]
        return self.db.execute("INSERT INTO annotators (name, created_at) VALUES (?, ?)", [name, now()]).lastrowid


class Gold(Domain):
    def set(self, decisions: list[tuple[int, list[str]]], method: str = "manual") -> int:
        """Adjudicated label sets (one transaction); a majority never overwrites a manual decision."""
        names = [label.name for label in self._store.scheme.labels()]
        with self.transaction():
            written = 0
            for sentence_id, labels in decisions:
                unknown = set(labels) - set(names)
                if unknown:
                    raise NotFoundError(self.where, f"no label {sorted(unknown)[0]!r}")
                ordered = "|".join(name for name in names if name in labels)
                before = self.decision(sentence_id)
                changed = self.db.execute(
                    "INSERT INTO gold (sentence_id, labels, method, created_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (sentence_id) DO UPDATE SET labels = excluded.labels, method = excluded.method,"
                    " created_at = excluded.created_at WHERE gold.method <> 'manual' OR excluded.method = 'manual'",
                    [sentence_id, ordered, method, now()]).rowcount
                if changed:
                    self._store.events.record("gold", sentence_id, method, before and before[0], _names(ordered))
                written += changed
        return written

    def clear(self, sentence_id: int) -> None:
        with self.transaction():
            before = self.decision(sentence_id)
            if self.db.execute("DELETE FROM gold WHERE sentence_id = ?", [sentence_id]).rowcount:
                self._store.events.record("gold", sentence_id, before[1], before[0], None)

    def decision(self, sentence_id: int) -> tuple[list[str], str] | None:
        """One sentence's gold labels and how they were decided, or None."""
        row = self.db.execute("SELECT labels, method FROM gold WHERE sentence_id = ?", [sentence_id]).fetchone()
        return (_names(row[0]), row[1]) if row else None

    def all(self) -> dict[int, tuple[list[str], str]]:
        return {sentence_id: (_names(labels), method)
                for sentence_id, labels, method in self.db.execute("SELECT sentence_id, labels, method FROM gold")}

    def labels_by_sentence(self, document_id: int) -> dict[int, list[str]]:
        return {sentence_id: _names(labels) for sentence_id, labels in self.db.execute(
            "SELECT g.sentence_id, g.labels FROM gold g JOIN sentences s ON s.id = g.sentence_id"
            " WHERE s.document_id = ?", [document_id]) if labels}
