"""The spans of a sentence drawn in its cell: under each span's words a bar of its label's
colour (a second label on the same words: a second bar under the first) on a pale ground of
that colour, and the words selected for a span on the palette's highlight. Drawn before the
text, by the text's own layout (cell_layout.text_layout), so the words stay as they were. A span
that ends a relation gets a dot of the relation colour at its start (the sentence's own dot is
at the cell's corner)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRectF
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.core.text.words import utf16_offset
from annotator.ui.aligned.cell_layout import RELATION_COLOR, text_layout

TINT_ALPHA = 55  # the pale ground of a span's words
SELECTION_ALPHA = 60
BAR = 3  # the bar under a span's words, in pixels
DEFAULT_SPAN_COLOR = "#7f7f7f"
GHOST_DASH = 4  # a ghost span's bar: dashes of its label's colour, no ground (offered, not yours: key a)
SPAN_DOT = 4  # the square at the start of a span that ends a relation


def _runs(layout, start: int, end: int):
    """(x, y, width, line) of each line's part of [start, end) (UTF-16 units), left to right."""
    for n in range(layout.lineCount()):
        line = layout.lineAt(n)
        first, last = line.textStart(), line.textStart() + line.textLength()
        a, b = max(start, first), min(end, last)
        if a >= b:
            continue
        x1, x2 = line.cursorToX(a)[0], line.cursorToX(b)[0]
        yield min(x1, x2), line.y(), abs(x2 - x1), line


def draw_spans(painter: QPainter, origin: QPoint, text: str, width: int, font, spans, colors: dict[str, str],
               selection: tuple[int, int] | None, highlight: QColor, dark: bool, related=frozenset()) -> None:
    """`spans`: (start, end, label) in code points; `selection`: (start, length) in UTF-16 units;
    `related`: those of `spans` that end a relation."""
    layout = text_layout(text, width, font)
    if selection is not None:  # a pale ground in a frame of the highlight colour
        ground = QColor(highlight)
        ground.setAlpha(SELECTION_ALPHA)
        painter.save()
        painter.setPen(QPen(highlight, 1.5))
        painter.setBrush(ground)
        for x, y, run, line in _runs(layout, selection[0], selection[0] + selection[1]):
            painter.drawRect(QRectF(origin.x() + x - 1, origin.y() + y, run + 2, line.height()))
        painter.restore()
    levels: list[tuple[int, int]] = []  # the spans drawn so far: a span over one of them takes the next bar
    for start, end, label in spans:
        level = min(sum(1 for a, b in levels if a < end and start < b), 1)
        levels.append((start, end))
        color = QColor(colors.get(label, DEFAULT_SPAN_COLOR))
        bar = color.lighter(135) if dark else color
        tint = QColor(color)
        tint.setAlpha(TINT_ALPHA)
        a, b = utf16_offset(text, start), utf16_offset(text, end)
        for n, (x, y, run, line) in enumerate(_runs(layout, a, b)):
            top = origin.y() + y
            if level == 0:
                painter.fillRect(QRectF(origin.x() + x, top, run, line.ascent() + 1), tint)
            painter.fillRect(QRectF(origin.x() + x, top + line.ascent() + 1 + level * (BAR + 1), run, BAR), bar)
            if n == 0 and (start, end, label) in related:  # (over the ground, so its colour stays exact)
                painter.fillRect(QRectF(origin.x() + x, top, SPAN_DOT, SPAN_DOT), QColor(RELATION_COLOR))


def draw_ghost_spans(painter: QPainter, origin: QPoint, text: str, width: int, font, ghosts,
                     colors: dict[str, str], dark: bool) -> None:
    """The spans the aligned sentences offer (`ghosts`: (start, end, label) in code points): a
    dashed bar of the label's colour under the words, below where your own bar would be."""
    layout = text_layout(text, width, font)
    for start, end, label in ghosts:
        color = QColor(colors.get(label, DEFAULT_SPAN_COLOR))
        bar = color.lighter(135) if dark else color
        for x, y, run, line in _runs(layout, utf16_offset(text, start), utf16_offset(text, end)):
            top = origin.y() + y + line.ascent() + 1
            left = origin.x() + x
            dash = 0.0
            while dash < run:
                painter.fillRect(QRectF(left + dash, top, min(GHOST_DASH, run - dash), BAR), bar)
                dash += 2 * GHOST_DASH
