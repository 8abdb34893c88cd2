"""What the worked-example screenshots (scripts/screenshot_{relation,spans,groups}.py) share: the
main window at 1366x768 on a project with settings of its own, and the picture taken once the
rows and the detail panel have settled."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def open_window(project: str, prepare=None):
    """(the application, the main window showing `project`); `prepare(app)` runs before the
    window is made (a dark palette)."""
    from annotator.ui import i18n
    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    i18n.install("en")
    if prepare is not None:
        prepare(app)
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow("demo", settings)
    window.resize(1366, 768)
    window.show()
    assert window.open_project(project)
    app.processEvents()
    return app, window


def save(app, window, out: str, sentence: int, hint, detail: bool = True) -> None:
    """Scroll `sentence`'s row to `hint` (a ScrollHint), show its detail (`detail`), let the
    window settle, save it to `out` and close it."""
    window.view.scrollTo(window.model.index(*window.model.position_of(sentence)), hint)
    window.view.fit_visible_rows()
    if detail:
        window.show_detail(sentence)
    for _ in range(5):
        app.processEvents()
        QTest.qWait(100)
    window.grab().save(out)
    window.close()
