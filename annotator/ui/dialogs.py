"""Message boxes that show what they are given as plain text: a file named `<b>x</b>.txt` or an
annotator called `<a href=…>` is shown as typed, never as formatting or a link."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QMessageBox, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from annotator.ui import accessible


def plain_message_box(parent: QWidget | None, title: str, text: str,
                      icon: QMessageBox.Icon = QMessageBox.Icon.Critical) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """A modal error dialog with `text` as plain text."""
    plain_message_box(parent, title, text).exec()


def show_info(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A message with `text` as plain text, not modal (the keyboard stays the window's); returned
    so that the caller keeps it alive."""
    box = plain_message_box(parent, title, text, QMessageBox.Icon.Information)
    box.show()
    return box


def _stack(dialog: QDialog, label: QLabel, editor: QPlainTextEdit) -> None:
    """A label over an editor over OK (the default: Enter) and Cancel; the editor has focus."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(True)
    layout = QVBoxLayout(dialog)
    for widget in (label, editor, buttons):
        layout.addWidget(widget)
    editor.setFocus()


class _SaveOnCtrlEnter(QObject):
    """Ctrl+Enter (the main keyboard's or the keypad's) in the editor accepts its dialog."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.parent().accept()
            return True
        return False


translate = QCoreApplication.translate


def note_dialog(parent: QWidget | None, sentence: str, note: str, judges: bool = False) -> tuple[QDialog, QPlainTextEdit]:
    """The note editor: the sentence on top (wrapped, plain text), the note below, wrapped at
    the window's width as it is typed (QInputDialog's multi-line box does not wrap). Enter is
    a new line in a note, so Ctrl+Enter saves (Esc cancels, as in every dialog); `judges`: the
    sentence is not judged yet, and the dialog says what saving records."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Dialogs", "Note"))
    dialog.resize(560, 320)
    keys = translate("Dialogs", "Ctrl+Enter saves, Esc cancels; Enter starts a new line.")
    judges_too = translate("Dialogs", "You have not judged this sentence: saving the note records “no label applies” "
                                      "with it (a label key then labels it).")
    shown = QLabel(sentence + "\n\n" + keys + (" " + judges_too if judges else ""), dialog)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    shown.setWordWrap(True)
    editor = QPlainTextEdit(note, dialog)
    editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    editor.setPlaceholderText(translate("Dialogs", "Your note, kept with your labels on this sentence"))
    editor.installEventFilter(_SaveOnCtrlEnter(dialog))
    accessible.note_editor(editor, sentence)
    _stack(dialog, shown, editor)
    return dialog, editor


def ask_note(parent: QWidget | None, sentence: str, note: str, judges: bool = False) -> tuple[str, bool]:
    dialog, editor = note_dialog(parent, sentence, note, judges)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return editor.toPlainText(), accepted


def split_dialog(parent: QWidget | None, sentence: str) -> tuple[QDialog, QPlainTextEdit]:
    """Where to split a sentence: its text, read-only, with the text cursor at the cut (first
    placed after the middle word); Enter or OK splits there."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(translate("Dialogs", "Split sentence"))
    dialog.resize(560, 220)
    hint = QLabel(translate("Dialogs", "Put the cursor where the second sentence starts, then press Enter."), dialog)
    editor = QPlainTextEdit(sentence, dialog)
    editor.setReadOnly(True)
    accessible.split_editor(editor)
    editor.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                   | Qt.TextInteractionFlag.TextSelectableByMouse)
    middle = sentence.find(" ", len(sentence) // 2)
    cursor = editor.textCursor()
    cursor.setPosition(_utf16_length(sentence[:middle + 1]) if middle > 0 else 0)
    editor.setTextCursor(cursor)
    _stack(dialog, hint, editor)
    return dialog, editor


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def split_offset(sentence: str, utf16_position: int) -> int:
    """The character offset (Python's) of a Qt text position (UTF-16 code units)."""
    units = 0
    for index, character in enumerate(sentence):
        if units >= utf16_position:
            return index
        units += 2 if ord(character) > 0xFFFF else 1
    return len(sentence)


def ask_split(parent: QWidget | None, sentence: str) -> tuple[int, bool]:
    dialog, editor = split_dialog(parent, sentence)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return split_offset(sentence, editor.textCursor().position()), accepted
