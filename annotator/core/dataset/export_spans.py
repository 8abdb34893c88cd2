"""Spans in the exports: the JSONL line's `spans` (each with code-point and UTF-16 offsets into
the sentence's text, its label, who made it and when, and the words it covers) and `--format
bio`, one token per line with its BIO tag, a blank line between sentences (CoNLL style, for
token classification). A project with no span costs one query per export."""

from __future__ import annotations

import json
from collections.abc import Iterator

from annotator.core.store import Store
from annotator.core.text.words import bio_tags, utf16_offset

_ANY = "SELECT EXISTS (SELECT 1 FROM spans)"
_OF_DOCUMENT = """
    SELECT s.sentence_id, t.text, s.start, s.end, s.label, a.name, s.created_at
    FROM spans s JOIN sentences t ON t.id = s.sentence_id LEFT JOIN annotators a ON a.id = s.annotator_id
    WHERE t.document_id = ? ORDER BY s.sentence_id, s.start, s.end, s.label, a.name"""
_SENTENCES = """
    SELECT s.id, s.text, d.group_id FROM sentences s JOIN documents d ON d.id = s.document_id
    WHERE (?1 OR s.boilerplate = 0) ORDER BY d.group_id, d.position, s.idx"""


class SpansJson:
    """Per document, each sentence's spans as a JSON array (UTF-8 bytes)."""

    def __init__(self, store: Store):
        self._store = store
        self._any = bool(store.read(_ANY).fetchone()[0])

    def of_document(self, document_id: int) -> dict[int, bytes]:
        if not self._any:
            return {}
        by_sentence: dict[int, list[dict]] = {}
        for sentence_id, text, start, end, label, who, at in self._store.read(_OF_DOCUMENT, [document_id]):
            by_sentence.setdefault(sentence_id, []).append(
                {"start": start, "end": end, "start_utf16": utf16_offset(text, start),
                 "end_utf16": utf16_offset(text, end), "label": label, "text": text[start:end], "by": who, "at": at})
        return {sentence_id: json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
                for sentence_id, entries in by_sentence.items()}


def bio_lines(store: Store, include_boilerplate: bool = False, layer: str = "all",
              groups: set[int] | None = None) -> Iterator[str]:
    """`--format bio`: per sentence a `# sentence_id = N` line, then `token<TAB>tag` lines and a
    blank line. `layer`: one annotator's spans, or "all" (every annotator's; where two overlap,
    the one starting first wins)."""
    who = None if layer == "all" else layer
    with store.snapshot():
        spans: dict[int, set] = {}
        for sentence_id, start, end, label, name in store.read(
                "SELECT s.sentence_id, s.start, s.end, s.label, a.name FROM spans s"
                " JOIN annotators a ON a.id = s.annotator_id"):
            if who is None or name == who:
                spans.setdefault(sentence_id, set()).add((start, end, label))
        for sentence_id, text, group_id in store.read(_SENTENCES, [int(include_boilerplate)]):
            if groups is not None and group_id not in groups:
                continue
            yield f"# sentence_id = {sentence_id}\n"
            for token, tag in bio_tags(text, sorted(spans.get(sentence_id, ()))):
                yield f"{token}\t{tag}\n"
            yield "\n"
