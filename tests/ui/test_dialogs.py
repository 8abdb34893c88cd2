"""Message boxes: user data shown as plain text."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402


def test_error_dialogs_show_user_data_as_plain_text(qtbot):
    """A file named like HTML is shown as typed: no bold, no clickable link."""
    from annotator.ui import dialogs

    name = "<b>x</b><a href='http://evil.example'>click</a>.txt: cannot be read"
    box = dialogs.plain_message_box(None, "annotator", name)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText and box.text() == name
