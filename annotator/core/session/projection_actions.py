"""Accepting a sentence's ghosts (key a): the spans and relations its aligned sentences offer
(session/projecting.py) made yours, in one transaction and one undo step, each recorded in the
history as the span or relation it becomes."""

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
        self.spans = list(view.ghost_spans)
        self.relations = [(sentence_id, other, kind) if outgoing else (other, sentence_id, kind)
                          for kind, outgoing, other in view.ghost_relations]
        self.made_spans: list[SpanRecord] = []
        self.made_relations: list[RelationRecord] = []
        self.span_ids: list[int] = []
        self.relation_ids: list[int] = []

    def __bool__(self) -> bool:
        return bool(self.spans or self.relations)

    def do(self) -> Changes:
        session, changes = self.session, [Changes(sentences=frozenset({self.sentence_id}))]
        with session.transaction():
            if self.made_spans or self.made_relations:  # redo: the same spans and relations, their times kept
                if self.made_spans:
                    self.span_ids, done = session.restore_spans(self.made_spans)
                    changes.append(done)
                if self.made_relations:
                    self.relation_ids, done = session.restore_relations(self.made_relations)
                    changes.append(done)
                return _joined(*changes)
            for start, end, label in self.spans:
                span, done = session.add_span(self.sentence_id, start, end, label)
                self.span_ids.append(span.id)
                self.made_spans.append(span.record())
                changes.append(done)
            for head, tail, kind in self.relations:
                relation, done = session.relate(head, tail, kind)
                self.relation_ids.append(relation.id)
                self.made_relations.append(relation.record())
                changes.append(done)
        return _joined(*changes)

    def undo(self) -> Changes:
        session, changes = self.session, [Changes(sentences=frozenset({self.sentence_id}))]
        with session.transaction():
            if self.span_ids:
                changes.append(session.remove_spans(self.span_ids)[1])
            if self.relation_ids:
                changes.append(session.unrelate(self.relation_ids)[1])
        return _joined(*changes)
