"""The detail panel's History section shows events no annotator wrote (a merged file's) as they
are stored: a kind with braces in it was a KeyError on every visit of the sentence."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402


def test_the_history_section_shows_an_event_no_annotator_wrote(qtbot, window, aligned_project):
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    sentence = view.current_sentence_id()
    with sqlite3.connect(aligned_project) as conn:
        conn.execute("INSERT INTO events (id, at, who, origin, kind, sentence_id, subject, before, after, seconds)"
                     " VALUES ('e1', '2026-12-07T10:00:00Z', 'mallory', 'merge', '{boom}', ?, NULL, '{nope', '[]', 'x')",
                     [sentence])
    conn.close()
    qtbot.keyClick(view, Qt.Key.Key_K)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current_sentence_id() == sentence
    qtbot.waitUntil(lambda: "mallory" in window.detail.toPlainText(), timeout=2000)
    assert "mallory: {boom} {nope → []" in window.detail.toPlainText()
