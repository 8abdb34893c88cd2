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
# Tasks asked for ahead of the one being written, per worker: enough that a worker never
# waits for the writer, few enough that memory holds a handful of batches.
AHEAD_PER_WORKER = 3
# Files a worker analyses in one task, up to this many bytes (at least one file, at most
# BATCH_FILES): each task and each result is a round of messages between threads and
# processes, some 0.5 ms of CPU in the importing process (issue 29: 0.2 s of its 1.1 s per
# 5 MB of 18 KB files when each file was a task).
BATCH_BYTES = 128 * 1024
BATCH_FILES = 32


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


def analyze_batch(paths: Sequence[str | os.PathLike], *task_args) -> list[list[tuple[AnalyzedDocument, str]] | Exception]:
    """analyze_file of each path, in order: its documents, or the error it raised (raised in
    the importing process when that file's turn comes, as if it had been a task of its own)."""
    results: list[list[tuple[AnalyzedDocument, str]] | Exception] = []
    for path in paths:
        try:
            results.append(analyze_file(path, *task_args))
        except Exception as error:  # noqa: BLE001 (handed to the importing process, raised there)
            results.append(error)
    return results


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
        self._waiting = deque(_batches(paths, indexes))
        self._pooled = set(indexes)
        self._futures: dict[int, tuple[list[int], Future]] = {}  # a batch by its first file
        self._batch_of: dict[int, int] = {}  # file -> the first file of its batch, while asked for
        self._done: dict[int, list | Exception] = {}  # results of a batch's files not yet taken
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
            batch = self._waiting.popleft()
            self._batch_of.update(dict.fromkeys(batch, batch[0]))
            self._futures[batch[0]] = batch, self._executor.submit(
                analyze_batch, [self._paths[index] for index in batch], *self._task_args)

    def take(self, index: int) -> list[tuple[AnalyzedDocument, str]]:
        if index not in self._done:
            batch, future = self._futures.pop(self._batch_of[index])
            self._fill()
            for file in batch:
                del self._batch_of[file]
            self._done.update(zip(batch, future.result()))
        result = self._done.pop(index)
        if isinstance(result, Exception):
            raise result
        return result

    def close(self) -> None:
        """Stops the workers: what they have not started is dropped, what they are doing is
        waited for (a batch of small files each), so no process outlives the import."""
        self._futures.clear()
        self._waiting.clear()
        self._done.clear()
        self._executor.shutdown(wait=True, cancel_futures=True)


def _batches(paths: Sequence[str | os.PathLike], indexes: Sequence[int]) -> list[list[int]]:
    """The pooled files in order, in runs of up to BATCH_BYTES (BATCH_FILES at most)."""
    batches: list[list[int]] = []
    size = 0
    for index in indexes:
        try:
            file_size = os.stat(paths[index]).st_size
        except OSError:
            file_size = 0  # reading it will say what is wrong
        if not batches or size + file_size > BATCH_BYTES or len(batches[-1]) >= BATCH_FILES:
            batches.append([])
            size = 0
        batches[-1].append(index)
        size += file_size
    return batches
