"""Import files into a project: read and analyze everything first, then store it all in one
transaction, so a bad file anywhere in the batch leaves the project untouched."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from annotator.core.analyze import AnalyzedDocument, analyze
from annotator.core.ingest import DEFAULT_MAX_BYTES, read_documents
from annotator.core.model import ImportOutcome
from annotator.core.store import Store
from annotator.errors import AnnotatorError

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)


class ImportCancelled(AnnotatorError):
    """The user cancelled an import before it was stored; nothing was written."""


def analyze_files(paths: Sequence[str | os.PathLike], *, group: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> list[tuple[AnalyzedDocument, str]]:
    """Read and analyze every file; each document comes with the name of its group.

    Without `group`, documents of a JSONL file that name a group go there and all others join
    one group named after the first file."""
    default_group = group or (Path(paths[0]).stem if paths else "documents")
    analyzed: list[tuple[AnalyzedDocument, str]] = []
    for done, path in enumerate(paths):
        if cancelled is not None and cancelled():
            raise ImportCancelled(None, "import cancelled; nothing was written")
        if progress is not None:
            progress(done, len(paths), str(path))
        for source in read_documents(path, max_bytes=max_bytes):
            analyzed.append((analyze(source), group or source.group or default_group))
    if progress is not None:
        progress(len(paths), len(paths), "")
    return analyzed


def import_files(project: str | os.PathLike, paths: Sequence[str | os.PathLike], *, group: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[ImportOutcome]:
    """Import `paths` into the project (created if missing); returns what happened to each document."""
    analyzed = analyze_files(paths, group=group, max_bytes=max_bytes, progress=progress, cancelled=cancelled)
    with Store.open(project) as store:
        # The store skips a document whose bytes it already holds, including one stored
        # earlier in this same batch.
        return store.import_documents(analyzed)
