"""Labels back in from a JSONL export (pre-annotations, round-trips): each line's sentence is
found by its document's sha256 and its character offsets, not by row ids, so the file may come
from another project made from the same documents."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from annotator.core.text.decode import decode_text
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, iter_lines, parse_json_line, read_bytes
from annotator.core.store import Store
from annotator.errors import InputError


@dataclass(frozen=True)
class LabelImport:
    sentences: int  # lines read
    labels_added: int
    labels_present: int
    unmatched: int  # lines whose sentence is not in the project
    unknown_labels: list[str]


_MAX_OFFSET = 2**63 - 1  # the largest integer SQLite stores


def _label_line(line: str, where: str) -> tuple[str, int, int, list[str]]:
    """(doc_sha256, start, end, labels) of one line of a JSONL export, or InputError naming
    the line and what is wrong with it."""
    row = parse_json_line(line, where)
    if not isinstance(row, dict) or "doc_sha256" not in row or "start" not in row or "end" not in row:
        raise InputError(where, "not a sentence line of an annotator JSONL export (needs doc_sha256, start, end,"
                                " labels)")
    sha, start, end, labels = row["doc_sha256"], row["start"], row["end"], row.get("labels", [])
    if not isinstance(sha, str):
        raise InputError(where, f'"doc_sha256" must be a string, not {_json_type(sha)}')
    for key, value in (("start", start), ("end", end)):
        # bool is an int in Python; JSON's true is not an offset
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_OFFSET:
            raise InputError(where, f'"{key}" must be a character offset (a whole number from 0), not '
                                    f"{_shown(value)}")
    if start > end:
        raise InputError(where, f'"start" ({start}) is after "end" ({end})')
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        raise InputError(where, f'"labels" must be a list of label names, not {_shown(labels)}')
    try:
        json.dumps([sha, labels], ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(where, "contains invalid Unicode (unpaired surrogates)") from None
    return sha, start, end, labels


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
                  max_bytes: int = DEFAULT_MAX_BYTES) -> LabelImport:
    """Add the labels of a JSONL export (`path`) for `annotator`, in one transaction. The
    whole file is read and checked before the project is opened: a file that is not a
    regular, readable, decodable file within the size limit, or one bad line, changes nothing
    (InputError naming the file, and the line)."""
    source = os.fspath(path)
    rows = []
    raw = read_bytes(source, max_bytes)
    # an export of nothing is empty; an export is UTF-8 (a BOM is allowed), never a guess
    text = "" if not raw or raw.isspace() else decode_text(raw, source, guess=False).text
    del raw
    for number, line in enumerate(iter_lines(text), start=1):
        if line.strip():
            rows.append(_label_line(line, f"{source}:{number}"))
    del text
    records, unmatched = [], 0
    with Store.open(project, create=False) as store:
        known = {label.name for label in store.scheme.labels()}
        unknown: set[str] = set()
        for sha, start, end, labels in rows:
            sentence_id = store.documents.sentence_by_span(sha, start, end)
            if sentence_id is None:
                unmatched += 1
                continue
            for label in labels:
                if label in known:
                    records.append((sentence_id, label, annotator, None))
                else:
                    unknown.add(label)
        added = store.annotations.add_many(records) if records else 0
    return LabelImport(len(rows), added, len(records) - added, unmatched, sorted(unknown))
