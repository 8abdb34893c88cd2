"""Paragraphs and sentences as character spans of the document text.

Every span slices the document text exactly: `text[start:end]` is the paragraph or sentence,
with no surrounding whitespace. Sentences come from sentencex (Wikimedia's rule-based
segmenter: ~300 languages with fallbacks, de/en/fr/el among them, and fast enough to keep
an import above 1 MB/s, which pysbd is not).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sentencex

_TERMINAL = ".!?:;…»”\"'\u3002"
_LINE = re.compile(r"[^\n]*\n?")
_HAS_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _is_soft_wrap(line: str, next_line: str) -> bool:
    """A line break inside a paragraph that was hard-wrapped mid-sentence."""
    line, next_line = line.rstrip(), next_line.lstrip()
    return bool(line) and bool(next_line) and line[-1] not in _TERMINAL and next_line[0].islower()


def split_lines(text: str) -> list[Span]:
    """Each non-blank line (split on \n only, as sentence-per-line corpora count), trimmed."""
    spans, position = [], 0
    for line in text.split("\n"):
        span = _trimmed(text, position, position + len(line))
        if span is not None:
            spans.append(span)
        position += len(line) + 1
    return spans


def split_paragraphs(text: str) -> list[Span]:
    """Paragraphs: each non-blank line, except that a line broken mid-sentence (the next line
    starts in lower case) continues on the next line. News pages put one paragraph per
    line; hard-wrapped text breaks lines mid-sentence."""
    spans: list[Span] = []
    para_start: int | None = None
    previous_line = ""
    pos = 0
    for match in _LINE.finditer(text):
        line = match.group()
        if not line:
            break
        if not line.strip():
            if para_start is not None:
                spans.append(_trimmed(text, para_start, pos))
            para_start = None
        elif para_start is None:
            para_start = pos
        elif not _is_soft_wrap(previous_line, line):
            spans.append(_trimmed(text, para_start, pos))
            para_start = pos
        previous_line = line
        pos = match.end()
    if para_start is not None:
        spans.append(_trimmed(text, para_start, len(text)))
    return [span for span in spans if span is not None]


def split_sentences(text: str, paragraph: Span, lang: str) -> list[Span]:
    """Sentence spans (document offsets) inside one paragraph."""
    chunk = text[paragraph.start : paragraph.end]
    pieces = sentencex.segment(lang or "en", chunk)
    if chunk and len(pieces) == 1 and pieces[0].strip() == chunk:  # one sentence: what the loop below finds
        return [Span(paragraph.start, paragraph.start + len(chunk))]
    spans: list[Span] = []
    cursor = 0
    pending_start: int | None = None  # a piece with no letters ("2.") waits for the next one
    for piece in pieces:
        stripped = piece.strip()
        if not stripped:
            continue
        found = chunk.find(stripped, cursor)
        if found < 0:
            break  # the segmenter altered the text: keep the rest as one sentence below
        start = paragraph.start + found if pending_start is None else pending_start
        cursor = found + len(stripped)
        if not _HAS_LETTER.search(stripped):
            pending_start = start  # list numbers and stray punctuation belong to a sentence
            continue
        pending_start = None
        spans.append(Span(start, paragraph.start + cursor))
    rest = _trimmed(text, paragraph.start + cursor, paragraph.end)
    if pending_start is not None or rest is not None:
        start = pending_start if pending_start is not None else rest.start
        end = rest.end if rest is not None else paragraph.start + cursor
        if spans and not _HAS_LETTER.search(text[start:end]):
            spans[-1] = Span(spans[-1].start, end)  # trailing punctuation joins the last sentence
        else:
            spans.append(Span(start, end))
    return spans
