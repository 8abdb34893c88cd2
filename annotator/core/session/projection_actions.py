"""Accepting a sentence's ghosts (key a): the spans and relations its aligned sentences offer
(session/projecting.py) made yours, in one transaction and one undo step, each recorded in the
history as the span or relation it becomes. A relation between spans is offered between spans
placed on the counterparts: those not yet yours (ghost spans, maybe of the other sentence) are
made first, and the relation names them (by value, as every relation does)."""

from __future__ import annotations

from annotator.core.session import Changes, Session
from annotator.core.session.actions import Action
from annotator.core.store.relations import RelationRecord
from annotator.core.store.spans import SpanRecord
from annotator.translatable import QT_TRANSLATE_NOOP


def _joined(*changes: Changes) -> Changes:
    return Changes(sentences=frozenset().union(*(c.sentences for c in changes)), progress=True)


class AcceptGhosts(Action):
    """The ghost spans and relations of a sentence, as shown when the key was pressed."""

    def __init__(self, session: Session, sentence_id: int):
        self.named(QT_TRANSLATE_NOOP("actions", "accept suggested spans and relations"))
        view = session.sentence(sentence_id)
        self.session, self.sentence_id = session, sentence_id
        self.spans = [(sentence_id, *span) for span in view.ghost_spans]  # (sentence, start, end, label)
        self.relations = []  # (head, tail, type, head span, tail span)
        for kind, outgoing, other, own_span, other_span in view.ghost_relations:
            ends = ((sentence_id, own_span), (other, other_span))
            (head, head_span), (tail, tail_span) = ends if outgoing else ends[::-1]
            self.relations.append((head, tail, kind, head_span, tail_span))
            self.spans += [(end, *span) for end, span in ends if span is not None and (end, *span) not in self.spans
                           and span not in session.sentence(end).spans]
        self.made_spans: list[SpanRecord] = []
        self.made_relations: list[RelationRecord] = []
        self.span_ids: list[int] = []
        self.relation_ids: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.spans or self.relations)

    def _sentences(self) -> Changes:
        return Changes(sentences=frozenset({self.sentence_id, *(span[0] for span in self.spans)}))

    def do(self) -> Changes:
        session, changes = self.session, [self._sentences()]
        with session.transaction():
            if self.made_spans or self.made_relations:  # redo: the same spans and relations, their times kept
                if self.made_spans:  # (first: the relations name them)
                    self.span_ids, done = session.restore_spans(self.made_spans)
                    changes.append(done)
                if self.made_relations:
                    self.relation_ids, done = session.restore_relations(self.made_relations)
                    changes.append(done)
                return _joined(*changes)
            for sentence, start, end, label in self.spans:
                span, done = session.add_span(sentence, start, end, label)
                self.span_ids.append(span.id)
                self.made_spans.append(span.record())
                changes.append(done)
            for head, tail, kind, head_span, tail_span in self.relations:
                relation, done = session.relate(head, tail, kind, head_span, tail_span)
                self.relation_ids.append(relation.id)
                self.made_relations.append(relation.record())
                changes.append(done)
        return _joined(*changes)

    def undo(self) -> Changes:
        session, changes = self.session, [self._sentences()]
        with session.transaction():
            if self.relation_ids:  # (first: removing a span would take its relations with it, with no event)
                changes.append(session.unrelate(self.relation_ids)[1])
            if self.span_ids:
                changes.append(session.remove_spans(self.span_ids)[1])
        return _joined(*changes)
