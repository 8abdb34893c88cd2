"""Anchors: the monotone chain and the band around it."""

from __future__ import annotations

from annotator.core.align.anchors import band_from_anchors, monotone_chain


def test_monotone_chain_drops_crossing_pairs():
    pairs = [(0, 0, 0.9), (1, 5, 0.95), (1, 1, 0.8), (2, 2, 0.85), (3, 3, 0.9), (4, 0, 0.99)]
    assert monotone_chain(pairs, threshold=0.5) == [(0, 0), (1, 1), (2, 2), (3, 3)]
    band = band_from_anchors([(2, 2)], 4, 4, margin=1)
    assert band.low[0] == 0 and band.high[4] == 4
    assert all(band.low[i] <= band.low[i + 1] and band.high[i] <= band.high[i + 1] for i in range(4))


# ----------------------------------------------------------------------------- engines
