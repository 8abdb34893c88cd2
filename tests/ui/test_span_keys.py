"""A source and a cue span made with real keys on the English page: Shift+→ four times selects
"The Russian Defense Ministry", 1 makes it a source; Shift+→ selects "said", 2 makes it a cue;
the spans are drawn in the cell (a bar of each label's colour); Ctrl+Z and Ctrl+Shift+Z undo and
redo them; the key again removes a span; v, Shift+← and Esc; a click and a Shift+click select
words with the mouse. The SQLite file is read after each step."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from annotator.core.dataset.export import export  # noqa: E402
from annotator.core.dataset.merge import merge_projects  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.aligned.cell_layout import PADDING  # noqa: E402
from tests.ui.conftest import paint_cell  # noqa: E402

SAID = "The Russian Defense Ministry said it has obtained evidence"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _sentence(project) -> int:
    with sqlite3.connect(project) as conn:
        return conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [SAID]).fetchone()[0]


def _spans(project) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT s.sentence_id, s.start, s.end, s.label, a.name FROM spans s"
                            " JOIN annotators a ON a.id = s.annotator_id ORDER BY s.start, s.label").fetchall()


def _has_color(window, sentence_id, color: str) -> bool:
    row, column = window.model.position_of(sentence_id)
    image = paint_cell(window.view, row, column)
    wanted = QColor(color).rgb()
    return any(image.pixel(x, y) == wanted for x in range(0, image.width(), 2) for y in range(min(image.height(), 120)))


def _shift_right(qtbot, view, times: int) -> None:
    for _ in range(times):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)


def _exported_and_merged_exactly(project, tmp_path, sentence, made) -> None:
    """The JSONL export carries the spans made with the keys, and a merge of this annotator's
    file with another's (bob: the same source, another cue) carries both exactly."""
    out = tmp_path / "spans.jsonl"
    export(project, "jsonl", out)
    line = next(row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                if row["sentence_id"] == sentence)
    assert [(s["start"], s["end"], s["label"], s["by"], s["text"]) for s in line["spans"]] == [
        (0, 28, "source", "tester", "The Russian Defense Ministry"), (29, 33, "cue", "tester", "said")]
    bob = tmp_path / "bob.sqlite"
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as source, sqlite3.connect(bob) as copy:
        source.backup(copy)  # (the window holds the project open)
    with Store.open(bob) as store:
        store.db.execute("DELETE FROM spans")
        store.spans.add(sentence, 0, 28, "source", "bob")
        store.spans.add(sentence, 29, 36, "cue", "bob")
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [project, bob])
    assert _spans(merged) == sorted([*made, (sentence, 0, 28, "source", "bob"), (sentence, 29, 36, "cue", "bob")],
                                    key=lambda r: (r[1], r[3]))


def test_source_and_cue_by_keys_drawn_undone_redone_and_removed(qtbot, window, aligned_project, tmp_path):
    view = window.view
    sentence = _sentence(aligned_project)
    assert window.go_to_sentence(sentence)
    _shift_right(qtbot, view, 4)
    assert "“The Russian Defense Ministry”" in window.statusBar().currentMessage()
    assert "1 source, 2 cue, 3 content" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert _spans(aligned_project) == [(sentence, 0, 28, "source", "tester")]
    _shift_right(qtbot, view, 1)  # the word after the source
    qtbot.keyClick(view, Qt.Key.Key_2)
    source, cue = (sentence, 0, 28, "source", "tester"), (sentence, 29, 33, "cue", "tester")
    assert _spans(aligned_project) == [source, cue]
    assert window.session.sentence(sentence).labels == ()  # the digits went to the words, not the sentence
    assert _has_color(window, sentence, "#9467bd") and _has_color(window, sentence, "#ff7f0e")

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _spans(aligned_project) == [source]
    assert not _has_color(window, sentence, "#ff7f0e")
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _spans(aligned_project) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _spans(aligned_project) == [source, cue]
    assert _has_color(window, sentence, "#ff7f0e")
    _exported_and_merged_exactly(aligned_project, tmp_path, sentence, [source, cue])
    window.show_detail(sentence)
    panel = window.detail.toPlainText()
    assert "Spans" in panel and "source: “The Russian Defense Ministry”" in panel and "cue: “said”" in panel
    assert "span: cue" in panel and "span removed: cue" in panel  # the history section

    # v starts again at the last word; Shift+← steps back; Esc clears, and a digit is a label again
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # "it"
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # "it has"
    qtbot.keyClick(view, Qt.Key.Key_V)  # "has"
    qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)  # "has obtained"
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)  # "has"
    assert view.words.selected() == (sentence, 37, 40)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.words.selected() is None
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert window.session.sentence(sentence).labels  # the sentence's first label
    assert view.current_sentence_id() == sentence

    # the cue again on the same words removes it; 0 on words removes what they touch
    _shift_right(qtbot, view, 1)
    while view.words.selected()[1] != 29:
        qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_V)
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert _spans(aligned_project) == [source]
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _spans(aligned_project) == [source, cue]


def test_a_click_and_a_shift_click_select_words_with_the_mouse(qtbot, window, aligned_project):
    view = window.view
    sentence = _sentence(aligned_project)
    assert window.go_to_sentence(sentence)
    row, column = window.model.position_of(sentence)
    _, _, k = view.cursor
    top = view.sentence_rect(row, column, k).top()
    left = view.visualRect(window.model.index(row, column)).left() + PADDING
    metrics = view.fontMetrics()
    y = top + metrics.height() // 2
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(left + 2, y))  # "The"
    assert view.words.selected() == (sentence, 0, 3)
    x = left + metrics.horizontalAdvance("The Russian Def")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, SHIFT, QPoint(x, y))  # up to "Defense"
    assert view.words.selected() == (sentence, 0, 19)
    qtbot.keyClick(view, Qt.Key.Key_3)
    assert _spans(aligned_project) == [(sentence, 0, 19, "content", "tester")]
