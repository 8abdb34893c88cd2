"""Review: where the annotators disagree (next and previous disagreement), a judge's choice
accepted into the gold layer (Alt+1..9), the agreement report."""

from __future__ import annotations

from annotator.core.session.actions import SetGold
from annotator.ui.controllers.base import Controller
from annotator.ui.plain import menu_entry


class ReviewController(Controller):
    gold_menu = None  # Review > Accept a judge's choice into gold (made with the menus)

    def fill_gold_menu(self) -> None:
        """One entry per judge of the sentence under the cursor, by name (Alt+k works without the menu)."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeySequence

        self.gold_menu.clear()
        sentence_id = self.current()
        votes = sorted(self.session.votes(sentence_id).items()) if self.session and sentence_id else []
        if not votes:
            self.gold_menu.addAction(self.tr("nobody has judged this sentence yet")).setEnabled(False)
        for k, (who, labels) in enumerate(votes[:9], start=1):
            chosen = ", ".join(labels) or self.tr("no label")
            action = self.gold_menu.addAction(menu_entry(f"{who}: {chosen}"),
                                              lambda k=k: self.accept_choice(k))
            action.setShortcut(QKeySequence(f"Alt+{k}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # shown; the window's Alt+k acts

    def accept_choice(self, k: int) -> None:
        """Alt+k: the k-th judge's labels (names in alphabetical order) become the gold decision."""
        sentence_id = self.current()
        if sentence_id is None or self.session is None:
            return
        votes = sorted(self.session.votes(sentence_id).items())
        if not 1 <= k <= len(votes):
            self.say(self.tr("No annotator {k} judged this sentence.").format(k=k), 4000)
            return
        who, labels = votes[k - 1]
        self.push(SetGold(self.session, sentence_id, labels))
        self.say(self.tr("Gold: {labels} (from {who})").format(labels=", ".join(labels) or self.tr("no label"), who=who),
                 4000)

    def next_disagreement(self, step: int) -> None:
        """Go to the next sentence, in the view's order, on which the annotators disagree."""
        if self.model is None:
            return
        order = self.model.sentence_order()
        disputed_ids = self.session.disputed(order)
        disputed = [i for i in order if i in disputed_ids]
        if not disputed:
            self.say(self.tr("The annotators agree everywhere here."), 4000)
            return
        position = {i: k for k, i in enumerate(order)}
        here = position.get(self.current(), -1)
        ahead = [i for i in disputed if (position[i] - here) * step > 0]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else (disputed[0] if step > 0 else disputed[-1])
        self.window.go_to_sentence(target)

    def show_agreement(self) -> None:
        """The agreement report (kappa per pair, alpha across all), as the CLI prints it."""
        if self.session is None:
            return
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout

        from annotator.present.agreement import format_fitted, format_report

        text = f"{format_report(self.session.agreement())}\n\n{format_fitted(self.session.fitted_agreement())}"
        dialog = QDialog(self.window)
        dialog.setWindowTitle(self.tr("Agreement"))
        dialog.resize(640, 480)
        view = QPlainTextEdit(text, dialog)
        view.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
        buttons.rejected.connect(dialog.reject)  # Close and Escape
        layout = QVBoxLayout(dialog)
        layout.addWidget(view)
        layout.addWidget(buttons)
        self.agreement_dialog = dialog
        dialog.show()
