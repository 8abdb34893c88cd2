"""The banded DP over bead scores."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.align.dp import Band, best_path


def _diagonal_scorer(a, b, i, columns):
    # 1-1 beads on the diagonal score 1, everything else scores badly
    return np.where((a == 1) & (b == 1) & (columns == i), 1.0, -1.0)


def test_dp_finds_the_diagonal_and_null_beads():
    path = best_path(4, 4, [(1, 1), (1, 2), (2, 1)], _diagonal_scorer, np.full(4, -0.1), np.full(4, -0.1),
                     Band.full(4, 4))
    assert path == [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3), (3, 4, 3, 4)]

    def shifted(a, b, i, columns):  # target sentence 0 has no counterpart
        return np.where((a == 1) & (b == 1) & (columns == i + 1), 1.0, -1.0)

    path = best_path(3, 4, [(1, 1)], shifted, np.full(3, -0.1), np.full(4, -0.1), Band.full(3, 4))
    assert path[0] == (0, 0, 0, 1) and len(path) == 4


def test_dp_respects_the_band():
    band = Band(np.array([0, 0, 1, 2, 3]), np.array([1, 2, 3, 4, 4]))
    path = best_path(4, 4, [(1, 1)], _diagonal_scorer, np.full(4, -0.1), np.full(4, -0.1), band)
    assert [step[3] for step in path] == [1, 2, 3, 4]
    with pytest.raises(ValueError, match="no alignment path"):
        best_path(2, 2, [(1, 1)], _diagonal_scorer, np.zeros(2), np.zeros(2),
                  Band(np.array([0, 0, 0]), np.array([0, 0, 1])))
