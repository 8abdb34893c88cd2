"""Start-up of the frozen app against the source install: process start to first paint on the
demo project (median of 5).

    scripts/build_app.sh && QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_start.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_gui import time_to_first_paint  # noqa: E402

FROZEN = Path(__file__).resolve().parents[2] / "dist" / "annotator" / "annotator"


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "annotator", "demo", str(project), "--no-gui"], check=True,
                       capture_output=True)
        programs = {"source (python -m annotator)": None}
        if FROZEN.exists():
            programs["frozen (dist/annotator/annotator)"] = [str(FROZEN)]
        else:
            print("no frozen build: run scripts/build_app.sh first")
        for name, program in programs.items():
            times = [time_to_first_paint(project, program) for _ in range(5)]
            print(f"{name}: first paint {statistics.median(times):.2f} s (median of 5)")


if __name__ == "__main__":
    main()
