"""CSV, JSONL and aligned-pair (TSV, TMX) exports, streamed row by row and written to a temporary file that is renamed
into place, so a reader never sees half a file and memory stays flat however big the project."""

from __future__ import annotations

import contextlib
import csv
import errno
import glob
import io
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO

from annotator.core.dataset.export_rows import CSV_FIELDS, FORMULA_START, guarded, jsonl_chunks, needs_guard, table_rows  # noqa: F401 (FORMULA_START, needs_guard: the rule, public here)
from annotator.core.dataset.export_rows import PROVENANCE_FIELDS
from annotator.core.dataset.export_pairs import pairs, tmx_chunks, tsv_lines
from annotator.core.dataset.export_groups import GroupAnswers
from annotator.core.dataset.export_relations import RELATIONS_CSV_FIELDS, relation_rows
from annotator.core.dataset.export_spans import bio_lines
from annotator.core.dataset.splits import NAMES, assign_groups, parse_ratios
from annotator.core.store import Store
from annotator.open_files import open_in_this_process
from annotator.errors import AnnotatorError, OutputError

FORMATS = ("csv", "jsonl", "pairs", "tmx", "relations", "bio")  # relations: one CSV row per relation; bio: per token
PAIR_FORMATS = ("pairs", "tmx")  # one row per link rather than per sentence
# Every table an export reads: their pages are checked first (a damaged page can read as no
# rows at all, and an export must not finish with fewer than it should).
READ_TABLES = ("groups", "documents", "sentences", "labels", "annotators", "annotations", "judgements",
               "confirmations", "gold", "links", "link_sentences", "suggestions", "relations", "spans", "label_groups",
               "group_values", "discussion_flags")


def csv_header(label_names: list[str], with_suggestions: bool = False) -> list[str]:
    taken = {*CSV_FIELDS, *PROVENANCE_FIELDS, "labels", "judged_by"}
    label_columns = [f"label:{name}" if name in taken else name for name in label_names]
    suggested = [f"suggested:{name}" for name in label_names] if with_suggestions else []
    return [*CSV_FIELDS, *label_columns, "labels", "judged_by", *suggested, *PROVENANCE_FIELDS]


def _with_probabilities(store: Store, rows: list[tuple], names: list[str]) -> list[tuple]:
    """CSV rows (of one document) with each label's suggested probability ('' where none)."""
    if not rows:
        return rows
    found = store.suggestions.of_document(rows[0][1])  # column 1: the document id
    tail = len(PROVENANCE_FIELDS)  # the suggestions go before the provenance columns
    return [(*row[:-tail], *(f"{found[row[5]][n]:.4f}" if n in found.get(row[5], {}) else "" for n in names),
             *row[-tail:]) for row in rows]  # column 5: the sentence id


def _write_relations(store: Store, text, writer, raw: bool, groups: set[int] | None) -> int:
    """--format relations: a CSV of the relations (export_relations.py), guarded as the CSV is."""
    count = 0
    writer.writerow(RELATIONS_CSV_FIELDS)
    for row in relation_rows(store, groups):
        writer.writerow(row if raw else [guarded(cell) for cell in row])
        count += 1
    text.flush()
    text.detach()
    return count


