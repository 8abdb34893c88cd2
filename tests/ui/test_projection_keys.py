"""Projection with real keys: a source span marked on the English page (Shift+→ four times,
1: "The Russian Defense Ministry") is offered on its French counterpart ("Le ministère de la
Défense russe") and its English retelling ("The ministry") as a ghost (a dashed bar, listed
in the detail panel); a on the French one accepts it; Ctrl+Z and Ctrl+Shift+Z undo and redo it. A `corrects` relation from the
German correction to the English claim (m, r, 2) is offered between the correction and the
claim's German counterpart (a ring, listed in the panel), and a accepts it. The SQLite file,
its history included, is read after each step."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from annotator.ui.aligned.cell_layout import RELATION_COLOR  # noqa: E402
from tests.ui.conftest import paint_cell  # noqa: E402

SAID = "The Russian Defense Ministry said it has obtained evidence"
CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
SOURCE_COLOR = "#9467bd"


def _read(project, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def _id(project, text: str) -> int:
    return _read(project, "SELECT id FROM sentences WHERE instr(text, ?) > 0", [text])[0][0]


def _spans(project) -> list[tuple]:
    return _read(project, "SELECT s.sentence_id, s.start, s.end, s.label FROM spans s ORDER BY s.id")


def _relations(project) -> list[tuple]:
    return _read(project, "SELECT head_id, tail_id, type FROM relations ORDER BY id")


def _shows(window, sentence_id, color: str) -> bool:
    row, column = window.model.position_of(sentence_id)
    image = paint_cell(window.view, row, column)
    wanted = QColor(color).rgb()
    return any(image.pixel(x, y) == wanted for x in range(image.width()) for y in range(image.height()))


def test_a_span_and_a_relation_are_offered_on_the_counterparts_and_a_accepts_them(qtbot, window, aligned_project):
    view, session = window.view, window.session
    english = _id(aligned_project, SAID)
    assert window.go_to_sentence(english)
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert _spans(aligned_project) == [(english, 0, 28, "source")]

    shown = {session.sentence(other).lang: (other, session.sentence(other).text, session.sentence(other).ghost_spans)
             for other in session.linked(english)}
    assert {lang: [text[a:b] for a, b, _ in ghosts] for lang, (_, text, ghosts) in shown.items()} == {
        "fr": ["Le ministère de la Défense russe"], "en": ["The ministry"]}
    french, _, [(start, end, label)] = shown["fr"]
    assert label == "source" and _shows(window, french, SOURCE_COLOR)
    assert _spans(aligned_project) == [(english, 0, 28, "source")]  # a ghost is not stored

    assert window.go_to_sentence(french)
    window.show_detail(french)
    assert "Suggested by the aligned sentences" in window.detail.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_A)
    accepted = [(english, 0, 28, "source"), (french, start, end, "source")]
    assert _spans(aligned_project) == accepted
    assert session.sentence(french).ghost_spans == ()
    events = _read(aligned_project, "SELECT kind, sentence_id, origin FROM events WHERE kind = 'span'")
    assert ("span", french, "person") in events
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _spans(aligned_project) == [(english, 0, 28, "source")]
    assert session.sentence(french).ghost_spans == ((start, end, "source"),)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _spans(aligned_project) == accepted

    head, tail = _id(aligned_project, CORRECTION), _id(aligned_project, CLAIM)
    german_claim = session.counterparts(tail)[session.sentence(head).document_id]
    assert not _shows(window, german_claim, RELATION_COLOR)
    assert window.go_to_sentence(head)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert window.go_to_sentence(tail)
    qtbot.keyClick(view, Qt.Key.Key_R)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert _relations(aligned_project) == [(head, tail, "corrects")]
    assert session.sentence(head).ghost_relations == (("corrects", True, german_claim, None, None),)
    assert session.sentence(german_claim).ghost_relations == (("corrects", False, head, None, None),)
    assert _shows(window, german_claim, RELATION_COLOR)  # the dotted ring (it has no relation of its own)
    window.show_detail(head)
    assert "this sentence corrects →" in window.detail.toPlainText()

    assert window.go_to_sentence(head)
    qtbot.keyClick(view, Qt.Key.Key_A)
    made = [(head, tail, "corrects"), (head, german_claim, "corrects")]
    assert _relations(aligned_project) == made
    assert session.sentence(head).ghost_relations == ()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _relations(aligned_project) == [(head, tail, "corrects")]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _relations(aligned_project) == made
    assert _spans(aligned_project) == accepted
