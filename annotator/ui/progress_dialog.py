"""Review > Team progress: the figures `annotator progress` prints, read off a folder of returned
packages in the background, shown in two tables (per annotator, per group) over one small
table model, with the agreement on the shared groups so far and what does not match the plan."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QPlainTextEdit, QTableView,
                               QTabWidget, QVBoxLayout, QWidget)


class TableModel(QAbstractTableModel):
    """Rows of plain values under a header; numbers sort as numbers and are right-aligned."""

    def __init__(self, header: list[str], rows: list[list], parent=None):
        super().__init__(parent)
        self.header = header
        self.rows = rows

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.header)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{value:.1f}%" if isinstance(value, float) else "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:  # what sorting compares
            return value if value is not None else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.header[section]
        return None


def _minute(stamp: str | None) -> str:
    return (stamp or "")[:16].replace("T", " ")


def annotator_rows(report) -> list[list]:
    return [[a.name, a.groups, a.sentences, a.judged, 100 * a.share, a.labels, _minute(a.first), _minute(a.last)]
            for a in report.annotators]


def group_rows(report) -> list[list]:
    return [[g.name, QCoreApplication.translate("ProgressDialog", "yes") if g.shared else "", g.sentences,
             ", ".join(f"{name} {count}/{g.sentences}" for name, count in g.judged.items()),
             sum(1 for count in g.judged.values() if count >= g.sentences), len(g.judged), g.labels,
             _minute(g.first), _minute(g.last)] for g in report.groups]


def _table(parent: QWidget, model: TableModel) -> QTableView:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(Qt.ItemDataRole.UserRole)
    view = QTableView(parent)
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the plan's order until a header is clicked
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().hide()
    return view


class ProgressDialog(QDialog):
    def __init__(self, report, folder: str, parent: QWidget | None = None):
        from annotator.present.team import agreement_and_problem_lines

        super().__init__(parent)
        plan = report.plan
        self.setWindowTitle(self.tr("Team progress"))
        self.resize(820, 560)
        summary = QLabel(self.tr("{folder}: plan {plan} revision {revision}, ").format(
                             folder=folder, plan=plan.uid[:8], revision=plan.revision)
                         + self.tr("%n annotator(s), ", "", len(plan.annotators))
                         + self.tr("%n group(s)", "", len(plan.assignments))
                         + self.tr(" ({shared} shared by {copies}); ").format(shared=len(plan.shared), copies=plan.copies)
                         + self.tr("%n file(s) read", "", len(report.files)), self)
        summary.setTextFormat(Qt.TextFormat.PlainText)
        summary.setWordWrap(True)
        self.annotators = TableModel([self.tr("annotator"), self.tr("groups"), self.tr("sentences"), self.tr("judged"),
                                      self.tr("judged %"), self.tr("labels"), self.tr("first"), self.tr("last")],
                                     annotator_rows(report), self)
        self.groups = TableModel([self.tr("group"), self.tr("shared"), self.tr("sentences"), self.tr("judged by each"),
                                  self.tr("finished"), self.tr("planned"), self.tr("labels"), self.tr("first"),
                                  self.tr("last")],
                                 group_rows(report), self)
        details = QPlainTextEdit("\n".join(agreement_and_problem_lines(report)), self)
        details.setReadOnly(True)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(_table(self, self.annotators), self.tr("Annotators"))
        self.tabs.addTab(_table(self, self.groups), self.tr("Groups"))
        self.tabs.addTab(details, self.tr("Agreement and problems"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)  # Close and Escape
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
