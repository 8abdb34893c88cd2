"""The aligned view's model: one column per document (pivot first), one row per aligned unit.

Rows are handed to the view in batches (canFetchMore/fetchMore), and sentence texts and labels
are fetched from the session only for rows the view has asked for, so a 100,000-sentence group
opens as fast as a small one."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.align.layout import LOW_CONFIDENCE, Cell, GroupLayout, reading_order
from annotator.core.session import Session, SentenceView
from annotator.ui import accessible
from annotator.ui.aligned.colors import CONFIRMED_GREEN, UNCERTAIN_ORANGE, header_ink
from annotator.ui.plain import tooltip

SENTENCES_ROLE = Qt.ItemDataRole.UserRole + 1  # list[SentenceView] of the cell
SCORE_ROLE = Qt.ItemDataRole.UserRole + 2  # weakest link score of the cell, -1.0 for none
MANUAL_ROLE = Qt.ItemDataRole.UserRole + 3  # True when a person made the cell's link
BATCH = 500
_DISPLAY, _TOOLTIP, _FOREGROUND = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                   Qt.ItemDataRole.ForegroundRole)
# what a screen reader asks of a cell (Qt's table accessibility), put together only when asked
_SPOKEN, _SPOKEN_WHERE = Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole
_VERTICAL = Qt.Orientation.Vertical  # the row number of a row whose alignment a reviewer confirmed


class AlignedModel(QAbstractTableModel):
    def __init__(self, session: Session, layout: GroupLayout, parent=None, confirmed: set[int] | None = None):
        super().__init__(parent)
        self.session = session
        self.layout = layout
        self.confirmed = confirmed or set()  # sentences whose row a reviewer confirmed
        self._uncertain: list[int] | None = None  # rows with a link below LOW_CONFIDENCE, read when first asked
        self._loaded = 0
        self._where: dict[int, tuple[int, int]] = {}  # sentence id -> (row, column)
        self._order: list[tuple[int, int, int]] | None = None  # (row, column, sentence id), read when first asked
        self._load_more(BATCH)

    # ------------------------------------------------------------------ structure
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._loaded

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.layout.columns)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and self._loaded < len(self.layout.rows)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        count = min(BATCH, len(self.layout.rows) - self._loaded)
        if count <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._load_more(count)
        self.endInsertRows()

    def _load_more(self, count: int) -> None:
        rows = self.layout.rows[self._loaded:self._loaded + count]
        ids = []
        for offset, row in enumerate(rows):
            for column, cell in enumerate(row.cells):
                for sentence_id in cell.sentence_ids:
                    self._where[sentence_id] = (self._loaded + offset, column)
                    ids.append(sentence_id)
        self.session.load(ids)
        self._loaded += len(rows)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        # Qt asks this for every role of every row number painted (hundreds of thousands of
        # calls in a scroll): the roles are compared with values looked up once, not per call
        if role == _DISPLAY:
            if orientation == _VERTICAL:
                if self.is_confirmed(section):
                    return f"✓ {section + 1}"
                return f"? {section + 1}" if self.is_uncertain(section) else str(section + 1)
            return self._column_title(section, whole=False)
        if role == _FOREGROUND:
            if orientation != _VERTICAL:
                return None
            if self.is_confirmed(section):
                return QColor(header_ink(CONFIRMED_GREEN))  # readable on the header, light or dark
            return QColor(header_ink(UNCERTAIN_ORANGE)) if self.is_uncertain(section) else None
        if role == _TOOLTIP:
            if orientation == _VERTICAL and self.is_uncertain(section):
                return self.tr("uncertain: a machine link here scores below {score}. c confirms the row, "
                               "x rejects its weakest link, w goes to the next uncertain row").format(score=LOW_CONFIDENCE)
            if orientation == _VERTICAL:
                return (self.tr("alignment confirmed (c takes it back)") if self.is_confirmed(section)
                        else self.tr("c: confirm this row's alignment"))
            return tooltip(self._column_title(section, whole=True))
        return None

    def _column_title(self, section: int, whole: bool) -> str | None:
        if not 0 <= section < len(self.layout.columns):
            return None
        column = self.layout.columns[section]
        if whole:  # the tooltip's: the whole title, and the file it came from
            first = " " + self.tr("(the first column: the pivot)") if section == 0 else ""
            return f"{column.title}\n{column.lang}{first}\n{column.source}"
        pivot = " ★" if section == 0 else ""
        return f"{column.lang}{pivot} · {column.title}"  # the language stays in view when the title is cut

    def is_confirmed(self, row: int) -> bool:
        """Every sentence of the row is confirmed (a reviewer said its alignment is right)."""
        if not self.confirmed or not 0 <= row < len(self.layout.rows):  # (the header asks for every row painted)
            return False
        ids = self.layout.rows[row].sentence_ids()
        return bool(ids) and self.confirmed.issuperset(ids)

    def uncertain_rows(self) -> list[int]:
        """The rows (in order, loaded or not) with a machine link below LOW_CONFIDENCE."""
        if self._uncertain is None:
            rows = self.layout.rows
            self._uncertain = (rows.uncertain(LOW_CONFIDENCE) if hasattr(rows, "uncertain") else
                               [k for k, row in enumerate(rows)
                                if any(c.score is not None and c.score < LOW_CONFIDENCE for c in row.cells)])
        return self._uncertain

    def is_uncertain(self, row: int) -> bool:
        """The row holds a link of low confidence and nobody confirmed it yet."""
        rows = self.uncertain_rows()
        k = bisect.bisect_left(rows, row)
        return k < len(rows) and rows[k] == row and not self.is_confirmed(row)

    def next_uncertain(self, after: int) -> int | None:
        """The first uncertain row after `after`, wrapping round (None: there is none)."""
        rows = self.uncertain_rows()
        start = bisect.bisect_right(rows, after)
        return next((row for row in rows[start:] + rows[:start] if not self.is_confirmed(row)), None)

    # ------------------------------------------------------------------ content
    def sentences(self, row: int, column: int) -> list[SentenceView]:
        if not (0 <= row < self._loaded and 0 <= column < len(self.layout.columns)):
            return []
        return self._views(self.layout.rows[row].cells[column])

    def row_sentences(self, row: int) -> tuple[tuple[SentenceView, ...], ...]:
        """Every cell's sentences, for the whole row at once (a paint asks this of every row in
        sight: the row is looked up once, not once per cell)."""
        if not 0 <= row < self._loaded:
            return ()
        return tuple(tuple(self._views(cell)) for cell in self.layout.rows[row].cells)

    def _views(self, cell: Cell) -> list[SentenceView]:
        found = []
        for i in cell.sentence_ids:
            try:
                found.append(self.session.sentence(i))
            except KeyError:  # merged away since this layout was made: the new layout is on its way
                continue
        return found

    def row_cells(self, row: int) -> list[Cell]:
        """Every cell of the row (its links' scores, manual or not)."""
        return self.layout.rows[row].cells

    def cell(self, row: int, column: int) -> Cell:
        return self.layout.rows[row].cells[column]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        cell = self.cell(index.row(), index.column())
        if role == _DISPLAY:
            return "\n".join(s.text for s in self.sentences(index.row(), index.column())) or None
        if role == _TOOLTIP:
            return tooltip("\n".join(s.text for s in self.sentences(index.row(), index.column())))
        if role == SENTENCES_ROLE:
            return self.sentences(index.row(), index.column())
        if role == SCORE_ROLE:
            return -1.0 if cell.score is None else cell.score  # -1: no machine score
        if role == MANUAL_ROLE:
            return cell.manual
        if role == _SPOKEN:
            return accessible.cell_text(self, index.row(), index.column())
        if role == _SPOKEN_WHERE:
            return accessible.cell_description(self, index.row(), index.column())
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def position_of(self, sentence_id: int) -> tuple[int, int] | None:
        """(row, column) of a loaded sentence."""
        return self._where.get(sentence_id)

    def suggestions(self, row: int, column: int, sentence: SentenceView) -> list[str]:
        """Labels the aligned counterparts of a sentence (the other cells of its row) carry and it
        does not: offered as suggestions, never counted until accepted."""
        if not (0 <= row < self._loaded):
            return []
        theirs = {label for other, cell in enumerate(self.layout.rows[row].cells) if other != column
                  for i in cell.sentence_ids for label in self.session.sentence(i).labels}
        return [label.name for label in self.session.labels if label.name in theirs and label.name not in sentence.labels]

    def sentence_changed(self, sentence_id: int) -> None:
        """Repaint the row of a sentence whose labels changed (its counterparts' suggestions too)."""
        where = self._where.get(sentence_id)
        if where is not None:
            first, last = self.index(where[0], 0), self.index(where[0], self.columnCount() - 1)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole, SENTENCES_ROLE])

    # ------------------------------------------------------------------ what the window's controllers ask
    def reading_order(self) -> list[tuple[int, int, int]]:
        """(row, column, sentence id) of every sentence of the layout, loaded or not, in reading
        order (read off the layout's arrays: no row is built)."""
        if self._order is None:
            self._order = reading_order(self.layout)
        return self._order

    def sentence_order(self) -> list[int]:
        """Every sentence of the layout, in reading order."""
        return [i for _, _, i in self.reading_order()]

    def row_sentence_ids(self, row: int) -> list[int]:
        return self.layout.rows[row].sentence_ids()

    def first_filled_column(self, row: int) -> int:
        """The first column of a row with a sentence in it."""
        return next((c for c, cell in enumerate(self.layout.rows[row].cells) if cell.sentence_ids), 0)

    def fetch_to_row(self, row: int) -> None:
        """Load rows until `row` is loaded (or the layout ends)."""
        while self.rowCount() <= row and self.canFetchMore():
            self.fetchMore()

    def locate(self, sentence_id: int) -> tuple[int, int, int] | None:
        """(row, column, place in the cell) of a sentence, loading rows until it is found (None:
        the layout does not show it)."""
        while self.position_of(sentence_id) is None and self.canFetchMore():
            self.fetchMore()
        where = self.position_of(sentence_id)
        if where is None:
            return None
        row, column = where
        return row, column, [s.id for s in self.sentences(row, column)].index(sentence_id)

    def confirmation_changed(self, confirmed: frozenset[int], unconfirmed: frozenset[int]) -> None:
        """Sentences confirmed or unconfirmed: their rows' numbers are drawn again (the rows
        themselves stay as they are)."""
        self.confirmed = (self.confirmed | confirmed) - unconfirmed
        rows = sorted({self._where[i][0] for i in confirmed | unconfirmed if i in self._where})
        if rows:
            self.headerDataChanged.emit(_VERTICAL, rows[0], rows[-1])

    def load_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()
