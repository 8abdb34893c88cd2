"""The table's drawing: a label keypress repaints without reading what the write already knows
and without laying out again what did not change, a first label leaves the rows below where
they were, the detail panel reads only when it is in sight, long words wrap, link states have
shapes, a palette change shows at once, and zoom."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtGui import QColor, QPalette  # noqa: E402
from PySide6.QtWidgets import QApplication, QDockWidget  # noqa: E402

from annotator.core.contrast import luminance  # noqa: E402
from tests.benchmarks.bench_queries import transactions  # noqa: E402
from tests.ui.conftest import labels_in_file, paint_cell  # noqa: E402
from tests.ui.test_cell_direction_colors import _paint, _view  # noqa: E402

CTRL = Qt.KeyboardModifier.ControlModifier


def _unlabeled_content_cursor(window):
    """The cursor on a content sentence nobody labeled, with rows under it on screen."""
    view, model = window.view, window.model
    for row in range(model.rowCount() - 3):
        for column in range(model.columnCount()):
            for k, sentence in enumerate(model.sentences(row, column)):
                if not sentence.boilerplate and not sentence.labels and not sentence.judged:
                    window.go_to_sentence(sentence.id)
                    return sentence.id
    raise AssertionError("no unlabeled sentence")


def _statements(window):
    """The SQL the window's session runs from now on (a list that grows)."""
    seen = []
    window.session._store.db.conn.set_trace_callback(seen.append)
    return seen


def test_a_first_label_leaves_the_rows_below_where_they_were(qtbot, window, aligned_project):
    view, model = window.view, window.model
    sentence_id = _unlabeled_content_cursor(window)
    row = view.cursor[0]
    qtbot.wait(50)
    below = [view.rowViewportPosition(r) for r in range(row, row + 3)]
    height = view.rowHeight(row)
    qtbot.keyClick(view, "1")
    view.viewport().repaint()
    assert labels_in_file(aligned_project, sentence_id) == [("claim", "tester")]
    assert model.sentences(*view.cursor[:2])[view.cursor[2]].labels == ("claim",)
    assert view.rowHeight(row) == height
    assert [view.rowViewportPosition(r) for r in range(row, row + 3)] == below


def test_a_label_keypress_repaints_from_what_the_write_returned(qtbot, window, aligned_project):
    """One write transaction, and no read to repaint the row; the detail panel then reads the
    sentence's annotations (and shows the label)."""
    view = window.view
    sentence_id = _unlabeled_content_cursor(window)
    qtbot.wait(100)
    for key, expected in (("1", [("claim", "tester")]), ("2", [("attribution", "tester"), ("claim", "tester")]),
                          ("1", [("attribution", "tester")]), ("2", [])):
        statements = _statements(window)
        qtbot.keyClick(view, key)
        view.viewport().repaint()
        assert transactions(statements) == (1, 0), statements
        assert labels_in_file(aligned_project, sentence_id) == expected
        shown = window.session.sentence(sentence_id)
        assert sorted(shown.labels) == sorted(name for name, _ in expected)
        assert shown.judged == bool(expected)
        qtbot.waitUntil(lambda: not window.detail_timer.isActive(), timeout=2000)
        assert transactions(statements)[1] <= 4  # the panel: annotations, votes, gold, history
    assert "claim" not in window.detail.toPlainText().split("Annotations")[-1].split("Labels")[0]


def test_a_hidden_detail_panel_reads_nothing_until_it_is_shown(qtbot, window, aligned_project):
    view = window.view
    sentence_id = _unlabeled_content_cursor(window)
    dock = next(d for d in window.findChildren(QDockWidget) if d.widget() is window.detail)
    dock.hide()
    statements = _statements(window)
    qtbot.keyClick(view, "1")
    qtbot.wait(150)  # past the detail panel's delay
    assert transactions(statements) == (1, 0)
    assert labels_in_file(aligned_project, sentence_id) == [("claim", "tester")]
    dock.show()
    qtbot.waitUntil(lambda: "tester" in window.detail.toPlainText(), timeout=2000)
    assert f"Sentence {sentence_id}" in window.detail.toPlainText()


