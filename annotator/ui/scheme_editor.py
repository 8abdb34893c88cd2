"""The label scheme editor: rename, add, remove (warned when used), recolor, re-key labels and
edit their guideline text. Changes are applied to the project when the dialog is accepted."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QColorDialog, QDialog, QDialogButtonBox, QHBoxLayout, QMessageBox, QPushButton,
                               QTableView, QVBoxLayout)

from annotator.core.store import Store
from annotator.errors import AnnotatorError

COLUMNS = ("name", "key", "color", "guideline")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SchemeEditor(QDialog):
    def __init__(self, store: Store, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Label scheme")
        self.resize(820, 320)
        self.store = store
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(["Name", "Key", "Color", "Guideline"])
        self.removed: list[int] = []
        for label in store.labels():
            self._append(label.id, label.name, label.key or "", label.color, label.description)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._pick_color)
        add, remove = QPushButton("Add label", self), QPushButton("Remove label", self)
        add.clicked.connect(lambda: self._append(None, "new label", "", "#7f7f7f", ""))
        remove.clicked.connect(self._remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(row)

    def _append(self, label_id: int | None, name: str, key: str, color: str, description: str) -> None:
        items = [QStandardItem(name), QStandardItem(key), QStandardItem(color), QStandardItem(description)]
        items[0].setData(label_id, ID_ROLE)
        items[2].setBackground(QColor(color))
        self.model.appendRow(items)

    def _pick_color(self, index) -> None:
        if index.column() != COLUMNS.index("color"):
            return
        color = QColorDialog.getColor(QColor(index.data()), self, "Label color")
        if color.isValid():
            self.model.setData(index, color.name())
            self.model.item(index.row(), index.column()).setBackground(color)

    def _remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        label_id = self.model.item(index.row(), 0).data(ID_ROLE)
        if label_id is not None:
            used = self.store.label_usage(label_id)
            if used and QMessageBox.warning(
                    self, "Remove label", f"{used} annotations use this label; they will be deleted too.",
                    QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Ok:
                return
            self.removed.append(label_id)
        self.model.removeRow(index.row())

    def rows(self) -> list[tuple[int | None, str, str | None, str, str]]:
        result = []
        for r in range(self.model.rowCount()):
            name, key, color, description = (self.model.item(r, c).text().strip() for c in range(len(COLUMNS)))
            result.append((self.model.item(r, 0).data(ID_ROLE), name, key or None, color, description))
        return result

    def problem(self) -> str | None:
        """What is wrong with the edited scheme as a whole, checked before anything is applied."""
        rows = self.rows()
        names = [name.casefold() for _, name, _, _, _ in rows]
        keys = [key for _, _, key, _, _ in rows if key]
        for _, name, key, color, _ in rows:
            if not name or "|" in name:
                return f"label name {name!r} must be non-empty and without '|'"
            if key is not None and not (len(key) == 1 and key in "123456789"):
                return f"label key {key!r} must be one of the digits 1 to 9"
            if not QColor.isValidColorName(color) or not color.startswith("#") or len(color) != 7:
                return f"label color {color!r} must look like #1f77b4"
        duplicate_name = next((name for name in names if names.count(name) > 1), None)
        if duplicate_name:
            return f"there is already a label named {duplicate_name!r}"
        duplicate_key = next((key for key in keys if keys.count(key) > 1), None)
        if duplicate_key:
            return f"key {duplicate_key} is given to two labels"
        return None

    def accept(self) -> None:
        """Apply the edits: removals first (they free names and keys), then changes, then additions."""
        problem = self.problem()
        if problem:
            QMessageBox.critical(self, "Label scheme", problem)
            return
        try:
            for label_id in self.removed:
                self.store.remove_label(label_id)
            self.removed = []
            current = {label.id: label for label in self.store.labels()}
            rows = self.rows()
            # clear keys first, so that two labels can swap their keys
            for label_id, name, key, color, description in rows:
                if label_id is not None and current[label_id].key != key:
                    old = current[label_id]
                    self.store.update_label(label_id, old.name, None, old.color, old.description)
            for label_id, name, key, color, description in rows:
                if label_id is None:
                    new_id = self.store.add_label(name, key, color, description)
                    self.model.item(rows.index((label_id, name, key, color, description)), 0).setData(new_id, ID_ROLE)
                else:
                    self.store.update_label(label_id, name, key, color, description)
        except AnnotatorError as error:
            QMessageBox.critical(self, "Label scheme", str(error))
            return
        super().accept()
