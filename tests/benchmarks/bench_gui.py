"""Desktop app speed: process start to first painted window (empty project and a 100,000-
sentence group), label keypress to committed-and-repainted (median, p95 over 1,000 presses;
wall time and the UI thread's CPU time), beside a bare SQLite commit on the same disk in the
same run (the floor a keypress cannot go under), on the big group and on the demo project,
and scrolling through the 100,000-sentence group (time per page).
Goals (PRODUCT.md): open and paint < 1 s; keypress p95 < 20 ms. Issue 29: UI-thread CPU p95
<= 4 ms, wall p95 <= the bare commit's p95 + 5 ms.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui.py [--sentences 100000] [--demo]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.text.analyze import analyze  # noqa: E402
from annotator.core.text.ingest import SourceDocument  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.benchmarks.corpus import seed_paragraphs  # noqa: E402


def build_project(path: Path, sentences: int, documents: int = 2) -> None:
    """One group of `documents` long documents made of seed paragraphs, every sentence of the
    first linked 1-1 to the same-numbered sentence of each other (synthetic links, no encoder)."""
    paragraphs = seed_paragraphs()
    per_document = int(sentences * 1.05) // documents  # a margin for the boilerplate lines

    def document(d: int, paragraph_count: int):
        chunks = [f"{paragraphs[k % len(paragraphs)]} ({d}.{k})" for k in range(paragraph_count)]
        source = SourceDocument(text="\n\n".join(chunks), title=f"long document {d}", source_path=f"synthetic-{d}",
                                sha256=f"{d:064d}", format="text")
        return analyze(source)

    with Store.open(path) as store:
        analyzed = []
        for d in range(documents):
            paragraph_count = per_document // 2
            doc = document(d, paragraph_count)
            while len(doc.sentences) < per_document:  # the seeds average about two sentences a paragraph
                paragraph_count = int(paragraph_count * per_document / max(len(doc.sentences), 1)) + 1
                doc = document(d, paragraph_count)
            analyzed.append((doc, "big group"))
        store.documents.import_documents(analyzed)
        first = [s.id for s in store.documents.sentences(1) if not s.boilerplate]
        links = []
        for other in range(2, documents + 1):
            others = [s.id for s in store.documents.sentences(other) if not s.boilerplate]
            links += [([a], [b], 0.5 + (k % 50) / 100, "machine") for k, (a, b) in enumerate(zip(first, others))]
        store.links.add_many(links)


def time_to_first_paint(project: Path | None, program: list[str] | None = None) -> float:
    """Seconds from starting the app (`program`, by default this Python's annotator) to the
    first paint of its table."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "ANNOTATOR_NAME": "bench",
           "ANNOTATOR_REPORT_PAINT": "1"}
    program = program or [sys.executable, "-m", "annotator"]
    command = program + ["gui", "--quit-after-load"] + ([str(project)] if project else [])
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    for line in process.stdout:
        if line.startswith("painted"):
            elapsed = time.perf_counter() - started
            break
    else:
        raise RuntimeError("the app never reported a paint")
    process.wait(60)
    return elapsed


def percentiles(values: list[float]) -> str:
    values = sorted(values)
    return (f"median {statistics.median(values):.1f} ms, p95 {values[int(0.95 * len(values)) - 1]:.1f} ms, "
            f"max {values[-1]:.1f} ms")


def bare_commits(folder: Path, count: int) -> list[float]:
    """Milliseconds of `count` one-row commits in WAL with synchronous=FULL, as the app's store
    commits, in a file beside the project."""
    path = folder / "bare-commit.sqlite"
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS t (k INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for k in range(count):
        started = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", [k % 50, "x"])
        connection.execute("COMMIT")
        times.append((time.perf_counter() - started) * 1000)
    connection.close()
    return times


def in_process(project: Path, presses: int, mixed: bool = False) -> None:
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow("bench", QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 850)
        window.show()
        started = time.perf_counter()
        window.open_project(project)
        app.processEvents()
        print(f"open the project and paint, in process: {time.perf_counter() - started:.2f} s")
        view = window.view
        view.setFocus()
        latencies, cpu, commits, trainings = [], [], [], 0
        for k in range(presses):
            started, started_cpu = time.perf_counter(), time.thread_time()
            if mixed and window.suggestions.training is None:  # the worst case: the model trains all the while
                trainings += 1
                window.suggestions.retrain()
            QTest.keyClick(view, "0" if mixed and k % 2 else "1")
            view.viewport().repaint()  # paint now, synchronously, as the user would see it
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)
            QTest.keyClick(view, Qt.Key.Key_J)
            # the move settles before the next timed press, as between a person's keys: a scroll
            # posts its scroll bar's and frame's repaints while the first round of events runs
            app.processEvents()
            app.processEvents()
            if k % 10 == 0:  # the bare commit, interleaved with the presses: the same disk, the same moment
                commits += bare_commits(Path(folder), 1)
        if mixed:
            print(f"(the model trained in the background all the while: {trainings} trainings ended)")
        print(f"{project.name}: label keypress, committed and repainted, {presses} presses: wall {percentiles(latencies)}; "
              f"UI-thread CPU {percentiles(cpu)}")
        print(f"{project.name}: bare SQLite commit (WAL, synchronous=FULL), {len(commits)} interleaved: "
              f"{percentiles(commits)}")
        wall95 = sorted(latencies)[int(0.95 * len(latencies)) - 1]
        commit95 = sorted(commits)[int(0.95 * len(commits)) - 1]
        cpu95 = sorted(cpu)[int(0.95 * len(cpu)) - 1]
        print(f"{project.name}: wall p95 - bare commit p95 = {wall95 - commit95:.1f} ms (target <= 5); "
              f"UI-thread CPU p95 {cpu95:.1f} ms (target <= 4)")
        bar = view.verticalScrollBar()
        pages, started = 0, time.perf_counter()
        while pages < 300 and bar.value() < bar.maximum():
            bar.setValue(bar.value() + view.viewport().height())
            view.viewport().repaint()
            app.processEvents()
            pages += 1
        elapsed = time.perf_counter() - started
        print(f"scrolling: {pages} pages in {elapsed:.2f} s, {1000 * elapsed / max(pages, 1):.1f} ms per page")
        window.close()


