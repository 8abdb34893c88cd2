"""A `corrects` relation made with real keys across two documents: m on the German correction,
then r and 2 on the English claim; a dot marks both sentences, the detail panel lists the
relation and goes to the other sentence (Tab to its link, Enter); Ctrl+Z and Ctrl+Shift+Z undo
and redo it; Shift+R removes it; on a Russian layout the keys at the same places do the same.
The SQLite file is read after each step."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QColor, QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.aligned.cell_layout import RELATION_COLOR  # noqa: E402
from tests.ui.conftest import paint_cell  # noqa: E402

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _ids(project) -> tuple[int, int]:
    with sqlite3.connect(project) as conn:
        find = "SELECT id FROM sentences WHERE instr(text, ?) > 0"
        return conn.execute(find, [CORRECTION]).fetchone()[0], conn.execute(find, [CLAIM]).fetchone()[0]


def _relations(project) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT r.head_id, r.tail_id, r.type, a.name FROM relations r"
                            " JOIN annotators a ON a.id = r.annotator_id").fetchall()


def _has_dot(window, sentence_id) -> bool:
    row, column = window.model.position_of(sentence_id)
    image = paint_cell(window.view, row, column)
    dot = QColor(RELATION_COLOR).rgb()
    return any(image.pixel(x, y) == dot for x in range(image.width() - 12, image.width())
               for y in range(min(image.height(), 60)))


def test_m_then_r_2_makes_a_corrects_relation_across_documents_undo_redo_and_remove(qtbot, window, aligned_project):
    view = window.view
    head, tail = _ids(aligned_project)
    assert window.session.sentence(head).document_id != window.session.sentence(tail).document_id
    assert window.go_to_sentence(head)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert window.go_to_sentence(tail)
    qtbot.keyClick(view, Qt.Key.Key_R)
    assert "2 corrects" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert _relations(aligned_project) == [(head, tail, "corrects", "tester")]
    assert view.marked is None
    assert _has_dot(window, head) and _has_dot(window, tail)

    window.show_detail(tail)
    panel = window.detail.toPlainText()
    assert "Relations" in panel and "corrects this sentence" in panel and "Fotos" in panel
    window.detail.setFocus()
    qtbot.keyClick(window.detail, Qt.Key.Key_Tab)  # the first link: the other sentence's document
    qtbot.keyClick(window.detail, Qt.Key.Key_Return)
    assert view.current_sentence_id() == head

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _relations(aligned_project) == []
    assert not _has_dot(window, head)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _relations(aligned_project) == [(head, tail, "corrects", "tester")]
    assert _has_dot(window, tail)

    assert window.go_to_sentence(tail)
    qtbot.keyClick(view, Qt.Key.Key_R, SHIFT)
    assert _relations(aligned_project) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _relations(aligned_project) == [(head, tail, "corrects", "tester")]


X_KEYCODE = {"M": 58, "R": 27, "2": 11}  # evdev code + 8


def _press(view, key: int, text: str, position: str) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, X_KEYCODE[position], 0, 0,
                                               text))


def test_on_a_russian_layout_the_keys_at_the_same_places_relate(window, aligned_project, monkeypatch):
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))
    head, tail = _ids(aligned_project)
    view = window.view
    assert window.go_to_sentence(head)
    _press(view, 0x44C, "ь", "M")  # the M key types ь
    assert window.go_to_sentence(tail)
    _press(view, 0x43A, "к", "R")  # the R key types к
    _press(view, Qt.Key.Key_2, "2", "2")
    assert _relations(aligned_project) == [(head, tail, "corrects", "tester")]
