"""The find box (Ctrl+F; Enter: next match, Shift+Enter: previous) and the Show filter of the
tool bar."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from annotator.ui.controllers.base import Controller


class FindingController(Controller):
    def build_bar(self) -> tuple[QLineEdit, QComboBox]:
        """The tool bar: the find box and the Show filter."""
        window = self.window
        bar = window.addToolBar(self.tr("Find and filter"))
        bar.setObjectName("find")
        self.find_box = QLineEdit(window)
        self.find_box.setPlaceholderText(self.tr("Find in the group (Ctrl+F, Enter: next, Shift+Enter: previous)"))
        self.find_box.setClearButtonEnabled(True)
        self.find_box.textChanged.connect(self._find_text_changed)
        self.find_box.returnPressed.connect(lambda: self.find_next(1))
        # only while the find box has focus: Escape elsewhere (a dialog) must stay theirs
        for keys, slot in (("Shift+Return", lambda: self.find_next(-1)), ("Escape", self.view.setFocus)):
            QShortcut(QKeySequence(keys), self.find_box, slot).setContext(Qt.ShortcutContext.WidgetShortcut)
        bar.addWidget(self.find_box)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Show: ")))
        self.filter_box = QComboBox(window)
        self.filter_box.setMinimumContentsLength(18)
        self.filter_box.activated.connect(lambda *_: window.reload_group())
        bar.addWidget(self.filter_box)
        return self.find_box, self.filter_box

    def focus(self) -> None:
        self.find_box.setFocus()
        self.find_box.selectAll()

    def fill_filters(self) -> None:
        current = self.filter_box.currentData()
        self.filter_box.clear()
        self.filter_box.addItem(self.tr("all rows"), "all")
        self.filter_box.addItem(self.tr("rows with unlabeled sentences"), "unlabeled")
        self.filter_box.addItem(self.tr("rows where annotators disagree (review)"), "disagreements")
        self.filter_box.addItem(self.tr("rows flagged for discussion (review)"), "discussion")
        for label in self.session.labels:
            self.filter_box.addItem(self.tr("label: {name}").format(name=label.name), f"label:{label.name}")
        for label in self.session.labels:
            self.filter_box.addItem(self.tr("suggested by the model: {name}").format(name=label.name),
                                    f"suggested:{label.name}")
        for lang in self.session.languages(self.group_id):
            self.filter_box.addItem(self.tr("language: {lang}").format(lang=lang), f"lang:{lang}")
        index = self.filter_box.findData(current)
        self.filter_box.setCurrentIndex(max(index, 0))

    def shown(self) -> str:
        """The rows the filter keeps: "all", "unlabeled", "label:NAME" … (Session.layout's `show`)."""
        return self.filter_box.currentData() or "all"

    def empty_text(self) -> str:
        """What the table says when it has no row to show."""
        if self.shown() != "all":
            return self.tr("No row matches the filter “{filter}”. Choose “{all}” under Show to see the whole "
                           "group.").format(filter=self.filter_box.currentText(), all=self.tr("all rows"))
        return self.tr("This group has no sentences to show (only boilerplate: View > Show boilerplate).")

    def _find_text_changed(self, text: str) -> None:
        if not text:  # cleared: the highlight goes with it
            self.view.highlight = ""
            self.view.viewport().update()

    def find_next(self, step: int) -> None:
        """Go to the next (step 1) or previous (-1) sentence containing the search text."""
        if self.model is None:
            return
        text = self.find_box.text()
        self.view.highlight = text
        self.view.viewport().update()
        matches = set(self.session.find(self.group_id, text))
        order = [(r, c, i) for r, c, i in self.model.reading_order() if i in matches]
        if not order:
            self.say(self.tr("No sentence here contains “{text}”.").format(text=text), 4000)
            return
        current = self.current()
        here = next((k for k, (_, _, i) in enumerate(order) if i == current), None)
        if here is None:
            row, column, _ = self.view.cursor
            here = next((k - 1 for k, (r, c, _) in enumerate(order) if (r, c) > (row, column)), len(order) - 1)
            if step < 0:
                here += 1
        target = order[(here + step) % len(order)]
        self.window.go_to_sentence(target[2])
        self.say(self.tr("Match {k} of %n", "", len(order)).format(k=order.index(target) + 1), 4000)
