"""Ghosts: your spans and relations offered on the aligned counterparts of their sentences
(align/projection.py finds where), as your labels are offered on the other cells of their row.
A ghost is never stored nor exported: it is worked out from the links and your spans and
relations when a sentence is shown, and becomes yours only when accepted (key a, AcceptGhosts
in projection_actions.py).

A sentence's linked sentences are read once (its links: a few indexed queries) and forgotten
when links or sentences change; a project with no span and no relation pays one EXISTS query
per change of spans or relations, nothing per paint."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.align.projection import (Projected, ProjectedRelation, SpanEnd, place_span, project_relation,
                                             project_spans)
from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes, SentenceView


class Projecting(SessionBase):
    _projection_state: dict | None = None

    def _projection(self) -> dict:
        """The caches: "linked" (sentence -> the sentences linked to it), "ghosts" (sentence ->
        (spans, relations)), "any" (spans or relations exist)."""
        if self._projection_state is None:
            self._projection_state = {"linked": {}, "ghosts": {}, "any": None}
        return self._projection_state

    # ------------------------------------------------------------------ counterparts
    def linked(self, sentence_id: int) -> set[int]:
        """Every sentence linked to this one (machine or manual links; both of a 1-2 link), read
        per sentence (a group-wide read cost 0.26 s on a 20,000-sentence group's first paint)."""
        cache = self._projection()["linked"]
        found = cache.get(sentence_id)
        if found is None:
            found = cache[sentence_id] = {other for link in self._store.links.of_sentence(sentence_id)
                                          for other in (link.target if sentence_id in link.source else link.source)}
        return found

    def counterparts(self, sentence_id: int) -> dict[int, int]:
        """document -> the sentence of that document linked to this one (of a 1-2 link, the first)."""
        found: dict[int, int] = {}
        for other in sorted(self.linked(sentence_id)):
            found.setdefault(self._base_view(other).document_id, other)
        return found

    # ------------------------------------------------------------------ ghosts
    def _base_view(self, sentence_id: int) -> SentenceView:
        """The sentence's view, its ghosts maybe not yet worked out (what the ghosts of another
        are made from); not kept as the view `sentence` gives, which has its ghosts."""
        view = self._views.get(sentence_id)
        if view is None:
            view = super().sentence(sentence_id)
            del self._views[sentence_id]
        return view

    def sentence(self, sentence_id: int) -> SentenceView:
        view = self._views.get(sentence_id)
        if view is not None:
            return view
        view = self._base_view(sentence_id)
        spans, relations = self.ghosts(sentence_id)
        if spans or relations:
            view = replace(view, ghost_spans=tuple((p.start, p.end, p.label) for p in spans),
                           ghost_relations=tuple(_as_seen_from(sentence_id, r) for r in relations))
        self._views[sentence_id] = view
        return view

    def ghosts(self, sentence_id: int) -> tuple[tuple[Projected, ...], tuple[ProjectedRelation, ...]]:
        """Your spans and relations offered on this sentence by its counterparts' (none where
        you have them already)."""
        state = self._projection()
        found = state["ghosts"].get(sentence_id)
        if found is not None:
            return found
        if state["any"] is None:
            state["any"] = self._store.spans.any() or self._store.relations.count() > 0
        found = ((), ())
        if state["any"]:
            view = self._base_view(sentence_id)
            others = self.linked(sentence_id)
            if others:
                found = (self._ghost_spans(view, others), self._ghost_relations(view, others))
        state["ghosts"][sentence_id] = found
        return found

    def _ghost_spans(self, view: SentenceView, others: set[int]) -> tuple[Projected, ...]:
        sources = [(other.text, other.spans) for other in map(self._base_view, sorted(others)) if other.spans]
        if not sources:
            return ()
        # by shared facts only: the encoder's word windows were wrong on 14 of 16 seeds' spans
        # and cost 150-240 ms a sentence (align/projection.py, by_meaning; the note proj30.md)
        return project_spans(view.text, sources, view.spans)

    def _ghost_relations(self, view: SentenceView, others: set[int]) -> tuple[ProjectedRelation, ...]:
        related = [i for i in {view.id, *others} if self._base_view(i).related]
        found = []
        for relation in {r for i in related for r in self._store.relations.of_sentence(i)}:
            if relation.annotator != self.annotator:
                continue
            ends = (relation.head_id, relation.tail_id)
            counterparts = {end: self.counterparts(end) for end in ends}
            document_of = {end: self._base_view(end).document_id for end in ends}
            found += [p for p in project_relation(*ends, relation.type, document_of, counterparts, relation.head_span,
                                                  relation.tail_span, self._place_span_end)
                      if view.id in (p.head_id, p.tail_id)]
        mine = {(r.head_id, r.tail_id, r.type, r.head_span, r.tail_span) for r in self._store.relations.of_sentence(view.id)
                if r.annotator == self.annotator} if view.related else set()
        unique = {key: p for p in found if (key := (p.head_id, p.tail_id, p.type, p.head_span, p.tail_span)) not in mine}
        return tuple(sorted(unique.values(), key=lambda p: (p.type, p.head_id, p.tail_id, p.head_span or (),
                                                            p.tail_span or ())))

    def _place_span_end(self, sentence_id: int, span: SpanEnd, counterpart: int) -> SpanEnd | None:
        """A relation's span end on a counterpart of its sentence: your span there on those words,
        or the ghost span offered there (made when the relation is accepted), or None."""
        source, target = self._base_view(sentence_id), self._base_view(counterpart)
        return place_span(source.text, span, target.text, target.spans)

    # ------------------------------------------------------------------ what a change of spans or relations reaches
    def _reached(self, changes: Changes) -> Changes:
        """The changed sentences' linked sentences show other ghosts now (a relation's ghosts are
        on its ends and their linked sentences): their views are made again. (They share the
        changed sentence's row, which the view repaints: the changes stay the action's own.)"""
        state = self._projection()
        state["any"] = None
        reached = set(changes.sentences)
        for i in changes.sentences:
            reached.update(self.linked(i))
        # a ghost relation may end on a span placed (or not yet) on a sentence not linked to its own
        reached.update(i for i, (_, relations) in state["ghosts"].items() if relations)
        for i in reached:
            state["ghosts"].pop(i, None)
            self._views.pop(i, None)
        return changes

    def add_span(self, sentence_id, start, end, label):
        span, changes = super().add_span(sentence_id, start, end, label)
        return span, self._reached(changes)

    def remove_spans(self, span_ids):
        removed, changes = super().remove_spans(span_ids)
        return removed, self._reached(changes)

    def restore_spans(self, records):
        ids, changes = super().restore_spans(records)
        return ids, self._reached(changes)

    def relate(self, head_id, tail_id, relation_type, head_span=None, tail_span=None):
        relation, changes = super().relate(head_id, tail_id, relation_type, head_span, tail_span)
        return relation, self._reached(changes)

    def unrelate(self, relation_ids):
        removed, changes = super().unrelate(relation_ids)
        return removed, self._reached(changes)

    def restore_relations(self, records):
        ids, changes = super().restore_relations(records)
        return ids, self._reached(changes)

    # ------------------------------------------------------------------ links changed: counterparts read again
    def _links_changed(self, result):
        self._projection_state = None
        self._views.clear()  # (made again from what is cached, without a query) their ghosts may differ
        return result

    def replace_links(self, remove, add):  # (link, merge and split of rows come through here)
        return self._links_changed(super().replace_links(remove, add))

    def remove_links(self, link_ids):
        return self._links_changed(super().remove_links(link_ids))

    def unlink(self, sentence_id):
        return self._links_changed(super().unlink(sentence_id))

    def reject_link(self, link_id):
        return self._links_changed(super().reject_link(link_id))

    def relink(self, links, rejected=()):
        return self._links_changed(super().relink(links, rejected))

    def layout(self, group, include_boilerplate=False, show="all"):
        """(The view lays a group out again after every change of links, a re-alignment in the
        background included.)"""
        return self._links_changed(super().layout(group, include_boilerplate, show))

    def _forget(self, sentence_ids, layout=True):
        self._projection_state = None  # links or sentences changed: counterparts read again
        if layout:
            self._views.clear()  # (made again from what is cached: no query) their ghosts may differ
        return super()._forget(sentence_ids, layout)

    def _reload_labels(self):
        self._projection_state = None
        return super()._reload_labels()


def _as_seen_from(sentence_id: int, relation: ProjectedRelation) -> tuple:
    """A ghost relation as SentenceView has it: (type, this sentence is the head, the other
    sentence, this end's span, the other end's span); a relation between two spans of this
    sentence is seen from its head."""
    if relation.head_id == sentence_id:
        return relation.type, True, relation.tail_id, relation.head_span, relation.tail_span
    return relation.type, False, relation.head_id, relation.tail_span, relation.head_span
