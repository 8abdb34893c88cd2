"""The side-by-side table: a delegate that draws each sentence of a cell with its label chips,
and a view that moves a sentence cursor with the keyboard (arrows, j/k, h/l) and reports label
keys. Row heights are fitted only for the rows on screen, so a huge group scrolls smoothly."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QKeyCombination, QModelIndex, QPoint, QPointF, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QAction, QColor, QFontMetrics, QGuiApplication, QKeySequence, QPainter, QPen, QPolygon,
                           QTextCharFormat, QTextLayout, QTextOption)
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QStyledItemDelegate, QStyleOptionViewItem, QTableView,
                               QToolTip)

from annotator.core.contrast import mix
from annotator.core.session import SentenceView, keymap
from annotator.core.session.physical_keys import physical_key
from annotator.core.text.direction import is_right_to_left
from annotator.ui.cell_colors import FIND_YELLOW, cell_colors
from annotator.ui.keys import key_name
from annotator.ui.plain import tooltip

PADDING = 6
CHIP_HEIGHT = 18
GAP = 6
LOW_SCORE = 0.6  # machine links below this are marked as uncertain
NOTE_COLOR, NOTE_CORNER = "#e0a800", 10  # the mark of a sentence with your note
NO_LABEL = "no label"  # the quiet mark of a sentence you judged and gave no label ("0")
TEXT_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
# an Arabic, Hebrew, Persian or Urdu sentence: laid out right to left, against the right edge
RTL_FLAGS = (Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
             | Qt.AlignmentFlag.AlignTop)
MODEL_FILL_ALPHA = 50  # a model's suggestion: a pale fill of the label's color, a dotted edge, its probability


def chip_entries(sentence: SentenceView, ghosts: list[str]) -> list[tuple[str, str, str]]:
    """(kind, label, text) of each chip of a sentence, in drawing order: "label" (yours),
    "none" (you judged that no label applies), "ghost" (an aligned sentence's label, key a),
    "model" (the model's suggestion with its probability, Shift+A)."""
    entries = [("label", name, name) for name in sentence.labels]
    if sentence.judged and not sentence.labels:
        entries.append(("none", NO_LABEL, NO_LABEL))
    entries += [("ghost", name, name) for name in ghosts]
    entries += [("model", name, f"{name} {p:.0%}") for name, p in sentence.suggested]
    return entries


def chip_tooltip(kind: str, label: str, sentence: SentenceView) -> str:
    if kind == "model":
        p = dict(sentence.suggested)[label]
        return (f"The model suggests {label}: probability {p:.2f}. Shift+A accepts its suggestions "
                "(they count only once accepted).")
    if kind == "ghost":
        return f"An aligned sentence carries {label}: a accepts it."
    if kind == "none":
        return "You judged it: no label applies."
    return f"{label} (a click removes it)"


@dataclass(frozen=True)
class Block:
    """Where one sentence of a cell is drawn, relative to the cell's top."""

    top: int
    text_height: int
    height: int


def layout_blocks(metrics: QFontMetrics, width: int, sentences: list[SentenceView],
                  suggested: list[list[str]] | None = None) -> list[Block]:
    blocks, top = [], PADDING
    text_width = max(width - 2 * PADDING, 20)
    for k, sentence in enumerate(sentences):
        text_height = metrics.boundingRect(QRect(0, 0, text_width, 1_000_000), TEXT_FLAGS, sentence.text).height()
        entries = chip_entries(sentence, suggested[k] if suggested else [])
        # chips wrap onto more lines when they do not fit the cell's width
        chips = chip_rects(metrics, 0, 0, [text for _, _, text in entries], text_width) if entries else []
        height = text_height + (chips[-1][1].bottom() + 1 + 3 if chips else 0)
        blocks.append(Block(top, text_height, height))
        top += height + GAP
    return blocks


def chip_rects(metrics: QFontMetrics, left: int, top: int, labels, width: int | None = None) -> list[tuple[str, QRect]]:
    """Where each label chip of a sentence is drawn (`top`: the top of the first chip line);
    with `width`, a chip that would cross `left + width` starts a new line."""
    rects, x, y = [], left, top
    for label in labels:
        chip_width = metrics.horizontalAdvance(label) + 12
        if width is not None and x > left and x + chip_width > left + width:
            x, y = left, y + CHIP_HEIGHT + 3
        rects.append((label, QRect(x, y, chip_width, CHIP_HEIGHT)))
        x += chip_width + 4
    return rects


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text`, ignoring case, as (start, length) in UTF-16 code units
    (what Qt counts in: a character outside the BMP, such as an emoji, is two)."""
    if not query.strip():
        return []
    spans = []
    for match in re.finditer(re.escape(query), text, re.IGNORECASE):
        start = len(text[:match.start()].encode("utf-16-le")) // 2
        spans.append((start, len(match.group().encode("utf-16-le")) // 2))
    return spans


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


_SHORTCUT_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                       | Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.MetaModifier)


def _is_latin(key: int) -> bool:
    """The key types a Latin letter or a digit: its name as typed is the user's key."""
    return Qt.Key.Key_A.value <= key <= Qt.Key.Key_Z.value or Qt.Key.Key_0.value <= key <= Qt.Key.Key_9.value


def _position(event) -> str | None:
    """The US key ("J", "1") at the position of the key pressed (see physical_keys)."""
    return physical_key(QGuiApplication.platformName(), event.nativeScanCode(), event.nativeVirtualKey())


class AlignedView(QTableView):
    sentenceChanged = Signal(int)  # the cursor moved to this sentence id (0: none)
    labelKeyPressed = Signal(str)  # "1".."9"
    clearPressed = Signal()
    noteRequested = Signal()
    painted = Signal()  # after each paint of the table (start-up measurement hooks on the first)
    markRequested = Signal()
    acceptRequested = Signal()  # accept the suggested labels of the current sentence
    acceptModelRequested = Signal()  # accept the model's suggestions on it (Shift+A)
    uncertainRequested = Signal()  # go to the sentence the model is least sure of (u)
    likelyRequested = Signal(str)  # g, then a label key: the next sentence the model gives that label
    likelyPrefix = Signal()  # g was pressed: a label key is awaited
    boilerplateRequested = Signal()  # mark or unmark the current sentence as boilerplate
    confirmRequested = Signal()  # confirm (or unconfirm) the alignment of the cursor's row
    nextUncertainRowRequested = Signal()  # w: the next row with a link of low confidence
    rejectWeakestRequested = Signal()  # x: reject the weakest machine link of the cursor's row
    splitRequested = Signal()  # split the current sentence (s)
    mergeNextRequested = Signal()  # merge it with the next sentence (Shift+S)
    chipClicked = Signal(int, str)  # sentence id, label: remove it
    labelMenuRequested = Signal(int, object)  # sentence id, global position

    def __init__(self, parent=None):
        super().__init__(parent)
        self.cursor = (0, 0, 0)  # row, column, sentence within the cell
        self.marked: int | None = None  # a sentence marked to be linked to another
        self.empty_text = ""  # shown when the table has no rows (a filter that matches nothing)
        self.highlight = ""  # the Find text, highlighted in the sentences that contain it
        self._fitted: set[int] = set()
        self._awaiting_label = False  # after g: the next label key goes to "next likely"
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(True)
        self.setShowGrid(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # a long title is cut at its end with "…" (centred, it lost both ends); the tooltip has it whole
        self.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.verticalHeader().setDefaultSectionSize(60)
        # Column widths settle after the resize that changed them: refit once they have.
        self._refit_timer = QTimer(self, singleShot=True, interval=0, timeout=self._refit)
        self.horizontalHeader().sectionResized.connect(lambda *_: self._refit_timer.start())
        self.verticalScrollBar().valueChanged.connect(lambda *_: self.fit_visible_rows())

    def setModel(self, model) -> None:
        super().setModel(model)
        self._fitted.clear()
        self.cursor = (0, 0, 0)
        if model is not None:
            model.rowsInserted.connect(lambda *_: self.fit_visible_rows())
            model.dataChanged.connect(self._data_changed)
            self._settle_cursor(0, 0, 0, step=1)
            # open at the top: the rows before the pivot's first sentence are the other
            # documents' openings, and a reader starts there (the cursor stays in view)
            self.fit_visible_rows()
            self.scrollToTop()
            self.scrollTo(model.index(*self.cursor[:2]))
        self.fit_visible_rows()

    # ------------------------------------------------------------------ row heights
    def _refit(self) -> None:
        self._fitted.clear()
        self.fit_visible_rows()

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._fitted.discard(row)
        self.fit_visible_rows()

    def fit_visible_rows(self) -> None:
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        first = max(self.rowAt(0), 0)
        last = self.rowAt(self.viewport().height())
        last = model.rowCount() - 1 if last < 0 else min(last + 2, model.rowCount() - 1)
        for row in range(first, last + 1):
            if row not in self._fitted:
                self._fitted.add(row)
                self.resizeRowToContents(row)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        model = self.model()
        if self.empty_text and model is not None and model.rowCount() == 0:  # say why the table is empty
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
            painter.end()
        self.painted.emit()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit_timer.start()

    # ------------------------------------------------------------------ the sentence cursor
    def _count(self, row: int, column: int) -> int:
        return len(self.model().sentences(row, column))

    def current_sentence_id(self) -> int | None:
        model = self.model()
        if model is None:
            return None
        row, column, k = self.cursor
        sentences = model.sentences(row, column)
        return sentences[k].id if 0 <= k < len(sentences) else None

    def set_cursor(self, row: int, column: int, k: int = 0) -> None:
        previous = self.cursor
        self.cursor = (row, column, k)
        model = self.model()
        for r, c, _ in (previous, self.cursor):
            if 0 <= r < model.rowCount():
                self.update(model.index(r, c))
        self.scrollTo(model.index(row, column))
        self.fit_visible_rows()
        self.sentenceChanged.emit(self.current_sentence_id() or 0)

    def _settle_cursor(self, row: int, column: int, k: int, step: int) -> bool:
        """Put the cursor on the nearest sentence of `column` from `row` on, in direction
        `step`; False when the column has none that way."""
        model = self.model()
        while 0 <= row < model.rowCount() or (step > 0 and model.canFetchMore()):
            if row >= model.rowCount():
                model.fetchMore()
            count = self._count(row, column)
            if count:
                self.set_cursor(row, column, min(max(k, 0), count - 1) if k >= 0 else count - 1)
                return True
            row += step
            k = 0 if step > 0 else -1
        return False

    def move_vertical(self, step: int) -> None:
        row, column, k = self.cursor
        count = self._count(row, column)
        if 0 <= k + step < count:
            self.set_cursor(row, column, k + step)
        else:
            moved = self._settle_cursor(row + step, column, 0 if step > 0 else -1, step)
            if not moved and step < 0:  # the column's first sentence: show the rows above it
                self.scrollToTop()

    def move_horizontal(self, step: int) -> None:
        row, column, _ = self.cursor
        column += step
        while 0 <= column < self.model().columnCount():
            if self._count(row, column):
                self.set_cursor(row, column, 0)
                return
            column += step

    def _key_actions(self) -> dict:
        """Action name (see annotator.core.session.keymap) -> what the view does."""
        return {
            "next_sentence": lambda: self.move_vertical(1),
            "previous_sentence": lambda: self.move_vertical(-1),
            "next_document": lambda: self.move_horizontal(1),
            "previous_document": lambda: self.move_horizontal(-1),
            "toggle_label": self.labelKeyPressed.emit,
            "no_label": self.clearPressed.emit,
            "accept_suggestions": self.acceptRequested.emit,
            "accept_model_suggestions": self.acceptModelRequested.emit,
            "next_uncertain": self.uncertainRequested.emit,
            "next_likely": self._await_likely_label,
            "edit_note": self.noteRequested.emit,
            "split_sentence": self.splitRequested.emit,
            "merge_with_next": self.mergeNextRequested.emit,
            "toggle_boilerplate": self.boilerplateRequested.emit,
            "mark_sentence": self.markRequested.emit,
            "next_uncertain_row": self.nextUncertainRowRequested.emit,
            "reject_weakest_link": self.rejectWeakestRequested.emit,
            "toggle_confirmed": self.confirmRequested.emit,
        }

    def _await_likely_label(self) -> None:
        self._awaiting_label = True
        self.likelyPrefix.emit()

    def keyPressEvent(self, event) -> None:
        text = event.text()
        awaiting, self._awaiting_label = self._awaiting_label, False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            # the window's shortcuts took their keys before this; Ctrl+Я on a Russian layout
            # reaches here: the shortcut of the key at its position (Ctrl+Z) runs
            if not self._trigger_shortcut_by_position(event):
                super().keyPressEvent(event)
            return
        digit = text if text and text in "0123456789" else ""
        name = digit or key_name(event)
        if name not in keymap.view_keys() and not _is_latin(event.key()):
            # not a key of the map as typed (AZERTY's & on the 1 key, Cyrillic о on the J key):
            # the key at the same position of a US keyboard
            position = _position(event)
            if position is not None:
                digit = position if position.isdigit() else ""
                name = digit or (f"Shift+{position}" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                                 else position)
        if awaiting and digit and digit != "0":
            self.likelyRequested.emit(digit)
            return
        action = keymap.view_keys().get(name)
        if action is None:
            super().keyPressEvent(event)
        elif action == "toggle_label":
            self._key_actions()[action](digit)
        else:
            self._key_actions()[action]()

    def _trigger_shortcut_by_position(self, event) -> bool:
        """Run the window action whose shortcut is this key's US position with the same
        modifiers (Ctrl+Я on the Z key: Ctrl+Z); False when the key types a Latin letter or
        digit (its own shortcut, if any, already ran) or no enabled action has that shortcut."""
        position = None if _is_latin(event.key()) else _position(event)
        if position is None:
            return False
        wanted = QKeySequence(QKeyCombination(event.modifiers() & _SHORTCUT_MODIFIERS, QKeySequence(position)[0].key()))
        for action in self.window().findChildren(QAction):
            if action.isEnabled() and wanted in action.shortcuts():
                action.trigger()
                return True
        return False

    def _hit(self, point):
        """(row, column, sentence index, label of your chip under the point or None)."""
        hit = self._chip_hit(point)
        if hit is None:
            return None
        row, column, k, chip = hit
        return row, column, k, chip[1] if chip is not None and chip[0] == "label" else None

    def _chip_hit(self, point):
        """(row, column, sentence index, (kind, label, text) of the chip under the point or None)."""
        index = self.indexAt(point)
        if not index.isValid():
            return None
        sentences = self.model().sentences(index.row(), index.column())
        if not sentences:
            return None
        rect = self.visualRect(index)
        metrics = self.fontMetrics()
        model = self.model()
        blocks = layout_blocks(metrics, rect.width(), sentences,
                               [model.suggestions(index.row(), index.column(), s) for s in sentences])
        y = point.y() - rect.top()
        k = next((n for n, b in enumerate(blocks) if y < b.top + b.height + GAP), len(blocks) - 1)
        chip_top = rect.top() + blocks[k].top + blocks[k].text_height + 3
        entries = chip_entries(sentences[k], model.suggestions(index.row(), index.column(), sentences[k]))
        boxes = chip_rects(metrics, rect.left() + PADDING, chip_top, [text for _, _, text in entries],
                           max(rect.width() - 2 * PADDING, 20))
        chip = next((entry for entry, (_, box) in zip(entries, boxes) if box.contains(point)), None)
        return index.row(), index.column(), k, chip

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # over a chip: what it is (a suggestion: its probability)
            hit = self._chip_hit(event.pos())
            if hit is not None and hit[3] is not None:
                kind, label, _ = hit[3]
                sentence = self.model().sentences(hit[0], hit[1])[hit[2]]
                QToolTip.showText(event.globalPos(), tooltip(chip_tooltip(kind, label, sentence)), self.viewport())
                return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:
        hit = self._hit(event.position().toPoint())
        if hit is not None:
            row, column, k, chip = hit
            self.set_cursor(row, column, k)
            if chip is not None and event.button() == Qt.MouseButton.LeftButton:
                self.chipClicked.emit(self.current_sentence_id(), chip)
        self.setFocus()

    def contextMenuEvent(self, event) -> None:
        hit = self._hit(event.pos())
        if hit is not None:
            self.set_cursor(*hit[:3])
            self.labelMenuRequested.emit(self.current_sentence_id(), event.globalPos())
