"""The aligned view's keys of label groups (view.py is at its length limit): a group's letter
(store/label_groups.py, core/model.py GROUP_KEYS) awaits one digit, the answer, as g and r do;
f flags the sentence for discussion. The view mixes this in; the groups controller acts."""

from __future__ import annotations

from PySide6.QtCore import Signal


class _Answer:
    """What the view's awaited digit goes to after a group's letter: (letter, digit)."""

    def __init__(self, signal, letter: str):
        self.signal, self.letter = signal, letter

    def emit(self, digit: str) -> None:
        self.signal.emit(self.letter, digit)


class GroupKeys:
    groupPrefix = Signal(str)  # a group's letter was pressed: its digit is awaited (a text group: a box)
    groupAnswered = Signal(str, str)  # the letter, then the digit
    discussionRequested = Signal()  # f: flag the sentence for discussion, or unflag it

    def _group_key_actions(self) -> dict:
        return {"answer_group": self._answer_group, "flag_discussion": self.discussionRequested.emit}

    def _answer_group(self, name: str) -> None:
        letter = name.removeprefix("Shift+").lower()
        self._awaiting_label = _Answer(self.groupAnswered, letter)
        self.groupPrefix.emit(letter)
