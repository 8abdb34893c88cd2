"""A status bar whose messages fit: a message longer than the room left of the permanent
widgets (the annotator's name) is elided at its end, and the whole of it is in the tooltip.
Qt's own bar painted a long message under the permanent widgets, cut mid-word."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QStatusBar

from annotator.ui.plain import tooltip


class ElidingStatusBar(QStatusBar):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.message_label = QLabel(self)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        # ignored: the label takes the room there is, never asks for the message's own width
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message_label.setMinimumWidth(1)
        # permanent: Qt hides a bar's other widgets while a message shows
        self.addPermanentWidget(self.message_label, 1)
        # every message, also the ones Qt shows itself (a menu item's status tip), comes here
        self.messageChanged.connect(self._show)

    def _show(self, message: str) -> None:
        self.message_label.setToolTip(tooltip(message) if message else "")
        self.message_label.setAccessibleName(message)  # read whole, not as elided on screen
        self._elide()

    def _elide(self) -> None:
        message = self.currentMessage()
        width = max(self.message_label.width(), 1)
        self.message_label.setText(self.message_label.fontMetrics().elidedText(
            message, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def paintEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """The label shows the message; Qt's own painting would draw it a second time,
        whole, under the label and the permanent widgets."""
