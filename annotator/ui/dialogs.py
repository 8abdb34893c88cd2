"""Message boxes that show what they are given as plain text: a file named `<b>x</b>.txt` or an
annotator called `<a href=…>` is shown as typed, never as formatting or a link."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def plain_message_box(parent: QWidget | None, title: str, text: str,
                      icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A modal error dialog with `text` as plain text."""
    plain_message_box(parent, title, text).exec()
