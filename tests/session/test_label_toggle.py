"""Toggling labels through the Session: taking off the last label leaves the sentence unjudged;
only "no label applies" (clear, key 0) records a judgement without labels."""

from __future__ import annotations

from annotator.core.session import Session
from annotator.core.store import Store


def _judgements(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return [(annotator, labels) for s, annotator, labels, *_ in store.annotations.judgements() if s == sentence_id]


def test_the_last_label_taken_off_leaves_the_sentence_unjudged(demo_project):
    session = Session.open(demo_project, "ann")
    try:
        session.set_label(3, "claim", True)
        session.set_label(3, "correction", True)
        session.set_label(3, "claim", False)  # one of two labels off: still judged
        assert session.is_judged(3) and _judgements(demo_project, 3) == [("ann", ["correction"])]
        session.set_label(3, "correction", False)
        assert not session.is_judged(3) and not session.sentence(3).judged
        assert _judgements(demo_project, 3) == []
        session.clear(3)  # 0: no label applies, recorded
        assert _judgements(demo_project, 3) == [("ann", [])]
    finally:
        session.close()


def test_other_annotators_judgements_are_not_touched(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(3, "claim", "bob")
        store.annotations.set(3, "claim", "ann")
        store.annotations.set(3, "claim", "ann", present=False)
        assert store.annotations.judged_among([3], "bob") == {3}
        assert store.annotations.judged_among([3], "ann") == set()


def test_a_noted_no_label_applies_is_kept_when_a_label_comes_and_goes(demo_project):
    """0 with a note, then 3 and 3 again: the note is the annotator's words, so the sentence
    goes back to "no label applies" with its note rather than losing it."""
    session = Session.open(demo_project, "ann")
    try:
        session.clear(3)
        session.set_judgement_note(3, "not news")
        session.set_label(3, "correction", True)
        session.set_label(3, "correction", False)
        assert _judgements(demo_project, 3) == [("ann", [])] and session.judgement_note(3) == "not news"
        session.clear(4)  # the same without a note: nothing to keep, the sentence is unjudged
        session.set_label(4, "correction", True)
        session.set_label(4, "correction", False)
        assert _judgements(demo_project, 4) == []
    finally:
        session.close()
