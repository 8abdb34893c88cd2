"""The label scheme editor: edits applied as one undoable step, validation in the core."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from tests.ui.conftest import labels_in_file  # noqa: E402


def test_label_scheme_editor(qtbot, window, aligned_project, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.scheme_editor import SchemeEditor

    view = window.view
    sentence = view.current_sentence_id()
    qtbot.keyClick(view, "3")  # correction, used once
    editor = SchemeEditor(window.session, window)
    model = editor.model
    model.item(0, 0).setText("checkable claim")  # rename
    model.item(0, 1).setText("3")  # swap keys with correction
    model.item(2, 1).setText("1")
    model.item(1, 2).setText("#000000")  # recolor attribution
    editor._append(None, "opinion", "4", "#9467bd", "A view, not a fact.")  # add
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Ok)
    editor.table.setCurrentIndex(model.index(2, 0))
    editor._remove_selected()  # correction: used, the user confirms
    editor.accept()
    window.labeling.apply_scheme(editor.rows())

    def scheme_in_file():
        with Store.open(aligned_project, readonly=True) as store:
            return ([(label.name, label.key, label.color) for label in store.scheme.labels()],
                    [(a.label, a.annotator) for a in store.annotations.of_sentence(sentence)])

    edited = ([("checkable claim", "3", "#1f77b4"), ("attribution", "2", "#000000"), ("opinion", "4", "#9467bd")],
              [])  # the correction went with its label
    assert scheme_in_file() == edited
    # one undoable step: Ctrl+Z brings back the old scheme and the removed annotation, Ctrl+Shift+Z redoes
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert scheme_in_file() == ([("claim", "1", "#1f77b4"), ("attribution", "2", "#2ca02c"),
                                 ("correction", "3", "#d62728")], [("correction", "tester")])
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the label added before the edit
    assert scheme_in_file()[1] == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert scheme_in_file() == edited
    window.go_to_sentence(sentence)
    qtbot.keyClick(view, "4")
    assert labels_in_file(aligned_project, sentence) == [("opinion", "tester")]
    qtbot.keyClick(view, "3")
    assert labels_in_file(aligned_project, sentence) == [("checkable claim", "tester"), ("opinion", "tester")]
    assert window.filter_box.findData("label:opinion") >= 0


def test_bad_scheme_edit_is_refused_with_a_message(qtbot, window, monkeypatch):
    from annotator.ui import dialogs
    from annotator.ui.scheme_editor import SchemeEditor

    messages = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: messages.append(text))
    editor = SchemeEditor(window.session, window)
    editor.model.item(1, 0).setText("claim")
    editor.accept()
    assert messages and "already a label named 'claim'" in messages[0]
    assert [row.name for row in window.session.scheme_rows()] == ["claim", "attribution", "correction"]

