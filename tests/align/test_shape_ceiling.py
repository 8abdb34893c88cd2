"""The recall ceiling tests/benchmarks/shape_ceiling.py states: the most gold pairs of one gold
component that disjoint links of the product's shapes (runs of adjacent lines) can cover."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from shape_ceiling import TODAY, TWO, WIDER, ceiling  # noqa: E402


def _complete(source, target):
    return {(s, t) for s in source for t in target}


def test_a_one_to_two_component_is_covered_whole_by_one_link():
    gold = _complete((4,), (7, 8))
    assert ceiling((4,), (7, 8), gold, TWO) == 2


def test_three_by_three_needs_a_three_by_three_link():
    gold = _complete((0, 1, 2), (0, 1, 2))
    assert ceiling((0, 1, 2), (0, 1, 2), gold, TWO) == 4  # a 1-2 link and a 2-1 link
    assert ceiling((0, 1, 2), (0, 1, 2), gold, TODAY) == 5  # 2-2 + 1-1
    assert ceiling((0, 1, 2), (0, 1, 2), gold, WIDER) == 9


def test_lines_that_are_not_neighbours_cannot_share_a_link():
    gold = _complete((3,), (1, 5))  # a block moved between the two target lines
    assert ceiling((3,), (1, 5), gold, WIDER) == 1


def test_a_link_with_a_pair_outside_the_gold_does_not_count():
    gold = {(0, 0), (0, 1), (1, 1)}  # 1 and 0 are not a gold pair: no 2-2 link
    assert ceiling((0, 1), (0, 1), gold, TODAY) == 2  # 0 to 0-1 (a 1-2 link), 1 then left without a partner
