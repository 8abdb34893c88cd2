"""A Hugging Face dataset folder: Parquet files per split (zstd) with a typed schema, a dataset
card (README.md with the YAML header the Hub reads) that says how the labels were made, and a
SHA-256 manifest. `datasets.load_dataset(DIR)` loads it offline; the same project gives the same
bytes. Sentences are read in batches of whole documents and written as record batches, so memory
follows the batch, not the project; SQLite is read on the store's thread while another thread
builds the Arrow batches and a third writes Parquet. pyarrow is imported only when this format
is asked for (on the building thread, while the first batch is read)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

from annotator.core.dataset.dataset_card import card_facts, card_text, project_agreement
from annotator.core.dataset.hf_batches import FIXED_COLUMNS, TAIL_COLUMNS, BatchBuilder
from annotator.core.dataset.splits import NAMES, assign_groups, parse_ratios
from annotator.core.store import Store
from annotator.errors import AnnotatorError

INSTALL = "pip install 'annotator[hf]'"  # the extra that brings pyarrow
HF_SPLITS = {"train": "train", "dev": "validation", "test": "test"}  # our split names -> the Hub's
MANIFEST = "MANIFEST.sha256"
# Columns with few distinct values get a dictionary; texts and times do not (building one for
# every text only to drop it costs time and saves nothing). Statistics only where a reader may
# filter on them.
DICTIONARY_COLUMNS = ["group", "doc_title", "source_id", "meta", "lang", "annotations.list.item.annotator",
                      "annotations.list.item.label", "annotations.list.item.origin", "judged_by.list.item",
                      "aligned.list.item.lang", "aligned.list.item.origin"]
STATISTICS_COLUMNS = ["doc_id", "sentence_id", "index", "boilerplate", "alignment_confirmed"]
# Ids and offsets go up row by row: stored as differences they take a tenth of the room before
# compression (the file is 1.9 MB instead of 2.2 MB on the benchmark project, written as fast).
DELTA_COLUMNS = ["doc_id", "sentence_id", "index", "start", "end", "start_utf16", "end_utf16", "labels.list.item",
                 "aligned.list.item.doc_id", "aligned.list.item.sentence_ids.list.item"]


def _pyarrow():
    """(pyarrow, pyarrow.parquet)."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise AnnotatorError(None, f"--format hf needs pyarrow: {INSTALL}") from None
    return pyarrow, pyarrow.parquet


def label_columns(names: list[str]) -> list[str]:
    """One 0/1 column per label, prefixed where a label is named like another column."""
    taken = {*FIXED_COLUMNS, *TAIL_COLUMNS}
    return [f"label:{name}" if name in taken else name for name in names]


def schema(pa, names: list[str], with_groups: bool = False):
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
    if with_groups:  # a project with label groups or flags for discussion (export_groups.py)
        fields += [("answers", pa.string()), ("discussion", pa.list_(pa.string()))]
    features = {"labels": {"feature": {"names": names, "_type": "ClassLabel"}, "_type": "Sequence"}}
    return pa.schema(fields, metadata={"huggingface": json.dumps({"info": {"features": features}})})


def _agreement(pool, store: Store, builder: BatchBuilder, order: list[tuple[int, int]], names: list[str]):
    """The card's agreement (a future): from the judgements the batches read, when they read
    them all, on the builder's thread once it has built them; else read from the project."""
    from annotator.core.dataset.agreement_arrays import MAX_LABELS, agreement_of

    if not builder.read_all({document_id for document_id, _ in order}) or len(names) > MAX_LABELS:
        return pool.submit(lambda report: report, project_agreement(store, names))
    people = dict(store.read("SELECT id, name FROM annotators").fetchall())
    return pool.submit(lambda: agreement_of(*builder.agreement_rows(), people, names))


def _hand(handed: queue.Queue, item, builder) -> bool:
    """Put `item` in the queue for the builder thread; False if that thread has ended (it
    failed: its error is the one to tell)."""
    while True:
        try:
            handed.put(item, timeout=0.05)
            return True
        except queue.Full:
            if builder.done():
                return False


