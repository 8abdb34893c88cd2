"""Undoable actions. Each redo/undo is one committed transaction in the project, made through
the Session; what it changed goes to `apply`, which repaints just that.

Commands keep labels by id, not by name, so a later rename in the scheme editor does not break
undoing an earlier label action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.session import (BoilerplateChange, Changes, LanguageChange, NewLink, Resegmentation, SchemeChange,
                                    SchemeRow, Session)

Apply = Callable[[Changes], None]  # told what changed, to repaint it


class Command(QUndoCommand):
    """An undoable action whose work is `do` (redo) and `undo`. The window runs `do` itself
    before pushing the command (`run_first`), so that a refused action shows its one-line
    error and never reaches the undo stack; the redo that QUndoStack.push then calls is
    skipped."""

    _done_before_push = False

    def run_first(self) -> None:
        self.do()
        self._done_before_push = True

    def redo(self) -> None:
        if self._done_before_push:
            self._done_before_push = False
            return
        self.do()

    def do(self) -> None:
        raise NotImplementedError


class SetLabel(Command):
    """Add or remove one label. Undo restores the exact state before, the judgement included: a
    first label on a sentence also records that the annotator judged it, and undo takes that
    judgement back too."""

    def __init__(self, session: Session, sentence_id: int, label: str, present: bool, apply: Apply,
                 origin: str = "person"):
        super().__init__(f"{'add' if present else 'remove'} {label}")
        self.session, self.sentence_id, self.present, self.apply = session, sentence_id, present, apply
        self.origin = origin  # "model": accepting the model's suggestion
        self.label_id = session.label_named(label).id
        self.was_judged = True

    def _set(self, present: bool) -> Changes:
        return self.session.set_label(self.sentence_id, self.session.label_by_id(self.label_id).name, present,
                                      origin=self.origin)

    def do(self) -> None:
        self.was_judged = self.session.is_judged(self.sentence_id)
        self.apply(self._set(self.present))

    def undo(self) -> None:
        changes = self._set(not self.present)
        if not self.was_judged:
            changes = self.session.unmark_done([self.sentence_id])
        self.apply(changes)


class ClearLabels(Command):
    def __init__(self, session: Session, sentence_id: int, apply: Apply):
        super().__init__("clear labels")
        self.session, self.sentence_id, self.apply = session, sentence_id, apply
        self.removed: list[tuple[int, object]] = []  # (label id, annotation)
        self.was_judged = True

    def do(self) -> None:
        self.was_judged = self.session.is_judged(self.sentence_id)
        removed, changes = self.session.clear(self.sentence_id)
        self.removed = [(self.session.label_named(a.label).id, a) for a in removed]
        self.apply(changes)

    def undo(self) -> None:
        changes = self.session.restore([self.session.relabel(a, label_id) for label_id, a in self.removed])
        if not self.was_judged:  # the 'no label applies' this recorded goes too
            changes = self.session.unmark_done([self.sentence_id])
        self.apply(changes)


class SetNote(Command):
    """The note on the current annotator's labels of a sentence (kept with each of them)."""

    def __init__(self, session: Session, sentence_id: int, note: str, apply: Apply):
        super().__init__("edit note")
        self.session, self.sentence_id, self.note, self.apply = session, sentence_id, note, apply
        self.before = {session.label_named(a.label).id: a.note for a in session.annotations(sentence_id)
                       if a.annotator == session.annotator}

    def _write(self, notes: dict[int, str]) -> None:
        changes = Changes()
        for label_id, note in notes.items():
            changes = self.session.set_label(self.sentence_id, self.session.label_by_id(label_id).name, True,
                                             note=note)
        self.apply(changes)

    def do(self) -> None:
        self._write(dict.fromkeys(self.before, self.note))

    def undo(self) -> None:  # the notes exactly as they were: None stays None
        self.apply(self.session.set_notes(self.sentence_id, {self.session.label_by_id(label_id).name: note
                                                             for label_id, note in self.before.items()}))


