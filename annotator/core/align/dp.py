"""Banded dynamic programming over beads: the path through the (source x target) grid that
maximises the summed bead scores.

The DP visits only a band of cells per source row (from the anchors), so time and memory
grow with the band's area, about linearly with document length, not with n x m. Rows are
vectorised with numpy; runs of target-only beads (0-1) use a running maximum, so each row is
a handful of array operations whatever its width.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

# A scorer gives the scores of beads (a, b) ending at row i, for every column j in `columns`
# (the bead covers source sentences i-a .. i-1 and target sentences j-b .. j-1), for several
# b at once: b comes as a column vector, and the result has one row per b. Written with numpy
# broadcasting, the same scorer also takes a single b.
BeadScorer = Callable[[int, int, int, np.ndarray], np.ndarray]
NEG = -1e18


@dataclass(frozen=True)
class Band:
    """For each row i (0..n), the inclusive column range [low[i], high[i]] the path may use."""

    low: np.ndarray
    high: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> "Band":
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64))

    def cells(self) -> int:
        return int((self.high - self.low + 1).sum())


def best_path(n: int, m: int, bead_types: Sequence[tuple[int, int]], score: BeadScorer,
              skip_source: np.ndarray, skip_target: np.ndarray, band: Band) -> list[tuple[int, int, int, int]]:
    """The best sequence of beads as (i_start, i_end, j_start, j_end) spans.

    `bead_types` lists the (a, b) with a, b >= 1; the null beads 1-0 and 0-1 are always
    allowed, scored skip_source[i] (for source sentence i) and skip_target[j]. All shapes with
    the same a are scored in one call: `score(a, bs, i, columns)` gets `bs` as a column vector
    and returns (or broadcasts to) one row of scores per b."""
    types = [(1, 0)] + [t for t in bead_types if t[0] >= 1 and t[1] >= 1]
    by_source_size: dict[int, list[int]] = {}
    for kind, (a, b) in enumerate(types[1:], start=1):
        by_source_size.setdefault(a, []).append(kind)
    groups = [(a, np.array(kinds, dtype=np.int8), np.array([types[k][1] for k in kinds])[:, None])
              for a, kinds in sorted(by_source_size.items())]
    skip_target_cum = np.concatenate([[0.0], np.cumsum(skip_target)])  # S[j] = sum of skips of 0..j-1
    rows: list[np.ndarray] = []
    backs: list[np.ndarray] = []
    for i in range(n + 1):
        low, high = int(band.low[i]), int(band.high[i])
        columns = np.arange(low, high + 1)
        best = np.full(len(columns), NEG)
        back = np.full(len(columns), -1, dtype=np.int8)
        if i == 0:
            if low == 0:
                best[0] = 0.0
        else:
            # 1-0: skip source sentence i-1
            previous, prev_low = rows[i - 1], int(band.low[i - 1])
            index = columns - prev_low
            valid = (index >= 0) & (index < len(previous))
            if valid.any():
                candidate = np.where(valid, previous[np.clip(index, 0, len(previous) - 1)], NEG) + skip_source[i - 1]
                better = candidate > best
                best[better], back[better] = candidate[better], 0
            for a, kinds, sizes in groups:
                if i - a < 0:
                    continue
                previous, prev_low = rows[i - a], int(band.low[i - a])
                index = columns[None, :] - sizes - prev_low  # (shapes, columns)
                valid = (index >= 0) & (index < len(previous))
                if not valid.any():
                    continue
                base = np.where(valid, previous[np.clip(index, 0, len(previous) - 1)], NEG)
                reachable = base > NEG / 2
                if not reachable.any():
                    continue
                candidate = np.where(reachable, base + score(a, sizes, i, columns), NEG)
                pick = candidate.argmax(axis=0)
                top = candidate[pick, np.arange(len(columns))]
                better = top > best
                best[better] = top[better]
                back[better] = kinds[pick[better]]
        # 0-1 beads within the row: D[j] = max(best[j], D[j-1] + skip_target[j-1]).
        offset = skip_target_cum[columns]
        running = np.maximum.accumulate(best - offset)
        improved = running > best - offset + 1e-12
        best = np.where(improved, running + offset, best)
        back[improved] = len(types)  # the 0-1 bead
        rows.append(best)
        backs.append(back)
    if not (band.low[n] <= m <= band.high[n]) or rows[n][m - band.low[n]] <= NEG / 2:
        raise ValueError("no alignment path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        kind = int(backs[i][j - band.low[i]])
        a, b = (0, 1) if kind == len(types) else types[kind]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path