def _write_split(pool, builder: BatchBuilder, documents: list[int], path: Path, names: list[str]):
    """One split's Parquet file; returns a future of its rows. This thread (the store's) reads
    the batches from SQLite; `pool`'s thread imports pyarrow (once), builds the Arrow batches
    and hands them to the Parquet writer's thread, so that reading, building and writing overlap
    (and the card is read while the last batches are written)."""
    handed: queue.Queue = queue.Queue(maxsize=1)  # a batch read ahead: memory follows the batch

    def build_and_write() -> int:
        pa, pq = _pyarrow()
        table_schema = schema(pa, names, builder.with_groups)
        # list items named "item", as `datasets` declares them, so that it reads the class labels
        with pq.ParquetWriter(path, table_schema, compression="zstd", use_compliant_nested_type=False,
                              use_dictionary=DICTIONARY_COLUMNS, write_statistics=STATISTICS_COLUMNS,
                              column_encoding=dict.fromkeys(DELTA_COLUMNS, "DELTA_BINARY_PACKED")) as writer:
            return _write_all(writer, (builder.build(raw, pa, table_schema) for raw in iter(handed.get, None)))

    building = pool.submit(build_and_write)
    try:
        for raw in builder.reads(documents):
            if not _hand(handed, raw, building):
                break  # the builder failed: its error is raised below
    except BaseException:
        _hand(handed, None, building)
        wait([building])  # nothing is written into the folder once it is being removed
        raise
    _hand(handed, None, building)
    return building


def _write_all(writer, batches) -> int:
    """Write the record batches in order; Parquet encodes and compresses one batch (in a thread,
    outside the GIL) while the next is built. Returns the number of rows."""
    rows = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        writing = None
        for batch in batches:
            if writing is not None:
                writing.result()
            writing = pool.submit(writer.write_batch, batch)
            rows += batch.num_rows
        if writing is not None:
            writing.result()
    return rows


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
    # SQLite's page check of the tables read (0.15 s of 1 s on 100,000 sentences) and the check
    # that every sentence's text is text run beside the export, on their own connection; the
    # folder is placed only once they have passed, and a damaged page met by the export itself
    # is reported as the check reports it
    # pyarrow is imported (on the builder's thread) while the first batch is read
    with ThreadPoolExecutor(max_workers=1) as checker, ThreadPoolExecutor(max_workers=1) as builder:
        builder.submit(_pyarrow)
        with Store.open(project, readonly=True) as store, store.snapshot():
            checking = checker.submit(_check_pages, project)
            try:
                return _export(store, checking, builder, target, include_boilerplate, split, seed, layer,
                               str(project))
            except BaseException:
                checking.result()  # a damaged file: its one line (AnnotatorError) rather than what it broke
                raise


def _check_pages(project: str | os.PathLike) -> None:
    """SQLite's page check of the tables read, and that every sentence's text is text."""
    from annotator.core.dataset.export import READ_TABLES

    with Store.open(project, readonly=True) as store:
        store.check(READ_TABLES)
        store.documents.check_texts()


def _export(store: Store, checking, pool, target: Path, include_boilerplate: bool, split: str | None, seed: int,
            layer: str, project: str) -> int:
    if layer not in store.annotations.layers():
        raise AnnotatorError(str(project), f"no layer {layer!r}; layers are: {', '.join(store.annotations.layers())}")
    names = [label.name for label in store.scheme.labels()]
    builder = BatchBuilder(store, include_boilerplate, layer)
    order = store.documents.in_order()
    if split is None:
        parts = {"train": [document_id for document_id, _ in order]}
    else:
        assignment = assign_groups(store.stats.group_label_counts(), parse_ratios(split), seed)
        parts = {HF_SPLITS[name]: [d for d, group in order if assignment.get(group) == name] for name in NAMES}
    building = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=target.parent))
    tasks = []
    try:
        (building / "data").mkdir()
        written = {}
        for name, documents in parts.items():
            written[name] = _write_split(pool, builder, documents,
                                         building / "data" / f"{name}-00000-of-00001.parquet", names)
            tasks.append(written[name])
        tasks.append(_agreement(pool, store, builder, order, names))
        facts = card_facts(store)
        counts = {name: rows.result() for name, rows in written.items()}
        (building / "README.md").write_text(
            card_text(facts, counts, layer=layer, split=split, seed=seed, include_boilerplate=include_boilerplate,
                      label_columns=label_columns(names), agreement=tasks[-1].result(), languages=builder.languages),
            encoding="utf-8")
        files = sorted(p for p in building.rglob("*") if p.is_file())
        (building / MANIFEST).write_text(
            "".join(f"{_sha256(p)}  {p.relative_to(building).as_posix()}\n" for p in files), encoding="utf-8")
        for path in [building, *building.rglob("*")]:
            path.chmod(0o777 & ~_umask() if path.is_dir() else 0o666 & ~_umask())
        checking.result()  # the pages were sound: only then the folder takes the target's place
        _place(building, target)
    except BaseException as error:
        wait(tasks)  # nothing is written into the folder once it is being removed
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
