"""Analysing the files of a many-file import on the cores others leave free (issue 29): worker
processes read and analyse files ahead (decode, language, boilerplate, sentences) while the
importing process takes their results in file order and writes them. What the store receives is
the same, document for document, as the one-file-at-a-time path (importer.py): results are taken
in order, an error is raised when its file's turn comes (the files before it are written into the
open transaction first, as in that path, and all of it rolled back), and cancel and progress are
checked and reported per file by the caller as before.

How workers start: `fork` only when the calling thread is the process's only thread (the
command line): nothing else can hold a lock at the fork, and the workers inherit the loaded
language model for free. Anywhere else (the app imports in a Qt thread; Qt and other threads
may hold locks a forked child would never see released) `forkserver`, or `spawn` where there is
none: fresh interpreters, which load numpy and the model themselves (~0.3-0.5 s CPU each).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from annotator.core.text import language
from annotator.core.text.analyze import AnalyzedDocument, analyze
from annotator.core.text.ingest import read_documents

# A file this large is analysed in the importing process: sent back from a worker, its text and
# tables would be pickled and unpickled (a third copy at the peak, and the copying takes a
# good part of what the worker saved).
IN_PROCESS_BYTES = 4 * 1024 * 1024
# Below this much work for the workers, their start (a fork: milliseconds; a fresh interpreter:
# ~0.4 s CPU) and the pickling cost about what they save.
POOL_MIN_BYTES = 1_000_000
# Results asked for ahead of the one being written, per worker: enough that a worker never
# waits for the writer, few enough that memory holds a handful of documents.
AHEAD_PER_WORKER = 3


def start_method() -> str | None:
    """`fork` on Linux when the calling thread is the only one (see the module's docstring),
    else a method that starts a fresh interpreter; None in a frozen app off that path (its
    executable is the app: a fresh interpreter would need the bundle's own start-up), where
    files are analysed in the importing process."""
    methods = multiprocessing.get_all_start_methods()
    alone = threading.current_thread() is threading.main_thread() and threading.active_count() == 1
    if alone and "fork" in methods and sys.platform.startswith("linux"):  # macOS: fork is unsafe under its frameworks
        return "fork"
    if getattr(sys, "frozen", False):
        return None
    return "forkserver" if "forkserver" in methods else "spawn"


def analyze_file(path: str | os.PathLike, group: str | None, default_group: str, max_bytes: int,
                 sentences_per_line: bool) -> list[tuple[AnalyzedDocument, str]]:
    """Every document of one file, analysed, with the name of its group (a worker's task)."""
    return [(analyze(source, sentences_per_line), group or source.group or default_group)
            for source in read_documents(path, max_bytes=max_bytes)]


def _load_model() -> None:
    language.model()  # once per worker, not inside the first file's time


def pooled_files(paths: Sequence[str | os.PathLike], workers: int) -> list[int]:
    """The indexes of the files worth handing to `workers` workers (none when the pool would
    not pay): those under IN_PROCESS_BYTES, when there are two or more of them and they hold
    at least POOL_MIN_BYTES."""
    if workers < 2 or len(paths) < 2 or start_method() is None:
        return []
    sizes = []
    for path in paths:
        try:
            sizes.append(os.stat(path).st_size)
        except OSError:
            sizes.append(0)  # the file changed since it was checked: reading it will say how
    small = [index for index, size in enumerate(sizes) if size < IN_PROCESS_BYTES]
    if len(small) < 2 or sum(sizes[index] for index in small) < POOL_MIN_BYTES:
        return []
    return small


class AnalysisPool:
    """Workers analysing the pooled files ahead, in file order; `take(index)` gives a file's
    documents (or raises its error) when the writer comes to it."""

    def __init__(self, paths: Sequence[str | os.PathLike], indexes: Sequence[int], workers: int,
                 task_args: tuple = ()):
        """`task_args`: analyze_file's arguments after the path."""
        self._paths, self._task_args = paths, task_args
        self._waiting = deque(indexes)
        self._pooled = set(indexes)
        self._futures: dict[int, Future] = {}
        self._ahead = max(1, workers) * AHEAD_PER_WORKER
        method = start_method()
        if method == "fork":
            language.model()  # loaded before the fork: every worker shares it
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method),
                                             initializer=_load_model)
        self._fill()

    def __contains__(self, index: int) -> bool:
        return index in self._pooled

    def _fill(self) -> None:
        while self._waiting and len(self._futures) < self._ahead:
            index = self._waiting.popleft()
            self._futures[index] = self._executor.submit(analyze_file, self._paths[index], *self._task_args)

    def take(self, index: int) -> list[tuple[AnalyzedDocument, str]]:
        future = self._futures.pop(index)
        self._fill()
        return future.result()

    def close(self) -> None:
        """Stops the workers: what they have not started is dropped, what they are doing is
        waited for (a small file each), so no process outlives the import."""
        self._futures.clear()
        self._waiting.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)
