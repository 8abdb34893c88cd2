"""One project's writers in this process, in order: the annotator's first.

SQLite lets one connection write at a time. A connection that finds the file locked sleeps in
its busy handler (1, 2, 5, 10, 15 ms ... between its tries), so a label pressed while a
background job's transaction ran waited for that transaction and then for the handler's next
try; a job that took the lock again at once could starve it for seconds.

The gate is an order inside this process, before SQLite's lock is asked for:
- a foreground transaction (the store the app opened, on the UI thread) announces itself and,
  when a background job's transaction holds the file, waits on a condition that the job's
  commit wakes at once (no busy handler's sleep);
- a background transaction (`Store.worker(yielding=True)`: the search index's catch-up)
  begins only when no foreground transaction waits or runs;
- `wait_for_rest` lets a background job pause while the annotator works: it returns once no
  foreground transaction and no `touch()` (a key that only moved the cursor) came for a while;
- a background transaction that can be redone later (the index's catch-up: `interrupt` given)
  is interrupted by a foreground one that would wait for it: SQLite rolls it back, it raises
  `Yielded`, and the label waits only for the rollback, not for the rest of its work (which a
  loaded machine stretches to 100 ms and more).
Connections of other processes, and workers that do not yield, are ordered by SQLite alone.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator

POLL = 0.1  # seconds between two looks at `cancelled` while a background job waits


class Yielded(Exception):
    """A background transaction was interrupted for the annotator's and rolled back: nothing of
    it was written; the job does it again after its rest."""


class WriteGate:
    def __init__(self):
        self._changed = threading.Condition()
        self._foreground = 0  # foreground transactions waiting or running
        self._background = False  # a background transaction is running
        self._interrupt: Callable[[], None] | None = None  # stops the running one, if it may be redone
        self._interrupted = False  # a foreground transaction asked the running one to stop
        # monotonic time the annotator last wrote or moved; opening counts (keys follow soon)
        self._last_activity = time.monotonic()

    def touch(self) -> None:
        """The annotator is working (a key that wrote nothing): background jobs keep resting."""
        with self._changed:
            self._last_activity = time.monotonic()

    def idle_for(self) -> float:
        """Seconds since the annotator's last write or touch."""
        with self._changed:
            return time.monotonic() - self._last_activity

    @contextlib.contextmanager
    def foreground(self) -> Iterator[None]:
        """Around the annotator's transaction: waits only for a background transaction already
        running, and keeps the next from beginning until this one has ended."""
        with self._changed:
            self._foreground += 1
            self._last_activity = time.monotonic()
            if self._background and self._interrupt is not None and not self._interrupted:
                self._interrupted = True
                self._interrupt()  # (sqlite3's interrupt may be called from another thread)
            while self._background:
                self._changed.wait()
        try:
            yield
        finally:
            with self._changed:
                self._foreground -= 1
                self._last_activity = time.monotonic()
                self._changed.notify_all()

    @contextlib.contextmanager
    def background(self, interrupt: Callable[[], None] | None = None) -> Iterator[None]:
        """Around a background job's transaction: begins when no foreground transaction waits or
        runs. With `interrupt` (its connection's), a foreground transaction stops it; it then
        raises `Yielded` once SQLite has rolled it back."""
        with self._changed:
            while self._foreground or self._background:
                self._changed.wait()
            self._background, self._interrupt, self._interrupted = True, interrupt, False
        try:
            yield
        except Exception as failure:
            if self._interrupted and "interrupted" in str(failure):
                raise Yielded() from None
            raise
        finally:
            with self._changed:
                self._background, self._interrupt, self._interrupted = False, None, False
                self._changed.notify_all()

    def wait_for_rest(self, seconds: float, cancelled: Callable[[], bool] = lambda: False) -> bool:
        """Wait until the annotator has neither written nor moved for `seconds`; False when
        `cancelled` came first."""
        with self._changed:
            while not cancelled():
                still = time.monotonic() - self._last_activity
                if still >= seconds and not self._foreground:
                    return True
                self._changed.wait(min(POLL, max(seconds - still, 0.001)))
        return False
