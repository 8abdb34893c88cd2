"""A title for a plain-text document, which carries none: its headline, as a reader would
point to it. A web page saved as text starts with menus, dates and by-lines; the headline is
the first short line near the top that is not boilerplate, is in the document's language and
does not end like a sentence. Without one, the first sentence, shortened."""

from __future__ import annotations

import re
from collections.abc import Sequence

LOOK_AT = 10  # paragraphs from the top
MAX_CHARS = 160
MIN_WORDS, MAX_WORDS = 2, 24
SHORT = 80  # characters kept of a first sentence standing in for a title

_YEAR = re.compile(r"\b(1[89]|20)\d\d\b")
_SENTENCE_END = re.compile(r"[.!?…:;,]['\"”’»)]*$")


def headline(paragraphs: Sequence[str], reasons: Sequence[str | None], languages: Sequence[str],
             doc_lang: str) -> str | None:
    for text, reason, lang in zip(list(paragraphs[:LOOK_AT]), reasons[:LOOK_AT], languages[:LOOK_AT]):
        line = " ".join(text.split())
        words = line.split()
        if reason not in (None, "caption") or lang != doc_lang or not (MIN_WORDS <= len(words) <= MAX_WORDS):
            continue
        if len(line) > MAX_CHARS or _SENTENCE_END.search(line):
            continue
        if _YEAR.search(line) and len(words) <= 6:  # "Tuesday, November 14, 2017", "15 novembre 2017"
            continue
        return line
    return None


def shortened(sentence: str) -> str:
    line = " ".join(sentence.split())
    if len(line) <= SHORT:
        return line
    cut = line[:SHORT + 1].rsplit(" ", 1)[0]  # whole words only (a word ending at SHORT stays)
    return cut.rstrip(" ,;:") + "…"
