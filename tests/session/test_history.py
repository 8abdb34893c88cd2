"""History (store/events.py): every kind of change leaves an event in the same transaction, with
who, when, origin, before and after; its undo leaves one too (origin "undo"); a refused change
leaves none."""

from __future__ import annotations

import json
import re

import pytest

from annotator.core.session import SchemeRow, Session
from annotator.core.session import actions
from annotator.errors import AnnotatorError
from tests.session.test_actions import _aligned_template, _content, _machine_link, session  # noqa: F401  (fixtures)


def _rows(session: Session) -> list[tuple]:
    """The events table as stored, in the order written."""
    return session._store.db.conn.execute(
        "SELECT id, at, who, origin, kind, sentence_id, subject, before, after, seconds FROM events ORDER BY rowid"
    ).fetchall()


def _new(session: Session, step) -> list[tuple]:
    before = len(_rows(session))
    step()
    return _rows(session)[before:]


def _kinds(rows) -> list[tuple[str, str]]:
    return [(row[4], row[3]) for row in rows]


def _label(session):
    return actions.SetLabel(session, _content(session, 1)[0], "claim", True)


def _remove(session):
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True)
    return actions.SetLabel(session, sentence, "claim", False)


def _clear(session):
    sentence = _content(session, 1)[1]
    session.set_label(sentence, "claim", True)
    return actions.ClearLabels(session, sentence)


def _note(session):
    sentence = _content(session, 1)[2]
    session.set_label(sentence, "claim", True)
    return actions.SetNote(session, sentence, "second thoughts")


def _judgement_note(session):
    sentence = _content(session, 2)[0]
    session.clear(sentence)
    return actions.SetJudgementNote(session, sentence, "nothing to see")


def _scheme(session):
    rows = session.scheme_rows()
    rows.append(SchemeRow(None, "quote", "4", "#336699", "a quotation"))
    return actions.EditScheme(session, rows)


def _confirm(session):
    link = _machine_link(session)
    return actions.ConfirmRow(session, [*link.source, *link.target], True)


def _split(session):
    texts = {s.id: s.text for s in session._store.documents.sentences(2)}
    return actions.Resegment(session, next(i for i in _content(session, 2) if len(texts[i]) > 30), 10)


def _merge(session):
    texts = {s.id: s.text for s in session._store.documents.sentences(2)}
    sentence = next(i for i in _content(session, 2) if len(texts[i]) > 30)
    session.split_sentence(sentence, 10)
    return actions.Resegment(session, sentence, None)


CASES = {  # the action, the kinds its do and its undo record
    "add": (_label, ["add"], ["remove"]),
    "remove": (_remove, ["remove"], ["add"]),
    "judgement": (_clear, ["judgement"], ["add"]),
    "note": (_note, ["note"], ["note"]),
    "judgement note": (_judgement_note, ["note"], ["note"]),
    "done": (lambda s: actions.MarkDone(s, 3), ["judgement"], ["unjudged"]),
    "gold": (lambda s: actions.SetGold(s, _content(s, 1)[3], ["claim"]), ["gold"], ["gold"]),
    "scheme": (_scheme, ["scheme"], ["scheme"]),
    "link": (lambda s: actions.LinkSentences(s, [_content(s, 1)[-1]], [_content(s, 2)[-1]]), ["link"], ["unlink"]),
    "unlink": (lambda s: actions.UnlinkSentence(s, _machine_link(s).source[0]), ["unlink", "reject"],
               ["link", "unreject"]),
    "language": (lambda s: actions.SetLanguage(s, _content(s, 1)[0], "fr", "sentence"), ["language"], ["language"]),
    "boilerplate": (lambda s: actions.MarkBoilerplate(s, [_content(s, 1)[0]], True), ["boilerplate"],
                    ["boilerplate"]),
    "confirm": (_confirm, ["confirm"], ["unconfirm"]),
    "split": (_split, ["split"], ["merge"]),
    "merge": (_merge, ["merge"], ["split"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_change_and_its_undo_leave_events(session, case):
    make, done_kinds, undone_kinds = CASES[case]
    action = make(session)
    done = _new(session, action.do)
    assert {kind for kind, _ in _kinds(done)} == set(done_kinds)
    assert {origin for _, origin in _kinds(done)} == {"person"}
    undone = _new(session, action.run_undo)
    assert {kind for kind, _ in _kinds(undone)} >= set(undone_kinds)
    assert {origin for _, origin in _kinds(undone)} == {"undo"}
    redone = _new(session, action.run_redo)
    assert {origin for _, origin in _kinds(redone)} == {"redo"}
    for row in done + undone + redone:
        assert re.fullmatch(r"[0-9a-f]{32}", row[0])  # 128 random bits
        assert row[1].endswith("Z") and row[2] == "tester"
        json.loads(row[7]) if row[7] is not None else None  # before and after are JSON
        json.loads(row[8]) if row[8] is not None else None


def test_a_label_event_holds_the_labels_before_and_after(session):
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True)
    session.set_label(sentence, "attribution", True)
    session.set_label(sentence, "claim", False)
    events = session.history(sentence)  # newest first
    assert [(e.kind, e.subject, e.before, e.after) for e in events] == [
        ("remove", "claim", ["claim", "attribution"], ["attribution"]),
        ("add", "attribution", ["claim"], ["claim", "attribution"]),
        ("add", "claim", [], ["claim"])]
    assert len({e.id for e in events}) == 3


def test_an_accepted_suggestion_is_marked_as_one(session):
    sentence = _content(session, 1)[0]
    session.set_label(sentence, "claim", True, origin="model")
    assert session.history(sentence)[0].origin == "suggestion"


def test_a_refused_change_leaves_no_event(session):
    count = len(_rows(session))
    with pytest.raises(AnnotatorError):
        session.set_label(10 ** 9, "claim", True)  # no such sentence
    with pytest.raises(AnnotatorError):
        session.set_label(_content(session, 1)[0], "no such label", True)
    with pytest.raises(AnnotatorError):  # a link inside one document: refused after the first checks
        actions.LinkSentences(session, [_content(session, 1)[0]], [_content(session, 1)[1]]).do()
    with pytest.raises(AnnotatorError), session.transaction():  # a command that fails halfway rolls back
        session.set_label(_content(session, 1)[0], "claim", True)
        session.set_label(10 ** 9, "claim", True)
    assert len(_rows(session)) == count


def test_events_are_never_rewritten(session):
    session.set_label(_content(session, 1)[0], "claim", True)
    conn = session._store.db.conn
    with pytest.raises(Exception, match="append-only"):
        conn.execute("UPDATE events SET who = 'mallory'")
    with pytest.raises(Exception, match="append-only"):
        conn.execute("DELETE FROM events")


def test_time_on_item_counts_from_the_cursor_to_the_first_judgement(session, monkeypatch):
    first, second = _content(session, 1)[:2]
    clock = [100.0]
    monkeypatch.setattr("annotator.core.session.base.time.monotonic", lambda: clock[0])
    session.cursor_reached(first)
    clock[0] = 104.5
    session.set_label(first, "claim", True)  # 4.5 s
    session.set_label(first, "attribution", True)  # judged already: no time
    session.cursor_reached(second)
    clock[0] = 105.75
    session.clear(second)  # no label applies: 1.25 s
    session.set_label(_content(session, 1)[3], "claim", True)  # the cursor is elsewhere: no time
    assert session._store.events.times_on_item() == {"tester": [4.5, 1.25]}
