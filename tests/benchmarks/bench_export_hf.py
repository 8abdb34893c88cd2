"""`export --format hf` throughput against the JSONL export, alternated in one run on the same
100k-sentence benchmark project (bench_export.build_project), each export in a fresh process so
each peak memory is its own.

    python tests/benchmarks/bench_export_hf.py [--sentences 100000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
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
    parser.add_argument("--baseline", help="a checkout of the previous release: its JSONL export runs too")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        project = folder / "p.sqlite"
        built = build_project(project, args.sentences, folder / "corpus")
        runs: dict[str, list[dict]] = {"jsonl": [], "hf": [], **({"jsonl-baseline": []} if args.baseline else {})}
        for _ in range(args.rounds):
            for name in runs:
                fmt = name.split("-")[0]
                output = folder / ("hf" if fmt == "hf" else "out.jsonl")
                code = Path(args.baseline) if name.endswith("baseline") else BENCH_EXPORT.parents[2]
                runs[name].append(json.loads(subprocess.run(
                    [sys.executable, str(code / "tests/benchmarks/bench_export.py"), "--measure", str(project), fmt,
                     str(output)], check=True, capture_output=True, text=True,
                    env={**os.environ, "PYTHONPATH": str(code)}).stdout))
        best = {}
        for fmt, found in runs.items():
            rates = sorted(run["rows"] / run["seconds"] for run in found)
            best[fmt] = rates[-1]
            print(f"{built:>7} sentences  {fmt:<14}  median {statistics.median(rates):>9,.0f} sentences/s"
                  f"  (best {rates[-1]:,.0f}, worst {rates[0]:,.0f}, {args.rounds} alternating runs)"
                  f"  peak RSS {max(run['peak_mb'] for run in found):.0f} MB")
        size = sum(p.stat().st_size for p in (folder / "hf").rglob("*") if p.is_file())
        print(f"hf / jsonl (best): {best['hf'] / best['jsonl']:.2f}; hf folder {size / 1e6:.1f} MB,"
              f" jsonl {(folder / 'out.jsonl').stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
