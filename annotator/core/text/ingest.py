"""Files -> source documents (plain text plus what we know about where it came from).

Formats: plain text (.txt), Markdown (.md), HTML (.html/.htm: main text only, through
trafilatura; no script runs and nothing is fetched) and JSONL (.jsonl: one document per line).
Anything unreadable raises InputError naming the file (and the line, for JSONL).
"""

from __future__ import annotations

import codecs
import copy
import hashlib
import json
import logging
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.text.decode import DecodedText, check_text, decode_text, is_ascii_compatible
from annotator.core.text.streamed import streamed_file
from annotator.open_files import open_in_this_process
from annotator.errors import InputError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

FORMATS = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html",
    ".jsonl": "jsonl",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LANG_CODE = re.compile(r"[a-z]{2,3}")


@dataclass
class SourceDocument:
    """One document as read from a file, before language detection and segmentation."""

    text: str  # or, for a large UTF-8 file, a streamed.StreamedText (sliced like a str, never whole)
    title: str
    source_path: str
    sha256: str
    format: str
    encoding: str | None = None
    lang: str | None = None  # given by the file (JSONL), not detected
    group: str | None = None
    external_id: str | None = None
    metadata: dict = field(default_factory=dict)
    warning: str | None = None  # one line naming the file: bytes that were not valid UTF-8, replaced


def _size_problem(size: int | None, max_bytes: int) -> str:
    """`size` None: the file turned out larger than the limit while being read."""
    return (f"is {f'{size / 1e6:.1f} MB, ' if size is not None else ''}over the {max_bytes / 1e6:.1f} MB limit "
            "(raise it with --max-size-mb)")


def _format_of(path: Path, source: str) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        raise InputError(source, f"unsupported file type {path.suffix or '(no extension)'!r}; supported: {supported}")
    return fmt


def _unreadable(error: OSError, source: str) -> InputError:
    if isinstance(error, FileNotFoundError):
        return InputError(source, "no such file")
    if isinstance(error, IsADirectoryError):
        return InputError(source, "is a directory, not a file")
    if isinstance(error, PermissionError):
        return InputError(source, "cannot be read: permission denied")
    return InputError(source, f"cannot be read: {(error.strerror or str(error)).lower()}")


def _check_mode(mode: int, source: str) -> None:
    if stat.S_ISDIR(mode):
        raise InputError(source, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise InputError(source, "is not a regular file (a device, FIFO or socket)")


def _open_regular(path: Path, source: str, max_bytes: int) -> int:
    """A descriptor open for reading on a regular file within the size limit, or InputError.

    Symlinks are followed; devices (/dev/zero, /dev/urandom), FIFOs and sockets are refused
    before they are opened where possible, and checked again on the open descriptor (opened
    with O_NONBLOCK, so a FIFO cannot make the check itself wait for a writer)."""
    try:
        info = os.stat(path)
        _check_mode(info.st_mode, source)
        if open_in_this_process(info):  # opening and closing it would drop SQLite's locks on it
            raise InputError(source, "is the open project file (or its WAL or shared-memory file), not a document")
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise _unreadable(error, source) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(source, "is not a valid file name") from None
    try:
        info = os.fstat(fd)
        _check_mode(info.st_mode, source)  # the path may have been swapped since the stat
        if info.st_size > max_bytes:
            raise InputError(source, _size_problem(info.st_size, max_bytes))
    except BaseException:
        os.close(fd)
        raise
    return fd


def check_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Everything about a file that can be checked without reading it: it exists, is a
    regular file (after symlinks) with a supported extension, can be opened for reading and
    is within the size limit. Returns its format; InputError otherwise."""
    path = Path(path)
    source = str(path)
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        raise _unreadable(error, source) from None
    except ValueError:  # a NUL byte in the name
        raise InputError(source, "is not a valid file name") from None
    if stat.S_ISDIR(mode):
        raise InputError(source, "is a directory, not a file")
    fmt = _format_of(path, source)
    os.close(_open_regular(path, source, max_bytes))
    return fmt


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A regular file's bytes, reading at most `max_bytes` + 1 of them whatever its size
    claims to be (files in /proc say 0; a file may grow while it is read)."""
    source = str(path)
    fd = _open_regular(Path(path), source, max_bytes)
    try:
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)  # a regular file: reads are whole again
        with open(fd, "rb", buffering=0, closefd=False) as handle:
            raw = _read_upto(handle, os.fstat(fd).st_size, max_bytes)
    except OSError as error:
        raise _unreadable(error, source) from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise InputError(source, _size_problem(None, max_bytes))
    return raw


