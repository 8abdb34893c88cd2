"""An exception that escapes a slot (a bug) is shown to the user as one plain-text line and
written, with its traceback, to a log file; the app keeps running. Without this PySide prints
the traceback on a terminal nobody looks at, and the user sees nothing happen."""

from __future__ import annotations

import datetime
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from annotator.errors import AnnotatorError
from annotator.ui import dialogs


def log_path() -> Path:
    """$ANNOTATOR_LOG, or annotator.log in the app's data folder (~/.local/share/annotator on Linux)."""
    if os.environ.get("ANNOTATOR_LOG"):
        return Path(os.environ["ANNOTATOR_LOG"])
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(folder or Path.home() / ".annotator") / "annotator.log"


def install(parent: Callable[[], object]) -> None:
    """Route uncaught exceptions to a log file and an error dialog over `parent()`."""
    showing = False

    def hook(kind, error, trace) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        log = log_path()
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(f"--- {datetime.datetime.now().isoformat(timespec='seconds')}\n")
                handle.write("".join(traceback.format_exception(kind, error, trace)))
            where = QCoreApplication.translate("Crash", "details in {log}").format(log=log)
        except OSError as failure:
            where = QCoreApplication.translate("Crash", "the log {log} could not be written: {reason}").format(
                log=log, reason=failure.strerror or failure)
            traceback.print_exception(kind, error, trace)
        if showing:  # one dialog at a time: a failing paint would otherwise open one per frame
            return
        showing = True
        try:
            if isinstance(error, AnnotatorError):  # a fault of the file met while drawing (a BLOB for a text)
                dialogs.show_error(parent(), "annotator", error.line())
                return
            summary = " ".join(f"{kind.__name__}: {error}".split())
            dialogs.show_error(parent(), "annotator", QCoreApplication.translate(
                "Crash", "Something went wrong ({summary}); {where}. Every label the view shows is saved in the "
                "project.").format(summary=summary, where=where))
        finally:
            showing = False

    sys.excepthook = hook
