"""Beads: parsing, formatting, strict and lax counts."""

from __future__ import annotations

import pytest

from annotator.core.align.beads import count, parse_beads


def test_parse_and_format_beads():
    beads = parse_beads("[0]:[0, 1]\n[1, 2]:[2]\n[]:[3]\n[3]:[]:0.5\n")
    assert [b.format() for b in beads] == ["[0]:[0, 1]", "[1, 2]:[2]", "[]:[3]", "[3]:[]"]
    with pytest.raises(ValueError, match="line 1"):
        parse_beads("0:0")


def test_strict_and_lax_counts_by_hand():
    gold = parse_beads("[0]:[0]\n[1]:[1, 2]\n[2]:[]\n[3, 4]:[3]\n[]:[4]")
    predicted = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[]\n[3]:[3]\n[4]:[]\n[]:[4]")
    counts = count(predicted, gold)
    # precision over all 7 predicted beads: strict [0]:[0], [2]:[], []:[4]; lax adds [1]:[1], [3]:[3]
    assert (counts.predicted, counts.strict_correct, counts.lax_correct) == (7, 3, 5)
    # recall over the 3 gold beads with both sides: strict [0]:[0]; lax adds [1]:[1,2] and [3,4]:[3]
    assert (counts.gold, counts.strict_recalled, counts.lax_recalled) == (3, 1, 3)
    scores = (counts + counts).scores()  # micro-averaging sums counts: same ratios
    assert scores["strict_p"] == pytest.approx(3 / 7) and scores["strict_r"] == pytest.approx(1 / 3)
    assert scores["lax_f1"] == pytest.approx(2 * (5 / 7) * 1 / (5 / 7 + 1))


def test_predicted_null_bead_not_in_gold_is_never_correct():
    counts = count(parse_beads("[0]:[]\n[]:[0]"), parse_beads("[0]:[0]"))
    assert (counts.strict_correct, counts.lax_correct, counts.lax_recalled) == (0, 0, 0)


# ----------------------------------------------------------------------------- DP and anchors