def read_text_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """A user's text file (not one to import: a label file, a sentence-per-line file), with
    the guards `import` has: a regular file within the size limit, decoded or refused
    (InputError naming the file)."""
    return decode_text(read_bytes(path, max_bytes), str(path))


def storable_name(path: str | os.PathLike | bytes) -> str:
    """A file name as text SQLite can store: bytes of the name that are not UTF-8 (which
    Python keeps as lone surrogates) become U+FFFD, so such a file can still be imported and
    its name shown."""
    name = os.fspath(path)
    if isinstance(name, bytes):
        return name.decode("utf-8", "replace")
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a surrogate that did not come from a byte of the name
        return name.encode("utf-8", "replace").decode("utf-8")


def _read_upto(handle, expected: int, max_bytes: int) -> bytes:
    """At most max_bytes + 1 bytes. Usually one read of `expected` + 1 bytes (the file and a
    look past its end) and one empty read: a single buffer, never copied."""
    limit = max_bytes + 1
    want = min(expected + 1, limit)
    chunks: list[bytes] = []
    total = 0
    while total < limit:
        chunk = handle.read(want - total if total < want else min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def read_documents(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceDocument]:
    """Every document in one file, or InputError. Nothing is partially returned."""
    path = Path(path)
    source = str(path)
    fmt = check_file(path, max_bytes)
    if fmt == "text" and (streamed := streamed_file(path, source, max_bytes)) is not None:
        return [SourceDocument(text=streamed, title=storable_name(path.stem), source_path=storable_name(source),
                               sha256=streamed.sha256, format=fmt, encoding=streamed.encoding)]
    raw = read_bytes(path, max_bytes)
    if fmt == "jsonl":
        decoded = decode_text(raw, source)
        del raw
        return _read_jsonl(decoded, source)
    if fmt == "html":
        return [_read_html(raw, source, storable_name(path.stem))]
    sha256 = hashlib.sha256(raw).hexdigest()
    decoded = decode_text(raw, source)
    del raw  # the text alone from here on
    text, title = decoded.text, storable_name(path.stem)
    if fmt == "markdown":
        text, heading = markdown_to_text(decoded.text)
        if not text.strip():
            raise InputError(source, "has no text outside Markdown markup")
        title = heading or title
    encoding, warning = decoded.encoding, decoded.warning
    del decoded
    return [SourceDocument(text=text, title=title, source_path=storable_name(source), sha256=sha256,
                           format=fmt, encoding=encoding, warning=warning)]


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text of a Markdown document, one block per paragraph, and its first heading."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")
    # Every link and image is parsed as one, whatever its URL: markdown-it leaves those it finds
    # unsafe (javascript:, file:, data:) as literal text, which would keep their URLs.
    parser.validateLink = lambda url: True
    tokens = parser.parse(markdown)
    blocks: list[str] = []
    heading: str | None = None
    in_heading = False
    for token in tokens:
        if token.type == "heading_open":
            in_heading = True
        elif token.type == "heading_close":
            in_heading = False
        elif token.type == "inline":
            parts = []
            in_autolink = False  # <https://...>: its text is its URL, dropped with it
            dropped = False
            for child in token.children or []:
                if child.type == "link_open":
                    in_autolink = child.markup == "autolink"
                elif child.type == "link_close":
                    in_autolink = False
                elif in_autolink or child.type == "image":  # an image's alt text goes with it
                    dropped = True
                elif child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            block = "".join(parts).strip()
            if dropped:  # the blanks on both sides of what was dropped become one
                block = re.sub(r" {2,}", " ", block)
            if block:
                blocks.append(block)
                if in_heading and heading is None:
                    heading = block
    return "\n\n".join(blocks), heading


