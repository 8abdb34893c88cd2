"""Label groups in the app: the scheme's groups, your answer to one about a sentence (or its
document), the answers everybody gave, and the flag for discussion; each one transaction."""

from __future__ import annotations

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.label_groups import GroupValue, LabelGroup
from annotator.core.store.scheme_structure import GroupRow, Loss, SpanLabelRow, StructureChange


class Grouping(SessionBase):
    _group_state: tuple[list[LabelGroup], bool] | None = None  # (the groups, any flag in the project), read once

    def _groups_and_flags(self) -> tuple[list[LabelGroup], bool]:
        """Read once per scheme (the detail panel asks on every sentence it shows: a project
        without groups or flags costs it no query)."""
        if self._group_state is None:
            groups = [g for g in self._store.label_groups.all() if g.kind != "multi"]
            any_flag = self._store.read("SELECT EXISTS (SELECT 1 FROM discussion_flags)").fetchone()[0]
            self._group_state = (groups, bool(any_flag))
        return self._group_state

    def _reload_labels(self) -> Changes:
        self._group_state = None  # a merge or another process may have brought groups or flags
        return super()._reload_labels()

    def label_groups(self) -> list[LabelGroup]:
        """The scheme's groups other than the labels' own (those answered with a letter and a digit)."""
        return self._groups_and_flags()[0]

    def may_have_flags(self) -> bool:
        """Whether any sentence of the project may carry a flag for discussion."""
        return self._groups_and_flags()[1]

    def group_by_key(self, key: str) -> LabelGroup | None:
        return next((g for g in self.label_groups() if g.key and g.key == key.lower()), None)

    def _unit_sentences(self, group: LabelGroup, sentence_id: int) -> list[int]:
        """The sentences whose rows show an answer: the sentence, or every sentence of its document."""
        if group.level == "sentence":
            return [sentence_id]
        document_id = self.sentence(sentence_id).document_id
        return [s for s, view in self._views.items() if view.document_id == document_id] or [sentence_id]

    def set_group_value(self, group_name: str, sentence_id: int, value: str | None,
                        created_at: str | None = None, who: str | None = None) -> tuple[GroupValue | None, Changes]:
        """Your answer (or `who`'s: undo puts back another's) to a group; None clears it.
        Returns the answer before."""
        group = self._store.label_groups.find(group_name)
        before = self._store.label_groups.set_value(group.name, sentence_id, who or self.annotator, value, created_at)
        return before, self._touched(*self._unit_sentences(group, sentence_id))

    def my_group_value(self, group_name: str, sentence_id: int) -> GroupValue | None:
        group = self._store.label_groups.find(group_name)
        return self._store.label_groups.value_of(group, sentence_id, self.annotator)

    def group_values_of(self, sentence_id: int) -> list[GroupValue]:
        """Everybody's answers about the sentence and its document (the detail panel)."""
        return self._store.label_groups.of_sentence(sentence_id)

    def set_discussion(self, sentence_id: int, flagged: bool, created_at: str | None = None) -> tuple[str | None, Changes]:
        """Flag the sentence for discussion (or take your flag off); returns when the flag before was put."""
        before = self._store.label_groups.set_flag(sentence_id, self.annotator, flagged, created_at)
        if flagged and self._group_state is not None:
            self._group_state = (self._group_state[0], True)
        return before, self._touched(sentence_id)

    def discussion_of(self, sentence_id: int) -> list[tuple[str, str]]:
        """(who, when) of the flags for discussion on the sentence."""
        return self._store.label_groups.flags_of(sentence_id)

    # ------------------------------------------------------------------ the scheme editor's groups and span labels
    def structure_rows(self) -> tuple[list[GroupRow], list[SpanLabelRow]]:
        """The label groups (but the labels' own) and the span labels, as the scheme editor edits them."""
        return self._store.structure.group_rows(), self._store.structure.span_label_rows()

    def structure_losses(self, groups: list[GroupRow], span_labels: list[SpanLabelRow]) -> list[Loss]:
        """The answers and spans an edit would delete (asked about before it is applied)."""
        return self._store.structure.losses(groups, span_labels)

    def apply_structure(self, groups: list[GroupRow], span_labels: list[SpanLabelRow]) -> tuple[StructureChange, Changes]:
        """A whole edit of the groups and span labels, one transaction; bad rows raise ProjectError."""
        change = self._store.structure.apply(groups, span_labels)
        return change, self._reload_labels()

    def undo_structure(self, change: StructureChange) -> Changes:
        self._store.structure.undo(change)
        return self._reload_labels()
