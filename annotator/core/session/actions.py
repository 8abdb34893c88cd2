"""Every undoable user action as a plain object: `do` makes it, `undo` takes it back, `redo`
makes it again; each side is one committed transaction through the Session and returns the
`Changes` to repaint. No Qt: ui/commands.py puts these on a QUndoStack, and tests run them
headless.

Actions keep labels by id, not by name, so a later rename in the scheme editor does not break
undoing an earlier label action."""

from __future__ import annotations

from annotator.core.model import AnnotationChange, Link
from annotator.translatable import QT_TRANSLATE_NOOP
from annotator.core.session import (BoilerplateChange, Changes, LanguageChange, NewLink, Resegmentation, SchemeChange,
                                    SchemeRow, Session)


class Action:
    """One undoable action; `text` names it in the Edit menu's Undo and Redo: `wording` with
    `fields` filled in (the app translates the wording, context "actions", then fills it)."""

    text = ""
    wording = ""
    fields: dict = {}

    def named(self, wording: str, **fields) -> None:
        self.wording, self.fields = wording, fields
        self.text = wording.format(**fields)

    def do(self) -> Changes:
        raise NotImplementedError

    def undo(self) -> Changes:
        raise NotImplementedError

    def redo(self) -> Changes:
        return self.do()

    def run_undo(self) -> Changes:
        """Undo, its events marked as an undo's (the history tells it from a person's own change)."""
        with self.session.acting("undo"):
            return self.undo()

    def run_redo(self) -> Changes:
        with self.session.acting("redo"):
            return self.redo()


class SetLabel(Action):
    """Add or remove one label (with `note`: and keep that note with it). Undo restores the exact
    state before, read in the same transaction as the write: a first label on a sentence also
    records that the annotator judged it, and undo takes that judgement back too."""

    def __init__(self, session: Session, sentence_id: int, label: str, present: bool,
                 origin: str = "person", note: str | None = None):
        self.session, self.sentence_id, self.present = session, sentence_id, present
        self.origin = origin  # "model": accepting the model's suggestion
        self.note = note
        known = session.find_label(label)  # a name or a key (the CLI's); an unknown one: the store says so
        self.named(QT_TRANSLATE_NOOP("actions", "add {label}") if present
                  else QT_TRANSLATE_NOOP("actions", "remove {label}"), label=known.name if known else label)
        self.label_id = known.id if known else None
        self.label = label
        self.change: AnnotationChange | None = None  # what `do` did, and what was there before

    def _name(self) -> str:  # by id: a rename since stays the same label
        return self.label if self.label_id is None else self.session.label_by_id(self.label_id).name

    def do(self) -> Changes:
        self.change, changes = self.session.change_label(self.sentence_id, self._name(), self.present,
                                                         note=self.note, origin=self.origin)
        return changes

    def undo(self) -> Changes:
        change, name = self.change, self._name()
        with self.session.transaction():
            if change.outcome == "added":
                changes = self.session.set_label(self.sentence_id, name, False)
                if not change.was_judged:  # the judgement the first label recorded goes too
                    changes = self.session.unmark_done([self.sentence_id])
            elif change.outcome == "removed":
                changes = self.session.set_label(self.sentence_id, name, True, note=change.previous_note,
                                                 origin=self.origin)
            elif change.outcome == "note":
                changes = self.session.set_notes(self.sentence_id, {name: change.previous_note})
            else:
                changes = Changes(sentences=frozenset([self.sentence_id]))
        return changes


