"""Long work (import, alignment, export) off the UI thread, with a progress dialog and Cancel.

The event loop keeps running while the work runs; the dialog is modal, so the user cannot
change the project meanwhile."""

from __future__ import annotations

import contextlib
import os
import threading
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

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
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
        on_done(result)

    def fail(message: str) -> None:
        dialog.reset()
        dialog.deleteLater()
        on_error(message)

    job.signals.progress.connect(progress)
    job.signals.finished.connect(finish)
    job.signals.failed.connect(fail)
    QThreadPool.globalInstance().start(job)
    return job


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

    def run(self) -> None:
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
