"""Fixtures of the GUI tests: an aligned seed project and a main window open on it."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def aligned_project(demo_project):
    with Store.open(demo_project) as store:
        align_group(store, "seeds")
    return demo_project


@pytest.fixture
def window(qtbot, aligned_project, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow("tester", settings)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    # (QTest's waits, not qtbot.waitExposed/waitActive: those are context managers, and called
    # as functions they waited for nothing, so under X a test's first keys could beat the
    # window's activation and a shortcut such as Ctrl+Z or F1 was lost)
    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()  # under a real X server without a window manager, nothing activates it
    assert QTest.qWaitForWindowActive(window)  # and the window's shortcuts (Ctrl+Z, Ctrl+F...) need an active window
    assert window.open_project(aligned_project)
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
