"""The undo step of a re-alignment the aligner already stored (Ctrl+R, or the background
refinement of core/session/align_methods.py)."""

from __future__ import annotations

from annotator.core.session import Changes, NewLink
from annotator.core.session.actions import ReplaceLinks


class Realigned(ReplaceLinks):
    """A re-alignment the aligner already stored, made undoable: its links and the group's
    remembered method go back together (one transaction each way)."""

    def __init__(self, session, text: str, group_id: int, after: list[int], before: list[NewLink],
                 method_before: str, method_after: str):
        super().__init__(session, text, [], [])
        self.mark_done(after, before)
        self.group_id, self.method_before, self.method_after = group_id, method_before, method_after

    def undo(self) -> Changes:
        with self.session.transaction():
            changes = super().undo()
            self.session.remember_method(self.group_id, self.method_before)
        return changes

    def redo(self) -> Changes:
        with self.session.transaction():
            changes = super().redo()
            self.session.remember_method(self.group_id, self.method_after)
        return changes
