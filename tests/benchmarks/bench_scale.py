"""How the desktop app grows with the project: a growth table for one group of 1k ... 1M
sentences and for projects of 100 ... 10,000 documents. Each row: process start to first paint
(median of 3), label keypress committed and repainted (median, p95), scrolling (per page), and
the peak memory of the process that opened it; each also as a ratio to the empty project (the
group rows) or the demo project (the document rows) measured in the same run, alternating with
it. "cold paint" is the first open after the project was written (it lays a large group out
and keeps the layout; aligning a group does that already); "first paint" the median of the
three opens after it.
Targets (issue 18): first paint of 10,000 documents <= 1.5x the demo's; of a 1M-sentence group
<= 2 s and <= 3x the empty project's; keypress p95 <= 10 ms at every size; <= 500 MB.

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_scale.py [--groups 1000 10000 100000 1000000]
        [--documents 100 1000 10000] [--presses 300] [--keep DIR]

The projects are written straight through the store (synthetic text made of the seeds'
sentences, every sentence of the first document linked 1-1 to the same-numbered one of the
second), so building a million sentences takes a minute, not an import's hour.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from annotator.core.store import Store  # noqa: E402
from annotator.core.store.connection import now  # noqa: E402
from tests.benchmarks.corpus import seed_paragraphs  # noqa: E402

SENTENCES_PER_PARAGRAPH = 2


def seed_sentences() -> list[str]:
    """The seeds' sentences, cut roughly (a full stop and a space), 20 to 300 characters each."""
    pieces = []
    for paragraph in seed_paragraphs():
        pieces += [p.strip() + "." for p in paragraph.split(". ") if 20 <= len(p.strip()) < 300]
    return pieces


def insert_document(store: Store, group: str, title: str, lang: str, count: int, offset: int,
                    pool: list[str]) -> int:
    """A document of `count` sentences (paragraphs of two), text taken from `pool`."""
    sentences, paragraphs, text, position = [], [], [], 0
    for k in range(count):
        sentence = f"{pool[(offset + k) % len(pool)]} ({offset + k})"
        if k % SENTENCES_PER_PARAGRAPH == 0 and k:
            text.append("\n\n")
            position += 2
        elif k:
            text.append(" ")
            position += 1
        if k % SENTENCES_PER_PARAGRAPH == 0:
            paragraphs.append([position, position, lang, "detected", None])
        sentences.append((len(paragraphs) - 1, position, position + len(sentence), sentence, lang, 0, None))
        text.append(sentence)
        position += len(sentence)
        paragraphs[-1][1] = position
    body = "".join(text)
    row = dict(title=title, source_path=f"synthetic/{title}", format="text",
               sha256=hashlib.sha256(f"{group}/{title}/{count}/{offset}".encode()).hexdigest(), encoding="utf-8",
               lang=lang, lang_source="detected", external_id=None, metadata=json.dumps({}), text=body,
               imported_at=now())
    return store.documents.insert(group, row, (tuple(p) for p in paragraphs), sentences)


def link_documents(store: Store, first: int, second: int) -> None:
    a = store.documents.sentence_ids(first)
    b = store.documents.sentence_ids(second)
    store.links.add_many(([x], [y], 0.5 + (k % 50) / 100, "machine") for k, (x, y) in enumerate(zip(a, b)))


