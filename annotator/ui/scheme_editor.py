"""The label scheme editor: rename, add, remove (warned when used), recolor, re-key labels and
edit their guideline text; and, in its other tabs (scheme_tabs.py), the label groups and span
labels. The dialog only edits rows; the main window applies them as one undoable step
(Session.apply_scheme, Session.apply_structure: each one transaction, validated in the core).
An edit that would delete answers or spans says how many and asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QMessageBox,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from annotator.core.session import GroupRow, Loss, SchemeRow, Session, SpanLabelRow, scheme_problem, structure_problem
from annotator.ui import accessible, dialogs
from annotator.ui.scheme_tabs import GroupsTab, SpanLabelsTab, button_row, pick_color

COLUMNS = ("name", "key", "color", "guideline")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SchemeEditor(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Label scheme"))
        self.resize(900, 420)
        self.session = session
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Key"), self.tr("Color"), self.tr("Guideline")])
        for row in session.scheme_rows():
            self._append(row.id, row.name, row.key or "", row.color, row.description)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        accessible.scheme_table(self.table)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._pick_color)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = button_row(self, (self.tr("&Add label"), lambda: self._append(None, self.tr("new label"), "", "#7f7f7f", "")),
                         (self.tr("&Remove label"), self._remove_selected))
        labels = QWidget(self)
        labels_layout = QVBoxLayout(labels)
        labels_layout.addWidget(self.table)
        labels_layout.addLayout(row)
        groups, span_labels = session.structure_rows()
        self.groups, self.span_labels = GroupsTab(groups, self), SpanLabelsTab(span_labels, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(labels, self.tr("&Labels"))
        self.tabs.addTab(self.groups, self.tr("Label gr&oups"))
        self.tabs.addTab(self.span_labels, self.tr("Spa&n labels"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _append(self, label_id: int | None, name: str, key: str, color: str, description: str) -> None:
        items = [QStandardItem(name), QStandardItem(key), QStandardItem(color), QStandardItem(description)]
        items[0].setData(label_id, ID_ROLE)
        items[2].setBackground(QColor(color))
        self.model.appendRow(items)

    def _pick_color(self, index) -> None:
        if index.column() == COLUMNS.index("color"):
            pick_color(self, self.model, index, self.tr("Label color"))

    def _remove_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        label_id = self.model.item(index.row(), 0).data(ID_ROLE)
        if label_id is not None:
            used = self.session.label_usage(label_id)
            if used and QMessageBox.warning(
                    self, self.tr("Remove label"), self.tr("%n annotation(s) use this label; they will be deleted too.", "", used),
                    QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Ok:
                return
        self.model.removeRow(index.row())

    def rows(self) -> list[SchemeRow]:
        """The scheme as edited, in the table's order."""
        result = []
        for r in range(self.model.rowCount()):
            name, key, color, description = (self.model.item(r, c).text().strip() for c in range(len(COLUMNS)))
            result.append(SchemeRow(self.model.item(r, 0).data(ID_ROLE), name, key or None, color, description))
        return result

    def structure(self) -> tuple[list[GroupRow], list[SpanLabelRow]]:
        """The label groups and span labels as edited (after `accept`: valid)."""
        return self.groups.rows()[0], self.span_labels.rows()

    def structure_changed(self) -> bool:
        return self.structure() != self.session.structure_rows()

    def accept(self) -> None:
        """Close when the edited scheme is valid (the core's checks) and, when the edit would
        delete answers or spans, the user agreed; the caller applies it."""
        groups, problem = self.groups.rows()
        problem = scheme_problem(self.rows()) or problem or structure_problem(groups, self.span_labels.rows())
        if problem:
            dialogs.show_error(self, self.tr("Label scheme"), problem)
            return
        losses = self.session.structure_losses(groups, self.span_labels.rows()) if self.structure_changed() else []
        if losses and QMessageBox.warning(
                self, self.tr("Label scheme"),
                self.tr("This edit deletes:") + "\n" + self._losses_text(losses) + "\n\n" + self.tr("Ctrl+Z brings them back. Apply it?"),
                QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel) != QMessageBox.StandardButton.Ok:
            return
        super().accept()

    def _losses_text(self, losses: list[Loss]) -> str:
        """What an edit deletes, one line each, for the question before it is applied."""
        lines = []
        for loss in losses:
            n = loss.count
            if loss.spans:
                line = self.tr("%n span(s) of the span label '{name}', which is removed", "", n)
            elif loss.reason == "removed":
                line = self.tr("%n answer(s) to the group '{name}', which is removed", "", n)
            elif loss.reason == "kind":
                line = self.tr("%n answer(s) to '{name}', whose kind changes", "", n)
            elif loss.reason == "level":
                line = self.tr("%n answer(s) to '{name}', whose level changes", "", n)
            else:
                line = self.tr("%n answer(s) to '{name}' that its new values leave out", "", n)
            lines.append("• " + line.replace("{name}", loss.subject))
        return "\n".join(lines)
