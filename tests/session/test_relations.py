"""Typed relations between sentences of a group (store/relations.py, session/relating.py,
session/relation_actions.py): made across two documents and languages, refused when wrong, and
undone and redone exactly (the project compared with its state before and after)."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.session.relation_actions import Relate, Unrelate
from annotator.core.store.relations import TYPE_NAMES
from annotator.errors import NotFoundError, ProjectError
from tests.session.test_actions import session, state, _aligned_template  # noqa: F401 (fixtures)

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # the German page (000)
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # the English page (001)


def sentence_with(session, text: str) -> int:
    found = session._store.read("SELECT id FROM sentences WHERE instr(text, ?) > 0", [text]).fetchall()
    assert len(found) == 1, text
    return found[0][0]


def rows(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT r.head_id, r.tail_id, r.type, a.name FROM relations r"
                            " LEFT JOIN annotators a ON a.id = r.annotator_id ORDER BY r.id").fetchall()


def test_the_types_are_the_four_of_the_scheme():
    assert TYPE_NAMES == ("attributes-to", "corrects", "contradicts", "repeats")


def test_a_correction_corrects_a_claim_across_documents_and_undo_redo_are_exact(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    assert session.sentence(head).document_id != session.sentence(tail).document_id
    assert session.sentence(head).lang == "de" and session.sentence(tail).lang == "en"
    assert not session.sentence(head).related
    before = state(session)

    action = Relate(session, head, tail, "corrects")
    changes = action.do()
    assert changes.sentences == {head, tail}
    assert rows(session.path) == [(head, tail, "corrects", "tester")]
    assert session.sentence(head).related and session.sentence(tail).related
    after = state(session)
    [seen_from_head] = session.relations_of(head)
    assert (seen_from_head.type, seen_from_head.outgoing, seen_from_head.other_id) == ("corrects", True, tail)
    assert CLAIM in seen_from_head.other_text and seen_from_head.other_lang == "en"
    [seen_from_tail] = session.relations_of(tail)
    assert (seen_from_tail.outgoing, seen_from_tail.other_id) == (False, head)

    action.undo()
    assert rows(session.path) == [] and state(session) == before
    assert not session.sentence(head).related
    action.redo()
    assert state(session) == after
    action.undo()
    assert state(session) == before


def test_removing_a_relation_is_undone_with_its_author_and_time(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    Relate(session, head, tail, "corrects").do()
    Relate(session, tail, head, "contradicts").do()
    with_both = state(session)
    made = session._store.relations.records()
    removal = Unrelate(session, [r.id for r in made])
    removal.do()
    assert rows(session.path) == [] and not session.sentence(tail).related
    removal.undo()
    assert state(session) == with_both
    assert [r.record() for r in session._store.relations.records()] == [r.record() for r in made]
    removal.redo()
    assert rows(session.path) == []


@pytest.mark.parametrize("how, error", [
    (lambda s, h, t: s.relate(h, t, "refutes"), "unknown relation type 'refutes'"),
    (lambda s, h, t: s.relate(h, h, "corrects"), "both its head and its tail"),
    (lambda s, h, t: s.relate(h, 10 ** 9, "corrects"), "no sentence with id"),
])
def test_a_wrong_relation_is_refused_in_one_line_and_nothing_is_written(session, how, error):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    with pytest.raises((ProjectError, NotFoundError), match=error):
        how(session, head, tail)
    assert rows(session.path) == []


def test_the_same_relation_twice_is_refused(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    session.relate(head, tail, "corrects")
    with pytest.raises(ProjectError, match="already corrects"):
        session.relate(head, tail, "corrects")
    session.relate(head, tail, "repeats")  # another type between the same two: its own relation
    assert len(rows(session.path)) == 2


def test_merging_a_related_sentence_into_the_one_before_moves_its_relation_and_undo_puts_it_back(session):
    from annotator.core.session import actions

    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    store = session._store
    (before_it,), = store.read("SELECT p.id FROM sentences p JOIN sentences s ON s.document_id = p.document_id"
                               " AND p.idx = s.idx - 1 AND p.paragraph_id = s.paragraph_id WHERE s.id = ?", [head])
    Relate(session, head, tail, "corrects").do()
    related = state(session)
    merge = actions.Resegment(session, before_it, None)
    merge.do()
    assert [r[:3] for r in rows(session.path)] == [(before_it, tail, "corrects")]
    merge.undo()
    assert state(session) == related
    assert [r[:3] for r in rows(session.path)] == [(head, tail, "corrects")]


def test_a_relation_made_removed_and_undone_leaves_its_events(session):
    head, tail = sentence_with(session, CORRECTION), sentence_with(session, CLAIM)
    relate = Relate(session, head, tail, "corrects")
    relate.do()
    unrelate = Unrelate(session, [session.relations_of(head)[0].id])
    unrelate.do()
    unrelate.run_undo()
    events = [(e.kind, e.subject, e.before, e.after) for e in reversed(session._store.events.of_sentence(head))]
    assert events == [("relate", "corrects", None, [head, tail]), ("unrelate", "corrects", [head, tail], None),
                      ("relate", "corrects", None, [head, tail])]
    assert session._store.events.of_sentence(head)[0].origin == "undo"
