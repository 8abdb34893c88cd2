"""The Search panel with real keys: Ctrl+Shift+F, a query typed, Enter lists the hits, Enter on
a hit opens it in its group; a bulk button labels every hit in one undoable step (checked in
the file); Ctrl+Shift+L lists the sentences nearest to the one under the cursor."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.text.search_query import parse

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _found(project, query: str) -> list[int]:
    with Store.open(project, readonly=True) as store:  # (the panel's search indexed the sentences)
        return [hit.sentence_id for hit in store.search.hits(parse(query), None)]


def _claimed(project) -> set[int]:
    with Store.open(project, readonly=True) as store:
        return {row[0] for row in store.db.execute(
            "SELECT a.sentence_id FROM annotations a JOIN labels l ON l.id = a.label_id"
            " JOIN annotators p ON p.id = a.annotator_id WHERE l.name = 'claim' AND p.name = 'tester'")}


def test_search_open_a_hit_and_label_every_hit_undoably(qtbot, window, aligned_project):
    panel = window.searching
    assert not panel.dock.isVisible()
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    assert panel.dock.isVisible() and panel.query_box.hasFocus()
    qtbot.keyClicks(panel.query_box, "lang:de foto*")
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.hits.rowCount() > 0, timeout=10000)
    expected = _found(aligned_project, "lang:de foto*")
    assert [hit.sentence_id for hit in panel.hits.hits] == expected
    assert panel.list.hasFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_Return)
    wanted = expected[1] if len(expected) > 1 else expected[0]
    assert window.view.current_sentence_id() == wanted
    assert window.view.hasFocus()

    before = _claimed(aligned_project)
    panel.label_box.setCurrentText("claim")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert _claimed(aligned_project) == before | set(expected)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _claimed(aligned_project) == before  # one undo takes the whole bulk action back


def test_a_bad_query_says_so_in_one_line(qtbot, window):
    panel = window.searching
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.keyClicks(panel.query_box, 'label:nothing "x')
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    assert "quotation mark" in panel.summary.text() and panel.hits.rowCount() == 0
    panel.query_box.clear()
    qtbot.keyClicks(panel.query_box, "label:nothing")
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "no label named" in panel.summary.text(), timeout=10000)


def test_more_like_this_lists_other_languages(qtbot, window, aligned_project):
    panel = window.searching
    window.view.setFocus()
    sentence = window.view.current_sentence_id()
    assert sentence is not None
    qtbot.keyClick(window.view, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: panel.hits.rowCount() > 0, timeout=20000)
    hits = panel.hits.hits
    assert sentence not in [hit.sentence_id for hit in hits]
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    with Store.open(aligned_project, readonly=True) as store:
        own = store.db.execute("SELECT lang FROM sentences WHERE id = ?", [sentence]).fetchone()[0]
    assert any(hit.hit.lang != own for hit in hits[:10])


def test_the_buttons_act_on_the_selected_hits_only(qtbot, window, aligned_project):
    panel = window.searching
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    qtbot.keyClicks(panel.query_box, "lang:de foto*")
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.hits.rowCount() > 2, timeout=10000)
    expected = [hit.sentence_id for hit in panel.hits.hits]
    assert "every hit" in panel.target.text()
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the first hit
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)
    qtbot.keyClick(panel.list, Qt.Key.Key_Down)  # (arrows move without selecting)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the third
    assert panel.selected_ids() == sorted([expected[0], expected[2]])
    assert "2" in panel.target.text()
    before = _claimed(aligned_project)
    panel.label_box.setCurrentText("claim")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert _claimed(aligned_project) == before | {expected[0], expected[2]}
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert _claimed(aligned_project) == before
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # each one step
    assert _claimed(aligned_project) == before | {expected[0], expected[2]}
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _claimed(aligned_project) == before
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the third again: unselected
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    qtbot.keyClick(panel.list, Qt.Key.Key_Up)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the first: nothing selected
    assert panel.selected_ids() == [] and "every hit" in panel.target.text()
    qtbot.keyClick(panel.list, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert panel.selected_ids() == sorted(expected)
    qtbot.keyClick(panel.list, Qt.Key.Key_Space)  # the first out again
    assert panel.selected_ids() == sorted(expected[1:])
    for _ in expected[1:]:
        qtbot.keyClick(panel.list, Qt.Key.Key_Down)
        qtbot.keyClick(panel.list, Qt.Key.Key_Space)
    assert panel.selected_ids() == []
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert _claimed(aligned_project) == before | set(_found(aligned_project, "lang:de foto*"))
