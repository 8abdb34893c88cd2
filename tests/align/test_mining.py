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


LOOSEST = mining.MiningParams(margin_threshold=0.0, min_side_margin=0.0, min_cosine=0.0, min_confidence=0.0)


def test_knn_mean_takes_the_k_largest_and_counts_missing_neighbours_as_zero():
    similarity = np.array([[0.9, 0.1, 0.2, 0.5, 0.3], [0.2, 0.8, 0.4, 0.0, 0.1]], dtype=np.float32)
    assert mining.knn_mean(similarity, 2, 1) == pytest.approx([0.7, 0.6])  # (0.9+0.5)/2, (0.8+0.4)/2
    assert mining.knn_mean(similarity, 3, 1) == pytest.approx([1.7 / 3, 1.4 / 3])
    assert mining.knn_mean(similarity, 1, 1) == pytest.approx([0.9, 0.8])
    # two rows only: with k=4 the two missing neighbours count as 0
    assert mining.knn_mean(similarity, 4, 0) == pytest.approx([1.1 / 4, 0.9 / 4, 0.6 / 4, 0.5 / 4, 0.4 / 4])
    assert mining.knn_mean(np.array([[0.6], [0.2]]), 4, 1) == pytest.approx([0.15, 0.05])  # a one-line document
    assert mining.knn_mean(np.zeros((0, 3)), 4, 0).tolist() == [0, 0, 0]
    assert mining.knn_mean(np.zeros((2, 0)), 4, 1).tolist() == [0, 0]


def test_margin_matrix_divides_by_the_mean_of_both_knns():
    similarity = np.array([[0.8, 0.2], [0.4, 0.6]])
    margin, rows, columns = mining.margin_matrix(similarity, 1)
    assert rows == pytest.approx([0.8, 0.6]) and columns == pytest.approx([0.8, 0.6])
    assert margin == pytest.approx(np.array([[0.8 / 0.8, 0.2 / 0.7], [0.4 / 0.7, 0.6 / 0.6]]))


def test_a_candidate_exactly_at_every_threshold_passes():
    params = mining.MiningParams(margin_threshold=1.1, min_cosine=0.4, min_side_margin=1.0,
                                 min_confidence=mining.confidence(1.1, 0.4))
    at = np.array([[1.1]]), np.array([[0.4]]), np.array([0.4]), np.array([0.4])
    assert mining._passing(params, *at).tolist() == [[True]]
    below = [(np.array([[1.0999]]), *at[1:]), (at[0], np.array([[0.3999]]), *at[2:]),
             (*at[:2], np.array([0.4001]), at[3]), (*at[:3], np.array([0.4001]))]
    assert [mining._passing(params, *args).tolist() for args in below] == [[[False]]] * 4


def test_a_line_of_exactly_min_letters_letters_is_kept():
    source = np.stack([vector(a=1)])
    target = np.stack([vector(a=1)])
    twelve, eleven = "abc def-ghi jkl.", "abc def-ghi jk."
    assert links(mining.mine(source, target, [twelve], [twelve])) == {((0,), (0,))}
    assert mining.mine(source, target, [eleven], [twelve]) == []
    assert mining.mine(source, target, [twelve], [eleven]) == []


def test_runs_are_adjacent_kept_lines_merged_by_length():
    vectors = np.eye(3, dtype=np.float32)[[0, 1, 2, 2]]
    texts_by_index = ["x" * 3, "y" * 4, "z" * 20, "w" * 8]
    axes = np.eye(3, dtype=np.float32)  # the run's cosines with the axes: its coordinates
    runs = mining._runs(vectors, [0, 1, 3], texts_by_index, None, axes)  # line 2 left out: 1, 3 not adjacent
    assert next(runs).tolist() == [0]
    ((low, merged),) = list(runs)
    assert low == 0 and merged[:, 0] == pytest.approx([0.6, 0.8, 0.0])  # (3 * e0 + 4 * e1) / 5
    runs = mining._runs(vectors, [0, 2], texts_by_index, None, axes)
    assert next(runs).tolist() == [] and list(runs) == []


def test_a_merge_must_beat_its_better_line_by_merge_gain():
    # cos with line 0 is 0.924 and the merged run's is 0.924 too: no gain, no 1-2 candidate
    w = 2 ** 0.5 - 1
    source = np.stack([vector(a=1, b=w)])
    target = np.stack([vector(a=1), vector(b=1)])
    found = mining.candidates(source, target, texts(1), texts(2, "phrase"), LOOSEST)
    assert sorted((c.src, c.tgt) for c in found) == [((0,), (0,)), ((0,), (1,))]
    gainless = mining.MiningParams(**{**LOOSEST.__dict__, "merge_gain": -0.01})
    found = mining.candidates(source, target, texts(1), texts(2, "phrase"), gainless)
    assert ((0,), (0, 1)) in {(c.src, c.tgt) for c in found}


