"""Status messages fit: a long one is elided before the annotator's name, whole in the tooltip."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402


def test_a_long_message_is_elided_before_the_annotator_name_and_whole_in_the_tooltip(qtbot, window):
    window.resize(400, 600)
    qtbot.waitUntil(lambda: window.width() <= 520)
    qtbot.keyClick(window.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # link without a mark
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Mark a sentence first")
    shown = bar.message_label.text()
    assert shown != message and shown.endswith("…") and message.startswith(shown[:-1])
    assert message in bar.message_label.toolTip()
    label, name = bar.message_label.geometry(), window.status.geometry()
    assert label.right() < name.left()  # the name is not painted over
    assert bar.message_label.fontMetrics().horizontalAdvance(shown) <= label.width()


def test_a_short_message_is_shown_whole(qtbot, window):
    window.statusBar().showMessage("Row confirmed.")
    assert window.statusBar().message_label.text() == "Row confirmed."
    window.statusBar().clearMessage()
    assert window.statusBar().message_label.text() == ""
