"""doccano text classification JSONL, both ways: one line per sentence, `{"text": ..., "label":
[...]}`. Out, `label` holds one layer's labels (anyone's, the gold layer's or one annotator's),
and the other keys (our sentence id, the document's source_id, meta, sha256 and offsets) are
what doccano keeps as the example's metadata and writes back. In, each line's labels become the
labels of one annotator (doccano exports one file per user), matched as import-labels matches
(sha256 or source_id with offsets, else the text); an empty `label` stores nothing (doccano has
no "no label applies"). Sequence-labelling spans ([start, end, "X"]) do not map, and are counted."""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.dataset import provenance
from annotator.core.text.decode import decode_text
from annotator.core.dataset.export import _write_file
from annotator.core.dataset.export_rows import layer_labels
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, iter_lines, parse_json_line, read_bytes
from annotator.core.dataset.formats.new_documents import Added, Unit, add_documents, key_after, opened, wants_documents
from annotator.core.dataset.label_matching import SentenceKey, SentenceMatcher
from annotator.core.store import Store
from annotator.errors import AnnotatorError, InputError


def _lines(store: Store, layer: str, include_boilerplate: bool):
    names = [label.name for label in store.scheme.labels()]
    for document_id, _ in store.documents.in_order():
        origin = provenance.of_document(store, document_id)
        sha = store.read("SELECT sha256 FROM documents WHERE id = ?", [document_id]).fetchone()[0]
        if layer == "all":
            chosen: dict[int, list[str]] = {}
            for sentence_id, name in store.read(
                    "SELECT DISTINCT an.sentence_id, lb.name FROM annotations an JOIN sentences s"
                    " ON s.id = an.sentence_id JOIN labels lb ON lb.id = an.label_id WHERE s.document_id = ?",
                    [document_id]):
                chosen.setdefault(sentence_id, []).append(name)
        else:
            chosen = layer_labels(store, document_id, layer)
        for sentence in store.documents.sentences(document_id):
            if sentence.boilerplate and not include_boilerplate:
                continue
            labels = [n for n in names if n in chosen.get(sentence.id, ())]
            yield json.dumps({"text": sentence.text, "label": labels, "sentence_id": sentence.id,
                              "source_id": origin.source_id, "meta": json.loads(origin.meta), "doc_sha256": sha,
                              "start": sentence.start, "end": sentence.end}, ensure_ascii=False) + "\n"


def export_doccano(project: str | os.PathLike, output: str | os.PathLike | None, layer: str = "all",
                   include_boilerplate: bool = False) -> int:
    if output is None or str(output) == "-":
        raise AnnotatorError(None, "--format doccano writes a file: give -o FILE")
    with Store.open(project, readonly=True) as store, store.snapshot():
        if layer not in store.annotations.layers():
            raise AnnotatorError(str(project), f"no layer {layer!r}; layers are: {', '.join(store.annotations.layers())}")
        lines = list(_lines(store, layer, include_boilerplate))
        data = "".join(lines).encode("utf-8")
        return _write_file(Path(output), lambda handle: (handle.write(data), len(lines))[1])


@dataclass
class DoccanoImport:
    lines: int = 0
    labels_added: int = 0
    unmatched: int = 0
    matched: str = ""
    not_mapped: Counter = field(default_factory=Counter)
    added: Added | None = None  # the documents made of the file's texts (add_documents)

    def report(self) -> str:
        left = ", ".join(f"{what}: {count}" for what, count in sorted(self.not_mapped.items()))  # "labels not in the scheme: 1" reads right for any count
        return f"did not map: {left or 'nothing'}"


def _unit(row: dict, key: SentenceKey, where: str) -> Unit:
    """The line's text as a sentence of a new document: ours carry the document's source_id and
    meta; any other line is a document of its own, named by its `id` (else FILE:N, as the
    JSONL import names a line), whose other keys are its metadata."""
    if key.source_id is not None:
        return Unit(key, row.get("meta") if isinstance(row.get("meta"), dict) else {})
    meta = {k: v for k, v in row.items() if k not in ("text", "label", "labels", "id")}
    name = row.get("id")
    return Unit(key, meta, document=str(name) if name is not None else where)


def _line(line: str, where: str, not_mapped: Counter) -> tuple[SentenceKey, list[str], Unit]:
    row = parse_json_line(line, where)
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise InputError(where, 'not a doccano line (needs "text", a string, and "label")')
    raw = row.get("label", row.get("labels", []))
    if not isinstance(raw, list):
        raise InputError(where, f'"label" must be a list, not {type(raw).__name__}')
    labels = []
    for item in raw:
        if isinstance(item, str):
            labels.append(item)
        else:
            not_mapped["spans (sequence labelling)"] += 1
    start, end = row.get("start"), row.get("end")
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (start, end)):
        start = end = None
    sha, source = row.get("doc_sha256"), row.get("source_id")
    key = SentenceKey(sha if isinstance(sha, str) else None, None if source is None else str(source),
                      start, end, row["text"])
    return key, labels, _unit(row, key, os.path.basename(where))


def import_doccano(project: str | os.PathLike, path: str | os.PathLike, annotator: str,
                   max_bytes: int = DEFAULT_MAX_BYTES, add: bool | None = None) -> DoccanoImport:
    """Read a doccano JSONL file as `annotator`'s labels, in one transaction, after checking
    every line (InputError naming FILE:N). With `add` (by default when the project has no
    documents), lines that match no sentence bring their texts in as new documents first."""
    source = os.fspath(path)
    raw = read_bytes(source, max_bytes)
    text = "" if not raw or raw.isspace() else decode_text(raw, source, guess=False).text
    result = DoccanoImport()
    rows = [_line(line, f"{source}:{number}", result.not_mapped)
            for number, line in enumerate(iter_lines(text), start=1) if line.strip()]
    result.lines = len(rows)
    with opened(project, add) as store, store.transaction():
        if wants_documents(store, add):
            result.added = add_documents(store, [unit for *_, unit in rows], source)
            result.not_mapped.update(result.added.not_mapped)
        known = {label.name for label in store.scheme.labels()}
        matcher = SentenceMatcher(store)
        records = []
        for place, (key, labels, unit) in enumerate(rows):
            sentence_id = result.added.sentence_of.get(place) if result.added else None
            if sentence_id is not None:
                matcher.counts["added"] += 1
            else:
                sentence_id = matcher.match(key, key_after(unit, source) if result.added else None)
            if sentence_id is None:
                result.unmatched += 1
                continue
            records += [(sentence_id, label, annotator, None) for label in labels if label in known]
            result.not_mapped["labels not in the scheme"] += sum(1 for label in labels if label not in known)
        result.labels_added = store.annotations.add_many(records) if records else 0
        result.matched = matcher.summary()
    result.not_mapped = +result.not_mapped
    return result
