"""The painting of a cell: each sentence of it wrapped (right to left where its letters are),
the Find text on a yellow ground, the cursor's frame, the note's corner, the label chips and
the link's edge, placed by cell_layout.py (which lays each text out once, not on every paint)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygon, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.contrast import mix
from annotator.core.session import SentenceView
from annotator.ui.aligned.cell_layout import (LOW_SCORE, Block, MODEL_FILL_ALPHA, NOTE_COLOR, NOTE_CORNER, PADDING,
                                              RELATION_COLOR, RELATION_DOT,
                                              cell_height, chip_entries, find_spans, layout_blocks, text_layout)
from annotator.ui.aligned.chip_repaint import erased
from annotator.ui.aligned.colors import FIND_YELLOW, CellColors, cell_colors
from annotator.ui.aligned.painted import PaintedRows
from annotator.ui.aligned.span_paint import draw_ghost_spans, draw_spans

HIGHLIGHT = FIND_YELLOW  # the background of the Find text in a sentence (a light palette)
EDGE_WIDTH = 4
DASH, DASH_GAP = 6, 4  # an uncertain link's dashed edge
KEPT_CHIPS = 1000  # chips kept as drawn, by look (label, kind, text, size, colours, font)
_chips: dict[tuple, QPixmap] = {}


def link_state(manual: bool, score: float | None, confirmed: bool) -> str | None:
    """How a cell's link is marked on its left edge: "confirmed" (a reviewer confirmed the row:
    a double edge), "manual" (linked by hand: a solid edge), "uncertain" (a machine link below
    LOW_SCORE: a dashed edge), or None (a machine link of good confidence: no edge)."""
    if confirmed:
        return "confirmed"
    if manual:
        return "manual"
    return "uncertain" if score is not None and score < LOW_SCORE else None


def draw_edge(painter: QPainter, rect: QRect, state: str, colors: CellColors, right: bool = False) -> None:
    """The link's state by shape as well as colour: solid, dashed, or two thin lines; on the
    cell's start side (the right one, `right`, in a right-to-left cell)."""
    left, top, height = rect.right() + 1 - EDGE_WIDTH if right else rect.left(), rect.top(), rect.height()
    if state == "manual":
        painter.fillRect(QRect(left, top, EDGE_WIDTH, height), QColor(colors.manual_edge))
    elif state == "uncertain":
        color = QColor(colors.uncertain_edge)
        for y in range(top, top + height, DASH + DASH_GAP):
            painter.fillRect(QRect(left, y, EDGE_WIDTH, min(DASH, top + height - y)), color)
    else:
        color = QColor(colors.confirmed_edge)
        painter.fillRect(QRect(left + (EDGE_WIDTH - 2 if right else 0), top, 2, height), color)
        painter.fillRect(QRect(left + (-2 if right else EDGE_WIDTH), top, 2, height), color)


def draw_sentence(painter: QPainter, origin: QPoint, text: str, width: int, font,
                  spans: list[tuple[int, int]] = (), ground: str = HIGHLIGHT) -> None:
    """A sentence wrapped in `width` from `origin` (its layout made once, see text_layout), the
    Find spans on the `ground` colour."""
    selections = []
    if spans:
        marked = QTextCharFormat()
        marked.setBackground(QColor(ground))
        for start, length in spans:
            selection = QTextLayout.FormatRange()
            selection.start, selection.length, selection.format = start, length, marked
            selections.append(selection)
    text_layout(text, width, font).draw(painter, QPointF(origin), selections)


