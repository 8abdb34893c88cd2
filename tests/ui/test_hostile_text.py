"""User data that looks like markup (`<img src=…>` in a sentence, a title, a file name, a label,
an annotator's name or note) is shown as typed: hovering a cell, a chip, a column header or a
navigator row opens no file (a FIFO would freeze the app, /dev/zero exhaust its memory), and
the tooltip says the literal text. Observed with Linux inotify, and with a FIFO whose opening
by a reader is noticed (and released) by a thread of the test."""

from __future__ import annotations

import ctypes
import json
import os
import struct
import sys
import threading
from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, QSettings  # noqa: E402
from PySide6.QtGui import QHelpEvent, QImage, QTextDocument, Qt  # noqa: E402 (QtGui's Qt: mightBeRichText)
from PySide6.QtWidgets import QApplication, QToolTip  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from annotator.core.session.importing import import_files  # noqa: E402
from annotator.core.session import Session  # noqa: E402
from annotator.ui.aligned.cell_layout import PADDING, chip_entries, layout_blocks  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify and FIFOs: Linux")

IN_OPEN = 0x20
FIELDS = ("sentence", "title", "source", "label", "group", "annotator", "note", "guideline")


class OpenWatch:
    """Which of these files anything opens from now on (inotify IN_OPEN)."""

    def __init__(self, paths):
        self._libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self._libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self.fd >= 0, os.strerror(ctypes.get_errno())
        self._names = {}
        for path in paths:
            wd = self._libc.inotify_add_watch(self.fd, os.fsencode(path), IN_OPEN)
            assert wd >= 0, os.strerror(ctypes.get_errno())
            self._names[wd] = path.name
        self._opened: set[str] = set()

    def opened(self) -> set[str]:
        while True:
            try:
                data = os.read(self.fd, 65536)
            except BlockingIOError:
                return set(self._opened)
            offset = 0
            while offset < len(data):
                wd, mask, _, length = struct.unpack_from("iIII", data, offset)
                if mask & IN_OPEN and wd in self._names:
                    self._opened.add(self._names[wd])
                offset += 16 + length

    def close(self) -> None:
        os.close(self.fd)


class FifoWatch:
    """A FIFO, and a thread that notices a reader opening it and releases that reader at once
    (a writer opens and closes it: the reader sees an empty file), so that a test of the old
    behaviour fails instead of hanging the suite."""

    def __init__(self, path):
        self.path = path
        os.mkfifo(path)
        self.opened = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.wait(0.02):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)  # succeeds only while a reader waits
            except OSError:
                continue
            self.opened = True
            os.close(fd)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(5)


def markup(path) -> str:
    return f'<img src="{path}">'


def shown(text: str) -> str:
    """What a tooltip label shows of `text` (Qt.AutoText: rich text when it looks like it)."""
    if Qt.mightBeRichText(text):
        document = QTextDocument()
        document.setHtml(text)
        return document.toPlainText().replace("\u2029", "\n").replace("\u2028", "\n")
    return text


@pytest.fixture
def probes(tmp_path):
    """A small image for each kind of user data, the markup naming it, and a FIFO."""
    folder = tmp_path / "probes"
    folder.mkdir()
    paths = {}
    for field in FIELDS:
        paths[field] = folder / f"probe_{field}.png"
        image = QImage(8, 8, QImage.Format.Format_RGB32)
        image.fill(0x3366CC)
        assert image.save(str(paths[field]))
    watch = OpenWatch(paths.values())
    fifo = FifoWatch(folder / "fifo")
    yield paths, watch, fifo
    fifo.close()
    watch.close()


