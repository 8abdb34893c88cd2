"""The memory under numpy that Python does not see: freed heap pages given back to the system
(glibc's malloc_trim; elsewhere nothing is done), and BLAS's per-thread buffers kept to one for a
long text's pair.

A long text's alignment frees its temporaries (cosine matrices, candidates, small Python
objects) before the links and vectors are written; glibc keeps those pages resident, and the
writing's own allocations (SQLite's pages, the stored layout of a large group) do not all fit
back into them, so they added to the peak."""

from __future__ import annotations

import contextlib
import ctypes
import sys


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system (malloc_trim)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            pass


LONG_SIDE = 8192  # a pair with a side of this many lines is aligned with one BLAS thread


def blas_threads_for(*sides: int):
    """A context in which a pair with a side of LONG_SIDE lines or more multiplies its
    matrices with one BLAS thread. OpenBLAS packs a product's rows into a buffer per thread
    whose touched pages grow with the longer side (about 27 MB a thread at 50,000 lines and
    up) and stay resident: with two threads a 100,000-line text's pair peaked at 414 MB, with
    one at 362 MB (0.35 KB a line). One thread also cost less CPU there (20 s against 27 s).
    A shorter pair, or without threadpoolctl, nothing changes."""
    if max(sides, default=0) < LONG_SIDE:
        return contextlib.nullcontext()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        return contextlib.nullcontext()
    return threadpool_limits(1, user_api="blas")
