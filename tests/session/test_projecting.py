"""Ghosts in the session (session/projecting.py, projection_actions.py): your span offered on
the sentences linked to its sentence, nowhere else and never stored; a relation offered between
its ends' counterparts; AcceptGhosts makes them yours in one transaction, recorded in the
history, undone and redone exactly; another annotator's spans are not offered to you; a
relation between spans is offered between its spans placed on the counterparts, and accepting
it makes those spans first."""

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


def _accepted_in_one_transaction(session, sentence_id) -> AcceptGhosts:
    """The sentence's ghosts accepted, with one COMMIT."""
    commits = []
    session._store.db.conn.set_trace_callback(lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None)
    action = AcceptGhosts(session, sentence_id)
    action.do()
    session._store.db.conn.set_trace_callback(None)
    assert len(commits) == 1
    return action


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
    action = _accepted_in_one_transaction(session, french)
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
    assert session.sentence(head).ghost_relations == (("corrects", True, german_claim, None, None),)
    assert session.sentence(german_claim).ghost_relations == (("corrects", False, head, None, None),)
    assert session.sentence(tail).ghost_relations == ()
    action = AcceptGhosts(session, german_claim)
    action.do()
    rows = session._store.read("SELECT head_id, tail_id, type FROM relations ORDER BY id").fetchall()
    assert rows == [(head, tail, "corrects"), (head, german_claim, "corrects")]
    assert session.sentence(head).ghost_relations == ()
    action.run_undo()
    assert session.sentence(head).ghost_relations == (("corrects", True, german_claim, None, None),)


def test_another_annotators_spans_are_not_offered_to_you(session):
    english = sentence_with(session, SAID)
    ToggleSpan(session, english, 0, 28, "source").do()
    session.annotator = "bob"  # (the writer's lock allows one session: the same one, as bob)
    session.reload()
    assert _offered(session, session.linked(english)) == {}


def _relation_rows(session) -> list[tuple]:
    """The relations as stored, each span end by its span's row: (sentence, start, end, label)."""
    return session._store.read(
        "SELECT r.head_id, r.tail_id, r.type, hs.sentence_id, hs.start, hs.end, hs.label, ts.sentence_id, ts.start,"
        " ts.end, ts.label FROM relations r LEFT JOIN spans hs ON hs.id = r.head_span_id"
        " LEFT JOIN spans ts ON ts.id = r.tail_span_id ORDER BY r.id").fetchall()


def _words(session, sentence_id, span) -> str:
    return session.sentence(sentence_id).text[span[0]:span[1]]


def test_a_relation_between_spans_is_offered_between_its_spans_placed_on_the_counterparts(session):
    """PARC's content attributes-to source inside one sentence: on the English retelling both
    spans are placed, so the relation is offered between the two ghost spans; on the French
    counterpart the content is not placed (said in other words), so no relation is offered
    there (its source span still is). Accepting makes the spans, then the relation naming them,
    in one transaction; undo and redo are exact."""
    english = sentence_with(session, SAID)
    text = session.sentence(english).text
    source, content = (0, 28, "source"), (text.index("it has"), len(text) - 1, "content")
    ToggleSpan(session, english, *source).do()
    ToggleSpan(session, english, *content).do()
    Relate(session, english, english, "attributes-to", content, source).do()
    by_lang = {session.sentence(i).lang: i for i in session.linked(english)}
    french, retelling = by_lang["fr"], by_lang["en"]
    assert session.sentence(french).ghost_relations == ()
    assert [_words(session, french, s) for s in session.sentence(french).ghost_spans] == ["Le ministère de la Défense russe"]
    view = session.sentence(retelling)
    assert len(view.ghost_relations) == 1
    kind, outgoing, other, head_span, tail_span = view.ghost_relations[0]
    assert (kind, outgoing, other) == ("attributes-to", True, retelling)  # both ends in this sentence
    assert (_words(session, retelling, head_span), _words(session, retelling, tail_span)) == ("US-led coalition",
                                                                                             "The ministry")
    assert set(view.ghost_spans) == {head_span, tail_span}
    before = state(session)
    action = _accepted_in_one_transaction(session, retelling)
    assert _relation_rows(session)[-1] == (retelling, retelling, "attributes-to", retelling, *head_span, retelling,
                                           *tail_span)
    assert session.sentence(retelling).ghost_relations == () and session.sentence(retelling).ghost_spans == ()
    events = session._store.read("SELECT kind, sentence_id, origin FROM events ORDER BY rowid DESC LIMIT 3").fetchall()
    assert sorted(events) == [("relate", retelling, "person"), ("span", retelling, "person"),
                              ("span", retelling, "person")]
    after = state(session)
    action.run_undo()
    assert state(session) == before and session.sentence(retelling).ghost_relations == view.ghost_relations
    action.run_redo()
    assert state(session) == after and _relation_rows(session)[-1][3:] == (retelling, *head_span, retelling, *tail_span)


def test_a_span_relation_across_documents_makes_its_other_end_on_the_other_sentence(session):
    """A span of the German correction corrects a span of the English claim: in German, the
    relation goes from the correction's own span to the claim's span placed on its German
    counterpart, where it is a ghost span; `a` on the correction makes that span too, and undo
    takes both away. Where that sentence has a span of yours on those words, the relation ends
    on it and no span is made."""
    correction, claim = sentence_with(session, "Indes sind die korrigierten Fotos"), sentence_with(session, CLAIM)
    head_text, tail_text = session.sentence(correction).text, session.sentence(claim).text
    words = "leaving Albu Kamal towards the Wadi es-Sabha passage"
    head_span = (head_text.index("ISIS-Kämpfer"), head_text.index("ISIS-Kämpfer") + 12, "content")
    tail_span = (tail_text.index(words), tail_text.index(words) + len(words), "content")
    ToggleSpan(session, correction, *head_span).do()
    ToggleSpan(session, claim, *tail_span).do()
    Relate(session, correction, claim, "corrects", head_span, tail_span).do()
    german_claim = session.counterparts(claim)[session.sentence(correction).document_id]
    (offered,) = session.sentence(correction).ghost_relations
    assert offered[:4] == ("corrects", True, german_claim, head_span)
    assert _words(session, german_claim, offered[4]) == "Übergangs Wadi es-Sabha"
    assert session.sentence(german_claim).ghost_relations == (("corrects", False, correction, offered[4], head_span),)
    before = state(session)
    action = AcceptGhosts(session, correction)
    action.do()
    assert _relation_rows(session)[-1] == (correction, german_claim, "corrects", correction, *head_span, german_claim,
                                           *offered[4])
    assert session.sentence(german_claim).ghost_relations == ()
    action.run_undo()
    assert state(session) == before
    start = session.sentence(german_claim).text.index("Wadi")  # your own span there, on part of those words
    ToggleSpan(session, german_claim, start, start + 4, "content").do()
    assert session.sentence(correction).ghost_relations[0][4] == (start, start + 4, "content")
    spans = len(_spans(session.path))
    AcceptGhosts(session, correction).do()
    assert len(_spans(session.path)) == spans
    assert _relation_rows(session)[-1][7:] == (german_claim, start, start + 4, "content")
