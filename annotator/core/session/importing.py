"""Importing files into a project, and which groups an import leaves to align: the one policy
that the command line and the app both follow."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from annotator.core.model import ImportOutcome
from annotator.core.store import Store
from annotator.core.text.importer import Progress, analyze_files
from annotator.core.text.ingest import DEFAULT_MAX_BYTES


def import_files(project: str | os.PathLike, paths: Sequence[str | os.PathLike], *, group: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Import `paths` into the project (created if missing); returns what happened to each document.

    The store skips a document whose bytes it already holds, including one stored earlier in
    the same batch. On any error nothing is stored, and a project file this call created is
    removed again."""
    documents = analyze_files(paths, group=group, max_bytes=max_bytes, progress=progress, cancelled=cancelled)
    store = Store.open(project)
    try:
        outcomes = store.documents.import_documents(documents)
    except BaseException:
        store.discard()  # removes the project only if this open made it, under its lock
        raise
    store.close()
    return outcomes
