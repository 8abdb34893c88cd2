"""Where things go in a cell of the side-by-side table, without drawing them: the blocks of
its sentences, the chips under each (your labels, "no label", the aligned sentences' and the
model's suggestions) and the Find matches. The delegate paints by these, and the view finds
what a click or a tooltip is over by the same ones.

Laying a sentence out is most of a paint's cost, so each text is laid out once per (text,
width, font) and each cell's blocks once per (width, font, its texts and chips): a paint
after a keypress lays out only what the key changed. Keys, not invalidation: a changed label,
width or zoom is a new key, and the least recently used layouts make room for it."""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QPointF, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption

from annotator.core.session import SentenceView
from annotator.core.text.direction import is_right_to_left

PADDING = 6
CHIP_HEIGHT = 18
GAP = 6
LOW_SCORE = 0.6  # machine links below this are marked as uncertain
NOTE_COLOR, NOTE_CORNER = "#e0a800", 10  # the mark of a sentence with your note
RELATION_COLOR, RELATION_DOT = "#d62728", 6  # the dot of a sentence in a relation (corrects, …)
NO_LABEL = "no label"  # the quiet mark of a sentence you judged and gave no label ("0")
CACHED_TEXTS = 4000  # laid-out sentences kept (a screenful is tens; a zoom or resize lays out anew)
CACHED_CELLS = 2000
MODEL_FILL_ALPHA = 50  # a model's suggestion: a pale fill of the label's color, a dotted edge, its probability


def chip_entries(sentence: SentenceView, ghosts: list[str]) -> list[tuple[str, str, str]]:
    """(kind, label, text) of each chip of a sentence, in drawing order: "label" (yours),
    "none" (you judged that no label applies), "ghost" (an aligned sentence's label, key a),
    "model" (the model's suggestion with its probability, Shift+A)."""
    entries = [("label", name, name) for name in sentence.labels]
    if sentence.judged and not sentence.labels:
        entries.append(("none", NO_LABEL, QCoreApplication.translate("Cells", "no label")))
    entries += [("ghost", name, name) for name in ghosts]
    entries += [("model", name, f"{name} {p:.0%}") for name, p in sentence.suggested]
    return entries


def chip_tooltip(kind: str, label: str, sentence: SentenceView) -> str:
    if kind == "model":
        p = dict(sentence.suggested)[label]
        return QCoreApplication.translate("Cells", "The model suggests {label}: probability {p:.2f}. Shift+A accepts "
                                                   "its suggestions (they count only once accepted).").format(
            label=label, p=p)
    if kind == "ghost":
        return QCoreApplication.translate("Cells", "An aligned sentence carries {label}: a accepts it.").format(label=label)
    if kind == "none":
        return QCoreApplication.translate("Cells", "You judged it: no label applies.")
    return QCoreApplication.translate("Cells", "{label} (a click removes it)").format(label=label)


@dataclass(frozen=True)
class Block:
    """Where one sentence of a cell is drawn, relative to the cell's top left: its text from
    (PADDING, top), its chips (boxes in the same coordinates) under the text, from the right
    edge leftwards in a right-to-left sentence (`rtl`)."""

    top: int
    text_height: int
    height: int
    chips: tuple[QRect, ...] = ()
    rtl: bool = False


class _Recent(OrderedDict):
    """A mapping that forgets its least recently used entries beyond `limit`."""

    def __init__(self, limit: int):
        super().__init__()
        self.limit = limit

    def get(self, key, default=None):
        value = super().get(key, default)
        if value is not default:
            self.move_to_end(key)
        return value

    def put(self, key, value):
        self[key] = value
        if len(self) > self.limit:
            self.popitem(last=False)
        return value


_texts = _Recent(CACHED_TEXTS)
_cells = _Recent(CACHED_CELLS)


