"""Hiding and showing the documents' columns (View > Columns, and the column header's context
menu): with five to seven documents the columns grow too narrow to read, and a reader hides the
languages they do not need. Remembered per group (by document id, in the settings); at least one
column stays; the cursor never rests in a hidden column."""

from __future__ import annotations

from annotator.ui.controllers.base import Controller
from annotator.ui.plain import menu_entry


class ColumnsController(Controller):
    def _key(self) -> str:
        project = str(self.session.path.resolve()).replace("/", "|")
        return f"hidden_columns/{project}|{self.group_id}"

    def hidden_documents(self) -> set[int]:
        """The documents of the group on view whose columns are hidden (as remembered)."""
        if self.session is None or self.group_id is None:
            return set()
        value = self.window.settings.value(self._key()) or []
        return {int(v) for v in ([value] if isinstance(value, (str, int)) else value)}

    def restore(self) -> None:
        """The group was (re)opened: hide the columns remembered hidden (never all of them)."""
        if self.model is None:
            return
        hidden = self.hidden_documents()
        columns = self.model.layout.columns
        if all(column.document_id in hidden for column in columns):
            hidden = set()
        for c, column in enumerate(columns):
            self.view.setColumnHidden(c, column.document_id in hidden)
        self._leave_hidden_column()

    def set_hidden(self, column: int, hidden: bool) -> None:
        if self.model is None or not 0 <= column < self.model.columnCount():
            return
        if hidden and self.visible_count() <= 1:
            self.say(self.tr("The last column shown stays: show another one first."), 4000)
            return
        self.view.setColumnHidden(column, hidden)
        ids = {c.document_id for k, c in enumerate(self.model.layout.columns) if self.view.isColumnHidden(k)}
        self.window.settings.setValue(self._key(), sorted(ids))
        self._leave_hidden_column()

    def visible_count(self) -> int:
        return sum(1 for c in range(self.model.columnCount()) if not self.view.isColumnHidden(c)) if self.model else 0

    def _leave_hidden_column(self) -> None:
        """The cursor's column was hidden: the nearest shown column with a sentence in its row,
        else the nearest shown column's next sentence."""
        row, column, _ = self.view.cursor
        if not self.view.isColumnHidden(column) or self.model is None or not self.model.rowCount():
            return
        shown = sorted((c for c in range(self.model.columnCount()) if not self.view.isColumnHidden(c)),
                       key=lambda c: abs(c - column))
        filled = next((c for c in shown if self.model.sentences(row, c)), None)
        if filled is not None:
            self.view.set_cursor(row, filled, 0)
            return
        self.view.cursor = (row, shown[0], 0)  # an empty cell: on to the column's next sentence
        self.view.move_vertical(1)
        if self.view.isColumnHidden(self.view.cursor[1]) or not self.model.sentences(*self.view.cursor[:2]):
            self.view.move_vertical(-1)

    def show_column_of(self, column: int) -> None:
        """A sentence of a hidden column is gone to (Find, a link): its column is shown again."""
        if self.model is not None and self.view.isColumnHidden(column):
            self.set_hidden(column, False)
            shown = self.model.layout.columns[column]
            self.say(self.tr("The column of {lang} · {title} is shown again (View > Columns hides it).").format(
                lang=shown.lang, title=shown.title), 5000)

    def fill_menu(self, menu, clicked: int | None = None) -> None:
        """One checkable entry per column (checked: shown); from the header, first "Hide this column"."""
        menu.clear()
        if self.model is None:
            menu.addAction(self.tr("(no group open)")).setEnabled(False)
            return
        last = self.visible_count() <= 1
        if clicked is not None and clicked >= 0:
            hide = menu.addAction(self.tr("&Hide this column"), lambda: self.set_hidden(clicked, True))
            hide.setEnabled(not last)
            menu.addSeparator()
        for c, column in enumerate(self.model.layout.columns):
            shown = not self.view.isColumnHidden(c)
            action = menu.addAction(menu_entry(f"{column.lang} · {column.title}"))
            action.setCheckable(True)
            action.setChecked(shown)
            action.setEnabled(not (shown and last))  # at least one column stays
            action.toggled.connect(lambda checked, c=c: self.set_hidden(c, not checked))
        menu.addSeparator()
        every = menu.addAction(self.tr("Show &all columns"), self.show_all)
        every.setEnabled(self.visible_count() < self.model.columnCount())

    def show_all(self) -> None:
        for c in range(self.model.columnCount() if self.model else 0):
            self.set_hidden(c, False)

    def header_menu(self, position) -> None:
        from PySide6.QtWidgets import QMenu

        header = self.view.horizontalHeader()
        self.header_popup = QMenu(self.window)  # kept for tests
        self.fill_menu(self.header_popup, header.logicalIndexAt(position))
        self.header_popup.popup(header.mapToGlobal(position))
