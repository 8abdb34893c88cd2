"""A cell whose chips alone changed is painted again under its chips only (chip_repaint.py):
the picture must be the one a whole paint gives, pixel for pixel, for every kind of chip, the
cursor's cell, each link edge, right-to-left cells, two sentences in a cell and a dark palette;
and a change that moves the blocks or touches anything but chips paints the cell whole."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402

from annotator.core.session.views import SentenceView  # noqa: E402
from annotator.ui.aligned import AlignedView, SentenceDelegate  # noqa: E402
from tests.ui.test_cell_direction_colors import ARABIC, ENGLISH, LABELS, _dark  # noqa: E402
from tests.ui.test_keypress import _unlabeled_cursor  # noqa: E402

SCHEME = ["claim", "pale"]


class Row(QAbstractTableModel):
    """One row of cells (a list of sentences each), each cell's link, the row's confirmation;
    a cell suggests the labels the other cells' sentences carry, as the app's model does."""

    def __init__(self, cells, links, confirmed=False):
        super().__init__()
        self.cells, self.links, self.confirmed = cells, links, confirmed

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.cells)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return None

    def sentences(self, row, column):
        return list(self.cells[column])

    def suggestions(self, row, column, sentence):
        theirs = {label for other, cell in enumerate(self.cells) if other != column for s in cell for label in s.labels}
        return [name for name in SCHEME if name in theirs and name not in sentence.labels]

    def row_sentences(self, row):
        return tuple(tuple(cell) for cell in self.cells)

    def cell(self, row, column):
        score, manual = self.links[column]
        return SimpleNamespace(score=score, manual=manual)

    def row_cells(self, row):
        return [self.cell(row, column) for column in range(len(self.cells))]

    def is_confirmed(self, row):
        return self.confirmed

    def change(self, column, k, **fields):
        self.cells[column][k] = dataclasses.replace(self.cells[column][k], **fields)
        self.dataChanged.emit(self.index(0, 0), self.index(0, len(self.cells) - 1))


def _sentence(n, text, **fields):
    return SentenceView(n, n, text, "xx", False, (), **fields)


def _view(qtbot, model, dark):
    view = AlignedView()
    qtbot.addWidget(view)
    view.resize(1000, 300)
    view.setModel(model)
    view.setItemDelegate(SentenceDelegate(view, LABELS))
    if dark:
        _dark(view)
    view.show()
    view.resizeRowToContents(0)
    return view


class _Counted:
    """Counts the delegate's whole-cell paints and chip-only paints."""

    def __init__(self, delegate):
        self.whole, self.chips = 0, 0
        paint, paint_chips = delegate.paint, delegate.paint_chips

        def whole(*args):
            self.whole += 1
            paint(*args)

        def chips(*args):
            self.chips += 1
            paint_chips(*args)
        delegate.paint, delegate.paint_chips = whole, chips


def _as_painted_now_and_whole(view):
    """The viewport as the kept rows repaint it, and as a paint from nothing gives it."""
    now = view.viewport().grab().toImage()
    view.itemDelegate().painted.forget_all()
    whole = view.viewport().grab().toImage()
    return now, whole


STEPS = [  # (column, sentence, the change): each a change of chips only
    (0, 0, dict(labels=("claim",), judged=True)),  # a label: ghosts appear in the other cells
    (1, 0, dict(labels=("pale",), judged=True)),  # another: a ghost in the first cell too
    (0, 0, dict(labels=(), judged=True)),  # "no label"
    (2, 1, dict(suggested=(("claim", 0.71),))),  # the model's suggestion
    (0, 0, dict(labels=("claim", "pale"), judged=True)),
    (2, 1, dict(suggested=())),
    (1, 0, dict(labels=(), judged=False)),  # a removed label: its chip painted over
    (0, 0, dict(labels=(), judged=False)),
]


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("confirmed", [False, True])
@pytest.mark.parametrize("cursor", [0, 1, 2])
def test_chips_painted_alone_give_the_picture_of_a_whole_paint(qtbot, dark, confirmed, cursor):
    model = Row([[_sentence(1, ENGLISH)], [_sentence(2, ARABIC, noted=True, related=True)],
                 [_sentence(3, ENGLISH), _sentence(4, ARABIC)]],
                links=[(None, False), (0.3, False), (0.9, True)], confirmed=confirmed)
    view = _view(qtbot, model, dark)
    view.set_cursor(0, cursor)
    view.viewport().grab()
    counted = _Counted(view.itemDelegate())
    for n, (column, k, fields) in enumerate(STEPS):
        model.change(column, k, **fields)
        now, whole = _as_painted_now_and_whole(view)
        assert now == whole, (n, fields)
    assert counted.chips > 0  # (the chip-only path was taken: this test tests it)


def test_a_change_beyond_the_chips_paints_the_cell_whole(qtbot):
    model = Row([[_sentence(1, ENGLISH)], [_sentence(2, ENGLISH)]], links=[(None, False), (None, False)])
    view = _view(qtbot, model, False)
    view.viewport().grab()
    counted = _Counted(view.itemDelegate())
    model.change(0, 0, labels=("claim",), judged=True, noted=True)  # a note's corner too
    now, whole = _as_painted_now_and_whole(view)
    assert now == whole
    assert counted.chips == 1 and counted.whole >= 1  # the first cell whole; the second: a ghost chip only
    counted.whole = counted.chips = 0
    view.viewport().grab()
    model.change(1, 0, spans=((0, 3, "source"),), labels=("pale",), judged=True)
    now, whole = _as_painted_now_and_whole(view)
    assert now == whole


def test_a_sentence_with_spans_under_its_words_is_painted_whole_when_its_chips_change(qtbot):
    """A second span over the same words draws its bar lower, reaching the chips' line: such a
    sentence's cell is painted whole."""
    spans = ((0, 11, "source"), (4, 20, "cue"))
    model = Row([[_sentence(1, ENGLISH, spans=spans)], [_sentence(2, ENGLISH, spans=spans)]],
                links=[(None, False), (None, False)])
    view = _view(qtbot, model, False)
    view.viewport().grab()
    for labels in [("claim",), (), ("claim", "pale"), ("pale",)]:
        model.change(0, 0, labels=labels, judged=bool(labels))
        now, whole = _as_painted_now_and_whole(view)
        assert now == whole, labels


def test_label_keys_in_the_app_repaint_what_a_whole_paint_shows(qtbot, window):
    """Real keys on the aligned seeds: after each one, the kept rows painted again are the
    picture a paint from nothing gives."""
    view = window.view
    _unlabeled_cursor(window)
    view.viewport().repaint()
    for key in ["1", "2", "0", "1", "3", Qt.Key.Key_L, "a", "1", "1", Qt.Key.Key_J, "2", "a"]:
        qtbot.keyClick(view, key)
        now, whole = _as_painted_now_and_whole(view)
        assert now == whole, key
