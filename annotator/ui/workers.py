"""Long work (import, alignment, export) off the UI thread, with a progress dialog and Cancel.

The event loop keeps running while the work runs; the dialog is modal, so the user cannot
change the project meanwhile."""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from annotator.errors import AnnotatorError


class _Signals(QObject):
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Runs `work(progress, cancelled)` in the thread pool; reports back through signals."""

    def __init__(self, work: Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]):
        super().__init__()
        self.work = work
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
        try:
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


def run_with_progress(parent: QWidget, title: str, work, on_done: Callable[[object], None],
                      on_error: Callable[[str], None]) -> Job:
    dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
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

    def finish(result) -> None:
        dialog.reset()
        dialog.deleteLater()
        if not job.abandoned:
            on_done(result)

    def fail(message: str) -> None:
        dialog.reset()
        dialog.deleteLater()
        if not job.abandoned:  # (a job cancelled as its window closes: no error box after the window)
            on_error(message)

    job.signals.progress.connect(job.unless_abandoned(progress))
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    QThreadPool.globalInstance().start(job)
    return job


def stop_jobs(jobs, seconds: float) -> bool:
    """Abandon these jobs (Job or BackgroundJob; None is skipped) and wait until each has ended,
    `seconds` at most in all; True when every one has."""
    jobs = [job for job in jobs if job is not None]
    for job in jobs:
        job.abandon()
    deadline = time.monotonic() + seconds
    return all(job.ended.wait(max(0.0, deadline - time.monotonic())) for job in jobs)


class BackgroundJob(QRunnable):
    """Work the user does not wait for (the model retraining): no dialog, nothing modal, the
    keyboard stays the user's meanwhile. Its outcome is kept on the job (`outcome`: the result,
    or `error`: one line) and read by the UI thread once `ended` is set, which the window checks
    with a timer: no signal crosses threads, so nothing depends on how a binding queues them."""

    def __init__(self, work):
        super().__init__()
        self.setAutoDelete(False)  # the window keeps it, to cancel it and wait for it on close
        self.work = work
        self.outcome = None
        self.error: str | None = None
        self._cancel = threading.Event()
        self.ended = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def abandon(self) -> None:
        """Cancel it (its outcome is read only by the window's timer, which stops with the window)."""
        self.cancel()

    def run(self) -> None:
        if self._cancel.is_set():  # cancelled while it waited for its thread
            self.error = "cancelled"
            self.ended.set()
            return
        try:
            with contextlib.suppress(AttributeError, OSError):  # Linux: this thread only, at the lowest priority
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            self.outcome = self.work(lambda *_: None, self._cancel.is_set)
        except AnnotatorError as error:
            self.error = str(error)
        except Exception as error:  # report, never crash the app from a worker thread
            self.error = f"{type(error).__name__}: {error}"
        finally:
            self.ended.set()
