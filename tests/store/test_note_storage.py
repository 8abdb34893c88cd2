"""Notes as the project keeps them: no trailing whitespace, and a note on a sentence not yet
judged records "no label applies" with it, on purpose (Session.set_judgement_note says why)."""

from __future__ import annotations

from annotator.core.model import Annotation
from annotator.core.session import Session
from annotator.core.store import Store


def _notes(project):
    with Store.open(project, readonly=True) as store:
        return (store.db.execute("SELECT sentence_id, note FROM annotations ORDER BY id").fetchall(),
                store.db.execute("SELECT sentence_id, note FROM judgements ORDER BY sentence_id").fetchall())


def test_no_trailing_whitespace_is_stored(demo_project):
    with Store.open(demo_project) as store:
        store.annotations.set(3, "claim", "ann", note="checkable\n")
        store.annotations.set(3, "attribution", "ann", note="  says who?  \n\n")
        store.annotations.set_notes(3, "ann", {"claim": "line one\nline two\t\n"})
        store.annotations.restore([Annotation(4, "claim", "ann", "2020-01-01T00:00:00.000Z", "restored \r\n")])
        store.annotations.clear(5, "ann")
        store.annotations.set_judgement_note(5, "ann", "a date line\n")
        store.annotations.clear(6, "ann")
        store.annotations.set_judgement_note(6, "ann", " \n ")  # only whitespace: no note
        store.annotations.record_judgements([(7, "ann", "2020-01-01T00:00:00.000Z", "merged\n")])
    annotations, judgements = _notes(demo_project)
    assert annotations == [(3, "line one\nline two"), (3, "  says who?"), (4, "restored")]
    assert judgements == [(3, None), (4, None), (5, "a date line"), (6, None), (7, "merged")]


def test_a_note_on_an_unjudged_sentence_records_no_label_applies(demo_project):
    session = Session.open(demo_project, "ann")
    try:
        assert not session.is_judged(3)
        assert session.set_judgement_note(3, "not sure this is news\n")[0] is None
        assert session.is_judged(3) and session.judgement_note(3) == "not sure this is news"
        assert session.sentence(3).judged and session.sentence(3).labels == ()
        assert session.set_judgement_note(4, "  ")[0] is None and not session.is_judged(4)  # an empty note: nothing
        session.unmark_done([3])  # what undo does: the judgement goes with its note
        assert not session.is_judged(3) and session.judgement_note(3) is None
    finally:
        session.close()
