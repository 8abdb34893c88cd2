"""Words selected in the cursor's sentence, for a span: Shift+→ / Shift+← move the selection's
moving end a word on or back (the first Shift+→ selects the word after the last span made, at
first the sentence's first word), v starts it again at that end, Esc clears it, a click selects
the word under the mouse (Shift+click or a drag: up to it). With words selected, a label key
gives them a span label (`spanKeyPressed`) and 0 removes the spans they touch; the selection
then ends, and the next Shift+→ starts after it, so source, cue and content follow on."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, Signal

from annotator.core.text.words import utf16_offset, words
from annotator.ui.aligned.cell_layout import GAP, PADDING, layout_blocks, text_layout


class WordSelection(QObject):
    spanKeyPressed = Signal(int, int, int, str)  # sentence id, start, end (code points), the label key
    spanClearPressed = Signal(int, int, int)  # sentence id, start, end: remove the spans these touch
    selectionChanged = Signal(str)  # the selected words ("": none)

    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.sentence: int | None = None  # whose words
        self.anchor: int | None = None  # word indices; None: nothing selected
        self.focus: int | None = None
        self.caret = 0  # where the next selection starts
        self._words: list[tuple[int, int]] = []
        self._text = ""

    # ------------------------------------------------------------------ state
    def _on_current(self) -> bool:
        """Follow the cursor: another sentence starts afresh; False without one (or words)."""
        sentence_id = self.view.current_sentence_id()
        if sentence_id is None:
            return False
        if sentence_id != self.sentence:
            model = self.view.model()
            row, column, k = self.view.cursor
            self._text = model.sentences(row, column)[k].text
            self._words = words(self._text)
            self.sentence, self.anchor, self.focus, self.caret = sentence_id, None, None, 0
        return bool(self._words)

    def follow(self) -> None:
        """The cursor moved: a selection of another sentence ends."""
        if self.sentence is not None and self.sentence != self.view.current_sentence_id():
            self.sentence, self.anchor, self.focus = None, None, None

    def selected(self) -> tuple[int, int, int] | None:
        """(sentence id, start, end) of the selected words, in code points, or None."""
        if self.anchor is None or self.sentence != self.view.current_sentence_id():
            return None
        first, last = sorted((self.anchor, self.focus))
        return self.sentence, self._words[first][0], self._words[last][1]

    def shown(self) -> tuple[int, int] | None:
        """The selection as the cell draws it: (start, length) in UTF-16 units of the text."""
        found = self.selected()
        if found is None:
            return None
        start, end = utf16_offset(self._text, found[1]), utf16_offset(self._text, found[2])
        return start, end - start

    def _changed(self) -> None:
        row, column, _ = self.view.cursor
        self.view.update(self.view.model().index(row, column))
        found = self.selected()
        self.selectionChanged.emit(self._text[found[1]:found[2]] if found else "")

    # ------------------------------------------------------------------ keys
    def step(self, step: int) -> None:
        """Shift+→ (1), Shift+← (-1): the moving end a word on or back; v (0): start again there."""
        if not self._on_current():
            return
        last = len(self._words) - 1
        if self.anchor is None:
            if step == 0:
                return
            self.anchor = self.focus = min(self.caret, last) if step > 0 else (self.caret - 1 if self.caret > 0 else last)
        elif step == 0:
            self.anchor = self.focus
        else:
            self.focus = min(max(self.focus + step, 0), last)
        self._changed()

    def label_key(self, digit: str) -> bool:
        """A label key (1 … 9, or 0): with words selected, theirs (True); else the sentence's."""
        found = self.selected()
        if found is None:
            return False
        self.caret = max(self.anchor, self.focus) + 1
        self.anchor = self.focus = None
        self._changed()
        if digit == "0":
            self.spanClearPressed.emit(*found)
        else:
            self.spanKeyPressed.emit(*found, digit)
        return True

    def clear(self) -> bool:
        """Esc: no words selected any more (True when some were)."""
        if self.selected() is None:
            return False
        self.caret = min(self.anchor, self.focus)
        self.anchor = self.focus = None
        self._changed()
        return True

    # ------------------------------------------------------------------ the mouse
    def word_at(self, point: QPoint) -> int | None:
        """The word of the cursor's sentence under `point` (the viewport's), or None."""
        if not self._on_current():
            return None
        view = self.view
        row, column, k = view.cursor
        cell = view.visualRect(view.model().index(row, column))
        if not cell.contains(point):
            return None
        sentences = view.model().sentences(row, column)
        block = layout_blocks(view.font(), cell.width(), sentences,
                              [view.model().suggestions(row, column, s) for s in sentences])[k]
        x, y = point.x() - cell.left() - PADDING, point.y() - cell.top() - block.top
        if not 0 <= y < block.text_height + GAP // 2:
            return None
        layout = text_layout(self._text, max(cell.width() - 2 * PADDING, 20), view.font())
        line = next((layout.lineAt(n) for n in range(layout.lineCount())
                     if layout.lineAt(n).y() <= y < layout.lineAt(n).y() + layout.lineAt(n).height()), None)
        if line is None:
            return None
        position = line.xToCursor(x)  # UTF-16 units
        offset = next((n for n in range(len(self._text) + 1) if utf16_offset(self._text, n) >= position),
                      len(self._text))
        inside = [n for n, (start, end) in enumerate(self._words) if start <= offset <= end]
        return inside[0] if inside else None

    def press(self, point: QPoint, modifiers) -> None:
        """A click on a word of the cursor's sentence selects it; with Shift, up to it."""
        word = self.word_at(point)
        if word is None:
            return
        if self.anchor is None or not modifiers & Qt.KeyboardModifier.ShiftModifier:
            self.anchor = word
        self.focus = word
        self._changed()

    def drag(self, point: QPoint) -> None:
        word = self.word_at(point) if self.anchor is not None else None
        if word is not None and word != self.focus:
            self.focus = word
            self._changed()
