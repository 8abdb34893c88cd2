"""Merging annotators' project files: documents matched by the bytes they came from, sentences
by character offsets, every annotator's annotations kept apart, manual links and notes kept."""

from __future__ import annotations

import os
from collections.abc import Sequence

from annotator.core.store import Store


def merge_projects(output: str | os.PathLike, inputs: Sequence[str | os.PathLike]) -> list[tuple[str, dict]]:
    """Merge `inputs` into `output` (created if missing); one transaction per input file.
    Returns each input's report: documents added/matched, annotations added/already present,
    and what could not be matched (sentences, annotations, links)."""
    with Store.open(output) as target:
        return [(os.fspath(path), merge_file_into(target, path)) for path in inputs]


def merge_file_into(target: Store, path: str | os.PathLike) -> dict:
    """Merge one project file into an open project (one transaction); returns its report."""
    with Store.open(path, readonly=True) as source:
        return target.merge_in(list(source.document_bundles()), source.labels(), source.annotation_records(),
                               source.judgement_records(), source.manual_links())
