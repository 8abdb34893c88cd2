"""Bytes -> text: BOM, strict UTF-8, BOM-less UTF-16, then a detector; binary is refused.

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


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def _binary_kind(raw: bytes) -> str | None:
    for signature, kind in _BINARY_SIGNATURES:
        if raw.startswith(signature):
            return kind
    return None


def _bomless_utf16(raw: bytes) -> str | None:
    """'utf-16-le'/'-be' when the NUL bytes fall on every other byte, as in UTF-16 text."""
    if len(raw) < 4 or len(raw) % 2:
        return None
    pairs = len(raw) // 2
    even_zeros = raw[0::2].count(0)
    odd_zeros = raw[1::2].count(0)
    if odd_zeros > pairs * 0.3 and even_zeros < pairs * 0.05:
        return "utf-16-le"
    if even_zeros > pairs * 0.3 and odd_zeros < pairs * 0.05:
        return "utf-16-be"
    return None


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

    matches = list(charset_normalizer.from_bytes(raw))
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
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # unpaired surrogates cannot be stored or exported
        raise InputError(source, "contains invalid Unicode (unpaired surrogates)") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(source, "contains only whitespace")
    return text


def decode_text(raw: bytes, source: str) -> DecodedText:
    """Decode a text file's bytes, or raise InputError saying why it is not text."""
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
    text = _strict(raw, "utf-8")
    if text is not None:
        return DecodedText(check_text(text, source), "utf-8")
    utf16 = _bomless_utf16(raw)
    if utf16:
        text = _strict(raw, utf16)
        if text is not None:
            return DecodedText(check_text(text, source), utf16)
    if b"\x00" in raw:
        raise InputError(source, "contains NUL bytes: not a text file")
    guessed = _guess_encoding(raw)
    if guessed is None:
        raise InputError(source, "is not text in any encoding we can detect")
    return DecodedText(check_text(guessed.text, source), guessed.encoding)
