"""Review > Team progress: the packages in a folder read in the background, shown in tables."""

from __future__ import annotations

import sqlite3

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QPlainTextEdit, QTableView

from annotator.core.store import Store
from annotator.core.team.packages import assign


def _review_action(window, text):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Review")
    return next(a for a in menu.actions() if a.text().startswith(text))


def test_team_progress_shows_what_the_packages_hold(qtbot, window, aligned_project, tmp_path, monkeypatch):
    source = tmp_path / "trainer.sqlite"  # the window holds the open project's lock: plan a copy of it
    with sqlite3.connect(aligned_project) as open_one, sqlite3.connect(source) as copy:
        open_one.backup(copy)
    out = tmp_path / "returned"
    plan = assign(source, ["ann", "ben"], out, overlap=1.0).plan
    with Store.open(out / "ann.sqlite") as store:  # ann judged three sentences, ben none yet
        ids = [row[0] for row in store.db.execute("SELECT id FROM sentences WHERE boilerplate = 0 LIMIT 3")]
        store.annotations.set(ids[0], "claim", "ann")
        store.annotations.set(ids[1], "attribution", "ann")
        store.annotations.clear(ids[2], "ann")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kw: str(out))
    _review_action(window, "Team &progress").trigger()
    qtbot.waitUntil(lambda: getattr(window.team, "progress_dialog", None) is not None
                    and window.team.progress_dialog.isVisible(), timeout=30000)
    dialog = window.team.progress_dialog
    size = plan.sizes["seeds"]
    assert dialog.annotators.rows == [["ann", 1, size, 3, pytest.approx(100 * 3 / size), 2, dialog.annotators.rows[0][6],
                                       dialog.annotators.rows[0][7]], ["ben", 1, size, 0, 0.0, 0, "", ""]]
    table = dialog.tabs.currentWidget()
    assert isinstance(table, QTableView) and table.model().rowCount() == 2
    assert table.model().index(0, 4).data() == f"{300 / size:.1f}%"
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(1).center())
    assert dialog.tabs.currentIndex() == 1
    row = dialog.groups.rows[0]
    assert row[:7] == ["seeds", "yes", size, f"ann 3/{size}, ben 0/{size}", 0, 2, 2] and row[7] <= row[8]
    assert row[7] == dialog.annotators.rows[0][6] and len(row[7]) == 16  # the minute ann started
    qtbot.mouseClick(dialog.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=dialog.tabs.tabBar().tabRect(2).center())
    assert "agreement on the shared groups" in dialog.tabs.currentWidget().toPlainText()
    assert isinstance(dialog.tabs.currentWidget(), QPlainTextEdit)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_folder_without_packages_shows_one_line(qtbot, window, tmp_path, monkeypatch):
    errors = []
    monkeypatch.setattr(window, "show_error", errors.append)
    (tmp_path / "empty").mkdir()
    window.team.show_progress(str(tmp_path / "empty"))
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert errors == [f"{tmp_path / 'empty'}: holds no project files (*.sqlite)"]


def test_merging_packages_in_the_app_names_the_missing_ones(qtbot, window, aligned_project, tmp_path):
    source = tmp_path / "trainer.sqlite"
    with sqlite3.connect(aligned_project) as open_one, sqlite3.connect(source) as copy:
        open_one.backup(copy)
    out = tmp_path / "returned"
    assign(source, ["ann", "ben"], out, overlap=1.0)
    with Store.open(out / "ann.sqlite") as store:
        store.annotations.set(window.view.current_sentence_id(), "claim", "ann")
    window.team.merge_paths([str(out / "ann.sqlite")])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Merged 1 project:"), timeout=30000)
    message = window.statusBar().currentMessage()
    assert "1 annotation added" in message and "missing packages: ben (ben.sqlite)" in message
    assert "groups labeled by fewer people than planned: 1" in message


def test_opening_someone_elses_package_says_whose_it_is(qtbot, window, aligned_project, tmp_path):
    source = tmp_path / "trainer.sqlite"
    with sqlite3.connect(aligned_project) as open_one, sqlite3.connect(source) as copy:
        open_one.backup(copy)
    assign(source, ["ann", "tester"], tmp_path / "out", overlap=1.0)
    assert window.open_project(tmp_path / "out" / "ann.sqlite")
    assert window.status.text() == "annotator: tester (work package of ann)"
    assert window.statusBar().currentMessage().startswith("This is ann's work package, and you label as tester")
    assert window.open_project(tmp_path / "out" / "tester.sqlite")
    assert window.status.text() == "annotator: tester (work package of tester)"
    assert not window.statusBar().currentMessage().startswith("This is")
