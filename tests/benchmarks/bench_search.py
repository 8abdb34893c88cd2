"""Project-wide search at scale (issue 31): a synthetic project of shuffled seed paragraphs
(~6.7 sentences per KB), imported, then indexed by the first search; prints the import's and
the index build's time, the file's growth, the time to the first results of a word query, of
a phrase, of a substring and of queries with one and two filters, and "more like this" over
one vector per sentence (random unit vectors stored in the aligner's cache: the exact scan
costs the same whatever the vectors say, and aligning 100,000 sentences here would take an
hour).

    python tests/benchmarks/bench_search.py [--mb 15] [--vectors] [--repeat 5]
    python tests/benchmarks/bench_search.py --project P [--repeat 5]

With --project, a copy of an imported project P is searched instead (no import): the "index
build" is then what the first search adds to it (after migrating it, if it is older). To
compare two trees on one project, place this file in each tree and run them alternately.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align.embeddings import model_name  # noqa: E402
from annotator.core.align.similar import nearest_in_project  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.core.text.importer import analyze_files  # noqa: E402
from annotator.core.text.search_query import parse  # noqa: E402
from tests.benchmarks.corpus import write_corpus  # noqa: E402

QUERIES = (
    ("word", "government"),
    ("rare word", "sputnik"),
    ("phrase", '"defense ministry"'),
    ("prefix", "russ*"),
    ("substring (trigram)", "*inisteri*"),
    ("substring, folded", "*veroffentlicht*"),  # "veröffentlicht": found only folded
    ("word + 1 filter", "government lang:en"),
    ("word + 2 filters", "government lang:en -is:boilerplate"),
    ("2 filters, no word", "lang:de label:claim"),
    ("suggest filter", "suggest:claim>=0.8 lang:en"),
)


def _size(path: Path) -> int:
    return sum(os.path.getsize(f"{path}{suffix}") for suffix in ("", "-wal") if os.path.exists(f"{path}{suffix}"))


def _timed(function, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=15.0)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--vectors", action="store_true", help="also time more like this (512-d vectors)")
    parser.add_argument("--project", type=Path, help="search a copy of this imported project (no import)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.project.parent if args.project else None) as folder:
        folder = Path(folder)
        path = folder / "project.sqlite"
        if args.project:
            shutil.copyfile(args.project, path)
        else:
            files = write_corpus(folder / "corpus", int(args.mb * 1_000_000))
        start, cpu = time.perf_counter(), time.process_time()
        with Store.open(path) as store:
            if not args.project:
                store.documents.import_documents(analyze_files(files, group="bench"))
            imported, imported_cpu = time.perf_counter() - start, time.process_time() - cpu
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            sentences = store.db.execute("SELECT count(*) FROM sentences").fetchone()[0]
            before = _size(path)
            start, cpu = time.perf_counter(), time.process_time()
            store.search.catch_up()
            built, built_cpu = time.perf_counter() - start, time.process_time() - cpu
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            after = _size(path)
            print(f"{sentences:,} sentences" + (f" ({args.project})" if args.project else f" ({args.mb:g} MB of text)"))
            print(f"{'open (and migrate)' if args.project else 'import'}: {imported:.1f} s (CPU {imported_cpu:.1f} s)")
            ratio = "" if args.project else f" = {built_cpu / imported_cpu:.2f}x the import's CPU time"
            print(f"index build (first search): {built:.1f} s (CPU {built_cpu:.1f} s){ratio}")
            print(f"file: {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB (+{(after - before) / before:.0%})")
            ids = [row[0] for row in store.db.execute("SELECT id FROM sentences ORDER BY random() LIMIT 2000")]
            with store.transaction():
                for k, sentence_id in enumerate(ids):
                    store.annotations.set(sentence_id, "claim", "bench")
                claim = store.db.execute("SELECT id FROM labels WHERE name = 'claim'").fetchone()[0]
                store.db.conn.executemany("INSERT INTO suggestions VALUES (?, ?, ?, 'now')",
                                          ((i, claim, (i % 100) / 100) for i, in store.db.execute(
                                              "SELECT id FROM sentences WHERE id % 7 = 0")))
            for name, query in QUERIES:
                parsed = parse(query)
                first, hits = _timed(lambda: store.search.hits(parsed, 50), args.repeat)
                print(f"{name:<22} {query!r:<40} first 50: {first * 1000:7.1f} ms ({len(hits)} hits)")
            if args.vectors:
                rng = np.random.default_rng(0)
                model = model_name()
                every = [row for row in store.db.execute("SELECT id, text FROM sentences")]
                for begin in range(0, len(every), 50_000):
                    chunk = every[begin:begin + 50_000]
                    vectors = rng.standard_normal((len(chunk), 512)).astype(np.float32)
                    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
                    store.embeddings.put(model, [(i, text, v.tobytes()) for (i, text), v in zip(chunk, vectors)])
                start = time.perf_counter()
                nearest_in_project(store, every[0][0], 20)
                print(f"more like this, first (reads {len(every):,} vectors): {time.perf_counter() - start:.2f} s")
                later, found = _timed(lambda: nearest_in_project(store, every[len(every) // 2][0], 20), args.repeat)
                print(f"more like this, later (matrix kept): {later * 1000:.0f} ms ({len(found)} hits)")
                matrix = rng.standard_normal((1_000_000, 512)).astype(np.float32)
                scan, _ = _timed(lambda: np.argpartition(-(matrix @ matrix[0]), 36)[:36], args.repeat)
                print(f"exact scan of 1,000,000 x 512 float32 in memory ({matrix.nbytes / 1e9:.1f} GB):"
                      f" {scan * 1000:.0f} ms")


if __name__ == "__main__":
    main()
