"""Bytes -> text: BOM, BOM-less UTF-16, strict UTF-8, then a detector; binary is refused.

`decode_text` returns text or raises InputError, for any input whatsoever (fuzzed in tests).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from annotator.errors import InputError

# Byte-order marks and the Python codec that reads (and drops) each; UTF-32 LE comes before
# UTF-16 LE because its BOM starts with the same two bytes.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_BINARY_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a DOCX/ODT/XLSX file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
)

# Single-byte encodings tried on top of the detector's suggestions: short Western texts are
# ambiguous between cp1250 and cp1252, and the detector too often picks the former.
_EXTRA_CANDIDATES = ("cp1252",)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _binary_kind(raw: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            return kind
    return None


_UTF16_SAMPLE = 1 << 16  # bytes looked at to recognise BOM-less UTF-16


def _bomless_utf16(raw: bytes) -> str | None:
    """'utf-16-le'/'-be' when the bytes look like UTF-16 text without a byte-order mark.

    In UTF-16 text of one alphabet every other byte (the high byte) takes only a few values,
    0 among them (ASCII spaces, digits, punctuation; all of English): 0x00 and 0x04 in
    Russian, 0x00 and 0x20 (quotes, dashes) in German. The low bytes are almost never 0.
    Binary data has NULs on both sides; ASCII text with a stray NUL has varied high bytes."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    sample = raw[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    even, odd = sample[0::2], sample[1::2]
    for high, low, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        high_zeros, low_zeros = high.count(0), low.count(0)
        if high_zeros < max(1, pairs * 0.05) or low_zeros * 10 > high_zeros:
            continue
        counts = sorted((high.count(value) for value in set(high)), reverse=True)
        if sum(counts[:4]) >= pairs * 0.9:
            return encoding
    return None


def _looks_like_text(text: str) -> bool:
    """Mostly letters, digits and whitespace, as prose is (a check on a BOM-less guess)."""
    sample = text[:20000]
    ordinary = sum(1 for ch in sample if ch.isalnum() or ch.isspace())
    return ordinary >= len(sample) * 0.75


_ASCII = bytes(range(0x80))


def is_ascii_compatible(encoding: str) -> bool:
    """Whether the encoding reads and writes the 128 ASCII bytes as ASCII (UTF-8, cp1252,
    Shift-JIS...), unlike UTF-7, UTF-16/32 or EBCDIC code pages."""
    try:
        return _ASCII.decode(encoding) == _ASCII.decode("ascii") and _ASCII.decode("ascii").encode(encoding) == _ASCII
    except (UnicodeError, LookupError):
        return False


def _strict(raw: bytes, encoding: str) -> str | None:
    try:
        return raw.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _guess_encoding(raw: bytes) -> DecodedText | None:
    """charset-normalizer's verdict; among single-byte encodings that read the bytes equally
    cleanly, the decoding the language model finds most natural."""
    import charset_normalizer

    from annotator.core.language import model

    # Only encodings that read ASCII as ASCII: a guess of UTF-7, UTF-16 or EBCDIC for bytes
    # that passed none of the checks above is a misreading.
    matches = [match for match in charset_normalizer.from_bytes(raw) if is_ascii_compatible(match.encoding)]
    if not matches:
        return None
    best = matches[0]
    if len(str(best)) != len(raw):  # a multi-byte encoding: no single-byte look-alikes to weigh
        return DecodedText(str(best), best.encoding)
    candidates: dict[str, str] = {}
    for match in matches:
        text = str(match)
        if match.chaos <= best.chaos + 0.05 and len(text) == len(raw):
            candidates.setdefault(text, match.encoding)
    for encoding in _EXTRA_CANDIDATES:
        text = _strict(raw, encoding)
        if text is not None:
            candidates[text] = encoding  # the same text under its most common name
    lm = model()
    chosen = max(candidates, key=lambda text: (lm.plausibility(text), candidates[text] in _EXTRA_CANDIDATES))
    return DecodedText(chosen, candidates[chosen])


def check_text(text: str, source: str) -> str:
    """Refuse binary-looking or empty text; normalise line ends to \\n."""
    if "\x00" in text:
        raise InputError(source, "contains NUL bytes: not a text file")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        raise InputError(source, f"contains {controls} control characters: looks like binary data, not text")
    if _SURROGATE.search(text):  # unpaired surrogates cannot be stored or exported
        raise InputError(source, "contains invalid Unicode (unpaired surrogates)")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.isspace() or not text:  # (no copy of the text, unlike strip)
        raise InputError(source, "contains only whitespace")
    return text


def decode_text(raw: bytes, source: str, guess: bool = True) -> DecodedText:
    """Decode a text file's bytes, or raise InputError saying why it is not text. With
    `guess` False, text without a byte-order mark must be UTF-8 (a file the app wrote): the
    error names the line of the first byte that is not."""
    if not raw:
        raise InputError(source, "is empty")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = _strict(raw, encoding)
            if text is None:
                name = encoding.removesuffix("-sig").upper()
                raise InputError(source, f"starts with a {name} byte-order mark but is not valid {name}")
            return DecodedText(check_text(text, source), encoding)
    kind = _binary_kind(raw)
    if kind:
        raise InputError(source, f"is {kind}, not text")
    has_nul = b"\x00" in raw
    if has_nul:  # NUL is valid UTF-8, and English or Russian UTF-16 is valid UTF-8 too
        utf16 = _bomless_utf16(raw)
        text = _strict(raw, utf16) if utf16 else None
        if text is not None and "\x00" not in text and _looks_like_text(text):
            return DecodedText(check_text(text, source), utf16)
        del text
    text = _strict(raw, "utf-8")
    if text is not None:
        return DecodedText(check_text(text, source), "utf-8")
    if has_nul:
        raise InputError(source, "contains NUL bytes: not a text file")
    if not guess:
        raise _not_utf8(raw, source)
    guessed = _guess_encoding(raw)
    if guessed is None:
        raise InputError(source, "is not text in any encoding we can detect")
    return DecodedText(check_text(guessed.text, source), guessed.encoding)


def _not_utf8(raw: bytes, source: str) -> InputError:
    """Where the first byte that is not UTF-8 is: file:line, and the byte and its column."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return InputError(f"{source}:{line}", f"is not UTF-8 (byte 0x{raw[error.start]:02x} at column {column})")
    raise ValueError("the bytes are UTF-8")
