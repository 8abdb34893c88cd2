"""The rows of the Hugging Face export (export_hf.py) as Arrow record batches.

Documents are taken in export order, as many at a time as make about BATCH_ROWS sentences (one
larger document is a batch of its own), so memory follows the batch, not the project. Each batch
is a handful of queries over all its documents at once (sentences; their labels, annotations,
judgements and links), never one per document; what belongs to a document (group, title,
source_id, meta) is read once for the whole project. The columns are built as numpy arrays and
Arrow buffers: texts come from SQLite as UTF-8 bytes and are joined into one buffer that Arrow
checks, numbers go in as they are, and the related rows (annotations, links...) are put into
sentence order with numpy. (pyarrow's `pa.array` is not used: it imports pandas, a third of a
second.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain

import numpy as np

from annotator.core.dataset import provenance
from annotator.core.store import Store

BATCH_ROWS = 16_384
FIXED_COLUMNS = ("group", "doc_id", "doc_title", "source_id", "meta", "lang", "sentence_id", "index", "text",
                 "boilerplate", "start", "end", "start_utf16", "end_utf16", "alignment_confirmed", "labels")
TAIL_COLUMNS = ("annotations", "judged_by", "aligned")

# sentences per document, boilerplate included (an upper bound that the index alone answers)
_COUNTS = "SELECT document_id, count(*) FROM sentences GROUP BY document_id"
_DOCUMENTS = "SELECT d.id, CAST(d.title AS BLOB), CAST(g.name AS BLOB) FROM documents d JOIN groups g ON g.id = d.group_id"
# The sentences of a batch: ?1 the batch's document ids (a JSON list, in export order), ?2 whether
# boilerplate is exported. Texts as UTF-8 bytes.
_BATCH = "FROM json_each(?1) b JOIN sentences s ON s.document_id = b.value"
_CONTENT = "(?2 OR s.boilerplate = 0)"
_SENTENCES = f"""SELECT s.id, b.key, s.idx, CAST(s.text AS BLOB), CAST(s.lang AS BLOB), s.boilerplate, s.start, s.end
    {_BATCH} WHERE {_CONTENT}"""
# What belongs to the batch's sentences: ?1 their ids (a JSON list)
_THESE = "FROM json_each(?1) b"
_CONFIRMED = f"SELECT c.sentence_id {_THESE} JOIN confirmations c ON c.sentence_id = b.value"
_ANNOTATOR_LABELS = f"""SELECT an.sentence_id, an.label_id {_THESE} JOIN annotations an ON an.sentence_id = b.value
    JOIN annotators a ON a.id = an.annotator_id WHERE a.name = ?2"""
_GOLD_LABELS = f"SELECT g.sentence_id, g.labels {_THESE} JOIN gold g ON g.sentence_id = b.value"
# Every annotation (put in order with numpy: oldest first, then in the scheme's order, then by
# id, for the same bytes), and every judgement (labels or 'no label applies'), of the batch's sentences
_ANNOTATIONS = f"""SELECT an.sentence_id, an.annotator_id, an.label_id, an.id, CAST(an.created_at AS BLOB),
    CAST(an.note AS BLOB), CAST(an.origin AS BLOB) {_THESE} JOIN annotations an ON an.sentence_id = b.value"""
_JUDGED = f"SELECT j.sentence_id, j.annotator_id {_THESE} JOIN judgements j ON j.sentence_id = b.value"
# Each link's other side, a row per sentence of it (in its document's order); the rows of one
# (sentence, link) make one `aligned` entry, as in the JSONL, by the other document, then the link.
_ALIGNED = f"""SELECT me.sentence_id, me.link_id, os.document_id, CAST(os.lang AS BLOB), os.id, CAST(os.text AS BLOB),
    l.score, CAST(l.origin AS BLOB)
    {_THESE} JOIN link_sentences me ON me.sentence_id = b.value
    JOIN link_sentences o ON o.link_id = me.link_id AND o.side <> me.side
    JOIN sentences os ON os.id = o.sentence_id JOIN links l ON l.id = me.link_id
    ORDER BY os.document_id, l.id, os.idx"""


def _buffer(pa, array: np.ndarray):
    return pa.py_buffer(np.ascontiguousarray(array))


def _validity(pa, valid: np.ndarray | None):
    return None if valid is None or valid.all() else _buffer(pa, np.packbits(valid, bitorder="little"))


def numbers(pa, values, pa_type, valid: np.ndarray | None = None):
    """An Arrow array of numbers (a numpy array, or ints and floats; `valid` marks the non-nulls)."""
    dtype = {pa.int64(): np.int64, pa.int32(): np.int32, pa.int8(): np.int8, pa.float64(): np.float64}[pa_type]
    array = values.astype(dtype, copy=False) if isinstance(values, np.ndarray) else np.fromiter(values, dtype=dtype)
    return pa.Array.from_buffers(pa_type, len(array), [_validity(pa, valid), _buffer(pa, array)])


def booleans(pa, values):
    array = np.asarray(values, dtype=bool) if isinstance(values, np.ndarray) else np.fromiter(values, dtype=bool)
    return pa.Array.from_buffers(pa.bool_(), len(array), [None, _buffer(pa, np.packbits(array, bitorder="little"))])


def strings(pa, values: list):
    """UTF-8 bytes (or None) as an Arrow string array; bytes that are not UTF-8 (stored by
    another tool) become U+FFFD."""
    count = len(values)
    valid = None
    given = values
    if None in values:
        valid = np.fromiter((v is not None for v in values), dtype=bool, count=count)
        values = [b"" if v is None else v for v in values]
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=count)
    offsets = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    data = pa.py_buffer(b"".join(values))
    if offsets[-1] < 2**31:
        array = pa.StringArray.from_buffers(count, _buffer(pa, offsets.astype(np.int32)), data, _validity(pa, valid))
    else:
        array = pa.LargeStringArray.from_buffers(count, _buffer(pa, offsets), data, _validity(pa, valid))
    try:
        array.validate(full=True)
    except pa.ArrowInvalid:
        return strings(pa, [None if v is None else v.decode("utf-8", "replace").encode("utf-8") for v in given])
    return array if offsets[-1] < 2**31 else array.cast(pa.string())


def _picked(values, index: np.ndarray) -> list:
    """values[i] for each i of `index`."""
    return [values[i] for i in index.tolist()]


def _offsets(pa, rows: np.ndarray, count: int):
    """List offsets for items that belong to `rows` (sorted), `count` rows in all."""
    offsets = np.zeros(count + 1, dtype=np.int32)
    np.cumsum(np.bincount(rows, minlength=count), out=offsets[1:])
    return numbers(pa, offsets, pa.int32())


def _table(rows: list[tuple], width: int) -> np.ndarray:
    """Rows of integers as a (rows, width) array."""
    return np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=len(rows) * width).reshape(-1, width)


class _Rows:
    """Where a sentence id is among a batch's rows."""

    def __init__(self, ids: np.ndarray):
        self.ids, self.sorter = ids, np.argsort(ids, kind="stable")
        self.json = json.dumps(ids.tolist())

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row of each wanted id, whether it is there at all)."""
        if not len(self.ids):
            return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, wanted, sorter=self.sorter), len(self.ids) - 1)
        rows = self.sorter[at]
        return rows, self.ids[rows] == wanted


class BatchBuilder:
    """Record batches of the export's rows, for one store, schema and layer."""

    def __init__(self, store: Store, pa, schema, include_boilerplate: bool, layer: str):
        self.store, self.pa, self.schema, self.layer = store, pa, schema, layer
        self.boilerplate = int(include_boilerplate)
        labels = store.scheme.labels()
        self.label_count = len(labels)
        self.place = np.full(max((label.id for label in labels), default=0) + 1, -1, dtype=np.int64)
        self.place[[label.id for label in labels]] = np.arange(len(labels))  # label id -> place in the scheme
        self.place_of_name = {label.name: k for k, label in enumerate(labels)}
        self.label_names = [label.name.encode("utf-8") for label in labels]
        people = sorted(store.read("SELECT id, CAST(name AS BLOB) FROM annotators").fetchall(), key=lambda r: r[1])
        self.person = np.full(max((i for i, _ in people), default=0) + 1, -1, dtype=np.int64)
        self.person[[i for i, _ in people]] = np.arange(len(people))  # annotator id -> place by name
        self.person_id = np.array([i for i, _ in people], dtype=np.int64)  # and back
        self.people = [name for _, name in people]
        self.documents = {row[0]: row[1:] for row in store.read(_DOCUMENTS)}
        self.origins = provenance.of_documents(store)
        # the judgements of content sentences and the labels in them, for the card's agreement
        self.judged: list[np.ndarray] = []
        self.labelled: list[np.ndarray] = []
        self.documents_read: set[int] = set()
        self.languages: set[str] = set()  # of the sentences written

    def batches(self, documents: list[int]) -> Iterator:
        batch_rows = BATCH_ROWS  # (read when called, so a test can make batches small)
        counts = dict(self.store.read(_COUNTS).fetchall())
        chunk: list[int] = []
        size = 0
        for document_id in documents:
            if not counts.get(document_id):
                continue
            chunk.append(document_id)
            size += counts[document_id]
            if size >= batch_rows:
                yield self.batch(chunk)
                chunk, size = [], 0
        if chunk or not documents:
            yield self.batch(chunk)
        self.documents_read.update(documents)  # (those with no sentence to export too)

    def agreement_rows(self, all_documents: set[int]) -> tuple[np.ndarray, np.ndarray] | None:
        """(judged, labelled) as agreement_arrays.agreement_of takes them, when the batches read
        every document of `all_documents` (else None: the caller reads them itself)."""
        if not all_documents <= self.documents_read:
            return None
        return (np.concatenate([np.zeros((0, 2), dtype=np.int64), *self.judged]),
                np.concatenate([np.zeros((0, 3), dtype=np.int64), *self.labelled]))

    def _read(self, sql: str, chunk: list[int], *more) -> list[tuple]:
        """Rows of a query over the batch's documents (_BATCH)."""
        return self.store.read(sql, [json.dumps(chunk), self.boilerplate, *more]).fetchall()

    def _of(self, sql: str, where: "_Rows", *more) -> list[tuple]:
        """Rows of a query over the batch's sentences (_THESE)."""
        return self.store.read(sql, [where.json, *more]).fetchall()

    def batch(self, chunk: list[int]):
        pa = self.pa
        rows = self._read(_SENTENCES, chunk)
        count = len(rows)
        ids, keys, indexes, texts, langs, boilerplate, starts, ends = zip(*rows) if rows else ([],) * 8
        ids, keys, indexes, starts, ends = (np.fromiter(v, dtype=np.int64, count=count)
                                            for v in (ids, keys, indexes, starts, ends))
        del rows
        order = np.lexsort((indexes, keys))
        if np.any(order != np.arange(count)):  # SQLite gave them out of order: put them in it
            ids, keys, indexes, starts, ends = ids[order], keys[order], indexes[order], starts[order], ends[order]
            boilerplate = np.asarray(boilerplate, dtype=bool)[order]
            texts, langs = _picked(texts, order), _picked(langs, order)
        text, lang = strings(pa, list(texts)), strings(pa, list(langs))
        self.languages.update(v.decode("utf-8", "replace") for v in set(langs) if v)
        del texts, langs
        where = _Rows(ids)
        document_ids = np.asarray(chunk, dtype=np.int64)
        data = {"doc_id": numbers(pa, document_ids[keys], pa.int64()), "sentence_id": numbers(pa, ids, pa.int64()),
                "index": numbers(pa, indexes, pa.int64()), "text": text, "lang": lang,
                "boilerplate": booleans(pa, np.asarray(boilerplate, dtype=bool)),
                "start": numbers(pa, starts, pa.int64()), "end": numbers(pa, ends, pa.int64())}
        origins = [self.origins[d] for d in chunk]
        titles_groups = [self.documents[d] for d in chunk]
        for column, values in (("group", [g for _, g in titles_groups]), ("doc_title", [t for t, _ in titles_groups]),
                               ("source_id", [o.source_id.encode("utf-8") for o in origins]),
                               ("meta", [o.meta.encode("utf-8") for o in origins])):
            data[column] = strings(pa, _picked(values, keys))
        starts16, ends16 = starts.copy(), ends.copy()
        for key, origin in enumerate(origins):
            if origin.astral:  # a character beyond U+FFFF before an offset counts twice in UTF-16
                mine = keys == key
                wide = np.asarray(origin.astral, dtype=np.int64)
                starts16[mine] += np.searchsorted(wide, starts[mine], side="left")
                ends16[mine] += np.searchsorted(wide, ends[mine], side="left")
        data["start_utf16"], data["end_utf16"] = numbers(pa, starts16, pa.int64()), numbers(pa, ends16, pa.int64())
        confirmed = np.zeros(count, dtype=bool)
        found = np.fromiter((r[0] for r in self._of(_CONFIRMED, where)), dtype=np.int64)
        rows_of, present = where.find(found)
        confirmed[rows_of[present]] = True
        data["alignment_confirmed"] = booleans(pa, confirmed)
        content = ~np.asarray(boilerplate, dtype=bool)
        annotations, judged, (annotated_rows, annotated) = self._annotations(chunk, where, count, content)
        label_rows, places = self._labels(chunk, where, annotated_rows, annotated)
        order = np.lexsort((places, label_rows))
        label_rows, places = label_rows[order], places[order]
        data["labels"] = pa.ListArray.from_arrays(_offsets(pa, label_rows, count), numbers(pa, places, pa.int64()))
        flags = []
        for k in range(self.label_count):
            flag = np.zeros(count, dtype=np.int8)
            flag[label_rows[places == k]] = 1
            flags.append(numbers(pa, flag, pa.int8()))
        arrays = [data[c] for c in FIXED_COLUMNS] + flags
        arrays += [annotations, judged, self._aligned(chunk, where, count)]
        return pa.RecordBatch.from_arrays(arrays, schema=self.schema)

    def _labels(self, chunk: list[int], where: _Rows, annotated_rows: np.ndarray,
                annotated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, label's place in the scheme) of each label of the chosen layer; anyone's are
        the distinct labels of the annotations (`annotated`: rows of annotator id, place)."""
        if self.layer == "all":
            width = self.label_count + 1
            pairs = np.unique(annotated_rows * width + annotated[:, 1])
            return pairs // width, pairs % width
        if self.layer == "gold":
            pairs = [(sentence_id, self.place_of_name[name]) for sentence_id, joined in self._of(_GOLD_LABELS, where)
                     for name in dict.fromkeys(joined.split("|")) if name in self.place_of_name]
            table = _table(pairs, 2)
        else:
            table = _table(self._of(_ANNOTATOR_LABELS, where, self.layer), 2)
            table[:, 1] = self.place[table[:, 1]]
        rows, present = where.find(table[:, 0])
        return rows[present], table[present, 1]

    def _in_sentence_order(self, where: _Rows, sentence_ids: np.ndarray, *, by: np.ndarray | None = None):
        """The rows (of the batch) the items belong to, and the order that puts the items in
        sentence order (keeping their own order, or ordering by `by`, within a sentence)."""
        rows, present = where.find(sentence_ids)
        keep = np.flatnonzero(present)
        keys = (rows[keep],) if by is None else (by[keep], rows[keep])
        order = keep[np.lexsort(keys)] if by is not None else keep[np.argsort(rows[keep], kind="stable")]
        return rows[order], order

    def _annotations(self, chunk: list[int], where: _Rows, count: int, content: np.ndarray):
        """The `annotations` and `judged_by` columns, and (row, [annotator id, label place]) of
        each annotation."""
        pa = self.pa
        found = self._of(_ANNOTATIONS, where)
        sentence_ids, annotators, labels, ids, at, notes, origins = zip(*found) if found else ([],) * 7
        del found
        table = _table(list(zip(sentence_ids, annotators, labels, ids)), 4)
        table[:, 2] = self.place[table[:, 2]]
        rows, present = where.find(table[:, 0])
        order = np.flatnonzero(present)
        times = np.array(at, dtype=bytes) if at else np.zeros(0, dtype="S1")
        order = order[np.lexsort((table[order, 3], table[order, 2], times[order], rows[order]))]
        rows = rows[order]
        annotated = table[order, 1:3]  # annotator id, label place
        self.labelled.append(np.c_[table[order, 0], annotated][content[rows]])
        fields = [strings(pa, _picked(self.people, self.person[annotated[:, 0]])),
                  strings(pa, _picked(self.label_names, annotated[:, 1])),
                  strings(pa, _picked(at, order)), strings(pa, _picked(notes, order)),
                  strings(pa, _picked(origins, order))]
        item = self.schema.field("annotations").type.value_type
        values = pa.StructArray.from_arrays(fields, fields=list(item))
        column = pa.ListArray.from_arrays(_offsets(pa, rows, count), values, type=self.schema.field("annotations").type)
        # who judged each sentence, in name order
        judged = _table(self._of(_JUDGED, where), 2)
        judge_rows, present = where.find(judged[:, 0])
        width = len(self.people) + 1
        pairs = np.unique(judge_rows[present] * width + self.person[judged[present, 1]])
        pair_rows, people = pairs // width, pairs % width
        judged_by = pa.ListArray.from_arrays(_offsets(pa, pair_rows, count), strings(pa, _picked(self.people, people)),
                                             type=self.schema.field("judged_by").type)
        self.judged.append(np.c_[where.ids[pair_rows], self.person_id[people]][content[pair_rows]])
        return column, judged_by, (rows, annotated)

    def _aligned(self, chunk: list[int], where: _Rows, count: int):
        pa = self.pa
        found = self._of(_ALIGNED, where)
        table = _table([row[:3] + (row[4],) for row in found], 4)  # sentence, link, other document, other sentence
        rows, order = self._in_sentence_order(where, table[:, 0])
        table = table[order]
        # one entry per (sentence, link): its first row gives the document, language, score and origin
        first = np.flatnonzero(np.r_[True, (table[1:, 0] != table[:-1, 0]) | (table[1:, 1] != table[:-1, 1])]) \
            if len(table) else np.zeros(0, dtype=np.int64)
        sizes = np.diff(np.r_[first, len(table)])
        texts = []
        ordered = order.tolist()
        for start, size in zip(first.tolist(), sizes.tolist()):
            texts.append(found[ordered[start]][5] if size == 1
                         else b" ".join(found[i][5] for i in ordered[start:start + size]))
        heads = [found[ordered[k]] for k in first.tolist()]
        scores = [row[6] for row in heads]
        valid = np.fromiter((s is not None for s in scores), dtype=bool, count=len(scores))
        fields = [numbers(pa, table[first, 2], pa.int64()), strings(pa, [row[3] for row in heads]),
                  pa.ListArray.from_arrays(_offsets(pa, np.repeat(np.arange(len(first)), sizes), len(first)),
                                           numbers(pa, table[:, 3], pa.int64())),
                  strings(pa, texts),
                  numbers(pa, [0.0 if s is None else s for s in scores], pa.float64(), valid),
                  strings(pa, [row[7] for row in heads])]
        item = self.schema.field("aligned").type.value_type
        values = pa.StructArray.from_arrays(fields, fields=list(item))
        return pa.ListArray.from_arrays(_offsets(pa, rows[first], count), values, type=self.schema.field("aligned").type)
