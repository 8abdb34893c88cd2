"""The scheme editor's label groups and span labels, with real mouse clicks and keys: an ordinal
group and a span label added in the editor, then answered and marked with their new keys in the
view; an edit that deletes answers asks first and says how many; clashes are refused in one line
with nothing written. The editor is opened as the app opens it (Edit > Label scheme…: modal, by
exec()) and driven inside its loop, keys going to the focused widget, under X as offscreen.
The SQLite file is read after each step."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

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


def _in_editor(qtbot, window, steps) -> None:
    """Edit > Label scheme… as the app runs it: `window.labeling.edit_scheme()` shows the editor
    modal by exec() and applies it if accepted; `steps(editor)` runs inside exec()'s loop (a
    timer) once the editor is the active window, so keys go where a person's would, under X as
    offscreen. A failing step closes the editor, and its error is raised once exec() returns."""
    from PySide6.QtCore import QTimer

    failed = []

    def run():
        editor = window.labeling.scheme_editor
        try:
            assert QTest.qWaitForWindowExposed(editor)
            _activate(editor)
            steps(editor)
        except BaseException as error:  # (left open, exec() would never return)
            failed.append(error)
            editor.reject()
    QTimer.singleShot(0, run)
    window.labeling.edit_scheme()
    if failed:
        raise failed[0]
    _activate(window)  # the main window has the keys again, as after a dialog closes


def _activate(widget) -> None:
    """Make the widget's window the active one, and wait until it stays so: under X with no
    window manager, a focus event still on its way for the window active before can take the
    activation back a moment after it was given (seen: the editor's first keys went to the
    main window's view)."""
    for _ in range(10):
        widget.activateWindow()
        if QTest.qWaitForWindowActive(widget):
            QTest.qWait(150)
            if widget.isActiveWindow():
                return
    raise AssertionError(f"{type(widget).__name__} does not stay the active window")


def _key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key to the widget that has the keyboard focus, as a person's key goes."""
    from PySide6.QtWidgets import QApplication

    qtbot.keyClick(QApplication.focusWidget(), key, modifier)


def _type(qtbot, text: str) -> None:
    from PySide6.QtWidgets import QApplication

    qtbot.keyClicks(QApplication.focusWidget(), text)


def _click_tab(qtbot, editor, number: int) -> None:
    bar = editor.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(number).center())
    assert editor.tabs.currentIndex() == number


def _button(widget, text: str):
    from PySide6.QtWidgets import QPushButton

    return next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text)


def _type_into_cell(qtbot, table, row: int, column: int, text: str | None = None, key=None) -> None:
    """Click the cell, F2 opens its editor, then the text (or a key) and Enter."""
    from PySide6.QtWidgets import QApplication

    where = table.visualRect(table.model().index(row, column)).center()
    qtbot.mouseClick(table.viewport(), LEFT, pos=where)
    assert QApplication.focusWidget() is table
    _key(qtbot, Qt.Key.Key_F2)
    assert QApplication.focusWidget() is not table  # the cell's editor
    if text is not None:
        _key(qtbot, Qt.Key.Key_A, CTRL)
        _type(qtbot, text)
    else:
        _key(qtbot, key)
    _key(qtbot, Qt.Key.Key_Return)


def _ok(qtbot, editor) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    box = editor.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)


def test_an_ordinal_group_and_a_span_label_added_in_the_editor_are_used_with_their_keys(qtbot, window, aligned_project):
    def steps(editor):
        _click_tab(qtbot, editor, 1)
        table = editor.groups.table
        assert "free d e i o p q t y z" in editor.groups.letters.text()
        qtbot.mouseClick(_button(editor.groups, "Add group"), LEFT)  # its name is open to type
        _key(qtbot, Qt.Key.Key_A, CTRL)
        _type(qtbot, "worth")
        _key(qtbot, Qt.Key.Key_Return)
        _type_into_cell(qtbot, table, 0, 3, "1..4")
        _type_into_cell(qtbot, table, 0, 4, key=Qt.Key.Key_O)  # the key letter's box: o
        assert "in use o worth" in editor.groups.letters.text()
        _click_tab(qtbot, editor, 2)
        qtbot.mouseClick(_button(editor.span_labels, "Add span label"), LEFT)
        _key(qtbot, Qt.Key.Key_A, CTRL)
        _type(qtbot, "quote")
        _key(qtbot, Qt.Key.Key_Return)
        assert _groups(aligned_project) == []  # nothing is written before OK
        _ok(qtbot, editor)
    _in_editor(qtbot, window, steps)
    assert window.labeling.scheme_editor.result() == QDialog.DialogCode.Accepted
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
    def steps(editor):
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
        qtbot.mouseClick(spans_table.viewport(), LEFT,
                         pos=spans_table.visualRect(spans_table.model().index(1, 0)).center())
        qtbot.mouseClick(_button(editor.span_labels, "Remove span label"), LEFT)  # cue, on one span
        _ok(qtbot, editor)  # asked: Cancel keeps the editor open, nothing written
        assert questions == ["This edit deletes:\n• 2 answers to 'worth' that its new values leave out\n"
                             "• 1 span of the span label 'cue', which is removed\n\nCtrl+Z brings them back. Apply it?"]
        assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
        assert (_groups(answered), _span_labels(answered), _read(answered, "SELECT * FROM group_values"),
                _read(answered, "SELECT * FROM spans")) == before
        answer[0] = QMessageBox.StandardButton.Ok
        _ok(qtbot, editor)
    _in_editor(qtbot, window, steps)
    assert window.labeling.scheme_editor.result() == QDialog.DialogCode.Accepted
    assert _read(answered, "SELECT value FROM group_values") == [("2",)]
    assert _read(answered, "SELECT * FROM spans") == []
    assert [n for n, *_ in _span_labels(answered)] == ["source", "content"]
    assert _groups(answered) == [("worth", "ordinal", "sentence", '["1", "2", "3"]', "o"),
                                 ("why", "yesno", "sentence", '["yes", "no"]', "t")]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # all of it back
    assert (_groups(answered), _span_labels(answered), sorted(r[1:] for r in _read(answered, "SELECT * FROM group_values")),
            _read(answered, "SELECT * FROM spans")) == (before[0], before[1], sorted(r[1:] for r in before[2]),
                                                          before[3])
