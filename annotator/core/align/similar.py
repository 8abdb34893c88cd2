""""More like this": the sentences of the whole project nearest to one sentence, by the unit
vectors the aligner cached (store.embeddings), in every language.

Reading a million 512-d float32 vectors (2 GB) takes 6-20 s, so the scan reads the compact copy
instead (store.vector_codes: two bits per dimension, 128 MB at a million sentences), scores
every sentence by the query vector's dot product with its code's levels, and re-ranks the best
candidates by their exact vectors. A level is -r + (r - 1) L + (r + 1) S for the code's bit
planes S (sign) and L, so the dot product is (r - 1) q.L + (r + 1) q.S plus a constant, each on
bit planes of the query: shifted to be non-negative and rounded to 4 bits, the query is 4 bit
masks, and q.b is the sum over them of 2^p popcount(b & mask_p), 64 AND-and-popcount passes over
the codes' 64-bit words. Candidates: 0.2% of the vectors, at least 1024 (recall@10 0.9975 on a
million random vectors, the hard case; 1.0 on the aligner's own). Re-ranking reads each
candidate's vector at random from the file, so their count is much of the first call's time;
the SQLite page cache is raised for it, so the B-tree pages above the vectors are read once.
The codes are kept in memory per project file and model until they change.
"""

from __future__ import annotations

import threading

import numpy as np

from annotator.core.align.embeddings import model_name
from annotator.core.store import Store

QUERY_BITS = 4
LEVEL = 3  # r: a coordinate in the larger half of its vector by size against one in the smaller
CANDIDATE_SHARE = 0.002
MIN_CANDIDATES = 1024
_WEIGHTS = (LEVEL + 1, LEVEL - 1)  # of the sign plane and the level plane

_kept: dict[tuple[str, str], tuple[tuple, np.ndarray, np.ndarray, np.ndarray]] = {}
_lock = threading.Lock()


def population(blocks: list[np.ndarray] | np.ndarray) -> np.ndarray:
    """(r + 1) popcount(S) + (r - 1) popcount(L) of each code (blocks of (words, sentences)
    codes, or one): what the query's shift adds to its dot product."""
    parts = []
    for words in [blocks] if isinstance(blocks, np.ndarray) else blocks:
        half = words.shape[0] // 2
        counts = np.zeros(words.shape[1], dtype=np.uint16)
        for plane, weight in ((words[:half], _WEIGHTS[0]), (words[half:], _WEIGHTS[1])):
            ones = np.zeros(words.shape[1], dtype=np.uint16)
            for row in plane:
                ones += np.bitwise_count(row)
            counts += ones * np.uint16(weight)
        parts.append(counts)
    return np.concatenate(parts) if parts else np.zeros(0, np.uint16)


def codes(store: Store, model: str) -> tuple[np.ndarray, list[np.ndarray], np.ndarray]:
    """(sentence ids, their codes block by block as (words, sentences) uint64, population())."""
    key = (str(store.path), model)
    store.vector_codes.catch_up(model)  # (a read-only reader may have kept codes of this file not written)
    version = store.vector_codes.version(model)
    with _lock:
        kept = _kept.get(key)
        if kept is not None and kept[0] == version:
            return kept[1], kept[2], kept[3]
    ids, blocks = store.vector_codes.read(model)
    counts = population(blocks)
    with _lock:
        _kept.clear()  # one project's codes at a time
        _kept[key] = (version, ids, blocks, counts)
    return ids, blocks, counts


def approximate_scores(blocks: list[np.ndarray] | np.ndarray, counts: np.ndarray, query: np.ndarray) -> np.ndarray:
    """q.c for every code c (the query's dot product with each sentence's levels, up to a
    constant that ranks alike), with q rounded to QUERY_BITS bits; blocks of codes, or one."""
    blocks = [blocks] if isinstance(blocks, np.ndarray) else blocks
    half = blocks[0].shape[0] // 2
    padded = np.zeros(half * 64, dtype=np.float32)
    padded[:len(query)] = query
    low, span = float(query.min()), float(query.max() - query.min()) or 1.0
    levels = (1 << QUERY_BITS) - 1
    rounded = np.rint((padded - low) / span * levels).astype(np.int64)
    rounded[len(query):] = 0
    masks = [np.packbits(((rounded >> plane) & 1).astype(bool), bitorder="little").view(np.uint64)
             for plane in range(QUERY_BITS)]
    total = np.empty(len(counts), dtype=np.uint32)
    start = 0
    for words in blocks:
        total[start:start + words.shape[1]] = _plane_sums(words, masks)
        start += words.shape[1]
    return total.astype(np.float32) * (span / levels) + np.float32(low) * counts


def _plane_sums(words: np.ndarray, masks: list[np.ndarray]) -> np.ndarray:
    """sum over the query's bit planes p of 2^p ((r + 1) popcount(S & mask_p) + (r - 1)
    popcount(L & mask_p)), for one block of codes (a few calls a plane over the whole block:
    per-word calls cost as much again at a million sentences)."""
    half, count = words.shape[0] // 2, words.shape[1]
    total = np.zeros(count, dtype=np.uint32)
    masked = np.empty_like(words)
    ones = np.empty(words.shape, dtype=np.uint8)
    for plane, mask in enumerate(masks):
        np.bitwise_and(words, np.concatenate([mask, mask])[:, None], out=masked)
        np.bitwise_count(masked, out=ones)
        sign, level = ones[:half].sum(axis=0, dtype=np.uint32), ones[half:].sum(axis=0, dtype=np.uint32)
        total += (sign * _WEIGHTS[0] + level * _WEIGHTS[1]) << plane
    return total


def candidate_count(vectors: int, limit: int) -> int:
    return min(vectors, max(MIN_CANDIDATES, 4 * limit, int(vectors * CANDIDATE_SHARE)))


def nearest(store: Store, model: str, query_id: int, query: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """(sentence id, exact cosine) of the `limit` vectors of `model` nearest to `query`, the
    query sentence left out, nearest first."""
    ids, blocks, counts = codes(store, model)
    if not len(ids) or blocks[0].shape[0] * 32 < len(query):
        return []
    scores = approximate_scores(blocks, counts, query)
    scores[ids == query_id] = -np.inf
    wanted = candidate_count(len(ids), limit)
    chosen = np.argpartition(-scores, wanted - 1)[:wanted] if wanted < len(ids) else np.arange(len(ids))
    found = [(i, v) for i, v in store.similar.vectors_of(model, [int(i) for i in ids[chosen] if i != query_id])
             if isinstance(v, bytes) and len(v) == query.nbytes]
    if not found:
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
