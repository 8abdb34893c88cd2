"""Anchors: confident 1-1 sentence pairs that the DP must pass near, found without a full
n x m DP (chunked similarity, top-k neighbours, a monotone max-weight chain)."""

from __future__ import annotations

import numpy as np

from annotator.core.align.dp import Band


def top_neighbours(source: np.ndarray, target: np.ndarray, k: int = 3, chunk: int = 256):
    """(i, j, similarity) for each source sentence's k most similar target sentences,
    computed in row chunks so memory stays at chunk x m."""
    pairs = []
    k = min(k, len(target))
    if k == 0:
        return pairs
    for start in range(0, len(source), chunk):
        sims = source[start:start + chunk] @ target.T
        best = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        for row, columns in enumerate(best):
            for j in columns.tolist():
                pairs.append((start + row, j, float(sims[row, j])))
    return pairs


def reciprocal_rate(source: np.ndarray, target: np.ndarray, chunk: int = 256,
                    source_rows: np.ndarray | None = None, target_columns: np.ndarray | None = None) -> float:
    """Share of source sentences whose nearest target sentence has them as its nearest source
    sentence: high when the model understands both languages, low when it does not. Only the
    lines in the boolean masks `source_rows` / `target_columns` take part (default: all), so a
    long document's vectors are not copied to leave a few lines out."""
    keep_rows = np.ones(len(source), dtype=bool) if source_rows is None else np.asarray(source_rows, dtype=bool)
    keep_columns = np.ones(len(target), dtype=bool) if target_columns is None else np.asarray(target_columns, dtype=bool)
    if not keep_rows.any() or not keep_columns.any():
        return 0.0
    forward = np.empty(len(source), dtype=np.int64)
    backward_best = np.full(len(target), -np.inf)
    backward = np.zeros(len(target), dtype=np.int64)
    for start in range(0, len(source), chunk):
        sims = source[start:start + chunk] @ target.T
        sims[:, ~keep_columns] = -np.inf
        sims[~keep_rows[start:start + chunk], :] = -np.inf
        forward[start:start + len(sims)] = sims.argmax(axis=1)
        column_best = sims.max(axis=0)
        better = column_best > backward_best
        backward[better] = sims.argmax(axis=0)[better] + start
        backward_best[better] = column_best[better]
    mutual = backward[forward] == np.arange(len(source))
    return float(mutual[keep_rows].mean())


def monotone_chain(pairs: list[tuple[int, int, float]], threshold: float) -> list[tuple[int, int]]:
    """The heaviest chain of pairs increasing in both i and j (weights: similarity above
    `threshold`), by a weighted longest-increasing-subsequence over a Fenwick tree."""
    candidates = sorted(((i, j, s - threshold) for i, j, s in pairs if s > threshold), key=lambda p: (p[0], -p[1]))
    if not candidates:
        return []
    size = max(j for _, j, _ in candidates) + 2
    tree_value = [0.0] * (size + 1)
    tree_index = [-1] * (size + 1)
    best_value, parent = [], []

    def query(position: int) -> tuple[float, int]:  # max over columns < position
        value, index = 0.0, -1
        while position > 0:
            if tree_value[position] > value:
                value, index = tree_value[position], tree_index[position]
            position -= position & -position
        return value, index

    def update(position: int, value: float, index: int) -> None:
        position += 1
        while position <= size:
            if value > tree_value[position]:
                tree_value[position], tree_index[position] = value, index
            position += position & -position

    for index, (i, j, weight) in enumerate(candidates):
        previous_value, previous = query(j)
        best_value.append(previous_value + weight)
        parent.append(previous)
        update(j, best_value[-1], index)
    index = int(np.argmax(best_value))
    chain = []
    while index >= 0:
        chain.append(candidates[index][:2])
        index = parent[index]
    return chain[::-1]


def band_from_anchors(anchors: list[tuple[int, int]], n: int, m: int, margin: int) -> Band:
    """Rows between two consecutive anchors may use the columns between them, plus a margin."""
    points = [(0, 0)] + [(i, j) for i, j in anchors if 0 < i < n and 0 < j < m] + [(n, m)]
    low = np.full(n + 1, m, dtype=np.int64)
    high = np.zeros(n + 1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        rows = slice(max(0, i0 - margin), min(n, i1 + margin) + 1)
        low[rows] = np.minimum(low[rows], max(0, j0 - margin))
        high[rows] = np.maximum(high[rows], min(m, j1 + margin))
    # keep the band monotone so every row connects to the next
    low = np.minimum.accumulate(low[::-1])[::-1]
    high = np.maximum.accumulate(high)
    return Band(low, high)
