"""Link growth (growth.py): a link takes in the neighbouring line that tells the rest of its
facts, and nothing else: not an unrelated neighbour, not a line across boilerplate, not a line
another link holds."""

from __future__ import annotations

import numpy as np

from annotator.core.align import growth, linkmodel, mining


def _unit(rng, n, d=256):
    v = rng.normal(size=(n, d))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _normed(v):
    return (v / np.linalg.norm(v, axis=-1, keepdims=True)).astype(np.float32)


def _texts(prefix, n):
    return [f"{prefix} sentence number {k} of the story, told at some length." for k in range(n)]


def _told_in_two(rng):
    """Source line 2 carries two facts (u, v); the target tells them as lines 2 and 3."""
    u, v = _unit(rng, 2)
    others = _unit(rng, 6)
    source = np.vstack([others[:2], _normed(u + v), others[2:4]])
    target = np.vstack([_normed(others[:2] + 0.6 * _unit(rng, 2)), _normed(u + 0.3 * _unit(rng, 1)[0]),
                        _normed(v + 0.3 * _unit(rng, 1)[0]), _normed(others[2:4] + 0.6 * _unit(rng, 2))])
    return source, target


def _link(src, tgt, score=0.9):
    return mining.Link(src, tgt, score, 1.5, 0.6)


def test_a_link_takes_in_the_neighbour_that_tells_the_rest_of_its_facts():
    source, target = _told_in_two(np.random.default_rng(1))
    pair = growth.Pair(source, target, _texts("Eine", 5), _texts("Une", 6), None, None)
    grown = growth.grow(pair, [_link((2,), (2,))], growth.shipped())
    assert [(link.src, link.tgt) for link in grown] == [((2,), (2, 3))]
    assert grown[0].score <= 0.9  # the lower of the link's and the growth's probability


def test_an_unrelated_neighbour_is_left_alone():
    rng = np.random.default_rng(2)
    source, target = _unit(rng, 5), _unit(rng, 6)
    target[2] = _normed(source[2] + 0.3 * _unit(rng, 1)[0])
    pair = growth.Pair(source, target, _texts("Eine", 5), _texts("Une", 6), None, None)
    assert [(link.src, link.tgt) for link in growth.grow(pair, [_link((2,), (2,))], growth.shipped())] == \
        [((2,), (2,))]


def test_no_growth_across_boilerplate_or_into_another_link():
    source, target = _told_in_two(np.random.default_rng(1))
    texts = (_texts("Eine", 5), _texts("Une", 6))
    # target line 3 comes after a left-out line (boilerplate) in its document: not a neighbour
    across = growth.Pair(source, target, *texts, None, [0, 1, 2, 4, 5, 6])
    assert growth.grow(across, [_link((2,), (2,))], growth.shipped())[0].tgt == (2,)
    # target line 3 already linked elsewhere: it stays there
    pair = growth.Pair(source, target, *texts, None, None)
    grown = growth.grow(pair, [_link((2,), (2,)), _link((4,), (3,))], growth.shipped())
    assert [(link.src, link.tgt) for link in grown] == [((2,), (2,)), ((4,), (3,))]


def test_the_link_model_grows_its_links_when_deciding():
    source, target = _told_in_two(np.random.default_rng(1))
    links, _ = linkmodel.decide(source, target, _texts("Eine", 5), _texts("Une", 6))
    assert any(link.src == (2,) and set(link.tgt) == {2, 3} for link in links)


def test_the_growth_model_round_trips_through_json():
    model = growth.shipped()
    assert growth.GrowModel.from_json(model.to_json()) == model
    assert 0.0 < model.threshold <= 1.0
