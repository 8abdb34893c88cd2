"""The Search panel with real keys finds a substring whatever its diacritics (migration 20), and
a project whose search index was damaged opens, says so in the status bar, and is searched."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt

from annotator.core.store import Store
from annotator.core.text.search_query import parse

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _found(project, query: str) -> list[int]:
    with Store.open(project, readonly=True) as store:
        return [hit.sentence_id for hit in store.search.hits(parse(query), None)]


def _search(qtbot, window, query: str) -> list[int]:
    panel = window.searching
    qtbot.keyClick(window.view, Qt.Key.Key_F, CTRL_SHIFT)
    panel.query_box.selectAll()
    qtbot.keyClicks(panel.query_box, query)
    qtbot.keyClick(panel.query_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.hits.rowCount() > 0, timeout=20000)
    return [hit.sentence_id for hit in panel.hits.hits]


def test_a_substring_typed_without_its_umlaut_is_found_and_opened(qtbot, window, aligned_project):
    listed = _search(qtbot, window, "*veroffentlicht*")
    assert listed and listed == _found(aligned_project, "*veroffentlicht*")
    with Store.open(aligned_project, readonly=True) as store:
        assert all("veröffentlicht" in store.documents.sentence(i).text for i in listed)
    qtbot.keyClick(window.searching.list, Qt.Key.Key_Return)
    assert window.view.current_sentence_id() == listed[0]


def test_a_damaged_index_is_made_again_said_and_searched(qtbot, window, aligned_project):
    window.close_project()
    with Store.open(aligned_project) as store:  # (a writer: indexed before the damage)
        found = [hit.sentence_id for hit in store.search.hits(parse("ministry"), None)]
    assert found
    with sqlite3.connect(aligned_project) as conn:
        conn.execute("UPDATE sentence_words_data SET block = randomblob(length(block)) WHERE id > 1")
    conn.close()
    assert window.open_project(aligned_project)
    assert "search index was damaged" in window.statusBar().currentMessage()
    assert _search(qtbot, window, "ministry") == found
