"""Which sentence of a project a labelled line from outside means: by the document's sha256 and
the sentence's offsets (our own exports), by the document's `source_id` and the offsets (a file
another tool made from the same sources), or by the sentence's exact text (a model's predictions,
another tool's labels). Each way is tried in that order, and counted."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from annotator.core.dataset.provenance import source_id as document_source_id
from annotator.core.store import Store

WAYS = ("hash", "source_id", "text")  # the order they are tried in, and their names in reports


@dataclass(frozen=True)
class SentenceKey:
    """What a line says of its sentence; any of it may be missing."""
    doc_sha256: str | None = None
    source_id: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


class SentenceMatcher:
    """Finds sentences for keys, reading what each way needs only once it is first asked for."""

    def __init__(self, store: Store):
        self.store = store
        self.counts: Counter[str] = Counter()  # way -> sentences matched that way; "none", "ambiguous"
        self._by_source: dict[str, list[int]] | None = None
        self._spans: dict[int, dict[tuple[int, int], int]] = {}
        self._by_text: dict[str, list[int]] | None = None
        self._document_of: dict[int, int] | None = None

    def match(self, key: SentenceKey, fallback: SentenceKey | None = None) -> int | None:
        """The sentence `key` names, else (when given) the one `fallback` names; counted once."""
        if fallback is not None:
            found = self._match(key, count_none=False)
            return found if found is not None else self._match(fallback)
        return self._match(key)

    def _match(self, key: SentenceKey, count_none: bool = True) -> int | None:
        if key.doc_sha256 is not None and key.start is not None and key.end is not None:
            found = self.store.documents.sentence_by_span(key.doc_sha256, key.start, key.end)
            if found is not None:
                return self._counted("hash", found)
        documents = self._documents_of(key.source_id) if key.source_id is not None else None
        if documents and key.start is not None and key.end is not None:
            for document_id in documents:
                found = self._span_map(document_id).get((key.start, key.end))
                if found is not None:
                    return self._counted("source_id", found)
        if key.text is not None:
            candidates = self._text_map().get(key.text, [])
            if documents:  # the source narrows a sentence repeated across documents
                narrowed = [c for c in candidates if self._document(c) in documents]
                candidates = narrowed or candidates
            if len(candidates) == 1:
                return self._counted("text", candidates[0])
            if len(candidates) > 1:
                self.counts["ambiguous" if count_none else "ambiguous at first"] += 1
                return None
        if count_none:
            self.counts["none"] += 1
        return None

    def _counted(self, way: str, sentence_id: int) -> int:
        self.counts[way] += 1
        return sentence_id

    def _documents_of(self, source: str) -> list[int]:
        if self._by_source is None:
            self._by_source = {}
            for document_id, external_id, source_path, title in self.store.read(
                    "SELECT id, external_id, source_path, title FROM documents ORDER BY id"):
                self._by_source.setdefault(document_source_id(external_id, source_path, title), []).append(document_id)
        return self._by_source.get(source, [])

    def _span_map(self, document_id: int) -> dict[tuple[int, int], int]:
        if document_id not in self._spans:
            self._spans[document_id] = self.store.documents.sentence_spans(document_id)
        return self._spans[document_id]

    def _text_map(self) -> dict[str, list[int]]:
        if self._by_text is None:
            self._by_text, self._document_of = {}, {}
            for sentence_id, document_id, text in self.store.read(
                    "SELECT id, document_id, text FROM sentences ORDER BY id"):
                self._by_text.setdefault(text, []).append(sentence_id)
                self._document_of[sentence_id] = document_id
        return self._by_text

    def _document(self, sentence_id: int) -> int | None:
        self._text_map()
        return self._document_of.get(sentence_id)

    def summary(self) -> str:
        """`matched by hash 3, source_id 0, text 2`, then what matched nothing."""
        parts = ", ".join(f"{way} {self.counts[way]}" for way in WAYS)
        if self.counts["added"]:  # sentences of documents this import made (formats/new_documents.py)
            parts += f", in the documents added {self.counts['added']}"
        extra = f"; texts found in more than one sentence: {self.counts['ambiguous']}" if self.counts["ambiguous"] else ""
        return f"matched by {parts}{extra}"
