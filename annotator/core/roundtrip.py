"""Labels back in from a JSONL export (pre-annotations, round-trips): each line's sentence is
found by its document's sha256 and its character offsets, not by row ids, so the file may come
from another project made from the same documents."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from annotator.core.store import Store
from annotator.errors import InputError


@dataclass(frozen=True)
class LabelImport:
    sentences: int  # lines read
    labels_added: int
    labels_present: int
    unmatched: int  # lines whose sentence is not in the project
    unknown_labels: list[str]


def import_labels(project: str | os.PathLike, path: str | os.PathLike, annotator: str) -> LabelImport:
    source = os.fspath(path)
    records, unmatched, lines = [], 0, 0
    try:
        handle = open(source, encoding="utf-8")
    except OSError as error:
        raise InputError(source, f"cannot be read: {error.strerror or error}") from None
    with Store.open(project, create=False) as store, handle:
        known = {label.name for label in store.scheme.labels()}
        unknown: set[str] = set()
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            lines += 1
            try:
                row = json.loads(line)
                sha, start, end, labels = row["doc_sha256"], int(row["start"]), int(row["end"]), row.get("labels", [])
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                raise InputError(f"{source}:{number}", "not a sentence line of an annotator JSONL export "
                                                       "(needs doc_sha256, start, end, labels)") from None
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
    return LabelImport(lines, added, len(records) - added, unmatched, sorted(unknown))