def _write(store: Store, fmt: str, handle: IO[bytes], include_boilerplate: bool, raw: bool,
           groups: set[int] | None = None, split: str | None = None, layer: str = "all",
           min_score: float | None = None, with_suggestions: bool = False) -> int:
    """Stream the export into a binary handle; returns the number of sentences (pairs) written."""
    count = 0
    if fmt in PAIR_FORMATS:
        items = pairs(store, include_boilerplate, groups, min_score, layer)
        chunks = tsv_lines(items, guard=not raw) if fmt == "pairs" else tmx_chunks(items)
        written = 0
        for chunk in chunks:
            handle.write(chunk.encode("utf-8", "replace"))
            written += 1
        return written - (1 if fmt == "pairs" else 2)  # the header line; the TMX head and tail
    if fmt == "jsonl":
        extra = {"split": split} if split else None
        with contextlib.closing(jsonl_chunks(store, include_boilerplate, groups, extra, layer,
                                             with_suggestions)) as chunks:
            for chunk in chunks:
                handle.write(chunk)
                count += chunk.count(b"\n")
        return count
    if fmt == "bio":  # one token per line with its span tag (export_spans.py)
        for line in bio_lines(store, include_boilerplate, layer, groups):
            handle.write(line.encode("utf-8", "replace"))
            count += line == "\n"
        return count
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text)
    if fmt == "relations":
        return _write_relations(store, text, writer, raw, groups)
    names = [label.name for label in store.scheme.labels()]
    answers = GroupAnswers(store, layer)  # columns only in a project with groups or flags
    header = csv_header(names, with_suggestions) + answers.csv_header() + (["split"] if split else [])
    writer.writerow(header if raw else [guarded(name) for name in header])
    with contextlib.closing(table_rows(store, include_boilerplate, not raw, groups,
                                               layer)) as documents:
        for rows in documents:
            rows = rows.fetchall()  # one document at a time
            if with_suggestions:
                rows = _with_probabilities(store, rows, names)
            if answers.any and rows:  # column 1: the document id, 5: the sentence id
                cells = answers.csv_cells(rows[0][1], [row[5] for row in rows])
                rows = [(*row, *(c if raw else guarded(c) for c in extra)) for row, extra in zip(rows, cells)]
            writer.writerows([(*row, split) for row in rows] if split else rows)
            count += len(rows)
    text.flush()
    text.detach()  # leave the binary handle open for the caller
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(project: str | os.PathLike, fmt: str, output: str | os.PathLike | None = None, *,
           include_boilerplate: bool = False, raw: bool = False, split: str | None = None,
           seed: int = 0, layer: str = "all", min_score: float | None = None, with_suggestions: bool = False) -> int:
    """Write the project's sentences as `fmt` to `output` (stdout when None or "-"); returns the row count.

    "pairs" (TSV) and "tmx" write one pair per link instead (export_pairs), `min_score`
    leaving out machine links scored below it; `layer` then fills each side's labels.

    With `split` ("80/10/10"), writes OUTPUT's train, dev and test files instead (out.train.jsonl
    ...), whole groups to each, and records the split in every row. `layer` chooses whose labels
    fill `labels` (and the CSV's label columns): "all" (anyone's), "gold", or an annotator.
    `with_suggestions` adds the model's suggestions (JSONL `suggestions`, CSV `suggested:NAME`).
    "relations" writes a CSV of the relations between sentences instead, one per row."""
    if fmt == "hf":  # a folder of Parquet files and a dataset card (export_hf.py)
        if raw or min_score is not None or with_suggestions:
            raise AnnotatorError(None, "--raw, --min-score and --with-suggestions do not apply to --format hf")
        from annotator.core.dataset.export_hf import export_hf

        return export_hf(project, output, include_boilerplate=include_boilerplate, split=split, seed=seed,
                         layer=layer)
    if fmt not in FORMATS:
        raise AnnotatorError(None, f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}, hf")
    if min_score is not None and fmt not in PAIR_FORMATS:
        raise AnnotatorError(None, "--min-score applies to the pair formats (pairs, tmx)")
    if with_suggestions and fmt in (*PAIR_FORMATS, "relations"):
        raise AnnotatorError(None, "--with-suggestions applies to the sentence formats (csv, jsonl)")
    with Store.open(project, readonly=True) as store, store.snapshot():  # the pages checked are the pages read
        store.check(READ_TABLES)
        store.documents.check_texts()
        if layer not in store.annotations.layers():
            raise AnnotatorError(str(project), f"no layer {layer!r}; layers are: {', '.join(store.annotations.layers())}")
        if split is not None:
            if output is None or str(output) == "-":
                raise AnnotatorError(None, "--split writes three files: give -o with a file name")
            assignment = assign_groups(store.stats.group_label_counts(), parse_ratios(split), seed)
            target = Path(output)
            count = 0
            for name in NAMES:
                groups = {group for group, chosen in assignment.items() if chosen == name}
                part = target.with_name(f"{target.stem}.{name}{target.suffix}")
                count += _write_file(part, lambda handle: _write(store, fmt, handle, include_boilerplate, raw,
                                                                 groups, name, layer, min_score, with_suggestions))
            return count
        if output is None or str(output) == "-":
            try:
                sys.stdout.flush()
                count = _write(store, fmt, sys.stdout.buffer, include_boilerplate, raw, layer=layer,
                               min_score=min_score, with_suggestions=with_suggestions)
                sys.stdout.buffer.flush()
            except BrokenPipeError:
                raise  # the reader went away (`| head`): the command line stops quietly
            except OSError as error:  # `> file` on a full disk: no temporary file to take back
                raise OutputError("standard output", f"{error.strerror or error}; what was written is"
                                                     " incomplete") from None
            return count
        return _write_file(Path(output), lambda handle: _write(store, fmt, handle, include_boilerplate, raw,
                                                               layer=layer, min_score=min_score,
                                                               with_suggestions=with_suggestions))


def write_csv(target: str | os.PathLike, rows) -> int:
    """A CSV of other rows (agreement's confusion counts) written as exports are: through a
    temporary file renamed into place, a device written in place, never over the open project.
    The rows are guarded by their maker."""
    def write(handle: IO[bytes]) -> int:
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
        count = 0
        writer = csv.writer(text)
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
        text.detach()  # the caller closes the handle
        return count

    return _write_file(Path(target), write)


def _write_file(target: Path, write) -> int:
    """Write through a temporary file beside the target, then rename it into place."""
    if target.is_dir():
        raise AnnotatorError(str(target), "is a directory; give a file name")
    if not target.parent.is_dir():
        raise AnnotatorError(str(target), f"folder {target.parent} does not exist")
    try:
        existing = target.stat()
    except OSError:
        existing = None
    if existing is not None and open_in_this_process(existing):  # replacing it would lose the project
        raise AnnotatorError(str(target), "is the project being exported (or its WAL or shared-memory file):"
                                          " give another file name")
    if existing is not None and not stat.S_ISREG(existing.st_mode):  # a device or FIFO: never replaced
        return _write_in_place(target, write)
    _remove_stale_parts(target)
    handle = tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.{os.getpid()}.",
                                         suffix=".part", delete=False)
    try:
        with handle:
            count = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o666 & ~_umask())  # temp files are private; the export is not
        os.replace(handle.name, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(handle.name)
        if isinstance(error, OSError):  # the target's disk or folder, said in one line
            if error.errno == errno.ENOSPC:
                raise AnnotatorError(str(target), "disk full: the export did not fit; the previous file, if any,"
                                                  " is unchanged") from None
            raise AnnotatorError(str(target), f"cannot be written: {error.strerror or error}") from None
        raise
    return count


def _write_in_place(target: Path, write) -> int:
    """A device or FIFO (/dev/stdout, a pipe from the shell) is written to as it is: a file
    renamed over it would replace the device node itself (which root may do)."""
    try:
        with open(target, "wb") as handle:
            return write(handle)
    except OSError as error:
        raise AnnotatorError(str(target), f"cannot be written: {error.strerror or error}") from None


def _remove_stale_parts(target: Path) -> None:
    """Temporary files that an export to this target left when it was killed (named after the
    process that wrote them): removed once that process is gone."""
    for part in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        pid = part.name[len(target.name) + 2:].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                part.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, owned by someone else
        return True
    return True
