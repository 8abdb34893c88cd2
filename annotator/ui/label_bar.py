"""The label bar: the scheme's labels as buttons with their keys, always in sight above the
table (at 1366x768 the keys were only in the detail panel, below the fold), and a first-run hint
saying what to press, until the first label is set."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QLabel, QToolBar, QToolButton

from annotator.core.model import Label
from annotator.core.session import keymap
from annotator.ui import accessible
from annotator.ui.plain import menu_entry

HINT_SEEN = "hints/first_label_set"  # the settings key: the user has set a label once


def first_run_hint() -> str:
    """What to press, from the key map: moving, labeling, "no label", a note, the key list."""
    from annotator.ui.keys import native_keys

    shown = {action: native_keys(QCoreApplication.translate("keymap", row.shown)) for row in keymap.ROWS
             for action in row.keys.values()}
    return QCoreApplication.translate(
        "LabelBar", "{move}: move · {label}: toggle a label · {none}: no label applies · {note}: note · "
        "{keys}: every key").format(move=shown["next_sentence"], label=shown["toggle_label"],
                                    none=shown["no_label"], note=shown["edit_note"], keys=shown["show_keys"])


def _swatch(color: str) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelBar(QToolBar):
    labelClicked = Signal(str)  # the label's key, as if pressed
    noLabelClicked = Signal()

    def __init__(self, parent=None):
        super().__init__(self.tr("Labels"), parent)
        self.setObjectName("Labels")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.buttons: list[QToolButton] = []
        self.hint = QLabel(first_run_hint(), self)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setContentsMargins(12, 0, 0, 0)
        self.hint_action = None  # the hint's place in the bar: its visibility is the toolbar's to keep

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
        none = self._button(self.tr("0 no label"),
                            self.tr("No label applies (clears your labels and records the judgement)"))
        none.clicked.connect(self.noLabelClicked.emit)
        accessible.no_label_button(none)
        # shown and hidden through its action: the toolbar's layout shows a widget whose action
        # is visible again on its next pass (a hide() of the label itself lasted until then)
        self.hint_action = self.addWidget(self.hint)
        self.hint_action.setVisible(hint)

    def label_set(self, settings) -> None:
        """A label was set: the first-run hint has done its job, for good (its action's
        visibility says whether it still had one; no settings read, nothing laid out or painted
        again on the keypresses after it)."""
        if self.hint_action is not None and self.hint_action.isVisible():
            settings.setValue(HINT_SEEN, True)
            self.hint_action.setVisible(False)  # for good: the toolbar's layout keeps it hidden
            self.hint.hide()  # and at once

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