class ClearLabels(Action):
    """Key 0: no label applies; undo puts the labels back, and takes back a judgement this
    recorded (both read inside the write's transaction)."""

    def __init__(self, session: Session, sentence_id: int):
        self.named(QT_TRANSLATE_NOOP("actions", "clear labels"))
        self.session, self.sentence_id = session, sentence_id
        self.removed: list[tuple[int, object]] = []  # (label id, annotation)
        self.was_judged = True

    def do(self) -> Changes:
        with self.session.transaction():
            self.was_judged = self.session.is_judged(self.sentence_id)
            removed, changes = self.session.clear(self.sentence_id)
        self.removed = [(self.session.label_named(a.label).id, a) for a in removed]
        return changes

    def undo(self) -> Changes:
        with self.session.transaction():
            changes = self.session.restore([self.session.relabel(a, label_id) for label_id, a in self.removed])
            if not self.was_judged:  # the 'no label applies' this recorded goes too
                changes = self.session.unmark_done([self.sentence_id])
        return changes


class SetNote(Action):
    """The note on the current annotator's labels of a sentence (kept with each of them)."""

    def __init__(self, session: Session, sentence_id: int, note: str):
        self.named(QT_TRANSLATE_NOOP("actions", "edit note"))
        self.session, self.sentence_id, self.note = session, sentence_id, note
        self.before: dict[int, str | None] = {}  # label id -> its note, read by `do`

    def do(self) -> Changes:
        changes = Changes(sentences=frozenset([self.sentence_id]))
        session = self.session
        with session.transaction():  # one commit however many labels carry the note
            self.before = {session.label_named(a.label).id: a.note for a in session.annotations(self.sentence_id)
                           if a.annotator == session.annotator}
            for label_id in self.before:
                changes = session.set_label(self.sentence_id, session.label_by_id(label_id).name, True,
                                            note=self.note)
        return changes

    def undo(self) -> Changes:  # the notes exactly as they were: None stays None
        return (self.session.set_notes(self.sentence_id, {self.session.label_by_id(label_id).name: note
                                                             for label_id, note in self.before.items()}))


class MarkDone(Action):
    """Review > Mark document done: the sentences left unjudged get 'no label applies'."""

    def __init__(self, session: Session, document_id: int):
        self.named(QT_TRANSLATE_NOOP("actions", "mark document done"))
        self.session, self.document_id = session, document_id
        self.recorded: list[int] = []

    def do(self) -> Changes:
        self.recorded, changes = self.session.mark_done(self.document_id)
        return changes

    def undo(self) -> Changes:
        return self.session.unmark_done(self.recorded)


class EditScheme(Action):
    """A whole label-scheme edit (one transaction each way)."""

    def __init__(self, session: Session, rows: list[SchemeRow]):
        self.named(QT_TRANSLATE_NOOP("actions", "edit label scheme"))
        self.session, self.rows = session, rows
        self.change: SchemeChange | None = None

    def do(self) -> Changes:
        self.change, changes = self.session.apply_scheme(self.rows)
        # a redo after an undo must bring back the same labels under the same ids
        self.rows = [row if row.id is not None else SchemeRow(new_id, row.name, row.key, row.color, row.description)
                     for row, new_id in _with_new_ids(self.rows, self.change.added_ids)]
        return changes

    def undo(self) -> Changes:
        return self.session.undo_scheme(self.change)


def _with_new_ids(rows: list[SchemeRow], added: list[int]):
    new = iter(added)
    return [(row, row.id if row.id is not None else next(new)) for row in rows]


class LinkSentences(Action):
    """A manual link between sentences of two documents."""

    def __init__(self, session: Session, source_ids: list[int], target_ids: list[int]):
        self.named(QT_TRANSLATE_NOOP("actions", "link"))
        self.session, self.source_ids, self.target_ids = session, source_ids, target_ids
        self.link_id: int | None = None
        self.displaced: list[Link] = []  # machine links the manual link pushed off the rows

    def do(self) -> Changes:
        self.link_id, self.displaced, changes = self.session.link(self.source_ids, self.target_ids)
        return changes

    def undo(self) -> Changes:
        *_, changes = self.session.replace_links(
            [self.link_id], [(link.source, link.target, link.score, link.origin) for link in self.displaced])
        return changes


