"""The side-by-side table as a widget: a sentence cursor moved with the keyboard (arrows,
j/k, h/l) and the view's keys of the key map reported as signals for the window's controllers.
Row heights are fitted only for the rows on screen, so a huge group scrolls smoothly."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QTimer, Qt, Signal
from PySide6.QtGui import QPainter, QRegion
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip

from annotator.core.session import keymap
from annotator.ui.aligned import paging
from annotator.ui.aligned.cell_layout import GAP, PADDING, chip_entries, chip_tooltip, layout_blocks
from annotator.ui.aligned.group_keys import GroupKeys
from annotator.ui.aligned.word_selection import WordSelection
from annotator.ui.keys import is_latin, key_name, trigger_shortcut_by_position, us_position
from annotator.ui.plain import tooltip


# scrolled down to, the cursor's sentence keeps the gap below it in sight; its block already
# holds a line of label chips (cell_layout keeps that room), so a label pressed next scrolls nothing
ROOM_BELOW = GAP


class AlignedView(GroupKeys, QTableView):
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
    relationRequested = Signal(str)  # m on one sentence, then r and a digit here: relate them (type 1 … 4)
    relationPrefix = Signal()  # r was pressed: the type's digit is awaited
    unrelateRequested = Signal()  # Shift+R: remove the sentence's relations
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
        self._opaque = False  # see setModel
        self._awaiting_label = None  # after g or r: the signal the next digit key goes to
        self.words = WordSelection(self)  # words of the cursor's sentence selected for a span
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
        # with a table, no fill of the whole area by Qt before each paint: paintEvent covers every
        # pixel (the rows, then the ground); set only then, an empty project starts as before
        if (model is not None) != self._opaque:
            self._opaque = model is not None
            self.viewport().setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, self._opaque)
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
            self.reveal_cursor()
        self.fit_visible_rows()

    # ------------------------------------------------------------------ row heights
    def _refit(self) -> None:
        in_sight = self.cursor_in_sight()
        self._fitted.clear()
        self.fit_visible_rows()
        if in_sight:  # the rows grew or shrank with their columns: the cursor stays in sight
            self.reveal_cursor()

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        row_height = getattr(self.itemDelegate(), "row_height", None)
        for row in range(top_left.row(), bottom_right.row() + 1):
            # a row whose cells need just the height it has keeps it, without Qt's fitting (a
            # label filling the kept chip line: most keypresses)
            if row not in self._fitted or row_height is None or row_height(row) != self.rowHeight(row):
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
        model, delegate = self.model(), self.itemDelegate()
        if model is None or not hasattr(delegate, "painted"):
            if model is not None:
                self._paint_ground(QRegion(event.rect()))
            super().paintEvent(event)
        else:
            painted = delegate.painted.paint(event.rect())  # each row copied from its last paint where nothing changed
            self._paint_ground(QRegion(event.rect()).subtracted(QRegion(painted)))
        if self.empty_text and model is not None and model.rowCount() == 0:  # say why the table is empty
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect().adjusted(20, 20, -20, -20),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)
            painter.end()
        self.painted.emit()

    def _paint_ground(self, region: QRegion) -> None:
        """The viewport's ground where no row is (the viewport is opaque while it has a table)."""
        if not region.isEmpty():
            painter = QPainter(self.viewport())
            painter.setClipRegion(region)
            painter.fillRect(region.boundingRect(), self.viewport().palette().base())
            painter.end()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit_timer.start()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoomed: every row's height anew
            self._refit()
            self.viewport().update()
        elif event.type() == QEvent.Type.PaletteChange:  # the system's scheme changed: the new colours now
            self.viewport().update()
            self.verticalHeader().viewport().update()

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
        self.words.follow()
        model = self.model()
        for r, c, _ in (previous, self.cursor):
            if 0 <= r < model.rowCount():
                self.update(model.index(r, c))
        self.reveal_cursor()
        self.sentenceChanged.emit(self.current_sentence_id() or 0)

    def sentence_rect(self, row: int, column: int, k: int) -> QRect:
        """Where the k-th sentence of a cell is drawn, in the viewport (its block: text and chips)."""
        model = self.model()
        cell = self.visualRect(model.index(row, column))
        sentences = model.sentences(row, column)
        if not 0 <= k < len(sentences):
            return cell
        block = layout_blocks(self.font(), cell.width(), sentences,
                              [model.suggestions(row, column, s) for s in sentences])[k]
        return QRect(cell.left(), cell.top() + block.top, cell.width(), block.height + GAP)

    def cursor_in_sight(self) -> bool:
        model = self.model()
        if model is None or not 0 <= self.cursor[0] < model.rowCount():
            return False
        rect, height = self.sentence_rect(*self.cursor), self.viewport().height()
        return 0 <= rect.top() and (rect.bottom() < height or rect.top() < height // 2)

    def reveal_cursor(self) -> None:
        """Scroll the cursor's sentence into sight. Rows are fitted to their text only once on
        screen, and fitting the rows a scroll brings in makes them taller and pushes the
        cursor's row on: scroll, fit, and look again until it stays in sight."""
        model = self.model()
        if model is None or not 0 <= self.cursor[0] < model.rowCount():
            return
        row, column, k = self.cursor
        bar, height = self.verticalScrollBar(), self.viewport().height()
        for _ in range(12):
            self.fit_visible_rows()
            if row not in self._fitted:  # (scrolled just out of the rows fit_visible_rows reaches)
                self._fitted.add(row)
                self.resizeRowToContents(row)
            rect = self.sentence_rect(row, column, k)
            if rect.top() < 0 or rect.height() > height - ROOM_BELOW:  # above, or too tall: its start at the top
                delta = rect.top() - PADDING  # (with the cursor's frame, drawn in the padding above it)
            elif rect.bottom() >= height:
                delta = rect.bottom() - height + 1 + ROOM_BELOW
            else:
                return
            self.updateGeometries()  # the scroll range follows the rows now (Qt would do it a moment later)
            before = bar.value()
            bar.setValue(before + delta)
            if bar.value() == before:
                return

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

    def move_page(self, step: int) -> None:
        paging.move_page(self, step)

    def move_to_end(self, step: int) -> None:
        paging.move_to_end(self, step)

    def move_horizontal(self, step: int) -> None:
        row, column, _ = self.cursor
        column += step
        while 0 <= column < self.model().columnCount():
            if self._count(row, column) and not self.isColumnHidden(column):
                self.set_cursor(row, column, 0)
                return
            column += step

    def _key_actions(self) -> dict:
        """Action name (see annotator.core.session.keymap) -> what the view does."""
        return {
            "next_sentence": lambda: self.move_vertical(1),
            "previous_sentence": lambda: self.move_vertical(-1),
            "next_page": lambda: self.move_page(1),
            "previous_page": lambda: self.move_page(-1),
            "column_end": lambda: self.move_to_end(1),
            "column_start": lambda: self.move_to_end(-1),
            "next_document": lambda: self.move_horizontal(1),
            "previous_document": lambda: self.move_horizontal(-1),
            "toggle_label": lambda digit: self.words.label_key(digit) or self.labelKeyPressed.emit(digit),
            "no_label": lambda: self.words.label_key("0") or self.clearPressed.emit(),
            "select_next_word": lambda: self.select_words(1),
            "select_previous_word": lambda: self.select_words(-1),
            "restart_selection": lambda: self.select_words(0),
            "accept_suggestions": self.acceptRequested.emit,
            "accept_model_suggestions": self.acceptModelRequested.emit,
            "next_uncertain": self.uncertainRequested.emit,
            "next_likely": lambda: self._await_digit(self.likelyRequested, self.likelyPrefix),
            "relate_marked": lambda: self._await_digit(self.relationRequested if self.marked else None,  # none marked:
                                                       self.relationPrefix),  # the prefix says so; digits stay labels
            "unrelate": self.unrelateRequested.emit,
            "edit_note": self.noteRequested.emit,
            "split_sentence": self.splitRequested.emit,
            "merge_with_next": self.mergeNextRequested.emit,
            "toggle_boilerplate": self.boilerplateRequested.emit,
            "mark_sentence": self.markRequested.emit,
            "next_uncertain_row": self.nextUncertainRowRequested.emit,
            "reject_weakest_link": self.rejectWeakestRequested.emit,
            "toggle_confirmed": self.confirmRequested.emit, **self._group_key_actions(),
        }

    def select_words(self, step: int) -> None:
        self.words.step(step)

    def _await_digit(self, then, prefix) -> None:
        self._awaiting_label = then
        prefix.emit()

    def keyPressEvent(self, event) -> None:
        text = event.text()
        awaiting, self._awaiting_label = self._awaiting_label, None
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            # the window's shortcuts took their keys before this; Ctrl+Я on a Russian layout
            # reaches here: the shortcut of the key at its position (Ctrl+Z) runs
            if not trigger_shortcut_by_position(self, event):
                super().keyPressEvent(event)
            return
        digit = text if text and text in "0123456789" else ""
        name = digit or key_name(event)
        if name not in keymap.view_keys() and not is_latin(event.key()):
            # not a key of the map as typed (AZERTY's & on the 1 key, Cyrillic о on the J key):
            # the key at the same position of a US keyboard
            position = us_position(event)
            if position is not None:
                digit = position if position.isdigit() else ""
                name = digit or (f"Shift+{position}" if event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                                 else position)
        if awaiting and digit and digit != "0":
            awaiting.emit(digit)
            return
        action = keymap.view_keys().get(name)
        if action is None:
            if not (event.key() == Qt.Key.Key_Escape and self.words.clear()):
                super().keyPressEvent(event)
        elif action in ("toggle_label", "answer_group"):
            self._key_actions()[action](digit or name)
        else:
            self._key_actions()[action]()

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
        model = self.model()
        blocks = layout_blocks(self.font(), rect.width(), sentences,
                               [model.suggestions(index.row(), index.column(), s) for s in sentences])
        y = point.y() - rect.top()
        k = next((n for n, b in enumerate(blocks) if y < b.top + b.height + GAP), len(blocks) - 1)
        entries = chip_entries(sentences[k], model.suggestions(index.row(), index.column(), sentences[k]))
        inside = point - rect.topLeft()
        chip = next((entry for entry, box in zip(entries, blocks[k].chips) if box.contains(inside)), None)
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
            elif event.button() == Qt.MouseButton.LeftButton:  # on a word: select it (Shift: up to it)
                self.words.press(event.position().toPoint(), event.modifiers())
        self.setFocus()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:  # dragged over words: the selection follows
            self.words.drag(event.position().toPoint())

    def contextMenuEvent(self, event) -> None:
        hit = self._hit(event.pos())
        if hit is not None:
            self.set_cursor(*hit[:3])
            self.labelMenuRequested.emit(self.current_sentence_id(), event.globalPos())