class MarkDone(Command):
    """Review > Mark document done: the sentences left unjudged get 'no label applies'."""

    def __init__(self, session: Session, document_id: int, apply: Apply):
        super().__init__("mark document done")
        self.session, self.document_id, self.apply = session, document_id, apply
        self.recorded: list[int] = []

    def do(self) -> None:
        self.recorded, changes = self.session.mark_done(self.document_id)
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.unmark_done(self.recorded))


class EditScheme(Command):
    """A whole label-scheme edit (one transaction each way)."""

    def __init__(self, session: Session, rows: list[SchemeRow], apply: Apply):
        super().__init__("edit label scheme")
        self.session, self.rows, self.apply = session, rows, apply
        self.change: SchemeChange | None = None

    def do(self) -> None:
        self.change, changes = self.session.apply_scheme(self.rows)
        # a redo after an undo must bring back the same labels under the same ids
        self.rows = [row if row.id is not None else SchemeRow(new_id, row.name, row.key, row.color, row.description)
                     for row, new_id in _with_new_ids(self.rows, self.change.added_ids)]
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.undo_scheme(self.change))


def _with_new_ids(rows: list[SchemeRow], added: list[int]):
    new = iter(added)
    return [(row, row.id if row.id is not None else next(new)) for row in rows]


class LinkSentences(Command):
    """A manual link between sentences of two documents."""

    def __init__(self, session: Session, source_ids: list[int], target_ids: list[int], apply: Apply):
        super().__init__("link")
        self.session, self.source_ids, self.target_ids, self.apply = session, source_ids, target_ids, apply
        self.link_id: int | None = None

    def do(self) -> None:
        self.link_id, changes = self.session.link(self.source_ids, self.target_ids)
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.remove_links([self.link_id]))


class UnlinkSentence(Command):
    """Remove a sentence's links; its machine links are rejected (re-alignment leaves them out)
    until undo puts them back."""

    def __init__(self, session: Session, sentence_id: int, apply: Apply):
        super().__init__("unlink")
        self.session, self.sentence_id, self.apply = session, sentence_id, apply
        self.removed, self.rejected = [], []

    def do(self) -> None:
        self.removed, self.rejected, changes = self.session.unlink(self.sentence_id)
        self.apply(changes)

    def undo(self) -> None:
        _, changes = self.session.relink(self.removed, self.rejected)
        self.apply(changes)


class RejectLink(Command):
    """Remove one machine link (a row's weakest) and remember it as rejected; undo puts it back
    and forgets the rejection."""

    def __init__(self, session: Session, link_id: int, apply: Apply):
        super().__init__("reject link")
        self.session, self.link_id, self.apply = session, link_id, apply
        self.removed, self.rejected = [], []

    def do(self) -> None:
        self.removed, self.rejected, changes = self.session.reject_link(self.link_id)
        self.apply(changes)

    def undo(self) -> None:
        (self.link_id,), changes = self.session.relink(self.removed, self.rejected)  # a new id: redo takes it
        self.apply(changes)


class ReplaceLinks(Command):
    """Swap some links for others (merging or splitting rows); each way is one transaction."""

    def __init__(self, session: Session, text: str, remove: list[int], add: list[NewLink], apply: Apply):
        super().__init__(text)
        self.session, self.apply = session, apply
        self.to_remove, self.to_add = remove, add
        self.back_remove: list[int] = []
        self.back_add: list[NewLink] = []

    def mark_done(self, added: list[int], removed: list[NewLink]) -> None:
        """The change was made already (by the aligner): record how to undo it; the redo that
        QUndoStack.push calls is skipped, as after `run_first`."""
        self.back_remove, self.back_add = added, removed
        self.to_remove, self.to_add = [], []  # filled by the first undo
        self._done_before_push = True

    def do(self) -> None:
        removed, self.back_remove, changes = self.session.replace_links(self.to_remove, self.to_add)
        self.back_add = [(link.source, link.target, link.score, link.origin) for link in removed]
        self.apply(changes)

    def undo(self) -> None:
        removed, self.to_remove, changes = self.session.replace_links(self.back_remove, self.back_add)
        self.to_add = [(link.source, link.target, link.score, link.origin) for link in removed]
        self.apply(changes)


