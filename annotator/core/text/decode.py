"""Bytes -> text: BOM, BOM-less UTF-16, strict UTF-8, UTF-8 with a few bad bytes (replaced, with
a warning naming the lines), then a detector whose candidates are weighed by the language model;
binary is refused, and so is a legacy encoding that no candidate reads plausibly.

`decode_text` returns text or raises InputError, for any input whatsoever (fuzzed in tests).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
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
# Legacy code pages the detector leaves out or ranks low (DOS's cp850 and cp437 for German and
# French, ISO-8859-2 against cp1250, KOI8-R and cp866 for Russian): decoded as well, and weighed
# by the same language model. Multi-byte ones (CJK) likewise, against each other.
_LEGACY_SINGLE_BYTE = ("cp850", "cp437", "iso8859_2", "cp852", "cp1250", "iso8859_15", "cp1251", "koi8_r", "cp866",
                       "cp1253")
_LEGACY_MULTI_BYTE = ("cp932", "euc_jp", "gb18030", "big5", "cp949")
# A UTF-8 file with a few bad bytes (a stray byte, a line pasted from a cp1252 or cp1251 file, a
# Latin-1 tail) is read as UTF-8 when at least this share of its non-ASCII byte sequences, or of
# its lines holding non-ASCII bytes, is valid UTF-8: text in a legacy encoding reads as valid
# UTF-8 by accident only rarely (under a tenth of its sequences, almost never a whole line).
MOSTLY_UTF8 = 0.75
_SCORED_BYTES = 1 << 16  # of lines with non-ASCII bytes, weighed (the rest is ASCII: equal in every candidate)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    warning: str | None = None  # one line naming the file, when bytes were replaced


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
_FLOOR = -9.9  # about log(langdetect's smoothing): an unknown n-gram's score


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


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5]))
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def _mostly_utf8(raw: bytes, source: str) -> DecodedText | None:
    """UTF-8 with its invalid bytes replaced by U+FFFD, and a warning naming the lines, when
    nearly all of the non-ASCII sequences are valid UTF-8 (MOSTLY_UTF8); else None."""
    text = raw.decode("utf-8", "replace")
    genuine = raw.count("\ufffd".encode("utf-8"))  # U+FFFD that the file itself holds
    invalid = text.count("\ufffd") - genuine
    valid = len(text) - len(text.encode("ascii", "ignore")) - invalid - genuine
    if valid <= 0:
        return None
    lines, good_lines = [], 0  # the numbers of the bad lines; how many non-ASCII lines are good
    number, counted = 1, 0
    for start, end in _non_ascii_lines(raw):
        number += raw.count(b"\n", counted, start)
        counted = start
        try:
            raw[start:end].decode("utf-8")
            good_lines += 1
        except UnicodeDecodeError:
            lines.append(number)
    if valid < MOSTLY_UTF8 * (valid + invalid) and good_lines < MOSTLY_UTF8 * (good_lines + len(lines)):
        return None
    warning = (f"{source}: not valid UTF-8 on {_line_list(lines)}: read as UTF-8, the {invalid} bad "
               f"byte sequence{'s' if invalid > 1 else ''} replaced by U+FFFD; save the file as UTF-8 to keep "
               f"{'them' if invalid > 1 else 'it'}")
    return DecodedText(text, "utf-8", warning)


def implausible_words(text: str) -> int:
    """Words a wrong legacy decoding gives away: a sign inside a word ("Gespr„che", "d‚clar‚"),
    letters of two scripts in one word ("MinistЉre"), a non-ASCII capital after a small letter
    ("trŠs"), box drawing; and the Hangul compatibility letters that Korean prose never uses
    alone but a CJK file read as cp949 is full of."""
    count = 0
    for word in text.split():
        if word.isascii():
            continue
        scripts = set()
        suspicious = False
        for i, ch in enumerate(word):
            if ch.isalpha():
                if ord(ch) > 0x7f:
                    if 0x3131 <= ord(ch) <= 0x318e:
                        suspicious = True
                    elif ch.isupper() and i and word[i - 1].islower():
                        suspicious = True
                    scripts.add(unicodedata.name(ch, "?").split(" ", 1)[0])
                else:
                    scripts.add("LATIN")
            elif 0 < i < len(word) - 1 and _alphabetic(word[i - 1]) and _alphabetic(word[i + 1]) \
                    and not ch.isalnum() and ch not in "'’-‐.·&/" and not unicodedata.category(ch).startswith("M"):
                suspicious = True
            elif 0x2500 <= ord(ch) <= 0x259f:
                suspicious = True
        if suspicious or len(scripts - _CJK_SCRIPTS) > 1:  # CJK runs without spaces hold Latin words too
            count += 1
    return count


_CJK_SCRIPTS = {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "HANGUL", "HALFWIDTH", "FULLWIDTH", "IDEOGRAPHIC"}


def _alphabetic(ch: str) -> bool:
    """A letter of an alphabet (CJK text runs without spaces: signs between its characters are normal)."""
    return ch.isalpha() and ord(ch) < 0x2E80


def _non_ascii_lines(raw: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of each line holding a non-ASCII byte, in order (each byte looked at once)."""
    position = 0
    while (match := _NON_ASCII.search(raw, position)) is not None:
        start = raw.rfind(b"\n", 0, match.start()) + 1
        end = raw.find(b"\n", match.start())
        end = len(raw) if end < 0 else end
        yield start, end
        position = end + 1


