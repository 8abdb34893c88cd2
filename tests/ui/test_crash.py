"""A bug in a slot is shown as one line in a dialog and logged with its traceback."""

from __future__ import annotations

import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QTimer  # noqa: E402

from annotator.ui import crash, dialogs  # noqa: E402


@pytest.fixture
def hooked(monkeypatch, tmp_path):
    shown = []
    monkeypatch.setenv("ANNOTATOR_LOG", str(tmp_path / "logs" / "annotator.log"))
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    crash.install(lambda: None)
    return shown, tmp_path / "logs" / "annotator.log"


def test_an_exception_in_a_slot_is_a_dialog_and_a_log_entry(qtbot, hooked):
    shown, log = hooked

    def broken_slot():
        raise ValueError("the row\nwas gone")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert len(shown) == 1 and "\n" not in shown[0]
    assert shown[0].startswith("Something went wrong (ValueError: the row was gone); details in ")
    assert str(log) in shown[0]
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "broken_slot" in text and "ValueError: the row" in text


def test_an_unwritable_log_still_shows_the_error(qtbot, hooked, tmp_path, monkeypatch):
    shown, _ = hooked
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ANNOTATOR_LOG", str(blocker / "annotator.log"))  # a folder that is a file
    QTimer.singleShot(0, lambda: 1 / 0)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert "ZeroDivisionError" in shown[0] and "could not be written" in shown[0]


def test_a_fault_of_the_project_met_in_a_slot_is_its_own_line_not_a_bug(qtbot, hooked):
    """A BLOB where a sentence's text should be, met while the view draws: the store's line."""
    from annotator.errors import ProjectError

    shown, _ = hooked

    def reading_slot():
        raise ProjectError("p.sqlite", "sentence 5 holds binary data (a BLOB) where its text should be")

    QTimer.singleShot(0, reading_slot)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert shown == ["p.sqlite: sentence 5 holds binary data (a BLOB) where its text should be"]
