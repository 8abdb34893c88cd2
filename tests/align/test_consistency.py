"""The cross-document check of a group's links (annotator/core/align/consistency.py), on
hand-made link lists: no encoder, no store."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.core.align import consistency, mining
from annotator.core.align.consistency import ConsistencyParams, reconcile


def score(result, pair, src, tgt):
    found = [c for s, t, c in result[pair] if s == src and t == tgt]
    return found[0] if found else None


def test_a_link_confirmed_through_a_third_document_gains_confidence():
    links = {("A", "B"): [((0,), (5,), 0.7)], ("A", "C"): [((0,), (2,), 0.9)], ("B", "C"): [((5,), (2,), 0.8)]}
    result = reconcile(links)
    # every link of the triangle is confirmed by the other two
    assert score(result, ("A", "B"), (0,), (5,)) == pytest.approx(1 - 0.3 * (1 - consistency.DEFAULT.confirm_weight * 0.8))
    assert score(result, ("A", "C"), (0,), (2,)) > 0.9
    assert score(result, ("B", "C"), (5,), (2,)) > 0.8
    assert all(c <= 1 for pair in result.values() for _, _, c in pair)


def test_a_merged_link_is_confirmed_when_the_paths_meet_in_one_sentence():
    links = {(1, 2): [((0, 1), (3,), 0.6)], (1, 3): [((1,), (7,), 0.9)], (2, 3): [((3,), (7, 8), 0.9)]}
    assert score(reconcile(links), (1, 2), (0, 1), (3,)) > 0.6


def test_a_weak_link_that_contradicts_a_strong_unit_is_lowered_or_dropped():
    # A0-C2 and B5-C2 are strong, so A0 belongs with B5; the weak A0-B9 contradicts them.
    links = {("A", "B"): [((0,), (9,), 0.55)], ("A", "C"): [((0,), (2,), 0.95)],
             ("B", "C"): [((5,), (2,), 0.9), ((9,), (20,), 0.9)]}
    lowered = reconcile(links)  # by default only lowered
    assert score(lowered, ("A", "B"), (0,), (9,)) == \
        pytest.approx(0.55 * (1 - consistency.DEFAULT.contradict_penalty * 0.9))
    result = reconcile(links, params=ConsistencyParams(contradict_penalty=0.5, drop_below=0.5))
    assert score(result, ("A", "B"), (0,), (9,)) is None
    # the strong links are not touched: each is stronger than its triangle's weakest link
    assert score(result, ("A", "C"), (0,), (2,)) == pytest.approx(0.95)
    assert score(result, ("B", "C"), (5,), (2,)) == pytest.approx(0.9)


def test_a_contradicted_link_above_the_drop_line_is_kept_with_lower_confidence():
    links = {("A", "B"): [((0,), (9,), 0.85)], ("A", "C"): [((0,), (2,), 0.95)],
             ("B", "C"): [((9,), (20,), 0.9)]}
    result = reconcile(links, params=ConsistencyParams(contradict_penalty=0.1, drop_below=0.5))
    assert score(result, ("A", "B"), (0,), (9,)) == pytest.approx(0.85 * (1 - 0.1 * 0.9))


def test_a_strong_link_is_not_lowered_by_weaker_evidence():
    links = {("A", "B"): [((0,), (9,), 0.95)], ("A", "C"): [((0,), (2,), 0.6)], ("B", "C"): [((9,), (20,), 0.7)]}
    result = reconcile(links, params=ConsistencyParams(contradict_penalty=0.5, drop_below=0.5))
    assert score(result, ("A", "B"), (0,), (9,)) == pytest.approx(0.95)
    assert score(result, ("A", "C"), (0,), (2,)) is None  # the weakest of the three goes
    assert score(result, ("B", "C"), (9,), (20,)) == pytest.approx(0.7)


def test_paths_landing_on_neighbouring_lines_are_no_contradiction():
    # C split the sentence over lines 2 and 3: A's path lands on 2, B's on 3.
    links = {("A", "B"): [((0,), (5,), 0.6)], ("A", "C"): [((0,), (2,), 0.9)], ("B", "C"): [((5,), (3,), 0.9)]}
    assert score(reconcile(links), ("A", "B"), (0,), (5,)) == pytest.approx(0.6)
    # with document order given, neighbours are positions, not keys
    order = {"A": [0], "B": [5], "C": [2, 40, 3]}
    assert score(reconcile(links, order=order), ("A", "B"), (0,), (5,)) < 0.6


def test_no_evidence_where_the_third_document_lacks_the_content():
    links = {("A", "B"): [((0,), (5,), 0.6)], ("A", "C"): [((0,), (2,), 0.9)], ("B", "C"): []}
    assert reconcile(links)[("A", "B")] == [((0,), (5,), 0.6)]


def test_two_documents_only_are_unchanged():
    links = {("A", "B"): [([0], [5], 0.6), ([1, 2], [6], 0.9), ([3], [7], None)]}
    assert reconcile(links) == {("A", "B"): [((0,), (5,), 0.6), ((1, 2), (6,), 0.9), ((3,), (7,), None)]}
    assert reconcile(links, candidates={("A", "B"): [((4,), (8,), 0.4)]}) == reconcile(links)


def test_a_near_miss_confirmed_by_a_strong_triangle_is_added():
    links = {("A", "B"): [], ("A", "C"): [((0,), (2,), 0.9)], ("B", "C"): [((5,), (2,), 0.9)]}
    found = {("A", "B"): [((0,), (5,), 0.4), ((0,), (6,), 0.45), ((1,), (7,), 0.5)]}
    result = reconcile(links, candidates=found)
    assert [(s, t) for s, t, _ in result[("A", "B")]] == [((0,), (5,))]  # not the unconfirmed ones
    assert score(result, ("A", "B"), (0,), (5,)) > 0.4
    # a candidate touching a kept link of the pair is not added
    links[("A", "B")] = [((0,), (9,), 0.95)]
    result = reconcile(links, candidates=found)
    assert [(s, t) for s, t, _ in result[("A", "B")]] == [((0,), (9,))]


def test_changes_lists_added_dropped_and_rescored_links():
    before = {("A", "B"): [((0,), (5,), 0.6), ((1,), (6,), 0.7)]}
    after = {("A", "B"): [((0,), (5,), 0.8), ((2,), (7,), 0.5)]}
    found = {(c.source, c.target, c.before, c.after) for c in consistency.changes(before, after)}
    assert found == {((0,), (5,), 0.6, 0.8), ((1,), (6,), 0.7, None), ((2,), (7,), None, 0.5)}


def test_candidate_links_include_mines_links_and_leave_mine_unchanged():
    rng = np.random.default_rng(0)
    base = rng.normal(size=(6, 16)).astype(np.float32)
    source = base / np.linalg.norm(base, axis=1, keepdims=True)
    noisy = base[::-1] + 0.6 * rng.normal(size=(6, 16)).astype(np.float32)
    target = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
    texts = [f"sentence number {k} of the story here" for k in range(6)]
    mined = mining.mine(source, target, texts, texts)
    loose = mining.candidate_links(source, target, texts, texts)
    assert {(l.src, l.tgt) for l in mined} <= {(l.src, l.tgt) for l in loose}
    assert mining.mine(source, target, texts, texts) == mined
