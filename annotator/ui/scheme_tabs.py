"""The scheme editor's tabs for label groups (kind, level, values or scale, key letter, order)
and span labels (name, digit key, colour). The tabs only edit rows; the core checks them
(`structure_problem`), counts what an edit would delete (`Session.structure_losses`) and applies
it as one undoable step (`EditStructure`), as the CLI's `group` and `span-labels` commands do."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QColorDialog, QComboBox, QHBoxLayout, QLabel, QPushButton,
                               QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from annotator.core.model import GROUP_KEYS
from annotator.core.session import GroupRow, SpanLabelRow, values_of, values_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2  # the kind, level or key behind a translated choice
NAME, KIND, LEVEL, VALUES, KEY = range(5)
SPAN_COLORS = ("#8c564b", "#e377c2", "#bcbd22", "#1f77b4", "#2ca02c", "#d62728")  # for new span labels


def kind_names() -> dict[str, str]:
    return {"exclusive": QCoreApplication.translate("SchemeTabs", "exclusive (one of)"),
            "ordinal": QCoreApplication.translate("SchemeTabs", "ordinal (scale 1..k)"),
            "yesno": QCoreApplication.translate("SchemeTabs", "yes/no"),
            "text": QCoreApplication.translate("SchemeTabs", "free text")}


def level_names() -> dict[str, str]:
    return {"sentence": QCoreApplication.translate("SchemeTabs", "sentence"),
            "document": QCoreApplication.translate("SchemeTabs", "document")}


def key_names() -> dict[str, str]:
    return {"": QCoreApplication.translate("SchemeTabs", "(none)"), **{k.lower(): k.lower() for k in GROUP_KEYS}}


class ChoiceDelegate(QStyledItemDelegate):
    """A cell chosen from a list (kind, level, key letter): a combo box; the cell keeps the code."""

    def __init__(self, choices, parent=None):
        super().__init__(parent)
        self.choices = choices  # a function: code -> shown name

    def createEditor(self, parent, option, index):
        editor = QComboBox(parent)
        for code, shown in self.choices().items():
            editor.addItem(shown, code)
        # a choice counts at once (a letter typed picks it), not only when the box closes
        editor.activated.connect(lambda _: self.commitData.emit(editor))
        return editor

    def setEditorData(self, editor, index):
        with QSignalBlocker(editor):  # showing the cell's choice is no edit
            editor.setCurrentIndex(max(0, editor.findData(index.data(CODE_ROLE) or "")))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), CODE_ROLE)
        model.setData(index, editor.currentText())


def _table(parent, model, name: str, description: str) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)
    table.setAccessibleName(name)
    table.setAccessibleDescription(description)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _edit_new_row(table: QTableView, model: QStandardItemModel, column: int) -> None:
    """The row just added, its `column` cell focused and open for typing."""
    index = model.index(model.rowCount() - 1, column)
    table.setFocus()
    table.setCurrentIndex(index)
    table.edit(index)


def _remove_current_row(table: QTableView, model: QStandardItemModel) -> None:
    index = table.currentIndex()
    if index.isValid():
        model.removeRow(index.row())


def button_row(parent: QWidget, *buttons: tuple[str, Callable[[], object]]) -> QHBoxLayout:
    """Push buttons (text, what a click does) in a row, left-aligned: the editor's tables'
    add/remove rows."""
    row = QHBoxLayout()
    for text, slot in buttons:
        button = QPushButton(text, parent)
        button.clicked.connect(slot)
        row.addWidget(button)
    row.addStretch()
    return row


def pick_color(parent: QWidget, model: QStandardItemModel, index, title: str) -> None:
    """A colour cell changed through the colour dialog (`title`), its ground showing the colour."""
    color = QColorDialog.getColor(QColor(index.data()), parent, title)
    if color.isValid():
        model.setData(index, color.name())
        model.item(index.row(), index.column()).setBackground(color)


def _choice(code: str, shown: str) -> QStandardItem:
    item = QStandardItem(shown)
    item.setData(code, CODE_ROLE)
    return item


class GroupsTab(QWidget):
    def __init__(self, groups: list[GroupRow], parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, 5, self)
        self.model.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Kind"), self.tr("Level"),
                                              self.tr("Values (a, b, c) or scale (1..k)"), self.tr("Key")])
        for group in groups:
            self._append(group)
        self.table = _table(self, self.model, self.tr("Label groups"),
                            self.tr("One question a row: name, kind, level, values or scale, key letter."))
        for column, choices in ((KIND, kind_names), (LEVEL, level_names), (KEY, key_names)):
            self.table.setItemDelegateForColumn(column, ChoiceDelegate(choices, self.table))
        self.table.setColumnWidth(NAME, 170)
        self.table.setColumnWidth(KIND, 170)
        self.table.setColumnWidth(VALUES, 250)
        self.letters = QLabel(self)
        self.model.dataChanged.connect(self._show_letters)
        self.model.dataChanged.connect(self._kind_changed)
        self.model.rowsRemoved.connect(self._show_letters)
        buttons = button_row(self, (self.tr("Add &group"), self.add), (self.tr("Remove gro&up"), self.remove),
                             (self.tr("Move u&p"), lambda: self.move(-1)), (self.tr("Move do&wn"), lambda: self.move(1)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.letters)
        layout.addLayout(buttons)
        self._show_letters()

    def _append(self, group: GroupRow, at: int | None = None) -> None:
        name = QStandardItem(group.name)
        name.setData(group.id, ID_ROLE)
        values = QStandardItem(values_text(group.kind, group.options))
        items = [name, _choice(group.kind, kind_names().get(group.kind, group.kind)),
                 _choice(group.level, level_names().get(group.level, group.level)), values,
                 _choice(group.key or "", group.key or key_names()[""])]
        if at is None:
            self.model.appendRow(items)
        else:
            self.model.insertRow(at, items)

    def _keys_in_use(self) -> dict[str, str]:
        return {self.model.item(r, KEY).data(CODE_ROLE): self.model.item(r, NAME).text()
                for r in range(self.model.rowCount()) if self.model.item(r, KEY).data(CODE_ROLE)}

    def _kind_changed(self, top_left, *_) -> None:
        """A new kind shows the values it takes: yes, no; none for free text; a scale 1..5 or
        the values typed so far."""
        if top_left.column() != KIND:
            return
        kind, values = self.model.item(top_left.row(), KIND).data(CODE_ROLE), self.model.item(top_left.row(), VALUES)
        options, problem = values_of(kind, values.text())
        text = values_text(kind, options) if not problem else "1..5"
        if kind == "exclusive" and values_of("ordinal", values.text())[1] is None:
            text = ""  # a scale is no list of values: type them
        if values.text() != text:
            values.setText(text)

    def _show_letters(self, *_) -> None:
        used = self._keys_in_use()
        free = [k.lower() for k in GROUP_KEYS if k.lower() not in used]
        self.letters.setText(self.tr("Key letters (a letter, then a digit, answers a group): free %1; in use %2").replace(
            "%1", " ".join(free) or "-").replace("%2", ", ".join(f"{k} {n}" for k, n in sorted(used.items())) or "-"))

    def add(self) -> None:
        """A new ordinal group 1..5 under the next free letter, its name ready to type."""
        free = [k.lower() for k in GROUP_KEYS if k.lower() not in self._keys_in_use()]
        self._append(GroupRow(None, self.tr("new group"), "ordinal", "sentence", ("1", "2", "3", "4", "5"),
                              free[0] if free else None))
        _edit_new_row(self.table, self.model, NAME)

    def remove(self) -> None:
        """Take the group out of the edit; what it deletes is counted and asked about on OK."""
        _remove_current_row(self.table, self.model)

    def move(self, step: int) -> None:
        index = self.table.currentIndex()
        row = index.row() + step
        if index.isValid() and 0 <= row < self.model.rowCount():
            self.model.insertRow(row, self.model.takeRow(index.row()))
            self.table.setCurrentIndex(self.model.index(row, index.column()))

    def rows(self) -> tuple[list[GroupRow], str | None]:
        """The groups as edited, and what is wrong with a value typed (one line) or None."""
        result = []
        for r in range(self.model.rowCount()):
            kind = self.model.item(r, KIND).data(CODE_ROLE)
            name = self.model.item(r, NAME).text().strip()
            options, problem = values_of(kind, self.model.item(r, VALUES).text())
            if problem:
                return [], f"{name!r}: {problem}"
            result.append(GroupRow(self.model.item(r, NAME).data(ID_ROLE), name, kind,
                                   self.model.item(r, LEVEL).data(CODE_ROLE), options,
                                   self.model.item(r, KEY).data(CODE_ROLE) or None))
        return result, None


class SpanLabelsTab(QWidget):
    def __init__(self, span_labels: list[SpanLabelRow], parent=None):
        super().__init__(parent)
        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Key"), self.tr("Color")])
        for label in span_labels:
            self._append(label)
        self.table = _table(self, self.model, self.tr("Span labels"),
                            self.tr("One span label a row: name, digit key, color. Double-click a color to change it."))
        self.table.doubleClicked.connect(self._pick_color)
        hint = QLabel(self.tr("Select words with Shift+→ in the view, then press a span label's digit."), self)
        buttons = button_row(self, (self.tr("Add &span label"), self.add), (self.tr("Remove span lab&el"), self.remove))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    def _append(self, label: SpanLabelRow) -> None:
        items = [QStandardItem(label.name), QStandardItem(label.key or ""), QStandardItem(label.color)]
        items[0].setData(label.id, ID_ROLE)
        items[2].setBackground(QColor(label.color))
        self.model.appendRow(items)

    def _pick_color(self, index) -> None:
        if index.column() == 2:
            pick_color(self, self.model, index, self.tr("Span label color"))

    def add(self) -> None:
        """A new span label under the next free digit, its name ready to type."""
        used = {self.model.item(r, 1).text() for r in range(self.model.rowCount())}
        key = next((d for d in "123456789" if d not in used), None)
        colors = {self.model.item(r, 2).text().lower() for r in range(self.model.rowCount())}
        self._append(SpanLabelRow(None, self.tr("new span label"), key,
                                  next((c for c in SPAN_COLORS if c not in colors), SPAN_COLORS[0])))
        _edit_new_row(self.table, self.model, 0)

    def remove(self) -> None:
        """Take the span label out of the edit; its spans are counted and asked about on OK."""
        _remove_current_row(self.table, self.model)

    def rows(self) -> list[SpanLabelRow]:
        return [SpanLabelRow(self.model.item(r, 0).data(ID_ROLE), self.model.item(r, 0).text().strip(),
                             self.model.item(r, 1).text().strip() or None, self.model.item(r, 2).text().strip())
                for r in range(self.model.rowCount())]

