"""History in the app, driven with real keys: a label, its undo and its redo leave events in the
project file (the undo's and redo's marked as such), the first judgement carries its time on
item, and the detail panel's History section lists them."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402


def _events(project, sentence_id):
    with sqlite3.connect(project) as conn:
        return conn.execute("SELECT who, origin, kind, subject, before, after, seconds FROM events"
                            " WHERE sentence_id = ? ORDER BY rowid", [sentence_id]).fetchall()


def test_label_undo_and_redo_leave_events_and_the_history_section_shows_them(qtbot, window, aligned_project):
    view = window.view
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    sentence = view.current_sentence_id()
    qtbot.wait(50)  # the cursor rests on the sentence a moment: a time on item above zero
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    events = _events(aligned_project, sentence)
    assert [row[:6] for row in events] == [
        ("tester", "person", "add", "claim", "[]", '["claim"]'),
        ("tester", "undo", "remove", "claim", '["claim"]', "[]"),  # the judgement goes with the last label
        ("tester", "redo", "add", "claim", "[]", '["claim"]')]
    assert events[0][6] is not None and 0.04 <= events[0][6] < 60  # time on item, from the cursor's arrival
    assert events[2][6] is None  # a redo is no judgement made now: no time on item
    qtbot.waitUntil(lambda: "History" in window.detail.toPlainText(), timeout=2000)
    text = window.detail.toPlainText()
    history = text[text.index("History"):]  # the panel's last section
    lines = [line for line in history.splitlines()[1:] if line.strip()]
    assert len(lines) == 3
    assert lines[0].endswith("tester: added claim [] → [claim] (redo)")
    assert lines[1].endswith("tester: removed claim [claim] → [] (undo)")
    assert lines[2].endswith("tester: added claim [] → [claim]")
