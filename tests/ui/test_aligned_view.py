"""The side-by-side model and view: Qt's model tester, every script rendered, keys and mouse, chips, suggestions."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextDocument  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402

from tests.ui.conftest import labels_in_file, paint_cell  # noqa: E402


def test_models_pass_qt_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.navigator.model())
    window.model.load_all()
    qtmodeltester.check(window.model)


def test_opens_on_the_pivot_with_every_language_rendered(window):
    model = window.model
    # the headline, not the file name, with the language first so that eliding keeps it
    assert model.headerData(0, Qt.Orientation.Horizontal) == "en ★ · Russia: US Directly Supports ISIL Terrorists in Syria"
    tip = QTextDocument()  # the tooltip is escaped rich text (tests/ui/test_hostile_text.py): as shown
    tip.setHtml(model.headerData(0, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
    assert tip.toPlainText().startswith("Russia: US Directly") and tip.toPlainText().endswith("001_99fd3b709fa0c029.txt")
    text = "\n".join(model.data(model.index(r, c)) or "" for r in range(model.rowCount())
                     for c in range(model.columnCount()))
    for sample in ("Übergangs", "schädigen", "États-Unis", "l’armée syrienne", "However, the photos were fake."):
        assert sample in text
    assert window.view.current_sentence_id() is not None
    # the seeds' one Greek line heads its page (boilerplate): drawn once boilerplate is shown
    window.boilerplate_action.trigger()  # View > Show boilerplate
    model = window.model
    model.load_all()
    assert "Για να μη ξεχνιόμαστε" in "\n".join(model.data(model.index(r, c)) or "" for r in range(model.rowCount())
                                                for c in range(model.columnCount()))


def test_left_right_move_between_documents_and_mouse_selects(qtbot, window):
    view, model = window.view, window.model
    row = next(r for r in range(model.rowCount()) if model.sentences(r, 0)
               and sum(1 for c in range(model.columnCount()) if model.sentences(r, c)) >= 3)
    pivot_sentence = model.sentences(row, 0)[0].id
    view.set_cursor(row, 0, 0)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.cursor[0] == row and view.cursor[1] > 0
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.current_sentence_id() == pivot_sentence
    other = next(c for c in range(1, model.columnCount()) if model.sentences(row, c))
    rect = view.visualRect(model.index(row, other))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.cursor[:2] == (row, other)
    assert window.detail.toPlainText().startswith(f"Sentence {view.current_sentence_id()}")


def test_click_a_chip_to_remove_and_context_menu_to_add(qtbot, window, aligned_project):
    view, model = window.view, window.model
    sentence = view.current_sentence_id()
    qtbot.keyClick(view, "2")
    window.go_to_sentence(sentence)  # at the top of the view, its row fitted
    row, column = model.position_of(sentence)
    from annotator.ui.aligned.cell_layout import layout_blocks

    rect = view.visualRect(model.index(row, column))
    sentences = model.sentences(row, column)
    k = [s.id for s in sentences].index(sentence)
    block = layout_blocks(view.font(), rect.width(), sentences,
                          [model.suggestions(row, column, s) for s in sentences])[k]
    chip = block.chips[0].translated(rect.topLeft())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=chip.center())
    assert labels_in_file(aligned_project, sentence) == []
    window.labeling.label_menu(sentence, view.mapToGlobal(rect.center()))
    claim = next(a for a in window.labeling.label_popup.actions() if a.text().endswith("claim"))
    claim.trigger()
    assert labels_in_file(aligned_project, sentence) == [("claim", "tester")]
    window.labeling.label_popup.close()


def test_labels_are_suggested_on_aligned_sentences_and_accepted_with_a(qtbot, window, aligned_project):
    view, model = window.view, window.model
    row = next(r for r in range(model.rowCount()) if model.sentences(r, 0)
               and any(model.sentences(r, c) for c in range(1, model.columnCount())))
    other = next(c for c in range(1, model.columnCount()) if model.sentences(row, c))
    view.set_cursor(row, 0, 0)
    qtbot.keyClick(view, "1")
    counterpart = model.sentences(row, other)[0]
    assert model.suggestions(row, other, counterpart) == ["claim"]
    assert labels_in_file(aligned_project, counterpart.id) == []  # a suggestion is not an annotation
    view.set_cursor(row, other, 0)
    qtbot.keyClick(view, Qt.Key.Key_A)
    assert labels_in_file(aligned_project, counterpart.id) == [("claim", "tester")]
    assert model.suggestions(row, other, model.sentences(row, other)[0]) == []
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert labels_in_file(aligned_project, counterpart.id) == []


def test_no_label_applies_shows_as_a_quiet_mark(qtbot, window, aligned_project):
    """Key 0: the sentence shows a grey "no label" mark (it was judged), gone again on undo; the
    mark fills the room every content sentence keeps for its chips (no row below moves)."""
    from annotator.ui.aligned.cell_layout import chip_entries, layout_blocks

    view, model = window.view, window.model
    sentence_id = view.current_sentence_id()
    row, column, _ = view.cursor
    (before,) = [s for s in model.sentences(row, column) if s.id == sentence_id]
    plain = layout_blocks(view.font(), 300, [before])[0]
    assert not plain.chips
    qtbot.keyClick(view, "0")
    (shown,) = [s for s in model.sentences(row, column) if s.id == sentence_id]
    assert shown.judged and not shown.labels
    assert chip_entries(shown, []) == [("none", "no label", "no label")]
    marked = layout_blocks(view.font(), 300, [shown])[0]
    assert len(marked.chips) == 1 and marked.height == plain.height  # the kept room, filled
    qtbot.waitUntil(lambda: "no label applies" in window.detail.toPlainText(), timeout=2000)  # a moment after the key
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.sentence(sentence_id).judged


def test_link_edges_are_blue_by_hand_and_orange_when_unsure(qtbot, window, aligned_project):
    """The README's promise, checked on painted pixels: a blue edge on a cell linked by hand, an
    orange one on a machine link below 0.6, none on a confident machine link."""
    view, model = window.view, window.model

    def edge_color(row, column):
        image = paint_cell(view, row, column)
        return image.pixelColor(0, image.height() // 2).name()  # the edge is 4 px wide; the cursor frame starts at 1

    lonely = [model.sentences(r, c)[0].id for r in range(model.rowCount()) for c in range(model.columnCount())
              if len(model.sentences(r, c)) == 1 and sum(1 for k in range(model.columnCount()) if model.sentences(r, k)) == 1]
    documents = {}
    for sentence_id in lonely:  # two unlinked sentences of two documents, joined by an unsure machine link
        documents.setdefault(window.session.sentence(sentence_id).document_id, sentence_id)
    first, second = list(documents.values())[:2]
    window.session._store.links.add([first], [second], score=0.3, origin="machine")
    window.reload_group()
    model = window.model
    cells = [(r, c, model.cell(r, c)) for r in range(model.rowCount()) for c in range(model.columnCount())
             if model.cell(r, c).sentence_ids]
    unsure = next((r, c) for r, c, cell in cells if not cell.manual and cell.score is not None and cell.score < 0.6)
    sure = next((r, c) for r, c, cell in cells if not cell.manual and cell.score is not None and cell.score >= 0.6)
    assert edge_color(*unsure) == "#ff8c00"
    assert edge_color(*sure) != "#ff8c00" and edge_color(*sure) != "#1f77b4"
    # a link by hand: mark a sentence, go to one of another document, Ctrl+L
    row, column, _ = view.cursor
    other = next((r, c) for r, c, cell in cells if c != column and not cell.manual)
    qtbot.keyClick(view, Qt.Key.Key_M)
    view.set_cursor(other[0], other[1], 0)
    qtbot.keyClick(view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    model = window.model
    manual = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                  if model.cell(r, c).manual)
    assert edge_color(*manual) == "#1f77b4"


def test_a_note_shows_as_a_folded_corner(qtbot, window, monkeypatch):
    from annotator.ui import dialogs
    from annotator.ui.aligned.cell_layout import NOTE_COLOR

    view = window.view
    qtbot.keyClick(view, Qt.Key.Key_J)  # off the first row, which the cursor frame's corner would not cover anyway
    row, column, _ = view.cursor

    def corner():
        image = paint_cell(view, row, column)
        return image.pixelColor(image.width() - 4, 6).name()

    assert corner() != NOTE_COLOR
    qtbot.keyClick(view, "1")
    monkeypatch.setattr(dialogs, "ask_note", lambda *a, **k: ("seen on TV", True))
    qtbot.keyClick(view, Qt.Key.Key_N)
    assert window.session.sentence(view.current_sentence_id()).noted
    assert corner() == NOTE_COLOR
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the note goes: so does the mark
    assert corner() != NOTE_COLOR


def test_the_note_editor_wraps_long_lines(qtbot):
    from annotator.ui.dialogs import note_dialog

    dialog, editor = note_dialog(None, "<b>A sentence</b>", "word " * 200)
    qtbot.addWidget(dialog)
    dialog.show()
    assert QTest.qWaitForWindowExposed(dialog)
    assert editor.horizontalScrollBar().maximum() == 0  # wrapped: nothing to scroll sideways
    assert editor.document().blockCount() == 1 and editor.document().firstBlock().layout().lineCount() > 5


def test_the_cursor_frame_is_a_frame_not_the_chip_fill_of_the_sentence_above(qtbot, window):
    """The cursor's frame is drawn after the sentences above it in its cell; their chips leave
    a fill on the painter, which must not flood the sentence under the cursor."""
    from PySide6.QtGui import QColor

    from annotator.ui.aligned.cell_layout import layout_blocks

    view, model = window.view, window.model
    row, column = next((r, c) for r in range(model.rowCount()) for c in range(model.columnCount())
                       if len(model.sentences(r, c)) >= 2)
    first = model.sentences(row, column)[0]
    view.set_cursor(row, column, 0)
    qtbot.keyClick(view, "1")  # a solid claim chip under the first sentence
    claim = QColor(next(label.color for label in window.session.labels if label.name == "claim"))
    view.set_cursor(row, column, 1)
    image = paint_cell(view, row, column)
    sentences = model.sentences(row, column)
    assert sentences[0].id == first.id and sentences[0].labels
    block = layout_blocks(view.font(), view.columnWidth(column), sentences,
                          [model.suggestions(row, column, s) for s in sentences])[1]
    flooded = sum(1 for y in range(block.top, block.top + block.text_height) for x in range(8, image.width() - 8, 3)
                  if image.pixelColor(x, y) == claim)
    assert flooded == 0
