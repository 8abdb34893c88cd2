"""A relation between two spans of two documents made with real keys: on the German correction,
"die korrigierten Fotos" is selected (Shift+→, v), made content (3), named again by Shift+←
and marked (m); on the English claim "photo shoots" is made content the same way, Shift+← names
it, r then 2: the German span `corrects` the English span. The detail panel lists it with both
spans' words; Ctrl+Z and Ctrl+Shift+Z undo and redo it; the SQLite file is read after each
step; the JSONL export of the open file and a merge with a second annotator's file carry it."""

from __future__ import annotations

import json
import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor  # noqa: E402

from annotator.core.dataset.export import export  # noqa: E402
from annotator.core.dataset.merge import merge_projects  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from annotator.ui.aligned.cell_layout import RELATION_COLOR  # noqa: E402
from tests.ui.conftest import paint_cell  # noqa: E402

CORRECTION = "Indes sind die korrigierten Fotos veröffentlicht worden"  # German page
CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _sentence(project, text: str) -> tuple[int, str]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT id, text FROM sentences WHERE instr(text, ?) > 0", [text]).fetchone()


def _relations(project) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute(
            "SELECT r.head_id, hs.start, hs.end, hs.label, r.type, r.tail_id, ts.start, ts.end, ts.label, a.name"
            " FROM relations r JOIN annotators a ON a.id = r.annotator_id LEFT JOIN spans hs ON hs.id ="
            " r.head_span_id LEFT JOIN spans ts ON ts.id = r.tail_span_id ORDER BY r.id").fetchall()


def _span_marked(window, sentence_id) -> bool:
    """A dot of the relation colour inside the cell's text, away from the sentence's dot at the
    top right corner: the start of a span that ends a relation."""
    row, column = window.model.position_of(sentence_id)
    image = paint_cell(window.view, row, column)
    dot = QColor(RELATION_COLOR).rgb()
    return any(image.pixel(x, y) == dot for x in range(0, image.width() - 14) for y in range(image.height()))


def _select_words(qtbot, view, first: int, count: int) -> None:
    """Shift+→ up to word `first` (0-based), v to start there, Shift+→ for the rest."""
    for _ in range(first + 1):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_V)
    for _ in range(count - 1):
        qtbot.keyClick(view, Qt.Key.Key_Right, SHIFT)


def test_a_span_corrects_a_span_in_another_document_by_keys_undo_redo_export_merge(
        qtbot, window, aligned_project, tmp_path):
    view = window.view
    head, head_text = _sentence(aligned_project, CORRECTION)
    tail, tail_text = _sentence(aligned_project, CLAIM)
    fotos = (head_text.index("die korrigierten Fotos"), head_text.index("die korrigierten Fotos") + 22, "content")
    shoots = (tail_text.index("photo shoots"), tail_text.index("photo shoots") + 12, "content")

    assert window.go_to_sentence(head)
    _select_words(qtbot, view, 2, 3)
    assert view.words.selected() == (head, fotos[0], fotos[1])
    qtbot.keyClick(view, Qt.Key.Key_3)  # content
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)  # its last word: names the span
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert view.marked == head
    assert "Marked the content “die korrigierten Fotos”" in window.statusBar().currentMessage()

    assert window.go_to_sentence(tail)
    before_words = tail_text[:shoots[0]].split()
    _select_words(qtbot, view, len(before_words), 2)
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.keyClick(view, Qt.Key.Key_Left, SHIFT)
    qtbot.keyClick(view, Qt.Key.Key_R)
    qtbot.keyClick(view, Qt.Key.Key_2)  # corrects
    made = [(head, *fotos, "corrects", tail, *shoots, "tester")]
    assert _relations(aligned_project) == made
    assert "the marked span corrects this span" in window.statusBar().currentMessage()
    assert view.marked is None and view.words.selected() is None
    assert window.session.sentence(head).labels == () and window.session.sentence(tail).labels == ()
    assert window.session.sentence(tail).related_spans == {shoots}
    assert _span_marked(window, head) and _span_marked(window, tail)

    window.show_detail(tail)
    panel = window.detail.toPlainText()
    assert "content “photo shoots” ← corrects:" in panel and "content “die korrigierten Fotos”" in panel
    window.show_detail(head)
    assert "content “die korrigierten Fotos” corrects →" in window.detail.toPlainText()

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # the relation; the spans stay
    assert _relations(aligned_project) == []
    assert window.session.sentence(tail).spans == (shoots,)
    assert not _span_marked(window, tail)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _relations(aligned_project) == made
    with sqlite3.connect(f"file:{aligned_project}?mode=ro", uri=True) as conn:
        kinds = conn.execute("SELECT kind, origin FROM events WHERE kind IN ('relate', 'unrelate') ORDER BY at").fetchall()
    assert kinds == [("relate", "person"), ("unrelate", "undo"), ("relate", "redo")]

    out = tmp_path / "out.jsonl"
    export(aligned_project, "jsonl", out)
    line = next(row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())
                if row["sentence_id"] == tail)
    [relation] = line["relations"]
    assert relation["type"] == "corrects" and relation["by"] == "tester"
    assert (relation["head"]["sentence_id"], relation["head"]["span"]["text"]) == (head, "die korrigierten Fotos")
    assert relation["tail"]["span"] == {"start": shoots[0], "end": shoots[1], "start_utf16": shoots[0],
                                        "end_utf16": shoots[1], "label": "content", "text": "photo shoots"}

    bob = tmp_path / "bob.sqlite"  # a second annotator's file: the same spans, the span to the sentence
    with sqlite3.connect(f"file:{aligned_project}?mode=ro", uri=True) as source, sqlite3.connect(bob) as copy:
        source.backup(copy)  # (the window holds the project open)
    with Store.open(bob) as store:
        store.db.execute("DELETE FROM relations")
        store.db.execute("DELETE FROM spans")
        store.spans.add(head, *fotos, "bob")
        store.relations.add(head, tail, "corrects", "bob", fotos, None)
    merged = tmp_path / "merged.sqlite"
    merge_projects(merged, [aligned_project, bob])
    assert _relations(merged) == made + [(head, *fotos, "corrects", tail, None, None, None, "bob")]
