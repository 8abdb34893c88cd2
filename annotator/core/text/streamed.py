"""A large UTF-8 text file read in pieces, never held whole (issue 29: an import's peak memory).

As one str, a 50 MB file's text takes 50-100 MB (1 or 2 bytes a character), on top of the file's
bytes while it is decoded. A `StreamedText` keeps only where its pieces are: the file is cut
after a line end every CHUNK_BYTES or so, and each piece is decoded and its line ends normalised
on its own whenever it is needed. No UTF-8 sequence holds the byte 0x0A and "\\r\\n" never
straddles a cut, so the pieces joined are exactly the text `decode_text` and `check_text` make of
the whole file. The analysis reads it paragraph by paragraph (several passes, each re-reading the
file), the store slices the sentences from it and writes the document's text from its bytes.

Only a plain UTF-8 file, with or without its byte-order mark, is read this way (`read` returns
None for anything else, and for text that `check_text` refuses: the whole-file path then gives
its usual result or message). A file that changes between passes is refused in one line.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from array import array
from collections.abc import Iterator, Sequence

from annotator.core.text import segment
from annotator.core.text.decode import _BOMS, _CONTROL, _binary_kind
from annotator.errors import InputError

# Files from this size on are streamed (smaller ones are analysed whole, or by the pool's workers).
STREAMED_BYTES = 4 * 1024 * 1024
# Bytes read at a time; a piece ends at the first line end after them.
CHUNK_BYTES = 1 << 20
_UTF8_BOM = b"\xef\xbb\xbf"


def _identity(info: os.stat_result) -> tuple:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _normalized(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


class StreamedText:
    """The normalised text of a UTF-8 file, sliceable like a str (`text[a:b]`, `len(text)`),
    read from the file piece by piece. Slices asked for in order read each piece once."""

    def __init__(self, path: str | os.PathLike, source: str, identity: tuple, bom: bool,
                 byte_starts: list[int], char_starts: list[int], utf8_size: int, sha256: str):
        self.path, self.source, self._identity, self._bom = os.fspath(path), source, identity, bom
        self.sha256 = sha256  # of the file's bytes
        self._byte_starts = byte_starts  # piece i is bytes byte_starts[i]:byte_starts[i + 1]
        self._char_starts = char_starts  # ... and characters char_starts[i]:char_starts[i + 1]
        self.utf8_size = utf8_size  # bytes of the normalised text's UTF-8
        self.encoding = "utf-8-sig" if bom else "utf-8"
        self._window, self._window_start = "", 0  # the pieces read last, and where they start

    def __len__(self) -> int:
        return self._char_starts[-1]

    def __reduce__(self):  # a worker's document: sent back as what it is, the file's place
        return StreamedText, (self.path, self.source, self._identity, self._bom, self._byte_starts,
                              self._char_starts, self.utf8_size, self.sha256)

    # ---------------------------------------------------------------- reading
    def _opened(self):
        handle = open(self.path, "rb")  # noqa: SIM115 (closed by the caller)
        if _identity(os.fstat(handle.fileno())) != self._identity:
            handle.close()
            raise InputError(self.source, "changed while it was being imported: import it again")
        return handle

    def _raw_pieces(self, first: int = 0, last: int | None = None) -> Iterator[tuple[int, bytes]]:
        """(index, bytes) of pieces first..last-1, the byte-order mark left out."""
        last = len(self._byte_starts) - 1 if last is None else last
        with self._opened() as handle:
            handle.seek(self._byte_starts[first])
            for index in range(first, last):
                raw = handle.read(self._byte_starts[index + 1] - self._byte_starts[index])
                if len(raw) != self._byte_starts[index + 1] - self._byte_starts[index]:
                    raise InputError(self.source, "changed while it was being imported: import it again")
                yield index, (raw[len(_UTF8_BOM):] if index == 0 and self._bom else raw)

    def pieces(self, first: int = 0) -> Iterator[str]:
        """The text's pieces in order, from piece `first`."""
        for _, raw in self._raw_pieces(first):
            yield _normalized(raw.decode("utf-8"))

    def utf8_pieces(self) -> Iterator[bytes]:
        """The normalised text's UTF-8, piece by piece (the file's bytes, line ends normalised)."""
        for _, raw in self._raw_pieces():
            yield raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in raw else raw

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("a streamed text is sliced, text[start:end]")
        start, end, _ = index.indices(len(self))
        if end <= start:
            return ""
        window, window_start = self._window, self._window_start
        if not window_start <= start <= window_start + len(window):  # neither here nor just after: read afresh
            window, window_start = "", self._char_starts[bisect.bisect_right(self._char_starts, start) - 1]
        if end > window_start + len(window):  # read on from where the window ends
            position = window_start + len(window)
            first = bisect.bisect_right(self._char_starts, position) - 1
            kept_from = min(start, position)  # (the window was read afresh: from its piece's start)
            parts, skip = [window[kept_from - window_start:]], position - self._char_starts[first]
            for piece in self.pieces(first):
                parts.append(piece[skip:] if skip else piece)
                position, skip = position + len(parts[-1]), 0
                if position >= end:
                    break
            window, window_start = "".join(parts), kept_from
        self._window, self._window_start = window, window_start
        return window[start - window_start:end - window_start]

    def release(self) -> None:
        """Let go of the pieces read last."""
        self._window, self._window_start = "", 0

    # ---------------------------------------------------------------- paragraphs
    def runs(self, sentences_per_line: bool) -> Iterator[tuple[int, str]]:
        """(offset, text) of runs of whole pieces such that no paragraph crosses from one run
        to the next: a run ends at a piece's end unless the next piece's first line continues
        the paragraph (a line hard-wrapped mid-sentence, segment.split_paragraphs)."""
        pending, pending_start, position = [], 0, 0
        for piece in self.pieces():
            if pending and not sentences_per_line:
                last = pending[-1]
                previous_line = last[last.rfind("\n", 0, len(last) - 1) + 1:]
                line_end = piece.find("\n") + 1
                if segment._is_soft_wrap(previous_line, piece[:line_end] if line_end else piece):
                    pending.append(piece)
                    position += len(piece)
                    continue
            if pending:
                yield pending_start, "".join(pending)
            pending, pending_start = [piece], position
            position += len(piece)
        if pending:
            yield pending_start, "".join(pending)

    def paragraphs(self, sentences_per_line: bool = False) -> StreamedParagraphs:
        """The paragraphs' places, found as split_paragraphs (or split_lines) finds them in the
        whole text, and their texts read when asked for."""
        starts, ends = array("q"), array("q")
        split = segment.split_lines if sentences_per_line else segment.split_paragraphs
        for offset, run in self.runs(sentences_per_line):
            for span in split(run):
                starts.append(offset + span.start)
                ends.append(offset + span.end)
        return StreamedParagraphs(self, starts, ends)


