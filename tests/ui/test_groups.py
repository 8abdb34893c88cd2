"""Groups in the app: renamed from the navigator (F2, its right-click menu), one undoable step
checked in the project file; the Show box's languages follow an import."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QContextMenuEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit  # noqa: E402

from annotator.core.store import Store  # noqa: E402

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier

SPANISH = ("El Ministerio de Defensa ruso publicó el martes unas fotos que, según dijo, mostraban un convoy "
           "del Estado Islámico saliendo de la ciudad siria de Al Bukamal.\n\n"
           "Poco después se supo que una de las imágenes procedía de un videojuego para teléfonos móviles. "
           "El ministerio reconoció el error y culpó a un empleado civil, según las agencias de noticias.\n")


def group_names(project) -> list[str]:
    with Store.open(project, readonly=True) as store:
        return [g["name"] for g in store.documents.groups()]


def answer_dialog(qtbot, text: str | None) -> None:
    """Type `text` into the modal name dialog about to open, then Enter (None: Escape)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        field = dialog.findChild(QLineEdit)
        if text is None:
            qtbot.keyClick(field, Qt.Key.Key_Escape)
            return
        qtbot.keyClick(field, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Return)

    QTimer.singleShot(0, answer)


def back_to(qtbot, window, widget) -> None:
    """The dialog closed: the window active again (no window manager does it offscreen or under
    Xvfb), its shortcuts live, the keyboard on `widget`."""
    window.activateWindow()
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    widget.setFocus()


def test_f2_in_the_navigator_renames_the_group_and_undo_takes_it_back(qtbot, window, aligned_project):
    navigator = window.navigator
    navigator.setFocus()
    document = navigator.model().index(1, 0, navigator.model().index(0, 0))  # a document of the group
    navigator.setCurrentIndex(document)
    answer_dialog(qtbot, "Al-Bukamal, November 2017")
    qtbot.keyClick(navigator, Qt.Key.Key_F2)
    assert group_names(aligned_project) == ["Al-Bukamal, November 2017"]
    assert navigator.model().text(0).startswith("Al-Bukamal, November 2017 (")
    back_to(qtbot, window, window.view)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert group_names(aligned_project) == ["seeds"]
    assert navigator.model().text(0).startswith("seeds (")
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert group_names(aligned_project) == ["Al-Bukamal, November 2017"]

    answer_dialog(qtbot, None)  # Escape: nothing changes
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert group_names(aligned_project) == ["Al-Bukamal, November 2017"]


def test_the_navigator_menu_renames_and_a_bad_name_is_one_line(qtbot, window, aligned_project):
    navigator = window.navigator
    errors = []
    window.show_error = errors.append
    point = navigator.visualRect(navigator.model().index(0, 0)).center()
    QApplication.sendEvent(navigator.viewport(), QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                                   navigator.viewport().mapToGlobal(point)))
    menu = window.corrections.navigator_popup
    qtbot.waitUntil(menu.isVisible, timeout=3000)
    answer_dialog(qtbot, "2017")  # a number: refused (the store's rule)
    qtbot.keyClick(menu, Qt.Key.Key_R)  # "&Rename group… (F2)"
    qtbot.waitUntil(lambda: errors != [], timeout=3000)
    assert len(errors) == 1 and "number" in errors[0] and "\n" not in errors[0]
    assert group_names(aligned_project) == ["seeds"]
    assert window.undo_stack.count() == 0  # a refused action is not on the undo stack
    back_to(qtbot, window, navigator)
    navigator.setCurrentIndex(navigator.model().index(0, 0))
    answer_dialog(qtbot, "Bukamal")
    qtbot.keyClick(navigator, Qt.Key.Key_F2)
    assert group_names(aligned_project) == ["Bukamal"]


def test_the_show_box_follows_an_import(qtbot, window, aligned_project, tmp_path):
    def languages() -> list[str]:
        box = window.filter_box
        return [box.itemText(k) for k in range(box.count()) if box.itemText(k).startswith("language: ")]

    assert "language: es" not in languages()
    spanish = tmp_path / "bukamal_es.txt"
    spanish.write_text(SPANISH, encoding="utf-8")
    window.import_export.import_paths([str(spanish)])  # what File > Import and a drop onto the window call
    qtbot.waitUntil(lambda: window.model.columnCount() == 5, timeout=60000)  # imported, the group shown again
    assert "language: es" in languages()
    with Store.open(aligned_project, readonly=True) as store:
        assert "es" in store.documents.group_languages(store.documents.group_id("seeds"))
    # and it filters: the rows shown hold Spanish sentences
    box = window.filter_box
    box.setFocus()
    while box.currentText() != "language: es":
        qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.finding.shown() == "lang:es", timeout=3000)
    model = window.model
    assert 0 < model.rowCount() and all(any(s.lang == "es" for c in range(model.columnCount())
                                            for s in model.sentences(r, c)) for r in range(model.rowCount()))
    # the re-alignment the import started ends before the window closes
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned"), timeout=60000)
