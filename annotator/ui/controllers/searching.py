"""The Search panel (Ctrl+Shift+F): a query box over the whole project, its hits as a
keyword-in-context list (a model/view), Enter or a double click opens a hit in its group, and
buttons that act, each as one undoable step, on the hits selected in the list (Space or a click
toggles one, Ctrl+A selects all) or, with none selected, on every hit. Ctrl+Shift+L lists the sentences nearest to
the one under the cursor ("more like this"). Searches run as background jobs (the first after a
large import indexes its sentences); a result that arrives after a newer search is dropped."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDockWidget, QDoubleSpinBox, QHBoxLayout, QLabel,
                               QLineEdit, QListView, QPushButton, QVBoxLayout, QWidget)

from annotator.core.session.bulk_actions import bulk_action
from annotator.errors import AnnotatorError
from annotator.ui.controllers.base import Controller
from annotator.ui.jobs import run_in_background

SHOWN = 500  # hits listed; with none selected, the bulk buttons act on every hit, listed or not


class HitsModel(QAbstractListModel):
    def __init__(self):
        super().__init__()
        self.hits: list = []

    def set_hits(self, hits: list) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            score = f"{hit.score:.2f}  " if hit.score is not None else ""
            return f"{score}{hit.line()}   — {hit.hit.group} · {hit.hit.document} · {hit.hit.lang}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.hit.text
        if role == Qt.ItemDataRole.UserRole:
            return hit.sentence_id
        return None


class SearchingController(Controller):
    def build_panel(self) -> QDockWidget:
        window = self.window
        panel = QWidget(window)
        self.query_box = QLineEdit(panel)
        self.query_box.setObjectName("search_query")
        self.query_box.setPlaceholderText(self.tr('Search the project: words, "phrases", lang:de, label:claim, …'))
        self.query_box.setClearButtonEnabled(True)
        self.query_box.returnPressed.connect(self.run_search)
        self.hits = HitsModel()
        self.list = QListView(panel)
        self.list.setObjectName("search_hits")
        self.list.setModel(self.hits)
        self.list.setUniformItemSizes(True)
        # a hit is selected only by Space or a click (arrows move without selecting), so that
        # "nothing selected: every hit" stays what the user sees
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.list.selectionModel().selectionChanged.connect(self._selection_changed)
        self.list.activated.connect(self.open_hit)
        QShortcut(QKeySequence("Return"), self.list, lambda: self.open_hit(self.list.currentIndex())
                  ).setContext(Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence("Down"), self.query_box, self._into_list).setContext(Qt.ShortcutContext.WidgetShortcut)
        self.summary = QLabel(panel)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.label_box = QComboBox(panel)
        self.add_button = QPushButton(self.tr("Add label"), panel)
        self.remove_button = QPushButton(self.tr("Remove label"), panel)
        self.least = QDoubleSpinBox(panel)
        self.least.setRange(0.0, 1.0)
        self.least.setSingleStep(0.05)
        self.least.setValue(0.8)
        self.accept_button = QPushButton(self.tr("Accept suggestions ≥ p"), panel)
        self.boilerplate_button = QPushButton(self.tr("Mark as boilerplate"), panel)
        self.target = QLabel(panel)  # what the buttons act on
        self.target.setObjectName("search_target")
        self.target.setTextFormat(Qt.TextFormat.PlainText)
        self.add_button.clicked.connect(lambda: self.act(add=self.label_box.currentText()))
        self.remove_button.clicked.connect(lambda: self.act(remove=self.label_box.currentText()))
        self.accept_button.clicked.connect(lambda: self.act(accept_at=self.least.value()))
        self.boilerplate_button.clicked.connect(lambda: self.act(boilerplate=True))
        labels, suggestions = QHBoxLayout(), QHBoxLayout()
        for row, widgets in ((labels, (self.label_box, self.add_button, self.remove_button)),
                             (suggestions, (self.least, self.accept_button, self.boilerplate_button))):
            for widget in widgets:
                row.addWidget(widget)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.query_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.list)
        layout.addWidget(self.target)
        layout.addLayout(labels)
        layout.addLayout(suggestions)
        self.dock = QDockWidget(self.tr("Search"), window)
        self.dock.setObjectName("Search")
        self.dock.setWidget(panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        self.dock.hide()
        self._generation = 0
        self._query = ""  # the query the listed hits came from (what the buttons act on)
        self.job = None
        self.index_job = None
        return self.dock

    def jobs(self) -> list:
        return [self.job, self.index_job]

    def annotator_moved(self, sentence_id: int = 0) -> None:
        """The cursor moved: the index's catch-up keeps resting while the annotator works."""
        if self.session is not None:
            self.session.annotator_active()

    def index_in_background(self) -> None:
        """Index what an import added, off the UI thread, in short transactions (a search
        started meanwhile indexes the rest itself)."""
        if self.session is not None and (self.index_job is None or self.index_job.ended.is_set()):
            self.index_job = run_in_background(self.session.index_work(), lambda count: None, lambda line: None)

    def focus(self) -> None:
        """Ctrl+Shift+F: show the panel with the query box ready to type in."""
        self.dock.show()
        self.dock.raise_()
        self._fill_labels()
        self.query_box.setFocus()
        self.query_box.selectAll()

    def _fill_labels(self) -> None:
        if self.session is not None:
            names = [label.name for label in self.session.labels]
            if names != [self.label_box.itemText(i) for i in range(self.label_box.count())]:
                self.label_box.clear()
                self.label_box.addItems(names)

    def _into_list(self) -> None:
        if self.hits.rowCount():
            self.list.setFocus()
            self.list.selectionModel().setCurrentIndex(self.hits.index(0), QItemSelectionModel.SelectionFlag.NoUpdate)

    def selected_ids(self) -> list[int]:
        return sorted(self.hits.hits[index.row()].sentence_id for index in self.list.selectionModel().selectedRows())

    def _selection_changed(self, *_) -> None:
        count = len(self.list.selectionModel().selectedRows())
        self.target.setText(self.tr("The buttons act on the %n selected hit(s)", "", count) if count else
                            self.tr("The buttons act on every hit (Space selects some)") if self.hits.hits else "")

    def run_search(self) -> None:
        query = self.query_box.text().strip()
        if self.session is None or not query:
            return
        try:
            work = self.session.search_work(query, SHOWN)
        except AnnotatorError as error:
            self.summary.setText(str(error))
            return
        self.summary.setText(self.tr("Searching…"))
        self._start(work, query)

    def more_like_this(self) -> None:
        sentence_id = self.current()
        if self.session is None or sentence_id is None:
            return
        self.focus()
        self.summary.setText(self.tr("Looking for sentences like sentence %1…").replace("%1", str(sentence_id)))
        self._start(self.session.more_like_this_work(sentence_id), "")

    def _start(self, work, query: str) -> None:
        self._generation += 1
        generation = self._generation
        self.job = run_in_background(work, lambda hits: self._show(generation, hits, query),
                                     lambda line: self._failed(generation, line), quiet=False)

    def _show(self, generation: int, hits: list, query: str) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        self._query = query
        self.hits.set_hits(hits)
        self._selection_changed()
        self.summary.setText(self.tr("%n sentence(s) found", "", len(hits)) if hits or query
                             else self.tr("No vector for this sentence: align its group first"))
        self._into_list()

    def _failed(self, generation: int, line: str) -> None:
        if generation == self._generation:
            self.hits.set_hits([])
            self._selection_changed()
            self.summary.setText(line)

    def open_hit(self, index) -> None:
        sentence_id = index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None
        if sentence_id is not None and self.window.go_to_sentence(sentence_id):
            self.view.setFocus()
            self.window.show_detail(sentence_id)

    def act(self, **asked) -> None:
        """One bulk action, pushed as one undoable step, on the selected hits, or with none selected
        on every sentence the listed search found (a list of nearest sentences: those listed)."""
        if self.session is None or not self.hits.hits:
            self.summary.setText(self.tr("Search first: the buttons act on the hits"))
            return
        try:
            chosen = self.selected_ids() or (self.session.search_ids(self._query) if self._query
                                             else [hit.sentence_id for hit in self.hits.hits])
            action = bulk_action(self.session, chosen, **asked)
        except AnnotatorError as error:
            self.summary.setText(str(error))
            return
        if self.push(action):
            self.say(action.text, 6000)
