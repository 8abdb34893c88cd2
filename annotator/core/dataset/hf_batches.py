"""The rows of the Hugging Face export (export_hf.py) as Arrow record batches.

Documents are taken in export order, as many at a time as make about BATCH_ROWS sentences (one
larger document is a batch of its own), so memory follows the batch, not the project. Each batch
is a handful of queries over all its documents at once (sentences; their annotations, judgements
and links), never one per document; what belongs to a document (group, title, source_id, meta)
is read once for the whole project. When the batch's documents hold exactly the sentence ids
between two (as an import writes them), the queries read that range of ids; else they look the
batch's ids up one by one. Each query answers with one row for the whole batch: a column's
numbers as a JSON array (parsed by numpy in C), its texts as one buffer of UTF-8 bytes and each
one's length, which becomes an Arrow string array as it is (arrow_columns.py): no Python object
per value. SQLite gives the rows in the export's order (ORDER BY); numpy checks that order and
only puts them in it when it is not. Reading (SQLite, on the store's thread: `read`) and building
(numpy and Arrow, on another: `build`) are apart, so one batch is read while another is built."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from annotator.core.dataset import provenance
from annotator.core.dataset.arrow_columns import (arranged, booleans, distinct, ends, gather, integers, joined_strings,
                                                  list_offsets, named, numbers, pieces, repeated, table)
from annotator.core.dataset.export_groups import GroupAnswers
from annotator.core.store import Store
from annotator.core.store.errors import damaged

BATCH_ROWS = 16_384
FIXED_COLUMNS = ("group", "doc_id", "doc_title", "source_id", "meta", "lang", "sentence_id", "index", "text",
                 "boilerplate", "start", "end", "start_utf16", "end_utf16", "alignment_confirmed", "labels")
TAIL_COLUMNS = ("annotations", "judged_by", "aligned")


def _joined(value: str) -> str:
    """SQL: a text value of every row as one buffer of UTF-8 bytes, and the length in bytes of
    each (NULL as empty: group_concat would leave it out)."""
    value = f"CAST(coalesce({value}, '') AS BLOB)"
    return f"CAST(group_concat({value}, '') AS BLOB), json_group_array(length({value}))"


# sentences per document, boilerplate included, and their first and last id (the index answers)
_SPANS = "SELECT document_id, count(*), min(id), max(id) FROM sentences GROUP BY document_id"
_DOCUMENTS = "SELECT d.id, CAST(d.title AS BLOB), CAST(g.name AS BLOB) FROM documents d JOIN groups g ON g.id = d.group_id"
# The sentences of a batch: ?1 its document ids (a JSON list), or ?1 and ?2 the first and last
# sentence id when its documents hold exactly those between; ?3 whether boilerplate is exported
# (then whether each is boilerplate, in the last column: else none is).
_SENTENCE_COLUMNS = f"""SELECT json_group_array(s.id), json_group_array(s.document_id), json_group_array(s.idx),
    json_group_array(s.start), json_group_array(s.end), CAST(group_concat(CAST(s.text AS BLOB), '') AS BLOB),
    json_group_array(length(CAST(s.text AS BLOB))), {_joined('s.lang')}"""
_LISTED_SENTENCES = "{columns} FROM json_each(?1) b JOIN sentences s ON s.document_id = b.value WHERE (?3 OR s.boilerplate = 0)"
_SPAN_SENTENCES = "{columns} FROM sentences s WHERE s.id BETWEEN ?1 AND ?2 AND (?3 OR s.boilerplate = 0)"
# What belongs to the batch's sentences ({these}: a sentence id among them, _Rows.sql)
_CONFIRMED = "SELECT c.sentence_id FROM confirmations c WHERE {these}"
_ANNOTATOR_LABELS = """SELECT an.sentence_id, an.label_id FROM annotations an JOIN annotators a ON a.id = an.annotator_id
    WHERE {these} AND a.name = ?{more}"""
_GOLD_LABELS = "SELECT g.sentence_id, g.labels FROM gold g WHERE {these}"
# Every annotation of the batch's sentences (put in order in numpy: oldest first, then in the
# scheme's order, then by id, for the same bytes); a note's length is -1 for none; the origin is
# 'person' or 'model' (the schema's CHECK), 1 for 'model'.
_ANNOTATIONS = f"""SELECT json_group_array(an.sentence_id), json_group_array(an.annotator_id),
    json_group_array(an.label_id), json_group_array(an.id), {_joined('an.created_at')},
    CAST(group_concat(CAST(coalesce(an.note, '') AS BLOB), '') AS BLOB),
    json_group_array(CASE WHEN an.note IS NULL THEN -1 ELSE length(CAST(an.note AS BLOB)) END),
    json_group_array(an.origin = 'model') FROM annotations an WHERE {{these}}"""
ORIGINS = [b"person", b"model"]
# and every judgement (labels or 'no label applies')
_JUDGED = "SELECT json_group_array(j.sentence_id), json_group_array(j.annotator_id) FROM judgements j WHERE {these}"
# Each link's other side, a row per sentence of it; the rows of one (sentence, link) make one
# `aligned` entry, as in the JSONL: by the other document, then the link, then the other
# sentences in their document's order (put in order in numpy).
_ALIGNED = f"""SELECT json_group_array(me.sentence_id), json_group_array(me.link_id), json_group_array(os.document_id),
    json_group_array(os.id), json_group_array(os.idx), {_joined('os.lang')}, {_joined('os.text')}
    FROM link_sentences me JOIN link_sentences o ON o.link_id = me.link_id AND o.side <> me.side
    JOIN sentences os ON os.id = o.sentence_id WHERE {{these}}"""
# The links' scores as numbers (as text SQLite would round them) and origins: ?1 their ids, as
# the aligned rows list them (a link_sentences row of no link has no entry, as in the JSONL)
_LINKS = "SELECT l.id, l.score, CAST(l.origin AS BLOB) FROM links l WHERE l.id IN (SELECT value FROM json_each(?1))"


def _comparable(data: bytes, lengths: np.ndarray) -> tuple[np.ndarray, bool]:
    """Strings as a numpy array of bytes that compares as SQLite does (times to order by), and
    whether it holds them as they are (all of one length: its bytes are theirs)."""
    width = int(lengths[0]) if len(lengths) else 0
    if width and (lengths == width).all():  # times of one length, as we write them
        return np.frombuffer(data, dtype=f"S{width}"), True
    return np.array(pieces(data, lengths) or [b""], dtype=bytes)[:len(lengths)], False


def _distinct(data: bytes, lengths: np.ndarray) -> set[str]:
    """The distinct non-empty values of strings (the languages of a batch's sentences)."""
    width = int(lengths[0]) if len(lengths) else 0
    if width in (1, 2, 4, 8) and (lengths == width).all():  # codes of one length ('en', 'hu'): as numbers
        values = distinct(np.frombuffer(data, dtype=f"u{width}")).view(f"S{width}").tolist()
    else:
        values = set(pieces(data, lengths))
    return {value.decode("utf-8", "replace") for value in values if value}


def _these(span: tuple[int, int] | None, listed: str) -> tuple[str, list]:
    """How a query names the batch's sentences: the ids between two, or the JSON list of them
    that the sentence query gave (`{}`: the column), and its parameters."""
    if span is not None:
        return "{} BETWEEN ?1 AND ?2", list(span)
    return "{} IN (SELECT value FROM json_each(?1))", [listed]


@dataclass
class RawBatch:
    """What SQLite answered for one batch (read on the store's thread), before numpy and Arrow
    make it a record batch (on any thread): the one row of each aggregate query, the rows of
    the others."""
    chunk: list[int]
    sentences: tuple
    annotations: tuple
    judged: tuple
    aligned: tuple
    links: list[tuple]
    confirmed: list[tuple]
    labels: list[tuple] | None  # the gold or annotator layer's (None for "all")
    answers: dict | None = None  # sentence -> (its answers as JSON, who flagged it), with label groups only


class _Rows:
    """The batch's sentences: where an id is among its rows."""

    def __init__(self, ids: np.ndarray):
        self.ids, self.sorter = ids, np.argsort(ids, kind="stable")

    def find(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row of each wanted id, whether it is there at all)."""
        if not len(self.ids):
            return np.zeros(len(wanted), dtype=np.int64), np.zeros(len(wanted), dtype=bool)
        at = np.minimum(np.searchsorted(self.ids, wanted, sorter=self.sorter), len(self.ids) - 1)
        rows = self.sorter[at]
        return rows, self.ids[rows] == wanted


class BatchBuilder:
    """Record batches of the export's rows, for one store and layer: `read` asks SQLite (on the
    store's thread), `build` makes the Arrow batch of what it read (on any thread, with pyarrow
    and the schema), so the next batch is read while one is built."""

    def __init__(self, store: Store, include_boilerplate: bool, layer: str):
        self.store, self.layer = store, layer
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
        self.group_answers = GroupAnswers(store, layer)
        self.with_groups = self.group_answers.any  # the answers and discussion columns

    def reads(self, documents: list[int]) -> Iterator[RawBatch]:
        """What SQLite answers for each batch of `documents`, in turn."""
        batch_rows = BATCH_ROWS  # (read when called, so a test can make batches small)
        spans = {row[0]: row[1:] for row in self.store.read(_SPANS).fetchall()}
        chunk: list[int] = []
        size, first, last = 0, None, None
        for document_id in documents:
            if document_id not in spans:
                continue
            count, low, high = spans[document_id]
            chunk.append(document_id)
            size, first, last = size + count, low if first is None else min(first, low), high if last is None else max(last, high)
            if size >= batch_rows:
                yield self.read(chunk, (first, last) if last - first + 1 == size else None)
                chunk, size, first, last = [], 0, None, None
        if chunk or not documents:
            yield self.read(chunk, (first, last) if chunk and last - first + 1 == size else None)
        self.documents_read.update(documents)  # (those with no sentence to export too)

    def read_all(self, all_documents: set[int]) -> bool:
        """Whether the batches read every document of `all_documents`."""
        return all_documents <= self.documents_read

    def agreement_rows(self) -> tuple[np.ndarray, np.ndarray]:
        """(judged, labelled) of the batches built, as agreement_arrays.agreement_of takes them."""
        return (np.concatenate([np.zeros((0, 2), dtype=np.int64), *self.judged]),
                np.concatenate([np.zeros((0, 3), dtype=np.int64), *self.labelled]))

    def _values(self, row: tuple, buffers: tuple[int, ...]) -> list:
        """The values of an aggregate query's one row: the columns at `buffers` as bytes, the
        others (a number for each row) as arrays."""
        try:
            values = [value or b"" if k in buffers else integers(value) for k, value in enumerate(row)]
        except ValueError:
            values = None
        if values is None or len({len(v) for k, v in enumerate(values) if k not in buffers}) > 1:
            raise damaged(str(self.store.path), "a sentence, annotation or link has a number that is no whole"
                                                " number, or none")
        return values

    def read(self, chunk: list[int], span: tuple[int, int] | None) -> RawBatch:
        """Every query of one batch: its documents `chunk`, whose sentences are the ids of `span`
        when given."""
        read = self.store.read
        sql = (_SPAN_SENTENCES if span else _LISTED_SENTENCES).format(
            columns=_SENTENCE_COLUMNS + (", json_group_array(s.boilerplate)" if self.boilerplate else ""))
        sentences = read(sql, [*(span or (json.dumps(chunk), None)), self.boilerplate]).fetchone()
        these, parameters = _these(span, sentences[0])

        def query(template: str, column: str, *more):
            return read(template.format(these=these.format(column), more=len(parameters) + 1), [*parameters, *more])

        aligned = query(_ALIGNED, "me.sentence_id").fetchone()
        labels = None
        if self.layer == "gold":
            labels = query(_GOLD_LABELS, "g.sentence_id").fetchall()
        elif self.layer != "all":
            labels = query(_ANNOTATOR_LABELS, "an.sentence_id", self.layer).fetchall()
        answers = None
        if self.with_groups:
            answers = {}
            for document_id in chunk:
                given, flags = self.group_answers.of_document(document_id)
                for sentence_id in given.keys() | flags.keys():
                    answers[sentence_id] = (json.dumps(given.get(sentence_id, {}), ensure_ascii=False),
                                            [f["by"] for f in flags.get(sentence_id, ())])
        return RawBatch(chunk, sentences, query(_ANNOTATIONS, "an.sentence_id").fetchone(),
                        query(_JUDGED, "j.sentence_id").fetchone(), aligned,
                        read(_LINKS, [aligned[1] or "[]"]).fetchall(), query(_CONFIRMED, "c.sentence_id").fetchall(),
                        labels, answers)

    def batch(self, chunk: list[int], span: tuple[int, int] | None, pa, schema):
        """One batch read and built on this thread."""
        return self.build(self.read(chunk, span), pa, schema)

    def build(self, raw: RawBatch, pa, schema):
        """The record batch of what `read` gave (no SQL here)."""
        chunk = raw.chunk
        ids, documents, indexes, starts, ends_, texts, text_lengths, langs, lang_lengths, *boilerplate = \
            self._values(raw.sentences, buffers=(5, 7))
        boilerplate = boilerplate[0] if boilerplate else np.zeros(len(ids), dtype=np.int64)
        self.languages |= _distinct(langs, lang_lengths)
        chunk_ids = np.asarray(chunk, dtype=np.int64)
        sorter = np.argsort(chunk_ids)
        keys = sorter[np.searchsorted(chunk_ids, documents, sorter=sorter)] if len(chunk) else documents
        (keys, indexes, ids, boilerplate, starts, ends_), ((texts, text_lengths), (langs, lang_lengths)) = arranged(
            np.ones(len(ids), dtype=bool), [keys, indexes], [ids, boilerplate, starts, ends_],
            [(texts, text_lengths), (langs, lang_lengths)])
        count = len(ids)
        boilerplate = boilerplate.astype(bool)
        where = _Rows(ids)
        data = {"doc_id": numbers(pa, chunk_ids[keys], pa.int64()), "sentence_id": numbers(pa, ids, pa.int64()),
                "index": numbers(pa, indexes, pa.int64()), "text": joined_strings(pa, texts, text_lengths),
                "lang": joined_strings(pa, langs, lang_lengths), "boilerplate": booleans(pa, boilerplate),
                "start": numbers(pa, starts, pa.int64()), "end": numbers(pa, ends_, pa.int64())}
        del texts, langs
        origins = [self.origins[d] for d in chunk]
        per_document = np.bincount(keys, minlength=len(chunk))  # (the rows are in document order)
        titles_groups = [self.documents[d] for d in chunk]
        for column, values in (("group", [g for _, g in titles_groups]), ("doc_title", [t for t, _ in titles_groups]),
                               ("source_id", [o.source_id.encode("utf-8") for o in origins]),
                               ("meta", [o.meta.encode("utf-8") for o in origins])):
            data[column] = repeated(pa, values, per_document)
        starts16, ends16 = starts.copy(), ends_.copy()
        for key, origin in enumerate(origins):
            if origin.astral:  # a character beyond U+FFFF before an offset counts twice in UTF-16
                mine = keys == key
                wide = np.asarray(origin.astral, dtype=np.int64)
                starts16[mine] += np.searchsorted(wide, starts[mine], side="left")
                ends16[mine] += np.searchsorted(wide, ends_[mine], side="left")
        data["start_utf16"], data["end_utf16"] = numbers(pa, starts16, pa.int64()), numbers(pa, ends16, pa.int64())
        confirmed = np.zeros(count, dtype=bool)
        found = np.fromiter((r[0] for r in raw.confirmed), dtype=np.int64, count=len(raw.confirmed))
        rows_of, present = where.find(found)
        confirmed[rows_of[present]] = True
        data["alignment_confirmed"] = booleans(pa, confirmed)
        annotations, judged, (annotated_rows, annotated) = self._annotations(pa, schema, raw, where, count,
                                                                             ~boilerplate)
        label_rows, places = self._labels(raw, where, annotated_rows, annotated)
        order = np.lexsort((places, label_rows))
        label_rows, places = label_rows[order], places[order]
        data["labels"] = pa.ListArray.from_arrays(list_offsets(pa, label_rows, count), numbers(pa, places, pa.int64()))
        flags = []
        for k in range(self.label_count):
            flag = np.zeros(count, dtype=np.int8)
            flag[label_rows[places == k]] = 1
            flags.append(numbers(pa, flag, pa.int8()))
        arrays = [data[c] for c in FIXED_COLUMNS] + flags
        arrays += [annotations, judged, self._aligned(pa, schema, raw, where, count)]
        if raw.answers is not None:
            empty = ("{}", [])
            rows = [raw.answers.get(i, empty) for i in ids.tolist()]
            arrays += [pa.array([r[0] for r in rows], pa.string()), pa.array([r[1] for r in rows], pa.list_(pa.string()))]
        return pa.RecordBatch.from_arrays(arrays, schema=schema)

    def _labels(self, raw: RawBatch, where: _Rows, annotated_rows: np.ndarray,
                annotated: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, label's place in the scheme) of each label of the chosen layer; anyone's are
        the distinct labels of the annotations (`annotated`: rows of annotator id, place)."""
        if self.layer == "all":
            width = self.label_count + 1
            pairs = distinct(annotated_rows * width + annotated[:, 1])
            return pairs // width, pairs % width
        if self.layer == "gold":
            pairs = [(sentence_id, self.place_of_name[name])
                     for sentence_id, joined in raw.labels
                     for name in dict.fromkeys(joined.split("|")) if name in self.place_of_name]
            found = table(pairs, 2)
        else:
            found = table(raw.labels, 2)
            found[:, 1] = self.place[found[:, 1]]
        rows, present = where.find(found[:, 0])
        return rows[present], found[present, 1]

    def _annotations(self, pa, schema, raw: RawBatch, where: _Rows, count: int, content: np.ndarray):
        """The `annotations` and `judged_by` columns, and (row, [annotator id, label place]) of
        each annotation."""
        sentence_ids, annotators, labels, ids, at, at_lengths, notes, note_lengths, models = self._values(
            raw.annotations, buffers=(4, 6))
        rows, present = where.find(sentence_ids)
        times, fixed = _comparable(at, at_lengths)
        texts = [(notes, np.maximum(note_lengths, 0))] + ([] if fixed else [(at, at_lengths)])
        (rows, times, places, _, annotators, note_lengths, models, at_lengths), texts = arranged(
            present, [rows, times, self.place[labels], ids], [annotators, note_lengths, models, at_lengths], texts)
        notes, at = texts[0][0], times.tobytes() if fixed else texts[1][0]
        annotated = np.c_[annotators, places]  # annotator id, label place
        self.labelled.append(np.c_[where.ids[rows], annotated][content[rows]])
        fields = [named(pa, self.people, self.person[annotators]), named(pa, self.label_names, places),
                  joined_strings(pa, at, at_lengths),
                  joined_strings(pa, notes, np.maximum(note_lengths, 0), note_lengths >= 0), named(pa, ORIGINS, models)]
        item = schema.field("annotations").type.value_type
        values = pa.StructArray.from_arrays(fields, fields=list(item))
        column = pa.ListArray.from_arrays(list_offsets(pa, rows, count), values,
                                          type=schema.field("annotations").type)
        # who judged each sentence, in name order
        sentence_ids, judges = self._values(raw.judged, buffers=())
        judge_rows, present = where.find(sentence_ids)
        width = len(self.people) + 1
        pairs = distinct(judge_rows[present] * width + self.person[judges[present]])
        pair_rows, people = pairs // width, pairs % width
        judged_by = pa.ListArray.from_arrays(list_offsets(pa, pair_rows, count), named(pa, self.people, people),
                                             type=schema.field("judged_by").type)
        self.judged.append(np.c_[where.ids[pair_rows], self.person_id[people]][content[pair_rows]])
        return column, judged_by, (rows, annotated)

    def _aligned(self, pa, schema, raw: RawBatch, where: _Rows, count: int):
        sentence_ids, links, documents, others, indexes, langs, lang_lengths, texts, text_lengths = \
            self._values(raw.aligned, buffers=(5, 7))
        rows, present = where.find(sentence_ids)
        found = raw.links
        link_ids = np.fromiter((r[0] for r in found), dtype=np.int64, count=len(found))
        scored = np.fromiter((r[1] is not None for r in found), dtype=bool, count=len(found))
        scores = np.fromiter((r[1] or 0.0 for r in found), dtype=np.float64, count=len(found))
        sorter = np.argsort(link_ids)
        link = sorter[np.minimum(np.searchsorted(link_ids, links, sorter=sorter), max(len(found) - 1, 0))] \
            if len(found) else np.zeros(len(links), dtype=np.int64)
        present &= link_ids[link] == links if len(found) else False
        (rows, documents, links, _, others, link), ((langs, lang_lengths), (texts, text_lengths)) = arranged(
            present, [rows, documents, links, indexes], [others, link], [(langs, lang_lengths), (texts, text_lengths)])
        # one entry per (sentence, link): its first row gives the document and language
        first = np.flatnonzero(np.r_[True, (rows[1:] != rows[:-1]) | (links[1:] != links[:-1])]) \
            if len(rows) else np.zeros(0, dtype=np.int64)
        sizes = np.diff(np.r_[first, len(rows)])
        if len(first) < len(rows):  # several sentences on the other side: their texts joined by spaces
            later = np.ones(len(rows), dtype=bool)
            later[first] = False
            texts = np.insert(np.frombuffer(texts, dtype=np.uint8), ends(text_lengths)[:-1][later], ord(" "))
            text_lengths = np.add.reduceat(text_lengths + later, first)
            langs, lang_lengths = gather(langs, lang_lengths, first)
        link = link[first]
        fields = [numbers(pa, documents[first], pa.int64()), joined_strings(pa, langs, lang_lengths),
                  pa.ListArray.from_arrays(list_offsets(pa, np.repeat(np.arange(len(first)), sizes), len(first)),
                                           numbers(pa, others, pa.int64())),
                  joined_strings(pa, texts, text_lengths), numbers(pa, scores[link], pa.float64(), scored[link]),
                  named(pa, [r[2] or b"" for r in found], link)]
        item = schema.field("aligned").type.value_type
        values = pa.StructArray.from_arrays(fields, fields=list(item))
        return pa.ListArray.from_arrays(list_offsets(pa, rows[first], count), values,
                                        type=schema.field("aligned").type)
