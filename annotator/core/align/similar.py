""""More like this": the sentences of the whole project nearest to one sentence, by the unit
vectors the aligner cached (store.embeddings), in every language.

Reading a million 512-d float32 vectors (2 GB) takes 6-20 s, so the scan reads the compact copy
instead (store.vector_codes: one sign bit per dimension, 64 MB at a million sentences), scores
every sentence by the query vector's dot product with its signs, and re-ranks the best
candidates by their exact vectors. The signed dot product is computed on bit planes: the query,
shifted to be non-negative and rounded to 4 bits, is 4 bit masks, and q.b is the sum over planes
of 2^p popcount(b & plane_p), 32 AND-and-popcount passes over the codes' 64-bit words.
Candidates: 0.5% of the vectors, at least 2048. Re-ranking
reads each candidate's vector at random from the file (about 0.1-0.2 ms each when it is not in
the OS cache), so their count is what the first call's time is made of; 1 bit per dimension keeps
the exact top 10 of the aligner's vectors (recall@10 1.0 at 30,000 sentences), random vectors
are the hard case (their nearest are hardly nearer than the rest): figures in bench_similar.py's
note. The codes are kept in memory per project file and model until they change.
"""

from __future__ import annotations

import threading

import numpy as np

from annotator.core.align.embeddings import model_name
from annotator.core.store import Store

QUERY_BITS = 4
CANDIDATE_SHARE = 0.005
MIN_CANDIDATES = 2048

_kept: dict[tuple[str, str], tuple[tuple, np.ndarray, np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()


def codes(store: Store, model: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(sentence ids, sign codes as (words, sentences) uint64, popcount of each code)."""
    key = (str(store.path), model)
    store.vector_codes.catch_up(model)  # (a read-only reader may have kept codes of this file not written)
    version = store.vector_codes.version(model)
    with _lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] == version:
            return kept[1], kept[2], kept[3]
    ids, words = store.vector_codes.read(model)
    population = np.zeros(len(ids), dtype=np.uint16)
    for row in words:
        population += np.bitwise_count(row)
    with _lock:
        _kept.clear()  # one project's codes at a time
        _kept[key] = (version, ids, words, population)
    return ids, words, population


def approximate_scores(words: np.ndarray, population: np.ndarray, query: np.ndarray) -> np.ndarray:
    """q.b for every code b (the query's dot product with each sentence's sign bits, up to a
    constant that ranks alike), with q rounded to QUERY_BITS bits."""
    padded = np.zeros(words.shape[0] * 64, dtype=np.float32)
    padded[:len(query)] = query
    low, span = float(query.min()), float(query.max() - query.min()) or 1.0
    levels = (1 << QUERY_BITS) - 1
    rounded = np.rint((padded - low) / span * levels).astype(np.int64)
    rounded[len(query):] = 0
    count = words.shape[1]
    total = np.zeros(count, dtype=np.uint32)
    plane_sum = np.empty(count, dtype=np.uint16)
    masked = np.empty(count, dtype=np.uint64)
    ones = np.empty(count, dtype=np.uint8)
    for plane in range(QUERY_BITS):
        mask = np.packbits(((rounded >> plane) & 1).astype(bool), bitorder="little").view(np.uint64)
        plane_sum[:] = 0
        for word, row in zip(mask, words):
            if word:
                np.bitwise_and(row, word, out=masked)
                np.bitwise_count(masked, out=ones)
                plane_sum += ones
        total += plane_sum.astype(np.uint32) << plane
    return total.astype(np.float32) * (span / levels) + np.float32(low) * population


def candidate_count(vectors: int, limit: int) -> int:
    return min(vectors, max(MIN_CANDIDATES, 4 * limit, int(vectors * CANDIDATE_SHARE)))


def nearest(store: Store, model: str, query_id: int, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """(sentence id, exact cosine) of the `limit` vectors of `model` nearest to `query`, the
    query sentence left out, nearest first."""
    ids, words, population = codes(store, model)
    if not len(ids):
        return []
    scores = approximate_scores(words, population, query)
    scores[ids == query_id] = -np.inf
    wanted = candidate_count(len(ids), limit)
    chosen = np.argpartition(-scores, wanted - 1)[:wanted] if wanted < len(ids) else np.arange(len(ids))
    found = [(i, v) for i, v in store.similar.vectors_of(model, [int(i) for i in ids[chosen] if i != query_id])
             if isinstance(v, bytes) and len(v) == query.nbytes]
    if not found or words.shape[0] * 64 < len(query):
        return []
    exact = np.frombuffer(b"".join(v for _, v in found), dtype=np.float32).reshape(len(found), len(query)) @ query
    order = np.argsort(-exact, kind="stable")
    return [(int(found[i][0]), float(exact[i])) for i in order[:limit]]


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
    own = store.similar.vectors_of(model, [sentence_id])
    if not own or not isinstance(own[0][1], bytes) or len(own[0][1]) % 4 or not own[0][1]:
        return []  # not a vector the aligner wrote
    query = np.frombuffer(own[0][1], dtype=np.float32)
    found = nearest(store, model, sentence_id, query, limit + 16)  # a few more: stale vectors are dropped below
    stale = store.similar.stale(model, [i for i, _ in found])
    return [(i, score) for i, score in found if i not in stale][:limit]
