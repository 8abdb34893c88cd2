"""Zoom: the table's text larger or smaller (Ctrl+= or Ctrl++, Ctrl+-, Ctrl+0 back to 100 %),
in steps, remembered in the settings for the next start. The view lays its rows out again
when its font changes (AlignedView.changeEvent); the cached text layouts are keyed by font,
so each zoom level lays a sentence out once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QFont, QKeySequence

from annotator.core.session import keymap

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from annotator.ui.aligned.view import AlignedView

STEPS = (50, 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent of the normal text size
SETTING = "view/zoom"


class Zoom:
    def __init__(self, view: "AlignedView", settings: QSettings):
        self.view, self.settings = view, settings
        self.normal = QFont(view.font())  # the font at 100 %
        try:
            saved = int(settings.value(SETTING, 100))
        except (TypeError, ValueError):  # a settings file edited by hand
            saved = 100
        self.percent = min(STEPS, key=lambda step: abs(step - saved))
        if self.percent != 100:  # at 100 % the view keeps its font (setting it lays the empty view out at start)
            self._apply()

    def zoom_in(self) -> None:
        self._go(min(STEPS.index(self.percent) + 1, len(STEPS) - 1))

    def zoom_out(self) -> None:
        self._go(max(STEPS.index(self.percent) - 1, 0))

    def reset(self) -> None:
        self._go(STEPS.index(100))

    def _go(self, index: int) -> None:
        self.percent = STEPS[index]
        self.settings.setValue(SETTING, self.percent)
        self._apply()

    def _apply(self) -> None:
        font = QFont(self.normal)
        if self.normal.pointSizeF() > 0:
            font.setPointSizeF(self.normal.pointSizeF() * self.percent / 100)
        else:  # a font sized in pixels
            font.setPixelSize(max(1, round(self.normal.pixelSize() * self.percent / 100)))
        self.view.setFont(font)


def add_zoom_entries(menu: "QMenu", zoom: Zoom) -> list[QAction]:
    """View > Zoom in / Zoom out / Normal size, with the key map's keys."""
    actions = []
    translate = QCoreApplication.translate
    for text, action, slot in ((translate("Zoom", "Zoom &in"), "zoom_in", zoom.zoom_in),
                               (translate("Zoom", "Zoom &out"), "zoom_out", zoom.zoom_out),
                               (translate("Zoom", "&Normal size"), "zoom_reset", zoom.reset)):
        entry = QAction(text, menu)
        entry.setShortcuts([QKeySequence(key) for key in keymap.shortcuts(action)])
        entry.triggered.connect(slot)
        menu.addAction(entry)
        actions.append(entry)
    return actions
