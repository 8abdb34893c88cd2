"""Start-up of the desktop app by phase, for source trees side by side (run alternately, so a
shared machine's load falls on each alike): process start to first paint of `python -m
annotator gui --quit-after-load` (wall), and in one process the phases of that start, wall and
CPU time: importing the CLI, PySide6 and the main window, QApplication, the window, opening the
project, the first paint. On a busy machine compare CPU times.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_start_phases.py --rounds 8 [--project P] TREE...

TREE: a source tree (a `git archive` of a commit; the default is this one), put first on
PYTHONPATH. Without --project, an empty project.
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

HERE = Path(__file__).resolve()


def child(project: str) -> None:
    """The phases, in this process (annotator imported from PYTHONPATH)."""
    marks = [("start", time.perf_counter(), time.process_time())]

    def mark(name: str) -> None:
        marks.append((name, time.perf_counter(), time.process_time()))

    import annotator.cli  # noqa: F401  (what `python -m annotator` imports first)
    mark("cli")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication
    mark("PySide6")
    from annotator.ui.main_window import MainWindow
    mark("main window import")
    app = QApplication(sys.argv[:1])
    mark("QApplication")
    folder = tempfile.mkdtemp()
    window = MainWindow("bench", QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
    mark("MainWindow()")
    window.open_project(project)
    mark("open project")

    def painted() -> None:
        if marks[-1][0] != "first paint":
            mark("first paint")
            app.quit()

    window.view.painted.connect(painted)
    window.resize(1400, 850)
    window.show()
    app.exec()
    phases = {name: (1000 * (wall - marks[k][1]), 1000 * (cpu - marks[k][2]))
              for k, (name, wall, cpu) in enumerate(marks[1:])}
    phases["total"] = (1000 * (marks[-1][1] - marks[0][1]), 1000 * (marks[-1][2] - marks[0][2]))
    print(json.dumps(phases))


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[max(0, round(0.95 * len(values)) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trees", nargs="*", default=[str(HERE.parents[2])])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--project")
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    sys.path.insert(0, str(HERE.parents[2]))
    from annotator.core.store import Store
    from tests.benchmarks.bench_gui import time_to_first_paint

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        project = args.project or str(Path(folder) / "empty.sqlite")
        if not args.project:
            Store.open(project).close()
        phases: dict[str, dict[str, list[tuple[float, float]]]] = {tree: {} for tree in args.trees}
        starts: dict[str, list[float]] = {tree: [] for tree in args.trees}
        for _ in range(args.rounds):
            for tree in args.trees:
                env = {**os.environ, "PYTHONPATH": tree}
                out = subprocess.run([sys.executable, str(HERE), "--child", project], env=env, check=True,
                                     capture_output=True, text=True).stdout
                for name, figures in json.loads(out.strip().splitlines()[-1]).items():
                    phases[tree].setdefault(name, []).append(figures)
                saved, os.environ["PYTHONPATH"] = os.environ.get("PYTHONPATH"), tree
                try:
                    starts[tree].append(1000 * time_to_first_paint(Path(project)))
                finally:
                    if saved is None:
                        del os.environ["PYTHONPATH"]
                    else:
                        os.environ["PYTHONPATH"] = saved
    print(f"{args.rounds} rounds, trees alternated; load average {os.getloadavg()[0]:.1f} at the end")
    for tree in args.trees:
        print(f"\n{tree}: process start to first paint (python -m annotator gui --quit-after-load): "
              f"median {statistics.median(starts[tree]):.0f} ms, p95 {_p95(starts[tree]):.0f} ms (wall)")
        for name, figures in phases[tree].items():
            walls, cpus = [w for w, _ in figures], [c for _, c in figures]
            print(f"  {name:20s} wall median {statistics.median(walls):6.0f} p95 {_p95(walls):6.0f} | "
                  f"CPU median {statistics.median(cpus):6.0f} p95 {_p95(cpus):6.0f} ms")


if __name__ == "__main__":
    main()
