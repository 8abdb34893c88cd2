"""Spans inside a sentence (a source, a cue, a content), each with its span label, who made it
and when, offsets in code points of the sentence's text; and the span labels themselves (name,
key, colour, order: the span part of the scheme). Every write of both tables is in this module,
and each records its event (store/events.py) in the same transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError


@dataclass(frozen=True)
class Span:
    id: int
    sentence_id: int
    start: int  # code points of the sentence's text
    end: int
    label: str
    annotator: str
    created_at: str

    def record(self) -> "SpanRecord":
        return self.sentence_id, self.start, self.end, self.label, self.annotator, self.created_at


@dataclass(frozen=True)
class SpanLabel:
    name: str
    key: str | None  # "1" … "9": pressed with words selected
    color: str


SpanRecord = tuple[int, int, int, str, str, str]  # sentence, start, end, label, annotator, created at

_SELECT = ("SELECT s.id, s.sentence_id, s.start, s.end, s.label, a.name, s.created_at FROM spans s"
           " JOIN annotators a ON a.id = s.annotator_id")


def span_label_problem(name: str, key: str | None, color: str | None) -> str | None:
    """What is wrong with a span label (one line), or None; the CLI and the scheme editor share it."""
    if not name.strip() or "|" in name:
        return f"span label name {name.strip()!r} must be non-empty and without '|'"
    if key is not None and not (len(key) == 1 and key in "123456789"):
        return f"span label key {key!r} must be one of the digits 1 to 9"
    if color is not None and not re.fullmatch(r"#[0-9A-Fa-f]{6}", color):
        return f"span label color {color!r} must look like #1f77b4"
    return None


class Spans(Domain):
    # ------------------------------------------------------------------ span labels (the scheme's)
    def labels(self) -> list[SpanLabel]:
        return [SpanLabel(*row) for row in self.db.execute(
            "SELECT name, key, color FROM span_labels ORDER BY position, id")]

    def label_named(self, name_or_key: str) -> SpanLabel:
        labels = self.labels()
        wanted = name_or_key.strip().casefold()
        found = next((label for label in labels if wanted in (label.name.casefold(), label.key)), None)
        if found is None:
            names = ", ".join(f"{label.name} ({label.key})" if label.key else label.name for label in labels)
            raise NotFoundError(self.where, f"no span label {name_or_key!r}; span labels are: {names}")
        return found

    def set_label(self, name: str, key: str | None = None, color: str | None = None) -> SpanLabel:
        """Add a span label, or change the key or colour of one (one transaction). A key taken
        by another span label passes to this one."""
        name = name.strip()
        problem = span_label_problem(name, key, color)
        if problem:
            raise ProjectError(self.where, problem)
        with self.transaction():
            known = {label.name.casefold(): label for label in self.labels()}
            before = known.get(name.casefold())
            if key is not None:
                self.db.execute("UPDATE span_labels SET key = NULL WHERE key = ?", [key])
            if before is None:
                self.db.execute("INSERT INTO span_labels (name, key, color, position) VALUES"
                                " (?, ?, ?, (SELECT coalesce(max(position), 0) + 1 FROM span_labels))",
                                [name, key, color or "#7f7f7f"])
            else:
                name = before.name
                self.db.execute("UPDATE span_labels SET key = coalesce(?, key), color = coalesce(?, color)"
                                " WHERE name = ?", [key, color, name])
            after = next(label for label in self.labels() if label.name == name)
            self._store.events.record("span-label", None, name, before and before.__dict__, after.__dict__)
            return after

    def remove_label(self, name: str) -> int:
        """Remove a span label that no span uses (one transaction); returns 1."""
        label = self.label_named(name)
        with self.transaction():
            used = self.db.execute("SELECT count(*) FROM spans WHERE label = ?", [label.name]).fetchone()[0]
            if used:
                raise ProjectError(self.where, f"span label {label.name!r} is on {used} span(s): remove them first")
            self.db.execute("DELETE FROM span_labels WHERE name = ?", [label.name])
            self._store.events.record("span-label", None, label.name, label.__dict__, None)
        return 1

    # ------------------------------------------------------------------ spans
    def add(self, sentence_id: int, start: int, end: int, label: str, annotator: str) -> Span:
        """A new span (one transaction): inside the sentence's text, of a known span label; the
        same span twice by one annotator is refused."""
        label = self.label_named(label).name
        row = self.db.execute("SELECT text FROM sentences WHERE id = ?", [sentence_id]).fetchone()
        if row is None:
            raise NotFoundError(self.where, f"no sentence with id {sentence_id}")
        length = len(self.checked_text(f"sentence {sentence_id}", row[0]))
        if not 0 <= start < end <= length:
            raise ProjectError(self.where, f"span {start}-{end} is not inside sentence {sentence_id}"
                                           f" ({length} characters)")
        with self.transaction():
            if self.find(sentence_id, start, end, label, annotator) is not None:
                raise ProjectError(self.where, f"sentence {sentence_id} already has {label} at {start}-{end}")
            self._insert((sentence_id, start, end, label, annotator, now()), logged=True)
            return self.find(sentence_id, start, end, label, annotator)

    def remove(self, span_ids: list[int]) -> list[Span]:
        """Remove spans (one transaction); returns them as they were, for undo."""
        with self.transaction():
            removed = self.by_ids(span_ids)
            if len(removed) != len(set(span_ids)):
                raise NotFoundError(self.where, f"no span with id {min(set(span_ids) - {s.id for s in removed})}")
            self.db.conn.executemany("DELETE FROM spans WHERE id = ?", [(s.id,) for s in removed])
            self._store.events.record_many("unspan", [(s.sentence_id, s.label, [s.start, s.end], None)
                                                      for s in removed])
        return removed

    def restore(self, records: list[SpanRecord], logged: bool = True) -> int:
        """Put spans back as they were (undo, merge); ones already there are kept, each one
        added leaves its event unless not `logged` (a merge whose source brings the events).
        Returns how many were added."""
        with self.transaction():
            return sum(self._insert(record, logged) for record in records)

    def _insert(self, record: SpanRecord, logged: bool) -> int:
        sentence_id, start, end, label, who, at = record
        inserted = self.db.execute(
            "INSERT OR IGNORE INTO spans (sentence_id, start, end, label, annotator_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [sentence_id, start, end, label, self._store.annotations.annotator_id(who), at]).rowcount
        if inserted and logged:
            self._store.events.record("span", sentence_id, label, None, [start, end], who=who)
        return inserted

    def find(self, sentence_id: int, start: int, end: int, label: str, annotator: str) -> Span | None:
        row = self.db.execute(f"{_SELECT} WHERE s.sentence_id = ? AND s.start = ? AND s.end = ? AND s.label = ?"
                              " AND a.name = ?", [sentence_id, start, end, label, annotator]).fetchone()
        return Span(*row) if row else None

    def by_ids(self, span_ids: list[int]) -> list[Span]:
        found = []
        for chunk, marks in chunks(list(dict.fromkeys(span_ids))):
            found += [Span(*row) for row in self.db.execute(f"{_SELECT} WHERE s.id IN ({marks})", chunk)]
        return sorted(found, key=lambda s: s.id)

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM spans").fetchone()[0]

    def any(self) -> bool:
        return self.db.execute("SELECT EXISTS (SELECT 1 FROM spans)").fetchone()[0] == 1

    def records(self) -> list[Span]:
        """Every span, oldest first."""
        return [Span(*row) for row in self.db.execute(f"{_SELECT} ORDER BY s.id")]

    def of_sentences(self, sentence_ids: list[int], annotator: str | None = None) -> dict[int, list[Span]]:
        """The spans on these sentences (only `annotator`'s, when given), by start, per sentence."""
        found: dict[int, list[Span]] = {}
        who = " AND a.name = ?" if annotator is not None else ""
        for chunk, marks in chunks(sentence_ids):
            for row in self.db.execute(f"{_SELECT} WHERE s.sentence_id IN ({marks}){who}"
                                       " ORDER BY s.sentence_id, s.start, s.end, s.id",
                                       chunk + ([annotator] if annotator is not None else [])):
                found.setdefault(row[1], []).append(Span(*row))
        return found
