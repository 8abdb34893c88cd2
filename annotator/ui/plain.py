"""User data (sentences, titles, file names, label, group and annotator names, notes) shown
where Qt would read it as markup. A tooltip, like a QLabel left in Qt.AutoText, renders a text
whose first line holds a tag as rich text, and rich text opens every `<img src>` it names: a
FIFO freezes the app, /dev/zero exhausts its memory, any local image is read. A menu entry
takes `&` for a shortcut mark. Every such place goes through these functions."""

from __future__ import annotations

from PySide6.QtGui import Qt


def tooltip(text: str | None) -> str | None:
    """`text` as a tooltip shows it, literally: escaped inside rich text (QToolTip has no
    plain-text mode), its line breaks kept, long lines wrapped; None for no tooltip."""
    if not text:
        return None
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def menu_entry(text: str) -> str:
    """`text` as a menu entry shows it: an `&` is a literal ampersand, not a shortcut mark."""
    return text.replace("&", "&&")
