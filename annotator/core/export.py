"""CSV and JSONL exports, streamed row by row and written to a temporary file that is renamed
into place, so a reader never sees half a file and memory stays flat however big the project."""

from __future__ import annotations

import contextlib
import csv
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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize(cell: object) -> object:
    """Prefix a quote to text a spreadsheet would run as a formula."""
    if isinstance(cell, str) and cell.startswith(_FORMULA_START):
        return "'" + cell
    return cell


def csv_header(label_names: list[str]) -> list[str]:
    label_columns = [f"label:{name}" if name in CSV_FIELDS or name == "labels" else name for name in label_names]
    return [*CSV_FIELDS, *label_columns, "labels"]


def csv_rows(store: Store, include_boilerplate: bool = False, raw: bool = False) -> Iterator[list]:
    label_names = [label.name for label in store.labels()]
    yield csv_header(label_names)
    for *fields, joined in store.export_rows(include_boilerplate):
        present = set(joined.split("|")) if joined else set()
        row = [*fields, *(int(name in present) for name in label_names), joined or ""]
        yield row if raw else [neutralize(cell) for cell in row]


def _write(store: Store, fmt: str, handle: IO[str], include_boilerplate: bool, raw: bool) -> int:
    count = 0
    if fmt == "jsonl":
        with contextlib.closing(store.export_json_lines(include_boilerplate)) as lines:
            for line in lines:
                handle.write(line)
                handle.write("\n")
                count += 1
        return count
    writer = csv.writer(handle)
    with contextlib.closing(csv_rows(store, include_boilerplate, raw)) as rows:
        writer.writerow(next(rows))
        for row in rows:
            writer.writerow(row)
            count += 1
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
            return _write(store, fmt, sys.stdout, include_boilerplate, raw)
        target = Path(output)
        if target.is_dir():
            raise AnnotatorError(str(target), "is a directory; give a file name")
        if not target.parent.is_dir():
            raise AnnotatorError(str(target), f"folder {target.parent} does not exist")
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", newline="", dir=target.parent,
                                             prefix=f".{target.name}.", suffix=".part", delete=False)
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
