"""What every controller reaches through the window: the session, the view and its model, the
status bar, and `push` (run an action and make it undoable)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from annotator.core.session import Session
    from annotator.ui.aligned import AlignedModel, AlignedView
    from annotator.ui.main_window import MainWindow


class Controller:
    def __init__(self, window: "MainWindow"):
        self.window = window

    @property
    def session(self) -> "Session | None":
        return self.window.session

    @property
    def view(self) -> "AlignedView":
        return self.window.view

    @property
    def model(self) -> "AlignedModel | None":
        return self.window.model

    @property
    def group_id(self) -> int | None:
        return self.window.group_id

    def current(self) -> int | None:
        """The sentence under the cursor (None: none)."""
        return self.view.current_sentence_id()

    def tr(self, text: str, disambiguation: str | None = None, n: int = -1) -> str:
        """`text` in the app's language, as QObject.tr would give it: the context is the
        controller's class, where pyside6-lupdate finds the `self.tr(...)` call (controllers are
        not subclassed further); `n` picks the plural form of a "%n" text."""
        return QCoreApplication.translate(type(self).__name__, text, disambiguation, n)

    def say(self, text: str, milliseconds: int) -> None:
        self.window.statusBar().showMessage(text, milliseconds)

    def push(self, action) -> bool:
        return self.window.push(action)

    def choose_files(self, title: str, kinds: str, then) -> None:
        """`then(paths)` with the files the user picks in the open dialog (unless cancelled)."""
        from PySide6.QtWidgets import QFileDialog

        paths = QFileDialog.getOpenFileNames(self.window, title, "", kinds)[0]
        if paths:
            then(paths)

    def show_error(self, message: str) -> None:
        self.window.show_error(message)  # looked up each time: a test may put its own in
