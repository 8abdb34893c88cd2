"""What the core says on its way while the window waits for it (a search index made again on
opening: store/search_repair.py), collected to show in the status bar instead of on stderr."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


class _Collected(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


@contextlib.contextmanager
def core_warnings() -> Iterator[list[str]]:
    """The core's warning lines said inside the block (on this thread), in order."""
    logger = logging.getLogger("annotator")
    collected = _Collected()
    logger.addHandler(collected)
    try:
        yield collected.lines
    finally:
        logger.removeHandler(collected)
