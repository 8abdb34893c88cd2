"""Corrections of the import: a sentence's language, boilerplate, splitting and merging
sentences, a group's name; each one transaction, with its undo."""

from __future__ import annotations

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.corrections import BoilerplateChange, LanguageChange
from annotator.core.store.resegment import Resegmentation


class Correcting(SessionBase):
    """Corrections of what the import found."""

    def set_language(self, sentence_id: int, lang: str, scope: str = "sentence") -> tuple[LanguageChange, Changes]:
        """Correct the language of a sentence, its paragraph or its document (one transaction)."""
        change = self._store.corrections.set_language(sentence_id, lang, scope)
        return change, self._relanguaged(change)

    def undo_language(self, change: LanguageChange) -> Changes:
        self._store.corrections.undo_language(change)
        return self._relanguaged(change)

    def _relanguaged(self, change: LanguageChange) -> Changes:
        """A sentence's or paragraph's language changes no link: its rows are repainted; a
        document's is in its column's title: the group is laid out again."""
        return self._forget(change.sentence_ids(), layout=change.document is not None)

    def set_boilerplate(self, sentence_ids: list[int], marked: bool) -> tuple[BoilerplateChange, Changes]:
        """Mark or unmark sentences as boilerplate (their machine links go when marked)."""
        change = self._store.corrections.set_boilerplate(sentence_ids, marked)
        return change, self._forget(change.sentence_ids())

    def undo_boilerplate(self, change: BoilerplateChange) -> Changes:
        self._store.corrections.undo_boilerplate(change)
        return self._forget(change.sentence_ids())

    def split_sentence(self, sentence_id: int, offset: int) -> tuple[Resegmentation, Changes]:
        """Split a sentence before character `offset` (store.resegment states what each part keeps)."""
        _, change = self._store.resegmenting.split(sentence_id, offset)
        return change, self._forget(change.sentence_ids())

    def merge_with_next(self, sentence_id: int) -> tuple[Resegmentation, Changes]:
        change = self._store.resegmenting.merge_with_next(sentence_id)
        return change, self._forget(change.sentence_ids())

    def undo_resegment(self, change: Resegmentation) -> Changes:
        self._store.resegmenting.undo(change)
        return self._forget(change.sentence_ids())

    def rename_group(self, group: str | int, new_name: str) -> tuple[str, str, Changes]:
        """Give a group (its name or id) a new name: (old name, new name). The store's rules:
        unique, not empty, not a number, not a group a team plan hands out."""
        old, new = self._store.documents.rename_group(group, new_name)
        return old, new, Changes(groups=old != new)
