"""The label bar: the label keys in sight at 1366x768, clickable, and a first-run hint."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from annotator.ui.label_bar import HINT_SEEN  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


def _labels_of(project, sentence_id) -> list[str]:
    with Store.open(project, readonly=True) as store:
        return sorted(a.label for a in store.annotations.of_sentence(sentence_id))


def test_the_label_keys_are_above_the_fold_at_1366x768(qtbot, window):
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.height() <= 740)
    bar = window.label_bar
    texts = [b.text() for b in bar.buttons]
    assert texts[:3] == ["1 claim", "2 attribution", "3 correction"] and texts[-1] == "0 no label"
    for button in bar.buttons:  # each one on screen, inside the window
        top_left = button.mapTo(window, QPoint(0, 0))
        assert button.isVisible() and 0 <= top_left.y() < 120 and top_left.x() + button.width() <= window.width()


def test_a_click_on_a_label_button_labels_the_sentence_and_keeps_the_keyboard_on_the_table(
        qtbot, window, aligned_project):
    sentence_id = window.view.current_sentence_id()
    window.view.setFocus()
    qtbot.mouseClick(window.label_bar.buttons[1], Qt.MouseButton.LeftButton)
    assert _labels_of(aligned_project, sentence_id) == ["attribution"]
    assert window.view.hasFocus()
    qtbot.keyClick(window.view, "2")  # the key still works on the table: the label goes again
    assert _labels_of(aligned_project, sentence_id) == []


def test_the_first_run_hint_shows_until_the_first_label(qtbot, window, aligned_project, tmp_path):
    hint = window.label_bar.hint
    assert hint.isVisible() and "F1" in hint.text() and "toggle a label" in hint.text()
    qtbot.keyClick(window.view, "1")
    assert not hint.isVisible() and window.settings.value(HINT_SEEN, False, bool)
    # the next start of the app does not show it again
    window.close()
    again = MainWindow("tester", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    assert again.open_project(aligned_project)
    assert not again.label_bar.hint.isVisible()
