"""Banded dynamic programming over beads: the path through the (source x target) grid that
maximises the summed bead scores.

The DP visits only a band of cells per source row (from the anchors), so time and memory
grow with the band's area, about linearly with document length, not with n x m. Rows are
vectorised with numpy; runs of target-only beads (0-1) use a running maximum, so each row is
a handful of array operations whatever its width.

best_path asks the scorer for one row and one source run length at a time (the embedding
engine); best_path_blocked finds the same path from scores of a whole block of rows and every
bead shape at once (the length engine, whose scores are cheap to compute in bulk).
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
PROGRESS_ROWS = 2000  # rows of the DP between two progress reports


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
              skip_source: np.ndarray, skip_target: np.ndarray, band: Band,
              progress: Callable[[float], None] | None = None) -> list[tuple[int, int, int, int]]:
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
    # only the rows a bead can reach back to are kept (a long document's DP holds a few rows,
    # not one array per row); the back-pointers of every row, one byte a cell, in one array
    reach = max([1] + [a for a, _ in types])
    rows: list[np.ndarray | None] = []
    starts = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(np.asarray(band.high[:n + 1], dtype=np.int64) - np.asarray(band.low[:n + 1], dtype=np.int64) + 1,
              out=starts[1:])
    backs = np.empty(int(starts[-1]), dtype=np.int8)
    for i in range(n + 1):
        if progress is not None and i % PROGRESS_ROWS == 0 and i:
            progress(i / (n + 1))  # a long document's DP takes a while
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
        backs[starts[i]:starts[i + 1]] = back
        if i >= reach:
            rows[i - reach] = None
    if not (band.low[n] <= m <= band.high[n]) or rows[n][m - band.low[n]] <= NEG / 2:
        raise ValueError("no alignment path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        kind = int(backs[starts[i] + j - band.low[i]])
        a, b = (0, 1) if kind == len(types) else types[kind]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path


# A block scorer gives the scores of beads `shapes[t]` ending at rows first_row .. first_row+R-1
# and columns low[r] .. low[r]+width-1, as an array (R, len(shapes), width):
# score(shapes, first_row, low, high, width). Cells past high[r] are ignored (but must not fail:
# clip columns to m); beads reaching before row 0 or column 0 too.
BlockScorer = Callable[[list[tuple[int, int]], int, np.ndarray, np.ndarray, int], np.ndarray]


def best_path_blocked(n: int, m: int, bead_types: Sequence[tuple[int, int]], score: BlockScorer,
                      skip_source: np.ndarray, skip_target: np.ndarray, band: Band,
                      block_cells: int = 1 << 17) -> list[tuple[int, int, int, int]]:
    """The same path as best_path (same scores, same tie-breaking), for scorers that score a
    whole block of band rows at once: all bead shapes of a cell are one (shapes, width) array,
    and a row costs a dozen numpy calls whatever the number of shapes.

    Rows are stored at a fixed width with padding, so the cells a shape (a, b) reads from row
    i-a are one gather; only the last max(a)+1 rows of values are kept (a ring), plus the
    back-pointers (one byte a cell). Scores are computed per block of about `block_cells`."""
    shapes = sorted((t for t in bead_types if t[0] >= 1 and t[1] >= 1), key=lambda t: t[0])  # stable
    kinds = [(1, 0)] + shapes
    zero_one = len(kinds)
    low = np.asarray(band.low, dtype=np.int64)
    high = np.asarray(band.high, dtype=np.int64)
    width = high - low + 1
    if len(low) != n + 1 or (width < 1).any():
        raise ValueError("the band needs one non-empty column range per row 0..n")
    w = int(width.max())
    a_of = np.array([a for a, _ in kinds], dtype=np.int64)
    b_of = np.array([b for _, b in kinds], dtype=np.int64)
    ring = int(a_of.max()) + 1
    # read offsets: row i, shape (a, b), cell k reads row i-a at cell k + low[i] - low[i-a] - b
    rows_all = np.arange(n + 1)
    previous = rows_all[:, None] - a_of[None, :]
    shift = low[:, None] - low[np.maximum(previous, 0)] - b_of[None, :]
    shift = np.where(previous >= 0, shift, 0)
    left = int(b_of.max())
    right = max(int(shift.max()), 0)
    padded = left + w + right
    values = np.full((ring + 1, padded), NEG)  # slot `ring` stays NEG: the rows before row 0
    flat = values.reshape(-1)
    backs = np.empty((n + 1, w), dtype=np.int8)
    skip_target_cum = np.concatenate([[0.0], np.cumsum(skip_target)])
    cells = np.arange(w)

    def finish_row(i: int, best: np.ndarray, back: np.ndarray, offset: np.ndarray) -> None:
        # 0-1 beads within the row: D[j] = max(best[j], D[j-1] + skip_target[j-1]).
        moved = best - offset
        running = np.maximum.accumulate(moved)
        improved = running > moved + 1e-12
        np.putmask(best, improved, running + offset)
        back[improved] = zero_one
        best[width[i]:] = NEG
        values[i % ring, left:left + w] = best
        backs[i] = back

    def offsets(first: int, last: int) -> np.ndarray:
        return skip_target_cum[np.minimum(low[first:last, None] + cells, m)]

    best = np.full(w, NEG)
    if low[0] == 0:
        best[0] = 0.0
    finish_row(0, best, np.full(w, -1, dtype=np.int8), offsets(0, 1)[0])
    per_block = max(4, block_cells // (len(kinds) * w))
    for first in range(1, n + 1, per_block):
        last = min(first + per_block, n + 1)
        rows = rows_all[first:last]
        scores = np.empty((len(rows), len(kinds), w))
        scores[:, 0, :] = skip_source[rows - 1, None]
        if shapes:
            scores[:, 1:, :] = score(shapes, first, low[first:last], high[first:last], w)
        before = previous[first:last]
        start = np.where(before >= 0, (before % ring) * padded + left + shift[first:last], ring * padded + left)
        index = start[:, :, None] + cells  # (rows, kinds, w) positions in `flat`
        offset = offsets(first, last)
        for r, i in enumerate(rows.tolist()):
            candidate = flat.take(index[r])
            candidate += scores[r]
            finish_row(i, candidate.max(axis=0), candidate.argmax(axis=0).astype(np.int8), offset[r])
    end = m - low[n]
    if not (0 <= end < width[n]) or values[n % ring, left + end] <= NEG / 2:
        raise ValueError("no alignment path inside the band")
    path = []
    i, j = n, m
    while i > 0 or j > 0:
        kind = int(backs[i][j - low[i]])
        a, b = (0, 1) if kind == zero_one else kinds[kind]
        path.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    path.reverse()
    return path
