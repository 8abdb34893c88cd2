"""The undoable note on "no label applies": on an unjudged sentence undo leaves it unjudged."""

from __future__ import annotations

from annotator.core.session import Session
from annotator.core.session.actions import SetJudgementNote


def test_undo_of_a_note_that_judged_takes_the_judgement_back(demo_project):
    session = Session.open(demo_project, "ann")
    try:
        action = SetJudgementNote(session, 3, "why not\n")
        action.do()
        assert session.is_judged(3) and session.judgement_note(3) == "why not"
        action.undo()
        assert not session.is_judged(3)
        action.redo()
        assert session.is_judged(3) and session.judgement_note(3) == "why not"
    finally:
        session.close()


def test_undo_of_a_note_on_a_judged_sentence_keeps_the_judgement(demo_project):
    session = Session.open(demo_project, "ann")
    try:
        SetJudgementNote(session, 3, "first").do()  # judges the sentence
        action = SetJudgementNote(session, 3, "second")
        action.do()
        action.undo()
        assert session.is_judged(3) and session.judgement_note(3) == "first"
    finally:
        session.close()
