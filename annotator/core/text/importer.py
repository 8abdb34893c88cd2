"""Reading files into documents for an import (session/importing.py stores them). Every file
is checked first (a regular file, readable, within the size limit), before the project is
opened and locked; then files are read and analyzed one at a time, straight into one open
transaction: a bad file anywhere in the batch (or a
cancel) rolls everything back, and memory holds one document at a time however large the
batch."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from annotator.core.text import language, pool
from annotator.core.text.analyze import AnalyzedDocument, analyze
from annotator.core.text.ingest import DEFAULT_MAX_BYTES, check_file, read_documents, storable_name
from annotator.errors import Cancelled

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)

# From this size of a document's text (UTF-8 bytes), the language model is let go once the
# document is analysed and loaded again for the next (~0.3 s CPU, under 2% of such a file's
# import): it holds ~30 MB that would otherwise sit beside SQLite's two copies of the text.
MODEL_LET_GO_BYTES = 32 * 1024 * 1024


class ImportCancelled(Cancelled):
    """The user cancelled an import before it was stored; nothing was written."""


def analyze_files(paths: Sequence[str | os.PathLike], *, group: str | None = None,
                  max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None,
                  sentences_per_line: bool = False, workers: int = 1) -> Iterator[tuple[AnalyzedDocument, str]]:
    """Read and analyze each file in turn, yielding each document with the name of its group.

    Every path is checked at once, before anything is read (and so before the caller opens
    the store): it must be a readable regular file within the size limit (InputError
    otherwise). The files are then read and analyzed lazily, one document in memory at a time.

    Without `group`, documents of a JSONL file that name a group go there and all others join
    one group named after the first file.

    With `workers` > 1, files are analysed ahead by that many worker processes where it pays
    (pool.py: many files, none large); the documents yielded are the same, in the same order."""
    paths = list(paths)
    for path in paths:
        check_file(path, max_bytes=max_bytes)
    return _analyze_files(paths, group=group, max_bytes=max_bytes, progress=progress, cancelled=cancelled,
                          sentences_per_line=sentences_per_line, workers=workers)


def _analyze_files(paths: list[str | os.PathLike], *, group: str | None, max_bytes: int,
                   progress: Progress | None, cancelled: Callable[[], bool] | None,
                   sentences_per_line: bool = False, workers: int = 1) -> Iterator[tuple[AnalyzedDocument, str]]:
    default_group = group or (storable_name(Path(paths[0]).stem) if paths else "documents")
    pooled = pool.pooled_files(paths, workers)
    ahead = pool.AnalysisPool(paths, pooled, workers, (group, default_group, max_bytes, sentences_per_line)) \
        if pooled else None
    try:
        for done, path in enumerate(paths):
            if cancelled is not None and cancelled():
                raise ImportCancelled(None, "import cancelled; nothing was written")
            if progress is not None:
                progress(done, len(paths), str(path))
            if ahead is not None and done in ahead:
                analysed = ahead.take(done)
                analysed.reverse()
                while analysed:  # hand each document over without keeping it here
                    yield analysed.pop()
                continue
            sources = read_documents(path, max_bytes=max_bytes)
            sources.reverse()
            while sources:  # hand each document over without keeping it here
                source = sources.pop()
                name = group or source.group or default_group
                document = analyze(source, sentences_per_line)
                if getattr(source.text, "utf8_size", 0) >= MODEL_LET_GO_BYTES:
                    _let_go_of_language_model()
                del source
                yield document, name
                del document
    finally:
        if ahead is not None:
            ahead.close()
    if progress is not None:
        progress(len(paths), len(paths), "")


def _let_go_of_language_model() -> None:
    """Drop the shared language model (language.model() loads it again when next asked);
    its holders keep their own reference meanwhile."""
    with language._model_lock:  # (language.py is at the modules' 400-line limit)
        language._model = None