def _sample(raw: bytes) -> bytes:
    """The lines holding non-ASCII bytes (_SCORED_BYTES of them): where the candidate
    decodings differ, with the words around them that tell the language."""
    lines, size = [], 0
    for start, end in _non_ascii_lines(raw):
        lines.append(raw[start:min(end, start + _SCORED_BYTES)])
        size += len(lines[-1]) + 1
        if size >= _SCORED_BYTES:
            break
    return b"\n".join(lines)[:_SCORED_BYTES]


# What each CJK decoder reads common text as: a character outside it is rare in real text but
# frequent when the bytes were written in another CJK encoding (Shift-JIS read as GBK gives rare
# hanzi, read as cp949 Hangul syllables outside KS X 1001), and kana are Japanese only.
_JAPANESE = ("cp932", "shift_jis", "euc_jp", "euc_jis_2004", "shift_jis_2004", "euc_jisx0213")
_CHINESE = {"gb18030": "gb2312", "gbk": "gb2312", "gb2312": "gb2312", "big5": "big5", "big5hkscs": "big5",
            "cp950": "big5"}
_KOREAN = ("cp949", "euc_kr", "johab")
_JIS_LEVEL_2 = (range(0x98, 0xA0), range(0xE0, 0xFD))  # Shift-JIS lead bytes of rarer kanji and extensions
_BIG5_LEVEL_2 = (range(0xC6, 0xFA),)  # Big5 lead bytes of its kana, extensions and rarer hanzi


def _rare_by_lead(ch: str, encoding: str, rare_leads) -> bool:
    encoded = ch.encode(encoding, "replace")
    return encoded == b"?" or (len(encoded) == 2 and any(encoded[0] in leads for leads in rare_leads))


def rare_cjk(text: str, encoding: str) -> int:
    """Characters unlikely in real text read with `encoding` (a CJK one; 0 for others)."""
    japanese = encoding in _JAPANESE
    if not japanese and encoding not in _CHINESE and encoding not in _KOREAN:
        return 0
    count = 0
    for ch in text:
        code = ord(ch)
        if code < 0x2E80:
            continue
        if 0x3040 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:  # kana, full and half width
            count += not japanese
        elif japanese:
            count += _rare_by_lead(ch, "cp932", _JIS_LEVEL_2)
        elif encoding in _KOREAN:  # outside KS X 1001 (Python's EUC-KR spells those in 8 bytes)
            count += len(ch.encode("euc_kr", "replace")) != 2
        elif _CHINESE[encoding] == "big5":
            count += _rare_by_lead(ch, "big5", _BIG5_LEVEL_2)
        else:
            count += ch.encode("gb2312", "replace") == b"?"
    return count


def _guess_encoding(raw: bytes, source: str) -> DecodedText | None:
    """The decoding of the bytes that the language model finds most natural, among
    charset-normalizer's candidates and the common legacy code pages that read them without
    error; InputError when even that one reads like a wrong decoding."""
    import charset_normalizer

    from annotator.core.text.language import model

    # Only encodings that read ASCII as ASCII: a guess of UTF-7, UTF-16 or EBCDIC for bytes
    # that passed none of the checks above is a misreading.
    matches = [match for match in charset_normalizer.from_bytes(raw) if is_ascii_compatible(match.encoding)]
    names: dict[str, None] = {}  # in order of preference when two read the same
    for match in matches:
        names.setdefault(codecs.lookup(match.encoding).name)
    multi_byte = bool(matches) and len(str(matches[0])) != len(raw)
    for encoding in (_LEGACY_MULTI_BYTE if multi_byte else _EXTRA_CANDIDATES + _LEGACY_SINGLE_BYTE):
        names.setdefault(codecs.lookup(encoding).name)
    sample = _sample(raw)
    candidates: dict[str, str] = {}  # the sample's decoding -> the encoding that reads the whole file
    for name in names:
        text = _strict(raw, name)  # (one decoded copy at a time: a file may be 50 MB)
        if text is None or (not multi_byte and len(text) != len(raw)):
            continue
        del text
        decoded_sample = sample.decode(name, "replace")
        if decoded_sample not in candidates or name in _EXTRA_CANDIDATES:  # the same text under its common name
            candidates[decoded_sample] = name
    if not candidates:
        return None
    lm = model()
    scored = {text: lm.plausibility(text) + (12 * implausible_words(text) + 6 * rare_cjk(text, encoding)) * _FLOOR
              for text, encoding in candidates.items()}
    chosen = max(candidates, key=lambda text: (scored[text], candidates[text] in _EXTRA_CANDIDATES))
    encoding = candidates[chosen]
    odd = implausible_words(chosen)
    if odd > max(1, 0.05 * len(chosen.split())):
        raise InputError(source, f"is not valid UTF-8, and no encoding reads it plausibly (the likeliest, {encoding}, "
                                 f"gives {odd} garbled words): save it as UTF-8 and import it again")
    return DecodedText(raw.decode(encoding), encoding)


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
    mostly = _mostly_utf8(raw, source)
    if mostly is not None:
        return DecodedText(check_text(mostly.text, source), mostly.encoding, mostly.warning)
    guessed = _guess_encoding(raw, source)
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
