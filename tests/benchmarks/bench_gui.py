"""Desktop app speed: process start to first painted window (empty project and a 100,000-
sentence group), label keypress to committed-and-repainted (median, p95 over 1,000 presses),
and scrolling through the 100,000-sentence group (time per page).
Goals (PRODUCT.md): open and paint < 1 s; keypress p95 < 20 ms.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_gui.py [--sentences 100000]
"""

from __future__ import annotations

import argparse
import os
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
        latencies, trainings = [], 0
        for k in range(presses):
            started = time.perf_counter()
            if mixed and window.suggestions.training is None:  # the worst case: the model trains all the while
                trainings += 1
                window.suggestions.retrain()
            QTest.keyClick(view, "0" if mixed and k % 2 else "1")
            view.viewport().repaint()  # paint now, synchronously, as the user would see it
            latencies.append((time.perf_counter() - started) * 1000)
            QTest.keyClick(view, Qt.Key.Key_J)
            app.processEvents()
        if mixed:
            print(f"(the model trained in the background all the while: {trainings} trainings ended)")
        latencies.sort()
        print(f"label keypress, committed and repainted, {presses} presses: median {statistics.median(latencies):.1f} ms, "
              f"p95 {latencies[int(0.95 * len(latencies)) - 1]:.1f} ms, max {latencies[-1]:.1f} ms")
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--presses", type=int, default=1000)
    parser.add_argument("--mixed", action="store_true",
                        help="alternate claim and 'no label applies', and keep the model training in the background"
                             " while the keys are pressed (the app itself trains only in a pause of the typing)")
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
        for name, project in (("empty project", empty), (f"{total}-sentence group", big)):
            times = sorted(time_to_first_paint(project) for _ in range(3))
            print(f"process start to first paint, {name}: {times[1]:.2f} s (median of 3)")
        in_process(big, args.presses, args.mixed)


if __name__ == "__main__":
    main()
