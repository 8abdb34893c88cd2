"""What the history costs a label keypress: the session's label call (one committed
transaction, as a key press makes it) timed on this tree and on another (`--base`, e.g. the
commit before the events table), alternately in one run, on the same disk, each in its own
process on its own copy of the demo project. Wall time includes the commit's fsync (synchronous
= FULL); CPU time is the process's own work (the events' insert and JSON, without the disk wait).
Issue 31: events add <= 1 ms to a label keypress's commit.

    python tests/benchmarks/bench_history.py --base /tmp/base [--rounds 6] [--presses 200]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]


def child(project: str, presses: int) -> None:
    from annotator.core.session import Session

    session = Session.open(project, "bench")
    try:
        sentences = [s for s in session._store.documents.sentence_ids(1, include_boilerplate=False)][:50]
        wall, cpu = [], []
        for k in range(presses):
            sentence, present = sentences[k % len(sentences)], (k // len(sentences)) % 2 == 0
            if hasattr(session, "cursor_reached"):  # (the base may predate time on item)
                session.cursor_reached(sentence)
            started, started_cpu = time.perf_counter(), time.process_time()
            session.set_label(sentence, "claim", present)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
    finally:
        session.close()
    print(json.dumps({"wall": wall, "cpu": cpu}))


def _run(tree: Path, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run([sys.executable, *args], env=env, check=True, capture_output=True, text=True,
                          cwd=tree).stdout


def _quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    return f"median {statistics.median(ordered):.3f} ms, p95 {ordered[int(0.95 * len(ordered)) - 1]:.3f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", type=Path, required=True, help="the tree to compare with")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--presses", type=int, default=200)
    options = parser.parse_args()
    trees = {"this": HERE, "base": options.base.resolve()}
    found = {name: {"wall": [], "cpu": []} for name in trees}
    with tempfile.TemporaryDirectory() as folder:
        for name, tree in trees.items():
            _run(tree, "-m", "annotator", "import", str(Path(folder) / f"{name}.sqlite"),
                 *sorted(str(p) for p in (tree / "seeds").glob("*")), "--group", "seeds", "--no-align")
        for _ in range(options.rounds):
            for name, tree in trees.items():  # alternately: the same disk, the same moment
                measured = json.loads(_run(tree, str(HERE / "tests/benchmarks/bench_history.py"), "--child",
                                           str(Path(folder) / f"{name}.sqlite"), str(options.presses)))
                for key in ("wall", "cpu"):
                    found[name][key] += measured[key]
    for name in trees:
        print(f"{name}: label call, committed, {len(found[name]['wall'])} presses: wall {_quantiles(found[name]['wall'])};"
              f" CPU {_quantiles(found[name]['cpu'])}")
    for key in ("wall", "cpu"):
        this, base = statistics.median(found["this"][key]), statistics.median(found["base"][key])
        print(f"{key}: median this - base = {this - base:+.3f} ms (ratio {this / base:.2f})")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        sys.path.insert(0, os.environ["PYTHONPATH"])
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