@pytest.fixture
def hostile_window(qtbot, tmp_path, probes, monkeypatch):
    paths, watch, fifo = probes
    # the file's name holds markup too (a relative src: it is opened from the working folder)
    monkeypatch.chdir(paths["source"].parent)
    source = tmp_path / f"{markup(paths['source'].name)}news.jsonl"
    sentence = f"{markup(paths['sentence'])} The minister said on Tuesday that the talks would continue."
    group = f"{markup(paths['group'])}g"
    records = [{"text": sentence, "title": f"{markup(paths['title'])}Talks", "group": group, "lang": "en"},
               {"text": "Der Minister sagte am Dienstag, die Gespräche würden fortgesetzt.",
                "title": f"{markup(fifo.path)}T", "group": group, "lang": "de"}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    project = tmp_path / "hostile.sqlite"
    import_files(project, [source])
    label = f"{markup(paths['label'])}claim"
    session = Session.open(project, f"{markup(paths['annotator'])}ann")
    try:
        rows = session.scheme_rows()
        rows[0] = replace(rows[0], name=label, description=f"{markup(paths['guideline'])}guide")
        session.apply_scheme(rows)
        [sentence_id] = session.find(session.groups()[0]["id"], "talks would")
        session.set_label(sentence_id, label, True, note=f"{markup(paths['note'])}seen")
    finally:
        session.close()
    session = Session.open(project, "tester")  # the window's annotator: their label is a chip
    try:
        session.set_label(sentence_id, label, True)
    finally:
        session.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow("tester", settings)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    assert watch.opened() == set()  # (creating the project opened none of them)
    assert window.open_project(project)
    window.view.setFocus()
    yield window, sentence_id, dict(sentence=sentence, label=label, group=group, source=str(source))
    window.close()


def hover(widget, point: QPoint) -> str:
    """Send the tooltip request a resting mouse sends; the text of the tooltip shown (or "")."""
    for tip in QApplication.topLevelWidgets():  # the last tooltip, gone now (hideText waits a moment)
        if tip.objectName() == "qtooltip_label":
            tip.hide()
    QApplication.sendEvent(widget, QHelpEvent(QEvent.Type.ToolTip, point, widget.mapToGlobal(point)))
    QApplication.processEvents()
    return shown(QToolTip.text()) if QToolTip.isVisible() else ""


def test_hovering_user_data_opens_no_file_and_shows_it_as_typed(hostile_window, probes):
    window, sentence_id, typed = hostile_window
    paths, watch, fifo = probes
    view, model = window.view, window.model
    row, column = model.position_of(sentence_id)
    rect = view.visualRect(model.index(row, column))
    seen = {}
    # the sentence's cell, over its text
    seen["cell"] = hover(view.viewport(), rect.topLeft() + QPoint(PADDING + 4, PADDING + 4))
    # its label chip
    sentences = model.sentences(row, column)
    blocks = layout_blocks(view.font(), rect.width(), sentences,
                           [model.suggestions(row, column, s) for s in sentences])
    entries = chip_entries(sentences[0], model.suggestions(row, column, sentences[0]))
    assert entries[0][:2] == ("label", typed["label"])
    seen["chip"] = hover(view.viewport(), blocks[0].chips[0].translated(rect.topLeft()).center())
    # both column headers (the second document's title names the FIFO)
    header = view.horizontalHeader()
    for section in range(model.columnCount()):
        seen[f"header {section}"] = hover(header.viewport(), QPoint(header.sectionViewportPosition(section) + 10,
                                                                    header.height() // 2))
    # the navigator's group and document rows
    navigator = window.navigator
    group = navigator.model().index(0, 0)
    seen["group"] = hover(navigator.viewport(), navigator.visualRect(group).center())
    for k in range(navigator.model().rowCount(group)):
        seen[f"document {k}"] = hover(navigator.viewport(),
                                      navigator.visualRect(navigator.model().index(k, 0, group)).center())
    assert (watch.opened(), fifo.opened) == (set(), False), "hovering opened files named in user data"
    assert seen["cell"] == typed["sentence"]
    assert seen["chip"].startswith(typed["label"] + " ")
    titles = [seen["header 0"].split("\n")[0], seen["header 1"].split("\n")[0]]
    assert titles == [f'{markup(paths["title"])}Talks', f"{markup(fifo.path)}T"]
    assert all(seen[f"header {k}"].endswith(":" + str(k + 1)) and typed["source"] in seen[f"header {k}"]
               for k in range(2))
    documents = [seen[f"document {k}"].split("\n")[:2] for k in range(2)]  # then the counts
    assert sorted(documents) == sorted([[titles[0], typed["source"] + ":1"], [titles[1], typed["source"] + ":2"]])
    assert seen["group"] == ""  # a group row has no tooltip (its name is painted as plain text)


def test_the_detail_panel_shows_user_data_as_typed(hostile_window, probes):
    window, sentence_id, typed = hostile_window
    paths, watch, fifo = probes
    window.view.setFocus()
    window.show_detail(sentence_id)
    window.detail.viewport().repaint()
    QApplication.processEvents()
    text = window.detail.toPlainText()
    for field in ("sentence", "label", "annotator", "note", "guideline"):
        assert markup(paths[field]) in text, field
    assert f"{markup(fifo.path)}T" in text  # the counterpart's title
    assert (watch.opened(), fifo.opened) == (set(), False)


def test_menus_show_names_as_typed(hostile_window):
    """A label named R&D is listed as R&D, not as RD with D for its shortcut."""
    from PySide6.QtGui import QKeySequence

    window, sentence_id, typed = hostile_window
    rows = window.session.scheme_rows()
    window.labeling.apply_scheme([replace(rows[0], name="R&D")] + rows[1:])
    window.labeling.label_menu(sentence_id, window.view.viewport().mapToGlobal(QPoint(10, 10)))
    [entry] = [action for action in window.labeling.label_popup.actions() if "R&" in action.text()]
    window.labeling.label_popup.close()
    assert QKeySequence.mnemonic(entry.text()).isEmpty()
    assert entry.text().replace("&&", "&").endswith("R&D")
