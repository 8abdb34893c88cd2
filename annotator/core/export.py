"""CSV and JSONL exports, streamed row by row and written to a temporary file that is renamed
into place, so a reader never sees half a file and memory stays flat however big the project."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from annotator.core.store import Store
from annotator.errors import AnnotatorError

FORMATS = ("csv", "jsonl")
CSV_FIELDS = ("group", "doc_id", "doc_title", "source", "lang", "sentence_id", "index", "text", "boilerplate")
# Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_header(label_names: list[str]) -> list[str]:
    label_columns = [f"label:{name}" if name in CSV_FIELDS or name == "labels" else name for name in label_names]
    return [*CSV_FIELDS, *label_columns, "labels"]


def _write(store: Store, fmt: str, handle: IO[bytes], include_boilerplate: bool, raw: bool) -> int:
    """Stream the export into a binary handle; returns the number of sentences written."""
    count = 0
    if fmt == "jsonl":
        with contextlib.closing(store.export_jsonl(include_boilerplate)) as chunks:
            for chunk in chunks:
                handle.write(chunk)
                count += chunk.count(b"\n")
        return count
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="", write_through=False)
    writer = csv.writer(text)
    header = csv_header([label.name for label in store.labels()])
    writer.writerow(header if raw else ["'" + name if name.startswith(FORMULA_START) else name for name in header])
    with contextlib.closing(store.export_table(include_boilerplate, () if raw else FORMULA_START)) as documents:
        for rows in documents:
            rows = rows.fetchall()  # one document at a time
            writer.writerows(rows)
            count += len(rows)
    text.flush()
    text.detach()  # leave the binary handle open for the caller
    return count


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def export(project: str | os.PathLike, fmt: str, output: str | os.PathLike | None = None, *,
           include_boilerplate: bool = False, raw: bool = False) -> int:
    """Write the project's sentences as `fmt` to `output` (stdout when None or "-"); returns the row count."""
    if fmt not in FORMATS:
        raise AnnotatorError(None, f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    with Store.open(project, readonly=True) as store:
        if output is None or str(output) == "-":
            sys.stdout.flush()
            count = _write(store, fmt, sys.stdout.buffer, include_boilerplate, raw)
            sys.stdout.buffer.flush()
            return count
        target = Path(output)
        if target.is_dir():
            raise AnnotatorError(str(target), "is a directory; give a file name")
        if not target.parent.is_dir():
            raise AnnotatorError(str(target), f"folder {target.parent} does not exist")
        handle = tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=f".{target.name}.", suffix=".part",
                                             delete=False)
        try:
            with handle:
                count = _write(store, fmt, handle, include_boilerplate, raw)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(handle.name, 0o666 & ~_umask())  # temp files are private; the export is not
            os.replace(handle.name, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(handle.name)
            raise
        return count
