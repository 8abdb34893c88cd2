"""The sentence under the cursor stays in sight, at a laptop's window size (1366x768), after
every move (j, k, arrows), label, boilerplate mark (b), unlink (Ctrl+U), re-alignment (Ctrl+R),
undo and redo; when its sentence leaves the view (b), the cursor goes to the next sentence of
the same document. Real key events; the project file is read after each write."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QRect, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from annotator.ui.aligned.cell_layout import layout_blocks  # noqa: E402

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def laptop(qtbot, window):
    window.resize(1366, 768)
    qtbot.wait(50)  # the column widths settle, the rows on screen are fitted again
    window.view.setFocus()
    return window


def sentence_rect(view) -> QRect:
    """Where the cursor's sentence is drawn, in the viewport (its block in the cell)."""
    model = view.model()
    row, column, k = view.cursor
    cell = view.visualRect(model.index(row, column))
    sentences = model.sentences(row, column)
    block = layout_blocks(view.font(), cell.width(), sentences,
                          [model.suggestions(row, column, s) for s in sentences])[k]
    return QRect(cell.left(), cell.top() + block.top, cell.width(), block.height)


def assert_in_sight(view, what: str) -> None:
    assert view.current_sentence_id() is not None, f"no sentence under the cursor after {what}"
    rect, height = sentence_rect(view), view.viewport().height()
    # the row is fitted to its text (not the 60-pixel default of a row never shown)
    assert view.rowHeight(view.cursor[0]) >= view.sizeHintForRow(view.cursor[0]) - 1, what
    if rect.height() <= height:
        assert 0 <= rect.top() and rect.bottom() < height, f"{what}: sentence at {rect.top()}..{rect.bottom()}, " \
                                                           f"viewport 0..{height}"
    else:  # taller than the viewport: its start is in sight
        assert 0 <= rect.top() < height // 2, what


def _boilerplate(project, sentence_id) -> bool:
    with Store.open(project, readonly=True) as store:
        return bool(store.db.execute("SELECT boilerplate FROM sentences WHERE id = ?", [sentence_id]).fetchone()[0])


def test_j_and_k_keep_the_sentence_in_sight(qtbot, laptop):
    view = laptop.view
    seen = []
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_J)
        assert_in_sight(view, f"j to row {view.cursor[0]}")
        seen.append(view.current_sentence_id())
    column = [i for _, c, i in laptop.model.reading_order() if c == 0]
    assert seen[-1] == column[-1] and len(set(seen)) == len(column) - 1 > 20  # down to the column's end
    for _ in range(40):
        qtbot.keyClick(view, Qt.Key.Key_K)
        assert_in_sight(view, f"k to row {view.cursor[0]}")
    for key in (Qt.Key.Key_Down, Qt.Key.Key_L, Qt.Key.Key_Down, Qt.Key.Key_H, Qt.Key.Key_Up):
        for _ in range(6):
            qtbot.keyClick(view, key)
            assert_in_sight(view, f"{key.name} to row {view.cursor[0]}")


def test_page_down_page_up_home_and_end_move_the_cursor_and_keep_it_in_sight(qtbot, laptop):
    view = laptop.view
    column = [i for _, c, i in laptop.model.reading_order() if c == 0]
    rows = []
    while view.current_sentence_id() != column[-1] and len(rows) < 40:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert_in_sight(view, f"Page Down to row {view.cursor[0]}")
        rows.append(view.cursor[0])
    assert view.current_sentence_id() == column[-1] and 1 < len(rows) < len(column) // 2  # pages, not lines
    assert rows == sorted(set(rows))
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert_in_sight(view, "Page Up")
    assert view.cursor[0] < rows[-1]
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.current_sentence_id() == column[0]
    assert_in_sight(view, "Home")
    qtbot.keyClick(view, Qt.Key.Key_End)
    assert view.current_sentence_id() == column[-1]
    assert_in_sight(view, "End")


