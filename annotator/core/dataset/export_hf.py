"""A Hugging Face dataset folder: Parquet files per split (zstd) with a typed schema, a dataset
card (README.md with the YAML header the Hub reads) that says how the labels were made, and a
SHA-256 manifest. `datasets.load_dataset(DIR)` loads it offline; the same project gives the same
bytes. Sentences are read document by document and written in record batches, so memory follows
the batch, not the project. pyarrow is imported only when this format is asked for."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import json
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.dataset import provenance
from annotator.core.dataset.dataset_card import card_text
from annotator.core.dataset.export_rows import layer_labels
from annotator.core.dataset.splits import NAMES, assign_groups, parse_ratios
from annotator.core.store import Store
from annotator.errors import AnnotatorError

INSTALL = "pip install 'annotator[hf]'"  # the extra that brings pyarrow
HF_SPLITS = {"train": "train", "dev": "validation", "test": "test"}  # our split names -> the Hub's
BATCH_ROWS = 16_384
MANIFEST = "MANIFEST.sha256"
FIXED_COLUMNS = ("group", "doc_id", "doc_title", "source_id", "meta", "lang", "sentence_id", "index", "text",
                 "boilerplate", "start", "end", "start_utf16", "end_utf16", "alignment_confirmed", "labels")
TAIL_COLUMNS = ("annotations", "judged_by", "aligned")

_SENTENCES = """
    SELECT s.id, s.idx, CAST(s.text AS BLOB), CAST(s.lang AS BLOB), s.boilerplate, s.start, s.end,
           EXISTS (SELECT 1 FROM confirmations c WHERE c.sentence_id = s.id)
    FROM sentences s WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx"""
# the texts come as UTF-8 bytes, for Arrow to check and take as they are (BYTE_COLUMNS)
BYTE_COLUMNS = ("text", "lang")
_DOCUMENT = "SELECT d.title, g.name FROM documents d JOIN groups g ON g.id = d.group_id WHERE d.id = ?"
_ALL_LABELS = """
    SELECT DISTINCT an.sentence_id, lb.name, lb.position FROM annotations an JOIN sentences s ON s.id = an.sentence_id
    JOIN labels lb ON lb.id = an.label_id WHERE s.document_id = ?1 ORDER BY an.sentence_id, lb.position"""
# Per document, in sentence order: each annotation's fields (flat: Arrow makes the lists), and
# who judged each sentence. Texts as UTF-8 bytes, as BYTE_COLUMNS.
_ANNOTATIONS = """
    SELECT an.sentence_id, CAST(a.name AS BLOB), CAST(lb.name AS BLOB), CAST(an.created_at AS BLOB),
           CAST(an.note AS BLOB), CAST(an.origin AS BLOB)
    FROM annotations an JOIN sentences s ON s.id = an.sentence_id
    JOIN labels lb ON lb.id = an.label_id JOIN annotators a ON a.id = an.annotator_id
    WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0) ORDER BY s.idx, an.created_at, lb.position"""
ANNOTATION_FIELDS = ("annotator", "label", "at", "note", "origin")
# Per document, in sentence order: each link's other side, a row per sentence of it (in its
# document's order); the rows of one (sentence, link) make one `aligned` entry, as in the JSONL.
_ALIGNED = """
    SELECT me.sentence_id, me.link_id, os.document_id, CAST(os.lang AS BLOB), os.id, CAST(os.text AS BLOB),
           l.score, CAST(l.origin AS BLOB)
    FROM sentences s JOIN link_sentences me ON me.sentence_id = s.id
    JOIN link_sentences o ON o.link_id = me.link_id AND o.side <> me.side
    JOIN sentences os ON os.id = o.sentence_id JOIN links l ON l.id = me.link_id
    WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0)
    ORDER BY s.idx, os.document_id, l.id, os.idx"""
ALIGNED_FIELDS = ("doc_id", "lang", "sentence_ids", "text", "score", "origin")
_JUDGED = """
    SELECT j.sentence_id, CAST(a.name AS BLOB) FROM sentences s JOIN judgements j ON j.sentence_id = s.id
    JOIN annotators a ON a.id = j.annotator_id WHERE s.document_id = ?1 AND (?2 OR s.boilerplate = 0)
    ORDER BY s.idx, a.name"""


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        raise AnnotatorError(None, f"--format hf needs pyarrow: {INSTALL}") from None
    return pyarrow


def label_columns(names: list[str]) -> list[str]:
    """One 0/1 column per label, prefixed where a label is named like another column."""
    taken = {*FIXED_COLUMNS, *TAIL_COLUMNS}
    return [f"label:{name}" if name in taken else name for name in names]


def schema(pa, names: list[str]):
    """The Arrow schema, with the `datasets` features of the labels (a sequence of class labels)
    in its metadata; the other columns' types are read from Arrow as they are."""
    annotation = pa.struct([("annotator", pa.string()), ("label", pa.string()), ("at", pa.string()),
                            ("note", pa.string()), ("origin", pa.string())])
    aligned = pa.struct([("doc_id", pa.int64()), ("lang", pa.string()), ("sentence_ids", pa.list_(pa.int64())),
                         ("text", pa.string()), ("score", pa.float64()), ("origin", pa.string())])
    fields = [("group", pa.string()), ("doc_id", pa.int64()), ("doc_title", pa.string()),
              ("source_id", pa.string()), ("meta", pa.string()), ("lang", pa.string()),
              ("sentence_id", pa.int64()), ("index", pa.int64()), ("text", pa.string()), ("boilerplate", pa.bool_()),
              ("start", pa.int64()), ("end", pa.int64()), ("start_utf16", pa.int64()), ("end_utf16", pa.int64()),
              ("alignment_confirmed", pa.bool_()), ("labels", pa.list_(pa.int64())),
              *((column, pa.int8()) for column in label_columns(names)),
              ("annotations", pa.list_(annotation)), ("judged_by", pa.list_(pa.string())),
              ("aligned", pa.list_(aligned))]
    features = {"labels": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"}}
    return pa.schema(fields, metadata={"huggingface": json.dumps({"info": {"features": features}})})


@dataclass
class _Columns:
    """A record batch being filled, column by column."""
    names: list[str]

    def __post_init__(self):
        self.data: dict[str, list] = {}
        self.clear()

    def clear(self) -> None:
        self.data = {column: [] for column in FIXED_COLUMNS}
        self.flags: list[list[int]] = [[] for _ in self.names]
        # the list columns built flat: per sentence how many items, and the items' fields
        self.counts: dict[str, list[int]] = {"annotations": [], "judged_by": [], "aligned": []}
        self.items: dict[str, list[list]] = {"annotations": [[] for _ in ANNOTATION_FIELDS], "judged_by": [[]],
                                             "aligned": [[] for _ in ALIGNED_FIELDS]}
        self.rows = 0

    def add_flat(self, column: str, ids, rows: list[tuple]) -> None:
        """Rows of (sentence id, field...) in sentence order, for the sentences `ids`."""
        if not rows:
            self.counts[column] += [0] * len(ids)
            return
        sentence_ids, *fields = zip(*rows)
        for items, values in zip(self.items[column], fields):
            items += values
        found = Counter(sentence_ids)
        self.counts[column] += [found.get(i, 0) for i in ids]


def _aligned_entries(rows) -> list[tuple]:
    """(sentence id, doc_id, lang, sentence_ids, text, score, origin) per link of each sentence:
    the other side's sentences joined by a space, its first sentence's language."""
    entries: list[tuple] = []
    key = None
    for sentence_id, link_id, document_id, lang, other, text, score, origin in rows:
        if (sentence_id, link_id) == key:
            entry = entries[-1]
            entry[3].append(other)
            entries[-1] = (*entry[:4], entry[4] + b" " + text, *entry[5:])
        else:
            key = (sentence_id, link_id)
            entries.append((sentence_id, document_id, lang, [other], text, score, origin))
    return entries


def _document_rows(store: Store, document_id: int, include_boilerplate: bool, layer: str,
                   position: dict[str, int], columns: _Columns) -> None:
    title, group = store.read(_DOCUMENT, [document_id]).fetchone()
    origin = provenance.of_document(store, document_id)
    if layer == "all":
        chosen: dict[int, list[int]] = {}
        for sentence_id, name, _ in store.read(_ALL_LABELS, [document_id]):  # in the scheme's order
            chosen.setdefault(sentence_id, []).append(position[name])
    else:
        chosen = {sentence_id: sorted(position[name] for name in names)
                  for sentence_id, names in layer_labels(store, document_id, layer).items()}
    rows = store.read(_SENTENCES, [document_id, int(include_boilerplate)]).fetchall()
    if not rows:
        return
    ids, indexes, texts, langs, boilerplate, starts, ends, confirmed = zip(*rows)
    n = len(rows)
    data = columns.data
    data["group"] += [group] * n
    data["doc_id"] += [document_id] * n
    data["doc_title"] += [title] * n
    data["source_id"] += [origin.source_id] * n
    data["meta"] += [origin.meta] * n
    data["lang"] += langs
    data["sentence_id"] += ids
    data["index"] += indexes
    data["text"] += texts
    data["boilerplate"] += [bool(b) for b in boilerplate]
    data["start"] += starts
    data["end"] += ends
    if origin.astral:
        data["start_utf16"] += [origin.utf16(s) for s in starts]
        data["end_utf16"] += [origin.utf16(e) for e in ends]
    else:
        data["start_utf16"] += starts
        data["end_utf16"] += ends
    data["alignment_confirmed"] += [bool(c) for c in confirmed]
    labels = [chosen.get(i, []) for i in ids]
    data["labels"] += labels
    for k, flags in enumerate(columns.flags):
        flags += [1 if k in found else 0 for found in labels] if chosen else [0] * n
    columns.add_flat("annotations", ids, store.read(_ANNOTATIONS, [document_id, int(include_boilerplate)]).fetchall())
    columns.add_flat("judged_by", ids, store.read(_JUDGED, [document_id, int(include_boilerplate)]).fetchall())
    columns.add_flat("aligned", ids, _aligned_entries(store.read(_ALIGNED, [document_id, int(include_boilerplate)])))
    columns.rows += n


def _batches(store: Store, pa, table_schema, documents: list[int], include_boilerplate: bool,
             layer: str) -> Iterator:
    names = [label.name for label in store.scheme.labels()]
    position = {label.name: k for k, label in enumerate(store.scheme.labels())}
    columns = _Columns(names)

    def text(values: list):
        try:
            return pa.array(values, type=pa.binary()).cast(pa.string())
        except pa.ArrowInvalid:  # bytes that are not UTF-8 (stored by another tool) become U+FFFD
            return pa.array([None if v is None else v.decode("utf-8", "replace") for v in values], type=pa.string())

    def column(name: str):
        if name in BYTE_COLUMNS:
            return text(columns.data[name])
        return pa.array(columns.data[name], type=table_schema.field(name).type)

    def flat(name: str):
        offsets = pa.array(itertools.accumulate(columns.counts[name], initial=0), type=pa.int32())
        item_type = table_schema.field(name).type.value_type
        if name == "judged_by":
            values = text(columns.items[name][0])
        else:
            fields = [text(values) if item_type.field(k).type == pa.string()
                      else pa.array(values, type=item_type.field(k).type)
                      for k, values in enumerate(columns.items[name])]
            values = pa.StructArray.from_arrays(fields, fields=list(item_type))
        return pa.ListArray.from_arrays(offsets, values).cast(table_schema.field(name).type)

    def batch():
        arrays = [column(c) for c in FIXED_COLUMNS]
        arrays += [pa.array(flags, type=pa.int8()) for flags in columns.flags]
        arrays += [flat("annotations"), flat("judged_by"), flat("aligned")]
        return pa.RecordBatch.from_arrays(arrays, schema=table_schema)

    for document_id in documents:
        _document_rows(store, document_id, include_boilerplate, layer, position, columns)
        if columns.rows >= BATCH_ROWS:
            yield batch()
            columns.clear()
    if columns.rows or not documents:
        yield batch()


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _target_folder(output: str | os.PathLike | None) -> Path:
    if output is None or str(output) == "-":
        raise AnnotatorError(None, "--format hf writes a folder: give -o DIR")
    target = Path(output)
    if target.exists() and not target.is_dir():
        raise AnnotatorError(str(target), "is not a folder; --format hf writes a folder")
    if target.is_dir() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise AnnotatorError(str(target), "is a folder with other files in it; give a new or empty folder"
                                          " (or one an earlier --format hf export wrote)")
    if not target.parent.is_dir():
        raise AnnotatorError(str(target), f"folder {target.parent} does not exist")
    return target


def export_hf(project: str | os.PathLike, output: str | os.PathLike | None, *, include_boilerplate: bool = False,
              split: str | None = None, seed: int = 0, layer: str = "all") -> int:
    """Write the project as a Hugging Face dataset folder; returns the number of sentences.

    The folder is built beside the target and renamed into place (an earlier export there is
    replaced), so a reader never sees half of it."""
    target = _target_folder(output)
    pa = _pyarrow()
    import pyarrow.parquet as pq

    from annotator.core.dataset.export import READ_TABLES

    with Store.open(project, readonly=True) as store, store.snapshot():
        store.check(READ_TABLES)
        store.documents.check_texts()
        if layer not in store.annotations.layers():
            raise AnnotatorError(str(project), f"no layer {layer!r}; layers are: {', '.join(store.annotations.layers())}")
        names = [label.name for label in store.scheme.labels()]
        table_schema = schema(pa, names)
        order = store.documents.in_order()
        if split is None:
            parts = {"train": [document_id for document_id, _ in order]}
        else:
            assignment = assign_groups(store.stats.group_label_counts(), parse_ratios(split), seed)
            parts = {HF_SPLITS[name]: [d for d, group in order if assignment.get(group) == name] for name in NAMES}
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent))
        try:
            (building / "data").mkdir()
            counts = {}
            for name, documents in parts.items():
                path = building / "data" / f"{name}-00000-of-00001.parquet"
                counts[name] = 0
                # list items named "item", as `datasets` declares them, so that it reads the class labels
                with pq.ParquetWriter(path, table_schema, compression="zstd", use_compliant_nested_type=False) as writer:
                    for batch in _batches(store, pa, table_schema, documents, include_boilerplate, layer):
                        writer.write_batch(batch)
                        counts[name] += batch.num_rows
            (building / "README.md").write_text(
                card_text(store, counts, layer=layer, split=split, seed=seed,
                          include_boilerplate=include_boilerplate, label_columns=label_columns(names)),
                encoding="utf-8")
            files = sorted(p for p in building.rglob("*") if p.is_file())
            (building / MANIFEST).write_text(
                "".join(f"{_sha256(p)}  {p.relative_to(building).as_posix()}\n" for p in files), encoding="utf-8")
            for path in [building, *building.rglob("*")]:
                path.chmod(0o777 & ~_umask() if path.is_dir() else 0o666 & ~_umask())
            _place(building, target)
        except BaseException as error:
            shutil.rmtree(building, ignore_errors=True)
            if isinstance(error, OSError):
                raise AnnotatorError(str(target), f"cannot be written: {error.strerror or error}") from None
            raise
    return sum(counts.values())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _place(built: Path, target: Path) -> None:
    """Rename the built folder into place; an earlier export (or an empty folder) there goes."""
    if not target.exists():
        os.rename(built, target)
        return
    old = target.with_name(f".{target.name}.{os.getpid()}.old")
    os.rename(target, old)
    os.rename(built, target)
    with contextlib.suppress(OSError):
        shutil.rmtree(old)
