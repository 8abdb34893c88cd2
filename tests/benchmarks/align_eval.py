"""Alignment quality on the public gold sets in ../shared/align-gold: strict and lax P/R/F1
(micro-averaged per dataset) and wall time, for the product's aligner, a plain Gale-Church DP
and a plain embedding DP, all in one run.

    python tests/benchmarks/align_eval.py [--gold ../shared/align-gold] [--datasets text+berg,parice]
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import engine  # noqa: E402
from annotator.core.align.beads import Counts, count, parse_beads  # noqa: E402
from annotator.core.align.embeddings import shared_encoder  # noqa: E402

DATASETS = {  # name: (source folder, target folder, source language, target language)
    "text+berg": ("de", "fr", "de", "fr"),
    "text+berg-dev": ("de", "fr", "de", "fr"),
    "parice": ("eng", "isl", "en", "is"),
    "hunalign-dtm-hu-en": ("hu", "en", "hu", "en"),
}
_PARICE_INDEX = re.compile(r"^\d+\t")
PLAIN_EMBEDDING = engine.with_params(max_block=2, skip=0.0, merge_penalty=0.0, block_exponent=0.0,
                                     length_weight=0.0, full_dp_cells=10**9,
                                     reorder_threshold=None)


def read_sentences(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [_PARICE_INDEX.sub("", line) for line in lines]


def documents(gold_root: Path, dataset: str):
    src_dir, tgt_dir, src_lang, tgt_lang = DATASETS[dataset]
    root = gold_root / dataset
    for gold_path in sorted((root / "gold").iterdir()):
        yield (gold_path.name, read_sentences(root / src_dir / gold_path.name),
               read_sentences(root / tgt_dir / gold_path.name), src_lang, tgt_lang,
               parse_beads(gold_path.read_text(encoding="utf-8")))


def systems():
    encoder = shared_encoder()
    return {
        "product (auto)": lambda s, t, sl, tl: engine.align(s, t, sl, tl, "auto", encoder).beads,
        "plain Gale-Church": lambda s, t, sl, tl: engine.align_length(s, t, engine.with_params(max_block=2),
                                                                     use_anchors=False),
        "plain embedding DP": lambda s, t, sl, tl: engine.align_embedding(s, t, encoder, PLAIN_EMBEDDING),
    }


def evaluate(gold_root: Path, dataset: str, system) -> tuple[Counts, float]:
    total = Counts()
    started = time.perf_counter()
    for _, source, target, src_lang, tgt_lang, gold in documents(gold_root, dataset):
        total = total + count(system(source, target, src_lang, tgt_lang), gold)
    return total, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    default_gold = Path(__file__).resolve().parents[3] / "shared" / "align-gold"
    parser.add_argument("--gold", type=Path, default=default_gold)
    parser.add_argument("--datasets", default=",".join(DATASETS))
    parser.add_argument("--systems", default=None, help="comma-separated subset of the systems")
    args = parser.parse_args()
    chosen = systems()
    if args.systems:
        chosen = {name: fn for name, fn in chosen.items() if name in args.systems.split(",")}
    print(f"{'dataset':<20} {'system':<20} {'strict P/R/F1':<22} {'lax P/R/F1':<22} time")
    for dataset in args.datasets.split(","):
        for name, system in chosen.items():
            counts, seconds = evaluate(args.gold, dataset, system)
            s = counts.scores()
            print(f"{dataset:<20} {name:<20} {s['strict_p']:.3f}/{s['strict_r']:.3f}/{s['strict_f1']:.3f}   "
                  f"{s['lax_p']:.3f}/{s['lax_r']:.3f}/{s['lax_f1']:.3f}   {seconds:6.1f} s", flush=True)


if __name__ == "__main__":
    main()
