"""Which key of a US keyboard was pressed, from the native code of a key event (no Qt).

On a French AZERTY keyboard the digit row types `&é"'…` and on a Russian, Greek, Hebrew or
Arabic layout the letter keys type no Latin letter, so the key map (keymap.py) finds nothing
as typed. The key's position does not change with the layout: the aligned view falls back to
it, named as the key map names the US key ("J", "1"). Only the letter and digit keys are named.

Native codes: X11 and Wayland (xkb) give the X keycode, the evdev code + 8; Windows gives the
scan code (set 1); macOS gives the virtual key code (kVK_ANSI_*, Carbon's Events.h).
"""

from __future__ import annotations

_US_ROWS = ("1234567890", "QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")


def _rows(starts: tuple[int, int, int, int]) -> dict[int, str]:
    """Code -> key of keyboards whose rows are numbered left to right without gaps."""
    return {start + n: key for start, row in zip(starts, _US_ROWS) for n, key in enumerate(row)}


XKB = _rows((10, 24, 38, 52))  # X keycodes: evdev KEY_1 = 2, KEY_Q = 16, KEY_A = 30, KEY_Z = 44, plus 8
WINDOWS = _rows((0x02, 0x10, 0x1E, 0x2C))  # scan code set 1
MACOS = {  # kVK_ANSI_*: the codes follow the first Mac keyboard's wiring, not the rows
    0x00: "A", 0x01: "S", 0x02: "D", 0x03: "F", 0x04: "H", 0x05: "G", 0x06: "Z", 0x07: "X",
    0x08: "C", 0x09: "V", 0x0B: "B", 0x0C: "Q", 0x0D: "W", 0x0E: "E", 0x0F: "R", 0x10: "Y",
    0x11: "T", 0x12: "1", 0x13: "2", 0x14: "3", 0x15: "4", 0x16: "6", 0x17: "5", 0x19: "9",
    0x1A: "7", 0x1C: "8", 0x1D: "0", 0x1F: "O", 0x20: "U", 0x22: "I", 0x23: "P", 0x25: "L",
    0x26: "J", 0x28: "K", 0x2D: "N", 0x2E: "M",
}

# Qt's platform plugin name -> the table of its native codes. "offscreen" (the tests' platform)
# passes on the codes the event was built with: the tests build them as X11 gives them.
_BY_PLATFORM = {"xcb": XKB, "wayland": XKB, "offscreen": XKB, "minimal": XKB,
                "windows": WINDOWS, "cocoa": MACOS}


def physical_key(platform: str, scan_code: int, virtual_key: int) -> str | None:
    """The US key ("J", "1") at the position of the key pressed, or None (not a letter or
    digit key, or a platform without a table). macOS names keys by `virtual_key`, the
    others by `scan_code`."""
    table = _BY_PLATFORM.get(platform.split("-")[0].lower())
    if table is None:
        return None
    return table.get(virtual_key if table is MACOS else scan_code)
