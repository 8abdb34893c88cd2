"""Long work off the UI thread, one kind of job for all of it: a `Job` runs
`work(progress, cancelled)` in a thread pool, can be cancelled, and hands its result (or its
one-line error) back to the UI thread through signals.

Two ways to start one: `run_with_progress` (import, alignment, export, merge, the team's
progress: a window-modal progress dialog with Cancel, the event loop running meanwhile) and
`run_in_background` (the model's training, the navigator's counts: no dialog, the keyboard
stays the user's)."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QApplication, QLabel, QProgressDialog, QWidget

from annotator.core.session import Work
from annotator.errors import AnnotatorError


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work(progress, cancelled)` in a thread pool; reports back through signals. `quiet`:
    work the user does not wait for, run at the lowest priority of the system (Linux: this
    thread only), kept alive by its owner (who cancels it and waits for it on close)."""

    def __init__(self, work: Work, quiet: bool = False):
        super().__init__()
        self.work = work
        self.quiet = quiet
        if quiet:
            self.setAutoDelete(False)
        self.signals = _Signals()
        self._cancel = threading.Event()
        self.ended = threading.Event()  # set once the work has returned or failed
        self.abandoned = False  # the window closed: its outcome, even one already on its way, is dropped

    def cancel(self) -> None:
        self._cancel.set()

    def abandon(self) -> None:
        """Cancel it and drop its outcome (the window that wanted it is closing)."""
        self.abandoned = True
        self.cancel()

    def unless_abandoned(self, slot: Callable) -> Callable:
        """`slot`, for connecting to the signals: not called once the job is abandoned (a signal
        emitted before is queued, and still arrives after the window has closed)."""
        return lambda *args: None if self.abandoned else slot(*args)

    def run(self) -> None:
        if self.abandoned:  # abandoned while it waited for a thread of the pool
            self.ended.set()
            return
        if self.quiet and self._cancel.is_set():  # cancelled while it waited: said, not run
            self.signals.failed.emit(QCoreApplication.translate("Jobs", "cancelled"))
            self.ended.set()
            return
        try:
            if self.quiet:
                with contextlib.suppress(AttributeError, OSError):  # Linux: this thread only, at the lowest priority
                    os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            result = self.work(lambda done, total, text="": self.signals.progress.emit(done, total, text),
                               self._cancel.is_set)
        except AnnotatorError as error:
            self.signals.failed.emit(str(error))
        except Exception as error:  # report, never crash the app from a worker thread
            self.signals.failed.emit(f"{type(error).__name__}: {error}")
        else:
            self.signals.finished.emit(result)
        finally:
            self.ended.set()


def run_in_background(work: Work, on_done: Callable[[object], None], on_error: Callable[[str], None],
                      pool: QThreadPool | None = None, quiet: bool = True) -> Job:
    """Start `work` with no dialog; `on_done(result)` or `on_error(line)` follow on the UI
    thread, unless the job was abandoned meanwhile."""
    job = Job(work, quiet=quiet)
    job.signals.finished.connect(job.unless_abandoned(on_done))
    job.signals.failed.connect(job.unless_abandoned(on_error))
    (pool or QThreadPool.globalInstance()).start(job)
    return job


def run_with_progress(parent: QWidget, title: str, work: Work, on_done: Callable[[object], None],
                      on_error: Callable[[str], None]) -> Job:
    """Start `work` under a window-modal progress dialog whose Cancel cancels it."""
    dialog = QProgressDialog(title, QCoreApplication.translate("Jobs", "Cancel"), 0, 0, parent)
    label = QLabel(dialog)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the progress names files: shown as typed, never as markup
    dialog.setLabel(label)
    dialog.setLabelText(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    job = Job(work)
    dialog.canceled.connect(job.cancel)

    def progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        if text:
            dialog.setLabelText(f"{title}\n{text}")

    def ended(slot: Callable) -> Callable:
        def end(outcome) -> None:
            had_the_keys = QApplication.activeWindow() is dialog
            dialog.reset()
            dialog.deleteLater()
            if parent.isVisible() and (had_the_keys or QApplication.activeWindow() is None):
                # the keys go back to the window (offscreen, and a desktop without a window
                # manager, left no window active: Ctrl+Z right after a long job did nothing)
                parent.activateWindow()
            if not job.abandoned:  # (a job cancelled as its window closes: no box after the window)
                slot(outcome)
        return end

    job.signals.progress.connect(job.unless_abandoned(progress))
    job.signals.finished.connect(ended(on_done))
    job.signals.failed.connect(ended(on_error))
    QThreadPool.globalInstance().start(job)
    return job


def stop_jobs(jobs, seconds: float) -> bool:
    """Abandon these jobs (None is skipped) and wait until each has ended, `seconds` at most in
    all; True when every one has."""
    jobs = [job for job in jobs if job is not None]
    for job in jobs:
        job.abandon()
    deadline = time.monotonic() + seconds
    return all(job.ended.wait(max(0.0, deadline - time.monotonic())) for job in jobs)
