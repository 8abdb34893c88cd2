"""The main window, a shell: the navigator, the side-by-side view and the detail panel; the
project and the group on view; the undo stack, on which every action (core/session/actions.py)
is pushed and whose `Changes` are shown here; the one running background job.

What the user does is in the controllers (ui/controllers/, one per domain), wired to the
view's keys here and to the menus in ui/menus.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow

from annotator.core.session import Changes, Session
from annotator.errors import AnnotatorError
from annotator.ui import accessible, dialogs
from annotator.ui.aligned import AlignedModel, AlignedView, SentenceDelegate
from annotator.ui.commands import Command
from annotator.ui.core_warnings import core_warnings
from annotator.ui.controllers.alignment import AlignmentController
from annotator.ui.controllers.columns import ColumnsController
from annotator.ui.controllers.groups import GroupsController
from annotator.ui.controllers.refinement import RefinementController
from annotator.ui.controllers.relations import RelationsController
from annotator.ui.controllers.corrections import CorrectionsController
from annotator.ui.controllers.finding import FindingController
from annotator.ui.controllers.searching import SearchingController
from annotator.ui.controllers.spans import SpansController
from annotator.ui.controllers.import_export import ImportExportController
from annotator.ui.controllers.labeling import LabelingController
from annotator.ui.controllers.review import ReviewController
from annotator.ui.controllers.suggestions import SuggestionsController
from annotator.ui.controllers.team import TeamController
from annotator.ui.detail import DetailPanel
from annotator.ui.jobs import Job, run_with_progress, stop_jobs
from annotator.ui.menus import build_menus
from annotator.ui.navigator import GROUP_ROLE, Navigator
from annotator.ui.label_bar import HINT_SEEN, LabelBar
from annotator.ui.plain import menu_entry
from annotator.ui.status_bar import ElidingStatusBar
from annotator.ui.view_wiring import connect_view

DETAIL_DELAY_MS = 40
CLOSE_WAIT_SECONDS = 10  # closing the window waits this long at most for the background jobs to stop


class MainWindow(QMainWindow):
    def __init__(self, annotator: str, settings: QSettings | None = None):
        super().__init__()
        self.annotator = annotator
        self.settings = settings or QSettings("annotator", "annotator")
        self.session: Session | None = None
        self.model: AlignedModel | None = None
        self.group_id: int | None = None
        self.job: Job | None = None  # the running job with a progress dialog, if any
        self._said_foreign = ""  # what the status bar said: the project is another annotator's package
        self.jobs_left = False  # the window closed while a job ignored its cancel (app.run ends the process)
        self.undo_stack = QUndoStack(self)
        self.view = AlignedView(self)
        self.setCentralWidget(self.view)
        self.navigator = Navigator(self)
        self.detail = DetailPanel(self)
        docks = []
        for name, title, widget, area in (
                ("Documents", self.tr("Documents"), self.navigator, Qt.DockWidgetArea.LeftDockWidgetArea),
                ("Sentence", self.tr("Sentence"), self.detail, Qt.DockWidgetArea.RightDockWidgetArea)):
            dock = QDockWidget(title, self)
            dock.setObjectName(name)  # (saved layouts find it by this name, whatever the language)
            dock.setWidget(widget)
            self.addDockWidget(area, dock)
            docks.append(dock)
        self.resizeDocks(docks, [250, 320], Qt.Orientation.Horizontal)
        self.setStatusBar(ElidingStatusBar(self))
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # the annotator's name, shown as typed
        self.statusBar().addPermanentWidget(self.status)
        # the work, one controller per domain
        self.labeling = LabelingController(self)
        self.corrections = CorrectionsController(self)
        self.alignment = AlignmentController(self)
        self.refinement = RefinementController(self)  # (its progress sits in the status bar)
        self.review = ReviewController(self)
        self.suggestions = SuggestionsController(self)
        self.import_export = ImportExportController(self)
        self.team = TeamController(self)
        self.finding = FindingController(self)
        self.searching = SearchingController(self)
        self.searching.build_panel()
        self.columns = ColumnsController(self)
        self.relations = RelationsController(self)
        self.spans = SpansController(self)  # (it connects the view's word selection itself)
        self.label_groups = GroupsController(self)
        self.find_box, self.filter_box = self.finding.build_bar()
        self.addToolBarBreak()
        self.label_bar = LabelBar(self)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.label_bar)
        self.label_bar.labelClicked.connect(self.labeling.toggle_label_key)
        self.label_bar.noLabelClicked.connect(self.labeling.clear_labels)
        accessible.name_window(self)
        build_menus(self)
        connect_view(self)
        self.navigator.activated.connect(self._open_navigator_item)
        self.navigator.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.navigator.customContextMenuRequested.connect(self.corrections.navigator_menu)
        self.navigator.clicked.connect(self._open_navigator_item)
        # after a label, the detail panel follows a moment later (laying its text out costs more
        # than repainting the row); presses in quick succession refresh it once
        self.detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS,
                                   timeout=lambda: self.show_detail(self.view.current_sentence_id() or 0))
        self.progress_timer = QTimer(self, singleShot=True, interval=400,
                                     timeout=lambda: self.session and self.navigator.recount(self.group_id))
        self.setAcceptDrops(True)
        self.resize(self._fitting_size(1400, 850))
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
            fitting = self._fitting_size(self.width(), self.height())  # saved on a larger screen
            if fitting != self.size():
                self.resize(fitting)
        self.setWindowTitle("annotator")

    def _fitting_size(self, width: int, height: int) -> QSize:
        """The window's first size, shrunk to the screen's available area (a 1366 x 768 laptop
        keeps its task bar and title bar in view)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(width, height)
        available = screen.availableGeometry()
        return QSize(min(width, available.width() - 40), min(height, available.height() - 60))

    def show_keys(self) -> None:
        from annotator.ui.keys import KeysDialog

        # not modal: the list can stay open beside the table while one learns the keys
        if getattr(self, "keys_dialog", None) is None:
            self.keys_dialog = KeysDialog(self)
        self.keys_dialog.show()
        self.keys_dialog.raise_()
        self.keys_dialog.activateWindow()

    # ------------------------------------------------------------------ projects
    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "",
                                              self.tr("annotator projects (*.sqlite *.db);;All files (*)"))
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        try:
            with core_warnings() as said:  # (a search index made again)
                session = Session.open(path, self.annotator)
        except AnnotatorError as error:
            self.show_error(str(error))
            return False
        self.close_project()
        self.session = session
        self.settings.setValue("last_project", str(Path(path).resolve()))
        recent = [str(Path(path).resolve())] + [p for p in self._recent() if p != str(Path(path).resolve())]
        self.settings.setValue("recent_projects", recent[:8])
        self.setWindowTitle(f"annotator — {Path(path).name}")
        owner = self.session.package_owner()
        self.status.setText(self.tr("annotator: {name}").format(name=self.annotator)
                            + (self.tr(" (work package of {owner})").format(owner=owner) if owner else ""))
        foreign = self.tr("This is {owner}'s work package, and you label as {name}: the trainer's plan counts only "
                          "{owner}'s labels here (start the app with --annotator {owner} to label as {owner}).")
        if self._said_foreign and self.statusBar().currentMessage() == self._said_foreign:  # of the project before
            self.statusBar().clearMessage()
        self._said_foreign = ""
        if owner is not None and owner != self.annotator:  # their labels would not count as the owner's work
            self._said_foreign = foreign.format(owner=owner, name=self.annotator)
            self.statusBar().showMessage(self._said_foreign, 15000)
        if said:
            self.statusBar().showMessage(said[-1], 15000)
        self.searching.index_in_background()  # an index made again, or an older file's, filled off the UI thread
        self.navigator.refresh(self.session)
        groups = self.session.groups()
        if groups:
            self.open_group(groups[0]["id"])
        last = self.settings.value(self._position_key())
        if last is not None:
            self.go_to_sentence(int(last))
        return True

    def _position_key(self) -> str:
        return "position/" + str(self.session.path.resolve()).replace("/", "|")

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_projects") or []
        return [value] if isinstance(value, str) else list(value)

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(menu_entry(path), lambda path=path: self.open_project(path))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New project"), "project.sqlite",
                                              self.tr("annotator projects (*.sqlite)"))
        if not path:
            return
        try:
            Session.create(path)
        except AnnotatorError as error:
            self.show_error(str(error))
            return
        self.open_project(path)

    def close_project(self) -> None:
        self.suggestions.stop()  # its connection writes under this project's lock: it stops first
        self.refinement.stop()  # (so does the refinement's)
        self._remember_position()
        self.undo_stack.clear()
        self.detail.forget()
        self.view.setModel(None)
        self.model = None
        if self.session is not None:
            self.session.close()
            self.session = None

    def _remember_position(self) -> None:
        if self.session is not None and self.view.current_sentence_id() is not None:
            self.settings.setValue(self._position_key(), self.view.current_sentence_id())

    # ------------------------------------------------------------------ the group on view
    def open_group(self, group_id: int, keep_history: bool = False) -> None:
        if self.session is None:
            return
        if group_id != self.group_id or not keep_history:
            self.undo_stack.clear()
        changed_group = group_id != self.group_id
        self.group_id = group_id
        if changed_group or self.filter_box.count() == 0:
            self.finding.fill_filters()
        layout = self.session.layout(group_id, include_boilerplate=self.boilerplate_action.isChecked(),
                                     show=self.finding.shown())
        self.model = AlignedModel(self.session, layout, self, self.session.confirmed_in_group(group_id))
        self.view.empty_text = self.finding.empty_text()
        self.view.setModel(self.model)
        self.view.setItemDelegate(SentenceDelegate(self.view, {label.name: label.color for label in self.session.labels}))
        self.label_bar.show_labels(self.session.labels, hint=not self.settings.value(HINT_SEEN, False, bool))
        self.columns.restore()
        self.view.setFocus()
        self.navigator.show_group(group_id)
        self.show_detail(self.view.current_sentence_id() or 0)

    def _open_navigator_item(self, index) -> None:
        group_id = index.data(GROUP_ROLE)
        if group_id is not None and (self.model is None or group_id != self.group_id):
            self.open_group(group_id)

    def reload_group(self) -> None:
        """Lay the current group out again (after an import, a re-alignment, a view option)."""
        if self.session is None or self.group_id is None:
            return
        current, (row, column, _) = self.view.current_sentence_id(), self.view.cursor
        # where to go if the sentence leaves the view (marked as boilerplate, filtered out): the
        # next sentences of its document, then the ones before it; and where it was on screen
        neighbours = self._neighbours(current, column) if current is not None else []
        top = self.view.sentence_rect(*self.view.cursor).top() if self.view.cursor_in_sight() else None
        self.navigator.refresh(self.session, self.group_id)
        self.finding.fill_filters()  # an import may have brought a language (the current choice is kept)
        self.open_group(self.group_id, keep_history=True)
        where = next(filter(None, map(self.model.locate, ([current] if current is not None else []) + neighbours)),
                     None)
        if where is not None:
            self.view.set_cursor(*where)
            if top is not None:  # the sentence stays where the eye left it, as far as the rows allow
                bar = self.view.verticalScrollBar()
                bar.setValue(bar.value() + self.view.sentence_rect(*where).top() - top)
                self.view.reveal_cursor()
        elif self.model.rowCount():
            self.view.set_cursor(min(row, self.model.rowCount() - 1), column, 0)
            if not self.model.sentences(*self.view.cursor[:2]):
                self.view.move_vertical(1)

    def _neighbours(self, sentence_id: int, column: int, reach: int = 50) -> list[int]:
        """The sentences after `sentence_id` in its column (nearest first), then those before it."""
        order = [i for _, c, i in self.model.reading_order() if c == column]
        if sentence_id not in order:
            return []
        k = order.index(sentence_id)
        return order[k + 1:k + 1 + reach] + order[max(k - reach, 0):k][::-1]

    def go_to_sentence(self, sentence_id: int) -> bool:
        """Move the cursor to a sentence, opening its group if it is another (loading rows as needed)."""
        if self.session is None:
            return False
        group_id = self.session.group_of(sentence_id)
        if group_id is None:
            return False
        if group_id != self.group_id or self.model is None:
            self.open_group(group_id)
        where = self.model.locate(sentence_id)
        if where is None:
            return False
        row, column, k = where
        self.columns.show_column_of(column)
        self.view.set_cursor(row, column, k)
        self.view.scrollTo(self.model.index(row, column), self.view.ScrollHint.PositionAtTop)
        self.view.fit_visible_rows()
        return True

    def show_detail(self, sentence_id: int) -> None:
        self.detail_timer.stop()  # shown now: a refresh still pending is superseded
        if self.session is not None:
            if sentence_id:
                self.session.cursor_reached(sentence_id)  # its time on item counts from here
            self.detail.show_sentence(self.session, self.model, sentence_id)

    # ------------------------------------------------------------------ actions, undo, what changed
    def push(self, action) -> bool:
        """Run an action (committed to the project) and, once it has succeeded, make it
        undoable; a refused one shows its one line and leaves the undo stack as it was."""
        command = Command(action, self.apply)
        try:
            command.run_first()
        except AnnotatorError as error:
            self.show_error(error.line())
            return False
        self.undo_stack.push(command)
        self.suggestions.judged(action)
        return True

    def push_all(self, text: str, actions: list) -> None:
        """Several actions as one undoable step (nothing when there are none)."""
        if not actions:
            return
        self.undo_stack.beginMacro(text)
        try:
            for action in actions:
                self.push(action)
        finally:
            self.undo_stack.endMacro()

    def push_done(self, action) -> None:
        """An action made elsewhere (the aligner re-aligned in the background), made undoable."""
        command = Command(action, self.apply)
        command.done_already()
        self.undo_stack.push(command)

    def apply(self, changes: Changes) -> None:
        """Show what an action changed: the rows of its sentences, the marks of confirmed rows, or
        the whole group when links, sentences or the scheme changed; the navigator's counts a
        moment later."""
        if changes.scheme:
            self.filter_box.clear()
        if changes.layout or changes.scheme:
            self.reload_group()
        elif self.model is not None:
            for sentence_id in changes.sentences:
                self.model.sentence_changed(sentence_id)
            if changes.confirmed or changes.unconfirmed:
                self.model.confirmation_changed(changes.confirmed, changes.unconfirmed)
            if self.view.current_sentence_id() in changes.sentences:
                self.detail_timer.start()
        if changes.progress:
            self.progress_timer.start()
        if changes.groups:  # a group's new name
            self.navigator.refresh(self.session, self.group_id)
        self.view.reveal_cursor()  # its row may have grown (chips) or moved (links, sentences)

    # ------------------------------------------------------------------ long work
    def run_job(self, title: str, work, on_done) -> None:
        """Long work under a progress dialog with Cancel (ui/jobs.py); its error as a plain box."""
        self.job = run_with_progress(self, title, work, on_done, lambda message: self.show_error(message))

    def show_error(self, message: str) -> None:
        dialogs.show_error(self, "annotator", message)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_export.import_paths(paths)

    def closeEvent(self, event) -> None:
        # every background job stops before the project closes under it: cancelled, its outcome
        # (even one already queued) dropped, so no error box follows the window, and waited for
        jobs = [self.job, self.suggestions.training, self.navigator.model().forget(), *self.searching.jobs(),
                *self.refinement.jobs()]
        self.job = None
        self.jobs_left = not stop_jobs(jobs, CLOSE_WAIT_SECONDS)
        self.settings.setValue("geometry", self.saveGeometry())
        if self.jobs_left:  # one ignored its cancel: the project stays open (its lock held) until app.run ends the process
            self.suggestions.retrain_timer.stop()
            self._remember_position()
            self.settings.sync()
        else:
            self.close_project()
        super().closeEvent(event)
