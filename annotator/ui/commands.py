"""The undo stack's side of the actions (core/session/actions.py, where each action and its
undo live, without Qt): a QUndoCommand runs its action and hands what it changed to `apply`,
which repaints just that."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from annotator.core.session import Changes
from annotator.core.session.actions import Action

Apply = Callable[[Changes], None]  # told what changed, to repaint it


class Command(QUndoCommand):
    """An action on the undo stack. The window runs the action itself before pushing the
    command (`run_first`), so that a refused action shows its one-line error and never reaches
    the undo stack; the redo that QUndoStack.push then calls is skipped."""

    def __init__(self, action: Action, apply: Apply):
        # the Undo / Redo entries' words in the app's language (the core marks them: "actions")
        super().__init__(QCoreApplication.translate("actions", action.wording).format(**action.fields)
                         if action.wording else action.text)
        self.action, self.apply = action, apply
        self._done_before_push = False

    def run_first(self) -> None:
        self.apply(self.action.do())
        self._done_before_push = True

    def done_already(self) -> None:
        """The action was made elsewhere (the aligner re-aligned): the first redo does nothing."""
        self._done_before_push = True

    def redo(self) -> None:
        if self._done_before_push:
            self._done_before_push = False
            return
        self.apply(self.action.run_redo())

    def undo(self) -> None:
        self.apply(self.action.run_undo())
