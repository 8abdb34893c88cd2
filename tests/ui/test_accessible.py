"""What a screen reader gets (issue 27, item 12): read from Qt's accessibility tree as an
assistive technology reads it (QAccessible.queryAccessibleInterface, text(Name/Description)),
after real key presses; each cell says its sentence, language, labels by name, boilerplate,
note and link state, and the table's focus follows the sentence cursor."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QAccessible  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit  # noqa: E402

from annotator.core.store import Store  # noqa: E402

NAME, DESCRIPTION = QAccessible.Text.Name, QAccessible.Text.Description
CTRL = Qt.KeyboardModifier.ControlModifier


def cell_interface(view, row: int, column: int):
    """The accessible cell (row, column) of the table, as a screen reader reaches it: the
    table's children run row by row, the header row and the row-number column first."""
    table = QAccessible.queryAccessibleInterface(view)
    columns = view.model().columnCount() + 1
    cell = table.child((row + 1) * columns + column + 1)
    assert cell is not None and cell.role() == QAccessible.Role.Cell
    return cell


def spoken(view, row: int, column: int) -> tuple[str, str]:
    cell = cell_interface(view, row, column)
    return cell.text(NAME), cell.text(DESCRIPTION)


def linked_cell(model, low: bool):
    """A (row, column) whose machine link scores below 0.6 (`low`) or at least 0.6."""
    for row in range(model.rowCount()):
        filled = [c for c in range(model.columnCount()) if model.cell(row, c).sentence_ids]
        for column in filled:
            score = model.cell(row, column).score
            if len(filled) > 1 and score is not None and (score < 0.6) == low and not model.cell(row, column).manual:
                return row, column
    raise AssertionError("no such cell in the seeds")


def alone_cell(model):
    for row in range(model.rowCount()):
        filled = [c for c in range(model.columnCount()) if model.cell(row, c).sentence_ids]
        if len(filled) == 1:
            return row, filled[0]
    raise AssertionError("no unlinked sentence in the seeds")


