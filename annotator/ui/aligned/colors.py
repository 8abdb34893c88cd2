"""The table's colours, derived from the view's palette (so that a dark palette gets a dark
cursor fill under its light text) and checked for contrast with annotator.core.contrast."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QPalette

from annotator.core.contrast import ink_on, mix, readable_ground, readable_ink

FIND_YELLOW = "#ffe066"  # the Find mark on a light palette; darkened to stay readable on a dark one


@dataclass(frozen=True)
class CellColors:
    base: str
    text: str
    cursor_fill: str  # the cell under the cursor
    cursor_frame: str  # the frame around the sentence under the cursor
    find_ground: str  # behind the Find text
    none_fill: str  # the "no label" chip
    none_edge: str
    none_ink: str

    def label_ink(self, fill: str) -> str:
        """The text of a label chip filled with the label's colour."""
        return ink_on(fill)

    def tint_ink(self, color: str, ground: str | None = None) -> str:
        """The label's colour as text (a ghost or model chip), readable on `ground` (the cell's)."""
        return readable_ink(color, ground or self.base, self.text)


def cell_colors(palette: QPalette, cursor: bool = False) -> CellColors:
    """The colours of a cell (`cursor`: the cell under the cursor, whose ground is the cursor fill)."""
    role = QPalette.ColorRole
    base, text = palette.color(role.Base).name(), palette.color(role.Text).name()
    highlight = palette.color(role.Highlight).name()
    cursor_fill = readable_ground(mix(base, highlight, 0.1), base, text)
    ground = cursor_fill if cursor else base
    none_fill = mix(base, text, 0.05)
    return CellColors(
        base=ground, text=text, cursor_fill=cursor_fill, cursor_frame=highlight,
        find_ground=readable_ground(FIND_YELLOW, base, text),
        none_fill=none_fill, none_edge=mix(base, text, 0.4),
        none_ink=readable_ink(mix(base, text, 0.56), none_fill, text))
