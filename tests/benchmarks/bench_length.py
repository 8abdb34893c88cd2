"""The length engine (method "length": languages the embedding model lacks) against hunalign, in
one run: wall time, strict/lax F1 and peak memory, on the shared hunalign dtm set (hu-en, 581 x
583 sentences) and on a pair of about 7,000 x 7,000 sentences built from the shared gold data.

The built pair: the dtm document and the ten ParIce documents (en-is) are cut into chunks of
about 40 gold beads, at bead boundaries (a cut never splits a bead), giving about 30 chunks
and 1,160 sentences a side. The pair is copies of all the chunks, each copy in its own random
order (seeded), so that neighbouring chunks differ from copy to copy, until the source side
reaches --sentences: every sentence occurs about six times, in a different context each time,
and the source side mixes Hungarian with English, the target side English with Icelandic. Its
gold is the chunks' gold beads, shifted to their place (ParIce's gold bead pointing past the end
of `u_1.txt` is dropped).

Both aligners run as separate processes that read the two sentence files and write their
result, so start-up counts for both: ours is `python -m annotator.cli align-files SRC TGT
--sentences-per-line --method length` (with --src-lang/--tgt-lang, so no language detection),
hunalign is `hunalign -utf -realign EMPTY.dic SRC TGT` (its ladder is turned into beads, null
rungs split into one bead per sentence as the gold sets write them). Each is run --repeat
times and the fastest is kept. "in-proc" is our engine alone, `engine.align(..., "length")`
called in this process (no interpreter start-up, imports or file reading: about 0.3 s of the
process time). Peak memory is the child's maximum RSS (wait4). The hunalign
binary is not part of the project: build it from its public source and pass --hunalign PATH;
without it, its column is skipped. Targets: our time <= hunalign's, our strict F1 >= hunalign's,
our peak memory < 500 MB.

    python tests/benchmarks/bench_length.py [--hunalign PATH] [--gold ../shared/align-gold]
        [--sentences 7000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator.core.align.beads import Bead, count, parse_beads  # noqa: E402
from tests.benchmarks.align_eval import documents  # noqa: E402

CHUNK_BEADS = 40


def _cuts(beads: list[Bead], n: int, m: int, every: int) -> list[tuple[int, int, int]]:
    """(bead index, source position, target position) after which the document may be cut:
    every bead before lies wholly before both positions, every bead after wholly after."""
    suffix_src = [n] * (len(beads) + 1)
    suffix_tgt = [m] * (len(beads) + 1)
    for k in range(len(beads) - 1, -1, -1):
        suffix_src[k] = min([suffix_src[k + 1], *beads[k].src])
        suffix_tgt[k] = min([suffix_tgt[k + 1], *beads[k].tgt])
    cuts, x, y, last = [], 0, 0, 0
    for k, bead in enumerate(beads):
        x, y = max([x, *(i + 1 for i in bead.src)]), max([y, *(j + 1 for j in bead.tgt)])
        if k + 1 - last >= every and k + 1 < len(beads) and suffix_src[k + 1] >= x and suffix_tgt[k + 1] >= y:
            cuts.append((k + 1, x, y))
            last = k + 1
    return cuts + [(len(beads), n, m)]


def chunks(gold_root: Path, every: int = CHUNK_BEADS):
    """(source sentences, target sentences, gold beads relative to the chunk) of dtm and ParIce."""
    out = []
    for dataset in ("hunalign-dtm-hu-en", "parice"):
        for _, source, target, _, _, gold in documents(gold_root, dataset):
            n, m = len(source), len(target)
            gold = [b for b in gold if all(i < n for i in b.src) and all(j < m for j in b.tgt)]
            start = (0, 0, 0)
            for cut in _cuts(gold, n, m, every):
                (k0, x0, y0), (k1, x1, y1) = start, cut
                beads = [Bead(tuple(i - x0 for i in b.src), tuple(j - y0 for j in b.tgt)) for b in gold[k0:k1]]
                out.append((source[x0:x1], target[y0:y1], beads))
                start = cut
    return out


def built_pair(gold_root: Path, size: int, seed: int = 7):
    """About `size` x `size` sentences: shuffled copies of the chunks (see the module docstring)."""
    pieces = chunks(gold_root)
    rng = random.Random(seed)
    source, target, gold = [], [], []
    while len(source) < size:
        order = list(range(len(pieces)))
        rng.shuffle(order)
        for k in order:
            src, tgt, beads = pieces[k]
            gold += [Bead(tuple(i + len(source) for i in b.src), tuple(j + len(target) for j in b.tgt)) for b in beads]
            source += src
            target += tgt
            if len(source) >= size:
                break
    return source, target, gold


def ladder_to_beads(text: str, n: int, m: int) -> list[Bead]:
    """hunalign's ladder (rungs `x<TAB>y<TAB>score`) as beads; a null rung becomes one bead per
    sentence, as the gold sets write them."""
    rungs = [(0, 0)]
    for line in text.splitlines():
        if line.strip():
            x, y = (int(v) for v in line.split("\t")[:2])
            if (x, y) != rungs[-1]:
                rungs.append((x, y))
    if rungs[-1] != (n, m):
        rungs.append((n, m))
    beads = []
    for (x0, y0), (x1, y1) in zip(rungs, rungs[1:]):
        if x1 > x0 and y1 > y0:
            beads.append(Bead(tuple(range(x0, x1)), tuple(range(y0, y1))))
        else:
            beads += [Bead((i,), ()) for i in range(x0, x1)] + [Bead((), (j,)) for j in range(y0, y1)]
    return beads


def run(command: list[str]) -> tuple[float, float, str]:
    """(wall seconds, peak RSS in MB, stdout) of one child process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        if child.returncode:
            message = err.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{command[0]} failed ({child.returncode}): {message}")
        return seconds, usage.ru_maxrss / 1024, out.read().decode("utf-8")