def type_note(qtbot, text: str) -> None:
    """Type `text` into the note editor about to open, then Ctrl+Enter; the editor's own
    accessible name is checked on the way."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        editor = dialog.findChild(QPlainTextEdit)
        names.append(QAccessible.queryAccessibleInterface(editor).text(NAME))
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL)

    names: list[str] = []
    QTimer.singleShot(0, act)
    return names


def test_a_cell_says_its_sentence_language_labels_note_and_link(qtbot, window, aligned_project):
    view, model = window.view, window.model
    row, column = linked_cell(model, low=False)
    view.setFocus()
    view.set_cursor(row, column, 0)
    sentence = model.sentences(row, column)[0]
    qtbot.keyClick(view, "1")
    qtbot.keyClick(view, "2")
    editor_names = type_note(qtbot, "check the date")
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert editor_names == ["Note"]
    with Store.open(aligned_project, readonly=True) as store:  # what is said is what the file holds
        assert sorted((a.label, a.note) for a in store.annotations.of_sentence(sentence.id)) == [
            ("attribution", "check the date"), ("claim", "check the date")]
    name, description = spoken(view, row, column)
    assert name.startswith(sentence.text)
    language = {"en": "English", "de": "German", "fr": "French"}[sentence.lang]
    assert f"Language: {language}." in name
    assert "Labels: claim, attribution." in name  # names, in the scheme's order; no colours
    assert "#" not in name.replace(sentence.text, "")
    assert "Note: check the date" in name
    score = model.cell(row, column).score
    assert f"machine link, confidence {score:.2f}" in name
    title = model.layout.columns[column].title
    assert description == f"{language} document “{title}”, row {row + 1} of {len(model.layout.rows)}"

    # 0: no label applies; the link is now confirmed by c
    qtbot.keyClick(view, "0")
    qtbot.keyClick(view, Qt.Key.Key_C)
    name, _ = spoken(view, row, column)
    assert "No label applies." in name and "Labels:" not in name
    assert "alignment confirmed by a reviewer" in name


def test_low_confidence_no_link_and_unlabeled_cells_say_so(qtbot, window):
    view, model = window.view, window.model
    name, _ = spoken(view, *linked_cell(model, low=True))
    assert "machine link of low confidence" in name and "Not labeled yet." in name
    name, _ = spoken(view, *alone_cell(model))
    assert "no link: no aligned sentence in the other documents" in name
    empty = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                 if not model.cell(r, c).sentence_ids)
    assert spoken(view, *empty)[0] == "No sentence of this document in this row."


def test_a_manual_link_and_a_boilerplate_sentence_say_so(qtbot, window):
    view, model = window.view, window.model
    view.setFocus()
    row, column = alone_cell(model)
    sentence = model.sentences(row, column)[0].id
    other = next(c for c in range(model.columnCount()) if c != column)
    target = next(r for r in range(model.rowCount()) if model.cell(r, other).sentence_ids)
    view.set_cursor(row, column, 0)
    qtbot.keyClick(view, Qt.Key.Key_M)
    view.set_cursor(target, other, 0)
    qtbot.keyClick(view, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: window.model.position_of(sentence) is not None
                    and window.model.cell(*window.model.position_of(sentence)).manual, timeout=5000)
    name, _ = spoken(window.view, *window.model.position_of(sentence))
    assert "linked by hand" in name

    # View > Show boilerplate, then b on the sentence: the cell says it is boilerplate
    window.boilerplate_action.trigger()
    view = window.view
    view.setFocus()
    here = view.current_sentence_id()
    qtbot.keyClick(view, Qt.Key.Key_B)
    position = window.model.position_of(here)
    assert position is not None
    assert "Boilerplate." in spoken(window.view, *position)[0]


def test_the_focused_cell_follows_the_sentence_cursor(qtbot, window):
    """Screen readers read the table's focused cell (its current index): it must be the cell
    under the sentence cursor after each move, not the first cell the table had focus on."""
    view = window.view
    view.setFocus()
    table = QAccessible.queryAccessibleInterface(view)
    for key in (Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_L, Qt.Key.Key_J):
        qtbot.keyClick(view, key)
        row, column, k = view.cursor
        focused = table.focusChild()
        assert focused is not None
        assert focused.text(NAME) == cell_interface(view, row, column).text(NAME)
        assert window.model.sentences(row, column)[k].text in focused.text(NAME)


def test_the_window_panels_inputs_and_label_buttons_have_names(qtbot, window):
    def name(widget) -> str:
        return QAccessible.queryAccessibleInterface(widget).text(NAME)

    assert name(window.view) == "Aligned sentences"
    assert "F1" in QAccessible.queryAccessibleInterface(window.view).text(DESCRIPTION)
    assert name(window.navigator) == "Documents"
    assert name(window.detail) == "Sentence details"
    assert name(window.find_box) == "Find in the group"
    # (on Linux Qt reads a combo box's value as its name; its own name is for the label relation)
    assert window.filter_box.accessibleName() == "Show rows"
    buttons = [name(button) for button in window.label_bar.buttons]
    assert buttons == ["Toggle the label claim (key 1)", "Toggle the label attribution (key 2)",
                       "Toggle the label correction (key 3)", "No label applies (key 0)"]
    # the navigator's documents: title, language by name, progress (not "… · de ·")
    navigator = window.navigator
    model = navigator.model()
    group = model.index(0, 0)
    document = model.index(0, 0, group)
    qtbot.waitUntil(lambda: not model.counting(), timeout=10000)
    text = document.data(Qt.ItemDataRole.AccessibleTextRole)
    assert "German" in text and "labeled: " in text and "…" not in text
    # a long status message is read whole, not as elided on screen
    message = "A status message long enough to be cut on screen " * 6
    window.statusBar().showMessage(message)
    assert window.statusBar().message_label.accessibleName() == message


def test_the_rename_dialog_s_input_is_named_by_its_label(qtbot, window):
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        field = dialog.findChild(QLineEdit)
        seen.append(QAccessible.queryAccessibleInterface(field).text(NAME))
        qtbot.keyClick(field, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert seen and "name" in seen[0].lower()
