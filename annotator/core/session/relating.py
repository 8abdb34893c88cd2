"""Typed relations between sentences of a group (a correction corrects a claim, maybe in
another document and language): making, removing and listing them; each one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.relations import RELATION_TYPES, Relation, RelationRecord, SpanEnd, record_ends, span_text


@dataclass(frozen=True)
class RelationView:
    """One relation as the detail panel lists it, seen from one of its sentences."""

    id: int
    type: str
    outgoing: bool  # the sentence is the head (it corrects the other), else the tail
    other_id: int  # the other sentence
    other_text: str
    other_document: str  # its document's title
    other_lang: str
    annotator: str
    created_at: str
    own_span: SpanEnd | None = None  # this sentence's end, when it is a span
    other_span: SpanEnd | None = None  # the other end's span (other_text is then its words)
    own_words: str = ""  # the words of own_span


def span_at(spans, start: int, end: int) -> SpanEnd | None:
    """The span end that selected words (start, end, code points) stand for, among a sentence's
    spans (start, end, label): the span on exactly those words, else the one sharing most
    characters with them (then the shortest, then the first); None when they touch none.
    So Shift+← right after a span label key (it selects the span's last word) names that span."""
    touching = [span for span in spans if span[0] < end and start < span[1]]
    if not touching:
        return None
    exact = [span for span in touching if (span[0], span[1]) == (start, end)]
    return (exact or sorted(touching, key=lambda s: (-(min(s[1], end) - max(s[0], start)), s[1] - s[0])))[0]


class Relating(SessionBase):
    relation_types = RELATION_TYPES

    def relate(self, head_id: int, tail_id: int, relation_type: str, head_span: SpanEnd | None = None,
               tail_span: SpanEnd | None = None) -> tuple[Relation, Changes]:
        """A new relation from head to tail (each a sentence, or a span of it), made by the
        current annotator (a span end: one of the annotator's spans)."""
        relation = self._store.relations.add(head_id, tail_id, relation_type, self.annotator, head_span, tail_span)
        return relation, self._touched(head_id, tail_id)

    def unrelate(self, relation_ids: list[int]) -> tuple[list[Relation], Changes]:
        """Remove relations; returns them as they were, for undo."""
        removed = self._store.relations.remove(relation_ids)
        return removed, self._touched(*{i for r in removed for i in (r.head_id, r.tail_id)})

    def unrelate_spans(self, span_ids: list[int]) -> tuple[list[RelationRecord], Changes]:
        """Remove the relations these spans are ends of (before the spans go: so they leave
        their events, and undo can put them back); returns their records."""
        removed, changes = self.unrelate(self._store.relations.on_spans(span_ids))
        return [r.record() for r in removed], changes

    def restore_relations(self, records: list[RelationRecord]) -> tuple[list[int], Changes]:
        """Put relations back as they were (undo); returns their ids now."""
        relations = self._store.relations
        with self.transaction():
            relations.restore(records)
            ids = [relations.find(head, tail, kind, who, head_span, tail_span).id
                   for head, tail, kind, who, _, head_span, tail_span in map(record_ends, records)]
        return ids, self._touched(*{i for head, tail, *_ in records for i in (head, tail)})

    def relations_of(self, sentence_id: int) -> list[RelationView]:
        """A sentence's relations, both ways, with the other sentence's text and document."""
        found = self._store.relations.of_sentence(sentence_id)
        # (two spans of one sentence: the head's view lists it once, from the head)
        others = [r.tail_id if r.head_id == sentence_id else r.head_id for r in found]
        self.load([*others, sentence_id])
        titles = {}
        views = []
        for relation, other_id in zip(found, others):
            other = self.sentence(other_id)
            if other.document_id not in titles:
                titles[other.document_id] = self._store.relations.document_title(other.document_id)
            outgoing = relation.head_id == sentence_id
            own_span, other_span = ((relation.head_span, relation.tail_span) if outgoing
                                    else (relation.tail_span, relation.head_span))
            own_text = other.text if other_id == sentence_id else self.sentence(sentence_id).text
            views.append(RelationView(relation.id, relation.type, outgoing, other_id,
                                      span_text(other.text, other_span), titles[other.document_id], other.lang,
                                      relation.annotator, relation.created_at, own_span, other_span,
                                      span_text(own_text, own_span) if own_span else ""))
        return views
