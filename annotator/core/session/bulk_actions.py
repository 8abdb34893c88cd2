"""Actions on the sentences a search found, each one undoable action in one transaction (the
Edit menu's Undo takes the whole of it back): add or remove a label, accept the model's
suggestions at or above a probability, mark as boilerplate (actions.MarkBoilerplate, which
already takes many sentences). Built from actions.SetLabel, so a bulk label undoes exactly as
that many single ones would, judgements recorded by a first label included."""

from __future__ import annotations

from annotator.core.session import Changes, Session
from annotator.core.session.actions import Action, MarkBoilerplate, SetLabel
from annotator.translatable import QT_TRANSLATE_NOOP


def _joined(changes: list[Changes]) -> Changes:
    return Changes(sentences=frozenset(i for change in changes for i in change.sentences),
                   progress=any(change.progress for change in changes))


class _Several(Action):
    """Several SetLabel actions done, and undone in reverse, each side in one transaction."""

    def __init__(self, session: Session):
        self.session = session
        self.parts: list[SetLabel] = []

    def _run(self, step) -> Changes:
        with self.session.transaction():
            return _joined([step(part) for part in self.parts])

    def do(self) -> Changes:
        return self._run(lambda part: part.do())

    def undo(self) -> Changes:
        with self.session.transaction():
            return _joined([part.undo() for part in reversed(self.parts)])

    @property
    def changed(self) -> int:
        """How many labels the last `do` added or removed."""
        return sum(1 for part in self.parts if part.change is not None and part.change.outcome in ("added", "removed"))


class LabelAll(_Several):
    """Add (or remove) one label on every sentence found."""

    def __init__(self, session: Session, sentence_ids: list[int], label: str, present: bool):
        super().__init__(session)
        self.parts = [SetLabel(session, sentence_id, label, present) for sentence_id in sentence_ids]
        known = session.find_label(label)
        self.named(QT_TRANSLATE_NOOP("actions", "add {label} to {count} sentences") if present
                   else QT_TRANSLATE_NOOP("actions", "remove {label} from {count} sentences"),
                   label=known.name if known else label, count=len(sentence_ids))


class AcceptSuggestedAll(_Several):
    """Accept, on every sentence found, the labels the model suggests with probability >= `least`."""

    def __init__(self, session: Session, sentence_ids: list[int], least: float):
        super().__init__(session)
        session.load(list(sentence_ids))
        for sentence_id in sentence_ids:
            for label, probability in session.probabilities(sentence_id).items():
                if probability >= least:
                    self.parts.append(SetLabel(session, sentence_id, label, True, origin="model"))
        self.named(QT_TRANSLATE_NOOP("actions", "accept {count} model suggestions"), count=len(self.parts))


def bulk_action(session: Session, sentence_ids: list[int], *, add: str | None = None, remove: str | None = None,
                accept_at: float | None = None, boilerplate: bool = False) -> Action:
    """The one action the caller asked for, on these sentences (not done yet)."""
    if add is not None:
        return LabelAll(session, sentence_ids, add, True)
    if remove is not None:
        return LabelAll(session, sentence_ids, remove, False)
    if accept_at is not None:
        return AcceptSuggestedAll(session, sentence_ids, accept_at)
    if boilerplate:
        return MarkBoilerplate(session, sentence_ids, True)
    raise ValueError("no bulk action asked for")
