"""The relations of each sentence as the JSONL export carries them: head, tail and type, each
side with its sentence, its document and that document's `source_id`, so that a relation
between two documents (a German correction of an English claim) reads on its own. A side that
is a span (migration 19) also has `span`: {start, end, start_utf16, end_utf16, label, text},
offsets in code points and UTF-16 code units of its sentence's text, as the `spans` field has.

A sentence lists every relation it is the head or the tail of; a project with no relation
costs one query per export."""

from __future__ import annotations

import json

from annotator.core.dataset.provenance import source_id
from annotator.core.text.words import utf16_offset
from annotator.core.store import Store

_ANY = "SELECT EXISTS (SELECT 1 FROM relations)"
# Per document: the relations with a head or a tail in it, oldest first.
_OF_DOCUMENT = """
    SELECT r.head_id, hs.document_id, r.tail_id, ts.document_id, r.type, a.name, r.created_at,
           hp.start, hp.end, hp.label, CASE WHEN hp.id IS NULL THEN NULL ELSE hs.text END,
           tp.start, tp.end, tp.label, CASE WHEN tp.id IS NULL THEN NULL ELSE ts.text END
    FROM relations r JOIN sentences hs ON hs.id = r.head_id JOIN sentences ts ON ts.id = r.tail_id
    LEFT JOIN annotators a ON a.id = r.annotator_id
    LEFT JOIN spans hp ON hp.id = r.head_span_id LEFT JOIN spans tp ON tp.id = r.tail_span_id
    WHERE hs.document_id = ?1 OR ts.document_id = ?1 ORDER BY r.id"""
_SOURCE = "SELECT external_id, source_path, title FROM documents WHERE id = ?"


class RelationsJson:
    """Per document, each sentence's relations as a JSON array (UTF-8 bytes)."""

    def __init__(self, store: Store):
        self._store = store
        self._any = bool(store.read(_ANY).fetchone()[0])
        self._sources: dict[int, str] = {}

    def source_id(self, document_id: int) -> str:
        found = self._sources.get(document_id)
        if found is None:
            row = self._store.read(_SOURCE, [document_id]).fetchone()
            found = self._sources[document_id] = source_id(*row) if row else ""
        return found

    def _side(self, sentence_id: int, document_id: int, span) -> dict:
        side = {"sentence_id": sentence_id, "doc_id": document_id, "source_id": self.source_id(document_id)}
        start, end, label, text = span
        if label is not None:
            side["span"] = {"start": start, "end": end, "start_utf16": utf16_offset(text, start),
                            "end_utf16": utf16_offset(text, end), "label": label, "text": text[start:end]}
        return side

    def of_document(self, document_id: int) -> dict[int, bytes]:
        if not self._any:
            return {}
        by_sentence: dict[int, list[dict]] = {}
        for head, head_doc, tail, tail_doc, kind, who, at, *spans in self._store.read(_OF_DOCUMENT, [document_id]):
            entry = {"type": kind, "head": self._side(head, head_doc, spans[:4]),
                     "tail": self._side(tail, tail_doc, spans[4:]), "by": who, "at": at}
            for sentence_id, doc in dict.fromkeys(((head, head_doc), (tail, tail_doc))):  # (two spans of one: once)
                if doc == document_id:
                    by_sentence.setdefault(sentence_id, []).append(entry)
        return {sentence_id: json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode()
                for sentence_id, entries in by_sentence.items()}


RELATIONS_CSV_FIELDS = ("group", "type", "head_sentence_id", "head_doc_id", "head_source_id", "head_lang", "head_text",
                        "tail_sentence_id", "tail_doc_id", "tail_source_id", "tail_lang", "tail_text", "by", "at",
                        "head_span_start", "head_span_end", "head_span_label", "head_span_text", "tail_span_start",
                        "tail_span_end", "tail_span_label", "tail_span_text")  # (a span side: code points; else empty)
_ALL = """
    SELECT g.id, g.name, r.type, r.head_id, hs.document_id, hs.lang, hs.text, r.tail_id, ts.document_id, ts.lang,
           ts.text, a.name, r.created_at, hp.start, hp.end, hp.label, tp.start, tp.end, tp.label
    FROM relations r JOIN sentences hs ON hs.id = r.head_id JOIN sentences ts ON ts.id = r.tail_id
    JOIN documents d ON d.id = hs.document_id JOIN groups g ON g.id = d.group_id
    LEFT JOIN annotators a ON a.id = r.annotator_id
    LEFT JOIN spans hp ON hp.id = r.head_span_id LEFT JOIN spans tp ON tp.id = r.tail_span_id ORDER BY g.id, r.id"""


def relation_rows(store: Store, groups: set[int] | None = None):
    """`--format relations`: one CSV row per relation (RELATIONS_CSV_FIELDS), both sentences'
    text, document and `source_id` on the row, oldest first within each group."""
    sources = RelationsJson(store)
    for group_id, group, kind, head, head_doc, head_lang, head_text, tail, tail_doc, tail_lang, tail_text, who, at, \
            *spans in store.read(_ALL):
        if groups is None or group_id in groups:
            yield (group, kind, head, head_doc, sources.source_id(head_doc), head_lang, head_text,
                   tail, tail_doc, sources.source_id(tail_doc), tail_lang, tail_text, who, at,
                   *_span_cells(head_text, spans[:3]), *_span_cells(tail_text, spans[3:]))


def _span_cells(text: str, span) -> tuple:
    start, end, label = span
    return ("", "", "", "") if label is None else (start, end, label, text[start:end])
