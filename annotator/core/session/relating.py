"""Typed relations between sentences of a group (a correction corrects a claim, maybe in
another document and language): making, removing and listing them; each one transaction."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.relations import RELATION_TYPES, Relation, RelationRecord


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


class Relating(SessionBase):
    relation_types = RELATION_TYPES

    def relate(self, head_id: int, tail_id: int, relation_type: str) -> tuple[Relation, Changes]:
        """A new relation from head to tail, made by the current annotator."""
        relation = self._store.relations.add(head_id, tail_id, relation_type, self.annotator)
        return relation, self._touched(head_id, tail_id)

    def unrelate(self, relation_ids: list[int]) -> tuple[list[Relation], Changes]:
        """Remove relations; returns them as they were, for undo."""
        removed = self._store.relations.remove(relation_ids)
        return removed, self._touched(*{i for r in removed for i in (r.head_id, r.tail_id)})

    def restore_relations(self, records: list[RelationRecord]) -> tuple[list[int], Changes]:
        """Put relations back as they were (undo); returns their ids now."""
        relations = self._store.relations
        with self.transaction():
            relations.restore(records)
            ids = [relations.find(head, tail, kind, who).id for head, tail, kind, who, _ in records]
        return ids, self._touched(*{i for head, tail, *_ in records for i in (head, tail)})

    def relations_of(self, sentence_id: int) -> list[RelationView]:
        """A sentence's relations, both ways, with the other sentence's text and document."""
        found = self._store.relations.of_sentence(sentence_id)
        others = [r.tail_id if r.head_id == sentence_id else r.head_id for r in found]
        self.load(others)
        titles = {}
        views = []
        for relation, other_id in zip(found, others):
            other = self.sentence(other_id)
            if other.document_id not in titles:
                titles[other.document_id] = self._store.relations.document_title(other.document_id)
            views.append(RelationView(relation.id, relation.type, relation.head_id == sentence_id, other_id,
                                      other.text, titles[other.document_id], other.lang, relation.annotator,
                                      relation.created_at))
        return views
