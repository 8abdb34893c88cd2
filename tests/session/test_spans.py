"""Spans inside a sentence (store/spans.py, session/spanning.py, session/span_actions.py):
made on words, toggled by their label key, refused when wrong, kept through a split and merge
of sentences, and undone and redone exactly (the project compared with its state)."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.session.span_actions import RemoveSpans, ToggleSpan
from annotator.core.text.words import bio_tags, utf16_offset, words
from annotator.errors import NotFoundError, ProjectError
from tests.session.test_actions import session, state, _aligned_template  # noqa: F401 (fixtures)
from tests.session.test_relations import sentence_with

SAID = "The Russian Defense Ministry said it has obtained evidence"  # the English page (001)


def rows(path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT s.sentence_id, s.start, s.end, s.label, a.name FROM spans s"
                            " JOIN annotators a ON a.id = s.annotator_id ORDER BY s.id").fetchall()


def test_words_step_over_punctuation_and_count_code_points():
    text = "Moscow’s “well-known” 😀 claim, said: ok"
    found = [text[a:b] for a, b in words(text)]
    assert found == ["Moscow’s", "well-known", "claim", "said", "ok"]
    emoji = text.index("😀")
    assert utf16_offset(text, emoji + 1) == emoji + 2  # the emoji is two UTF-16 units
    assert bio_tags("The ministry said so.", [(0, 12, "source"), (13, 17, "cue")]) == [
        ("The", "B-source"), ("ministry", "I-source"), ("said", "B-cue"), ("so", "O"), (".", "O")]


def test_source_and_cue_are_made_undone_and_redone_exactly(session):
    sentence = sentence_with(session, SAID)
    text = session.sentence(sentence).text
    assert [label.name for label in session.span_labels()] == ["source", "cue", "content"]
    before = state(session)
    source = ToggleSpan(session, sentence, 0, len("The Russian Defense Ministry"), "1")  # by key
    cue = ToggleSpan(session, sentence, text.index("said"), text.index("said") + 4, "cue")
    source.do()
    cue.do()
    assert rows(session.path) == [(sentence, 0, 28, "source", "tester"), (sentence, 29, 33, "cue", "tester")]
    assert session.sentence(sentence).spans == ((0, 28, "source"), (29, 33, "cue"))
    after = state(session)
    cue.run_undo()
    source.run_undo()
    assert rows(session.path) == [] and session.sentence(sentence).spans == ()
    assert state(session) == before
    source.run_redo()
    cue.run_redo()
    assert state(session) == after
    kinds = [(e.kind, e.subject, e.origin) for e in reversed(session.history(sentence))]
    assert kinds == [("span", "source", "person"), ("span", "cue", "person"), ("unspan", "cue", "undo"),
                     ("unspan", "source", "undo"), ("span", "source", "redo"), ("span", "cue", "redo")]


def test_the_key_again_removes_the_span_and_zero_removes_what_the_selection_touches(session):
    sentence = sentence_with(session, SAID)
    ToggleSpan(session, sentence, 0, 28, "source").do()
    again = ToggleSpan(session, sentence, 0, 28, "source")
    again.do()
    assert rows(session.path) == []
    again.run_undo()
    ToggleSpan(session, sentence, 29, 33, "cue").do()
    clear = RemoveSpans(session, sentence, 20, 30)  # touches both
    clear.do()
    assert rows(session.path) == []
    clear.run_undo()
    assert [r[3] for r in rows(session.path)] == ["source", "cue"]


def test_wrong_spans_are_refused_in_one_line_with_nothing_written(session):
    sentence = sentence_with(session, SAID)
    length = len(session.sentence(sentence).text)
    with pytest.raises(ProjectError, match="not inside sentence"):
        session.add_span(sentence, 5, length + 1, "source")
    with pytest.raises(ProjectError, match="not inside"):
        session.add_span(sentence, 4, 4, "source")
    with pytest.raises(NotFoundError, match="no span label 'speaker'"):
        session.add_span(sentence, 0, 3, "speaker")
    with pytest.raises(NotFoundError, match="no sentence"):
        session.add_span(10 ** 6, 0, 3, "cue")
    session.add_span(sentence, 0, 3, "cue")
    with pytest.raises(ProjectError, match="already has cue"):
        session.add_span(sentence, 0, 3, "cue")
    assert len(rows(session.path)) == 1


def test_span_labels_are_editable_and_a_used_one_stays(session):
    store = session._store
    store.spans.set_label("target", "4", "#9467bd")
    store.spans.set_label("cue", "5")
    assert [(label.name, label.key) for label in session.span_labels()] == [
        ("source", "1"), ("cue", "5"), ("content", "3"), ("target", "4")]
    with pytest.raises(ProjectError, match="must look like"):
        store.spans.set_label("x", None, "red")
    sentence = sentence_with(session, SAID)
    session.add_span(sentence, 0, 3, "target")
    with pytest.raises(ProjectError, match="is on 1 span"):
        store.spans.remove_label("target")
    store.spans.remove_label("content")
    assert "content" not in [label.name for label in session.span_labels()]


def test_split_and_merge_of_sentences_keep_spans_on_their_words_and_undo_puts_them_back(session):
    sentence = sentence_with(session, SAID)
    text = session.sentence(sentence).text
    cut = text.index("it has")
    session.add_span(sentence, 0, 28, "source")
    session.add_span(sentence, cut, cut + 6, "content")  # "it has": in the second part
    session.add_span(sentence, 29, cut + 2, "cue")  # across the cut: goes
    before = rows(session.path)
    store = session._store
    created, change = store.resegmenting.split(sentence, cut)
    assert rows(session.path) == [(sentence, 0, 28, "source", "tester"), (created, 0, 6, "content", "tester")]
    merged = store.resegmenting.merge_with_next(sentence)
    assert sorted(rows(session.path)) == [(sentence, 0, 28, "source", "tester"),
                                          (sentence, cut, cut + 6, "content", "tester")]
    store.resegmenting.undo(merged)
    store.resegmenting.undo(change)
    assert sorted(rows(session.path)) == sorted(before)
