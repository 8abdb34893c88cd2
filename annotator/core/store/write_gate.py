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
  foreground transaction and no `touch()` (a key that only moved the cursor) came for a while.
Connections of other processes, and workers that do not yield, are ordered by SQLite alone.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator

POLL = 0.1  # seconds between two looks at `cancelled` while a background job waits


class WriteGate:
    def __init__(self):
        self._changed = threading.Condition()
        self._foreground = 0  # foreground transactions waiting or running
        self._background = False  # a background transaction is running
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
    def background(self) -> Iterator[None]:
        """Around a background job's transaction: begins when no foreground transaction waits or runs."""
        with self._changed:
            while self._foreground or self._background:
                self._changed.wait()
            self._background = True
        try:
            yield
        finally:
            with self._changed:
                self._background = False
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
