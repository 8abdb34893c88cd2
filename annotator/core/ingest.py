"""Files -> source documents (plain text plus what we know about where it came from).

Formats: plain text (.txt), Markdown (.md), HTML (.html/.htm: main text only, through
trafilatura; no script runs and nothing is fetched) and JSONL (.jsonl: one document per line).
Anything unreadable raises InputError naming the file (and the line, for JSONL).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.decode import check_text, decode_text
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

    text: str
    title: str
    source_path: str
    sha256: str
    format: str
    encoding: str | None = None
    lang: str | None = None  # given by the file (JSONL), not detected
    group: str | None = None
    external_id: str | None = None
    metadata: dict = field(default_factory=dict)


def read_documents(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceDocument]:
    """Every document in one file, or InputError. Nothing is partially returned."""
    path = Path(path)
    source = str(path)
    fmt = FORMATS.get(path.suffix.lower())
    if not path.exists():
        raise InputError(source, "no such file")
    if path.is_dir():
        raise InputError(source, "is a directory, not a file")
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        raise InputError(source, f"unsupported file type {path.suffix or '(no extension)'!r}; supported: {supported}")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(source, f"is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                                     "(raise it with --max-size-mb)")
        raw = path.read_bytes()
    except PermissionError:
        raise InputError(source, "cannot be read: permission denied") from None
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror or error}") from None
    if fmt == "jsonl":
        return _read_jsonl(raw, source)
    if fmt == "html":
        return [_read_html(raw, source, path.stem)]
    decoded = decode_text(raw, source)
    text, title = decoded.text, path.stem
    if fmt == "markdown":
        text, heading = markdown_to_text(decoded.text)
        if not text.strip():
            raise InputError(source, "has no text outside Markdown markup")
        title = heading or title
    return [SourceDocument(text=text, title=title, source_path=source, sha256=hashlib.sha256(raw).hexdigest(),
                           format=fmt, encoding=decoded.encoding)]


def markdown_to_text(markdown: str) -> tuple[str, str | None]:
    """Plain text of a Markdown document, one block per paragraph, and its first heading."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
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
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type == "softbreak":
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            block = "".join(parts).strip()
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
    if declared and not raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            html = raw.decode(declared.group(1).decode("ascii"))
            decoded = (html, declared.group(1).decode("ascii").lower())
        except (UnicodeDecodeError, LookupError):
            decoded = None
    if decoded is None:
        result = decode_text(raw, source)
        decoded = (result.text, result.encoding)
    html, encoding = decoded
    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
        if not text or not text.strip():
            text = trafilatura.html2txt(html)
        metadata = trafilatura.extract_metadata(html)
    except Exception as error:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(source, f"cannot be parsed as HTML ({type(error).__name__})") from None
    if not text or not text.strip():
        raise InputError(source, "has no readable text in its HTML")
    text = check_text(text, source)
    title = (metadata.title if metadata and metadata.title else None) or stem
    return SourceDocument(text=text, title=title, source_path=source, sha256=hashlib.sha256(raw).hexdigest(),
                          format="html", encoding=encoding,
                          metadata={"url": metadata.url} if metadata and metadata.url else {})


def _read_jsonl(raw: bytes, source: str) -> list[SourceDocument]:
    decoded = decode_text(raw, source)
    documents = []
    for number, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(where, f"invalid JSON ({error.msg} at column {error.colno})") from None
        except RecursionError:
            raise InputError(where, "invalid JSON (nested too deeply)") from None
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
            json.dumps(record, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:
            raise InputError(where, "contains invalid Unicode (unpaired surrogates)") from None
        ext_id = None if ext_id is None else str(ext_id)
        documents.append(SourceDocument(
            text=text, title=(title or "").strip() or ext_id or f"{Path(source).stem} line {number}",
            source_path=where, sha256=hashlib.sha256(line_bytes).hexdigest(), format="jsonl",
            encoding=decoded.encoding, lang=lang, group=group, external_id=ext_id, metadata=record,
        ))
    if not documents:
        raise InputError(source, "contains only blank lines")
    return documents
