"""The undoable note on "no label applies": on an unjudged sentence undo leaves it unjudged."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QUndoStack  # noqa: E402

from annotator.core.session import Session  # noqa: E402
from annotator.ui.commands import SetJudgementNote  # noqa: E402


def test_undo_of_a_note_that_judged_takes_the_judgement_back(demo_project):
    session = Session.open(demo_project, "ann")
    try:
        stack = QUndoStack()
        command = SetJudgementNote(session, 3, "why not\n", lambda changes: None)
        command.run_first()  # as the window does, then pushes it
        stack.push(command)
        assert session.is_judged(3) and session.judgement_note(3) == "why not"
        stack.undo()
        assert not session.is_judged(3)
        stack.redo()
        assert session.is_judged(3) and session.judgement_note(3) == "why not"
    finally:
        session.close()
