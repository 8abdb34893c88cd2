"""The desktop app driven with real key and mouse events; every step checked in the project file."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QInputDialog  # noqa: E402

from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.aligned_model import SENTENCES_ROLE  # noqa: E402
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
    qtbot.waitExposed(window)
    assert window.open_project(aligned_project)
    yield window
    window.close()


def labels_in_file(project, sentence_id):
    with Store.open(project, readonly=True) as store:
        return sorted((a.label, a.annotator) for a in store.annotations(sentence_id))


def test_model_passes_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.model)


def test_opens_on_the_pivot_with_every_language_rendered(window):
    model = window.model
    assert model.headerData(0, Qt.Orientation.Horizontal).endswith("(en) ★")
    text = "\n".join(model.data(model.index(r, c)) or "" for r in range(model.rowCount())
                     for c in range(model.columnCount()))
    for sample in ("Übergangs", "schädigen", "États-Unis", "l’armée syrienne", "Για να μη ξεχνιόμαστε",
                   "However, the photos were fake."):
        assert sample in text
    assert window.view.current_sentence_id() is not None


def test_keyboard_labeling_with_undo_and_redo(qtbot, window, aligned_project):
    view = window.view
    view.setFocus()
    first = view.current_sentence_id()
    qtbot.keyClick(view, Qt.Key.Key_J)
    second = view.current_sentence_id()
    assert second != first
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.current_sentence_id() == first
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.current_sentence_id() == second
    qtbot.keyClick(view, "1")
    assert labels_in_file(aligned_project, second) == [("claim", "tester")]
    qtbot.keyClick(view, "2")
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("claim", "tester")]
    row, column = window.model.position_of(second)
    shown = window.model.index(row, column).data(SENTENCES_ROLE)
    assert [s.labels for s in shown if s.id == second] == [("claim", "attribution")]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels_in_file(aligned_project, second) == [("claim", "tester")]
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("claim", "tester")]
    qtbot.keyClick(view, "1")  # toggles off
    assert labels_in_file(aligned_project, second) == [("attribution", "tester")]
    qtbot.keyClick(view, "3")
    qtbot.keyClick(view, "0")  # clears
    assert labels_in_file(aligned_project, second) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels_in_file(aligned_project, second) == [("attribution", "tester"), ("correction", "tester")]


def test_left_right_move_between_documents_and_mouse_selects(qtbot, window):
    view, model = window.view, window.model
    row = next(r for r in range(model.rowCount())
               if sum(1 for c in range(model.columnCount()) if model.sentences(r, c)) >= 3)
    pivot_sentence = model.sentences(row, 0)[0].id
    view.set_cursor(row, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor[0] == row and view.cursor[1] > 0
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_sentence_id() == pivot_sentence
    other = next(c for c in range(1, model.columnCount()) if model.sentences(row, c))
    rect = view.visualRect(model.index(row, other))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.cursor[:2] == (row, other)
    assert window.detail.toPlainText().startswith(f"Sentence {view.current_sentence_id()}")


def test_note_is_stored_with_the_labels(qtbot, window, aligned_project, monkeypatch):
    view = window.view
    sentence = view.current_sentence_id()
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *args, **kwargs: ("checked on TV", True))
    qtbot.keyClick(view, "n")  # no label yet: nothing to attach the note to
    assert labels_in_file(aligned_project, sentence) == []
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, "n")
    with Store.open(aligned_project, readonly=True) as store:
        assert [(a.label, a.note) for a in store.annotations(sentence)] == [("claim", "checked on TV")]
    assert "checked on TV" in window.detail.toPlainText()
