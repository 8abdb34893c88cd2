"""The words of a sentence as spans of code points: what a span selection steps through (a
word: letters or digits, joined by an inner hyphen or apostrophe) and the tokens a BIO export
tags (the words and each other non-blank character on its own), plus UTF-16 offsets (what
JavaScript and Qt count in: a character outside the BMP, such as an emoji, is two)."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_TOKEN = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")


def words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word of `text`, in code points, in order."""
    return [match.span() for match in _WORD.finditer(text)]


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each token of `text`: the words and each punctuation mark or sign."""
    return [match.span() for match in _TOKEN.finditer(text)]


def utf16_offset(text: str, offset: int) -> int:
    """Code-point offset `offset` of `text` counted in UTF-16 code units."""
    return offset + sum(1 for character in text[:offset] if ord(character) > 0xFFFF)


def bio_tags(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    """(token, tag) per token: B-label on a span's first token, I-label on the next ones, O
    outside every span. A token is in a span when it starts inside it; where spans overlap the
    one starting first (then the longer) wins."""
    ordered = sorted(spans, key=lambda span: (span[0], -span[1]))
    tagged, previous = [], None
    for start, end in tokens(text):
        span = next((s for s in ordered if s[0] <= start < s[1]), None)
        if span is None:
            tag = "O"
        else:
            tag = f"{'I' if span == previous else 'B'}-{span[2]}"
        tagged.append((text[start:end], tag))
        previous = span
    return tagged