def _read_html(raw: bytes, source: str, stem: str) -> SourceDocument:
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    import trafilatura

    decoded = None
    declared = _META_CHARSET.search(raw[:4096])
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
        label = declared.group(1).decode("ascii")
        try:
            codec = codecs.lookup(label).name
        except LookupError:
            codec = None  # an unknown label: detect the encoding instead
        # A meta tag found in ASCII bytes cannot be right about UTF-16/32 (the HTML standard
        # reads such pages as UTF-8): detect instead. Other encodings that do not read ASCII
        # as ASCII (UTF-7, EBCDIC) would garble or drop text: refused.
        if codec is not None and not codec.startswith(("utf-16", "utf-32")):
            if not is_ascii_compatible(codec):
                raise InputError(source, f"declares the charset {label!r}, which is not ASCII-compatible and "
                                         "is not supported; save the page as UTF-8")
            try:
                decoded = (raw.decode(codec), label.lower())
            except UnicodeDecodeError:
                decoded = None
    warning = None
    if decoded is None:
        result = decode_text(raw, source)
        decoded, warning = (result.text, result.encoding), result.warning
    html, encoding = decoded
    try:
        page = _without_noscript(trafilatura, html)
        text = trafilatura.extract(_copy(page), include_comments=False, include_tables=True, favor_recall=True)
        if not text or not text.strip():
            text = trafilatura.html2txt(_copy(page))
        metadata = trafilatura.extract_metadata(_copy(page))
    except Exception as error:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(source, f"cannot be parsed as HTML ({type(error).__name__})") from None
    if not text or not text.strip():
        raise InputError(source, "has no readable text in its HTML")
    text = check_text(text, source)
    title = (metadata.title if metadata and metadata.title else None) or stem
    return SourceDocument(text=text, title=title, source_path=storable_name(source),
                          sha256=hashlib.sha256(raw).hexdigest(),
                          format="html", encoding=encoding, warning=warning,
                          metadata={"url": metadata.url} if metadata and metadata.url else {})


def _without_noscript(trafilatura, html: str):
    """The page's tree without its <noscript> elements (what a browser shows only with scripts
    off is no more the article than the scripts are); the text itself when it has no tree."""
    from lxml import etree

    tree = trafilatura.load_html(html)
    if tree is None:
        return html
    etree.strip_elements(tree, "noscript", with_tail=False)
    return tree


def _copy(page):
    """Each extraction gets its own tree: trafilatura prunes the tree it is given."""
    return page if isinstance(page, str) else copy.deepcopy(page)


def _max_int_digits() -> int:
    return getattr(sys, "get_int_max_str_digits", lambda: 4300)() or 4300


def iter_lines(text: str):
    """text.split("\n"), one line at a time."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield text[start:]
            return
        yield text[start:end]
        start = end + 1


def parse_json_line(line: str, where: str):
    """One line of a JSONL file, or InputError naming it (`where` is FILE:N), also for what
    Python's json module cannot take: deep nesting, numbers over its digit limit."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        raise InputError(where, f"invalid JSON ({error.msg} at column {error.colno})") from None
    except RecursionError:
        raise InputError(where, "invalid JSON (nested too deeply)") from None
    except ValueError:  # Python's limit on integer digits (sys.get_int_max_str_digits)
        raise InputError(where, f"invalid JSON (a number with more than {_max_int_digits()} digits)") from None


def _read_jsonl(decoded: DecodedText, source: str) -> list[SourceDocument]:
    documents = []
    for number, line in enumerate(iter_lines(decoded.text), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        record = parse_json_line(line, where)
        if not isinstance(record, dict):
            raise InputError(where, f"expected a JSON object, found {type(record).__name__}")
        text = record.pop("text", None)
        if text is None:
            raise InputError(where, 'has no "text" field')
        if not isinstance(text, str):
            raise InputError(where, f'"text" must be a string, not {type(text).__name__}')
        text = check_text(text, where)
        title, lang, group, ext_id = (record.pop(key, None) for key in ("title", "lang", "group", "id"))
        for key, value in (("title", title), ("lang", lang), ("group", group)):
            if value is not None and not isinstance(value, str):
                raise InputError(where, f'"{key}" must be a string, not {type(value).__name__}')
        if lang is not None:
            lang = lang.strip().lower().replace("_", "-").split("-")[0]
            if not _LANG_CODE.fullmatch(lang):
                raise InputError(where, f'"lang" must be a language code such as "en", not {record.get("lang", lang)!r}')
        try:
            line_bytes = line.encode("utf-8")
            json.dumps([record, title, group, ext_id], ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(where, "contains invalid Unicode (unpaired surrogates)") from None
        ext_id = None if ext_id is None else str(ext_id)
        documents.append(SourceDocument(
            text=text,
            title=(title or "").strip() or ext_id or f"{storable_name(Path(source).stem)} line {number}",
            source_path=storable_name(where), sha256=hashlib.sha256(line_bytes).hexdigest(), format="jsonl",
            encoding=decoded.encoding, lang=lang, group=group, external_id=ext_id, metadata=record,
            warning=decoded.warning,
        ))
    if not documents:
        raise InputError(source, "contains only blank lines")
    return documents
