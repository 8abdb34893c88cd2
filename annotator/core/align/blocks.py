"""Matrices derived from a pair's cosine matrix (n x m: a long text's lines against a short
one's), made a block of whole rows or columns at a time, so that a long text's pair holds its
cosine matrix once and never a second n x m copy (a partition, a transposed argmax, a selection
of rows). Each row or column is computed whole, by the same numpy calls as on the whole matrix,
so the results are the whole matrix's to the bit. (The cosines themselves must stay one product:
a block's product differs from the whole one's in the last bits with OpenBLAS.)"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

BLOCK_CELLS = 1 << 16  # cells of a block (256 KB of float32; their float64 temporaries a few times that)


def step(length: int) -> int:
    """Rows (or columns) of `length` cells in a block."""
    return max(1, BLOCK_CELLS // max(length, 1))


def lanes(size: int, length: int) -> range:
    """Starts of the blocks of `size` rows (or columns) of `length` cells each."""
    return range(0, size, step(length))


def lane_block(matrix: np.ndarray, axis: int, start: int) -> np.ndarray:
    """Whole lanes along `axis` from `start` (rows for axis 1, columns for axis 0)."""
    width = step(matrix.shape[axis])
    return matrix[start:start + width] if axis == 1 else matrix[:, start:start + width]


def kth_largest(similarity: np.ndarray, kth: int, axis: int) -> np.ndarray:
    """The kth largest value (0: the largest) of each lane along `axis`, a block at a time."""
    out = np.empty(similarity.shape[1 - axis], dtype=similarity.dtype)
    for start in lanes(len(out), similarity.shape[axis]):
        part = -np.partition(-lane_block(similarity, axis, start), kth, axis=axis)
        out[start:start + part.shape[1 - axis]] = part[kth] if axis == 0 else part[:, kth]
    return out


def argmax(similarity: np.ndarray, axis: int) -> np.ndarray:
    """`similarity.argmax(axis)`, a block at a time (along columns numpy copies the matrix)."""
    out = np.empty(similarity.shape[1 - axis], dtype=np.intp)
    for start in lanes(len(out), similarity.shape[axis]):
        part = lane_block(similarity, axis, start).argmax(axis=axis)
        out[start:start + len(part)] = part
    return out


def kept(matrix: np.ndarray, rows: Sequence[int], columns: Sequence[int] | None = None) -> np.ndarray:
    """`matrix[np.ix_(rows, columns)]` for increasing indices, written over the matrix's own
    memory a block of rows at a time instead of into a second matrix (row k comes from row
    rows[k] >= k, so no row is overwritten before it is read). The matrix is C-contiguous."""
    width = matrix.shape[1] if columns is None else len(columns)
    if len(rows) == len(matrix) and width == matrix.shape[1]:
        return matrix
    flat, rows = matrix.reshape(-1), np.asarray(rows, dtype=np.intp)
    for start in lanes(len(rows), matrix.shape[1]):
        part = matrix[rows[start:start + step(matrix.shape[1])]]
        if columns is not None:
            part = part[:, columns]
        flat[start * width:(start + len(part)) * width] = part.reshape(-1)
    return flat[:len(rows) * width].reshape(len(rows), width)