def test_a_label_near_the_bottom_and_its_undo_keep_the_sentence_in_sight(qtbot, laptop, aligned_project):
    view = laptop.view
    for _ in range(12):
        qtbot.keyClick(view, Qt.Key.Key_J)
        assert_in_sight(view, "j")  # moving down: the cursor's row is the last one shown, and chips make it taller
    for keys in ("1", "2", "3"):
        qtbot.keyClick(view, keys)
        assert_in_sight(view, f"label {keys}")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert_in_sight(view, "undo")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert_in_sight(view, "redo")


def test_b_moves_the_cursor_to_the_next_sentence_of_its_document(qtbot, laptop, aligned_project):
    view, model = laptop.view, laptop.model
    for _ in range(10):
        qtbot.keyClick(view, Qt.Key.Key_J)
    column = view.cursor[1]
    order = [i for _, c, i in model.reading_order() if c == column]
    marked = view.current_sentence_id()
    following = order[order.index(marked) + 1]
    qtbot.keyClick(view, Qt.Key.Key_B)
    assert _boilerplate(aligned_project, marked)
    assert view.current_sentence_id() == following  # not an empty cell
    assert_in_sight(view, "b")
    qtbot.keyClick(view, Qt.Key.Key_J)  # and j goes on from there
    assert view.current_sentence_id() not in (None, following)
    assert_in_sight(view, "j after b")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the j is no edit: undo takes the mark back
    assert not _boilerplate(aligned_project, marked)
    assert_in_sight(view, "undo of b")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _boilerplate(aligned_project, marked)
    assert view.current_sentence_id() is not None and view.current_sentence_id() != marked
    assert_in_sight(view, "redo of b")


def test_unlink_realign_undo_and_redo_keep_the_sentence_in_sight(qtbot, laptop, aligned_project):
    view, session = laptop.view, laptop.session
    # a linked sentence well down the group: unlinked, its row moves
    linked = [i for i in laptop.model.sentence_order() if session.has_links(i)]
    sentence = linked[len(linked) * 2 // 3]
    assert laptop.go_to_sentence(sentence)  # at the top of the view
    view.setFocus()
    for key in (Qt.Key.Key_K, Qt.Key.Key_K, Qt.Key.Key_K, Qt.Key.Key_J, Qt.Key.Key_J, Qt.Key.Key_J):
        qtbot.keyClick(view, key)
    assert view.current_sentence_id() == sentence
    top = sentence_rect(view).top()
    assert top > 100  # below rows of the sentences before it
    qtbot.keyClick(view, Qt.Key.Key_U, CTRL)
    with Store.open(aligned_project, readonly=True) as store:
        assert not [link for link in store.links.in_group(1) if sentence in link.sentence_ids()]
    assert view.current_sentence_id() == sentence
    assert_in_sight(view, "Ctrl+U")
    assert abs(sentence_rect(view).top() - top) <= 2  # in its new row, where the eye left it
    laptop.statusBar().clearMessage()
    qtbot.keyClick(view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: laptop.statusBar().currentMessage().startswith("Re-aligned"), timeout=60000)
    assert view.current_sentence_id() == sentence
    assert_in_sight(view, "Ctrl+R")
    for keys, what in ((CTRL, "undo of Ctrl+R"), (CTRL, "undo of Ctrl+U"), (CTRL | SHIFT, "redo of Ctrl+U"),
                       (CTRL | SHIFT, "redo of Ctrl+R")):
        qtbot.keyClick(view, Qt.Key.Key_Z, keys)
        assert view.current_sentence_id() == sentence, what
        assert_in_sight(view, what)


def test_a_project_opened_before_the_window_shows_starts_at_the_top(qtbot, aligned_project, tmp_path):
    """`annotator gui` opens the project, then shows the window: the unshown table, a few pixels
    high, scrolled the first sentence's top out (its cursor frame cut under the header), and
    the shown window kept that scroll. Found under Xvfb + openbox at 1366x768."""
    from PySide6.QtCore import QSettings

    from annotator.ui.main_window import MainWindow

    window = MainWindow("tester", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    assert window.open_project(aligned_project)
    window.resize(1366, 768)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    qtbot.wait(50)
    view = window.view
    assert view.verticalScrollBar().value() == 0
    assert sentence_rect(view).top() >= 3  # the cursor's frame, 3 pixels above the sentence, in sight
