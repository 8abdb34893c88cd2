"""Importing files into a project, and which groups an import leaves to align: the one policy
that the command line and the app both follow."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence

from annotator.core.model import ImportOutcome
from annotator.core.store import Store
from annotator.core.text.importer import Progress, analyze_files
from annotator.core.text.ingest import DEFAULT_MAX_BYTES


def import_files(project: str | os.PathLike, paths: Sequence[str | os.PathLike], *, group: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, sentences_per_line: bool = False,
                 workers: int | None = None) -> list[ImportOutcome]:
    """Import `paths` into the project (created if missing); returns what happened to each document.

    The store skips a document whose bytes it already holds, including one stored earlier in
    the same batch. On any error nothing is stored, and a project file this call created is
    removed again. `workers`: processes analysing files ahead (default: import_workers())."""
    documents = analyze_files(paths, group=group, max_bytes=max_bytes, progress=progress, cancelled=cancelled,
                              sentences_per_line=sentences_per_line,
                              workers=import_workers() if workers is None else workers)
    store = Store.open(project)
    try:
        outcomes = store.documents.import_documents(documents)
    except BaseException:
        store.discard()  # removes the project only if this open made it, under its lock
        raise
    store.close()
    return outcomes


def import_workers() -> int:
    """How many processes analyse an import's files: as many as the cores other processes
    leave free (the encoder's rule, align/free_cores.py); 1 analyses in the importing process.
    The writer mostly waits for them, so it is not counted."""
    from annotator.core.align.free_cores import FreeCores

    return FreeCores().threads()


def imported_groups(outcomes: Iterable[ImportOutcome]) -> list[str]:
    """The groups an import added documents to (a document already held is skipped), by name."""
    return sorted({o.group for o in outcomes if not o.skipped})


def groups_to_align(store: Store, groups: Iterable[str | int]) -> list[str | int]:
    """Of the groups an import or a correction changed, those to align again: every one that holds
    two or more documents (alignment pairs documents). The command line and the app both ask
    this after an import."""
    documents = store.documents
    return [g for g in dict.fromkeys(groups) if len(documents.group_documents(documents.group_id(g), counts=False)) > 1]
