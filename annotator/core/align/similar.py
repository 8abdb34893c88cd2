""""More like this": the sentences of the whole project nearest to one sentence, by the unit
vectors the aligner cached (store.embeddings), in every language, by an exact scan.

The vectors of a model are read once into one float32 matrix, kept per project file and model
until vectors are added or removed; a query is then one matrix-vector product and a partial
sort. Where that stops being fine is memory and the first read, not the product: 512 float32
per sentence is 2 GB at a million sentences (the product itself about 0.1-0.3 s on two cores),
so past some hundreds of thousands of sentences on a small machine an approximate index
(IVF or HNSW, with the vectors in a file of their own) would be the next step.
"""

from __future__ import annotations

import threading

import numpy as np

from annotator.core.align.embeddings import model_name
from annotator.core.store import Store

_kept: dict[tuple[str, str], tuple[tuple[int, int], np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()


def matrix(store: Store, model: str) -> tuple[np.ndarray, np.ndarray]:
    """(sentence ids, their vectors as rows) of every sentence with a vector of `model`."""
    key = (str(store.path), model)
    version = store.similar.version()
    with _lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] == version:
            return kept[1], kept[2]
    ids: list[int] = []
    pieces: list[bytes] = []
    for sentence_id, vector in store.similar.vectors(model):
        ids.append(sentence_id)
        pieces.append(vector)
    width = len(pieces[0]) // 4 if pieces else 0
    vectors = np.frombuffer(b"".join(pieces), dtype=np.float32).reshape(len(pieces), width)
    found = np.asarray(ids, dtype=np.int64)
    with _lock:
        _kept.clear()  # one project's matrix at a time: they are large
        _kept[key] = (version, found, vectors)
    return found, vectors


def nearest_in_project(store: Store, sentence_id: int, limit: int = 20) -> list[tuple[int, float]]:
    """(sentence id, cosine similarity) of the `limit` sentences nearest to `sentence_id`,
    nearest first, the sentence itself and sentences whose text changed since their vector
    was made left out. Empty when the sentence has no vector (its group was never aligned)."""
    models = store.similar.models_of(sentence_id)
    if not models:
        return []
    model = model_name() if model_name() in models else models[0]
    if sentence_id in store.similar.stale(model, [sentence_id]):
        return []
    ids, vectors = matrix(store, model)
    where = np.flatnonzero(ids == sentence_id)
    if not len(where):
        return []
    scores = vectors @ vectors[where[0]]
    scores[where[0]] = -np.inf
    wanted = min(len(scores) - 1, limit + 16)  # a few more: stale vectors are dropped below
    if wanted <= 0:
        return []
    top = np.argpartition(-scores, wanted - 1)[:wanted]
    top = top[np.argsort(-scores[top], kind="stable")]
    stale = store.similar.stale(model, [int(ids[i]) for i in top])
    return [(int(ids[i]), float(scores[i])) for i in top if int(ids[i]) not in stale][:limit]
