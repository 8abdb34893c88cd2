"""The undoable actions of label groups (see actions.py for the pattern): answer a group about
a sentence or its document, flag a sentence for discussion, and edit the groups and span labels
in the scheme editor."""

from __future__ import annotations

from dataclasses import replace

from annotator.core.session import Changes, Session
from annotator.core.session.actions import Action
from annotator.core.store.scheme_structure import GroupRow, SpanLabelRow, StructureChange
from annotator.translatable import QT_TRANSLATE_NOOP


class SetGroupValue(Action):
    """Your answer to a group (None: clear it); undo puts back the answer before exactly (its
    time), redo gives the same answer with its time."""

    def __init__(self, session: Session, group: str, sentence_id: int, value: str | None):
        self.named(QT_TRANSLATE_NOOP("actions", "{group}: {value}") if value is not None
                   else QT_TRANSLATE_NOOP("actions", "clear {group}"), group=group, value=value)
        self.session, self.group, self.sentence_id, self.value = session, group, sentence_id, value
        self.before = None
        self.made_at: str | None = None

    def do(self) -> Changes:
        self.before, changes = self.session.set_group_value(self.group, self.sentence_id, self.value, self.made_at)
        if self.value is not None and self.made_at is None:
            self.made_at = self.session.my_group_value(self.group, self.sentence_id).created_at
        return changes

    def undo(self) -> Changes:
        before = self.before
        _, changes = self.session.set_group_value(self.group, self.sentence_id, before.value if before else None,
                                                  before.created_at if before else None)
        return changes


class ToggleDiscussion(Action):
    """Flag the sentence for discussion, or take your flag off; undo does the other, keeping the
    flag's time."""

    def __init__(self, session: Session, sentence_id: int):
        self.session, self.sentence_id = session, sentence_id
        self.flagged = not any(who == session.annotator for who, _ in session.discussion_of(sentence_id))
        self.named(QT_TRANSLATE_NOOP("actions", "flag for discussion") if self.flagged
                   else QT_TRANSLATE_NOOP("actions", "take the flag for discussion off"))
        self.at: str | None = None

    def do(self) -> Changes:
        before, changes = self.session.set_discussion(self.sentence_id, self.flagged, self.at)
        if not self.flagged:
            self.at = before
        elif self.at is None:
            self.at = next(at for who, at in self.session.discussion_of(self.sentence_id) if who == self.session.annotator)
        return changes

    def undo(self) -> Changes:
        _, changes = self.session.set_discussion(self.sentence_id, not self.flagged, self.at)
        return changes


class EditStructure(Action):
    """A whole edit of the label groups and span labels (one transaction each way); undo puts
    back the answers and spans it deleted."""

    def __init__(self, session: Session, groups: list[GroupRow], span_labels: list[SpanLabelRow]):
        self.named(QT_TRANSLATE_NOOP("actions", "edit label groups and span labels"))
        self.session, self.groups, self.span_labels = session, groups, span_labels
        self.change: StructureChange | None = None

    def do(self) -> Changes:
        self.change, changes = self.session.apply_structure(self.groups, self.span_labels)
        # a redo after an undo must bring back the same groups and span labels under the same ids
        self.groups = _with_ids(self.groups, self.change.added_group_ids)
        self.span_labels = _with_ids(self.span_labels, self.change.added_span_label_ids)
        return changes

    def undo(self) -> Changes:
        return self.session.undo_structure(self.change)


def _with_ids(rows: list, added: list[int]) -> list:
    new = iter(added)
    return [row if row.id is not None else replace(row, id=next(new)) for row in rows]
