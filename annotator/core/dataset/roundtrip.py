"""Labels back in from a JSONL export (pre-annotations, round-trips): each line's sentence is
found by its document's sha256 and its character offsets, else by the document's source_id and
the offsets, else by its exact text (label_matching.py), never by row ids, so the file may come
from another project or another tool made from the same documents."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

from annotator.core.text.decode import decode_text
from annotator.core.model import Annotation
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, iter_lines, parse_json_line, read_bytes
from annotator.core.dataset.label_matching import SentenceKey, SentenceMatcher
from annotator.core.dataset.roundtrip_relations import line_relations, resolve
from annotator.core.dataset.roundtrip_spans_answers import MarksImport, line_marks, store_marks
from annotator.core.store import Store, now
from annotator.errors import InputError


@dataclass(frozen=True)
class LabelImport:
    sentences: int  # lines read
    labels_added: int
    labels_present: int
    unmatched: int  # lines whose sentence is not in the project
    unknown_labels: list[str]
    matched: str = ""  # how many sentences matched each way (label_matching.SentenceMatcher.summary)
    judgements: int = 0  # with all_layers: the judgements recorded (labels or 'no label applies')
    gold: int = 0  # with all_layers: the gold decisions written
    relations_added: int = 0  # with all_layers: relations between two sentences of the file, both matched
    relations_present: int = 0
    relations_unmatched: int = 0  # a side matched no sentence here, or the two are in different groups here
    unknown_relation_types: tuple[str, ...] = ()
    marks: MarksImport = field(default_factory=MarksImport)  # with all_layers: spans, answers, flags for discussion


@dataclass(frozen=True)
class Layers:
    """What a line of our JSONL says beyond `labels`: each annotator's annotations, who judged
    the sentence (with the notes on 'no label applies') and the gold layer's decision."""
    annotations: list[tuple[str, str, str | None, str | None, str]]  # annotator, label, at, note, origin
    judged_by: list[str]
    notes: dict[str, str]
    gold: tuple[list[str], str] | None  # labels, method


