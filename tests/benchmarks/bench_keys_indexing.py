"""Label keypresses while the search index's catch-up runs in the background (it starts on
opening a project whose sentences are not indexed yet: an older file, or a large import).
Presses `1` then `J`, as bench_gui.py does, with a full repaint, and reports wall and UI-thread
CPU per press beside a bare commit in the same run, and how many sentences were left to index
when the presses began and ended (the catch-up ran all the while if the second is above zero).

Unlike bench_gui.py this script does not put its own tree on sys.path: the annotator it
measures is the one on PYTHONPATH, so one copy of it compares two trees on the same file.

    python tests/benchmarks/bench_keys_indexing.py --build /tmp/big.sqlite   # once, 99,310 sentences
    cd /tmp && PYTHONPATH=TREE QT_QPA_PLATFORM=offscreen python .../bench_keys_indexing.py /tmp/big.sqlite
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path


def p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * len(values)) - 1]


def summary(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} ms, p95 {p95(values):.1f} ms, max {max(values):.1f} ms"


def bare_commit(connection: sqlite3.Connection, k: int) -> float:
    started = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", [k % 50, "x"])
    connection.execute("COMMIT")
    return (time.perf_counter() - started) * 1000


def press(project: Path, presses: int, gap: float, settle: float) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    import annotator
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / project.name
        shutil.copy(project, copy)  # never indexed: the catch-up starts on opening
        bare = sqlite3.connect(Path(folder) / "bare.sqlite", isolation_level=None)
        bare.execute("PRAGMA journal_mode=WAL")
        bare.execute("PRAGMA synchronous=FULL")
        bare.execute("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)")
        window = MainWindow("bench", QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 850)
        window.show()
        window.open_project(copy)
        app.processEvents()
        view = window.view
        view.setFocus()
        waited = time.perf_counter() + settle  # the catch-up has begun its transactions
        while time.perf_counter() < waited:
            app.processEvents()
            time.sleep(0.01)
        before = window.session.unindexed()
        wall, cpu, commits = [], [], []
        for k in range(presses):
            started, started_cpu = time.perf_counter(), time.thread_time()
            QTest.keyClick(view, "1")
            view.viewport().repaint()
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            QTest.keyClick(view, Qt.Key.Key_J)
            app.processEvents()
            app.processEvents()
            if k % 10 == 0:
                commits.append(bare_commit(bare, k))
            if gap:
                time.sleep(gap)
        after = window.session.unindexed()
        job = window.searching.index_job
        print(f"{Path(annotator.__file__).parents[1]}: {presses} presses{f', {gap:.2f} s apart' if gap else ''};"
              f" not indexed: {before} at the first press, {after} at the last"
              f" (the catch-up {'still running' if job is not None and not job.ended.is_set() else 'done'})")
        print(f"  label keypress wall {summary(wall)}; UI-thread CPU {summary(cpu)}")
        print(f"  bare commit {summary(commits)}; wall p95 - commit p95 = {p95(wall) - p95(commits):.1f} ms")
        window.close()
        bare.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project", type=Path)
    parser.add_argument("--build", action="store_true", help="make PROJECT: bench_gui.py's group (run from this tree)")
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--gap", type=float, default=0.0, help="seconds between two presses (a person's pace)")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after opening before the first press")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.build:
        sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
        from tests.benchmarks.bench_gui import build_project

        build_project(args.project, args.sentences)
        return
    press(args.project, args.presses, args.gap, args.settle)


if __name__ == "__main__":
    main()
