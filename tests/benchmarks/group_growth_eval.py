"""The group steps after consistency, measured on dev groups: a weak link alone in the group
dropped (consistency.py, `drop_alone_below`) and growth a third document confirms
(annotator/core/align/group_growth.py).

    python tests/benchmarks/group_growth_eval.py --vector-cache /tmp/retell-vectors.npz [--split dev]

The de-fr-de and de-fr-de' groups of retell_eval.py (three versions of one story; de2
paraphrased in the second), each pair aligned by the product engine (`engine.align`, "auto"),
the retelling pairs checked by consistency.py as group.py does (near misses as candidates),
without the alone rule (as before) and with it, then `group_growth.grow_confirmed` at each
floor of a grid. Prints the pairwise P / R of the three pairs together, and what growth adds
(sentence pairs, right ones).

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

from dataclasses import replace  # noqa: E402

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
                items.append({"story": k, "raw": links, "near": near, "retold": retold})
                for name, floor in (("links", consistency.DEFAULT.drop_alone_below), ("before", 0.0)):
                    items[-1][name] = reconcile(items[-1], floor)
                documents = {d: group_growth.Document(list(range(len(texts[d]))), texts[d], vectors(texts[d]))
                             for d in range(3)}
                items[-1].update({"documents": documents, "gold": {
                    (i, j): Pair(docs[i], docs[j], LANGS[i], LANGS[j]).gold_pairs() for i, j in GROUP_PAIRS.values()}})
        out[variant] = items
    return out


def reconcile(item: dict, alone_floor: float) -> dict:
    """The item's links after consistency.py as group.py runs it (only the link model's pairs,
    near misses as candidates), with weak links alone in the group dropped below `alone_floor`."""
    links, retold = dict(item["raw"]), item["retold"]
    if len({d for key in retold for d in key}) >= 3:
        links.update(consistency.reconcile({key: links[key] for key in retold},
                                           candidates={key: item["near"][key] for key in retold},
                                           params=replace(consistency.DEFAULT, drop_alone_below=alone_floor)))
    return links


ALONE_GRID = (0.0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)


def alone_sweep(data: dict[str, list[dict]]) -> None:
    """The alone floor's rule, fixed before the run: the highest floor on ALONE_GRID at which
    neither group's pairwise F1 falls by more than 0.002 against no floor; on the whole split
    and on each half of the stories."""
    def scores(items, floor, half=None):
        gold = right = predicted = 0
        for item in items:
            if half is not None and item["story"] % 2 != half:
                continue
            links = reconcile(item, floor)
            for key, gold_pairs in item["gold"].items():
                found = pairs_of(links[key])
                gold, right, predicted = gold + len(gold_pairs), right + len(found & gold_pairs), predicted + len(found)
        p, r = right / max(predicted, 1), right / max(gold, 1)
        return p, r, 2 * p * r / max(p + r, 1e-12)

    for half in (None, 0, 1):
        table = {floor: [scores(items, floor, half) for items in data.values()] for floor in ALONE_GRID}
        for floor, cells in table.items():
            print(f"alone floor {floor:<4} {'all' if half is None else f'half {half}'}: " +
                  "  ".join(f"{variant} {p:.4f}/{r:.4f}/{f:.4f}" for variant, (p, r, f) in zip(data, cells)))
        fits = [floor for floor, cells in table.items()
                if all(f >= base[2] - 0.002 for (_, _, f), base in zip(cells, table[0.0]))]
        print(f"  chosen: {max(fits)}")


def pairs_of(links) -> set[tuple[int, int]]:
    return {(s, t) for src, tgt, _ in links for s in src for t in tgt}


def measure(items: list[dict], floor: float, half: int | None = None, start: str = "links"
            ) -> tuple[float, float, int, int]:
    gold = right = predicted = added = added_right = 0
    for item in items:
        if half is not None and item["story"] % 2 != half:
            continue
        links = item[start]
        if floor <= 1.0 and len({d for key in item["retold"] for d in key}) >= 3:
            grown = group_growth.grow_confirmed({key: links[key] for key in item["retold"]}, item["documents"],
                                                floor=floor)
            links = {**links, **grown}
        for key, gold_pairs in item["gold"].items():
            found, before = pairs_of(links[key]), pairs_of(item[start][key])
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
    options = {"--vector-cache": {"type": Path}, "--split": {"default": "dev", "choices": ("dev", "test")},
               "--alone-sweep": {"action": "store_true", "help": "also choose the alone floor"},
               "--gold": {"type": Path, "default": DEFAULT_GOLD}, "--replicates": {"type": int, "default": 3},
               "--seed": {"type": int, "default": 2026}}
    for name, settings in options.items():
        parser.add_argument(name, **settings)
    args = parser.parse_args()
    vectors = Vectors(args.vector_cache)
    data = prepare(args.split, args.gold, vectors, args.replicates, args.seed)
    vectors.save()
    if args.alone_sweep:
        alone_sweep(data)
    cells = [f"{variant} {p:.4f}/{r:.4f}" for variant, items in data.items()
             for p, r, _, _ in [measure(items, 1.01, start="before")]]
    print(f"{args.split} consistency as before   " + "  ".join(cells))
    for floor in GRID:
        cells = []
        for variant, items in data.items():
            p, r, n, hit = measure(items, floor)
            cells.append(f"{variant} {p:.4f}/{r:.4f} (+{n} pairs, {hit} right)")
        label = "+ alone dropped" if floor > 1 else f"+ group growth {floor}"
        print(f"{args.split} {label:<24}" + "  ".join(cells), flush=True)
    print(f"chosen on the whole split: {choose(data)}")
    for half in (0, 1):
        floor = choose(data, 1 - half)
        cells = [f"{variant} {measure(items, 1.01, half)[0]:.3f}/{measure(items, 1.01, half)[1]:.3f} -> "
                 f"{measure(items, floor, half)[0]:.3f}/{measure(items, floor, half)[1]:.3f}"
                 for variant, items in data.items()]
        print(f"half {half}, floor {floor} chosen on the other half: " + "  ".join(cells))


if __name__ == "__main__":
    main()
