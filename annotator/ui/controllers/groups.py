"""Label groups by keyboard: a group's letter, then a digit answers it about the sentence under
the cursor (or its document): the option, the rating, 1 yes / 2 no; the same digit again clears
the answer; a free-text group's letter opens a box. f flags the sentence for discussion. Each is
one undoable action; the detail panel lists the answers and flags (detail.py)."""

from __future__ import annotations

from annotator.core.session.group_actions import SetGroupValue, ToggleDiscussion
from annotator.ui.controllers.base import Controller


class GroupsController(Controller):
    def __init__(self, window):
        super().__init__(window)
        self.text_dialog = None  # the box a free-text group's answer is typed in (kept for tests)
        view = window.view
        view.groupPrefix.connect(self.await_answer)
        view.groupAnswered.connect(self.answer)
        view.discussionRequested.connect(self.toggle_discussion)

    def _group(self, letter: str):
        group = self.session.group_by_key(letter) if self.session is not None else None
        if group is None:
            self.view._awaiting_label = None  # the digit stays a label key
            self.say(self.tr("No label group opens with {key}: give one that key in the scheme "
                             "(annotator group add … --key {key}).").format(key=letter), 6000)
        return group

    def await_answer(self, letter: str) -> None:
        """A group's letter: say what its digits mean, or open the box of a free-text group."""
        group = self._group(letter)
        if group is None or self.current() is None:
            return
        if group.kind == "text":
            self.view._awaiting_label = None
            self._ask_text(group)
            return
        choices = (f"1 … {len(group.options)}" if group.kind == "ordinal"
                   else ", ".join(f"{k} {value}" for k, value in enumerate(group.options, start=1)))
        about = self.tr("this document") if group.level == "document" else self.tr("this sentence")
        self.say(self.tr("{group} ({about}): press {choices}.").format(group=group.name, about=about, choices=choices),
                 6000)

    def answer(self, letter: str, digit: str) -> None:
        """The digit after a group's letter: that option (again: clear the answer)."""
        group, current = self._group(letter), self.current()
        if group is None or current is None:
            return
        value = group.option(int(digit))
        if value is None:
            self.say(self.tr("{group} has no value {k}: press 1 … {last}.").format(
                group=group.name, k=digit, last=len(group.options)), 5000)
            return
        mine = self.session.my_group_value(group.name, current)
        if mine is not None and mine.value == value:
            value = None
        if self.push(SetGroupValue(self.session, group.name, current, value)):
            self.say(self.tr("{group}: {value}; Ctrl+Z undoes.").format(
                group=group.name, value=value if value is not None else self.tr("cleared")), 5000)
            self.window.show_detail(current)

    def _ask_text(self, group) -> None:
        from PySide6.QtWidgets import QInputDialog

        current = self.current()
        mine = self.session.my_group_value(group.name, current)
        dialog = QInputDialog(self.window)
        dialog.setWindowTitle(group.name)
        dialog.setLabelText(self.tr("{group} (empty: clear your answer):").format(group=group.name))
        dialog.setTextValue(mine.value if mine else "")

        def chosen(text: str) -> None:
            value = text.strip() or None
            if (mine.value if mine else None) != value and self.push(SetGroupValue(self.session, group.name, current,
                                                                                   value)):
                self.window.show_detail(current)
        dialog.textValueSelected.connect(chosen)
        self.text_dialog = dialog
        dialog.open()

    def toggle_discussion(self) -> None:
        current = self.current()
        if self.session is None or current is None:
            return
        action = ToggleDiscussion(self.session, current)
        if self.push(action):
            self.say(self.tr("Flagged for discussion (Review: rows flagged for discussion); Ctrl+Z undoes.")
                     if action.flagged else self.tr("Your flag for discussion is off."), 5000)
            self.window.show_detail(current)