class SentenceDelegate(QStyledItemDelegate):
    def __init__(self, view: "AlignedView", colors: dict[str, str]):
        super().__init__(view)
        self.view = view
        self.colors = colors
        self.painted = PaintedRows(self)  # the rows as last painted: a repaint copies what did not change
        self.span_colors: dict[str, str] | None = None  # span label -> colour (read at the first span drawn)

    def frame(self, option: QStyleOptionViewItem, ratio: float) -> tuple:
        """What every cell of one paint of the view shares and its pixels depend on."""
        return (option.font.key(), option.palette.cacheKey(), self.view.highlight, self.view.marked,
                id(self.colors), ratio)

    # The delegate asks the model's Python methods directly instead of index.data(): no
    # round trip through QVariant for every cell painted (and none of PySide's None handling).
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        model = self.view.model()
        row, column = index.row(), index.column()
        sentences = model.sentences(row, column)
        width = self.view.columnWidth(column)
        suggested = [model.suggestions(row, column, s) for s in sentences]
        return QSize(width, cell_height(option.font, width, sentences, suggested))

    def row_height(self, row: int) -> int:
        """The height the row's cells in sight need (what resizeRowToContents fits the row to,
        when its number needs less), from the row's content as the next paint will show it."""
        font, view = self.view.font(), self.view
        return max((cell_height(font, view.columnWidth(column), sentences, suggested)
                    for column, (sentences, suggested) in enumerate(self.painted.content(row))
                    if not view.isColumnHidden(column)), default=0)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self.view.model()
        row, column = index.row(), index.column()
        sentences: list[SentenceView] = model.sentences(row, column)
        painter.save()
        rect = option.rect
        palette = option.palette
        cursor_row, cursor_column, cursor_k = self.view.cursor
        is_cursor_cell = (row, column) == (cursor_row, cursor_column)
        colors = cell_colors(palette, cursor=is_cursor_cell)
        if is_cursor_cell:
            painter.fillRect(rect, QColor(colors.cursor_fill))
        cell = model.cell(row, column)
        state = link_state(cell.manual, cell.score, model.is_confirmed(row)) if sentences else None
        suggested = [model.suggestions(row, column, s) for s in sentences]
        blocks = layout_blocks(option.font, rect.width(), sentences, suggested)
        rtl = bool(blocks) and blocks[0].rtl  # a right-to-left cell: the edge right, the marks left
        if state is not None:
            draw_edge(painter, rect, state, colors, rtl)
        text_width = max(rect.width() - 2 * PADDING, 20)
        text_pen = palette.color(palette.ColorRole.Text)
        quiet_pen = palette.color(palette.ColorRole.PlaceholderText)
        for k, (sentence, block) in enumerate(zip(sentences, blocks)):
            top = rect.top() + block.top
            if is_cursor_cell and k == cursor_k:
                painter.setPen(QPen(QColor(colors.cursor_frame), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)  # a frame only (the sentence above may have left a chip's fill)
                painter.drawRoundedRect(QRect(rect.left() + 2, top - 3, rect.width() - 5, block.height + 6), 4, 4)
            selection = self.view.words.shown() if is_cursor_cell and k == cursor_k else None
            if sentence.spans or selection is not None:
                draw_spans(painter, QPoint(rect.left() + PADDING, top), sentence.text, text_width, option.font,
                           sentence.spans, self._span_colors(model), selection,
                           palette.color(palette.ColorRole.Highlight), QColor(colors.base).lightness() < 128,
                           sentence.related_spans)
            if sentence.ghost_spans:  # offered by the aligned sentences' spans (key a)
                draw_ghost_spans(painter, QPoint(rect.left() + PADDING, top), sentence.text, text_width, option.font,
                                 sentence.ghost_spans, self._span_colors(model), QColor(colors.base).lightness() < 128)
            painter.setPen(quiet_pen if sentence.boilerplate else text_pen)
            draw_sentence(painter, QPoint(rect.left() + PADDING, top), sentence.text, text_width, option.font,
                          find_spans(sentence.text, self.view.highlight), colors.find_ground)
            if sentence.id == self.view.marked:
                painter.fillRect(QRect(rect.left() + 2 if rtl else rect.right() - 8, top, 6, block.text_height),
                                 QColor("#9467bd"))
            if sentence.noted:  # a folded corner at the top end: your note is on this sentence
                corner, inward = (rect.left() + 2, NOTE_CORNER) if rtl else (rect.right() - 2, -NOTE_CORNER)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(NOTE_COLOR))
                painter.drawPolygon(QPolygon([QPoint(corner + inward, top - 2), QPoint(corner, top - 2),
                                              QPoint(corner, top - 2 + NOTE_CORNER)]))
            if sentence.related:  # a dot below the note's corner: the head or tail of a relation
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(RELATION_COLOR))
                painter.drawEllipse(QRect(rect.right() - 3 - RELATION_DOT, top + NOTE_CORNER, RELATION_DOT, RELATION_DOT))
            if sentence.ghost_relations:  # a ring under the dot: an aligned sentence's relation offered (key a)
                painter.setPen(QPen(QColor(RELATION_COLOR), 1.5, Qt.PenStyle.DotLine))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawEllipse(QRect(rect.right() - 4 - RELATION_DOT, top + NOTE_CORNER + RELATION_DOT + 2,
                                          RELATION_DOT + 2, RELATION_DOT + 2))
            entries = chip_entries(sentence, suggested[k])
            for (kind, label, text), box in zip(entries, block.chips):
                self._draw_chip(painter, box.translated(rect.topLeft()), kind, label, text, colors)
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def paint_chips(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex,
                    lines: list[int], before: list[Block], after: list[Block], content: tuple) -> None:
        """Only the chips of the cell's sentences `lines` again (chip_repaint.py): their old
        chips painted over with the cell's ground and the link's edge, the new ones drawn;
        `content`: the cell's sentences and their ghost labels, as the row's record has them."""
        model = self.view.model()
        row, column, rect = index.row(), index.column(), option.rect
        sentences, ghosts = content
        cursor_row, cursor_column, _ = self.view.cursor
        colors = cell_colors(option.palette, cursor=(row, column) == (cursor_row, cursor_column))
        cell = model.cell(row, column)
        state = link_state(cell.manual, cell.score, model.is_confirmed(row))
        painter.save()
        for k in lines:
            painter.setClipRegion(erased(rect, before[k]))
            painter.fillRect(rect, QColor(colors.base))
            if state is not None:
                draw_edge(painter, rect, state, colors, after[0].rtl)  # as a whole paint: by the first sentence
        painter.setClipRect(rect)
        for k in lines:
            entries = chip_entries(sentences[k], list(ghosts[k]))
            for (kind, label, text), box in zip(entries, after[k].chips):
                self._draw_chip(painter, box.translated(rect.topLeft()), kind, label, text, colors)
        painter.restore()

    def _span_colors(self, model) -> dict[str, str]:
        if self.span_colors is None:
            session = getattr(model, "session", None)
            self.span_colors = {label.name: label.color for label in session.span_labels()} if session else {}
        return self.span_colors

    def _draw_chip(self, painter: QPainter, chip: QRect, kind: str, label: str, text: str,
                   colors: CellColors) -> None:
        """A chip, copied from the first time one of its look was drawn (laying its text out
        again cost most of a keypress's repaint), on the cell's ground: a chip lies on the
        cell's ground only, clear of the edge, the marks and the cursor's frame."""
        ratio, font = painter.device().devicePixelRatioF(), painter.font()
        key = (kind, self.colors.get(label), text, chip.width(), chip.height(), colors, font.key(), ratio)
        pixmap = _chips.get(key)
        if pixmap is None:  # (a pixel more each way: an outline's pen reaches the box's right and bottom + 1)
            pixmap = QPixmap(round((chip.width() + 1) * ratio), round((chip.height() + 1) * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(QColor(colors.base))
            chip_painter = QPainter(pixmap)
            chip_painter.setFont(font)
            chip_painter.setRenderHints(painter.renderHints())
            self._draw_chip_on(chip_painter, QRect(QPoint(0, 0), chip.size()), kind, label, text, colors)
            chip_painter.end()
            if len(_chips) >= KEPT_CHIPS:
                _chips.clear()
            _chips[key] = pixmap
        painter.drawPixmap(chip.topLeft(), pixmap)

    def _draw_chip_on(self, painter: QPainter, chip: QRect, kind: str, label: str, text: str,
                      colors: CellColors) -> None:
        color = QColor(self.colors.get(label, "#777777"))
        if kind == "none":  # judged: no label applies (a grey outline, not a label)
            painter.setPen(QPen(QColor(colors.none_edge), 1))
            painter.setBrush(QColor(colors.none_fill))
            painter.drawRoundedRect(chip, 8, 8)
            painter.setPen(QColor(colors.none_ink))
        elif kind == "label":
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(chip, 8, 8)
            painter.setPen(QColor(colors.label_ink(color.name())))
        elif kind == "ghost":  # a suggestion from the aligned sentences: a ghost chip until accepted (key a)
            painter.setPen(QPen(color, 1, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(chip, 8, 8)
            painter.setPen(QColor(colors.tint_ink(color.name())))
        else:  # the model's suggestion: a pale fill, a dotted edge and its probability (Shift+A)
            fill = QColor(color)
            fill.setAlpha(MODEL_FILL_ALPHA)
            painter.setPen(QPen(color, 1, Qt.PenStyle.DotLine))
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 8, 8)
            # the ink of the pale fill as painted on the cell's ground
            painted = mix(colors.base, color.name(), MODEL_FILL_ALPHA / 255)
            painter.setPen(QColor(colors.tint_ink(color.darker(140).name(), painted)))
        painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
