"""The label bar: the scheme's labels as buttons with their keys, always in sight above the
table (at 1366x768 the keys were only in the detail panel, below the fold), and a first-run hint
saying what to press, until the first label is set."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton

from annotator.core.model import Label
from annotator.core.session import keymap
from annotator.ui import accessible
from annotator.ui.plain import menu_entry

HINT_SEEN = "hints/first_label_set"  # the settings key: the user has set a label once


def first_run_hint() -> str:
    """What to press, from the key map: moving, labeling, "no label", a note, the key list."""
    shown = {action: row.shown for row in keymap.ROWS for action in row.keys.values()}
    return (f"{shown['next_sentence']}: move · {shown['toggle_label']}: toggle a label · "
            f"{shown['no_label']}: no label applies · {shown['edit_note']}: note · {shown['show_keys']}: every key")


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelBar(QToolBar):
    labelClicked = Signal(str)  # the label's key, as if pressed
    noLabelClicked = Signal()

    def __init__(self, parent=None):
        super().__init__("Labels", parent)
        self.setObjectName("Labels")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons: list[QToolButton] = []
        self.hint = QLabel(first_run_hint(), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setContentsMargins(12, 0, 0, 0)

    def show_labels(self, labels: list[Label], hint: bool) -> None:
        """The scheme's labels (after opening a project or editing the scheme)."""
        self.clear()
        self.buttons = []
        for label in labels:
            if not label.key:
                continue
            button = self._button(f"{label.key} {label.name}", label.description or label.name, _swatch(label.color))
            button.clicked.connect(lambda _=False, key=label.key: self.labelClicked.emit(key))
            accessible.label_button(button, label.key, label.name, label.description)
        none = self._button("0 no label", "No label applies (clears your labels and records the judgement)")
        none.clicked.connect(self.noLabelClicked.emit)
        accessible.no_label_button(none)
        self.addWidget(self.hint)
        self.hint.setVisible(hint)

    def label_set(self, settings) -> None:
        """A label was set: the first-run hint has done its job, for good (the hint's own
        visibility says whether it still had one; no settings read on every keypress)."""
        if not self.hint.isHidden():
            settings.setValue(HINT_SEEN, True)
            self.hint.hide()

    def _button(self, text: str, tip: str, icon: QIcon | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setText(menu_entry(text))
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the table keeps the keyboard
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        if icon is not None:
            button.setIcon(icon)
        self.addWidget(button)
        self.buttons.append(button)
        return button