class StreamedParagraphs(Sequence[str]):
    """A streamed text's paragraphs: their places (`spans()`), and their texts, sliced from the
    file's pieces as they are read (each pass over them reads the file once)."""

    def __init__(self, text: StreamedText, starts: array, ends: array):
        self._text, self._starts, self._ends = text, starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def spans(self) -> Iterator[segment.Span]:
        return map(segment.Span, self._starts, self._ends)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        return self._text[self._starts[index]:self._ends[index]]

    def __iter__(self) -> Iterator[str]:
        pieces = self._text.pieces()
        buffer, buffer_start = "", 0
        for start, end in zip(self._starts, self._ends):
            while buffer_start + len(buffer) < end:
                done = min(start - buffer_start, len(buffer))  # what lies before this paragraph
                buffer, buffer_start = buffer[done:] + next(pieces), buffer_start + done
            yield buffer[start - buffer_start:end - buffer_start]


def streamed_file(path, source: str, max_bytes: int) -> StreamedText | None:
    """A large UTF-8 text file (STREAMED_BYTES or more) as a StreamedText, or None."""
    from annotator.core.text.ingest import _open_regular, _unreadable  # (ingest imports this module)

    fd = _open_regular(path, source, max_bytes)
    try:
        if os.fstat(fd).st_size < STREAMED_BYTES:
            return None
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # a regular file: reads are whole again
        return read(fd, path, source, max_bytes)
    except OSError as error:
        raise _unreadable(error, source) from None
    finally:
        os.close(fd)


def read(fd: int, path: str | os.PathLike, source: str, max_bytes: int) -> StreamedText | None:
    """A first pass over an open file (the descriptor is read, not closed): a StreamedText when
    it is UTF-8 text that check_text accepts, within `max_bytes`; None otherwise, for the
    whole-file path to read or refuse (a BOM of UTF-16 or -32, a binary signature, a NUL byte,
    bytes that are not UTF-8, control characters, only whitespace; a file over the limit)."""
    digest = hashlib.sha256()
    byte_starts, char_starts = [0], [0]
    controls = characters = utf8_size = 0
    blank, bom, pending = True, False, []
    with open(fd, "rb", buffering=0, closefd=False) as handle:
        identity = _identity(os.fstat(fd))
        while True:
            block = handle.read(CHUNK_BYTES)
            cut = block.rfind(b"\n") + 1
            if block and not cut:  # no line end yet: read on
                pending.append(block)
                continue
            raw = b"".join([*pending, block[:cut] if block else b""])
            pending = [block[cut:]] if block[cut:] else []
            if raw:
                first = len(byte_starts) == 1
                if byte_starts[-1] + len(raw) > max_bytes or b"\x00" in raw:
                    return None
                if first:
                    if _binary_kind(raw) or any(raw.startswith(mark) for mark, _ in _BOMS if mark != _UTF8_BOM):
                        return None
                    bom = raw.startswith(_UTF8_BOM)
                digest.update(raw)
                try:
                    text = raw[len(_UTF8_BOM):].decode("utf-8") if bom and first else raw.decode("utf-8")
                except UnicodeDecodeError:
                    return None
                controls += len(_CONTROL.findall(text))
                characters += len(text)
                text = _normalized(text)
                blank = blank and text.isspace()
                byte_starts.append(byte_starts[-1] + len(raw))
                char_starts.append(char_starts[-1] + len(text))
                utf8_size += len(raw) - (len(_UTF8_BOM) if bom and first else 0) - raw.count(b"\r\n")
                del text
            if not block:
                break
        if _identity(os.fstat(fd)) != identity or byte_starts[-1] != identity[2]:
            return None  # changed while read: the whole-file path reads what is there now
    if characters == 0 or blank or controls > max(2, characters // 100):
        return None
    return StreamedText(path, source, identity, bom, byte_starts, char_starts, utf8_size, digest.hexdigest())
