""""More like this" at scale (issue 31), this tree against another (the baseline), alternated in
one run. Each tree gets its own copy of an imported benchmark project (bench_search.py's corpus;
`--mb 150` is the 1M-sentence project) and stores the same random 512-d unit vectors through its
own `store.embeddings.put` (this tree writes the compact copy there). Then, round after round,
each tree in a fresh process times its first call (nothing in memory; the OS file cache is
warm) and repeat calls, on the same sentences, wall and CPU time. Both trees' answers are then
checked against an exact scan of every stored vector (recall@10; the scan leaves the query
sentence out, and the random vectors are never stale).

    python tests/benchmarks/bench_similar.py --base /tmp/base --project imported.sqlite [--rounds 3]
    python tests/benchmarks/bench_similar.py --base /tmp/base --mb 15
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def _size(path: Path) -> int:
    return sum(os.path.getsize(f"{path}{suffix}") for suffix in ("", "-wal") if os.path.exists(f"{path}{suffix}"))


def child_put(path: str) -> None:
    import numpy as np
    from annotator.core.align.embeddings import model_name
    from annotator.core.store import Store
    rng = np.random.default_rng(0)
    with Store.open(path) as store:
        every = store.db.execute("SELECT id, text FROM sentences ORDER BY id").fetchall()
        start = time.perf_counter()
        for begin in range(0, len(every), 50_000):
            chunk = every[begin:begin + 50_000]
            vectors = rng.standard_normal((len(chunk), 512)).astype(np.float32)
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            store.embeddings.put(model_name(), [(i, t, v.tobytes()) for (i, t), v in zip(chunk, vectors)])
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        print(json.dumps({"put": time.perf_counter() - start, "sentences": len(every)}))


def child_import(path: str, mb: float) -> None:
    from annotator.core.store import Store
    from annotator.core.text.importer import analyze_files
    sys.path.insert(0, str(HERE))
    from tests.benchmarks.corpus import write_corpus
    with Store.open(path) as store:
        store.documents.import_documents(analyze_files(write_corpus(Path(path).parent / "corpus", int(mb * 1e6)),
                                                       group="bench"))
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print("{}")


def child_query(path: str, ids: list[int], repeat: int) -> None:
    from annotator.core.align.similar import nearest_in_project
    from annotator.core.store import Store
    with Store.open(path) as store:
        start, cpu = time.perf_counter(), time.process_time()
        first = nearest_in_project(store, ids[0], 20)
        first_time, first_cpu = time.perf_counter() - start, time.process_time() - cpu
        answers, later = [[i for i, _ in first]], []
        for sentence_id in ids[1:1 + repeat]:
            start = time.perf_counter()
            answers.append([i for i, _ in nearest_in_project(store, sentence_id, 20)])
            later.append(time.perf_counter() - start)
        print(json.dumps({"first": first_time, "first_cpu": first_cpu, "later": later, "answers": answers}))


def child_exact(path: str, ids: list[int]) -> None:
    """The exact 10 nearest of each sentence by every stored vector (plain sqlite3 and numpy)."""
    import numpy as np
    from annotator.core.align.embeddings import model_name
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        rows = dict(db.execute(f"SELECT sentence_id, vector FROM embeddings WHERE model = ? AND sentence_id IN"
                               f" ({','.join('?' * len(ids))})", [model_name(), *ids]).fetchall())
        queries = np.stack([np.frombuffer(rows[i], dtype=np.float32) for i in ids])
        best_ids = np.zeros((len(ids), 0), np.int64)
        best = np.zeros((len(ids), 0), np.float32)
        cursor = db.execute("SELECT sentence_id, vector FROM embeddings WHERE model = ?", [model_name()])
        while chunk := cursor.fetchmany(50_000):
            chunk = [(i, v) for i, v in chunk if len(v) == queries.shape[1] * 4]
            chunk_ids = np.array([i for i, _ in chunk], dtype=np.int64)
            scores = queries @ np.frombuffer(b"".join(v for _, v in chunk), dtype=np.float32).reshape(len(chunk), -1).T
            scores[chunk_ids[None, :] == np.array(ids)[:, None]] = -np.inf  # the sentence itself
            best = np.concatenate([best, scores], axis=1)
            best_ids = np.concatenate([np.broadcast_to(best_ids, (len(ids), best_ids.shape[1])),
                                       np.broadcast_to(chunk_ids, (len(ids), len(chunk_ids)))], axis=1)
            keep = np.argsort(-best, axis=1, kind="stable")[:, :10]
            best, best_ids = np.take_along_axis(best, keep, 1), np.take_along_axis(best_ids, keep, 1)
    print(json.dumps({"answers": best_ids.tolist()}))


def _run(tree: Path, *args) -> dict:
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([sys.executable, str(Path(__file__).resolve()), *map(str, args)], env=env,
                          cwd=tree, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{tree}: {done.stderr.strip().splitlines()[-1]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _prepare(args, trees: dict, folder: Path, copies: dict) -> int:
    source = args.project
    if source is None:  # imported by the baseline, which could not open a newer file
        source = folder / "imported.sqlite"
        _run(trees["base"], "--child-import", source, args.mb)
    for name, tree in trees.items():
        shutil.copyfile(source, copies[name])
        before = _size(copies[name])
        put = _run(tree, "--child-put", copies[name])
        print(f"{name}: {put['sentences']:,} sentences, put 512-d vectors in {put['put']:.1f} s;"
              f" file {before / 1e6:.0f} MB -> {_size(copies[name]) / 1e6:.0f} MB")
    growth = _size(copies["this"]) - _size(copies["base"])
    print(f"the compact copy adds {growth / 1e6:.1f} MB to the file")
    return put["sentences"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, required=True, help="the baseline tree (git archive of main)")
    parser.add_argument("--project", type=Path, help="an imported benchmark project (copied, never changed)")
    parser.add_argument("--mb", type=float, default=15.0, help="without --project: import this much text")
    parser.add_argument("--copies", type=Path, help="a folder holding base.sqlite and this.sqlite with their"
                        " vectors from an earlier run (hard links to them: the run's own folder goes)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": HERE}
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as folder:
        folder = Path(folder)
        copies = {name: folder / f"{name}.sqlite" for name in trees}
        if args.copies is not None:
            copies = {name: args.copies / f"{name}.sqlite" for name in trees}
            with sqlite3.connect(f"file:{copies['base']}?mode=ro", uri=True) as db:
                sentences = db.execute("SELECT max(id) FROM sentences").fetchone()[0]
        else:
            sentences = _prepare(args, trees, folder, copies)
        import random
        chance = random.Random(1)
        firsts = {name: [] for name in trees}
        cpus = {name: [] for name in trees}
        laters = {name: [] for name in trees}
        answers = {name: [] for name in trees}
        asked = []
        for round_ in range(args.rounds):
            ids = [chance.randint(1, sentences) for _ in range(1 + args.repeat)]
            asked += ids
            for name, tree in trees.items():
                got = _run(tree, "--child-query", copies[name], "--ids", ",".join(map(str, ids)),
                           "--repeat", args.repeat)
                firsts[name].append(got["first"])
                cpus[name].append(got["first_cpu"])
                laters[name] += got["later"]
                answers[name] += got["answers"]
                print(f"round {round_ + 1} {name}: first {got['first']:.2f} s (CPU {got['first_cpu']:.2f} s),"
                      f" later median {statistics.median(got['later']) * 1000:.0f} ms,"
                      f" load average {os.getloadavg()[0]:.1f}", flush=True)
        exact = _run(HERE, "--child-exact", copies["this"], "--ids", ",".join(map(str, asked)))["answers"]
        for name in trees:
            recall = statistics.mean(len(set(e) & set(found[:10])) / 10 for e, found in zip(exact, answers[name]))
            print(f"{name}: first call median {statistics.median(firsts[name]):.2f} s"
                  f" (CPU {statistics.median(cpus[name]):.2f} s), later median"
                  f" {statistics.median(laters[name]) * 1000:.0f} ms, recall@10 against the exact scan"
                  f" {recall:.3f} over {len(exact)} queries")


if __name__ == "__main__":
    if "--child-import" in sys.argv:
        child_import(sys.argv[-2], float(sys.argv[-1]))
    elif "--child-put" in sys.argv:
        child_put(sys.argv[sys.argv.index("--child-put") + 1])
    elif "--child-exact" in sys.argv:
        child_exact(sys.argv[sys.argv.index("--child-exact") + 1],
                    [int(i) for i in sys.argv[sys.argv.index("--ids") + 1].split(",")])
    elif "--child-query" in sys.argv:
        child_query(sys.argv[sys.argv.index("--child-query") + 1],
                    [int(i) for i in sys.argv[sys.argv.index("--ids") + 1].split(",")],
                    int(sys.argv[sys.argv.index("--repeat") + 1]))
    else:
        main()
