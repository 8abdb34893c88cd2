"""Colour contrast as WCAG 2 measures it (relative luminance), and mixing of colours, on
"#rrggbb" strings: the table's colours are derived from the palette so that text stays readable
in a light or a dark one."""

from __future__ import annotations

READABLE = 4.5  # WCAG AA for normal text


def rgb(color: str) -> tuple[int, int, int]:
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_color(channels) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in channels)


def luminance(color: str) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio, from 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: str, b: str, weight: float) -> str:
    """`a` moved `weight` (0..1) of the way to `b`."""
    return hex_color(x + (y - x) * weight for x, y in zip(rgb(a), rgb(b)))


def ink_on(fill: str) -> str:
    """White or black text on `fill`: white while it is readable (the look of a label chip),
    black otherwise (black then always reaches 4.5:1)."""
    return "#ffffff" if contrast("#ffffff", fill) >= READABLE else "#000000"


def readable_ink(color: str, ground: str, text: str) -> str:
    """`color`, moved towards the palette's `text` colour just far enough to be readable on `ground`."""
    for step in range(11):
        ink = mix(color, text, step / 10)
        if contrast(ink, ground) >= READABLE:
            return ink
    return text


def readable_ground(color: str, base: str, text: str) -> str:
    """`color` as a ground for `text`, moved towards `base` just far enough for `text` to be
    readable on it (a yellow find mark under light text in a dark palette becomes a dark amber)."""
    for step in range(11):
        ground = mix(color, base, step / 10)
        if contrast(text, ground) >= READABLE:
            return ground
    return base
