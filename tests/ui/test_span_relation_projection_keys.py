"""A relation between spans carried to an aligned sentence, with real keys: on the English
page's "The Russian Defense Ministry said it has obtained evidence …", 2 labels it attribution,
Shift+→ ×4 then 1 marks the source "The Russian Defense Ministry", Shift+← from the end (each
selection made afresh, after moving out of the sentence and back) then 3
the content "it has … Syria", Shift+← names it, m, Shift+→ ×4 and r 1: the content
attributes-to the source. On the aligned English retelling ("The ministry said that the US-led
coalition …") both spans are placed, and the relation between them is offered (the dotted ring,
listed in the detail panel with both spans' words). a accepts the label, the two spans and the
relation; the SQLite file's relation names the new span rows; one Ctrl+Z takes all of it away,
Ctrl+Shift+Z brings it back."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.text.words import words  # noqa: E402
from annotator.ui.aligned.cell_layout import RELATION_COLOR  # noqa: E402
from tests.ui.test_projection_keys import SAID, _shows  # noqa: E402

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
RETELLING = "The ministry said that the US-led coalition assisted"


def _read(project, sql: str, params=()) -> list[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return conn.execute(sql, params).fetchall()


def _sentence(project, text: str) -> tuple[int, str]:
    return _read(project, "SELECT id, text FROM sentences WHERE instr(text, ?) = 1", [text])[0]


def _layers(project, sentence_id) -> tuple[list, list, list]:
    """The sentence's labels, spans (with their row ids) and relations (each span end by its
    span's row id), as the file has them."""
    return (_read(project, "SELECT l.name FROM annotations a JOIN labels l ON l.id = a.label_id"
                           " WHERE a.sentence_id = ? ORDER BY l.name", [sentence_id]),
            _read(project, "SELECT id, start, end, label FROM spans WHERE sentence_id = ? ORDER BY start",
                  [sentence_id]),
            _read(project, "SELECT head_id, head_span_id, type, tail_id, tail_span_id FROM relations"
                           " WHERE head_id = ? OR tail_id = ? ORDER BY id", [sentence_id, sentence_id]))


def _press(qtbot, view, key, times=1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    for _ in range(times):
        qtbot.keyClick(view, key, modifier)


def test_a_span_relation_is_offered_on_the_counterpart_and_a_accepts_it_in_one_undo_step(
        qtbot, window, aligned_project):
    view, session = window.view, window.session
    english, text = _sentence(aligned_project, SAID)
    retelling, retold = _sentence(aligned_project, RETELLING)
    count, first = len(words(text)), [a for a, _ in words(text)].index(text.index("it has"))
    source, content = (0, 28, "source"), (text.index("it has"), words(text)[-1][1], "content")

    assert window.go_to_sentence(english)
    _press(qtbot, view, Qt.Key.Key_2)  # attribution, a label of the sentence
    _press(qtbot, view, Qt.Key.Key_Right, 4, SHIFT)
    _press(qtbot, view, Qt.Key.Key_1)  # source
    assert window.go_to_sentence(retelling) and window.go_to_sentence(english)  # out and in: a fresh selection
    _press(qtbot, view, Qt.Key.Key_Left, count - first, SHIFT)
    assert view.words.selected() == (english, *content[:2])
    _press(qtbot, view, Qt.Key.Key_3)  # content
    _press(qtbot, view, Qt.Key.Key_Left, 1, SHIFT)  # its last word again: names the span
    _press(qtbot, view, Qt.Key.Key_M)
    assert window.go_to_sentence(retelling) and window.go_to_sentence(english)  # out and in: a fresh selection
    _press(qtbot, view, Qt.Key.Key_Right, 4, SHIFT)
    _press(qtbot, view, Qt.Key.Key_R)
    _press(qtbot, view, Qt.Key.Key_1)  # attributes-to
    labels, spans, relations = _layers(aligned_project, english)
    assert labels == [("attribution",)] and [s[1:] for s in spans] == [source, content]
    by_place = {s[1:]: s[0] for s in spans}
    assert relations == [(english, by_place[content], "attributes-to", english, by_place[source])]

    assert _layers(aligned_project, retelling) == ([], [], [])
    assert window.go_to_sentence(retelling)
    (offered,) = session.sentence(retelling).ghost_relations
    kind, outgoing, other, head_span, tail_span = offered
    assert (kind, outgoing, other) == ("attributes-to", True, retelling)
    assert (retold[head_span[0]:head_span[1]], retold[tail_span[0]:tail_span[1]]) == ("US-led coalition", "The ministry")
    assert set(session.sentence(retelling).ghost_spans) == {head_span, tail_span}
    assert _shows(window, retelling, RELATION_COLOR)  # the dotted ring: it has no relation of its own
    window.show_detail(retelling)
    shown = window.detail.toPlainText()
    assert "content “US-led coalition” attributes-to →" in shown and "source “The ministry”" in shown
    assert _layers(aligned_project, retelling) == ([], [], [])  # ghosts are not stored

    _press(qtbot, view, Qt.Key.Key_A)
    labels, spans, relations = _layers(aligned_project, retelling)
    assert labels == [("attribution",)] and [s[1:] for s in spans] == [tail_span, head_span]
    by_place = {s[1:]: s[0] for s in spans}
    assert relations == [(retelling, by_place[head_span], "attributes-to", retelling, by_place[tail_span])]
    assert session.sentence(retelling).ghost_relations == () and session.sentence(retelling).related
    accepted = _layers(aligned_project, retelling)

    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # one step: the label, both spans and the relation
    assert _layers(aligned_project, retelling) == ([], [], [])
    assert len(_layers(aligned_project, english)[2]) == 1
    assert session.sentence(retelling).ghost_relations == (offered,)
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    labels, spans, relations = _layers(aligned_project, retelling)
    assert (labels, [s[1:] for s in spans]) == (accepted[0], [s[1:] for s in accepted[1]])
    by_place = {s[1:]: s[0] for s in spans}
    assert relations == [(retelling, by_place[head_span], "attributes-to", retelling, by_place[tail_span])]
