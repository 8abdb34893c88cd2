"""Mining and the link model compute what they derive from a pair's cosines a block at a time
(annotator/core/align/blocks.py), so that a long text is not held several times over: the
results must be the whole-matrix ones to the bit, at any block size. Random retelling-like
pairs: targets made of one source line or two adjacent ones, sources of two adjacent targets."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.align import blocks, linkmodel, mining

WHOLE = blocks.BLOCK_CELLS  # the shipped block: these pairs' matrices fit one
SHAPES = [(300, 7), (7, 300), (600, 20), (2, 200), (40, 40), (1, 1)]


def random_pair(seed: int, n: int, m: int, dimension: int = 24):
    rng = np.random.default_rng(seed)
    S = rng.standard_normal((n, dimension)).astype(np.float32)
    T = rng.standard_normal((m, dimension)).astype(np.float32)
    for j in range(m):
        i, kind = int(rng.integers(0, max(n - 1, 1))), rng.random()
        if kind < 0.4:
            T[j] = S[i] + 0.5 * rng.standard_normal(dimension)
        elif kind < 0.6 and n > 1:
            T[j] = S[i] + S[i + 1] + 0.3 * rng.standard_normal(dimension)
    for i in range(n - 1):
        if m > 1 and rng.random() < 0.2:
            j = int(rng.integers(0, m - 1))
            S[i] = T[j] + T[j + 1] + 0.3 * rng.standard_normal(dimension)
    S /= np.linalg.norm(S, axis=1, keepdims=True)
    T /= np.linalg.norm(T, axis=1, keepdims=True)
    source = ["word " * int(rng.integers(1, 12)) for _ in range(n)]  # some under min_letters
    target = ["word " * int(rng.integers(1, 12)) for _ in range(m)]
    places = (sorted(rng.choice(2 * n, n, replace=False).tolist()) if seed % 2 else None,
              sorted(rng.choice(2 * m, m, replace=False).tolist()) if seed % 3 else None)
    return S, T, source, target, places


def whole_knn_mean(similarity, k, axis):  # the whole-matrix k-NN mean, as it was computed before
    size = similarity.shape[axis]
    if size == 0:
        return np.zeros(similarity.shape[1 - axis], dtype=similarity.dtype)
    top_k = max(1, min(k, size))
    top = -np.partition(-similarity, top_k - 1, axis=axis)
    return (top[:top_k] if axis == 0 else top[:, :top_k]).sum(axis=axis) / max(k, 1)


def whole_candidates(S, T, source, target, params, source_positions=None, target_positions=None):
    """mining.candidates as it was before blocks: every derived matrix made whole."""
    rows = [i for i, text in enumerate(source) if mining.letters(text) >= params.min_letters]
    columns = [j for j, text in enumerate(target) if mining.letters(text) >= params.min_letters]
    if not rows or not columns:
        return []
    cos = (S @ T.T)[np.ix_(rows, columns)]
    row_knn, column_knn = whole_knn_mean(cos, params.k, 1), whole_knn_mean(cos, params.k, 0)
    margin = cos / np.maximum((row_knn[:, None] + column_knn[None, :]) / 2, 1e-6)
    found = [(float(margin[a, b]), float(cos[a, b]), (rows[a],), (columns[b],))
             for a, b in zip(*np.nonzero(mining._passing(params, margin, cos, row_knn, column_knn)))]
    nearest_row, nearest_column = cos.argmax(axis=1), cos.argmax(axis=0)
    for side in (1, 0):
        vectors, others, kept, texts, positions = (T, S, columns, target, target_positions) if side else \
            (S, T, rows, source, source_positions)
        starts = np.array([a for a in range(len(kept) - 1)
                           if kept[a + 1] == kept[a] + 1 and mining.adjacent(positions, kept[a + 1])], dtype=np.int64)
        if not len(starts):
            continue
        weights = np.array([len(texts[i]) for i in kept], dtype=np.float32)
        lines = np.asarray(kept)
        merged = np.empty((len(others), len(starts)), dtype=np.float32)
        for low in range(0, len(starts), mining.RUN_CHUNK):
            part = starts[low:low + mining.RUN_CHUNK]
            sums = weights[part, None] * vectors[lines[part]] + weights[part + 1, None] * vectors[lines[part + 1]]
            merged[:, low:low + len(part)] = others @ (sums / np.maximum(np.linalg.norm(sums, axis=1, keepdims=True),
                                                                          1e-12)).T
        merged = merged[rows] if side else merged[columns]
        first, second = (cos[:, starts], cos[:, starts + 1]) if side else (cos[starts, :].T, cos[starts + 1, :].T)
        own_knn, other_knn = (row_knn if side else column_knn), whole_knn_mean(merged, params.k, 0)
        nearest = nearest_column if side else nearest_row
        good = (np.minimum(first, second) >= params.merge_part) & \
            (merged >= np.maximum(first, second) + params.merge_gain)
        other = np.arange(merged.shape[0])[:, None]
        good &= (nearest[starts][None, :] == other) & (nearest[starts + 1][None, :] == other)
        margins = merged / np.maximum((own_knn[:, None] + other_knn[None, :]) / 2, 1e-6)
        good &= mining._passing(params, margins, merged, own_knn, other_knn)
        for x, r in zip(*np.nonzero(good)):
            a = int(starts[r])
            found.append((float(margins[x, r]), float(merged[x, r]), *(
                ((rows[x],), (columns[a], columns[a + 1])) if side else ((rows[a], rows[a + 1]), (columns[x],)))))
    return found


LOOSER = mining.MiningParams(margin_threshold=0.8, min_side_margin=0.8, min_cosine=0.1, min_confidence=0.0,
                             merge_part=0.05, merge_gain=0.0)


@pytest.mark.parametrize("cells", [1, 5, 64, WHOLE])
def test_mining_by_blocks_finds_the_whole_matrix_candidates_to_the_bit(monkeypatch, cells):
    monkeypatch.setattr(mining, "RUN_CHUNK", 16)  # several chunks of runs as well
    found = 0
    for seed, (n, m) in enumerate(SHAPES * 2):
        S, T, source, target, places = random_pair(seed, n, m)
        for params in (mining.DEFAULT, mining.LOOSE, LOOSER, linkmodel.LOOSE):
            expected = whole_candidates(S, T, source, target, params, *places)
            monkeypatch.setattr(blocks, "BLOCK_CELLS", cells)
            got = [(c.margin, c.cosine, c.src, c.tgt) for c in mining.candidates(S, T, source, target, params, *places)]
            monkeypatch.setattr(blocks, "BLOCK_CELLS", WHOLE)
            assert got == expected  # the same candidates, in the same order, with the same floats
            found += len(expected)
    assert found > 1000  # merges included: the pairs are not all noise


@pytest.mark.parametrize("cells", [1, 7, 300])
def test_the_link_model_decides_the_same_links_and_scores_by_blocks(monkeypatch, cells):
    def decided():
        links, near = linkmodel.decide(S, T, source, target, None, *places)
        features = [(c.src, c.tgt, c.features) for c in linkmodel.candidate_features(S, T, source, target, *places)]
        return [(x.src, x.tgt, x.score, x.margin, x.cosine) for x in links + near], features

    linked = 0
    for seed, (n, m) in enumerate(SHAPES):
        S, T, source, target, places = random_pair(100 + seed, n, m)
        whole = decided()  # one block holds these whole matrices
        monkeypatch.setattr(blocks, "BLOCK_CELLS", cells)
        assert decided() == whole
        monkeypatch.setattr(blocks, "BLOCK_CELLS", WHOLE)
        linked += len(whole[0])
    assert linked > 50


@pytest.mark.parametrize("cells", [1, 3, 50, WHOLE])
def test_block_helpers_equal_numpy_on_the_whole_matrix(monkeypatch, cells):
    rng = np.random.default_rng(5)
    monkeypatch.setattr(blocks, "BLOCK_CELLS", cells)
    for n, m in [(97, 5), (5, 97), (1, 9), (9, 1), (30, 30)]:
        matrix = rng.standard_normal((n, m)).astype(np.float32)
        for axis in (0, 1):
            assert np.array_equal(mining.knn_mean(matrix, 4, axis), whole_knn_mean(matrix, 4, axis))
            assert np.array_equal(blocks.argmax(matrix, axis), matrix.argmax(axis=axis))
            kth = min(2, matrix.shape[axis] - 1)
            assert np.array_equal(blocks.kth_largest(matrix, kth, axis),
                                  np.take(-np.partition(-matrix, kth, axis=axis), kth, axis=axis))
        rows = sorted(rng.choice(n, max(1, n // 2), replace=False).tolist())
        columns = sorted(rng.choice(m, max(1, m // 3), replace=False).tolist())
        expected = matrix[np.ix_(rows, columns)]
        assert np.array_equal(blocks.kept(matrix.copy(), rows, columns), expected)
        assert np.array_equal(blocks.kept(matrix.copy(), rows), matrix[rows])
        assert blocks.kept(matrix, range(n)) is matrix  # all rows: the matrix itself, no copy


def test_a_long_text_against_a_short_one_holds_no_second_cosine_matrix():
    """Mining a 20,000 x 20 pair: its peak beyond the vectors stays near one float32 cosine
    matrix and the merged runs' (4 bytes a cell each), where the whole-matrix code held several
    float32 and float64 copies (about 80 bytes a cell)."""
    import tracemalloc

    S, T, source, target, places = random_pair(7, 20_000, 20, dimension=64)
    source = ["a line long enough to be kept"] * len(source)
    target = ["a line long enough to be kept"] * len(target)
    mining.candidates(S, T, source, target, linkmodel.LOOSE)  # warm (the letters cache)
    tracemalloc.start()
    try:
        mining.candidates(S, T, source, target, linkmodel.LOOSE)
        linkmodel.candidate_features(S, T, source, target, mined_links=[])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    cells = S.shape[0] * T.shape[0]
    # two n x m float32 matrices, the runs' chunk (RUN_CHUNK x dimension, a few copies) and slack
    assert peak < 2 * 4 * cells + 6 * mining.RUN_CHUNK * 64 * 4 + 2_000_000 + 40 * len(S)
