"""Spans by keyboard and mouse: the view's word selection (Shift+→ / Shift+←, v, Esc, a click
or a drag) says what is selected in the status bar, a span label's key gives the words that
label (again: removes it) and 0 removes the spans they touch, each one undoable step."""

from __future__ import annotations

from annotator.core.session.span_actions import RemoveSpans, ToggleSpan
from annotator.ui.controllers.base import Controller


class SpansController(Controller):
    def __init__(self, window):
        super().__init__(window)
        words = window.view.words
        words.selectionChanged.connect(self.selection_changed)
        words.spanKeyPressed.connect(self.span_key)
        words.spanClearPressed.connect(self.clear_spans)

    def _keys(self) -> str:
        return ", ".join(f"{label.key} {label.name}" for label in self.session.span_labels() if label.key)

    def selection_changed(self, words: str) -> None:
        if self.session is None or not words:
            return
        self.say(self.tr("Selected “{words}”: press {keys} (0 removes spans; Esc clears).").format(
            words=words, keys=self._keys()), 8000)

    def span_key(self, sentence_id: int, start: int, end: int, digit: str) -> None:
        if self.session is None:
            return
        label = next((label for label in self.session.span_labels() if label.key == digit), None)
        if label is None:
            self.say(self.tr("No span label on key {k}: press {keys}.").format(k=digit, keys=self._keys()), 5000)
            return
        action = ToggleSpan(self.session, sentence_id, start, end, label.name)
        if self.push(action):
            text = self.session.sentence(sentence_id).text[start:end]
            message = (self.tr("{label}: “{words}”; Ctrl+Z undoes.") if action.present
                       else self.tr("Removed {label} from “{words}”; Ctrl+Z undoes."))
            self.say(message.format(label=label.name, words=text), 5000)

    def clear_spans(self, sentence_id: int, start: int, end: int) -> None:
        if self.session is None:
            return
        action = RemoveSpans(self.session, sentence_id, start, end)
        if not action.span_ids:
            self.say(self.tr("No span of yours there."), 4000)
            return
        self.push(action)
        self.say(self.tr("Removed %n span(s); Ctrl+Z undoes.", "", len(action.span_ids)), 5000)
