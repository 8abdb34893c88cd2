"""Label groups answered with real keys (a group's letter, then a digit; a free-text group's
box), the flag for discussion (f) and Review's filter of flagged rows; undo and redo; the
SQLite file is read after each step."""

from __future__ import annotations

import sqlite3

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402

from annotator.core.store import Store  # noqa: E402
from tests.ui.conftest import labels_in_file  # noqa: E402

CLAIM = "The ministry showed photo shoots made by Russian unmanned aircraft"  # English page
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def aligned_project(aligned_project):
    with Store.open(aligned_project) as store:
        store.label_groups.add("verdict", "exclusive", options=["true", "false", "unclear"], key="e")
        store.label_groups.add("worth", "ordinal", scale=5, key="o")
        store.label_groups.add("notice", "yesno", level="document", key="y")
        store.label_groups.add("why", "text", key="t")
    return aligned_project


def _answers(project) -> set[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return set(conn.execute("SELECT g.name, v.sentence_id, v.document_id, a.name, v.value FROM group_values v"
                                " JOIN label_groups g ON g.id = v.group_id JOIN annotators a ON a.id = v.annotator_id"))


def _flags(project) -> set[tuple]:
    with sqlite3.connect(f"file:{project}?mode=ro", uri=True) as conn:
        return set(conn.execute("SELECT f.sentence_id, a.name FROM discussion_flags f"
                                " JOIN annotators a ON a.id = f.annotator_id"))


def test_group_letters_and_digits_answer_undo_redo_and_show_in_the_panel(qtbot, window, aligned_project):
    view = window.view
    with sqlite3.connect(aligned_project) as conn:
        claim, document = conn.execute("SELECT id, document_id FROM sentences WHERE instr(text, ?) > 0",
                                       [CLAIM]).fetchone()
    assert window.go_to_sentence(claim)
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert "verdict" in window.statusBar().currentMessage() and "2 false" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_2)
    assert _answers(aligned_project) == {("verdict", claim, None, "tester", "false")}
    assert labels_in_file(aligned_project, claim) == []  # the digit answered the group: no label 2
    qtbot.keyClick(view, Qt.Key.Key_E)
    qtbot.keyClick(view, Qt.Key.Key_2)  # the same digit again clears
    assert _answers(aligned_project) == set()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _answers(aligned_project) == {("verdict", claim, None, "tester", "false")}
    qtbot.keyClick(view, Qt.Key.Key_E)
    qtbot.keyClick(view, Qt.Key.Key_1)  # another option replaces it
    qtbot.keyClick(view, Qt.Key.Key_O)
    qtbot.keyClick(view, Qt.Key.Key_4)
    qtbot.keyClick(view, Qt.Key.Key_Y)
    qtbot.keyClick(view, Qt.Key.Key_1)  # about the whole document
    expected = {("verdict", claim, None, "tester", "true"), ("worth", claim, None, "tester", "4"),
                ("notice", None, document, "tester", "yes")}
    assert _answers(aligned_project) == expected
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _answers(aligned_project) == expected - {("notice", None, document, "tester", "yes")}
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _answers(aligned_project) == expected

    qtbot.keyClick(view, Qt.Key.Key_T)  # free text: a box
    dialog = window.label_groups.text_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.findChild(type(window.find_box)), "staged photos")
    qtbot.keyClick(dialog.findChild(type(window.find_box)), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert ("why", claim, None, "tester", "staged photos") in _answers(aligned_project)

    window.show_detail(claim)
    panel = window.detail.toPlainText()
    assert "Label groups" in panel and "tester: true" in panel and "tester: staged photos" in panel
    assert "tester: yes" in panel and "the document" in panel

    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_D)  # no group opens with d: the next digit is a label key again
    assert "No label group opens with d" in window.statusBar().currentMessage()
    qtbot.keyClick(view, Qt.Key.Key_1)
    assert labels_in_file(aligned_project, claim) == [("claim", "tester")]


def test_f_flags_for_discussion_undo_redo_and_review_filters_the_flagged_rows(qtbot, window, aligned_project):
    view = window.view
    with sqlite3.connect(aligned_project) as conn:
        claim = conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [CLAIM]).fetchone()[0]
    assert window.go_to_sentence(claim)
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert _flags(aligned_project) == {(claim, "tester")}
    assert labels_in_file(aligned_project, claim) == []  # a flag is no judgement
    window.show_detail(claim)
    assert "Flagged for discussion by tester" in window.detail.toPlainText()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert _flags(aligned_project) == set()
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL | SHIFT)
    assert _flags(aligned_project) == {(claim, "tester")}
    rows_before = window.model.rowCount()
    window.filter_box.setCurrentIndex(window.filter_box.findData("discussion"))
    window.reload_group()
    window.model.load_all()
    assert window.model.rowCount() == 1 and rows_before > 1
    assert window.model.position_of(claim) is not None
    window.filter_box.setCurrentIndex(window.filter_box.findData("all"))
    window.reload_group()
    assert window.go_to_sentence(claim)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F)  # f again: the flag is off
    assert _flags(aligned_project) == set()


def test_review_agreement_shows_the_measure_that_fits_each_group(qtbot, window, aligned_project):
    from PySide6.QtWidgets import QPlainTextEdit

    view = window.view
    with sqlite3.connect(aligned_project) as conn:
        claim = conn.execute("SELECT id FROM sentences WHERE instr(text, ?) > 0", [CLAIM]).fetchone()[0]
    window.session._store.label_groups.set_value("verdict", claim, "bob", "false")
    window.session._store.label_groups.set_value("worth", claim, "bob", "4")
    assert window.go_to_sentence(claim)
    for key in (Qt.Key.Key_E, Qt.Key.Key_2, Qt.Key.Key_O, Qt.Key.Key_3):
        qtbot.keyClick(view, key)
    window.review.show_agreement()
    report = window.review.agreement_dialog.findChild(QPlainTextEdit).toPlainText()
    assert "group verdict (exclusive): nominal alpha n/a, over 1 unit" in report
    assert "bob / tester: raw agreement 1.000" in report
    assert "group worth (ordinal): ordinal alpha 0.000, over 1 unit (nominal alpha 0.000)" in report and "raw agreement 0.000" in report
    assert "group labels (multi): MASI alpha" in report
    window.review.agreement_dialog.close()
