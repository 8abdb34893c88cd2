"""The painting of a cell: each sentence of it wrapped (right to left where its letters are),
the Find text on a yellow ground, the cursor's frame, the note's corner and the label chips,
placed by cell_layout.py."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygon, QTextCharFormat, QTextLayout, QTextOption
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from annotator.core.contrast import mix
from annotator.core.session import SentenceView
from annotator.core.text.direction import is_right_to_left
from annotator.ui.aligned.cell_layout import (LOW_SCORE, MODEL_FILL_ALPHA, NOTE_COLOR, NOTE_CORNER, PADDING,
                                              RTL_FLAGS, TEXT_FLAGS, chip_entries, chip_rects, find_spans,
                                              layout_blocks)
from annotator.ui.aligned.colors import FIND_YELLOW, cell_colors

HIGHLIGHT = FIND_YELLOW  # the background of the Find text in a sentence (a light palette)


def draw_text(painter: QPainter, rect: QRect, text: str) -> None:
    """Draw a sentence wrapped in `rect`: right to left against the right edge when its letters
    are mostly right-to-left ones."""
    if is_right_to_left(text):
        direction = painter.layoutDirection()
        painter.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the paragraph's base direction
        painter.drawText(rect, RTL_FLAGS, text)
        painter.setLayoutDirection(direction)
    else:
        painter.drawText(rect, TEXT_FLAGS, text)


def draw_highlighted(painter: QPainter, rect: QRect, text: str, spans: list[tuple[int, int]], font,
                     ground: str = HIGHLIGHT) -> None:
    """Draw `text` wrapped in `rect` as draw_text does, the spans on the `ground` colour."""
    layout = QTextLayout(text, font)
    wrap = QTextOption()
    wrap.setWrapMode(QTextOption.WrapMode.WordWrap)
    if is_right_to_left(text):
        wrap.setTextDirection(Qt.LayoutDirection.RightToLeft)
        wrap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    layout.setTextOption(wrap)
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(rect.width())
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    ground_color, ground = ground, QTextCharFormat()
    ground.setBackground(QColor(ground_color))
    selections = []
    for start, length in spans:
        selection = QTextLayout.FormatRange()
        selection.start, selection.length, selection.format = start, length, ground
        selections.append(selection)
    layout.draw(painter, QPointF(rect.topLeft()), selections)


class SentenceDelegate(QStyledItemDelegate):
    def __init__(self, view: "AlignedView", colors: dict[str, str]):
        super().__init__(view)
        self.view = view
        self.colors = colors

    # The delegate asks the model's Python methods directly instead of index.data(): no
    # round trip through QVariant for every cell painted (and none of PySide's None handling).
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        model = self.view.model()
        sentences = model.sentences(index.row(), index.column())
        width = self.view.columnWidth(index.column())
        suggested = [model.suggestions(index.row(), index.column(), s) for s in sentences]
        blocks = layout_blocks(option.fontMetrics, width, sentences, suggested)
        height = blocks[-1].top + blocks[-1].height + PADDING if blocks else 2 * PADDING + option.fontMetrics.height()
        return QSize(width, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        model = self.view.model()
        sentences: list[SentenceView] = model.sentences(index.row(), index.column())
        painter.save()
        rect = option.rect
        palette = option.palette
        cursor_row, cursor_column, cursor_k = self.view.cursor
        is_cursor_cell = (index.row(), index.column()) == (cursor_row, cursor_column)
        colors = cell_colors(palette, cursor=is_cursor_cell)
        if is_cursor_cell:
            painter.fillRect(rect, QColor(colors.cursor_fill))
        cell = model.cell(index.row(), index.column())
        score, manual = cell.score, cell.manual
        if sentences and (manual or (score is not None and score < LOW_SCORE)):
            # a blue edge: linked by hand; an orange edge: a machine link of low confidence
            painter.fillRect(QRect(rect.left(), rect.top(), 4, rect.height()), QColor("#1f77b4" if manual else "#ff8c00"))
        metrics = option.fontMetrics
        suggested = [model.suggestions(index.row(), index.column(), s) for s in sentences]
        blocks = layout_blocks(metrics, rect.width(), sentences, suggested)
        for k, (sentence, block) in enumerate(zip(sentences, blocks)):
            top = rect.top() + block.top
            text_rect = QRect(rect.left() + PADDING, top, rect.width() - 2 * PADDING, block.text_height)
            if is_cursor_cell and k == cursor_k:
                painter.setPen(QPen(QColor(colors.cursor_frame), 2))
                painter.setBrush(Qt.BrushStyle.NoBrush)  # a frame only (the sentence above may have left a chip's fill)
                painter.drawRoundedRect(QRect(rect.left() + 2, top - 3, rect.width() - 5, block.height + 6), 4, 4)
            painter.setPen(palette.color(palette.ColorRole.PlaceholderText) if sentence.boilerplate
                           else palette.color(palette.ColorRole.Text))
            matches = find_spans(sentence.text, self.view.highlight)
            if matches:
                draw_highlighted(painter, text_rect, sentence.text, matches, option.font, colors.find_ground)
            else:
                draw_text(painter, text_rect, sentence.text)
            if sentence.id == self.view.marked:
                painter.fillRect(QRect(rect.right() - 8, top, 6, block.text_height), QColor("#9467bd"))
            if sentence.noted:  # a folded corner at the top right: your note is on this sentence
                corner = rect.right() - 2
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(NOTE_COLOR))
                painter.drawPolygon(QPolygon([QPoint(corner - NOTE_CORNER, top - 2), QPoint(corner, top - 2),
                                              QPoint(corner, top - 2 + NOTE_CORNER)]))
            entries = chip_entries(sentence, suggested[k])
            chips = chip_rects(metrics, rect.left() + PADDING, top + block.text_height + 3,
                               [text for _, _, text in entries], max(rect.width() - 2 * PADDING, 20))
            for (kind, label, _), (text, chip) in zip(entries, chips):
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
        painter.setPen(QPen(palette.color(palette.ColorRole.Mid), 1))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()
