"""Typed relations by keyboard, as manual links are made: m marks the head, then on the tail
(any document of the group) r and the type's digit (1 attributes-to, 2 corrects, 3 contradicts,
4 repeats) relate them; Shift+R removes the sentence's relations. The detail panel lists them,
and its links go to the other sentence or remove one relation (Enter on a link, or a click).

Either end may be a span: with words selected at m (or at r), that end is your span on them
(`span_at`: the one on exactly those words, else the one they overlap most; Shift+← right after a
span label key selects the span's last word, so it names that span). Selected words under no span
of yours mark or relate nothing, and the status bar says so."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from annotator.core.model import RELATION_TYPES
from annotator.core.session.relating import span_at
from annotator.core.session.relation_actions import Relate, Unrelate
from annotator.ui.controllers.base import Controller

GO, REMOVE = "relation-go", "relation-remove"  # the detail panel's link schemes


class RelationsController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.marked_span = None  # (sentence id, (start, end, label)): m was pressed on a span of it

    def _selected_span(self):
        """(whether words are selected in the cursor's sentence, your span they name or None)."""
        found = self.view.words.selected()
        if found is None:
            return False, None
        sentence_id, start, end = found
        return True, span_at(self.session.sentence(sentence_id).spans, start, end)

    def _no_span_here(self) -> None:
        self.say(self.tr("No span of yours under the selected words: give them a span label first, or press Esc"
                         " to use the whole sentence."), 6000)

    def mark_span(self) -> None:
        """m (after the sentence is marked): with words selected, the marked end is their span."""
        self.marked_span = None
        current = self.current()
        if self.session is None or current is None:
            return
        selected, span = self._selected_span()
        if not selected:
            return
        if span is None:
            self.view.marked = None
            self.view.viewport().update()
            self._no_span_here()
            return
        self.marked_span = (current, span)
        words = self.session.sentence(current).text[span[0]:span[1]]
        self.say(self.tr("Marked the {label} “{words}”: go to another sentence or span (select its words) and"
                         " press r, then the type's digit.").format(label=span[2], words=words), 8000)
    def await_type(self) -> None:
        """r was pressed: the type's digit comes next."""
        if self.view.marked is None:
            self.say(self.tr("Mark a sentence first (m), then press r and the type's digit on another one."), 6000)
            return
        types = ", ".join(f"{k} {name}" for k, (name, _) in enumerate(RELATION_TYPES, start=1))
        self.say(self.tr("Relation from the marked sentence to this one: press {types}.").format(types=types), 6000)

    def relate_marked(self, digit: str) -> None:
        """r, then 1 … 4: the marked sentence (the head) relates to the one under the cursor."""
        current, marked = self.current(), self.view.marked
        if self.session is None or current is None or marked is None:
            return
        if not 1 <= int(digit) <= len(RELATION_TYPES):
            self.say(self.tr("No relation type {k}: press 1 … {last}.").format(k=digit, last=len(RELATION_TYPES)), 5000)
            return
        head_span = self.marked_span[1] if self.marked_span and self.marked_span[0] == marked else None
        selected, tail_span = self._selected_span()
        if selected and tail_span is None:
            self._no_span_here()
            return
        if current == marked and (head_span is None or tail_span is None or head_span == tail_span):
            self.say(self.tr("A relation joins two sentences or two spans: go to another sentence first, or select"
                             " another span of this one."), 5000)
            return
        kind = RELATION_TYPES[int(digit) - 1][0]
        self.view.marked, self.marked_span = None, None
        if self.push(Relate(self.session, marked, current, kind, head_span, tail_span)):
            self.view.words.clear()
            head = self.tr("the marked span") if head_span else self.tr("the marked sentence")
            tail = self.tr("this span") if tail_span else self.tr("this one")
            self.say(self.tr("Related: {head} {type} {tail}; Ctrl+Z undoes.").format(head=head, type=kind, tail=tail),
                     5000)

    def unrelate_current(self) -> None:
        """Shift+R: remove every relation of the sentence under the cursor (one undoable step)."""
        current = self.current()
        if self.session is None or current is None:
            return
        relations = self.session.relations_of(current)
        if not relations:
            self.say(self.tr("This sentence has no relation."), 4000)
            return
        self.push(Unrelate(self.session, [r.id for r in relations]))
        self.say(self.tr("Removed %n relation(s); Ctrl+Z undoes.", "", len(relations)), 5000)

    def open_link(self, url: QUrl) -> None:
        """A link of the detail panel: go to the other sentence, or remove one relation."""
        if self.session is None:
            return
        scheme, number = url.scheme(), url.path()
        if not number.isdigit():
            return
        if scheme == GO:
            self.window.go_to_sentence(int(number))
            self.view.setFocus()
        elif scheme == REMOVE:
            self.push(Unrelate(self.session, [int(number)]))