def build_group(path: Path, sentences: int) -> None:
    """One group of two documents of sentences/2 sentences each, linked 1-1."""
    pool = seed_sentences()
    with Store.open(path) as store:
        with store.transaction():
            first = insert_document(store, "big group", "long document 1", "en", sentences // 2, 0, pool)
            second = insert_document(store, "big group", "long document 2", "de", sentences // 2, 7, pool)
            link_documents(store, first, second)


def build_documents(path: Path, documents: int, sentences_per_document: int = 10) -> None:
    """documents/2 groups of two documents of about ten sentences each, linked 1-1, a few labeled."""
    pool = seed_sentences()
    with Store.open(path) as store:
        with store.transaction():
            for g in range(documents // 2):
                group = f"story {g:05d}"
                first = insert_document(store, group, f"story {g} (en)", "en", sentences_per_document, g, pool)
                second = insert_document(store, group, f"story {g} (de)", "de", sentences_per_document - 1 + g % 3,
                                         g + 3, pool)
                link_documents(store, first, second)
        some = store.documents.sentence_ids(1)[:3]
        for sentence_id in some:
            store.annotations.set(sentence_id, "claim", "bench")


def first_paint(project: Path) -> tuple[float, float]:
    """Seconds from process start to the first paint of the table, and that process's peak
    resident memory in MB (read from /proc just before it quits)."""
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"), "ANNOTATOR_NAME": "bench",
           "ANNOTATOR_REPORT_PAINT": "1"}
    command = [sys.executable, "-m", "annotator", "gui", "--quit-after-load", str(project)]
    with tempfile.TemporaryDirectory() as home:
        env["XDG_CONFIG_HOME"] = home  # no remembered window or position from another run
        env["PYTHONPATH"] = str(ROOT)  # this checkout's app, whatever is installed
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        elapsed, peak = None, float("nan")
        for line in process.stdout:
            if line.startswith("painted") and elapsed is None:
                elapsed = time.perf_counter() - started
            if line.startswith("peak"):
                peak = float(line.split()[1])
        process.wait(120)
    if elapsed is None:
        raise RuntimeError(f"the app never reported a paint on {project}")
    return elapsed, peak


def interaction(project: Path, presses: int) -> tuple[float, float, float, float, float]:
    """In this process: label keypress committed and repainted (median, p95 ms over `presses`
    presses, moving down between them; the paint is the one Qt makes of the changed row, as in
    use; bench_gui.py repaints the whole table instead), the same in this thread's CPU time
    (which other processes on a busy machine do not inflate), and scrolling (ms per page, up to
    200 pages, each painted whole)."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow("bench", QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 850)
        window.show()
        window.open_project(project)
        app.processEvents()
        view = window.view
        view.setFocus()
        latencies, cpu = [], []
        for _ in range(presses):
            started, started_cpu = time.perf_counter(), time.thread_time()
            QTest.keyClick(view, "1")  # committed before it returns
            app.processEvents()  # and painted: Qt repaints what the change marked dirty (its row)
            latencies.append((time.perf_counter() - started) * 1000)
            cpu.append((time.thread_time() - started_cpu) * 1000)  # this thread's own work: what noise leaves
            QTest.keyClick(view, Qt.Key.Key_J)
            app.processEvents()
        latencies.sort()
        cpu.sort()
        bar = view.verticalScrollBar()
        pages, started = 0, time.perf_counter()
        while pages < 200 and bar.value() < bar.maximum():
            bar.setValue(bar.value() + view.viewport().height())
            view.viewport().repaint()
            app.processEvents()
            pages += 1
        scroll = 1000 * (time.perf_counter() - started) / pages if pages else float("nan")  # nan: one screenful
        window.close()
        window.deleteLater()
        app.processEvents()
    p95 = int(0.95 * len(latencies)) - 1
    return statistics.median(latencies), latencies[p95], statistics.median(cpu), cpu[p95], scroll


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--groups", type=int, nargs="*", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--documents", type=int, nargs="*", default=[100, 1_000, 10_000])
    parser.add_argument("--presses", type=int, default=300)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the built projects in this folder")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        projects = []
        empty = folder / "empty.sqlite"
        if not empty.exists():
            Store.open(empty).close()
        demo = folder / "demo.sqlite"
        if not demo.exists():
            subprocess.run([sys.executable, "-m", "annotator", "demo", str(demo), "--no-gui"], check=True,
                           stdout=subprocess.DEVNULL)
        projects.append(("empty project", empty, None))
        projects.append(("demo project", demo, None))
        for what, sizes, build, base in (("group", args.groups, build_group, "empty project"),
                                         ("documents", args.documents, build_documents, "demo project")):
            for size in sizes:
                path = folder / f"{what}_{size}.sqlite"
                name = f"group of {size:,} sentences" if what == "group" else f"{size:,} documents"
                if not path.exists():
                    started = time.perf_counter()
                    build(path, size)
                    print(f"built the {name} in {time.perf_counter() - started:.1f} s", flush=True)
                projects.append((name, path, base))
        by_name = {name: path for name, path, _ in projects}
        baseline: dict[str, list[float]] = {}
        print(f"{'project':<28} {'cold paint':>10} {'first paint':>12} {'ratio':>6} {'key median':>11} "
              f"{'key p95':>8} {'key CPU med/p95':>16} {'scroll/page':>12} {'peak MB cold / then':>20}", flush=True)
        for name, path, base in projects:
            cold = first_paint(path)  # the first open after the project was written: lays it out (and keeps it)
            runs = []
            for _ in range(3):  # alternate with the baseline, so that a noisy minute hits both
                runs.append(first_paint(path))
                if base:
                    baseline.setdefault(base, []).append(first_paint(by_name[base])[0])
            paint = statistics.median(r[0] for r in runs)
            peak = f"{cold[1]:.0f} / {max(r[1] for r in runs):.0f}"
            if not base:
                baseline.setdefault(name, []).extend(r[0] for r in runs)
            ratio = paint / statistics.median(baseline[base][-3:]) if base else 1.0
            head = f"{name:<28} {cold[0]:>8.2f} s {paint:>10.2f} s {ratio:>5.2f}x"
            if name == "empty project":  # nothing to press or scroll
                print(f"{head} {'':>11} {'':>8} {'':>16} {'':>12} {peak:>20}", flush=True)
                continue
            median, p95, cpu_median, cpu_p95, scroll = interaction(path, args.presses)
            scrolled = "-" if scroll != scroll else f"{scroll:.1f} ms"
            print(f"{head} {median:>8.1f} ms {p95:>5.1f} ms {cpu_median:>7.1f} / {cpu_p95:>4.1f} ms {scrolled:>12}"
                  f" {peak:>20}", flush=True)

if __name__ == "__main__":
    main()
