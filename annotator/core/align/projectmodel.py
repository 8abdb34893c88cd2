"""The aligner learns from the project: the link model refitted on its corrections.

What people did in the project labels the link model's candidates (linkmodel.py):
- positive: a candidate whose sentence pairs are all joined by a manual link, or by a machine
  link whose sentences are all confirmed;
- negative: a candidate holding a rejected sentence pair (store: rejected_links), or one that
  gives a sentence of such a positive link another partner (a person saw that sentence's row).
Other candidates say nothing and are left out. Once there are MIN_EXAMPLES labelled candidates
(MIN_PER_CLASS of each kind), a logistic regression on the same features (numpy alone: logistic.py) is cross-validated
against the shipped model on held-out examples (log loss); the
project's model is kept only when it does better, stored in the project's settings
(store.links.set_link_model), and used by every later alignment of the project's groups. The
attempt is made again only when the project's corrections changed (their counts: the
`signature`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from annotator.core.align import linkmodel, logistic
from annotator.core.align.embeddings import DIMENSION
from annotator.core.align.engine import covered

MIN_EXAMPLES = 30
MIN_PER_CLASS = 5
FOLDS = 5
ATTEMPT_KEY = "align.link_model.attempt"


@dataclass(frozen=True)
class Refit:
    kept: bool
    examples: int
    positives: int
    shipped_loss: float | None = None  # mean held-out log loss
    project_loss: float | None = None
    reason: str = ""


def model_for(store) -> linkmodel.LinkModel:
    """The project's own link model when it has a usable one, else the shipped one."""
    text = store.links.link_model()
    if text:
        try:
            return linkmodel.LinkModel.from_json(text)
        except (ValueError, KeyError, TypeError):  # an older version's features: not used
            pass
    return linkmodel.shipped()


def signature(store) -> str:
    return ",".join(map(str, store.links.correction_counts()))


def _stored(store, sentences, encoder_name: str) -> tuple[list, np.ndarray]:
    found = store.embeddings.cached([s.id for s in sentences], encoder_name)
    kept = [s for s in sentences if isinstance(found.get(s.id), bytes) and len(found[s.id]) == DIMENSION * 4]
    matrix = np.stack([np.frombuffer(found[s.id], dtype=np.float32) for s in kept]) if kept else \
        np.zeros((0, DIMENSION), dtype=np.float32)
    return kept, matrix


def _pairs(src, tgt) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for a in src for b in tgt}


def group_examples(store, group_id: int, encoder_name: str) -> tuple[list[tuple[float, ...]], list[int]]:
    """The labelled candidates of one group (see the module's docstring), from stored vectors."""
    confirmed = store.confirmations.in_group(group_id)
    positive: set[tuple[int, int]] = set()
    for link in store.links.in_group(group_id):
        if link.origin == "manual" or confirmed.issuperset(link.sentence_ids()):
            positive |= _pairs(link.source, link.target)
    negative = store.links.rejected_in_group(group_id)
    if not positive and not negative:
        return [], []
    settled = {x for pair in positive for x in pair}
    documents = store.documents.group_documents(group_id)
    content = {}
    for d in documents:
        if covered(d["lang"]):
            content[d["id"]] = _stored(store, [s for s in store.documents.sentences(d["id"]) if not s.boilerplate],
                                       encoder_name)
    X, y = [], []
    for a, b in combinations(content, 2):
        (source, sv), (target, tv) = content[a], content[b]
        if not source or not target:
            continue
        for c in linkmodel.candidate_features(sv, tv, [s.text for s in source], [s.text for s in target],
                                              [s.index for s in source], [s.index for s in target]):
            pairs = _pairs([source[i].id for i in c.src], [target[j].id for j in c.tgt])
            if pairs <= positive:
                label = 1
            elif pairs & negative or (not pairs & positive and settled & {x for p in pairs for x in p}):
                label = 0
            else:
                continue
            X.append(c.features)
            y.append(label)
    return X, y


def project_examples(store, encoder_name: str) -> tuple[np.ndarray, np.ndarray]:
    X, y = [], []
    for group in store.documents.groups():
        gx, gy = group_examples(store, group["id"], encoder_name)
        X += gx
        y += gy
    return np.array(X, dtype=np.float64).reshape(-1, len(linkmodel.FEATURES)), np.array(y, dtype=np.int64)


def _log_loss(y: np.ndarray, p: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def _fit(X: np.ndarray, y: np.ndarray, like: linkmodel.LinkModel, examples: int) -> linkmodel.LinkModel:
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    fitted = logistic.fit((X - mean) / scale, y, c=1.0, tol=1e-4, max_steps=1000)
    return linkmodel.LinkModel(tuple(fitted.coef.tolist()), fitted.intercept, tuple(mean.tolist()),
                               tuple(scale.tolist()), threshold=like.threshold, near_floor=like.near_floor,
                               add_threshold=like.add_threshold, source="project", examples=examples,
                               note="refitted on the project's confirmed rows, manual and rejected links")


def refit(store, encoder_name: str, min_examples: int = MIN_EXAMPLES,
          shipped: linkmodel.LinkModel | None = None) -> tuple[Refit, linkmodel.LinkModel | None]:
    """Refit on the project's corrections; (what happened, the new model when it is kept).
    Nothing is written: the caller stores the model (align_group, in its transaction)."""
    shipped = shipped or linkmodel.shipped()
    X, y = project_examples(store, encoder_name)
    positives = int(y.sum())
    if len(y) < min_examples or min(positives, len(y) - positives) < MIN_PER_CLASS:
        return Refit(False, len(y), positives, reason=f"{len(y)} examples, {positives} positive: not enough"), None
    shipped_losses, project_losses = [], []
    for train, test in logistic.stratified_folds(y, min(FOLDS, positives, len(y) - positives)):
        shipped_losses.append(_log_loss(y[test], shipped.probability(X[test])))
        project_losses.append(_log_loss(y[test], _fit(X[train], y[train], shipped, len(train)).probability(X[test])))
    shipped_loss, project_loss = float(np.mean(shipped_losses)), float(np.mean(project_losses))
    if project_loss >= shipped_loss:
        return Refit(False, len(y), positives, shipped_loss, project_loss,
                     "the shipped model does as well on held-out corrections"), None
    model = _fit(X, y, shipped, len(y))
    model = linkmodel.LinkModel(model.coef, model.intercept, model.mean, model.scale, model.threshold,
                                model.near_floor, model.add_threshold, source="project", examples=len(y), note=model.note,
                                extra={"held_out_log_loss": project_loss, "shipped_log_loss": shipped_loss})
    return Refit(True, len(y), positives, shipped_loss, project_loss, "better on held-out corrections"), model


def attempt_due(store) -> bool:
    """Whether the corrections changed since the last refit attempt."""
    text = store.links.setting(ATTEMPT_KEY)
    try:
        last = json.loads(text).get("signature") if text else None
    except (ValueError, AttributeError):
        last = None
    return last != signature(store)


def record_attempt(store, result: Refit) -> None:
    """In the caller's transaction: the attempt's signature and outcome."""
    store.links.set_setting(ATTEMPT_KEY, json.dumps({"signature": signature(store), "kept": result.kept,
                                                     "examples": result.examples, "reason": result.reason}))
