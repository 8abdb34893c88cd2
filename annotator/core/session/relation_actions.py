"""The undoable actions on relations (see actions.py for the pattern): make one, remove some."""

from __future__ import annotations

from annotator.core.session import Changes, Session
from annotator.core.session.actions import Action
from annotator.core.store.relations import RelationRecord, SpanEnd
from annotator.translatable import QT_TRANSLATE_NOOP


class Relate(Action):
    """A typed relation from the head sentence (or a span of it) to the tail (or a span of
    it); undo removes it, redo makes it again with the same who and when."""

    def __init__(self, session: Session, head_id: int, tail_id: int, relation_type: str,
                 head_span: SpanEnd | None = None, tail_span: SpanEnd | None = None):
        self.named(QT_TRANSLATE_NOOP("actions", "relate ({type})"), type=relation_type)
        self.session, self.head_id, self.tail_id, self.type = session, head_id, tail_id, relation_type
        self.head_span, self.tail_span = head_span, tail_span
        self.relation_id: int | None = None
        self.made: RelationRecord | None = None

    def do(self) -> Changes:
        if self.made is not None:  # redo: the same relation, its time kept
            (self.relation_id,), changes = self.session.restore_relations([self.made])
            return changes
        relation, changes = self.session.relate(self.head_id, self.tail_id, self.type, self.head_span, self.tail_span)
        self.relation_id, self.made = relation.id, relation.record()
        return changes

    def undo(self) -> Changes:
        _, changes = self.session.unrelate([self.relation_id])
        return changes


class Unrelate(Action):
    """Remove relations (one from the detail panel, or all of a sentence's); undo puts them
    back as they were."""

    def __init__(self, session: Session, relation_ids: list[int]):
        self.named(QT_TRANSLATE_NOOP("actions", "remove relation"))
        self.session, self.relation_ids = session, relation_ids
        self.removed: list[RelationRecord] = []

    def do(self) -> Changes:
        removed, changes = self.session.unrelate(self.relation_ids)
        self.removed = [r.record() for r in removed]
        return changes

    def undo(self) -> Changes:
        self.relation_ids, changes = self.session.restore_relations(self.removed)  # new ids: redo takes them
        return changes
