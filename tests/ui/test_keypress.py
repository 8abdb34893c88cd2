"""What a label keypress does on screen, and nothing more: the cells it changed are painted
again and the rest copied; chips are copied from their first drawing with the same pixels; the
label bar is left alone once its first-run hint has gone."""

from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402

from annotator.core.session.views import SentenceView  # noqa: E402
from annotator.ui.aligned import AlignedView, SentenceDelegate  # noqa: E402
from tests.ui.conftest import labels_in_file  # noqa: E402
from tests.ui.test_cell_direction_colors import ENGLISH, LABELS, OneRowModel, _dark, _paint  # noqa: E402


def _unlabeled_cursor(window):
    """The cursor on a content sentence nobody labeled, in a row with other sentences that do
    not carry claim either (so that a claim there is suggested to them)."""
    model = window.model
    for row in range(model.rowCount()):
        cells = [model.sentences(row, column) for column in range(model.columnCount())]
        if sum(bool(cell) for cell in cells) < 3 or any(s.labels or s.judged for cell in cells for s in cell):
            continue
        column = next(c for c, cell in enumerate(cells) if cell and not cell[0].boilerplate)
        window.go_to_sentence(cells[column][0].id)
        return cells[column][0].id
    raise AssertionError("no unlabeled row")


class _Paints(QObject):
    """Counts the paint events each watched widget gets."""

    def __init__(self, *widgets):
        super().__init__()
        self.counts = {widget: 0 for widget in widgets}
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and watched in self.counts:
            self.counts[watched] += 1
        return False


def test_a_label_keypress_paints_again_only_the_cells_it_changed(qtbot, window, aligned_project):
    view, model = window.view, window.model
    sentence_id = _unlabeled_cursor(window)
    row, column, _ = view.cursor
    view.viewport().repaint()
    painted, chips = [], []  # cells painted whole; cells whose chips alone were painted again
    delegate = view.itemDelegate()
    drawn, drawn_chips = delegate.paint, delegate.paint_chips
    delegate.paint = lambda painter, option, index: (painted.append((index.row(), index.column())),
                                                     drawn(painter, option, index))
    delegate.paint_chips = lambda painter, option, index, *rest: (chips.append((index.row(), index.column())),
                                                                  drawn_chips(painter, option, index, *rest))
    view.viewport().repaint()
    assert painted == [] and chips == []  # nothing changed: every row copied
    qtbot.keyClick(view, "1")
    view.viewport().repaint()
    assert labels_in_file(aligned_project, sentence_id) == [("claim", "tester")]
    # the labeled cell, and each cell of its row that now suggests claim (a ghost chip): only
    # their chips, the chip line kept for a first label taking them
    suggesting = [c for c in range(model.columnCount()) if c != column and model.sentences(row, c)]
    assert painted == []
    assert sorted(chips) == sorted([(row, column)] + [(row, c) for c in suggesting])
    assert all(model.suggestions(row, c, s) == ["claim"] for c in suggesting for s in model.sentences(row, c))
    chips.clear()
    qtbot.keyClick(view, Qt.Key.Key_L)  # the cursor moves to the next document: the two cells, nothing else
    view.viewport().repaint()
    assert view.cursor[0] == row and view.cursor[1] != column
    assert sorted(painted) == sorted([(row, column), (row, view.cursor[1])]) and chips == []


@pytest.mark.parametrize("dark", [False, True])
def test_chips_copied_from_their_first_drawing_have_the_same_pixels(qtbot, dark):
    """Each kind of chip (yours, "no label", an aligned sentence's, the model's), on a plain
    cell and on the cursor's cell, in a light and a dark palette."""

    class Suggesting(OneRowModel):
        def suggestions(self, row, column, sentence):
            return ["pale"] if column == 0 else []

    sentences = [SentenceView(1, 1, ENGLISH, "en", False, ("claim",), judged=True),
                 SentenceView(2, 2, ENGLISH, "en", False, (), judged=True),
                 SentenceView(3, 3, ENGLISH, "en", False, (), suggested=(("claim", 0.71), ("pale", 0.55)))]
    view = AlignedView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.setModel(Suggesting(sentences))
    view.setItemDelegate(SentenceDelegate(view, LABELS))
    if dark:
        _dark(view)
    view.resizeRowToContents(0)
    delegate = view.itemDelegate()
    for cursor in (0, 2):
        view.set_cursor(0, cursor)
        for column in range(3):
            copied = _paint(view, column)
            assert copied.height() > 40  # the chips are in the picture
            delegate._draw_chip = delegate._draw_chip_on  # drawn on the spot, as before the copies
            drawn = _paint(view, column)
            del delegate._draw_chip
            assert copied == drawn, (cursor, column)
            again = _paint(view, column)  # (and the copy is what a second paint shows)
            assert again == drawn


def test_after_the_first_label_the_hint_stays_hidden_and_the_label_bar_is_left_alone(qtbot, window):
    view, bar = window.view, window.label_bar
    _unlabeled_cursor(window)
    assert bar.hint.isVisible()
    qtbot.keyClick(view, "1")
    assert not bar.hint.isVisible()
    qtbot.wait(50)  # the toolbar laid itself out again: the hint stays hidden (it came back before)
    assert not bar.hint.isVisible()
    paints = _Paints(bar)
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, "1")
    qtbot.wait(50)
    assert paints.counts[bar] == 0 and not bar.hint.isVisible()


def test_a_label_that_needs_another_chip_line_still_makes_its_row_taller(qtbot, window, aligned_project):
    """A row keeps its height without Qt's fitting only when its cells need just that height:
    chips that wrap onto a new line make it taller (and move the rows below)."""
    view = window.view
    sentence_id = _unlabeled_cursor(window)
    row = view.cursor[0]
    heights = [view.rowHeight(row)]
    below = view.rowViewportPosition(row + 1)
    for key in "123":
        qtbot.keyClick(view, key)
        heights.append(view.rowHeight(row))
        view.resizeRowToContents(row)  # what Qt's fitting gives: the height the row already has
        assert view.rowHeight(row) == heights[-1]
    assert labels_in_file(aligned_project, sentence_id) == [
        ("attribution", "tester"), ("claim", "tester"), ("correction", "tester")]
    assert heights[1] == heights[0] and heights[-1] > heights[0]  # the first label in the kept line; then a new line
    assert view.rowViewportPosition(row + 1) == below + heights[-1] - heights[0]


def test_the_viewport_paints_its_ground_where_no_row_is(qtbot):
    """Qt no longer fills the viewport before each paint (it is opaque): below the last row,
    and with no table at all, the paint itself puts the palette's ground."""
    view = AlignedView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.setModel(OneRowModel([SentenceView(1, 1, ENGLISH, "en", False, ())]))
    view.setItemDelegate(SentenceDelegate(view, LABELS))
    view.show()
    qtbot.waitExposed(view)
    ground = view.viewport().palette().color(view.viewport().backgroundRole())
    for _ in range(2):  # with the row, then with no model at all
        image = view.viewport().grab().toImage()
        below = view.rowViewportPosition(0) + view.rowHeight(0) if view.model() else 0
        assert below < image.height() - 20
        assert {image.pixelColor(x, y).name() for x in range(0, image.width(), 7)
                for y in range(below + 1, image.height(), 5)} == {ground.name()}
        view.setModel(None)
