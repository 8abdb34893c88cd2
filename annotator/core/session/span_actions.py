"""The undoable actions on spans (see actions.py for the pattern): toggle one span label on
the selected words, remove the spans the selection touches. A span removed takes the relations
it is an end of with it in the same step (each leaving its event); undo puts them back."""

from __future__ import annotations

from annotator.core.session import Changes, Session
from annotator.core.store.relations import RelationRecord
from annotator.core.session.actions import Action
from annotator.core.store.spans import SpanRecord
from annotator.translatable import QT_TRANSLATE_NOOP


def _remove(session: Session, span_ids: list[int]) -> tuple[list, list[RelationRecord], Changes]:
    """Remove spans and the relations they end (one transaction): (spans, relations, changes)."""
    with session.transaction():
        relations, unrelated = session.unrelate_spans(span_ids)
        removed, changes = session.remove_spans(span_ids)
    return removed, relations, Changes(sentences=changes.sentences | unrelated.sentences, progress=True)


def _restore(session: Session, records: list, relations: list[RelationRecord]) -> tuple[list[int], Changes]:
    """Spans back, then the relations they ended (one transaction)."""
    with session.transaction():
        ids, changes = session.restore_spans(records)
        if relations:
            _, related = session.restore_relations(relations)
            changes = Changes(sentences=changes.sentences | related.sentences, progress=True)
    return ids, changes


class ToggleSpan(Action):
    """The span label on exactly these characters: added, or removed when you had it there
    already (the label key pressed again). Undo takes it back; redo keeps the who and when."""

    def __init__(self, session: Session, sentence_id: int, start: int, end: int, label: str):
        self.session, self.sentence_id, self.start, self.end = session, sentence_id, start, end
        self.label = session.span_label(label).name  # a name or a key; unknown: the store says so
        self.present = not any((s.start, s.end, s.label) == (start, end, self.label)
                               for s in session.spans_of(sentence_id))
        self.named(QT_TRANSLATE_NOOP("actions", "span {label}") if self.present
                   else QT_TRANSLATE_NOOP("actions", "remove span {label}"), label=self.label)
        self.record: SpanRecord | None = None
        self.span_id: int | None = None
        self.relations: list[RelationRecord] = []  # those the span ended, when it was removed

    def _add(self) -> Changes:
        if self.record is not None:  # redo: the same span, its time kept
            (self.span_id,), changes = _restore(self.session, [self.record], self.relations)
            return changes
        span, changes = self.session.add_span(self.sentence_id, self.start, self.end, self.label)
        self.span_id, self.record = span.id, span.record()
        return changes

    def _remove(self) -> Changes:
        if self.span_id is None:
            self.span_id = next(s.id for s in self.session.spans_of(self.sentence_id)
                                if (s.start, s.end, s.label) == (self.start, self.end, self.label))
        removed, self.relations, changes = _remove(self.session, [self.span_id])
        self.record = removed[0].record()
        return changes

    def do(self) -> Changes:
        return self._add() if self.present else self._remove()

    def undo(self) -> Changes:
        return self._remove() if self.present else self._add()


class RemoveSpans(Action):
    """Remove your spans that overlap [start, end) of a sentence (0 with words selected); undo
    puts them back as they were."""

    def __init__(self, session: Session, sentence_id: int, start: int, end: int):
        self.named(QT_TRANSLATE_NOOP("actions", "remove spans"))
        self.session = session
        self.span_ids = [s.id for s in session.spans_of(sentence_id) if s.start < end and start < s.end]
        self.removed: list[SpanRecord] = []
        self.relations: list[RelationRecord] = []

    def do(self) -> Changes:
        removed, self.relations, changes = _remove(self.session, self.span_ids)
        self.removed = [s.record() for s in removed]
        return changes

    def undo(self) -> Changes:
        self.span_ids, changes = _restore(self.session, self.removed, self.relations)  # new ids: redo takes them
        return changes
