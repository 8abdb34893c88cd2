"""The rule tests/benchmarks/fit_link_model.py ships operating points by: on every dev level,
precision at most TOLERANCE below the veto-only model's and recall not below it (issue 25: no
level worse than today)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from fit_link_model import TOLERANCE, within_floors  # noqa: E402

BEFORE = {"light": {"pair_p": 0.975, "pair_r": 0.594}, "hard": {"pair_p": 0.931, "pair_r": 0.487}}


def _with(level, p, r):
    return {**BEFORE, level: {"pair_p": p, "pair_r": r}}


def test_more_recall_at_the_same_precision_may_ship():
    assert within_floors(_with("hard", 0.931, 0.501), BEFORE)
    assert within_floors(_with("hard", 0.931 - TOLERANCE + 1e-9, 0.501), BEFORE)


def test_a_level_losing_more_precision_than_the_tolerance_may_not_ship():
    assert not within_floors(_with("light", 0.975 - TOLERANCE - 0.001, 0.640), BEFORE)


def test_a_level_losing_recall_may_not_ship_however_precise():
    assert not within_floors(_with("hard", 0.990, 0.486), BEFORE)
