"""Growth a third document confirms (annotator/core/align/group_growth.py), measured on dev groups.

    python tests/benchmarks/group_growth_eval.py --vector-cache /tmp/retell-vectors.npz [--split dev]

The de-fr-de and de-fr-de' groups of retell_eval.py (three versions of one story; de2
paraphrased in the second), each pair aligned by the product engine (`engine.align`, "auto"),
the retelling pairs checked by consistency.py as group.py does (near misses as candidates),
then `group_growth.grow_confirmed` at each floor of a grid. Prints the pairwise P / R of the
three pairs together, and what the step adds (sentence pairs, right ones).

The floor's rule, fixed before the run: the lowest floor on the grid at which neither group's
pairwise precision falls by more than 0.001 against consistency alone. It is chosen on the
whole split and, to see how it holds, on one half of the stories and scored on the other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.core.align import consistency, engine, group_growth  # noqa: E402
from retell_eval import (DEFAULT_GOLD, GROUP_PAIRS, Pair, Vectors, chosen_stories, cut_stories,  # noqa: E402
                         group)

GRID = (1.01, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1)  # 1.01: no confirmed growth
LANGS = ("de", "fr", "de")


def prepare(split: str, gold: Path, vectors: Vectors, replicates: int, seed: int) -> dict[str, list[dict]]:
    stories = cut_stories(gold, split)
    out = {}
    for variant, paraphrased in (("de-fr-de", False), ("de-fr-de'", True)):
        items = []
        for rep in range(replicates):
            for k in chosen_stories(stories, len(stories)):
                docs = group(stories, k, seed, rep, paraphrased)
                texts = [[u.text for u in doc] for doc in docs]
                links, near, retold = {}, {}, set()
                for i, j in GROUP_PAIRS.values():
                    result = engine.align(texts[i], texts[j], LANGS[i], LANGS[j], "auto", vectors.encoder)
                    links[i, j] = [(tuple(b.src), tuple(b.tgt), b.score) for b in result.beads if b.src and b.tgt]
                    near[i, j] = [(link.src, link.tgt, link.score) for link in result.near_misses]
                    if result.method == "embedding-retelling":
                        retold.add((i, j))
                checked = dict(links)
                if len({d for key in retold for d in key}) >= 3:  # group.py: only the link model's pairs
                    checked.update(consistency.reconcile({key: links[key] for key in retold},
                                                         candidates={key: near[key] for key in retold}))
                documents = {d: group_growth.Document(list(range(len(texts[d]))), texts[d], vectors(texts[d]))
                             for d in range(3)}
                items.append({"story": k, "links": checked, "retold": retold, "documents": documents,
                              "gold": {(i, j): Pair(docs[i], docs[j], LANGS[i], LANGS[j]).gold_pairs()
                                       for i, j in GROUP_PAIRS.values()}})
        out[variant] = items
    return out


def pairs_of(links) -> set[tuple[int, int]]:
    return {(s, t) for src, tgt, _ in links for s in src for t in tgt}


def measure(items: list[dict], floor: float, half: int | None = None) -> tuple[float, float, int, int]:
    gold = right = predicted = added = added_right = 0
    for item in items:
        if half is not None and item["story"] % 2 != half:
            continue
        links = item["links"]
        if floor <= 1.0 and len({d for key in item["retold"] for d in key}) >= 3:
            grown = group_growth.grow_confirmed({key: links[key] for key in item["retold"]}, item["documents"],
                                                floor=floor)
            links = {**links, **grown}
        for key, gold_pairs in item["gold"].items():
            found, before = pairs_of(links[key]), pairs_of(item["links"][key])
            gold, right, predicted = gold + len(gold_pairs), right + len(found & gold_pairs), predicted + len(found)
            added, added_right = added + len(found - before), added_right + len(found - before & gold_pairs)
    return right / max(predicted, 1), right / max(gold, 1), added, added_right


def choose(data: dict[str, list[dict]], half: int | None = None) -> float:
    base = {variant: measure(items, 1.01, half) for variant, items in data.items()}
    fits = [floor for floor in GRID if all(measure(items, floor, half)[0] >= base[variant][0] - 0.001
                                            for variant, items in data.items())]
    return min(fits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--replicates", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--vector-cache", type=Path)
    args = parser.parse_args()
    vectors = Vectors(args.vector_cache)
    data = prepare(args.split, args.gold, vectors, args.replicates, args.seed)
    vectors.save()
    for floor in GRID:
        cells = []
        for variant, items in data.items():
            p, r, n, hit = measure(items, floor)
            cells.append(f"{variant} {p:.4f}/{r:.4f} (+{n} pairs, {hit} right)")
        print(f"{args.split} floor {'none' if floor > 1 else floor:<5} " + "  ".join(cells), flush=True)
    print(f"chosen on the whole split: {choose(data)}")
    for half in (0, 1):
        floor = choose(data, 1 - half)
        cells = [f"{variant} {measure(items, 1.01, half)[0]:.3f}/{measure(items, 1.01, half)[1]:.3f} -> "
                 f"{measure(items, floor, half)[0]:.3f}/{measure(items, floor, half)[1]:.3f}"
                 for variant, items in data.items()]
        print(f"half {half}, floor {floor} chosen on the other half: " + "  ".join(cells))


if __name__ == "__main__":
    main()