def test_a_repaint_after_a_label_lays_out_no_sentence_again(qtbot, window):
    from annotator.ui.aligned import cell_layout

    view = window.view
    _unlabeled_content_cursor(window)
    view.viewport().repaint()
    texts_before = dict(cell_layout._texts)
    qtbot.keyClick(view, "1")
    view.viewport().repaint()
    assert cell_layout._texts.keys() == texts_before.keys()  # the chip changed, no text was laid out anew
    assert all(cell_layout._texts[key] is layout for key, layout in texts_before.items())


@pytest.mark.parametrize("found", ["", "minister"])
def test_a_word_longer_than_the_column_wraps_instead_of_being_cut(qtbot, found):
    """Also with a Find match in it (its own text layout, which cut the word)."""
    view = _view(qtbot, ["Verteidigungsminister"])
    view.highlight = found
    view.horizontalHeader().setSectionResizeMode(view.horizontalHeader().ResizeMode.Fixed)
    view.setColumnWidth(0, 100)
    view.resizeRowToContents(0)
    image = _paint(view, 0)
    ground = view.palette().color(QPalette.ColorRole.Base)
    line = view.fontMetrics().height()

    def ink(top, bottom):
        return sum(1 for y in range(top, bottom) for x in range(image.width() - 2)
                   if abs(image.pixelColor(x, y).lightness() - ground.lightness()) > 100)

    assert ink(6, 6 + line) > 0
    assert ink(6 + line, 6 + 2 * line) > 0  # the rest of the word, on a second line


