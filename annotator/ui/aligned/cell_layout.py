"""Where things go in a cell of the side-by-side table, without drawing them: the blocks of
its sentences, the chips under each (your labels, "no label", the aligned sentences' and the
model's suggestions) and the Find matches. The delegate paints by these, and the view finds
what a click or a tooltip is over by the same ones."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from annotator.core.session import SentenceView

PADDING = 6
CHIP_HEIGHT = 18
GAP = 6
LOW_SCORE = 0.6  # machine links below this are marked as uncertain
NOTE_COLOR, NOTE_CORNER = "#e0a800", 10  # the mark of a sentence with your note
NO_LABEL = "no label"  # the quiet mark of a sentence you judged and gave no label ("0")
TEXT_FLAGS = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
# an Arabic, Hebrew, Persian or Urdu sentence: laid out right to left, against the right edge
RTL_FLAGS = (Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute
             | Qt.AlignmentFlag.AlignTop)
MODEL_FILL_ALPHA = 50  # a model's suggestion: a pale fill of the label's color, a dotted edge, its probability


def chip_entries(sentence: SentenceView, ghosts: list[str]) -> list[tuple[str, str, str]]:
    """(kind, label, text) of each chip of a sentence, in drawing order: "label" (yours),
    "none" (you judged that no label applies), "ghost" (an aligned sentence's label, key a),
    "model" (the model's suggestion with its probability, Shift+A)."""
    entries = [("label", name, name) for name in sentence.labels]
    if sentence.judged and not sentence.labels:
        entries.append(("none", NO_LABEL, NO_LABEL))
    entries += [("ghost", name, name) for name in ghosts]
    entries += [("model", name, f"{name} {p:.0%}") for name, p in sentence.suggested]
    return entries


def chip_tooltip(kind: str, label: str, sentence: SentenceView) -> str:
    if kind == "model":
        p = dict(sentence.suggested)[label]
        return (f"The model suggests {label}: probability {p:.2f}. Shift+A accepts its suggestions "
                "(they count only once accepted).")
    if kind == "ghost":
        return f"An aligned sentence carries {label}: a accepts it."
    if kind == "none":
        return "You judged it: no label applies."
    return f"{label} (a click removes it)"


@dataclass(frozen=True)
class Block:
    """Where one sentence of a cell is drawn, relative to the cell's top."""

    top: int
    text_height: int
    height: int


def layout_blocks(metrics: QFontMetrics, width: int, sentences: list[SentenceView],
                  suggested: list[list[str]] | None = None) -> list[Block]:
    blocks, top = [], PADDING
    text_width = max(width - 2 * PADDING, 20)
    for k, sentence in enumerate(sentences):
        text_height = metrics.boundingRect(QRect(0, 0, text_width, 1_000_000), TEXT_FLAGS, sentence.text).height()
        entries = chip_entries(sentence, suggested[k] if suggested else [])
        # chips wrap onto more lines when they do not fit the cell's width
        chips = chip_rects(metrics, 0, 0, [text for _, _, text in entries], text_width) if entries else []
        height = text_height + (chips[-1][1].bottom() + 1 + 3 if chips else 0)
        blocks.append(Block(top, text_height, height))
        top += height + GAP
    return blocks


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