def relate_share(path: Path, share: float) -> None:
    """Relate every (1/share)-th sentence of the first document to the same-numbered one of the
    second ("repeats"): that many sentences carry a relation's dot."""
    with Store.open(path) as store:
        first, second = ([s.id for s in store.documents.sentences(d)] for d, _ in store.documents.in_order()[:2])
        step = max(1, round(1 / share))
        with store.transaction():
            store.relations.restore([(first[k], second[k], "repeats", "bench", "2026-12-07T00:00:00")
                                     for k in range(0, min(len(first), len(second)), step)])
        print(f"related {store.relations.count()} sentence pairs")


def span_share(path: Path, share: float, related: bool = False) -> None:
    """Every (1/share)-th sentence of the group gets the bench annotator's source span (its
    first two words) and cue span (the third word): that many sentences carry spans' bars.
    `related`: each such cue also `attributes-to` its source (a relation between two spans)."""
    from annotator.core.text.words import words

    with Store.open(path) as store:
        step = max(1, round(1 / share))
        records = []
        for document_id, _ in store.documents.in_order():
            for k, sentence in enumerate(store.documents.sentences(document_id)):
                found = words(sentence.text)
                if k % step == 0 and len(found) >= 3:
                    records += [(sentence.id, found[0][0], found[1][1], "source", "bench", "2026-12-07T00:00:00"),
                                (sentence.id, found[2][0], found[2][1], "cue", "bench", "2026-12-07T00:00:00")]
        with store.transaction():
            store.spans.restore(records, logged=False)
            if related:
                store.relations.restore([(source[0], source[0], "attributes-to", "bench", source[5], cue[1:4],
                                          source[1:4]) for source, cue in zip(records[::2], records[1::2])], logged=False)
        print(f"spans on {len({r[0] for r in records})} sentences ({store.spans.count()} spans,"
              f" {store.relations.count()} relations)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument("--demo", action="store_true", help="also press the keys on the demo project")
    parser.add_argument("--skip-start", action="store_true", help="no process-start measurement")
    parser.add_argument("--mixed", action="store_true",
                        help="alternate claim and 'no label applies', and keep the model training in the background"
                             " while the keys are pressed (the app itself trains only in a pause of the typing)")
    parser.add_argument("--related", type=float, default=0.0,
                        help="this share of the big group's first document's sentences in a relation (marked by a dot)")
    parser.add_argument("--spans", type=float, default=0.0,
                        help="this share of the big group's sentences carry a source and a cue span")
    parser.add_argument("--span-relations", action="store_true",
                        help="with --spans: each sentence's cue span attributes-to its source span")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as folder:
        empty = Path(folder) / "empty.sqlite"
        Store.open(empty).close()
        big = Path(folder) / "big.sqlite"
        started = time.perf_counter()
        build_project(big, args.sentences)
        with Store.open(big, readonly=True) as store:
            total = sum(d.sentences for d in store.stats.document_summaries())
        print(f"built a {total}-sentence group in {time.perf_counter() - started:.1f} s")
        if args.related:
            relate_share(big, args.related)
        if args.spans:
            span_share(big, args.spans, args.span_relations)
        for name, project in (("empty project", empty), (f"{total}-sentence group", big)):
            if args.skip_start:
                break
            times = sorted(time_to_first_paint(project) for _ in range(3))
            print(f"process start to first paint, {name}: {times[1]:.2f} s (median of 3)")
        if args.demo:
            demo = Path(folder) / "demo.sqlite"
            subprocess.run([sys.executable, "-m", "annotator", "demo", str(demo), "--no-gui"], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            in_process(demo, args.presses, args.mixed)
        in_process(big, args.presses, args.mixed)


if __name__ == "__main__":
    main()
