"""The reading direction of a sentence, from its own characters. The script with more strongly
directional letters decides, not the first letter (the Unicode rule for a paragraph): Arabic
wire copy often opens with a Latin agency name, "(AFP) - ...", and still reads right to left.
Digits, punctuation and spaces decide nothing."""

from __future__ import annotations

import unicodedata

RIGHT_TO_LEFT = frozenset({"R", "AL"})  # Hebrew; Arabic, Persian, Urdu (Arabic letters)


def is_right_to_left(text: str) -> bool:
    """True when `text` has more right-to-left letters than left-to-right ones (a tie goes to
    the first of them); a text with neither, digits only or empty, reads left to right."""
    rtl = ltr = 0
    first = None
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in RIGHT_TO_LEFT:
            rtl += 1
            first = first or "rtl"
        elif direction == "L":
            ltr += 1
            first = first or "ltr"
    return rtl > ltr or (rtl == ltr and first == "rtl")
