"""Peak memory of `annotator import` on one big text file, as a multiple of the file's size.

Builds text files of shuffled seed paragraphs (50 MB and 200 MB by default) in a temporary
folder and imports each in a fresh process (`annotator import P FILE --max-size-mb 300`),
reporting that process's peak resident memory (VmHWM) against the file's size; and the same
peak above the start-up state: the peak of the same import of a one-sentence file (Python, numpy,
the language model, SQLite: ~90 MB, some 18x a 5 MB file whatever the import does).

    python tests/benchmarks/bench_import_memory.py [--mb 50 200] [--max-size-mb 300]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def write_big_text(path: Path, total_bytes: int, seed: int = 0) -> int:
    """One file of seed paragraphs, reshuffled after each pass, until `total_bytes` are written."""
    from tests.benchmarks.corpus import seed_paragraphs

    paragraphs = seed_paragraphs()
    chance = random.Random(seed)
    written = 0
    with open(path, "wb") as out:
        while written < total_bytes:
            chance.shuffle(paragraphs)
            data = ("\n\n".join(paragraphs) + "\n\n").encode("utf-8")
            out.write(data)
            written += len(data)
    return written


def _child(project: str, file: str, max_size_mb: float) -> None:
    """Runs in the measured process: the CLI's import, then this process's peak RSS as JSON."""
    from annotator.cli import main
    from tests.benchmarks.memory import peak_rss_mb

    started, cpu = time.perf_counter(), time.process_time()
    try:
        main(["import", project, file, "--max-size-mb", str(max_size_mb)], standalone_mode=False)
    finally:
        print(json.dumps({"peak_rss_mb": peak_rss_mb(), "seconds": time.perf_counter() - started,
                          "cpu_seconds": time.process_time() - cpu}))


def measure(folder: Path, megabytes: float, max_size_mb: float, startup_mb: float = 0.0) -> dict:
    file = folder / f"big_{megabytes:g}mb.txt"
    if megabytes:
        size = write_big_text(file, int(megabytes * 1_000_000))
    else:  # the start-up state: one sentence
        size = file.write_bytes(b"The Russian Defence Ministry published the photos on Tuesday.\n")
    project = folder / f"big_{megabytes:g}mb.sqlite"
    done = subprocess.run([sys.executable, __file__, "--child", str(project), str(file), str(max_size_mb)],
                          capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"import of {file} failed ({done.returncode}):\n{done.stderr}")
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    file.unlink()
    for suffix in ("", "-wal", "-shm", "-lock"):
        Path(f"{project}{suffix}").unlink(missing_ok=True)
    size_mb = size / 1024 / 1024
    above = figures["peak_rss_mb"] - startup_mb
    return {"file_mb": round(size_mb, 1), "peak_rss_mb": round(figures["peak_rss_mb"], 1),
            "ratio": round(figures["peak_rss_mb"] / size_mb, 2), "seconds": round(figures["seconds"], 1),
            "cpu_seconds": round(figures["cpu_seconds"], 1), "above_startup_mb": round(above, 1), "above_ratio": round(above / size_mb, 2)}


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        _child(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, nargs="+", default=[50.0, 200.0])
    parser.add_argument("--max-size-mb", type=float, default=300.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        startup = measure(Path(folder), 0, args.max_size_mb)["peak_rss_mb"]
        print(f"start-up state (a one-sentence file): peak RSS {startup:.1f} MB", flush=True)
        for megabytes in args.mb:
            result = measure(Path(folder), megabytes, args.max_size_mb, startup)
            print(f"{result['file_mb']:8.1f} MB file: peak RSS {result['peak_rss_mb']:8.1f} MB "
                  f"= {result['ratio']:.2f} x the file; above the start-up state {result['above_startup_mb']:.1f} MB "
                  f"= {result['above_ratio']:.2f} x; {result['seconds']:.1f} s, CPU {result['cpu_seconds']:.1f} s",
                  flush=True)


if __name__ == "__main__":
    main()
