"""SQL statements the app runs for one user action, counted on every connection it opens:
a label keypress, moving to the next sentence, toggling the label off again, opening the
demo group. Fewer statements per keypress mean a bounded repaint however large the project.
Each keypress is counted until the detail panel has followed it (DETAIL_DELAY_MS later).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_queries.py
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

_statements: list[str] = []
_real_connect = sqlite3.connect


def _counting_connect(*args, **kwargs):
    connection = _real_connect(*args, **kwargs)
    connection.set_trace_callback(_statements.append)
    return connection


def transactions(statements: list[str]) -> tuple[int, int]:
    """(write transactions, reads outside them) among the statements of one action; PRAGMAs of a
    connection being opened (a background job's) are not reads of the project."""
    writes = reads = 0
    inside = False
    for statement in statements:
        verb = statement.split(None, 1)[0].upper()
        if verb == "BEGIN":
            inside, writes = True, writes + 1
        elif verb in ("COMMIT", "ROLLBACK"):
            inside = False
        elif verb in ("SELECT", "WITH") and not inside:
            reads += 1
    return writes, reads


def measure(action, label: str, repeat: int = 20) -> None:
    counts, shapes = [], Counter()
    kinds: Counter[str] = Counter()
    for _ in range(repeat):
        _statements.clear()
        action()
        counts.append(len(_statements))
        shapes[transactions(_statements)] += 1
        kinds.update(s.split(None, 1)[0].upper() for s in _statements)
    counts.sort()
    print(f"{label}: median {counts[len(counts) // 2]} statements (min {counts[0]}, max {counts[-1]});"
          f" per action by kind: " + ", ".join(f"{k} {v / repeat:.1f}" for k, v in kinds.most_common()))
    print("    (write transactions, reads) per action: "
          + ", ".join(f"{shape} x{n}" for shape, n in shapes.most_common()))


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sqlite3.connect = _counting_connect  # every connection the app opens from here on is traced
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.cli import main as cli
    from annotator.ui.main_window import DETAIL_DELAY_MS, MainWindow

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "demo.sqlite"
        try:
            cli(["demo", str(project), "--no-gui"], standalone_mode=False)
        except SystemExit:
            pass
        window = MainWindow("bench", QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 850)
        window.show()
        _statements.clear()
        window.open_project(project)
        app.processEvents()
        print(f"open the demo project: {len(_statements)} statements")
        view = window.view
        view.setFocus()

        def press(key):
            def act():
                QTest.keyClick(view, key)
                view.viewport().repaint()
                app.processEvents()
                QTest.qWait(DETAIL_DELAY_MS + 30)  # the detail panel follows
            return act

        measure(press("1"), "label keypress (toggle label 1)")
        measure(press(Qt.Key.Key_J), "next sentence (j)")
        window.close()


if __name__ == "__main__":
    main()
