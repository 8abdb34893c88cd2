"""Bitext mode: align two files that already hold one sentence per line (as hunalign and
Vecalign users have them), without a project."""

from __future__ import annotations

import os

from annotator.core import language
from annotator.core.align.engine import Alignment, align
from annotator.core.decode import decode_text
from annotator.errors import InputError


def read_sentence_file(path: str | os.PathLike) -> list[str]:
    """One sentence per line, split on \\n only; a final newline ends the last line."""
    source = os.fspath(path)
    if not os.path.exists(source):
        raise InputError(source, "no such file")
    if os.path.isdir(source):
        raise InputError(source, "is a directory, not a file")
    with open(source, "rb") as handle:
        text = decode_text(handle.read(), source).text
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def align_files(source_path, target_path, source_lang: str | None = None, target_lang: str | None = None,
                method: str = "auto") -> Alignment:
    source, target = read_sentence_file(source_path), read_sentence_file(target_path)
    if method != "length":  # the length engine needs no language: skip loading the language model
        source_lang = source_lang or language.detect(" ".join(source[:200])) or "en"
        target_lang = target_lang or language.detect(" ".join(target[:200])) or "en"
    return align(source, target, source_lang, target_lang, method)
