"""Typed relations by keyboard, as manual links are made: m marks the head, then on the tail
(any document of the group) r and the type's digit (1 attributes-to, 2 corrects, 3 contradicts,
4 repeats) relate them; Shift+R removes the sentence's relations. The detail panel lists them,
and its links go to the other sentence or remove one relation (Enter on a link, or a click)."""

from __future__ import annotations

from PySide6.QtCore import QUrl

from annotator.core.model import RELATION_TYPES
from annotator.core.session.relation_actions import Relate, Unrelate
from annotator.ui.controllers.base import Controller

GO, REMOVE = "relation-go", "relation-remove"  # the detail panel's link schemes


class RelationsController(Controller):
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
        if current == marked:
            self.say(self.tr("A relation joins two sentences: go to another sentence first."), 5000)
            return
        kind = RELATION_TYPES[int(digit) - 1][0]
        self.view.marked = None
        if self.push(Relate(self.session, marked, current, kind)):
            self.say(self.tr("Related: the marked sentence {type} this one; Ctrl+Z undoes.").format(type=kind), 5000)

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
