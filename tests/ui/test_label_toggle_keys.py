"""Real key events: 3 then 3 leaves the sentence unjudged in the project file; 0 records that
no label applies; Ctrl+Z brings the label back."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.store import Store  # noqa: E402


def _judgements(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return [(annotator, labels) for s, annotator, labels, *_ in store.annotations.judgements() if s == sentence_id]


def test_three_then_three_is_unjudged_and_zero_is_no_label(qtbot, window, aligned_project):
    view = window.view
    view.setFocus()
    sentence = view.current_sentence_id()
    qtbot.keyClick(view, "3")
    assert _judgements(aligned_project, sentence) == [("tester", ["correction"])]
    qtbot.keyClick(view, "3")
    assert _judgements(aligned_project, sentence) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _judgements(aligned_project, sentence) == [("tester", ["correction"])]
    qtbot.keyClick(view, "3")
    qtbot.keyClick(view, "0")
    assert _judgements(aligned_project, sentence) == [("tester", [])]
