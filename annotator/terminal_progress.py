"""A progress bar for long command-line work, on standard error when it is a terminal, and
nothing at all otherwise (scripts and pipes get only the result lines)."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator

import click


@contextlib.contextmanager
def terminal_progress(label: str, stream=None) -> Iterator[Callable[..., None]]:
    """Yields `progress(done, total, *_)`, the callback the core's long work takes."""
    stream = stream or sys.stderr
    if not stream.isatty():
        yield lambda done, total, *_: None
        return
    bar = None
    try:
        def progress(done: int, total: int, *_) -> None:
            nonlocal bar
            if bar is None:
                bar = click.progressbar(length=max(total, 1), label=label, file=stream, show_eta=True,
                                        show_percent=True, width=30)
                bar.render_progress()
            bar.update(done - bar.pos)  # the bar counts steps; the core reports positions
            bar.render_progress()

        yield progress
    finally:
        if bar is not None:
            bar.render_finish()
