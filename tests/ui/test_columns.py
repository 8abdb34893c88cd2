"""Hiding and showing columns: the column header's context menu and View > Columns, remembered
per group in the settings, skipped by l/h and the arrows, the pivot hidden too, the last column
kept, and Find showing a hidden column again when its match is there."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QMenu  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def project(tmp_path, seeds):
    path = tmp_path / "columns.sqlite"
    import_files(path, [seeds["000"], seeds["001"], seeds["002"]], group="three")
    import_files(path, [seeds["003"]], group="one")
    with Store.open(path) as store:
        align_group(store, "three")
    return path


def _open(qtbot, ini, project) -> MainWindow:
    window = MainWindow("tester", QSettings(str(ini), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    assert window.open_project(project)
    return window


def _header_menu(qtbot, window, column: int) -> QMenu:
    """Right click on a column's title."""
    header = window.view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    point = QPoint(x, header.height() // 2)
    qtbot.mousePress(header.viewport(), Qt.MouseButton.RightButton, pos=point)
    # the context menu event the window system sends with a right click (QTest does not make it)
    QApplication.sendEvent(header.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                                header.viewport().mapToGlobal(point)))
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.RightButton, pos=point)
    qtbot.waitUntil(lambda: getattr(window.columns, "header_popup", None) is not None
                    and window.columns.header_popup.isVisible(), timeout=3000)
    return window.columns.header_popup


def _entry(menu: QMenu, starts: str):
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(starts))


def _row_with_three(model) -> int:
    return next(r for r in range(model.rowCount()) if all(model.sentences(r, c) for c in range(3)))


def test_hide_from_the_header_skipped_by_keys_and_remembered_per_group(qtbot, tmp_path, project):
    ini = tmp_path / "settings.ini"
    window = _open(qtbot, ini, project)
    view, model = window.view, window.model
    assert model.columnCount() == 3
    menu = _header_menu(qtbot, window, 1)
    qtbot.keyClick(menu, Qt.Key.Key_H)  # "&Hide this column"
    qtbot.waitUntil(lambda: not menu.isVisible(), timeout=3000)
    assert view.isColumnHidden(1) and not view.isColumnHidden(0) and not view.isColumnHidden(2)
    row = _row_with_three(model)
    view.set_cursor(row, 0, 0)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_L)
    assert view.cursor[:2] == (row, 2)  # over the hidden column
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.cursor[:2] == (row, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor[:2] == (row, 2)
    hidden_document = model.layout.columns[1].document_id

    # the other group (one document): nothing hidden, and its last column cannot be hidden
    other = window.session.group_id("one")
    window.open_group(other)
    assert window.model.columnCount() == 1 and not view.isColumnHidden(0)
    menu = _header_menu(qtbot, window, 0)
    assert not _entry(menu, "Hide this column").isEnabled()
    menu.close()
    window.columns.set_hidden(0, True)
    assert not view.isColumnHidden(0)
    window.close()

    # a new run on the same settings: the first group's column is hidden again
    window = _open(qtbot, ini, project)
    window.open_group(window.session.group_id("three"))
    hidden = [c for c in range(window.model.columnCount()) if window.view.isColumnHidden(c)]
    assert [window.model.layout.columns[c].document_id for c in hidden] == [hidden_document]
    window.close()


def test_view_menu_hides_the_pivot_and_keeps_one_column(qtbot, tmp_path, project):
    window = _open(qtbot, tmp_path / "settings.ini", project)
    view, model = window.view, window.model
    row = _row_with_three(model)
    view.set_cursor(row, 0, 0)
    menu = window.columns_menu
    menu.aboutToShow.emit()
    pivot = _entry(menu, model.layout.columns[0].lang + " · ")
    assert pivot.isChecked()
    pivot.trigger()  # unchecked: hidden
    assert view.isColumnHidden(0)
    assert view.cursor[:2] == (row, 1)  # the cursor left the hidden column for its neighbour
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_H)
    assert view.cursor[1] == 1  # no shown column to its left
    menu.aboutToShow.emit()
    _entry(menu, model.layout.columns[1].lang + " · " + model.layout.columns[1].title[:10]).trigger()
    assert view.isColumnHidden(1) and view.cursor[1] == 2
    menu.aboutToShow.emit()
    last = [a for a in menu.actions() if a.isCheckable() and a.isChecked()]
    assert len(last) == 1 and not last[0].isEnabled()  # the one column left stays
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.current_sentence_id() is not None and view.cursor[1] == 2
    _entry(menu, "Show all columns").trigger()
    assert not any(view.isColumnHidden(c) for c in range(3))


def test_find_shows_a_hidden_column_again(qtbot, tmp_path, project):
    window = _open(qtbot, tmp_path / "settings.ini", project)
    view, model = window.view, window.model
    german = next(c for c, column in enumerate(model.layout.columns) if column.lang == "de")
    window.columns.set_hidden(german, True)
    qtbot.keyClick(view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_box, "Verteidigungsministerium")
    qtbot.keyClick(window.find_box, Qt.Key.Key_Return)
    assert view.cursor[1] == german and not view.isColumnHidden(german)
    assert "Verteidigungsministerium" in window.session.sentence(view.current_sentence_id()).text
