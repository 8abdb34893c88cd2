"""Ghosts in the session (session/projecting.py, projection_actions.py): your span offered on
the sentences linked to its sentence, nowhere else and never stored; a relation offered between
its ends' counterparts; AcceptGhosts makes them yours in one transaction, recorded in the
history, undone and redone exactly; another annotator's spans are not offered to you."""

from __future__ import annotations

import sqlite3

from annotator.core.session.projection_actions import AcceptGhosts
from annotator.core.session.relation_actions import Relate
from annotator.core.session.span_actions import ToggleSpan
from tests.session.test_actions import session, state, _aligned_template  # noqa: F401 (fixtures)
from tests.session.test_relations import CLAIM, CORRECTION, sentence_with

SAID = "The Russian Defense Ministry said it has obtained evidence"


def _spans(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT sentence_id, start, end, label FROM spans ORDER BY id").fetchall()


def _offered(session, sentence_ids) -> dict[str, list[str]]:
    found = {}
    for i in sentence_ids:
        view = session.sentence(i)
        if view.ghost_spans:
            found[view.lang] = [view.text[a:b] for a, b, _ in view.ghost_spans]
    return found


def test_a_span_is_offered_on_the_linked_sentences_only_and_not_stored(session):
    english = sentence_with(session, SAID)
    everyone = [i for (i,) in session._store.read("SELECT id FROM sentences").fetchall()]
    assert not any(session.sentence(i).ghost_spans for i in everyone)
    ToggleSpan(session, english, 0, 28, "source").do()
    linked = session.linked(english)
    assert _offered(session, linked) == {"fr": ["Le ministère de la Défense russe"], "en": ["The ministry"]}
    assert {i for i in everyone if session.sentence(i).ghost_spans} == {i for i in linked
                                                                       if session.sentence(i).ghost_spans}
    assert _spans(session.path) == [(english, 0, 28, "source")]


def test_no_link_no_ghost(session):
    english = sentence_with(session, SAID)
    ToggleSpan(session, english, 0, 28, "source").do()
    french = next(i for i in session.linked(english) if session.sentence(i).lang == "fr")
    assert session.sentence(french).ghost_spans
    *_, changes = session.unlink(french)  # (the app's u on a link: the view is laid out again)
    assert changes.layout
    assert session.linked(french) == set() and session.sentence(french).ghost_spans == ()


def test_accepting_is_one_transaction_recorded_and_undone_and_redone_exactly(session):
    english = sentence_with(session, SAID)
    ToggleSpan(session, english, 0, 28, "source").do()
    french = next(i for i in session.linked(english) if session.sentence(i).lang == "fr")
    before = state(session)
    commits = []
    session._store.db.conn.set_trace_callback(lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
    action = AcceptGhosts(session, french)
    action.do()
    session._store.db.conn.set_trace_callback(None)
    assert len(commits) == 1
    start = session.sentence(french).text.index("Le ministère")
    assert _spans(session.path)[-1] == (french, start, start + len("Le ministère de la Défense russe"), "source")
    assert session.sentence(french).ghost_spans == ()
    events = session._store.read("SELECT kind, sentence_id, origin, who FROM events WHERE kind = 'span'").fetchall()
    assert events[-1] == ("span", french, "person", "tester")
    after = state(session)
    action.run_undo()
    assert state(session) == before and session.sentence(french).ghost_spans != ()
    action.run_redo()
    assert state(session) == after


def test_a_relation_is_offered_between_the_counterparts_of_its_ends(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    Relate(session, head, tail, "corrects").do()
    german_claim = session.counterparts(tail)[session.sentence(head).document_id]
    assert session.sentence(head).ghost_relations == (("corrects", True, german_claim),)
    assert session.sentence(german_claim).ghost_relations == (("corrects", False, head),)
    assert session.sentence(tail).ghost_relations == ()
    action = AcceptGhosts(session, german_claim)
    action.do()
    rows = session._store.read("SELECT head_id, tail_id, type FROM relations ORDER BY id").fetchall()
    assert rows == [(head, tail, "corrects"), (head, german_claim, "corrects")]
    assert session.sentence(head).ghost_relations == ()
    action.run_undo()
    assert session.sentence(head).ghost_relations == (("corrects", True, german_claim),)


def test_another_annotators_spans_are_not_offered_to_you(session):
    english = sentence_with(session, SAID)
    ToggleSpan(session, english, 0, 28, "source").do()
    session.annotator = "bob"  # (the writer's lock allows one session: the same one, as bob)
    session.reload()
    assert _offered(session, session.linked(english)) == {}


def test_a_relation_between_spans_is_not_offered_on_the_counterparts(session):
    """(Not projected: its spans would need carrying too.) A span relation inside one sentence
    offered as a sentence relation would relate a counterpart to itself, and accepting the
    ghosts (the labels with them) would be refused."""
    english = sentence_with(session, SAID)
    ToggleSpan(session, english, 0, 28, "source").do()
    content = (SAID.index("it has"), len(SAID), "content")
    ToggleSpan(session, english, *content).do()
    Relate(session, english, english, "attributes-to", content, (0, 28, "source")).do()
    for other in session.linked(english):
        assert session.sentence(other).ghost_relations == ()
        AcceptGhosts(session, other).do()  # the spans offered there are accepted, nothing refused
    assert session._store.read("SELECT count(*) FROM relations").fetchone()[0] == 1
