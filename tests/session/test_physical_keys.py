"""The US key at the position of a key pressed, from each platform's native code."""

from __future__ import annotations

import pytest

from annotator.core.session import keymap
from annotator.core.session.physical_keys import physical_key


@pytest.mark.parametrize("platform, scan, virtual, key", [
    ("xcb", 10, 0, "1"), ("xcb", 18, 0, "9"), ("xcb", 19, 0, "0"),  # the digit row: evdev 2..11, plus 8
    ("xcb", 24, 0, "Q"), ("xcb", 33, 0, "P"), ("xcb", 38, 0, "A"), ("xcb", 44, 0, "J"),
    ("xcb", 46, 0, "L"), ("xcb", 52, 0, "Z"), ("xcb", 56, 0, "B"), ("xcb", 58, 0, "M"),
    ("wayland", 44, 0, "J"),
    ("windows", 0x02, 0, "1"), ("windows", 0x0B, 0, "0"), ("windows", 0x10, 0, "Q"),
    ("windows", 0x24, 0, "J"), ("windows", 0x2C, 0, "Z"), ("windows", 0x30, 0, "B"),
    ("cocoa", 999, 0x26, "J"), ("cocoa", 0, 0x06, "Z"), ("cocoa", 0, 0x12, "1"),
    ("cocoa", 0, 0x1D, "0"), ("cocoa", 0, 0x0B, "B"), ("cocoa", 0, 0x00, "A"),
])
def test_native_codes_name_the_us_key(platform, scan, virtual, key):
    assert physical_key(platform, scan, virtual) == key


def test_keys_outside_the_letter_and_digit_rows_and_unknown_platforms_have_no_name():
    assert physical_key("xcb", 9, 0) is None  # Escape
    assert physical_key("xcb", 65, 0) is None  # the space bar
    assert physical_key("windows", 0x01, 0) is None  # Escape
    assert physical_key("cocoa", 0, 0x24) is None  # Return
    assert physical_key("cocoa", 44, 0x7F) is None  # macOS reads the virtual key, not the scan code
    assert physical_key("haiku", 44, 0) is None


@pytest.mark.parametrize("platform", ["xcb", "windows", "cocoa"])
def test_every_letter_and_digit_has_one_position(platform):
    names = [physical_key(platform, code, code) for code in range(256)]
    found = [name for name in names if name is not None]
    assert sorted(found) == sorted("1234567890QWERTYUIOPASDFGHJKLZXCVBNM")


def test_every_single_letter_or_digit_key_of_the_view_has_a_position():
    plain = {key.removeprefix("Shift+") for key in keymap.view_keys()}
    wanted = {key for key in plain if len(key) == 1 and key.isalnum()}
    found = {physical_key("xcb", code, 0) for code in range(256)}
    assert wanted and wanted <= found
