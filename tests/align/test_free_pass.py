"""The free pass (free_pass.py): after the link model and growth, two free lines that are each
other's clear best match among the free lines are linked."""

import numpy as np
import pytest

from annotator.core.align import engine, free_pass, growth, linkmodel, mining


def unit(v):
    return v / np.linalg.norm(v, axis=-1, keepdims=True)


def basis(d=16):
    return np.eye(d, dtype=np.float32)


def link(i, j):
    return mining.Link((i,), (j,), 0.9, 1.5, 0.8)


def pairs(links):
    return {(link.src, link.tgt) for link in links}


def test_two_free_lines_that_choose_each_other_are_linked():
    E = basis()
    S = unit(np.array([E[0], E[1], E[2] + 0.8 * E[5]]))  # line 2 free, its match target 1 (cos 0.78)
    T = unit(np.array([E[0], E[2] + 0.8 * E[6], E[9]]))
    out = free_pass.free_links(S, T, [link(0, 0)])
    assert pairs(out) == {((0,), (0,)), ((2,), (1,))}
    added = next(x for x in out if x.src == (2,))
    assert added.cosine == pytest.approx(float(S[2] @ T[1]), abs=1e-6)
    assert added.score == pytest.approx(mining.confidence(added.margin, added.cosine))


def test_a_linked_line_is_never_taken_again():
    E = basis()
    S = unit(np.array([E[0], E[1]]))
    T = unit(np.array([E[0] + 0.1 * E[3], E[1] + 0.1 * E[4]]))
    # target 0 is the best match of both source lines' free competitors, but it is linked
    out = free_pass.free_links(S, T, [link(0, 0), link(1, 1)])
    assert pairs(out) == {((0,), (0,)), ((1,), (1,))}
    out = free_pass.free_links(S, T, [link(0, 0)])
    assert pairs(out) == {((0,), (0,)), ((1,), (1,))}  # only line 1 and target 1 free: linked


def test_below_the_cosine_floor_or_without_a_clear_gap_nothing_is_added():
    E = basis()
    S = unit(np.array([E[0], E[1] + 1.5 * E[7]]))  # cos with target 1 about 0.5: under 0.55
    T = unit(np.array([E[0], E[1] + 1.5 * E[8]]))
    assert float(S[1] @ T[1]) < free_pass.MIN_COSINE
    assert pairs(free_pass.free_links(S, T, [link(0, 0)])) == {((0,), (0,))}
    # two free targets almost as close to the free source line: no clear best, no link
    S = unit(np.array([E[0], E[1] + E[2]]))
    T = unit(np.array([E[0], E[1] + 0.05 * E[9], E[2]]))
    assert pairs(free_pass.free_links(S, T, [link(0, 0)])) == {((0,), (0,))}


def test_not_mutual_is_not_linked():
    E = basis()
    # free source 1 likes target 1 best, but target 1 likes free source 2 better
    S = unit(np.array([E[0], E[1] + 0.2 * E[3], E[1] + 0.05 * E[3]]))
    T = unit(np.array([E[0], E[1] + 0.05 * E[3], E[12]]))
    out = free_pass.free_links(S, T, [link(0, 0)])
    assert ((1,), (1,)) not in pairs(out)


def retelling_with_a_moved_fact():
    """Twelve retold facts with a shared topic; the sixth and the last are swapped in the target.
    The link model links source 11 to target 6 but leaves source 6 and target 11 apart."""
    rng = np.random.default_rng(2)
    d = 48
    common = rng.normal(size=d)
    topics = rng.normal(size=(12, d))
    S = unit(topics + rng.normal(scale=rng.uniform(0.6, 1.2), size=(12, d)) + 4.8 * unit(common))
    perm = np.arange(12)
    k = int(rng.integers(0, 11))
    perm[[k, 11]] = perm[[11, k]]
    T = unit(topics[perm] + rng.normal(scale=rng.uniform(0.6, 1.2), size=(12, d)) + 4.8 * unit(common))
    src = [f"Source sentence number {i} tells a fact" for i in range(12)]
    tgt = [f"Target sentence number {i} tells a fact" for i in range(12)]
    return S.astype(np.float32), T.astype(np.float32), src, tgt, k


def test_the_link_model_path_links_the_moved_pair_it_left_apart():
    S, T, src, tgt, k = retelling_with_a_moved_fact()
    model = linkmodel.shipped()
    scored = linkmodel.score(linkmodel.candidate_features(S, T, src, tgt), model)
    before, _ = linkmodel.select(scored, model.threshold, model.add_threshold)
    before = growth.grow(growth.Pair(S, T, src, tgt, None, None), before, growth.shipped())
    assert ((k,), (11,)) not in pairs(before)  # the link model and growth leave it apart
    links, near = linkmodel.decide(S, T, src, tgt)
    assert ((k,), (11,)) in pairs(links)
    assert pairs(before) <= pairs(links)
    assert not pairs(near) & pairs(links)
    # and the engine's retelling beads carry it
    beads = engine.retelling_beads(links, len(src), len(tgt))
    assert any(b.src == (k,) and b.tgt == (11,) for b in beads)



def _long_pair(n, m, seed=5, d=64):
    rng = np.random.default_rng(seed)
    T = unit(rng.normal(size=(m, d))).astype(np.float32)
    S = unit(rng.normal(size=(n, d))).astype(np.float32)
    S[: m // 2] = unit(T[: m // 2] + 0.03 * rng.normal(size=(m // 2, d)))  # retold lines among many others
    return S, T


@pytest.mark.parametrize("long_side", ["source", "target"])
def test_a_long_side_is_taken_a_block_at_a_time_with_the_same_links(monkeypatch, long_side):
    S, T = _long_pair(3000, 12)
    if long_side == "target":
        S, T = T, S
    links = [link(0, 0)]
    whole = free_pass.free_links(S, T, links)
    monkeypatch.setattr(free_pass, "COPIED_ROWS", 7)  # every side longer: the blocked product
    blocked = free_pass.free_links(S, T, links)
    assert len(whole) > 3
    assert pairs(blocked) == pairs(whole)
    for a, b in zip(whole, blocked):
        assert (a.cosine, a.margin, a.score) == pytest.approx((b.cosine, b.margin, b.score), abs=1e-5)


def test_a_long_text_s_free_vectors_are_not_copied_whole(monkeypatch):
    """The free pass over a 40,000-line text against 12 lines: the old code copied the free
    lines' vectors (here 10 MB) into one matrix; now a block of them at a time."""
    import tracemalloc

    monkeypatch.setattr(free_pass, "COPIED_ROWS", 1024)
    S, T = _long_pair(40_000, 12)
    free_pass.free_links(S, T, [link(0, 0)])  # warm
    tracemalloc.start()
    try:
        free_pass.free_links(S, T, [link(0, 0)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < S.nbytes / 3
