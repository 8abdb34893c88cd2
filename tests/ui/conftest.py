"""Fixtures of the GUI tests: an aligned seed project and a main window open on it."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture(autouse=True)
def event_loops_run(qapp):
    """An in-process `annotator gui` (app.run: exec, then quit, as test_remembered.py and
    test_translations.py call it) can leave Qt's quit flag set by a quit that arrives after its
    exec ended: every QEventLoop started later returns at once, so qtbot.wait and waitUntil no
    longer deliver anything (a background job's result never arrives). A short exec clears it."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    if loop.exec() == -1:  # returned without running: the flag is set
        QTimer.singleShot(0, qapp.quit)
        qapp.exec()  # starts with the flag cleared and clears it again when it ends
    yield


@pytest.fixture(autouse=True)
def english_words(qapp):
    """The app's English (its plural forms: "1 document", "2 documents"), as `annotator gui`
    installs it on an English system; a test may install another language, and it ends here."""
    from annotator.ui import i18n

    i18n.install("en")
    yield
    i18n.install("en")


@pytest.fixture(autouse=True)
def no_refinement_by_default(monkeypatch):
    """The background refinement by both encoders (controllers/refinement.py) is off unless a test
    turns it on (tests/ui/test_refinement.py): elsewhere it would change a project's links
    under a test that checks them, a while after a re-alignment."""
    from annotator.ui.controllers import refinement

    monkeypatch.setattr(refinement, "AUTOMATIC", False)


@pytest.fixture
def aligned_project(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
    return demo_project


def open_window(qtbot, settings: QSettings, project, size=(1400, 850)) -> MainWindow:
    """A main window shown, active, and open on `project`."""
    window = MainWindow("tester", settings)
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    # (QTest's waits, not qtbot.waitExposed/waitActive: those are context managers, and called
    # as functions they waited for nothing, so under X a test's first keys could beat the
    # window's activation and a shortcut such as Ctrl+Z or F1 was lost)
    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()  # under a real X server without a window manager, nothing activates it
    assert QTest.qWaitForWindowActive(window)  # and the window's shortcuts (Ctrl+Z, Ctrl+F...) need an active window
    assert window.open_project(project)
    return window


@pytest.fixture
def window(qtbot, aligned_project, tmp_path):
    window = open_window(qtbot, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat),
                         aligned_project)
    yield window
    window.close()


def labels_in_file(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return sorted((a.label, a.annotator) for a in store.annotations.of_sentence(sentence_id))


def paint_cell(view, row, column):
    """The cell as its delegate paints it, on white (pixels of edges, marks and highlights)."""
    from PySide6.QtGui import QColor, QImage, QPainter
    from PySide6.QtWidgets import QStyleOptionViewItem

    index = view.model().index(row, column)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index).translated(-view.visualRect(index).topLeft())
    option.palette, option.fontMetrics, option.font = view.palette(), view.fontMetrics(), view.font()
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    return image
