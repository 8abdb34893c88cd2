"""Qt's side of the key map (annotator.core.session.keymap): a key event's name in the map,
and the help dialog (F1) listing every key."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

from annotator.core.session import keymap
from annotator.core.session.physical_keys import physical_key
from annotator.ui import accessible


def key_name(event) -> str:
    """The map's name of a key pressed without Ctrl or Alt: "J", "Down", "Shift+A"."""
    name = QKeySequence(event.key()).toString()
    return f"Shift+{name}" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else name


def is_latin(key: int) -> bool:
    """The key types a Latin letter or a digit: its name as typed is the user's key."""
    return Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value


def us_position(event) -> str | None:
    """The US key ("J", "1") at the position of the key pressed (see physical_keys)."""
    return physical_key(QGuiApplication.platformName(), event.nativeScanCode(), event.nativeVirtualKey())


_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)


def trigger_shortcut_by_position(widget, event) -> bool:
    """Run the window action whose shortcut is this key's US position with the same
    modifiers (Ctrl+Я on the Z key: Ctrl+Z); False when the key types a Latin letter or
    digit (its own shortcut, if any, already ran) or no enabled action has that shortcut."""
    position = None if is_latin(event.key()) else us_position(event)
    if position is None:
        return False
    wanted = QKeySequence(QKeyCombination(event.modifiers() & _SHORTCUT_MODIFIERS, QKeySequence(position)[0].key()))
    for action in widget.window().findChildren(QAction):
        if action.isEnabled() and wanted in action.shortcuts():
            action.trigger()
            return True
    return False


def native_keys(text: str) -> str:
    """Key names as the keyboard prints them in the app's language ("Strg+Z" in German, "Maj+A"
    in French): the key map and the English words spell them "Ctrl+" and "Shift+"."""
    return (text.replace("Ctrl+", QCoreApplication.translate("keys", "Ctrl+"))
            .replace("Shift+", QCoreApplication.translate("keys", "Shift+")))


def help_text() -> str:
    """The key map's help (keymap.help_text) in the app's language: its words are marked for
    translation in the Qt-free key map (annotator/translatable.py) and translated here."""
    rows = [(native_keys(QCoreApplication.translate("keymap", row.shown)),
             native_keys(QCoreApplication.translate("keymap", row.help))) for row in keymap.ROWS]
    width = max(len(shown) for shown, _ in rows)
    return "\n".join(f"{shown.ljust(width)}   {text}" for shown, text in rows)


class KeysDialog(QDialog):
    """Every key and what it does, generated from the key map; Esc closes it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keys"))
        self.text = QPlainTextEdit(help_text(), self)
        self.text.setReadOnly(True)
        accessible.keys_list(self.text)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        metrics = self.text.fontMetrics()
        width = max(metrics.horizontalAdvance(line) for line in help_text().splitlines())
        self.resize(min(width + 60, 1200), metrics.lineSpacing() * (len(keymap.ROWS) + 2) + 80)
