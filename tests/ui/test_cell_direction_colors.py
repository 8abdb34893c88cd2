"""Right-to-left sentences against the right edge of their cell, and colours from the palette."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter, QPalette  # noqa: E402
from PySide6.QtWidgets import QStyleOptionViewItem  # noqa: E402

from annotator.core.contrast import READABLE, contrast  # noqa: E402
from annotator.core.session.views import SentenceView  # noqa: E402
from annotator.ui.aligned import AlignedView, SentenceDelegate  # noqa: E402
from annotator.ui.aligned.colors import cell_colors  # noqa: E402

ARABIC = "قال المتحدث إن المحادثات ستستمر (AFP)."  # one line in the cell
ENGLISH = "The spokesman said the talks go on."
LABELS = {"claim": "#1f77b4", "pale": "#ffdd57"}


class OneRowModel(QAbstractTableModel):
    """Just what the delegate asks of a model: one row, a sentence per column."""

    def __init__(self, sentences):
        super().__init__()
        self._sentences = sentences

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else 1

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self._sentences)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self._sentences[index.column()].text if role == Qt.ItemDataRole.DisplayRole else None

    def sentences(self, row, column):
        return [self._sentences[column]]

    def suggestions(self, row, column, sentence):
        return []

    def row_sentences(self, row):
        return tuple((s,) for s in self._sentences)

    def cell(self, row, column):
        return SimpleNamespace(score=None, manual=False)

    def row_cells(self, row):
        return [self.cell(row, column) for column in range(len(self._sentences))]

    def is_confirmed(self, row):
        return False


def _view(qtbot, texts, labels=()):
    sentences = [SentenceView(n + 1, n + 1, text, "xx", False, tuple(labels), judged=bool(labels))
                 for n, text in enumerate(texts)]
    view = AlignedView()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.setModel(OneRowModel(sentences))
    view.setItemDelegate(SentenceDelegate(view, LABELS))
    return view


def _paint(view, column):
    index = view.model().index(0, column)
    option = QStyleOptionViewItem()
    option.rect = view.visualRect(index).translated(-view.visualRect(index).topLeft())
    option.palette, option.fontMetrics, option.font = view.palette(), view.fontMetrics(), view.font()
    image = QImage(option.rect.size(), QImage.Format.Format_RGB32)
    image.fill(view.palette().color(QPalette.ColorRole.Base))
    painter = QPainter(image)
    view.itemDelegate().paint(painter, option, index)
    painter.end()
    return image


def _ink_columns(image, ground, top, bottom):
    """The x of every column with a text pixel (far from the ground) between top and bottom."""
    ground = QColor(ground)
    def far(c):
        return abs(c.red() - ground.red()) + abs(c.green() - ground.green()) + abs(c.blue() - ground.blue()) > 150
    bottom = min(bottom, image.height() - 2)  # above the line under the row
    return [x for x in range(8, image.width() - 12) if any(far(image.pixelColor(x, y)) for y in range(top, bottom))]


def test_an_arabic_sentence_sits_against_the_right_edge_and_an_english_one_the_left(qtbot):
    view = _view(qtbot, [ARABIC, ENGLISH])
    view.set_cursor(0, 1)  # no cursor fill on the Arabic cell
    view.highlight = ""
    width = view.columnWidth(0)
    line = view.fontMetrics().height()
    for column, text in ((0, ARABIC), (1, ENGLISH)):
        image = _paint(view, 0 if column == 0 else 1)
        ground = cell_colors(view.palette(), cursor=column == 1).base
        ink = _ink_columns(image, ground, 6, 6 + line)
        assert ink, text
        if text is ARABIC:
            assert max(ink) > width - 20 and min(ink) > width / 4, (min(ink), max(ink), width)
        else:
            assert min(ink) < 20 and max(ink) < width - 20


def test_a_find_match_in_an_arabic_sentence_is_laid_out_right_to_left_too(qtbot):
    view = _view(qtbot, [ARABIC, ENGLISH])
    view.set_cursor(0, 1)
    view.highlight = "المحادثات"
    image = _paint(view, 0)
    ground = QColor(cell_colors(view.palette()).find_ground)
    marked = [x for x in range(image.width()) for y in range(6, 6 + view.fontMetrics().height())
              if image.pixelColor(x, y) == ground]
    assert marked and min(marked) > view.columnWidth(0) / 3  # the match, not its Latin-order place on the left


def _dark(view):
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Base, "#202124"), (QPalette.ColorRole.Window, "#2b2b2b"),
                        (QPalette.ColorRole.Text, "#e8e8e8"), (QPalette.ColorRole.WindowText, "#e8e8e8"),
                        (QPalette.ColorRole.Highlight, "#3d7bd9"), (QPalette.ColorRole.AlternateBase, "#2a2a2e"),
                        (QPalette.ColorRole.PlaceholderText, "#9a9a9a"), (QPalette.ColorRole.Mid, "#555555")):
        palette.setColor(role, QColor(color))
    view.setPalette(palette)


def test_under_a_dark_palette_the_cursor_sentence_is_light_text_on_a_dark_fill(qtbot):
    view = _view(qtbot, [ENGLISH], labels=["claim"])
    _dark(view)
    view.set_cursor(0, 0)
    colors = cell_colors(view.palette(), cursor=True)
    assert contrast(colors.text, colors.cursor_fill) >= READABLE
    image = _paint(view, 0)
    fill = image.pixelColor(image.width() // 2, 1)  # the cursor's fill, above its frame
    assert fill.name() == colors.cursor_fill
    text_pixels = [image.pixelColor(x, y).name() for x in range(8, image.width() - 12)
                   for y in range(6, 6 + view.fontMetrics().height())]
    brightest = max(text_pixels, key=lambda c: QColor(c).lightness())
    assert contrast(brightest, fill.name()) >= READABLE


@pytest.mark.parametrize("dark", [False, True])
def test_every_chip_and_mark_text_is_readable_in_either_palette(qtbot, dark):
    view = _view(qtbot, [ENGLISH])
    if dark:
        _dark(view)
    for cursor in (False, True):
        colors = cell_colors(view.palette(), cursor=cursor)
        assert contrast(colors.text, colors.base) >= READABLE
        assert contrast(colors.text, colors.find_ground) >= READABLE
        assert contrast(colors.none_ink, colors.none_fill) >= READABLE
        for label in LABELS.values():
            assert contrast(colors.label_ink(label), label) >= READABLE
            assert contrast(colors.tint_ink(label), colors.base) >= READABLE


def test_the_light_palette_keeps_its_look(qtbot):
    view = _view(qtbot, [ENGLISH])
    palette = QPalette()
    for role, color in ((QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.Text, "#000000"),
                        (QPalette.ColorRole.Highlight, "#308cc6")):
        palette.setColor(role, QColor(color))
    colors = cell_colors(palette)
    assert colors.find_ground == "#ffe066" and colors.none_fill == "#f2f2f2"
    assert colors.label_ink("#1f77b4") == "#ffffff"
    assert contrast(colors.cursor_fill, "#eef4ff") < 1.1  # a pale blue, as before


@pytest.mark.parametrize("tag", ["p", "div"])
def test_the_detail_panel_lays_an_arabic_sentence_out_right_to_left(qtbot, tag):
    from PySide6.QtGui import QTextDocument

    from annotator.ui.detail import sentence_html

    document = QTextDocument()
    document.setHtml(f"<ul><li><b>AFP (ar)</b>:{sentence_html(ARABIC, tag)}</li></ul>" + sentence_html(ENGLISH, tag))
    blocks = {}
    block = document.begin()
    while block.isValid():
        blocks[block.text()] = block.blockFormat()
        block = block.next()
    arabic = next(fmt for text, fmt in blocks.items() if "المحادثات" in text)
    english = blocks[ENGLISH]
    assert arabic.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert arabic.alignment() & Qt.AlignmentFlag.AlignRight
    assert english.layoutDirection() != Qt.LayoutDirection.RightToLeft
    assert "&lt;b&gt;" in sentence_html("<b>")  # escaped
