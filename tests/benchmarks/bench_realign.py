"""Issue 25's speed targets, each in a fresh process per tree, trees alternating round by round
so a noisy machine weighs on both alike:

- import + align of the seeds from scratch (`annotator demo`, a new process: start-up, reading,
  embedding, alignment) — goal 5 s;
- re-aligning the demo group with its embeddings stored (what Ctrl+R does) — goal 1 s;
- a 1,000-sentence retelling group: 4 documents of 250 German Text+Berg sentences (test and dev), each sharing 80
  sentences with the one before in another order, the 6 pairs through the engine with their
  vectors given (the embedding is not timed) — goal 2 s.

    python tests/benchmarks/bench_realign.py [--baseline OTHER_TREE] [--rounds 3] [--gold ../shared/align-gold]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TREE = Path(__file__).resolve().parents[2]

# run inside a tree (its own code on sys.path); prints one JSON line of timings
_MEASURE = r"""
import json, os, subprocess, sys, time
from itertools import combinations
import numpy as np
project, gold = sys.argv[1], sys.argv[2]
t = time.perf_counter()
subprocess.run([sys.executable, "-m", "annotator", "demo", project, "--no-gui"], check=True, capture_output=True)
fresh = time.perf_counter() - t
from annotator.core.store import Store
from annotator.core.align.group import align_group
from annotator.core.align import engine
from annotator.core.align.embeddings import shared_encoder
encoder = shared_encoder()
realign = []
for _ in range(3):
    with Store.open(project) as store:
        t = time.perf_counter()
        align_group(store, store.documents.groups()[0]["id"], encoder=encoder)
        realign.append(time.perf_counter() - t)
texts = []
for dataset in ("text+berg", "text+berg-dev"):
    root = os.path.join(gold, dataset, "de")
    for name in sorted(os.listdir(root)):
        with open(os.path.join(root, name), encoding="utf-8") as f:
            texts += [line.strip() for line in f if len(line.strip()) > 20]
texts = sorted(set(texts))
rng = np.random.default_rng(0)
chosen = [texts[i] for i in rng.choice(len(texts), 1000, replace=False)]
vectors = encoder.encode(chosen)
documents = [list(range(k * 250, (k + 1) * 250)) for k in range(4)]
for k in range(1, 4):  # a retold block of the previous document, in another order
    block = documents[k - 1][100:180]
    documents[k][:80] = list(rng.permutation(block))
t = time.perf_counter()
for a, b in combinations(range(4), 2):
    engine.align([chosen[i] for i in documents[a]], [chosen[i] for i in documents[b]], "de", "de",
                 vectors=(vectors[documents[a]], vectors[documents[b]]))
group = time.perf_counter() - t
print(json.dumps({"fresh": fresh, "realign": min(realign), "group": group}))
"""


def measure(tree: Path, gold: Path) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
        out = subprocess.run([sys.executable, "-c", _MEASURE, str(Path(folder) / "demo.sqlite"), str(gold)],
                             check=True, capture_output=True, text=True, env=env, cwd=folder)
        return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline", type=Path, help="another checkout (the previous commit): measured alternately")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--gold", type=Path, default=TREE.parent / "shared" / "align-gold")
    args = parser.parse_args()
    trees = {"this tree": TREE, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    runs: dict[str, list[dict]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            runs[name].append(measure(tree, args.gold))
    goals = {"fresh": ("import + align the seeds", 5.0), "realign": ("re-align the demo (stored vectors)", 1.0),
             "group": ("1,000-sentence retelling group", 2.0)}
    for key, (what, goal) in goals.items():
        line = [f"{what:38}"]
        for name in trees:
            values = [r[key] for r in runs[name]]
            line.append(f"{name}: median {statistics.median(values):6.2f} s (best {min(values):.2f})")
        print("  ".join(line) + f"  goal {goal:g} s")


if __name__ == "__main__":
    main()
