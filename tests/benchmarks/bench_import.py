"""Import throughput: MB/s and sentences/s on a synthetic corpus (>= 10 MB) of shuffled seed
paragraphs, and peak memory. Goal (issue 29): >= 3 MB/s, peak <= 4x the file. The process's CPU
time is printed too: on a machine shared with other work it compares two trees better than the
wall time (run each tree's own copy of this script: it imports the tree it lives in).

    python tests/benchmarks/bench_import.py [--mb 10] [--cold-language-cache] [--workers N]

--workers: processes analysing files ahead (default: as `annotator import` chooses them, the
cores other processes leave free; 1: the one-process path). Their CPU time is counted in the
CPU figure, their peak memory printed beside the importing process's.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.text import language  # noqa: E402
from annotator.core.text.importer import analyze_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.benchmarks.memory import current_rss_mb, peak_rss_mb  # noqa: E402
from tests.benchmarks.corpus import write_corpus  # noqa: E402


class _NoCache(dict):
    def __setitem__(self, key, value):  # every word is looked up afresh: the worst case
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0)
    parser.add_argument("--cold-language-cache", action="store_true",
                        help="disable the language model's per-word cache (worst case)")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = write_corpus(folder / "corpus", int(args.mb * 1_000_000))
        total_bytes = sum(path.stat().st_size for path in files)
        language.model()  # loading the profiles (~0.4 s) is start-up, not throughput
        if args.cold_language_cache:
            language.model()._word_cache = _NoCache()
            if hasattr(language.model(), "_word_rows"):
                language.model()._word_rows = _NoCache()
        baseline_mb = current_rss_mb()
        load_before = os.getloadavg()[0]
        cpu_started, own_started = _cpu_with_children(), time.process_time()
        started = time.perf_counter()
        workers = _workers(args.workers)
        with Store.open(folder / "bench.sqlite") as store:
            # the same path as `annotator import`: analysis streams into one transaction
            outcomes = store.documents.import_documents(analyze_files(files, group="bench", **workers))
        finished = time.perf_counter()
        cpu, own_cpu = _cpu_with_children() - cpu_started, time.process_time() - own_started
        sentences = sum(o.sentences + o.boilerplate for o in outcomes)
        elapsed = finished - started
        peak_mb = peak_rss_mb()
        print(f"corpus: {len(files)} files, {total_bytes / 1e6:.1f} MB, {sentences} sentences"
              f"{' (cold language cache)' if args.cold_language_cache else ''}")
        print(f"time: {elapsed:.2f} s (CPU {cpu:.2f} s: {total_bytes / 1e6 / cpu:.2f} MB per CPU-second)")
        print(f"import throughput: {total_bytes / 1e6 / elapsed:.2f} MB/s, {sentences / elapsed:,.0f} sentences/s")
        print(f"peak memory (RSS): {peak_mb:.0f} MB; before the import (Python, numpy, language model): "
              f"{baseline_mb:.0f} MB")
        if workers:
            children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"workers: {workers['workers']} (largest worker's peak RSS {children:.0f} MB); "
                  f"CPU of the importing process {own_cpu:.2f} s, of the workers {cpu - own_cpu:.2f} s")
        print(f"load average: {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")


def _cpu_with_children() -> float:
    """This process's CPU time and that of its ended children (the import's workers)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _workers(asked: int | None) -> dict:
    """analyze_files' workers argument where this tree has one (an older tree has none)."""
    try:
        from annotator.core.session.importing import import_workers
    except ImportError:
        return {}
    return {"workers": import_workers() if asked is None else asked}


if __name__ == "__main__":
    main()
