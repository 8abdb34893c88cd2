"""Corrections of the import: boilerplate marks, splitting and merging sentences, a sentence's,
paragraph's or document's language. Each is undoable; the group is aligned again only when the
user asks (Ctrl+R)."""

from __future__ import annotations

from annotator.core.session.actions import MarkBoilerplate, Resegment, SetLanguage
from annotator.ui import dialogs
from annotator.ui.controllers.base import Controller


class CorrectionsController(Controller):
    def toggle_boilerplate(self, sentence_id: int | None = None) -> None:
        sentence_id = sentence_id or self.current()
        if self.session is None or sentence_id is None:
            return
        marked = not self.session.sentence(sentence_id).boilerplate
        self.push(MarkBoilerplate(self.session, [sentence_id], marked))
        self._offer_realign("Marked as boilerplate" if marked else "Marked as content")

    def split_sentence(self) -> None:
        sentence_id = self.current()
        if self.session is None or sentence_id is None:
            return
        offset, ok = dialogs.ask_split(self.window, self.session.sentence(sentence_id).text)
        if ok:
            self.push(Resegment(self.session, sentence_id, offset))

    def merge_with_next(self) -> None:
        sentence_id = self.current()
        if self.session is not None and sentence_id is not None:
            self.push(Resegment(self.session, sentence_id, None))

    def choose_language(self, scope: str, sentence_id: int | None = None) -> None:
        from PySide6.QtWidgets import QInputDialog

        from annotator.core.session import language_problem

        sentence_id = sentence_id or self.current()
        if self.session is None or sentence_id is None:
            return
        code, ok = QInputDialog.getText(self.window, "Language",
                                        f"Language of this {scope} (ISO 639-1, like de or pt-BR):",
                                        text=self.session.sentence(sentence_id).lang)
        if not ok or not code.strip():
            return
        problem = language_problem(code.strip())
        if problem:
            self.show_error(problem)
            return
        self.set_language(sentence_id, code.strip(), scope)

    def set_language(self, sentence_id: int, lang: str, scope: str) -> None:
        self.push(SetLanguage(self.session, sentence_id, lang, scope))
        self._offer_realign(f"The {scope}'s language is now {lang}")

    def _offer_realign(self, what: str) -> None:
        self.say(f"{what}: Ctrl+R aligns the group again (manual links kept); Ctrl+Z undoes.", 10000)
