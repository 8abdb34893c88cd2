"""Spans inside a sentence (a source, a cue, a content), made from words selected in the view
and a span label's key: making, removing and listing them; each one transaction."""

from __future__ import annotations

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.spans import Span, SpanLabel, SpanRecord


class Spanning(SessionBase):
    def span_labels(self) -> list[SpanLabel]:
        """The scheme's span labels, in order (source, cue, content by default)."""
        return self._store.spans.labels()

    def span_label(self, name_or_key: str) -> SpanLabel:
        return self._store.spans.label_named(name_or_key)

    def add_span(self, sentence_id: int, start: int, end: int, label: str) -> tuple[Span, Changes]:
        """A new span of the current annotator; `start`, `end` in code points of the text."""
        span = self._store.spans.add(sentence_id, start, end, label, self.annotator)
        return span, self._touched(sentence_id)

    def remove_spans(self, span_ids: list[int]) -> tuple[list[Span], Changes]:
        """Remove spans; returns them as they were, for undo."""
        removed = self._store.spans.remove(span_ids)
        return removed, self._touched(*{s.sentence_id for s in removed})

    def restore_spans(self, records: list[SpanRecord]) -> tuple[list[int], Changes]:
        """Put spans back as they were (undo, redo); returns their ids now."""
        spans = self._store.spans
        with self.transaction():
            spans.restore(records)
            ids = [spans.find(sentence, start, end, label, who).id for sentence, start, end, label, who, _ in records]
        return ids, self._touched(*{record[0] for record in records})

    def spans_of(self, sentence_id: int, everyone: bool = False) -> list[Span]:
        """The sentence's spans: yours, or `everyone`'s, by start."""
        return self._store.spans.of_sentences([sentence_id], None if everyone else self.annotator).get(sentence_id, [])
