"""The main window: navigator, side-by-side view, detail panel, menus, undo/redo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow, QMessageBox

from annotator.core.session import Session
from annotator.core.store import Store
from annotator.errors import AnnotatorError
from annotator.ui.aligned_model import AlignedModel
from annotator.ui.aligned_view import AlignedView, SentenceDelegate
from annotator.ui.commands import ClearLabels, SetLabel, SetNote
from annotator.ui.detail import DetailPanel
from annotator.ui.navigator import GROUP_ROLE, Navigator


class MainWindow(QMainWindow):
    def __init__(self, annotator: str, settings: QSettings | None = None):
        super().__init__()
        self.annotator = annotator
        self.settings = settings or QSettings("annotator", "annotator")
        self.session: Session | None = None
        self.model: AlignedModel | None = None
        self.undo_stack = QUndoStack(self)
        self.view = AlignedView(self)
        self.setCentralWidget(self.view)
        self.navigator = Navigator(self)
        self.detail = DetailPanel(self)
        docks = []
        for title, widget, area in (("Documents", self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea),
                                    ("Sentence", self.detail, Qt.DockWidgetArea.RightDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(title)
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            docks.append(dock)
        self.resizeDocks(docks, [250, 320], Qt.Orientation.Horizontal)
        self.status = QLabel()
        self.statusBar().addPermanentWidget(self.status)
        self._build_menus()
        self.view.labelKeyPressed.connect(self.toggle_label_key)
        self.view.clearPressed.connect(self.clear_labels)
        self.view.noteRequested.connect(self.edit_note)
        self.view.sentenceChanged.connect(self._show_detail)
        self.navigator.activated.connect(self._open_navigator_item)
        self.navigator.clicked.connect(self._open_navigator_item)
        self.resize(1400, 850)
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.setWindowTitle("annotator")

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&Open project…", self.choose_project, QKeySequence.StandardKey.Open))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence("Ctrl+Z"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit_menu.addActions([undo, redo])

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------ projects and groups
    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "annotator projects (*.sqlite *.db);;All files (*)")
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        try:
            store = Store.open(path, create=False)
        except AnnotatorError as error:
            self.show_error(str(error))
            return False
        self.close_project()
        self.session = Session(store, self.annotator)
        self.settings.setValue("last_project", str(Path(path).resolve()))
        self.setWindowTitle(f"annotator — {Path(path).name}")
        self.status.setText(f"annotator: {self.annotator}")
        self.navigator.refresh(self.session)
        groups = self.session.groups()
        if groups:
            self.open_group(groups[0]["id"])
        last = self.settings.value(self._position_key())
        if last is not None:
            self.go_to_sentence(int(last))
        return True

    def _position_key(self) -> str:
        return "position/" + str(self.session.store.path.resolve()).replace("/", "|")

    def go_to_sentence(self, sentence_id: int) -> bool:
        """Move the cursor to a sentence of the open group (loading rows as needed)."""
        if self.model is None:
            return False
        while self.model.position_of(sentence_id) is None and self.model.canFetchMore():
            self.model.fetchMore()
        where = self.model.position_of(sentence_id)
        if where is None:
            return False
        row, column = where
        k = [s.id for s in self.model.sentences(row, column)].index(sentence_id)
        self.view.set_cursor(row, column, k)
        self.view.scrollTo(self.model.index(row, column), self.view.ScrollHint.PositionAtTop)
        self.view.fit_visible_rows()
        return True

    def close_project(self) -> None:
        if self.session is not None and self.view.current_sentence_id() is not None:
            self.settings.setValue(self._position_key(), self.view.current_sentence_id())
        self.undo_stack.clear()
        self.view.setModel(None)
        self.model = None
        if self.session is not None:
            self.session.store.close()
            self.session = None

    def open_group(self, group_id: int) -> None:
        if self.session is None:
            return
        self.undo_stack.clear()
        self.model = AlignedModel(self.session, self.session.layout(group_id), self)
        self.view.setModel(self.model)
        self.view.setItemDelegate(SentenceDelegate(self.view, {label.name: label.color for label in self.session.labels}))
        self.view.setFocus()
        self._show_detail(self.view.current_sentence_id() or 0)

    def _open_navigator_item(self, index) -> None:
        group_id = index.data(GROUP_ROLE)
        if group_id is not None and (self.model is None or group_id != getattr(self, "_group_id", None)):
            self._group_id = group_id
            self.open_group(group_id)

    # ------------------------------------------------------------------ labeling
    def _changed(self, sentence_id: int) -> None:
        if self.model is not None:
            self.model.sentence_changed(sentence_id)
        if sentence_id == self.view.current_sentence_id():
            self._show_detail(sentence_id)

    def toggle_label_key(self, key: str) -> None:
        sentence_id = self.view.current_sentence_id()
        label = self.session.label_for_key(key) if self.session else None
        if sentence_id is None or label is None:
            return
        present = label.name not in self.session.sentence(sentence_id).labels
        self._push(SetLabel(self.session, sentence_id, label.name, present, self._changed))

    def clear_labels(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if sentence_id is not None and self.session.sentence(sentence_id).labels:
            self._push(ClearLabels(self.session, sentence_id, self._changed))

    def edit_note(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None:
            return
        if not self.session.sentence(sentence_id).labels:
            self.statusBar().showMessage("Add a label first: a note is kept with your labels.", 4000)
            return
        current = next((a.note for a in self.session.annotations(sentence_id)
                        if a.annotator == self.annotator and a.note), "")
        note, ok = QInputDialog.getMultiLineText(self, "Note", "Note on this sentence:", current or "")
        if ok:
            self._push(SetNote(self.session, sentence_id, note, self._changed))

    def _push(self, command) -> None:
        """Run an action (committed to the project inside redo) and make it undoable."""
        try:
            self.undo_stack.push(command)
        except AnnotatorError as error:
            self.show_error(str(error))

    def _show_detail(self, sentence_id: int) -> None:
        if self.session is not None:
            self.detail.show_sentence(self.session, self.model, sentence_id)

    def show_error(self, message: str) -> None:
        QMessageBox.critical(self, "annotator", message)

    def closeEvent(self, event) -> None:
        self.settings.setValue("geometry", self.saveGeometry())
        self.close_project()
        super().closeEvent(event)
