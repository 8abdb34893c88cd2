"""Undoable labeling actions. Each redo/undo is one committed transaction in the project."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.model import Annotation
from annotator.core.session import Session

Changed = Callable[[int], None]  # told which sentence changed, to repaint it
NewLink = tuple[list[int], list[int], float | None, str]  # pivot ids, other ids, score, origin


class SetLabel(QUndoCommand):
    def __init__(self, session: Session, sentence_id: int, label: str, present: bool, changed: Changed):
        super().__init__(f"{'add' if present else 'remove'} {label}")
        self.session, self.sentence_id, self.label, self.present, self.changed = (
            session, sentence_id, label, present, changed)

    def redo(self) -> None:
        self.session.set_label(self.sentence_id, self.label, self.present)
        self.changed(self.sentence_id)

    def undo(self) -> None:
        self.session.set_label(self.sentence_id, self.label, not self.present)
        self.changed(self.sentence_id)


class ClearLabels(QUndoCommand):
    def __init__(self, session: Session, sentence_id: int, changed: Changed):
        super().__init__("clear labels")
        self.session, self.sentence_id, self.changed = session, sentence_id, changed
        self.removed: list[Annotation] = []

    def redo(self) -> None:
        self.removed = self.session.clear(self.sentence_id)
        self.changed(self.sentence_id)

    def undo(self) -> None:
        self.session.restore(self.removed)
        self.changed(self.sentence_id)


class SetNote(QUndoCommand):
    """The note on the current annotator's labels of a sentence (kept with each of them)."""

    def __init__(self, session: Session, sentence_id: int, note: str, changed: Changed):
        super().__init__("edit note")
        self.session, self.sentence_id, self.note, self.changed = session, sentence_id, note, changed
        self.before = {a.label: a.note for a in session.annotations(sentence_id) if a.annotator == session.annotator}

    def redo(self) -> None:
        for label in self.before:
            self.session.set_label(self.sentence_id, label, True, note=self.note)
        self.changed(self.sentence_id)

    def undo(self) -> None:
        for label, note in self.before.items():
            self.session.set_label(self.sentence_id, label, True, note=note or "")
        self.changed(self.sentence_id)


class LinkSentences(QUndoCommand):
    """A manual link between pivot sentences and another document's sentences."""

    def __init__(self, session: Session, pivot_ids: list[int], other_ids: list[int], relayout: Callable[[], None]):
        super().__init__("link")
        self.session, self.pivot_ids, self.other_ids, self.relayout = session, pivot_ids, other_ids, relayout
        self.link_id: int | None = None

    def redo(self) -> None:
        self.link_id = self.session.link(self.pivot_ids, self.other_ids)
        self.relayout()

    def undo(self) -> None:
        self.session.store.remove_links([self.link_id])
        self.relayout()


class UnlinkSentence(QUndoCommand):
    def __init__(self, session: Session, sentence_id: int, relayout: Callable[[], None]):
        super().__init__("unlink")
        self.session, self.sentence_id, self.relayout = session, sentence_id, relayout
        self.removed = []

    def redo(self) -> None:
        self.removed = self.session.unlink(self.sentence_id)
        self.relayout()

    def undo(self) -> None:
        self.session.relink(self.removed)
        self.relayout()


class ReplaceLinks(QUndoCommand):
    """Swap some links for others (merging or splitting rows); each way is one transaction."""

    def __init__(self, session: Session, text: str, remove: list[int], add: list[NewLink],
                 relayout: Callable[[], None]):
        super().__init__(text)
        self.session, self.relayout = session, relayout
        self.to_remove, self.to_add = remove, add
        self.back_remove: list[int] = []
        self.back_add: list[NewLink] = []
        self._already_done = False

    def mark_done(self, added: list[int], removed: list[NewLink]) -> None:
        """The change was made already (by the aligner): record how to undo it, and let the
        first redo (which QUndoStack.push calls) only refresh the view."""
        self.back_remove, self.back_add, self._already_done = added, removed, True

    def redo(self) -> None:
        if self._already_done:
            self._already_done = False
            self.to_remove, self.to_add = [], []  # filled by the first undo
            self.relayout()
            return
        removed, self.back_remove = self.session.replace_links(self.to_remove, self.to_add)
        self.back_add = [(link.pivot, link.other, link.score, link.origin) for link in removed]
        self.relayout()

    def undo(self) -> None:
        removed, self.to_remove = self.session.replace_links(self.back_remove, self.back_add)
        self.to_add = [(link.pivot, link.other, link.score, link.origin) for link in removed]
        self.relayout()


class SetGold(QUndoCommand):
    """Adjudication: one annotator's choice becomes the gold decision for a sentence."""

    def __init__(self, session: Session, sentence_id: int, labels: list[str], changed: Changed):
        super().__init__("adjudicate")
        self.session, self.sentence_id, self.labels, self.changed = session, sentence_id, labels, changed
        self.before = session.gold_of(sentence_id)

    def redo(self) -> None:
        self.session.set_gold(self.sentence_id, self.labels)
        self.changed(self.sentence_id)

    def undo(self) -> None:
        self.session.set_gold(self.sentence_id, self.before)
        self.changed(self.sentence_id)