def best_of(repeat: int, command: list[str]) -> tuple[float, float, str]:
    results = [run(command) for _ in range(repeat)]
    return min(r[0] for r in results), max(r[1] for r in results), results[0][2]


def engine_seconds(repeat: int, source: list[str], target: list[str], src_lang: str, tgt_lang: str) -> float:
    """Our engine alone, in this process (no start-up, no file reading): the fastest of `repeat`."""
    from annotator.core.align import engine

    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        engine.align(source, target, src_lang, tgt_lang, "length")
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "align-gold")
    parser.add_argument("--hunalign", type=Path, default=None, help="path of a hunalign binary (else skipped)")
    parser.add_argument("--sentences", type=int, default=7000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per aligner and pair; the fastest counts")
    args = parser.parse_args()
    if args.hunalign is not None and not args.hunalign.is_file():
        print(f"no hunalign at {args.hunalign}: its column is skipped", file=sys.stderr)
        args.hunalign = None

    (_, dtm_source, dtm_target, _, _, dtm_gold), = documents(args.gold, "hunalign-dtm-hu-en")
    pairs = [("hunalign dtm (hu-en)", dtm_source, dtm_target, dtm_gold, "hu", "en"),
             ("built pair (dtm+ParIce)", *built_pair(args.gold, args.sentences), "hu", "is")]
    print(f"{'pair':<24} {'size':>13} {'aligner':<9} {'process':>8} {'in-proc':>8} {'strict F1':>9} {'lax F1':>7} "
          f"{'peak RSS':>9}")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        empty = folder / "empty.dic"
        empty.write_text("")
        for name, source, target, gold, src_lang, tgt_lang in pairs:
            src_file, tgt_file, beads_file = folder / "src.txt", folder / "tgt.txt", folder / "ours.beads"
            src_file.write_text("".join(s + "\n" for s in source), encoding="utf-8")
            tgt_file.write_text("".join(t + "\n" for t in target), encoding="utf-8")
            size = f"{len(source):,} x {len(target):,}"
            ours = [sys.executable, "-m", "annotator.cli", "align-files", str(src_file), str(tgt_file),
                    "--sentences-per-line", "--method", "length", "--src-lang", src_lang, "--tgt-lang", tgt_lang,
                    "-o", str(beads_file)]
            seconds, peak, _ = best_of(args.repeat, ours)
            inside = engine_seconds(args.repeat, source, target, src_lang, tgt_lang)
            scores = count(parse_beads(beads_file.read_text(encoding="utf-8")), gold).scores()
            print(f"{name:<24} {size:>13} {'ours':<9} {seconds:7.2f}s {inside:7.2f}s {scores['strict_f1']:9.3f} "
                  f"{scores['lax_f1']:7.3f} {peak:6.0f} MB", flush=True)
            if args.hunalign is None:
                continue
            theirs = [str(args.hunalign), "-utf", "-realign", str(empty), str(src_file), str(tgt_file)]
            their_seconds, their_peak, ladder = best_of(args.repeat, theirs)
            their_scores = count(ladder_to_beads(ladder, len(source), len(target)), gold).scores()
            print(f"{'':<24} {'':>13} {'hunalign':<9} {their_seconds:7.2f}s {'':>8} {their_scores['strict_f1']:9.3f} "
                  f"{their_scores['lax_f1']:7.3f} {their_peak:6.0f} MB", flush=True)
            print(f"{'':<24} {'':>13} {'ratio':<9} {seconds / their_seconds:7.2f}x {inside / their_seconds:7.2f}x "
                  f" ours / hunalign time (hunalign: whole process)", flush=True)


if __name__ == "__main__":
    main()
