"""Labeling and the label scheme: each call one transaction, returning `Changes`."""

from __future__ import annotations

from annotator.core.model import Annotation, AnnotationChange
from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store import SchemeChange, SchemeRow


class Labeling(SessionBase):
    """The current annotator's labels, notes and judgements, the gold layer, the scheme."""

    def set_judgement_note(self, sentence_id: int, note: str | None) -> tuple[str | None, Changes]:
        """The note of a "no label applies" (kept on the judgement); returns the one it replaced.
        On a sentence the annotator has not judged, a (non-empty) note records "no label applies"
        with it, on purpose: writing a note is looking at the sentence and saying something of
        it, and the project keeps notes on labels and judgements only (a note that judges nothing
        would need a new table). Undo takes the judgement back with the note (unmark_done)."""
        previous = self._store.annotations.set_judgement_note(sentence_id, self.annotator, note, judge=True)
        return previous, self._touched(sentence_id)

    def set_label(self, sentence_id: int, label: str, present: bool, note: str | None = None,
                  origin: str = "person") -> Changes:
        """Add or remove the current annotator's label (or change its note); origin "model":
        the annotator accepted the model's suggestion."""
        return self.change_label(sentence_id, label, present, note, origin)[1]

    def change_label(self, sentence_id: int, label: str, present: bool, note: str | None = None,
                     origin: str = "person") -> tuple[AnnotationChange, Changes]:
        """set_label, also returning what it did (and whether the sentence was judged before)."""
        known = next((known for known in self.labels if known.name == label), None)
        change = self._store.annotations.set(sentence_id, known or label, self.annotator, present=present, note=note,
                                             origin=origin, seconds=self.time_on(sentence_id))
        return change, self._relabeled(change, note)

    def _relabeled(self, change: AnnotationChange, note: str | None) -> Changes:
        """The sentence's cached labels, judgement and note mark after a committed write, worked
        out from what the write did (no read to repaint its row); where that does not settle
        them (a note that may sit elsewhere, or a write inside a larger transaction that may
        still roll back), they are read again."""
        sentence_id = change.sentence_id
        cached = self._labels.get(sentence_id)
        if cached is None or self._open_transactions:
            return self._touched(sentence_id)
        labels, judged, noted, related = cached
        if change.outcome == "added":
            names = {*labels, change.label}
            after = (tuple(known.name for known in self.labels if known.name in names), True,
                     noted or bool(note and note.strip()), related)
        elif change.outcome == "removed" and not noted:  # no note anywhere: the judgement went with the last label
            remaining = tuple(name for name in labels if name != change.label)
            after = (remaining, bool(remaining), False, related)
        elif change.outcome == "note" and note and note.strip():
            after = (labels, judged, True, related)
        elif change.outcome == "unchanged":
            after = cached
        else:
            return self._touched(sentence_id)
        self._labels[sentence_id] = after
        self._views.pop(sentence_id, None)
        return Changes(sentences=frozenset([sentence_id]), progress=change.outcome != "unchanged")

    def clear(self, sentence_id: int) -> tuple[list[Annotation], Changes]:
        """No label applies: the annotator's labels go, the judgement stays. Returns what went."""
        removed = self._store.annotations.clear(sentence_id, self.annotator, seconds=self.time_on(sentence_id))
        return removed, self._touched(sentence_id)

    def restore(self, annotations: list[Annotation]) -> Changes:
        """Put back annotations removed by `clear` (undo), their times and notes included."""
        self._store.annotations.restore(annotations)
        return self._touched(*{a.sentence_id for a in annotations})

    def mark_done(self, document_id: int) -> tuple[list[int], Changes]:
        """The rest of the document: no label applies. Returns the sentences it recorded."""
        recorded = self._store.annotations.mark_done(document_id, self.annotator)
        return recorded, self._touched(*recorded)

    def is_judged(self, sentence_id: int) -> bool:
        """Whether the current annotator has looked at the sentence (labels or 'no label applies')."""
        return self._store.annotations.is_judged(sentence_id, self.annotator)

    def set_notes(self, sentence_id: int, notes: dict[str, str | None]) -> Changes:
        """The current annotator's notes put back as they were, None for no note (undo)."""
        self._store.annotations.set_notes(sentence_id, self.annotator, notes)
        return self._touched(sentence_id)

    def unmark_done(self, sentence_ids: list[int]) -> Changes:
        self._store.annotations.unjudge(sentence_ids, self.annotator)
        return self._touched(*sentence_ids)

    def set_gold(self, sentence_id: int, labels: list[str] | None) -> Changes:
        """Put a label set into the gold layer (None: take the decision out)."""
        if labels is None:
            self._store.gold.clear(sentence_id)
        else:
            self._store.gold.set([(sentence_id, labels)], method="manual")
        return Changes(sentences=frozenset([sentence_id]))

    def scheme_rows(self) -> list[SchemeRow]:
        return self._store.scheme.rows()

    def label_usage(self, label_id: int) -> int:
        return self._store.scheme.usage(label_id)

    def apply_scheme(self, rows: list[SchemeRow]) -> tuple[SchemeChange, Changes]:
        """A whole scheme edit, one transaction; validation errors raise ProjectError."""
        change = self._store.scheme.apply(rows)
        return change, self._reload_labels()

    def undo_scheme(self, change: SchemeChange) -> Changes:
        self._store.scheme.undo(change)
        return self._reload_labels()
