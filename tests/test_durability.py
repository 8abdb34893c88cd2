"""Nothing lost: a labeling process killed at random moments loses no acknowledged label,
and the file always passes integrity_check. A second writer is refused at once."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.store import Store

DRIVER = Path(__file__).parent / "helpers" / "label_driver.py"


def _start_driver(project: Path, run: int) -> tuple[subprocess.Popen, list[str]]:
    # the driver runs this checkout's code, not whichever copy an editable install elsewhere points at
    path = os.pathsep.join(filter(None, [str(DRIVER.parents[2]), os.environ.get("PYTHONPATH")]))
    process = subprocess.Popen([sys.executable, str(DRIVER), str(project), str(run)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, bufsize=1, env={**os.environ, "PYTHONPATH": path})
    lines: list[str] = []
    ready = threading.Event()
    acks = threading.Semaphore(0)  # released once per acknowledged label

    def read() -> None:
        for line in process.stdout:
            if line.endswith("\n"):  # a line cut by the kill was never acknowledged
                lines.append(line.rstrip("\n"))
                if line == "ready\n":
                    ready.set()
                elif line.startswith("ack "):
                    acks.release()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(30):
        process.kill()
        raise AssertionError(f"driver did not start: {process.stderr.read()}")
    process.reader = reader  # type: ignore[attr-defined]
    process.acks = acks  # type: ignore[attr-defined]
    return process, lines


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_label(demo_project):
    chance = random.Random(20171114)
    acknowledged: set[tuple[int, str, str]] = set()
    for run in range(22):
        process, lines = _start_driver(demo_project, run)
        # killed after a chosen number of acknowledged labels (events, not sleeps: the same on
        # a fast and a slow machine), at whatever point of the next write the process then is
        for _ in range(chance.randint(1, 40)):
            assert process.acks.acquire(timeout=30), "the driver stopped labeling"  # type: ignore[attr-defined]
        os.kill(process.pid, signal.SIGKILL)
        process.wait(10)
        process.reader.join(10)  # type: ignore[attr-defined]
        for line in lines:
            if line.startswith("ack "):
                _, sentence, label, annotator = line.split(" ")
                acknowledged.add((int(sentence), label, annotator))
        with Store.open(demo_project) as store:  # opening for writing: the killed writer's lock is gone
            assert store.integrity_check() == "ok"
            stored = {(a.sentence_id, a.label, a.annotator) for a in store.annotations.all()}
        missing = acknowledged - stored
        assert not missing, f"run {run}: {len(missing)} acknowledged labels lost"
    assert len(acknowledged) >= 22  # every run labeled before it was killed


def test_second_process_is_refused_at_once_while_a_writer_runs(demo_project):
    process, _ = _start_driver(demo_project, 99)
    try:
        started = time.monotonic()
        result = subprocess.run([sys.executable, "-m", "annotator", "label", str(demo_project), "1", "claim"],
                                capture_output=True, text=True, timeout=60)
        elapsed = time.monotonic() - started
    finally:
        process.kill()
        process.wait(10)
    assert result.returncode == 2
    assert "already open in another annotator process" in result.stderr
    assert "Traceback" not in result.stderr
    assert elapsed < 3  # refused at once, not left waiting for the lock
    with Store.open(demo_project) as store:
        assert store.integrity_check() == "ok"
