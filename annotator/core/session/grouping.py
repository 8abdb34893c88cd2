"""Label groups in the app: the scheme's groups, your answer to one about a sentence (or its
document), the answers everybody gave, and the flag for discussion; each one transaction."""

from __future__ import annotations

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.label_groups import GroupValue, LabelGroup


class Grouping(SessionBase):
    def label_groups(self) -> list[LabelGroup]:
        """The scheme's groups other than the labels' own (those answered with a letter and a digit)."""
        return [g for g in self._store.label_groups.all() if g.kind != "multi"]

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
        return before, self._touched(sentence_id)

    def discussion_of(self, sentence_id: int) -> list[tuple[str, str]]:
        """(who, when) of the flags for discussion on the sentence."""
        return self._store.label_groups.flags_of(sentence_id)
