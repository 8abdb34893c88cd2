"""Links for sentences in a language the embedding model does not cover (a Greek line in an
English page), where a sentence vector means nothing: only strings that survive translation
can tie them to a counterpart (numbers, names, cognate prefixes: scoring.anchor_tokens).

A pair is linked 1-1 when each is the other's best match by the Dice overlap of their anchor
tokens, they share at least `min_shared` tokens, and the Dice is at least `min_dice`; the
link's score is that Dice. Strict on purpose: a few shared names are weak evidence, and an
unmatched sentence costs less than a wrong link.
"""

from __future__ import annotations

from annotator.core.align.beads import Bead
from annotator.core.align.scoring import anchor_tokens

MIN_SHARED = 3
MIN_DICE = 0.5


def anchor_links(source: list[str], target: list[str], source_candidates: list[int], target_candidates: list[int],
                 min_shared: int = MIN_SHARED, min_dice: float = MIN_DICE) -> list[Bead]:
    """1-1 beads (indices into `source` / `target`) between the candidate sentences of each
    side, by mutual best anchor Dice (see the module docstring)."""
    source_tokens = {i: anchor_tokens(source[i]) for i in source_candidates}
    target_tokens = {j: anchor_tokens(target[j]) for j in target_candidates}
    scores: dict[tuple[int, int], float] = {}
    for i, a in source_tokens.items():
        for j, b in target_tokens.items():
            shared = len(a & b)
            if shared >= min_shared:
                scores[i, j] = 2 * shared / (len(a) + len(b))
    best_target = {}
    best_source = {}
    for (i, j), dice in scores.items():
        if dice > scores.get((i, best_target.get(i, -1)), -1.0):
            best_target[i] = j
        if dice > scores.get((best_source.get(j, -1), j), -1.0):
            best_source[j] = i
    return [Bead((i,), (j,), scores[i, j]) for i, j in sorted(best_target.items())
            if best_source.get(j) == i and scores[i, j] >= min_dice]
