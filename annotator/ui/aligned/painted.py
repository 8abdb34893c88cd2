"""The table's rows as last painted: each row on screen is kept as one pixmap with what each of
its cells showed, so that a repaint copies the rows nothing changed in, and in a changed row
paints again only the cells whose content, cursor, size or look changed (a label keypress: the
labeled cell and the cells that now suggest its label).

What a cell shows is compared by value: its sentences as the session has them now (the
session keeps a sentence's view until what it shows changes), their suggestions, the cursor
in it, its link, the row's confirmation, its size and what every cell of one paint shares
(font, palette, Find text, marked sentence, label colours, pixel ratio). So no change can leave
an old picture on screen; and a row whose sentences are the very same views as last time is
settled without looking at its cells one by one."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotator.ui.aligned.cell_layout import layout_blocks
from annotator.ui.aligned.chip_repaint import chip_lines

PAINTED_BYTES = 48 * 1024 * 1024  # the rows kept as painted (a few screenfuls)
KEPT_CONTENTS = 2000  # rows whose suggestions are kept (a screenful is tens)


class _Row:
    __slots__ = ("signature", "cells", "pixmap")

    def __init__(self, signature: tuple, cells: dict, pixmap: QPixmap):
        self.signature = signature  # the row's, see PaintedRows.row
        self.cells = cells  # column -> what its cell showed when painted
        self.pixmap = pixmap


class PaintedRows:
    def __init__(self, delegate: QStyledItemDelegate):
        self.delegate = delegate
        self._rows: dict[int, _Row] = {}
        self._bytes = 0
        self._contents: dict[int, tuple] = {}  # row -> (its sentences, the scheme, their content)

    def content(self, row: int) -> tuple:
        """Per column of the row: (its sentences, each one's suggestions). The suggestions come
        from the row's other sentences and the scheme's order, so they are worked out again only
        when one of the row's sentences changed."""
        model = self.delegate.view.model()
        sentences = model.row_sentences(row)
        scheme = getattr(getattr(model, "session", None), "labels", None)
        kept = self._contents.get(row)
        if kept is not None and kept[0] == sentences and kept[1] is scheme:
            return kept[2]
        content = tuple((cell, tuple(tuple(model.suggestions(row, column, s)) for s in cell))
                        for column, cell in enumerate(sentences))
        if len(self._contents) > KEPT_CONTENTS:
            self._contents.clear()
        self._contents[row] = (sentences, scheme, content)
        return content

    def paint(self, area: QRect) -> QRect:
        """The rows in `area` of the view's viewport, each whole (Qt clips to the area, and a row
        is kept as one pixmap of every column in sight); returns the part of the viewport they cover."""
        view = self.delegate.view
        model = view.model()
        rows, columns = model.rowCount(), model.columnCount()
        if rows == 0 or columns == 0:
            return QRect()
        first_row, last_row = max(view.rowAt(area.top()), 0), view.rowAt(area.bottom())
        last_row = rows - 1 if last_row < 0 else last_row
        first_column, last_column = max(view.columnAt(0), 0), view.columnAt(view.viewport().width() - 1)
        last_column = columns - 1 if last_column < 0 else last_column
        shown = [(column, view.columnViewportPosition(column), view.columnWidth(column))
                 for column in range(first_column, last_column + 1)
                 if not view.isColumnHidden(column) and view.columnWidth(column) > 0]
        if not shown:
            return QRect()
        left = shown[0][1]
        shown = tuple((column, x - left, width) for column, x, width in shown)  # x from the row's left
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        frame = self.delegate.frame(option, view.viewport().devicePixelRatioF())
        painter = QPainter(view.viewport())
        for row in range(first_row, last_row + 1):
            height = view.rowHeight(row)
            if height > 0 and not view.isRowHidden(row):
                painter.drawPixmap(left, view.rowViewportPosition(row), self.row(row, height, shown, option, frame))
        painter.end()
        top = view.rowViewportPosition(first_row)
        bottom = view.rowViewportPosition(last_row) + (0 if view.isRowHidden(last_row) else view.rowHeight(last_row))
        return QRect(left, top, shown[-1][1] + shown[-1][2], bottom - top)

    def row(self, row: int, height: int, columns: tuple, option: QStyleOptionViewItem, frame: tuple) -> QPixmap:
        """The row's cells in `columns` ((column, x, width) each, x counted from the first one's
        left) side by side, as the delegate paints them on the palette's base colour; `frame`:
        what every cell of this paint shares (SentenceDelegate.frame, the pixel ratio last)."""
        view = self.delegate.view
        model = view.model()
        content = self.content(row)
        confirmed = model.is_confirmed(row)
        cursor_row, cursor_column, cursor_k = view.cursor
        # (the words selected for a span are drawn in the cursor's sentence)
        cursor = (cursor_column, cursor_k, view.words.shown()) if cursor_row == row else None
        row_cells = model.row_cells(row)
        links = tuple((row_cells[c].score, row_cells[c].manual) for c, _, _ in columns)
        signature = (content, cursor, confirmed, links, height, columns, frame)
        kept = self._rows.get(row)
        if kept is not None and kept.signature == signature:
            return kept.pixmap
        cells = {column: (content[column], cursor[1:] if cursor is not None and cursor_column == column else -1,
                          link, confirmed, width, height, frame)
                 for (column, _, width), link in zip(columns, links)}
        if kept is not None and kept.signature[4:] == signature[4:]:  # the same size, columns and look
            changed = [c for c in columns if kept.cells.get(c[0]) != cells[c[0]]]
            pixmap = kept.pixmap  # painted over where a cell changed
        else:
            changed = list(columns)
            pixmap = self._new_pixmap(row, columns, height, frame[-1])
        painter = QPainter(pixmap)
        base = option.palette.color(option.palette.ColorRole.Base)
        for column, x, width in changed:
            option.rect = QRect(x, 0, width, height)
            index = model.index(row, column)
            if kept is not None and pixmap is kept.pixmap:  # only the chips of the cell's sentences changed?
                lines, before, after = self._chip_lines(kept.cells.get(column), cells[column], option.font, width)
                if lines is not None:
                    self.delegate.paint_chips(painter, option, index, lines, before, after, cells[column][0])
                    continue
            painter.setClipRect(option.rect)
            painter.fillRect(option.rect, base)
            self.delegate.paint(painter, option, index)
        painter.end()
        self._rows[row] = _Row(signature, cells, pixmap)
        return pixmap

    @staticmethod
    def _chip_lines(before: tuple, after: tuple, font, width: int) -> tuple:
        """(the sentences whose chips alone changed, or None: paint the cell whole; their blocks
        before and after), from the cell's records (see `row`)."""
        if before is None or before[1:] != after[1:]:
            return None, None, None
        blocks = [layout_blocks(font, width, list(sentences), [list(g) for g in ghosts])
                  for sentences, ghosts in (before[0], after[0])]
        return chip_lines(before, after, *blocks), *blocks

    def _new_pixmap(self, row: int, columns: tuple, height: int, ratio: float) -> QPixmap:
        width = columns[-1][1] + columns[-1][2] if columns else 1
        self.forget(row)
        if self._bytes > PAINTED_BYTES:
            self.forget_all()
        pixmap = QPixmap(max(1, round(width * ratio)), max(1, round(height * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        self._bytes += pixmap.width() * pixmap.height() * 4
        return pixmap

    def forget(self, row: int) -> None:
        kept = self._rows.pop(row, None)
        if kept is not None:
            self._bytes -= kept.pixmap.width() * kept.pixmap.height() * 4

    def forget_all(self) -> None:
        self._rows.clear()
        self._contents.clear()
        self._bytes = 0