class UnlinkSentence(Action):
    """Remove a sentence's links; its machine links are rejected (re-alignment leaves them out)
    until undo puts them back."""

    def __init__(self, session: Session, sentence_id: int):
        self.named(QT_TRANSLATE_NOOP("actions", "unlink"))
        self.session, self.sentence_id = session, sentence_id
        self.removed, self.rejected = [], []

    def do(self) -> Changes:
        self.removed, self.rejected, changes = self.session.unlink(self.sentence_id)
        return changes

    def undo(self) -> Changes:
        _, changes = self.session.relink(self.removed, self.rejected)
        return changes


class RejectLink(Action):
    """Remove one machine link (a row's weakest) and remember it as rejected; undo puts it back
    and forgets the rejection."""

    def __init__(self, session: Session, link_id: int):
        self.named(QT_TRANSLATE_NOOP("actions", "reject link"))
        self.session, self.link_id = session, link_id
        self.removed, self.rejected = [], []

    def do(self) -> Changes:
        self.removed, self.rejected, changes = self.session.reject_link(self.link_id)
        return changes

    def undo(self) -> Changes:
        (self.link_id,), changes = self.session.relink(self.removed, self.rejected)  # a new id: redo takes it
        return changes


class ReplaceLinks(Action):
    """Swap some links for others (merging or splitting rows); each way is one transaction."""

    def __init__(self, session: Session, text: str, remove: list[int], add: list[NewLink]):
        self.text = text
        self.session = session
        self.to_remove, self.to_add = remove, add
        self.back_remove: list[int] = []
        self.back_add: list[NewLink] = []

    def mark_done(self, added: list[int], removed: list[NewLink]) -> None:
        """The change was made already (by the aligner): record how to undo it."""
        self.back_remove, self.back_add = added, removed
        self.to_remove, self.to_add = [], []  # filled by the first undo

    def do(self) -> Changes:
        removed, self.back_remove, changes = self.session.replace_links(self.to_remove, self.to_add)
        self.back_add = [(link.source, link.target, link.score, link.origin) for link in removed]
        return changes

    def undo(self) -> Changes:
        removed, self.to_remove, changes = self.session.replace_links(self.back_remove, self.back_add)
        self.to_add = [(link.source, link.target, link.score, link.origin) for link in removed]
        return changes


class SetGold(Action):
    """Adjudication: one annotator's choice becomes the gold decision for a sentence."""

    def __init__(self, session: Session, sentence_id: int, labels: list[str]):
        self.named(QT_TRANSLATE_NOOP("actions", "adjudicate"))
        self.session, self.sentence_id, self.labels = session, sentence_id, labels
        self.before: list[str] | None = None

    def do(self) -> Changes:
        with self.session.transaction():
            self.before = self.session.gold_of(self.sentence_id)
            return self.session.set_gold(self.sentence_id, self.labels)

    def undo(self) -> Changes:
        return self.session.set_gold(self.sentence_id, self.before)


class SetLanguage(Action):
    """A corrected language for a sentence, its paragraph or its document."""

    def __init__(self, session: Session, sentence_id: int, lang: str, scope: str):
        self.named({"sentence": QT_TRANSLATE_NOOP("actions", "sentence language {lang}"),
                   "paragraph": QT_TRANSLATE_NOOP("actions", "paragraph language {lang}"),
                   "document": QT_TRANSLATE_NOOP("actions", "document language {lang}")}[scope],
                  lang=lang)
        self.session, self.sentence_id, self.lang, self.scope = session, sentence_id, lang, scope
        self.change: LanguageChange | None = None

    def do(self) -> Changes:
        self.change, changes = self.session.set_language(self.sentence_id, self.lang, self.scope)
        return changes

    def undo(self) -> Changes:
        return self.session.undo_language(self.change)


