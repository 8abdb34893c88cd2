"""The mining aligner for retellings (annotator/core/align/mining.py), on hand-made vectors:
no encoder, no model."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.align import mining
from annotator.core.align.beads import Bead

DIMENSION = 32


def vector(**weights: float) -> np.ndarray:
    """A unit vector from weights on named basis directions: vector(a=0.7, hub=0.6, rest=0.39)."""
    out = np.zeros(DIMENSION, dtype=np.float32)
    for name, weight in weights.items():
        out[_axis(name)] += weight
    return out / np.linalg.norm(out)


_AXES: dict[str, int] = {}


def _axis(name: str) -> int:
    return _AXES.setdefault(name, len(_AXES))


def texts(count: int, prefix: str = "sentence") -> list[str]:
    """Lines long enough not to be left out (the length weights of merged runs stay equal)."""
    return [f"{prefix} number {chr(ord('a') + k)} of the story here" for k in range(count)]


def links(beads) -> set[tuple[tuple[int, ...], tuple[int, ...]]]:
    return {(b.src, b.tgt) for b in beads}


def test_clear_pairs_are_linked_and_the_rest_stays_unmatched():
    source = np.stack([vector(a=1), vector(b=1), vector(c=1)])
    target = np.stack([vector(b=0.9, noise1=0.44), vector(x=1), vector(a=0.9, noise2=0.44)])
    beads = mining.mine(source, target, texts(3), texts(3, "phrase"))
    assert links(beads) == {((0,), (2,)), ((1,), (0,))}  # out of order: no monotone DP
    assert all(isinstance(b, Bead) and 0.9 < b.score <= 1 for b in beads)


def test_a_hub_that_is_everybodys_second_best_is_not_linked():
    # Targets y1..y4 each match one source at cos 0.7; the hub h is every source's second best
    # (cos 0.6), and the best match of x0, a source with no counterpart.
    source = np.stack([vector(hub=0.6, own0=0.8)] +
                      [vector(**{f"y{i}": 0.7, "hub": 0.6, f"own{i}": 0.39}) for i in range(1, 5)])
    target = np.stack([vector(hub=1)] + [vector(**{f"y{i}": 1}) for i in range(1, 5)])
    beads = mining.mine(source, target, texts(5), texts(5, "phrase"))
    assert links(beads) == {((i,), (i,)) for i in range(1, 5)}
    # Cosine alone would link x0 with the hub (0.6), and so would the two-sided margin (1.6):
    cos = source @ target.T
    margin, rows, columns = mining.margin_matrix(cos, 4)
    assert cos[0, 0] > mining.DEFAULT.min_cosine and margin[0, 0] > mining.DEFAULT.margin_threshold
    # ...but on the hub's side its cosine is no higher than its k-NN mean.
    assert cos[0, 0] / columns[0] < mining.DEFAULT.min_side_margin


def test_content_split_over_two_adjacent_sentences_is_one_1_2_link():
    source = np.stack([vector(a=1, b=1), vector(c=1), vector(d=1)])
    target = np.stack([vector(c=0.9, n1=0.44), vector(a=1, n2=0.3), vector(b=1, n3=0.3), vector(e=1)])
    beads = mining.mine(source, target, texts(3), texts(4, "phrase"))
    assert links(beads) == {((0,), (1, 2)), ((1,), (0,))}
    merged = next(b for b in beads if b.tgt == (1, 2))
    assert merged.cosine > 0.9 and merged.score > 0.9


def test_two_adjacent_source_sentences_make_a_2_1_link():
    source = np.stack([vector(c=1), vector(a=1, n1=0.3), vector(b=1, n2=0.3)])
    target = np.stack([vector(a=1, b=1), vector(c=0.9, n3=0.44), vector(e=1)])
    beads = mining.mine(source, target, texts(3), texts(3, "phrase"))
    assert links(beads) == {((1, 2), (0,)), ((0,), (1,))}


def test_no_merge_when_the_neighbour_adds_nothing():
    source = np.stack([vector(a=1), vector(c=1)])
    target = np.stack([vector(a=0.9, n1=0.44), vector(z=1), vector(c=0.9, n2=0.44)])
    beads = mining.mine(source, target, texts(2), texts(3, "phrase"))
    assert links(beads) == {((0,), (0,)), ((1,), (2,))}
    assert mining.mine(source, target, texts(2), texts(3, "phrase"),
                       mining.MiningParams(merges=False)) == beads


def test_non_adjacent_lines_are_never_merged():
    # the two halves of the source's content are not next to each other in the target
    source = np.stack([vector(a=1, b=1)])
    target = np.stack([vector(a=1), vector(z=1), vector(b=1)])
    beads = mining.mine(source, target, texts(1), texts(3, "phrase"))
    assert all(len(b.tgt) == 1 for b in beads)


def test_short_lines_are_left_out():
    source = np.stack([vector(a=1), vector(b=1)])
    target = np.stack([vector(a=1), vector(b=1)])
    short = ["Verf.", "a long enough sentence about b"]
    beads = mining.mine(source, target, short, ["R.R. Quelle", "une phrase assez longue sur b"])
    assert links(beads) == {((1,), (1,))}  # indices stay those of the full lists
    assert links(mining.mine(source, target, texts(2), texts(2, "phrase"))) == {((0,), (0,)), ((1,), (1,))}


def test_confidence_is_a_probability_increasing_in_margin_and_cosine():
    margins = np.linspace(0.8, 3.0, 50)
    for cosine in (0.3, 0.5, 0.7, 0.9):
        values = mining.confidence(margins, cosine)
        assert np.all((values >= 0) & (values <= 1))
        assert np.all(np.diff(values) > 0)
    cosines = np.linspace(0.2, 1.0, 50)
    assert np.all(np.diff(mining.confidence(1.3, cosines)) > 0)
    assert isinstance(mining.confidence(1.3, 0.6), float)


def test_each_link_scores_its_confidence_and_no_sentence_is_linked_twice():
    rng = np.random.default_rng(7)
    source = rng.normal(size=(12, DIMENSION)).astype(np.float32)
    source /= np.linalg.norm(source, axis=1, keepdims=True)
    target = source[::-1] + 0.3 * rng.normal(size=(12, DIMENSION)).astype(np.float32)
    target /= np.linalg.norm(target, axis=1, keepdims=True)
    beads = mining.mine(source, target, texts(12), texts(12, "phrase"))
    assert len(beads) >= 8
    assert all(b.score == pytest.approx(mining.confidence(b.margin, b.cosine)) for b in beads)
    used_src = [i for b in beads for i in b.src]
    used_tgt = [j for b in beads for j in b.tgt]
    assert len(used_src) == len(set(used_src)) and len(used_tgt) == len(set(used_tgt))
    assert all(b.src == (11 - b.tgt[0],) for b in beads if len(b.src) == len(b.tgt) == 1)


def test_empty_and_mismatched_inputs():
    empty = np.zeros((0, DIMENSION), dtype=np.float32)
    one = np.stack([vector(a=1)])
    assert mining.mine(empty, one, [], texts(1)) == []
    assert mining.mine(one, empty, texts(1), []) == []
    with pytest.raises(ValueError):
        mining.mine(one, one, texts(2), texts(1))
