"""Commands by the key's position: key events built as French AZERTY, Russian, Greek, Hebrew and
Arabic layouts produce them on X11 (the X keycode in nativeScanCode) reach the command of the US
key at that position; a key the map knows as typed keeps its meaning."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.store import Store  # noqa: E402

X_KEYCODE = {"1": 10, "J": 44, "B": 56, "Z": 52, "Q": 24, "A": 38}  # evdev code + 8
NO_MODIFIERS = Qt.KeyboardModifier.NoModifier


def press(view, key: int, text: str, position: str, modifiers=NO_MODIFIERS) -> None:
    """A key press and release as the X server's layout produces it: Qt's key, the typed text
    and the X keycode of the key's position."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        event = QKeyEvent(kind, key, modifiers, X_KEYCODE[position], 0, 0, text)
        QApplication.sendEvent(view, event)


def _judgements(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return [labels for s, _, labels, *_ in store.annotations.judgements() if s == sentence_id]


def _boilerplate(project, sentence_id) -> int:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as db:
        return db.execute("SELECT boilerplate FROM sentences WHERE id = ?", (sentence_id,)).fetchone()[0]


@pytest.fixture(autouse=True)
def x11_codes(monkeypatch):
    # the tests run on the offscreen platform; the codes they send are X11's
    monkeypatch.setattr(QApplication, "platformName", staticmethod(lambda: "xcb"))


def _label_of_key(project, key: str) -> str:
    with Store.open(project, readonly=True) as store:
        return next(label.name for label in store.scheme.labels() if label.key == key)


def test_azerty_ampersand_on_the_1_key_toggles_label_1(window, aligned_project):
    view = window.view
    view.setFocus()
    sentence = view.current_sentence_id()
    press(view, Qt.Key.Key_Ampersand.value, "&", "1")
    assert _judgements(aligned_project, sentence) == [[_label_of_key(aligned_project, "1")]]
    press(view, Qt.Key.Key_Ampersand.value, "&", "1")
    assert _judgements(aligned_project, sentence) == []


@pytest.mark.parametrize("letter", ["о", "ξ", "ח"])  # Russian, Greek, Hebrew: the J key
def test_a_non_latin_letter_on_the_j_key_moves_like_j(window, letter):
    view = window.view
    view.setFocus()
    before = view.current_sentence_id()
    qt_key = ord(letter.upper())  # Qt names a letter key by its upper case code point
    press(view, qt_key, letter, "J")
    moved = view.current_sentence_id()
    assert moved != before
    press(view, Qt.Key.Key_K.value, "k", "J")  # a Latin k typed on the J key is k: back up
    assert view.current_sentence_id() == before


def test_shift_with_a_cyrillic_letter_keeps_shift(window):
    view = window.view
    view.setFocus()
    before = view.current_sentence_id()
    press(view, ord("О"), "О", "J", Qt.KeyboardModifier.ShiftModifier)  # Shift+J: next sentence too
    assert view.current_sentence_id() != before


def test_arabic_on_the_b_key_marks_boilerplate(window, aligned_project):
    view = window.view
    view.setFocus()
    sentence = view.current_sentence_id()
    assert _boilerplate(aligned_project, sentence) == 0
    press(view, 0xFEFB, "\ufefb", "B")  # the Arabic layout's lam-alef on the B key
    assert _boilerplate(aligned_project, sentence) == 1


def test_ctrl_ya_on_the_z_key_undoes(window, aligned_project):
    view = window.view
    view.setFocus()
    sentence = view.current_sentence_id()
    press(view, Qt.Key.Key_B.value, "b", "B")
    assert _boilerplate(aligned_project, sentence) == 1
    press(view, ord("Я"), "\x1a", "Z", Qt.KeyboardModifier.ControlModifier)  # Ctrl+я on the Z key
    assert _boilerplate(aligned_project, sentence) == 0


def test_a_latin_layout_is_unchanged(window, aligned_project):
    view = window.view
    view.setFocus()
    sentence = view.current_sentence_id()
    # AZERTY types "a" on the Q key: it is a, not q (accept suggestions: no label here, nothing to undo)
    press(view, Qt.Key.Key_1.value, "1", "1")
    labels = _judgements(aligned_project, sentence)
    assert len(labels) == 1
    press(view, Qt.Key.Key_Q.value, "q", "A")  # QWERTZ/AZERTY's q on the A key: not a command, not accept
    assert _judgements(aligned_project, sentence) == labels
    press(view, Qt.Key.Key_Z.value, "\x1a", "Q", Qt.KeyboardModifier.ControlModifier)  # AZERTY's Ctrl+Z
    assert _judgements(aligned_project, sentence) == []