def text_layout(text: str, width: int, font: QFont, font_key: str | None = None) -> QTextLayout:
    """The sentence laid out in `width` pixels (from y = 0), right to left against the right edge
    when its letters are mostly right-to-left ones; a word longer than the width is broken
    where the width ends, not cut off. Laid out once per (text, width, font)."""
    key = (text, width, font_key or font.key())
    layout = _texts.get(key)
    if layout is not None:
        return layout
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    if is_right_to_left(text):
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
    layout = QTextLayout(text, font)
    layout.setTextOption(option)
    layout.setCacheEnabled(True)  # the shaped glyphs are kept for the next paint
    layout.beginLayout()
    y = 0.0
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        line.setPosition(QPointF(0, y))
        y += line.height()
    layout.endLayout()
    return _texts.put(key, layout)


def text_height(text: str, width: int, font: QFont, font_key: str | None = None) -> int:
    layout = text_layout(text, width, font, font_key)
    count = layout.lineCount()
    if count == 0:
        return 0
    last = layout.lineAt(count - 1)
    return int(last.y() + last.height() + 0.999)


def layout_blocks(font: QFont, width: int, sentences: list[SentenceView],
                  suggested: list[list[str]] | None = None) -> list[Block]:
    """The blocks of a cell `width` pixels wide. A content sentence keeps the room of one chip
    line even without chips, so that its first label (or "no label") fills that room instead
    of pushing every row below it down."""
    text_width = max(width - 2 * PADDING, 20)
    chips_of = [tuple(text for _, _, text in chip_entries(sentence, suggested[k] if suggested else []))
                for k, sentence in enumerate(sentences)]
    font_key = font.key()
    key = (text_width, font_key, tuple((s.text, s.boilerplate, chips) for s, chips in zip(sentences, chips_of)))
    blocks = _cells.get(key)
    if blocks is not None:
        return blocks
    metrics = QFontMetrics(font)
    blocks, top = [], PADDING
    for sentence, chip_texts in zip(sentences, chips_of):
        height = text_height(sentence.text, text_width, font, font_key)
        # chips wrap onto more lines when they do not fit the cell's width
        chips = chip_rects(metrics, PADDING, top + height + 3, chip_texts, text_width) if chip_texts else []
        # the direction text_layout gave the sentence (laid out just above, so a cache lookup)
        rtl = (text_layout(sentence.text, text_width, font, font_key).textOption().textDirection()
               == Qt.LayoutDirection.RightToLeft)
        if rtl:  # the first chip against the right edge, the next ones to its left
            chips = [(text, QRect(2 * PADDING + text_width - box.right() - 1, box.top(), box.width(), box.height()))
                     for text, box in chips]
        if chips:
            block_height = chips[-1][1].bottom() + 1 - top
        else:
            block_height = height + (0 if sentence.boilerplate else CHIP_HEIGHT + 3)
        blocks.append(Block(top, height, block_height, tuple(box for _, box in chips), rtl))
        top += block_height + GAP
    return _cells.put(key, blocks)


def cell_height(font: QFont, width: int, sentences: list[SentenceView], suggested: list[list[str]]) -> int:
    """The height the row needs for this cell."""
    blocks = layout_blocks(font, width, sentences, suggested)
    if blocks:
        return blocks[-1].top + blocks[-1].height + PADDING
    return 2 * PADDING + QFontMetrics(font).height()


def chip_rects(metrics: QFontMetrics, left: int, top: int, labels, width: int | None = None) -> list[tuple[str, QRect]]:
    """Where each label chip of a sentence is drawn (`top`: the top of the first chip line);
    with `width`, a chip that would cross `left + width` starts a new line."""
    rects, x, y = [], left, top
    for label in labels:
        chip_width = metrics.horizontalAdvance(label) + 12
        if width is not None and x > left and x + chip_width > left + width:
            x, y = left, y + CHIP_HEIGHT + 3
        rects.append((label, QRect(x, y, chip_width, CHIP_HEIGHT)))
        x += chip_width + 4
    return rects


def find_spans(text: str, query: str) -> list[tuple[int, int]]:
    """Where `query` occurs in `text`, ignoring case, as (start, length) in UTF-16 code units
    (what Qt counts in: a character outside the BMP, such as an emoji, is two)."""
    if not query.strip():
        return []
    spans = []
    for match in re.finditer(re.escape(query), text, re.IGNORECASE):
        start = len(text[:match.start()].encode("utf-16-le")) // 2
        spans.append((start, len(match.group().encode("utf-16-le")) // 2))
    return spans
