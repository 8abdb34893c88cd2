"""Letters and scripts of paragraphs, for the language detection (language.py): how many
letters a paragraph has outside its URLs and e-mail addresses, and whether it is written in a
script only one language uses. `paragraph_letters` answers both for all of a document's
paragraphs at once, from the document's code points (issue 29: asked paragraph by paragraph,
these were a fifth of the detection's time); its answers are the per-paragraph functions', to
the letter.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

URL_RE = re.compile(r"https?://[-_.?&~;+=/#0-9A-Za-z]{1,2076}")
MAIL_RE = re.compile(r"[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}")

# Scripts that belong to one language only: short lines in them need no statistics.
_UNIQUE_SCRIPTS = (
    ((0x0370, 0x03FF), "el"),
    ((0x1F00, 0x1FFF), "el"),
    ((0x0590, 0x05FF), "he"),
    ((0x0E00, 0x0E7F), "th"),
    ((0xAC00, 0xD7AF), "ko"),
    ((0x1100, 0x11FF), "ko"),
    ((0x3040, 0x30FF), "ja"),
    ((0x10A0, 0x10FF), "ka"),
    ((0x0530, 0x058F), "hy"),
    ((0x0980, 0x09FF), "bn"),
    ((0x0A80, 0x0AFF), "gu"),
    ((0x0A00, 0x0A7F), "pa"),
    ((0x0B80, 0x0BFF), "ta"),
    ((0x0C00, 0x0C7F), "te"),
    ((0x0C80, 0x0CFF), "kn"),
    ((0x0D00, 0x0D7F), "ml"),
)


_NOT_LETTERS = re.compile(r"[\W\d_]+")


# ASCII non-letters deleted by str.translate: the regex's result on ASCII text, many times faster.
_ASCII_NOT_LETTERS = str.maketrans("", "", "".join(chr(c) for c in range(128) if not chr(c).isalpha()))
_ASCII_NOT_LETTER_BYTES = bytes(c for c in range(128) if not chr(c).isalpha())


def letter_count(text: str) -> int:
    """Letters outside URLs and e-mail addresses."""
    if "@" in text or "://" in text:
        text = MAIL_RE.sub(" ", URL_RE.sub(" ", text))
    if text.isascii():
        return len(text.translate(_ASCII_NOT_LETTERS))
    # ASCII non-letters deleted from the UTF-8 bytes first (a C loop): what is left is often
    # letters only, and the regex runs only where other non-letters remain
    kept = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_NOT_LETTER_BYTES).decode("utf-8", "surrogatepass")
    return len(kept) if kept.isalpha() else len(_NOT_LETTERS.sub("", kept))


def _script_class(ranges) -> str:
    return "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in ranges)


_ANY_UNIQUE_SCRIPT = re.compile(f"[{_script_class(r for r, _ in _UNIQUE_SCRIPTS)}]")
_SCRIPT_PATTERNS = {
    lang: re.compile(f"[{_script_class(r for r, code in _UNIQUE_SCRIPTS if code == lang)}]")
    for lang in dict.fromkeys(code for _, code in _UNIQUE_SCRIPTS)
}


def unique_script_language(text: str) -> str | None:
    """The language of a text written mostly in a script that only one language uses."""
    if not _ANY_UNIQUE_SCRIPT.search(text):
        return None
    letters = len(_NOT_LETTERS.sub("", text))
    for lang, pattern in _SCRIPT_PATTERNS.items():
        if len(pattern.findall(text)) * 2 > letters:
            return lang
    return None


# Characters of the document encoded to code points at a time (4 bytes each).
WINDOW = 1 << 20
_WIDE = 0xFFFF  # code points above the BMP look this one up (not a letter) and are counted one by one


def _bmp_tables() -> tuple[np.ndarray, np.ndarray]:
    """Per BMP code point: 1 for a letter as letter_count counts them (the regex's own answer,
    not a second definition), and 1 for a character of one of _UNIQUE_SCRIPTS."""
    every = "".join(map(chr, range(0x10000)))
    letter = np.zeros(0x10000, dtype=np.uint8)
    letter[np.frombuffer(_NOT_LETTERS.sub("", every).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)] = 1
    letter[_WIDE] = 0
    script = np.zeros(0x10000, dtype=np.uint8)
    for (low, high), _ in _UNIQUE_SCRIPTS:
        script[low:high + 1] = 1
    return letter, script


_tables: tuple[np.ndarray, np.ndarray] | None = None


def paragraph_letters(paragraphs: Sequence[str]) -> tuple[list[int], list[bool]]:
    """letter_count of each paragraph, and whether unique_script_language may find a script
    in it (False: it certainly finds none). Paragraphs sliced from one document (analyze's
    paragraph texts: `text` and `spans`) are counted from its code points a window at a time;
    a paragraph with a URL, an e-mail address or a character beyond the BMP is counted alone."""
    text, spans = getattr(paragraphs, "text", None), getattr(paragraphs, "spans", None)
    if text is None or spans is None:
        return [letter_count(p) for p in paragraphs], [_ANY_UNIQUE_SCRIPT.search(p) is not None for p in paragraphs]
    global _tables
    if _tables is None:
        _tables = _bmp_tables()
    letter, script = _tables
    counts: list[int] = []
    scripted: list[bool] = []
    first = 0
    while first < len(spans):
        start, last = spans[first].start, first + 1
        if spans[first].end - start > WINDOW:  # one long paragraph: counted alone, not encoded whole
            paragraph = text[start:spans[first].end]
            counts.append(letter_count(paragraph))
            scripted.append(_ANY_UNIQUE_SCRIPT.search(paragraph) is not None)
            first += 1
            continue
        while last < len(spans) and spans[last].end - start <= WINDOW:
            last += 1
        window = text[start:spans[last - 1].end]
        points = np.frombuffer(window.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        wide = points > _WIDE
        at = points == ord("@")
        # "://" : a colon and two slashes after it
        at[:-2] |= (points[:-2] == ord(":")) & (points[1:-1] == ord("/")) & (points[2:] == ord("/"))
        alone = wide | at
        if wide.any():
            points = np.where(wide, _WIDE, points)
        bounds = np.fromiter((x for span in spans[first:last] for x in (span.start, span.end)), dtype=np.int64,
                             count=2 * (last - first)) - start

        def per_span(values: np.ndarray) -> np.ndarray:
            sums = np.zeros(len(values) + 1, dtype=np.int64)
            np.cumsum(values, out=sums[1:])
            return sums[bounds[1::2]] - sums[bounds[0::2]]

        window_counts = per_span(letter[points]).tolist()
        for index in np.flatnonzero(per_span(alone)).tolist():
            span = spans[first + index]
            window_counts[index] = letter_count(text[span.start:span.end])
        counts += window_counts
        scripted += (per_span(script[points]) > 0).tolist()
        first = last
    return counts, scripted
