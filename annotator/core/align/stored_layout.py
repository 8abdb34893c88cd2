"""A group's layout from the project: its documents, sentences and links read in one snapshot
and laid out (layout.py, the algorithm); a large group's layout is kept in the project for
its layout version, so opening it again reads one blob instead of every link and sentence."""

from __future__ import annotations

import numpy as np

from annotator.core.align.layout import Column, GroupLayout, compute, fits, from_arrays
from annotator.core.store import Store
from annotator.errors import AnnotatorError

KEEP_FROM = 20_000  # sentences: a smaller group is laid out faster than its kept layout is written


def group_layout(store: Store, group: str | int, include_boilerplate: bool = False) -> GroupLayout:
    """Lay a group out: units across all its documents, in the order layout.py describes. A large
    group's layout is kept in the project (store.layouts) for its current layout version, so
    opening it again reads one blob instead of every link and sentence."""
    group_id = store.documents.group_id(group)
    with store.snapshot():  # the version and the rows it describes are read together
        version = store.layouts.version(group_id)
        documents = store.documents.group_documents(group_id, counts=False)
        if not documents:
            return GroupLayout([], [])
        pivot = store.documents.pivot(group_id)
        if pivot is None:
            pivot = documents[0]["id"]
        ordered = sorted(documents, key=lambda d: (d["id"] != pivot, d["position"]))
        columns = [Column(d["id"], d["title"], d["lang"], d["source_path"]) for d in ordered]
        kept = store.layouts.kept(group_id, include_boilerplate, version)
        fresh = kept is None or not fits(kept, columns)
        if fresh:
            kept = _compute(store, group_id, columns, include_boilerplate)
    if fresh and len(kept["sentence_of"]) >= KEEP_FROM and not store.readonly:
        _keep(store, group_id, include_boilerplate, version, kept)  # with the version it was computed at
    return from_arrays(columns, kept)


def _keep(store: Store, group_id: int, include_boilerplate: bool, version: int, arrays: dict) -> None:
    """Keep the layout for next time; a file that refuses the write (read-only, full) only
    loses the shortcut."""
    try:
        store.layouts.keep(group_id, include_boilerplate, version, arrays)
    except AnnotatorError:
        pass


def _compute(store: Store, group_id: int, columns: list[Column], include_boilerplate: bool) -> dict[str, np.ndarray]:
    ids = [np.asarray(store.documents.sentence_ids(c.document_id, include_boilerplate), dtype=np.int64)
           for c in columns]
    return compute(columns, ids, store.links.pairs_in_group(group_id))
