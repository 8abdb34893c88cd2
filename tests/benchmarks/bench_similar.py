""""More like this" at scale (issue 31), this tree against another (the baseline), alternated in
one run. Each tree gets its own copy of an imported benchmark project (bench_search.py's corpus;
`--mb 150` is the 1M-sentence project) and stores the same random 512-d unit vectors through its
own `store.embeddings.put` (this tree writes the compact copy there). Then, round after round,
each tree in a fresh process times its first call (nothing in memory; the OS file cache is
warm) and repeat calls, on the same sentences. The baseline's answers are an exact scan, so the
run also prints this tree's recall@10 against them.

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
        start = time.perf_counter()
        first = nearest_in_project(store, ids[0], 20)
        first_time = time.perf_counter() - start
        answers, later = [[i for i, _ in first]], []
        for sentence_id in ids[1:1 + repeat]:
            start = time.perf_counter()
            answers.append([i for i, _ in nearest_in_project(store, sentence_id, 20)])
            later.append(time.perf_counter() - start)
        print(json.dumps({"first": first_time, "later": later, "answers": answers}))


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
        laters = {name: [] for name in trees}
        recalls = []
        for round_ in range(args.rounds):
            ids = [chance.randint(1, sentences) for _ in range(1 + args.repeat)]
            answers = {}
            for name, tree in trees.items():
                got = _run(tree, "--child-query", copies[name], "--ids", ",".join(map(str, ids)),
                           "--repeat", args.repeat)
                firsts[name].append(got["first"])
                laters[name] += got["later"]
                answers[name] = got["answers"]
                print(f"round {round_ + 1} {name}: first {got['first']:.2f} s, later median"
                      f" {statistics.median(got['later']) * 1000:.0f} ms", flush=True)
            for exact, found in zip(answers["base"], answers["this"]):
                recalls.append(len(set(exact[:10]) & set(found[:10])) / 10)
        for name in trees:
            print(f"{name}: first call median {statistics.median(firsts[name]):.2f} s,"
                  f" later median {statistics.median(laters[name]) * 1000:.0f} ms")
        print(f"recall@10 of this tree against the exact scan: {statistics.mean(recalls):.3f}"
              f" over {len(recalls)} queries")


if __name__ == "__main__":
    if "--child-import" in sys.argv:
        child_import(sys.argv[-2], float(sys.argv[-1]))
    elif "--child-put" in sys.argv:
        child_put(sys.argv[sys.argv.index("--child-put") + 1])
    elif "--child-query" in sys.argv:
        child_query(sys.argv[sys.argv.index("--child-query") + 1],
                    [int(i) for i in sys.argv[sys.argv.index("--ids") + 1].split(",")],
                    int(sys.argv[sys.argv.index("--repeat") + 1]))
    else:
        main()
