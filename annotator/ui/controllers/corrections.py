"""Corrections of the import: boilerplate marks, splitting and merging sentences, a sentence's,
paragraph's or document's language, a group's name (F2, the navigator's context menu). Each is
undoable; the group is aligned again only when the user asks (Ctrl+R)."""

from __future__ import annotations

from annotator.core.session import keymap
from annotator.core.session.actions import MarkBoilerplate, RenameGroup, Resegment, SetLanguage
from annotator.ui import dialogs
from annotator.ui.controllers.base import Controller


class CorrectionsController(Controller):
    def toggle_boilerplate(self, sentence_id: int | None = None) -> None:
        sentence_id = sentence_id or self.current()
        if self.session is None or sentence_id is None:
            return
        marked = not self.session.sentence(sentence_id).boilerplate
        self.push(MarkBoilerplate(self.session, [sentence_id], marked))
        self._offer_realign(self.tr("Marked as boilerplate") if marked else self.tr("Marked as content"))

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
        question = {"sentence": self.tr("Language of this sentence (ISO 639-1, like de or pt-BR):"),
                    "paragraph": self.tr("Language of this paragraph (ISO 639-1, like de or pt-BR):"),
                    "document": self.tr("Language of this document (ISO 639-1, like de or pt-BR):")}[scope]
        code, ok = QInputDialog.getText(self.window, self.tr("Language"), question,
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
        self._offer_realign({"sentence": self.tr("The sentence's language is now {lang}"),
                             "paragraph": self.tr("The paragraph's language is now {lang}"),
                             "document": self.tr("The document's language is now {lang}")}[scope].format(lang=lang))

    def _offer_realign(self, what: str) -> None:
        self.say(self.tr("{what}: Ctrl+R aligns the group again (manual links kept); Ctrl+Z undoes.").format(what=what),
                 10000)

    def rename_group(self, group_id: int | None = None) -> None:
        """F2: a new name for the group chosen in the navigator (when it has the focus), else
        for the group on view; one undoable step."""
        from PySide6.QtWidgets import QInputDialog

        from annotator.ui.navigator import GROUP_ROLE

        if self.session is None:
            return
        navigator = self.window.navigator
        if group_id is None and navigator.hasFocus():
            group_id = navigator.currentIndex().data(GROUP_ROLE)
        group_id = group_id or self.group_id
        old = self.session.group_name(group_id)
        if old is None:
            return
        name, ok = QInputDialog.getText(self.window, self.tr("Rename group"), self.tr("New name of the group:"),
                                        text=old)
        if ok and name.strip() != old and self.push(RenameGroup(self.session, group_id, name)):
            self.say(self.tr("Group renamed to {name} (Ctrl+Z undoes).").format(name=name.strip()), 5000)

    def navigator_menu(self, position) -> None:
        """Right click in the navigator: rename the group under the pointer."""
        from PySide6.QtWidgets import QMenu

        from annotator.ui.navigator import GROUP_ROLE

        navigator = self.window.navigator
        group_id = navigator.indexAt(position).data(GROUP_ROLE)
        if group_id is None:
            return
        self.navigator_popup = QMenu(self.window)  # kept for tests
        self.navigator_popup.addAction(self.tr("&Rename group… ({key})").format(key=keymap.shortcuts("rename_group")[0]),
                                       lambda: self.rename_group(group_id))
        self.navigator_popup.popup(navigator.viewport().mapToGlobal(position))
