"""The table's colours, derived from the view's palette (so that a dark palette gets a dark
cursor fill under its light text) and checked for contrast with annotator.core.contrast.
Worked out once per palette (a paint asks for them for every cell)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtGui import QGuiApplication, QPalette

from annotator.core.contrast import ink_on, mix, readable_ground, readable_ink

FIND_YELLOW = "#ffe066"  # the Find mark on a light palette; darkened to stay readable on a dark one
MANUAL_BLUE = "#1f77b4"  # the solid edge of a link made by hand
UNCERTAIN_ORANGE = "#ff8c00"  # the dashed edge of a machine link of low confidence
CONFIRMED_GREEN = "#2ca02c"  # the double edge of a row a reviewer confirmed


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
    manual_edge: str = MANUAL_BLUE  # the link's edge (its shape says the state too: see delegate.link_state)
    uncertain_edge: str = UNCERTAIN_ORANGE
    confirmed_edge: str = CONFIRMED_GREEN

    def label_ink(self, fill: str) -> str:
        """The text of a label chip filled with the label's colour."""
        return ink_on(fill)

    def tint_ink(self, color: str, ground: str | None = None) -> str:
        """The label's colour as text (a ghost or model chip), readable on `ground` (the cell's)."""
        return _readable_ink(color, ground or self.base, self.text)


def cell_colors(palette: QPalette, cursor: bool = False) -> CellColors:
    """The colours of a cell (`cursor`: the cell under the cursor, whose ground is the cursor fill)."""
    role = QPalette.ColorRole
    return _cell_colors(palette.color(role.Base).name(), palette.color(role.Text).name(),
                        palette.color(role.Highlight).name(), cursor)


@lru_cache(maxsize=64)
def _cell_colors(base: str, text: str, highlight: str, cursor: bool) -> CellColors:
    cursor_fill = readable_ground(mix(base, highlight, 0.1), base, text)
    ground = cursor_fill if cursor else base
    none_fill = mix(base, text, 0.05)
    return CellColors(
        base=ground, text=text, cursor_fill=cursor_fill, cursor_frame=highlight,
        find_ground=readable_ground(FIND_YELLOW, base, text),
        none_fill=none_fill, none_edge=mix(base, text, 0.4),
        none_ink=readable_ink(mix(base, text, 0.56), none_fill, text))


@lru_cache(maxsize=256)
def _readable_ink(color: str, ground: str, text: str) -> str:
    return readable_ink(color, ground, text)


def header_ink(color: str) -> str:
    """`color` as the text of a row number (the header's ground, in the application's palette
    now), moved towards the header's text colour until it reads at 4.5:1."""
    palette = QGuiApplication.palette()
    role = QPalette.ColorRole
    return _readable_ink(color, palette.color(role.Button).name(), palette.color(role.ButtonText).name())