def test_link_states_are_shapes_as_well_as_colours(qtbot, window):
    """By hand: a solid edge; a machine link below 0.6: a dashed one; a confirmed row: two lines."""
    from annotator.ui.aligned.delegate import EDGE_WIDTH

    view, model = window.view, window.model
    lonely = [model.sentences(r, c)[0].id for r in range(model.rowCount()) for c in range(model.columnCount())
              if len(model.sentences(r, c)) == 1
              and sum(1 for k in range(model.columnCount()) if model.sentences(r, k)) == 1]
    documents = {}
    for sentence_id in lonely:
        documents.setdefault(window.session.sentence(sentence_id).document_id, []).append(sentence_id)
    (a, b, c, *_), (d, e, f, *_) = list(documents.values())[:2]
    store = window.session._store
    store.links.add([a], [d], score=0.3, origin="machine")
    store.links.add([b], [e], score=None, origin="manual")
    store.links.add([c], [f], score=0.3, origin="machine")
    window.reload_group()
    window.go_to_sentence(c)
    qtbot.keyClick(window.view, "c")  # confirm c's row
    window.go_to_sentence(f)  # the cursor's frame away from the cells looked at
    view, model = window.view, window.model

    def edge(sentence_id):
        row, column = model.position_of(sentence_id)
        image = paint_cell(view, row, column)
        down = [image.pixelColor(1, y) != QColor("white") for y in range(4, image.height() - 4)]
        across = [image.pixelColor(x, image.height() // 2) != QColor("white") for x in range(EDGE_WIDTH + 2)]
        return down, across

    down, across = edge(b)  # by hand
    assert all(down) and across[:EDGE_WIDTH] == [True] * EDGE_WIDTH
    down, across = edge(a)  # unsure
    assert any(down) and not all(down)
    down, across = edge(c)  # confirmed
    assert all(down) and across[:EDGE_WIDTH + 2] == [True, True, False, False, True, True]


def test_a_palette_changed_while_the_window_is_open_repaints_in_its_colours(qtbot, window):
    view, model = window.view, window.model
    light = QApplication.palette()
    dark = QPalette(light)
    for role, color in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Text, "#eeeeee"),
                        (QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#eeeeee"),
                        (QPalette.ColorRole.Button, "#2b2b2b"), (QPalette.ColorRole.ButtonText, "#eeeeee"),
                        (QPalette.ColorRole.Highlight, "#3d6ea8")):
        dark.setColor(role, QColor(color))
    row, column = next((r, c) for r in range(1, model.rowCount()) for c in range(model.columnCount())
                       if model.sentences(r, c) and (r, c) != view.cursor[:2])
    rect = view.visualRect(model.index(row, column))
    try:
        QApplication.setPalette(dark)
        qtbot.waitUntil(lambda: luminance(view.viewport().grab().toImage().pixelColor(
            rect.right() - 3, rect.bottom() - 3).name()) < 0.05, timeout=3000)
        image = view.viewport().grab().toImage()
        texts = [image.pixelColor(x, y) for y in range(rect.top() + 6, rect.top() + 20)
                 for x in range(rect.left() + 6, rect.right() - 6)]
        assert max(luminance(c.name()) for c in texts) > 0.6  # light letters on the dark ground
    finally:
        QApplication.setPalette(light)


def test_row_numbers_of_uncertain_and_confirmed_rows_read_in_light_and_dark(qtbot, window):
    from annotator.core.contrast import READABLE, contrast

    model = window.model
    uncertain = model.next_uncertain(-1)
    assert uncertain is not None
    light = QApplication.palette()
    dark = QPalette(light)
    dark.setColor(QPalette.ColorRole.Button, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.ButtonText, QColor("#eeeeee"))
    try:
        for palette in (light, dark):
            QApplication.setPalette(palette)
            ink = model.headerData(uncertain, Qt.Orientation.Vertical, Qt.ItemDataRole.ForegroundRole)
            assert contrast(ink.name(), palette.color(QPalette.ColorRole.Button).name()) >= READABLE
    finally:
        QApplication.setPalette(light)


def test_zoom_keys_resize_the_text_and_are_remembered(qtbot, window, tmp_path):
    from annotator.ui.main_window import MainWindow

    view = window.view
    normal = view.font().pointSizeF()
    row_height = view.rowHeight(0)
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    qtbot.keyClick(view, Qt.Key.Key_Equal, CTRL)
    assert view.font().pointSizeF() == pytest.approx(normal * 1.25)
    qtbot.waitUntil(lambda: view.rowHeight(0) > row_height, timeout=2000)
    qtbot.keyClick(view, Qt.Key.Key_Minus, CTRL)
    assert view.font().pointSizeF() == pytest.approx(normal * 1.1)
    assert window.settings.value("view/zoom") in (110, "110")
    window.settings.sync()
    again = MainWindow("tester", QSettings(window.settings.fileName(), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    assert again.view.font().pointSizeF() == pytest.approx(normal * 1.1)
    qtbot.keyClick(view, Qt.Key.Key_0, CTRL)
    assert view.font().pointSizeF() == pytest.approx(normal)
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    entries = {a.text(): a.shortcut().toString() for a in view_menu.actions()}
    assert entries["Zoom &in"] == "Ctrl+=" and entries["Zoom &out"] == "Ctrl+-" and entries["&Normal size"] == "Ctrl+0"


def test_the_screen_shows_each_change_though_unchanged_cells_are_copied(qtbot, window, aligned_project):
    """The cells kept as painted never leave an old picture: a label's chip appears on screen
    with the key and goes with Ctrl+Z; a Find text is marked at once."""
    from annotator.ui.aligned.colors import FIND_YELLOW

    view, model = window.view, window.model
    sentence_id = _unlabeled_content_cursor(window)
    claim = QColor(window.session.label_named("claim").color)
    row, column, _ = view.cursor
    rect = view.visualRect(model.index(row, column))

    def count(color):
        image = view.viewport().grab().toImage()
        return sum(1 for y in range(max(rect.top(), 0), min(rect.bottom(), image.height()))
                   for x in range(rect.left(), rect.right(), 2) if image.pixelColor(x, y) == color)

    assert count(claim) == 0
    qtbot.keyClick(view, "1")
    assert labels_in_file(aligned_project, sentence_id) == [("claim", "tester")]
    assert count(claim) > 20
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert labels_in_file(aligned_project, sentence_id) == []
    assert count(claim) == 0
    word = max(model.sentences(row, column)[0].text.split(), key=len)
    assert count(QColor(FIND_YELLOW)) == 0
    view.highlight = word
    view.viewport().update()
    assert count(QColor(FIND_YELLOW)) > 20