def test_a_merged_line_must_have_the_other_sentence_as_its_nearest():
    # target line 1 (b) is closer to source line 1 (b itself) than to the mixed line 0
    source = np.stack([vector(a=1, b=1), vector(b=1)])
    target = np.stack([vector(a=1), vector(b=1)])
    found = {(c.src, c.tgt) for c in mining.candidates(source, target, texts(2), texts(2, "phrase"), LOOSEST)}
    assert ((0,), (0, 1)) not in found
    anywhere = mining.MiningParams(**{**LOOSEST.__dict__, "merge_nearest": False})
    found = {(c.src, c.tgt) for c in mining.candidates(source, target, texts(2), texts(2, "phrase"), anywhere)}
    assert ((0,), (0, 1)) in found


def test_a_merged_runs_margin_uses_the_runs_own_knn():
    source = np.stack([vector(a=1, b=1)])
    target = np.stack([vector(a=1), vector(b=1)])
    merged = [c for c in mining.candidates(source, target, texts(1), texts(2, "phrase"), LOOSEST) if len(c.tgt) == 2]
    assert len(merged) == 1 and merged[0].cosine == pytest.approx(1.0)
    # row knn (0.707 + 0.707) / 4, the run's knn 1 / 4: margin 1 / ((0.354 + 0.25) / 2) = 8 (sqrt 2 - 1)
    assert merged[0].margin == pytest.approx(8 * (2 ** 0.5 - 1), rel=1e-4)


def test_a_2_1_link_is_found_when_the_target_has_no_adjacent_lines():
    source = np.stack([vector(a=1, n1=0.3), vector(b=1, n2=0.3)])
    target = np.stack([vector(a=1, b=1)])
    found = {(c.src, c.tgt) for c in mining.candidates(source, target, texts(2), texts(1, "phrase"), LOOSEST)}
    assert ((0, 1), (0,)) in found


def test_select_is_greedy_best_margin_first_and_one_to_one():
    C = mining.Candidate
    chosen = mining.select([C(1.2, 0.7, (1,), (1,)), C(2.0, 0.9, (0,), (0,)), C(1.5, 0.8, (0,), (1,)),
                            C(1.5, 0.6, (2,), (2,)), C(1.5, 0.9, (2,), (3,)),  # equal margins: higher cosine wins
                            C(1.1, 0.9, (3, 4), (2,)), C(1.0, 0.9, (5,), (4, 5))])
    assert [(link.src, link.tgt, link.margin, link.cosine) for link in chosen] == [
        ((0,), (0,), 2.0, 0.9), ((1,), (1,), 1.2, 0.7), ((2,), (3,), 1.5, 0.9), ((3, 4), (2,), 1.1, 0.9),
        ((5,), (4, 5), 1.0, 0.9)]


def test_candidate_links_are_every_passing_candidate_in_order():
    source = np.stack([vector(a=1), vector(b=1)])
    target = np.stack([vector(b=0.9, noise1=0.44), vector(a=0.9, noise2=0.44)])
    found = mining.candidate_links(source, target, texts(2), texts(2, "phrase"))
    # each true pair's cosine is 0.9/|(0.9, 0.44)| = 0.898, its knn (with k=4) a quarter of that
    assert [(c.src, c.tgt) for c in found] == [((0,), (1,)), ((1,), (0,))]
    assert [c.cosine for c in found] == pytest.approx([0.8984] * 2, abs=1e-4)
    assert [c.margin for c in found] == pytest.approx([4.0, 4.0])
    assert all(0.99 < c.score <= 1 for c in found)
    one_neighbour = mining.MiningParams(k=1, margin_threshold=1.0, min_side_margin=1.0, min_cosine=0.3,
                                        min_confidence=0.0)
    assert [c.margin for c in mining.candidate_links(source, target, texts(2), texts(2, "phrase"),
                                                     one_neighbour)] == pytest.approx([1.0, 1.0])
    assert mining.mine(source, target, texts(2), texts(2, "phrase"), mining.MiningParams(min_letters=100)) == []
    for call in (mining.mine, mining.candidate_links):
        with pytest.raises(ValueError, match="^one vector per sentence$"):
            call(source, target, texts(1), texts(2))
        with pytest.raises(ValueError, match="^one vector per sentence$"):
            call(source, target, texts(2), texts(3))


def test_a_merged_line_exactly_at_merge_part_still_counts():
    source = np.stack([vector(a=1, b=1)])
    target = np.stack([vector(a=1), vector(b=1)])
    part = float(source[0, _axis("a")])  # each target line's cosine with the source line, 1/sqrt 2
    at_part = mining.MiningParams(**{**LOOSEST.__dict__, "merge_part": part})
    found = {(c.src, c.tgt) for c in mining.candidates(source, target, texts(1), texts(2, "phrase"), at_part)}
    assert ((0,), (0, 1)) in found


