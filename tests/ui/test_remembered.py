"""What the app remembers between runs (window, last project, recent projects, last sentence) and
`annotator gui --sentence`, each checked through a settings file a second window or run reads."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui import app  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def two_groups(tmp_path, seeds):
    path = tmp_path / "two.sqlite"
    import_files(path, [seeds["000"], seeds["001"]], group="first")
    import_files(path, [seeds["002"], seeds["003"]], group="second")
    return path


def _open_window(qtbot, ini, project=None) -> MainWindow:
    window = MainWindow("tester", QSettings(str(ini), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    window.activateWindow()  # under a real X server without a window manager, nothing activates it
    assert QTest.qWaitForWindowActive(window)  # and the window's shortcuts (Ctrl+Z, Ctrl+F...) need an active window
    if project is not None:
        assert window.open_project(project)
    return window


def _sentence_of_group(project, group: str, k: int) -> int:
    with Store.open(project, readonly=True) as store:
        group_id = store.documents.group_id(group)
        document = store.documents.group_documents(group_id)[-1]["id"]
        return store.documents.sentence_ids(document, include_boilerplate=False)[k]


def test_window_size_and_last_sentence_come_back(qtbot, tmp_path, aligned_project):
    ini = tmp_path / "settings.ini"
    window = _open_window(qtbot, ini, aligned_project)
    window.resize(720, 690)  # inside the 800 x 800 offscreen screen, not the default size
    for _ in range(4):
        qtbot.keyClick(window.view, Qt.Key.Key_J)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    where = window.view.current_sentence_id()
    assert where is not None
    window.close()

    again = _open_window(qtbot, ini)
    assert (again.width(), again.height()) == (720, 690)
    last = QSettings(str(ini), QSettings.Format.IniFormat).value("last_project")  # what `annotator gui` opens
    assert last == str(aligned_project.resolve())
    assert again.open_project(last)
    assert again.view.current_sentence_id() == where
    again.close()


def test_recent_projects_list_the_latest_first_without_repeats(qtbot, tmp_path, aligned_project, two_groups):
    ini = tmp_path / "settings.ini"
    window = _open_window(qtbot, ini, aligned_project)
    assert window.open_project(two_groups)
    assert window.open_project(aligned_project)
    window.close()

    again = _open_window(qtbot, ini)
    again.recent_menu.aboutToShow.emit()
    entries = [action.text() for action in again.recent_menu.actions()]
    assert entries == [str(aligned_project.resolve()), str(two_groups.resolve())]
    again.recent_menu.actions()[1].trigger()  # choosing an entry opens that project
    assert again.session is not None and again.session.path.resolve() == two_groups.resolve()
    again.close()


def test_the_last_sentence_in_another_group_opens_that_group(qtbot, tmp_path, two_groups):
    ini = tmp_path / "settings.ini"
    target = _sentence_of_group(two_groups, "second", 3)
    window = _open_window(qtbot, ini, two_groups)
    assert window.group_id == window.session.group_id("first")
    assert window.go_to_sentence(target)
    assert window.group_id == window.session.group_id("second")
    assert window.view.current_sentence_id() == target
    window.close()

    again = _open_window(qtbot, ini, two_groups)
    assert again.group_id == again.session.group_id("second")
    assert again.view.current_sentence_id() == target
    assert not again.go_to_sentence(10**9)  # no such sentence: nothing moves
    assert again.view.current_sentence_id() == target
    again.close()


def test_gui_sentence_opens_at_that_sentence(qtbot, tmp_path, two_groups):
    ini = tmp_path / "settings.ini"
    target = _sentence_of_group(two_groups, "second", 5)
    code = app.run(str(two_groups), "tester", quit_after_load=True, sentence=target, settings_file=str(ini))
    assert code == 0
    settings = QSettings(str(ini), QSettings.Format.IniFormat)
    # the window saves where its cursor was when it closed: the sentence asked for
    assert settings.value("position/" + str(two_groups.resolve()).replace("/", "|")) in (target, str(target))
    assert settings.value("annotator") == "tester"
