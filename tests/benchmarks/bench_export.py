"""Export throughput (sentences/s) and peak memory on projects of growing size.

Builds projects of 25k, 50k and 100k content sentences from shuffled seed paragraphs (a third
of the sentences labeled by two annotators, a fifth aligned), then exports each as JSONL and
CSV in a fresh process, so each export's peak memory is its own.
Goals (PRODUCT.md): >= 100,000 sentences/s; memory flat as the project grows.

    python tests/benchmarks/bench_export.py [--sizes 25000,50000,100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.dataset.export import export  # noqa: E402
from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.benchmarks.memory import peak_rss_mb  # noqa: E402
from tests.benchmarks.corpus import write_corpus  # noqa: E402


def build_project(path: Path, content_sentences: int, folder: Path) -> int:
    # ~7,000 content sentences per MB of seed text
    files = write_corpus(folder, int(content_sentences / 5200 * 1_000_000) + 50_000, seed=content_sentences)
    import_files(path, files, group="bench")
    chance = random.Random(0)
    with Store.open(path) as store:
        documents = store.stats.document_summaries()
        sentences = [s for d in documents for s in store.documents.sentences(d.id) if not s.boilerplate]
        labels = [label.name for label in store.scheme.labels()]
        store.annotations.add_many((s.id, chance.choice(labels), annotator, None)
                              for s in sentences if chance.random() < 1 / 3 for annotator in ("ann", "bob"))
        links = []
        for pivot, other in zip(documents[::2], documents[1::2]):
            a, b = store.documents.sentences(pivot.id), store.documents.sentences(other.id)
            links += [([a[i].id], [b[i].id], 0.8, "machine") for i in range(0, min(len(a), len(b)), 3)]
        store.links.add_many(links)
        return len(sentences)


def measure(project: str, fmt: str, output: str) -> None:
    """One export: its wall time, the process's CPU time, and the CPU time of the thread that
    called it (the hf export reads SQLite there while other threads build and write: on free
    cores, its wall time follows this one)."""
    started, cpu, own = time.perf_counter(), time.process_time(), time.thread_time()
    count = export(project, fmt, output)
    elapsed = time.perf_counter() - started
    print(json.dumps({"rows": count, "seconds": elapsed, "cpu_seconds": time.process_time() - cpu,
                      "thread_cpu_seconds": time.thread_time() - own, "peak_mb": peak_rss_mb()}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="25000,50000,100000")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--measure", nargs=3, metavar=("PROJECT", "FORMAT", "OUTPUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(*args.measure)
        return
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        for size in (int(n) for n in args.sizes.split(",")):
            project = folder / f"p{size}.sqlite"
            built = build_project(project, size, folder / f"corpus{size}")
            for fmt in ("jsonl", "csv"):
                runs = [json.loads(subprocess.run(
                    [sys.executable, __file__, "--measure", str(project), fmt, str(folder / f"out.{fmt}")],
                    check=True, capture_output=True, text=True).stdout) for _ in range(args.repeat)]
                rates = sorted(run["rows"] / run["seconds"] for run in runs)
                print(f"{built:>7} sentences  {fmt:<5}  median {statistics.median(rates):>9,.0f} sentences/s"
                      f"  (best {rates[-1]:,.0f}, worst {rates[0]:,.0f}, {args.repeat} runs)"
                      f"  peak RSS {max(run['peak_mb'] for run in runs):.0f} MB")


if __name__ == "__main__":
    main()
