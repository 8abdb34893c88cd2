"""Aligner speed and memory: a synthetic pair of 7,000-sentence documents (Text+Berg's German
and French, repeated with a marker that makes every sentence unique, so nothing is served from
a cache), and re-alignment of a 1,000-sentence pair whose embeddings are already computed.
Goals: 7,000 x 7,000 in under 60 s with peak memory under 500 MB; re-alignment under 1 s.

    python tests/benchmarks/bench_align.py [--gold ../shared/align-gold] [--sentences 7000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import engine  # noqa: E402
from annotator.core.align.beads import count  # noqa: E402
from annotator.core.align.embeddings import Encoder  # noqa: E402
from tests.benchmarks.align_eval import documents  # noqa: E402
from tests.benchmarks.memory import peak_rss_mb  # noqa: E402


def synthetic_pair(gold_root: Path, size: int):
    docs = list(documents(gold_root, "text+berg")) + list(documents(gold_root, "text+berg-dev"))
    source, target, gold = [], [], []
    copy = 0
    while len(source) < size:
        for _, src, tgt, _, _, beads in docs:
            offset_s, offset_t = len(source), len(target)
            source += [f"({copy}) {s}" for s in src]
            target += [f"({copy}) {t}" for t in tgt]
            gold += [type(b)(tuple(i + offset_s for i in b.src), tuple(j + offset_t for j in b.tgt)) for b in beads]
        copy += 1
    return source[:size], target[:size], gold


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parents[3] / "shared" / "align-gold")
    parser.add_argument("--sentences", type=int, default=7000)
    args = parser.parse_args()
    source, target, gold = synthetic_pair(args.gold, args.sentences)
    encoder = Encoder()
    started = time.perf_counter()
    source_vectors, target_vectors = encoder.encode(source), encoder.encode(target)
    encoded = time.perf_counter()
    result = engine.align(source, target, "de", "fr", encoder=encoder)
    finished = time.perf_counter()
    kept = [b for b in gold if max(b.src, default=-1) < len(source) and max(b.tgt, default=-1) < len(target)]
    scores = count(result.beads, kept).scores()
    print(f"{len(source)} x {len(target)} sentences: {finished - started:.1f} s in all "
          f"(encoding {encoded - started:.1f} s, alignment {finished - encoded:.1f} s), "
          f"peak RSS {peak_rss_mb():.0f} MB, strict F1 {scores['strict_f1']:.3f} (gold truncated at the end)")
    size = min(1000, len(source), len(target))
    small_source, small_target = source[:size], target[:size]
    vectors = source_vectors[:size], target_vectors[:size]
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        engine.align_embedding(small_source, small_target, encoder, engine.DEFAULT, *vectors)
        timings.append(time.perf_counter() - started)
    print(f"re-alignment of {size:,} x {size:,} with cached embeddings: {min(timings):.2f} s (best of 3)")


if __name__ == "__main__":
    main()
