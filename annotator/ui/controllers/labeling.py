"""Labeling: the label keys, key 0 (no label applies), notes, the right-click label menu, chip
clicks, the labels the aligned sentences suggest (key a), the label scheme, marking a
document done."""

from __future__ import annotations

from annotator.core.session.actions import ClearLabels, EditScheme, MarkDone, SetJudgementNote, SetLabel, SetNote
from annotator.core.session.group_actions import EditStructure
from annotator.core.session.projection_actions import AcceptGhosts
from annotator.ui import dialogs
from annotator.ui.controllers.base import Controller
from annotator.ui.plain import menu_entry


class LabelingController(Controller):
    def toggle_label_key(self, key: str) -> None:
        sentence_id = self.current()
        label = self.session.label_for_key(key) if self.session else None
        if sentence_id is None or label is None:
            return
        present = label.name not in self.session.sentence(sentence_id).labels
        self.push(SetLabel(self.session, sentence_id, label.name, present))
        self.window.label_bar.label_set(self.window.settings)

    def remove_label(self, sentence_id: int, label: str) -> None:
        """A click on one of your chips takes that label off."""
        self.push(SetLabel(self.session, sentence_id, label, False))

    def clear_labels(self) -> None:
        """Key 0: no label applies to this sentence (your labels go; the judgement is kept)."""
        sentence_id = self.current()
        if sentence_id is not None:
            self.push(ClearLabels(self.session, sentence_id))

    def edit_note(self) -> None:
        sentence_id = self.current()
        if sentence_id is None:
            return
        sentence = self.session.sentence(sentence_id)
        # on a sentence not judged yet the note records "no label applies" with it (the dialog
        # says so): the editor opens on any sentence, so a typed note never reaches the table
        note, ok = dialogs.ask_note(self.window, sentence.text, self.session.my_note(sentence_id),
                                    judges=not sentence.labels and not sentence.judged)
        if ok and (note.strip() or sentence.labels or sentence.judged):
            self.push(SetNote(self.session, sentence_id, note) if sentence.labels
                      else SetJudgementNote(self.session, sentence_id, note))

    def label_menu(self, sentence_id: int, position) -> None:
        """Right click: every label of the scheme, checked where the sentence has it; the
        sentence's language and its boilerplate mark."""
        from PySide6.QtWidgets import QMenu

        window, session = self.window, self.session
        menu = QMenu(window)
        current = session.sentence(sentence_id).labels
        for label in session.labels:
            action = menu.addAction(menu_entry(f"{label.key or ' '}  {label.name}"))
            action.setCheckable(True)
            action.setChecked(label.name in current)
            action.triggered.connect(lambda checked, name=label.name: self.push(
                SetLabel(session, sentence_id, name, checked)))
        menu.addSeparator()
        corrections = window.corrections
        languages = menu.addMenu(self.tr("&Language"))
        known = sorted(set(session.languages(self.group_id)) | {"de", "en", "fr"}) if self.group_id else []
        for scope, title in (("sentence", self.tr("of this &sentence")), ("paragraph", self.tr("of its &paragraph")),
                             ("document", self.tr("of its &document"))):
            submenu = languages.addMenu(title)
            for code in known:
                submenu.addAction(code, lambda code=code, scope=scope: corrections.set_language(sentence_id, code,
                                                                                                  scope))
            submenu.addAction(self.tr("other…"), lambda scope=scope: corrections.choose_language(scope, sentence_id))
        boilerplate = session.sentence(sentence_id).boilerplate
        menu.addAction(self.tr("Mark as &content (B)") if boilerplate else self.tr("Mark as &boilerplate (B)"),
                       lambda: corrections.toggle_boilerplate(sentence_id))
        menu.popup(position)
        self.label_popup = menu  # kept for tests

    def accept_suggestions(self) -> None:
        """Key a: take the labels, spans and relations the aligned sentences suggest (one
        undoable step; the spans and relations in one transaction)."""
        sentence_id = self.current()
        if sentence_id is None or self.model is None:
            return
        row, column, _ = self.view.cursor
        suggested = self.model.suggestions(row, column, self.session.sentence(sentence_id))
        ghosts = AcceptGhosts(self.session, sentence_id)
        self.window.push_all(self.tr("accept suggestions"),
                             [SetLabel(self.session, sentence_id, label, True) for label in suggested]
                             + ([ghosts] if ghosts else []))

    def mark_done(self) -> None:
        sentence_id = self.current()
        if sentence_id is None or self.session is None:
            return
        action = MarkDone(self.session, self.session.sentence(sentence_id).document_id)
        self.push(action)
        self.say(self.tr("Document done: %n sentence(s) recorded as 'no label applies' (Ctrl+Z undoes it).", "",
                         len(action.recorded)), 6000)

    def edit_scheme(self) -> None:
        if self.session is None:
            return
        from annotator.ui.scheme_editor import SchemeEditor

        self.scheme_editor = SchemeEditor(self.session, self.window)
        if self.scheme_editor.exec():
            self.apply_editor(self.scheme_editor)

    def apply_editor(self, editor) -> None:
        """What the scheme editor changed, as one undoable step (labels, then groups and span labels)."""
        labels_changed = editor.rows() != self.session.scheme_rows()
        self.window.push_all(self.tr("edit label scheme"),
                             ([EditScheme(self.session, editor.rows())] if labels_changed else [])
                             + ([EditStructure(self.session, *editor.structure())] if editor.structure_changed() else []))

    def apply_scheme(self, rows) -> None:
        """The edited scheme, as one undoable step (new keys, colors and names everywhere)."""
        self.push(EditScheme(self.session, rows))