def test_margin_matrix_takes_four_neighbours_by_default():
    margin, rows, columns = mining.margin_matrix(np.array([[0.8, 0.4]]))
    assert rows == pytest.approx([1.2 / 4]) and columns == pytest.approx([0.2, 0.1])
    assert margin == pytest.approx(np.array([[0.8 / 0.25, 0.4 / 0.2]]))


def _candidate(src, tgt, margin=1.02, cosine=0.35):
    return mining.Candidate(margin, cosine, tuple(src), tuple(tgt))


def _link(src, tgt):
    return mining.Link(tuple(src), tuple(tgt), 0.9, 1.3, 0.8)


def test_a_weak_pair_next_to_a_link_on_both_sides_joins_it():
    anchor = [_link([3], [7])]
    found = [_candidate([4], [8]), _candidate([2], [6]),  # after and before the link, on both sides
             _candidate([5], [12]),  # next to nothing linked
             _candidate([4], [9])]  # after the link on one side only
    assert links(mining.with_neighbours(anchor, found)) == {((3,), (7,)), ((4,), (8,)), ((2,), (6,))}


def test_neighbours_grow_a_run_step_by_step_best_margin_first_and_one_to_one():
    anchor = [_link([0], [0])]
    found = [_candidate([2], [2], margin=1.05), _candidate([1], [1], margin=1.01),
             _candidate([1], [2], margin=1.2)]  # the best margin, but not next to the link on both sides
    grown = mining.with_neighbours(anchor, found)
    assert links(grown) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}  # (2, 2) follows (1, 1) once it is in
    assert [b.src for b in grown] == [(0,), (1,), (2,)]
    taken = mining.with_neighbours(anchor, [_candidate([1], [1]), _candidate([1], [1, 2], margin=1.01)])
    assert links(taken) == {((0,), (0,)), ((1,), (1,))}  # a line is never in two links


def test_a_1_2_neighbour_continues_from_its_first_or_last_lines():
    anchor = [_link([5], [5])]
    assert links(mining.with_neighbours(anchor, [_candidate([6], [6, 7])])) == {((5,), (5,)), ((6,), (6, 7))}
    assert links(mining.with_neighbours(anchor, [_candidate([3, 4], [4])])) == {((5,), (5,)), ((3, 4), (4,))}


def test_mining_adds_the_neighbour_only_with_the_pass_on():
    from dataclasses import replace

    # a, b, c in order on both sides: a and c are clear, b's pair is weak but sits between them
    source = np.stack([vector(a=1), vector(b=0.6, x=0.8), vector(c=1)])  # b: cosine 0.36, under the floor 0.4
    target = np.stack([vector(a=1), vector(b=0.6, y=0.8), vector(c=1)])
    off = mining.mine(source, target, texts(3), texts(3, "line"), replace(mining.DEFAULT, neighbours=False))
    on = mining.mine(source, target, texts(3), texts(3, "line"), replace(mining.DEFAULT, neighbours=True))
    assert links(off) == {((0,), (0,)), ((2,), (2,))}
    assert links(on) == {((0,), (0,)), ((1,), (1,)), ((2,), (2,))}


def test_lines_with_something_left_out_between_them_are_not_neighbours():
    # the 2-1 link of test_two_adjacent_source_sentences_make_a_2_1_link, with a line between
    # the two source lines in the document (boilerplate the group aligner left out)
    source = np.stack([vector(c=1), vector(a=1, n1=0.3), vector(b=1, n2=0.3)])
    target = np.stack([vector(a=1, b=1), vector(c=0.9, n3=0.44), vector(e=1)])
    gap = mining.mine(source, target, texts(3), texts(3, "phrase"), source_positions=[0, 1, 3],
                      target_positions=[0, 1, 2])
    assert all(len(b.src) == 1 for b in gap)
    assert links(mining.mine(source, target, texts(3), texts(3, "phrase"), source_positions=[0, 2, 3])) == \
        {((1, 2), (0,)), ((0,), (1,))}  # the two lines still neighbours: merged as before


def test_a_neighbour_across_a_gap_is_not_a_neighbour():
    anchor = [_link([3], [7])]
    found = [_candidate([4], [8])]
    positions = list(range(20))
    assert links(mining.with_neighbours(anchor, found, positions, positions)) == {((3,), (7,)), ((4,), (8,))}
    gapped = positions[:4] + [p + 1 for p in positions[4:]]  # something between lines 3 and 4
    assert links(mining.with_neighbours(anchor, found, gapped, positions)) == {((3,), (7,))}
    assert links(mining.with_neighbours(anchor, found, positions, gapped[:8] + [99] * 12)) == {((3,), (7,))}
