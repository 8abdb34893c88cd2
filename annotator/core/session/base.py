"""The open project and what the session caches of it (sentences, your labels, the model's
suggestions), read a screenful at a time and forgotten where an action changed them."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

from annotator.core.model import Label, Sentence
from annotator.core.session.views import Changes, SentenceView
from annotator.core.store import Store
from annotator.core.store.suggestions import SHOW


class SessionBase:
    def __init__(self, store: Store, annotator: str):
        self._store = store
        self.annotator = annotator
        store.events.actor = annotator  # who made a change that names nobody (a link, a split)
        self._cursor_at: tuple[int, float] | None = None  # (sentence, monotonic time) the cursor reached
        self._sentences: dict[int, Sentence] = {}
        self._labels: dict[int, tuple] = {}  # id -> (your labels, judged by you, noted by you, in a relation)
        self._spans: dict[int, tuple] = {}  # id -> (your spans ((start, end, label), ...), those ending a relation)
        self._suggested: dict[int, dict[str, float]] = {}  # id -> the model's probability per label
        self._views: dict[int, SentenceView] = {}  # id -> the view made of the three above (a paint asks often)
        self.labels: list[Label] = store.scheme.labels()
        self._open_transactions = 0  # session.transaction() blocks around the call now running

    @classmethod
    def open(cls, path: str | os.PathLike, annotator: str, create: bool = False) -> "Session":
        """Open a project for labeling (the writer's lock is held until close)."""
        return cls(Store.open(path, create=create), annotator)

    @staticmethod
    def create(path: str | os.PathLike) -> None:
        """Make a new, empty project file."""
        Store.open(path).close()

    @property
    def path(self) -> Path:
        return self._store.path

    def close(self) -> None:
        self._store.close()

    @contextlib.contextmanager
    def transaction(self):
        """Several calls as one action: one commit (the calls inside become savepoints)."""
        with self._store.transaction():
            self._open_transactions += 1
            try:
                yield
            finally:
                self._open_transactions -= 1

    def acting(self, origin: str):
        """The events of the writes inside carry `origin` ("undo", "redo", "import-labels")."""
        return self._store.events.acting(origin)

    def cursor_reached(self, sentence_id: int) -> None:
        """The cursor is on this sentence now: its time on item counts from here (the app calls it)."""
        if self._cursor_at is None or self._cursor_at[0] != sentence_id:
            self._cursor_at = (sentence_id, time.monotonic())

    def time_on(self, sentence_id: int) -> float | None:
        """Seconds since the cursor reached this sentence, or None when it is not there (or the
        change is an undo's or redo's, not a judgement made now)."""
        if self._cursor_at is None or self._cursor_at[0] != sentence_id or self._store.events.origin != "person":
            return None
        return round(time.monotonic() - self._cursor_at[1], 3)

    def history(self, sentence_id: int | None = None, limit: int | None = None) -> list:
        """Events, newest first: of one sentence, or of the whole project."""
        events = self._store.events
        return events.recent(limit) if sentence_id is None else events.of_sentence(sentence_id, limit)

    def load(self, sentence_ids: list[int]) -> None:
        """Fetch sentences and their labels in bulk (the view asks for a screenful at a time)."""
        missing = [i for i in sentence_ids if i not in self._sentences]
        if missing:
            self._sentences.update((s.id, s) for s in self._store.documents.sentences_by_id(missing))
        unsuggested = [i for i in sentence_ids if i not in self._suggested]
        if unsuggested:
            found = self._store.suggestions.of_sentences(unsuggested)
            self._suggested.update((i, found.get(i, {})) for i in unsuggested)
        unlabeled = [i for i in sentence_ids if i not in self._labels]
        if unlabeled:
            judged = self._store.annotations.judged_among(unlabeled, self.annotator)
            noted = self._store.annotations.noted_among(unlabeled, self.annotator)
            related = self._store.relations.related_among(unlabeled)
            for i, names in self._store.annotations.labels_of(unlabeled, self.annotator).items():
                self._labels[i] = (tuple(names), i in judged, i in noted, i in related)
        unspanned = [i for i in sentence_ids if i not in self._spans]
        if unspanned:
            found = self._store.spans.of_sentences(unspanned, self.annotator)
            ends = self._store.relations.span_ends_among(list(found), self.annotator) if found else {}
            self._spans.update((i, (tuple((s.start, s.end, s.label) for s in found.get(i, ())),
                                    frozenset(ends.get(i, ())))) for i in unspanned)

    def sentence(self, sentence_id: int) -> SentenceView:
        view = self._views.get(sentence_id)
        if view is not None:
            return view
        if (sentence_id not in self._sentences or sentence_id not in self._labels or sentence_id not in self._suggested
                or sentence_id not in self._spans):
            self.load([sentence_id])
        s = self._sentences[sentence_id]
        labels, judged, noted, related = self._labels[sentence_id]
        suggested = () if judged else tuple((name, p) for name, p in self._suggested.get(sentence_id, {}).items()
                                            if p >= SHOW and name not in labels)
        view = SentenceView(s.id, s.document_id, s.text, s.lang, s.boilerplate, labels, judged, noted, suggested,
                            related, *self._spans[sentence_id])
        self._views[sentence_id] = view
        return view

    def _touched(self, *sentence_ids: int) -> Changes:
        for i in sentence_ids:
            self._labels.pop(i, None)
            self._spans.pop(i, None)
            self._views.pop(i, None)
        return Changes(sentences=frozenset(sentence_ids), progress=True)

    def _forget(self, sentence_ids: list[int], layout: bool = True) -> Changes:
        """Read these sentences again; `layout`: their rows changed too (links, sentences)."""
        for i in sentence_ids:
            self._sentences.pop(i, None)
            self._labels.pop(i, None)
            self._spans.pop(i, None)
            self._views.pop(i, None)
        return Changes(sentences=frozenset(sentence_ids), layout=layout, progress=True)

    def _reload_labels(self) -> Changes:
        self.labels = self._store.scheme.labels()
        self._labels.clear()
        self._spans.clear()
        self._views.clear()
        return Changes(scheme=True, layout=True, progress=True)

    def reload(self) -> Changes:
        """After another connection changed the project (a background job): forget what is cached."""
        self._sentences.clear()
        self._suggested.clear()
        return self._reload_labels()