class SetGold(Command):
    """Adjudication: one annotator's choice becomes the gold decision for a sentence."""

    def __init__(self, session: Session, sentence_id: int, labels: list[str], apply: Apply):
        super().__init__("adjudicate")
        self.session, self.sentence_id, self.labels, self.apply = session, sentence_id, labels, apply
        self.before = session.gold_of(sentence_id)

    def do(self) -> None:
        self.apply(self.session.set_gold(self.sentence_id, self.labels))

    def undo(self) -> None:
        self.apply(self.session.set_gold(self.sentence_id, self.before))


class SetLanguage(Command):
    """A corrected language for a sentence, its paragraph or its document."""

    def __init__(self, session: Session, sentence_id: int, lang: str, scope: str, apply: Apply):
        super().__init__(f"{scope} language {lang}")
        self.session, self.sentence_id, self.lang, self.scope, self.apply = session, sentence_id, lang, scope, apply
        self.change: LanguageChange | None = None

    def do(self) -> None:
        self.change, changes = self.session.set_language(self.sentence_id, self.lang, self.scope)
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.undo_language(self.change))


class MarkBoilerplate(Command):
    """Sentences marked as boilerplate by hand (or unmarked); marking drops their machine links,
    and undo puts the marks and the links back."""

    def __init__(self, session: Session, sentence_ids: list[int], marked: bool, apply: Apply):
        super().__init__("mark boilerplate" if marked else "unmark boilerplate")
        self.session, self.sentence_ids, self.marked, self.apply = session, sentence_ids, marked, apply
        self.change: BoilerplateChange | None = None

    def do(self) -> None:
        self.change, changes = self.session.set_boilerplate(self.sentence_ids, self.marked)
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.undo_boilerplate(self.change))


class ConfirmRow(Command):
    """A reviewer confirms a row's alignment (every sentence in it), or takes a confirmation
    back when the row was confirmed already; undo restores exactly what was there."""

    def __init__(self, session: Session, sentence_ids: list[int], confirm: bool, apply: Apply):
        super().__init__("confirm row" if confirm else "unconfirm row")
        self.session, self.sentence_ids, self.confirm, self.apply = session, sentence_ids, confirm, apply
        self.added: list[int] = []
        self.removed: list[tuple[int, str, str]] = []

    def do(self) -> None:
        if self.confirm:
            self.added, changes = self.session.confirm(self.sentence_ids)
        else:
            self.removed, changes = self.session.unconfirm(self.sentence_ids)
        self.apply(changes)

    def undo(self) -> None:
        if self.confirm:
            _, changes = self.session.unconfirm(self.added)
        else:
            changes = self.session.restore_confirmations(self.removed)
        self.apply(changes)


class SetJudgementNote(Command):
    """The note of a sentence judged "no label applies" (kept on the judgement, not a label)."""

    def __init__(self, session: Session, sentence_id: int, note: str, apply: Apply):
        super().__init__("edit note")
        self.session, self.sentence_id, self.note, self.apply = session, sentence_id, note, apply
        self.before: str | None = None
        self.was_judged = True

    def do(self) -> None:
        self.was_judged = self.session.is_judged(self.sentence_id)  # a note on an unjudged sentence judges it
        self.before, changes = self.session.set_judgement_note(self.sentence_id, self.note or None)
        self.apply(changes)

    def undo(self) -> None:
        _, changes = self.session.set_judgement_note(self.sentence_id, self.before)
        if not self.was_judged:
            changes = self.session.unmark_done([self.sentence_id])
        self.apply(changes)


class Resegment(Command):
    """A sentence split in two at a position, or merged with the next one."""

    def __init__(self, session: Session, sentence_id: int, offset: int | None, apply: Apply):
        super().__init__("split sentence" if offset is not None else "merge sentences")
        self.session, self.sentence_id, self.offset, self.apply = session, sentence_id, offset, apply
        self.change: Resegmentation | None = None

    def do(self) -> None:
        if self.offset is not None:
            self.change, changes = self.session.split_sentence(self.sentence_id, self.offset)
        else:
            self.change, changes = self.session.merge_with_next(self.sentence_id)
        self.apply(changes)

    def undo(self) -> None:
        self.apply(self.session.undo_resegment(self.change))
