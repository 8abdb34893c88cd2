"""A cell whose only change is its chips (a label keypress: the labeled sentence's own chips and
the aligned sentences' ghost chips) is painted again under its chips only, not whole: its text,
marks and frame are left as they are in the row's pixmap. Laying the text out was cached, but
drawing it was still most of what a keypress repainted.

The old chips are painted over with the cell's ground (and the link's edge, where a chip lay
over it), then the new chips drawn, as a whole paint draws them: last. This is the same picture
only where nothing else lies under the chips: the blocks keep their places and sizes, no span
bar or selection frame reaches below the text, the relation's dot stays above the chips, and
everything else the cell shows is unchanged. Otherwise `chip_lines` says None and the cell is
painted whole, as before; a test compares both ways pixel for pixel."""

from __future__ import annotations

from dataclasses import fields
from operator import attrgetter

from PySide6.QtCore import QRect
from PySide6.QtGui import QRegion

from annotator.core.session import SentenceView
from annotator.ui.aligned.cell_layout import NOTE_CORNER, RELATION_DOT, Block, chip_entries

# what a chip shows: a change in any other field of a sentence's view repaints its cell whole
# (a field added later included)
CHIP_FIELDS = frozenset({"labels", "judged", "suggested"})
_drawn_apart_from_chips = attrgetter(*(f.name for f in fields(SentenceView) if f.name not in CHIP_FIELDS))


def chip_lines(before: tuple, after: tuple, blocks_before: list[Block], blocks_after: list[Block]) -> list[int] | None:
    """Which sentences of a cell need only their chips painted again, going from what the cell
    showed `before` to `after` (PaintedRows' cell records: (its sentences and their ghost
    labels, cursor, link, confirmation, width, height, the paint's look)) with these blocks;
    None: paint the cell whole."""
    if before[1:] != after[1:]:
        return None
    (old_sentences, old_ghosts), (new_sentences, new_ghosts) = before[0], after[0]
    if len(old_sentences) != len(new_sentences) or len(blocks_before) != len(blocks_after):
        return None
    cursor = after[1]  # (k, the words selected) in the cursor's cell, else -1
    changed = []
    for k, (old, new) in enumerate(zip(old_sentences, new_sentences)):
        a, b = blocks_before[k], blocks_after[k]
        if (a.top, a.text_height, a.height, a.rtl) != (b.top, b.text_height, b.height, b.rtl):
            return None
        if old is new and old_ghosts[k] == new_ghosts[k]:
            continue
        if _drawn_apart_from_chips(old) != _drawn_apart_from_chips(new):
            return None
        if chip_entries(old, list(old_ghosts[k])) == chip_entries(new, list(new_ghosts[k])):
            continue
        if new.spans or (cursor != -1 and cursor[0] == k and cursor[1] is not None):
            return None  # a second span bar or the selection's frame may reach below the text
        marks = NOTE_CORNER + RELATION_DOT if new.related else NOTE_CORNER - 2 if new.noted else 0
        if b.text_height + 3 < marks:
            return None  # (a small font) the note's corner or the relation's dot reaches the chips
        changed.append(k)
    return changed


def erased(cell: QRect, block: Block) -> QRegion:
    """Where a sentence's chips were drawn in a cell (each chip's picture reaches a pixel right
    of and below its box): what is painted over with the cell's ground before its new chips."""
    region = QRegion()
    for box in block.chips:
        region += QRect(cell.left() + box.left(), cell.top() + box.top(), box.width() + 1, box.height() + 1)
    return region
