"""`export --format hf` throughput against the JSONL export, alternated in one run on the same
100k-sentence benchmark project (bench_export.build_project), each export in a fresh process so
each peak memory is its own. With --baseline (a checkout of the previous version), its JSONL and
hf exports run in the same rounds. Wall time is what a user waits; CPU time (the process's own)
is printed beside it because on a shared machine the wall time also counts the other processes,
and so is the CPU time of the thread that called the export (the hf export reads SQLite there
while other threads build and write Parquet: with free cores its wall time follows that thread).

    python tests/benchmarks/bench_export_hf.py [--sentences 100000] [--rounds 3] [--baseline DIR] [--project P]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_export import build_project  # noqa: E402

BENCH_EXPORT = Path(__file__).with_name("bench_export.py")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", help="a checkout of the previous version: its exports run too")
    parser.add_argument("--project", help="an existing benchmark project (built by build_project) to export")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project = Path(args.project) if args.project else folder / "p.sqlite"
        built = None if args.project else build_project(project, args.sentences, folder / "corpus")
        trees = {"": BENCH_EXPORT.parents[2], **({"-baseline": Path(args.baseline)} if args.baseline else {})}
        projects = {tag: _migrated_copy(project, code, folder / f"p{tag}.sqlite") for tag, code in trees.items()}
        runs: dict[str, list[dict]] = {"jsonl": [], "hf": [],
                                       **({"jsonl-baseline": [], "hf-baseline": []} if args.baseline else {})}
        for _ in range(args.rounds):
            for name in runs:
                fmt = name.split("-")[0]
                output = folder / ("hf" if fmt == "hf" else "out.jsonl")
                tag = "-baseline" if name.endswith("baseline") else ""
                code = trees[tag]
                runs[name].append(json.loads(subprocess.run(
                    [sys.executable, str(code / "tests/benchmarks/bench_export.py"), "--measure", str(projects[tag]), fmt,
                     str(output)], check=True, capture_output=True, text=True,
                    env={**os.environ, "PYTHONPATH": str(code)}).stdout))
        print(f"load average (1, 5, 15 min) at the end: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")
        best, median = {}, {}
        for fmt, found in runs.items():
            rates = sorted(run["rows"] / run["seconds"] for run in found)
            cpu = sorted(run["rows"] / run["cpu_seconds"] for run in found if "cpu_seconds" in run)
            own = sorted(run["rows"] / run["thread_cpu_seconds"] for run in found if "thread_cpu_seconds" in run)
            best[fmt], median[fmt] = rates[-1], statistics.median(rates)
            print(f"{found[0]['rows']:>7} sentences  {fmt:<14}  median {median[fmt]:>9,.0f} sentences/s"
                  f"  (best {rates[-1]:,.0f}, worst {rates[0]:,.0f}, {args.rounds} alternating runs)"
                  + (f"  CPU: median {statistics.median(cpu):,.0f}/s, best {cpu[-1]:,.0f}/s" if cpu else "")
                  + (f" (calling thread's: median {statistics.median(own):,.0f}/s)" if own else "")
                  + f"  peak RSS {max(run['peak_mb'] for run in found):.0f} MB")
        size = sum(p.stat().st_size for p in (folder / "hf").rglob("*") if p.is_file())
        print(f"hf / jsonl: median {median['hf'] / median['jsonl']:.2f}, best {best['hf'] / best['jsonl']:.2f};"
              f" hf folder {size / 1e6:.1f} MB, jsonl {(folder / 'out.jsonl').stat().st_size / 1e6:.1f} MB")
        if args.baseline:
            print(f"hf now / hf baseline: median {median['hf'] / median['hf-baseline']:.2f};"
                  f" jsonl now / jsonl baseline: median {median['jsonl'] / median['jsonl-baseline']:.2f}")


def _migrated_copy(project: Path, code: Path, copy: Path) -> Path:
    """A copy of the project opened once for writing by the tree `code`, so that it holds that
    tree's schema: a reader of an older project reads a migrated copy of it (store/connection.py),
    and timing that copy would measure the migration, not the export."""
    shutil.copyfile(project, copy)
    subprocess.run([sys.executable, "-c", "import sys\nfrom annotator.core.store import Store\n"
                    "with Store.open(sys.argv[1]):\n    pass", str(copy)],
                   check=True, cwd=code, env={**os.environ, "PYTHONPATH": str(code)})  # (-c: the cwd comes first)
    return copy


if __name__ == "__main__":
    main()
