"""The model's suggestions: reading them, and training a new model as a long job."""

from __future__ import annotations

from annotator.core.session.base import SessionBase
from annotator.core.session.views import Work
from annotator.core.store.suggestions import SHOW, WRITE_CHUNK

# Sentences without a stored vector (a group never aligned) encoded per background training:
# a 100,000-sentence project is covered over several trainings instead of minutes of work at once.
ENCODE_PER_TRAINING = 2000


class Suggesting(SessionBase):
    """What the model suggests, and its training."""

    def probabilities(self, sentence_id: int) -> dict[str, float]:
        """The model's probability for each label it was trained on (empty: none for this sentence)."""
        if sentence_id not in self._suggested:
            self.load([sentence_id])
        return self._suggested.get(sentence_id, {})

    def model_report(self) -> dict | None:
        """What the model was last trained on, with its cross-validated figures."""
        return self._store.suggestions.report()

    def most_uncertain(self, limit: int = 50) -> list[int]:
        """Sentences you have not judged, the most uncertain (a probability nearest 0.5) first."""
        return self._store.suggestions.most_uncertain(self.annotator, limit)

    def likely(self, group: int, label: str) -> dict[int, float]:
        """The group's sentences you have not judged that the model gives `label` (p >= SHOW)."""
        return self._store.suggestions.likely_in_group(self._store.documents.group_id(group), label, self.annotator,
                                                       SHOW)

    def forget_suggestions(self) -> None:
        """A new model wrote its suggestions (on another connection): read them again."""
        self._suggested.clear()
        self._views.clear()

    def train_work(self) -> Work:
        """Train the model on the project's labels and store its suggestions, on a connection of
        its own, in short transactions that yield to the annotator's (store/write_gate.py: a
        keypress goes before the next chunk, or waits for the one running); the result is the
        Training (`trained()` empty: too few labels, nothing written)."""
        def work(progress, cancelled):
            from annotator.core.suggest import train, write

            with self._store.worker(yielding=True) as store:
                training = train(store, cancelled=cancelled, max_new=ENCODE_PER_TRAINING)
                if training.trained() and not cancelled():
                    write(store, training, chunk=WRITE_CHUNK)
                return training
        return work
