"""Work packages at scale: a plan for 100 annotators over 10,000 groups (about a million
sentences) written as 100 package files, then `progress` over the 100 returned files, each
step in a fresh process so that its peak memory is its own.
Goals (issue 16): the plan and its packages in under a minute, progress in under 10 seconds,
each under 500 MB.

    python tests/benchmarks/bench_team.py [--groups 10000] [--annotators 100] [--overlap 0.2]
                                          [--copies 2] [--judged 0.5] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.store import Store  # noqa: E402
from tests.benchmarks.memory import peak_rss_mb  # noqa: E402
from tests.helpers.team_corpus import build_corpus  # noqa: E402


def measure_assign(project: str, out: str, annotators: int, overlap: float, copies: int) -> None:
    from annotator.core.team.packages import assign

    started = time.perf_counter()
    result = assign(project, [f"a{k:03d}" for k in range(annotators)], out, overlap=overlap, copies=copies, seed=1)
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_rss_mb(), "files": len(result.files),
                      "shared": len(result.plan.shared), "groups": len(result.plan.assignments),
                      "loads": sorted(result.plan.load(name) for name in result.plan.annotators)}))


def measure_progress(out: str) -> None:
    from annotator.core.team.progress import read_progress

    started = time.perf_counter()
    report = read_progress([out])
    elapsed = time.perf_counter() - started
    overall = report.agreement["all"][-1]
    print(json.dumps({"seconds": elapsed, "peak_mb": peak_rss_mb(), "files": len(report.files),
                      "judged": sum(a.judged for a in report.annotators),
                      "agreement_sentences": overall.items, "alpha": overall.alpha}))


def label_packages(out: Path, share: float) -> int:
    """Each annotator judges the first `share` of every group's content sentences in their
    package (so the shared groups are judged by both), with a random label or none."""
    total = 0
    for path in sorted(out.glob("*.sqlite")):
        chance = random.Random(path.name)
        with Store.open(path) as store:
            name = store.plans.package().annotator
            labels = [label.name for label in store.scheme.labels()]
            records, nothing = [], []
            for document_id, _ in store.documents.in_order():
                ids = store.documents.sentence_ids(document_id, include_boilerplate=False)
                for sentence_id in ids[:int(len(ids) * share)]:
                    if chance.random() < 0.7:
                        records.append((sentence_id, chance.choice(labels), name, None))
                    else:  # "no label applies"
                        nothing.append((sentence_id, name, "2026-12-01T12:00:00.000Z"))
            with store.transaction():
                total += store.annotations.add_many(records)
                store.annotations.record_judgements(nothing)
    return total


def _child(*args: str) -> dict:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    result = json.loads(done.stdout)
    result["process_seconds"] = time.perf_counter() - started
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--annotators", type=int, default=100)
    parser.add_argument("--overlap", type=float, default=0.2)
    parser.add_argument("--copies", type=int, default=2)
    parser.add_argument("--judged", type=float, default=0.5, help="Share of each package's sentences judged.")
    parser.add_argument("--keep", help="Build in this folder and leave the files there.")
    parser.add_argument("--measure-assign", nargs=2, metavar=("PROJECT", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("--measure-progress", metavar="OUT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_assign:
        measure_assign(*args.measure_assign, args.annotators, args.overlap, args.copies)
        return
    if args.measure_progress:
        measure_progress(args.measure_progress)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        project, out = folder / "corpus.sqlite", folder / "packages"
        started = time.perf_counter()
        sizes = build_corpus(project, args.groups, documents=2, sentences=(40, 60), seed=0)
        with Store.open(project, readonly=True) as store:
            total = store.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
        print(f"corpus: {args.groups:,} groups, {total:,} sentences ({sum(sizes.values()):,} content),"
              f" built in {time.perf_counter() - started:.1f} s, {project.stat().st_size / 1e6:.0f} MB")
        common = ["--annotators", str(args.annotators), "--overlap", str(args.overlap), "--copies", str(args.copies)]
        planned = _child("--measure-assign", str(project), str(out), *common)
        size = sum(p.stat().st_size for p in out.glob("*.sqlite")) / 1e6
        print(f"assign: {planned['files']} packages ({planned['shared']:,} of {planned['groups']:,} groups shared"
              f" by {args.copies}), {planned['seconds']:.1f} s in process, {planned['process_seconds']:.1f} s whole"
              f" process, peak RSS {planned['peak_mb']:.0f} MB; packages {size:.0f} MB; load per annotator"
              f" {planned['loads'][0]:,}..{planned['loads'][-1]:,} sentences")
        started = time.perf_counter()
        labeled = label_packages(out, args.judged)
        print(f"labeling: {labeled:,} labels in {len(list(out.glob('*.sqlite')))} packages,"
              f" {time.perf_counter() - started:.1f} s")
        runs = [_child("--measure-progress", str(out)) for _ in range(3)]
        best = min(runs, key=lambda run: run["seconds"])
        alpha = f"{best['alpha']:.3f}" if best["alpha"] is not None else "n/a"
        inside = [f"{run['seconds']:.1f}" for run in runs]
        whole = [f"{run['process_seconds']:.1f}" for run in runs]
        print(f"progress: {best['files']} files, {best['judged']:,} sentences judged,"
              f" agreement over {best['agreement_sentences']:,} shared sentences (alpha {alpha});"
              f" {', '.join(inside)} s in process ({', '.join(whole)} s whole process),"
              f" peak RSS {max(run['peak_mb'] for run in runs):.0f} MB")


if __name__ == "__main__":
    main()