class MarkBoilerplate(Action):
    """Sentences marked as boilerplate by hand (or unmarked); marking drops their machine links,
    and undo puts the marks and the links back."""

    def __init__(self, session: Session, sentence_ids: list[int], marked: bool):
        self.named(QT_TRANSLATE_NOOP("actions", "mark boilerplate") if marked
                  else QT_TRANSLATE_NOOP("actions", "unmark boilerplate"))
        self.session, self.sentence_ids, self.marked = session, sentence_ids, marked
        self.change: BoilerplateChange | None = None

    def do(self) -> Changes:
        self.change, changes = self.session.set_boilerplate(self.sentence_ids, self.marked)
        return changes

    def undo(self) -> Changes:
        return self.session.undo_boilerplate(self.change)


class ConfirmRow(Action):
    """A reviewer confirms a row's alignment (every sentence in it), or takes a confirmation
    back when the row was confirmed already; undo restores exactly what was there."""

    def __init__(self, session: Session, sentence_ids: list[int], confirm: bool):
        self.named(QT_TRANSLATE_NOOP("actions", "confirm row") if confirm
                  else QT_TRANSLATE_NOOP("actions", "unconfirm row"))
        self.session, self.sentence_ids, self.confirm = session, sentence_ids, confirm
        self.added: list[int] = []
        self.removed: list[tuple[int, str, str]] = []

    def do(self) -> Changes:
        if self.confirm:
            self.added, changes = self.session.confirm(self.sentence_ids)
        else:
            self.removed, changes = self.session.unconfirm(self.sentence_ids)
        return changes

    def undo(self) -> Changes:
        if self.confirm:
            _, changes = self.session.unconfirm(self.added)
        else:
            changes = self.session.restore_confirmations(self.removed)
        return changes


class SetJudgementNote(Action):
    """The note of a sentence judged "no label applies" (kept on the judgement, not a label)."""

    def __init__(self, session: Session, sentence_id: int, note: str):
        self.named(QT_TRANSLATE_NOOP("actions", "edit note"))
        self.session, self.sentence_id, self.note = session, sentence_id, note
        self.before: str | None = None
        self.was_judged = True

    def do(self) -> Changes:
        with self.session.transaction():
            self.was_judged = self.session.is_judged(self.sentence_id)  # a note on an unjudged sentence judges it
            self.before, changes = self.session.set_judgement_note(self.sentence_id, self.note or None)
        return changes

    def undo(self) -> Changes:
        with self.session.transaction():
            _, changes = self.session.set_judgement_note(self.sentence_id, self.before)
            if not self.was_judged:  # the judgement the note recorded goes too
                changes = self.session.unmark_done([self.sentence_id])
        return changes


class Resegment(Action):
    """A sentence split in two at a position, or merged with the next one."""

    def __init__(self, session: Session, sentence_id: int, offset: int | None):
        self.named(QT_TRANSLATE_NOOP("actions", "split sentence") if offset is not None
                  else QT_TRANSLATE_NOOP("actions", "merge sentences"))
        self.session, self.sentence_id, self.offset = session, sentence_id, offset
        self.change: Resegmentation | None = None

    def do(self) -> Changes:
        if self.offset is not None:
            self.change, changes = self.session.split_sentence(self.sentence_id, self.offset)
        else:
            self.change, changes = self.session.merge_with_next(self.sentence_id)
        return changes

    def undo(self) -> Changes:
        return self.session.undo_resegment(self.change)


class RenameGroup(Action):
    """A group's new name (the navigator's F2, `annotator rename-group`); undo gives the old one back."""

    def __init__(self, session: Session, group_id: int, new_name: str):
        self.session, self.group_id, self.new_name = session, group_id, new_name
        self.named(QT_TRANSLATE_NOOP("actions", "rename group to {name}"), name=new_name.strip())
        self.old_name: str | None = None  # read by `do`

    def do(self) -> Changes:
        self.old_name, _, changes = self.session.rename_group(self.group_id, self.new_name)
        return changes

    def undo(self) -> Changes:
        return self.session.rename_group(self.group_id, self.old_name)[2]
