"""Freed memory given back to the system (glibc's malloc_trim; elsewhere nothing is done).

A long text's alignment frees its temporaries (cosine matrices, candidates, small Python
objects) before the links and vectors are written; glibc keeps those pages resident, and the
writing's own allocations (SQLite's pages, the stored layout of a large group) do not all fit
back into them, so they added to the peak."""

from __future__ import annotations

import ctypes
import sys


def give_back_freed_memory() -> None:
    """Return the heap's free pages to the system (malloc_trim)."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None).malloc_trim(0)
        except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
            pass