def _layers(row: dict, where: str) -> Layers:
    def strings(value, keys) -> bool:
        return isinstance(value, dict) and all(isinstance(value.get(k), str) for k in keys)

    annotations = row.get("annotations", [])
    if not isinstance(annotations, list) or not all(strings(a, ("annotator", "label")) for a in annotations):
        raise InputError(where, '"annotations" must be a list of {annotator, label, ...} (our JSONL export\'s)')
    judged = row.get("judged_by", [])
    if not isinstance(judged, list) or not all(isinstance(name, str) for name in judged):
        raise InputError(where, '"judged_by" must be a list of names')
    notes = row.get("judgement_notes", [])
    if not isinstance(notes, list) or not all(strings(n, ("annotator", "note")) for n in notes):
        raise InputError(where, '"judgement_notes" must be a list of {annotator, note}')
    gold = row.get("gold")
    if gold is not None and not (isinstance(gold, dict) and isinstance(gold.get("labels"), list)
                                 and all(isinstance(n, str) for n in gold["labels"])
                                 and gold.get("method", "manual") in ("manual", "majority")):
        raise InputError(where, '"gold" must be null or {labels: [...], method: "manual" or "majority"}')

    try:
        json.dumps([annotations, judged, notes, gold], ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(where, "contains invalid Unicode (unpaired surrogates)") from None

    def text(value):
        return value if isinstance(value, str) else None

    return Layers([(a["annotator"], a["label"], text(a.get("at")), text(a.get("note")),
                    a.get("origin") if a.get("origin") in ("person", "model") else "person") for a in annotations],
                  judged, {n["annotator"]: n["note"] for n in notes},
                  None if gold is None else (gold["labels"], gold.get("method", "manual")))


_MAX_OFFSET = 2**63 - 1  # the largest integer SQLite stores


def _label_line(row, where: str) -> tuple[SentenceKey, list[str]]:
    """(what the line says of its sentence, labels) of one parsed line, or InputError naming
    the line and what is wrong with it. A line names its sentence by doc_sha256 or source_id
    with start and end, or by its text."""
    has_span = isinstance(row, dict) and "start" in row and "end" in row
    if not isinstance(row, dict) or not (
            (has_span and ("doc_sha256" in row or "source_id" in row)) or "text" in row):
        raise InputError(where, "not a sentence line of an annotator JSONL export (needs doc_sha256 or source_id"
                                " with start and end, or text; and labels)")
    sha, source, text, labels = row.get("doc_sha256"), row.get("source_id"), row.get("text"), row.get("labels", [])
    for key, value in (("doc_sha256", sha), ("source_id", source), ("text", text)):
        if value is not None and not isinstance(value, str):
            raise InputError(where, f'"{key}" must be a string, not {_json_type(value)}')
    start, end = row.get("start"), row.get("end")
    if has_span:
        for key, value in (("start", start), ("end", end)):
            # bool is an int in Python; JSON's true is not an offset
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_OFFSET:
                raise InputError(where, f'"{key}" must be a character offset (a whole number from 0), not '
                                        f"{_shown(value)}")
        if start > end:
            raise InputError(where, f'"start" ({start}) is after "end" ({end})')
    else:
        start = end = None
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise InputError(where, f'"labels" must be a list of label names, not {_shown(labels)}')
    try:
        json.dumps([sha, source, text, labels], ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(where, "contains invalid Unicode (unpaired surrogates)") from None
    return SentenceKey(sha, source, start, end, text), labels


def _json_type(value) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", int: "a number",
            float: "a number", type(None): "null"}[type(value)]


def _shown(value) -> str:
    """A JSON value in an error: short ones as written, long ones by their type."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**24:
        return "a number too large"  # (str() of a huge int is slow)
    text = json.dumps(value)
    return text if len(text) <= 40 else _json_type(value)


def import_labels(project: str | os.PathLike, path: str | os.PathLike, annotator: str,
                  max_bytes: int = DEFAULT_MAX_BYTES, all_layers: bool = False,
                  create_missing: bool = False) -> LabelImport:
    """Add the labels of a JSONL export (`path`) for `annotator`, in one transaction. The
    whole file is read and checked before the project is opened: a file that is not a
    regular, readable, decodable file within the size limit, or one bad line, changes nothing
    (InputError naming the file, and the line).

    With `all_layers`, a line's `labels` are not used: every annotator's `annotations` (times,
    notes and origin kept), the `judged_by` judgements ('no label applies' with its note) and
    the `gold` decision come in as the export wrote them (a round trip of the whole project),
    and so do the `relations` between two sentences that both match one here
    (roundtrip_relations.py) and the `spans`, `answers` and `discussion` flags
    (roundtrip_spans_answers.py); `create_missing` first creates the span labels and label
    groups those use that the project lacks."""
    source = os.fspath(path)
    rows, relations = [], []
    raw = read_bytes(source, max_bytes)
    # an export of nothing is empty; an export is UTF-8 (a BOM is allowed), never a guess
    text = "" if not raw or raw.isspace() else decode_text(raw, source, guess=False).text
    del raw
    for number, line in enumerate(iter_lines(text), start=1):
        if line.strip():
            where = f"{source}:{number}"
            row = parse_json_line(line, where)
            key, labels = _label_line(row, where)
            layers = exported_id = marks = None
            if all_layers:
                layers = _layers(row, where)
                exported_id, listed = line_relations(row, where)
                relations += listed
                marks = line_marks(row, where)
            rows.append((key, labels, layers, exported_id, marks))
    del text
    records, unmatched = [], 0
    restored, judgements, decisions, here, marked = [], [], {}, {}, []
    with Store.open(project, create=False) as store, store.transaction(), store.events.acting("import-labels"):
        known = {label.name for label in store.scheme.labels()}
        unknown: set[str] = set()
        matcher = SentenceMatcher(store)
        for key, labels, layers, exported_id, marks in rows:
            sentence_id = matcher.match(key)
            if sentence_id is None:
                unmatched += 1
                continue
            if exported_id is not None:
                here[exported_id] = sentence_id
            if marks is not None:
                marked.append((sentence_id, marks))
            if layers is not None:
                unknown.update({n for _, n, *_ in layers.annotations} - known)
                restored += [Annotation(sentence_id, label, who, at or now(), note, origin)
                             for who, label, at, note, origin in layers.annotations if label in known]
                judgements += [(sentence_id, who, now(), layers.notes.get(who)) for who in layers.judged_by]
                if layers.gold is not None:
                    unknown.update(set(layers.gold[0]) - known)
                    decisions.setdefault(layers.gold[1], []).append(
                        (sentence_id, [n for n in layers.gold[0] if n in known]))
                continue
            for label in labels:
                if label in known:
                    records.append((sentence_id, label, annotator, None))
                else:
                    unknown.add(label)
        added = store.annotations.add_many(records) if records else 0
        if restored:
            added = store.annotations.restore(restored)
            records = restored
        if judgements:
            store.annotations.record_judgements(judgements)
        gold = sum(store.gold.set(found, method) for method, found in sorted(decisions.items()))
        marks_in = store_marks(store, marked, create_missing)  # (first: a relation may end on a span of them)
        linked = resolve(relations, here)
        same_group = [(head, tail, kind, who, at or now(), *spans) for head, tail, kind, who, at, *spans
                      in linked.records if (head != tail or all(spans)) and
                      len({g for _, g in store.documents.of_sentences([head, tail])}) == 1]
        relations_added = store.relations.restore(same_group) if same_group else 0
    return LabelImport(len(rows), added, len(records) - added, unmatched, sorted(unknown), matcher.summary(),
                       len(judgements), gold, relations_added, len(same_group) - relations_added,
                       linked.unmatched + len(linked.records) - len(same_group), tuple(linked.unknown_types),
                       marks_in)
