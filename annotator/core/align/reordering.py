"""The embedding aligner's last step (engine.py): sentences the monotone DP could not link,
because they moved, linked out of order."""

from __future__ import annotations

import numpy as np

from annotator.core.align.beads import Bead
from annotator.core.align.engine import DEFAULT, Params, _lengths
from annotator.core.align.scoring import RunSimilarity, selected_dots


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def link_reordered(beads: list[Bead], source: list[str], target: list[str], source_vectors: np.ndarray,
                   target_vectors: np.ndarray, params: Params = DEFAULT,
                   similarity: RunSimilarity | None = None) -> list[Bead]:
    """Link pairs the monotone DP could not: a moved sentence ends up unmatched, or swallowed
    at the edge of a neighbouring bead, while its counterpart stands unmatched elsewhere.

    A source and a target sentence are linked 1-1 when each is the other's most similar
    sentence in the whole pair, above `reorder_threshold`, both have `reorder_letters` letters,
    and at least one of them is unmatched. A sentence taken from a bead's edge leaves the rest
    of the bead, re-scored by `similarity` (the DP's, built from the vectors when None)."""
    def candidates(side: int, texts: list[str]) -> dict[int, int]:
        """sentence -> index of its bead, for unmatched sentences and the edges of merged beads"""
        found = {}
        for k, bead in enumerate(beads):
            own, other = (bead.src, bead.tgt) if side == 0 else (bead.tgt, bead.src)
            edges = own if not other else (own[0], own[-1]) if len(own) > 1 else ()
            found.update((x, k) for x in edges if _letters(texts[x]) >= params.reorder_letters)
        return found

    source_candidates, target_candidates = candidates(0, source), candidates(1, target)
    if not source_candidates or not target_candidates:
        return beads
    rows, columns = list(source_candidates), list(target_candidates)
    sims = selected_dots(source_vectors, rows, target_vectors, columns)
    forward, backward = sims.argmax(axis=1), sims.argmax(axis=0)
    pairs, shrunk = [], set()
    for row, column in enumerate(forward.tolist()):
        i, j = rows[row], columns[column]
        if backward[column] != row or sims[row, column] < params.reorder_threshold:
            continue
        homes = [(source_candidates[i], 0), (target_candidates[j], 1)]
        taken = [(k, side) for k, side in homes if beads[k].src and beads[k].tgt]
        if len(taken) == 2 or set(taken) & shrunk:
            continue  # both matched already (the DP's call), or that bead already gave up an edge
        if int(np.argmax(target_vectors @ source_vectors[i])) == j and \
                int(np.argmax(source_vectors @ target_vectors[j])) == i:
            pairs.append((i, j))
            shrunk.update(taken)
    if not pairs:
        return beads

    if similarity is None:
        similarity = RunSimilarity(source_vectors, target_vectors, _lengths(source), _lengths(target),
                                   params.max_block)
    # (place in the output, bead): each new link goes where its source sentence stood
    placed = {k: bead for k, bead in enumerate(beads)}
    new_links = []
    for i, j in pairs:
        for k, side, x in ((source_candidates[i], 0, i), (target_candidates[j], 1, j)):
            bead = placed.pop(k)
            if bead.src and bead.tgt:  # x leaves the edge of a merged bead; the rest stays
                src = tuple(y for y in bead.src if y != x) if side == 0 else bead.src
                tgt = tuple(y for y in bead.tgt if y != x) if side == 1 else bead.tgt
                placed[k] = Bead(src, tgt, similarity.bead(src, tgt))
        new_links.append((source_candidates[i] + 0.5, Bead((i,), (j,), similarity.bead((i,), (j,)))))
    out = []
    for _, bead in sorted(list(placed.items()) + new_links, key=lambda item: item[0]):
        if bead.src and bead.tgt and bead.score < params.min_similarity:  # the rest of a bead too weak now
            out += [Bead((x,), ()) for x in bead.src] + [Bead((), (y,)) for y in bead.tgt]
        else:
            out.append(bead)
    return out
