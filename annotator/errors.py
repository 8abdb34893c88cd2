"""The project's own error types: every failure a user can cause ends up as one of these.

Each carries a one-line message that names the file and the problem; the CLI prints it
and exits 2, the GUI shows it in a dialog.
"""

from __future__ import annotations

import os
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """`text` with control characters (line breaks, tabs, escape sequences, bidi overrides,
    undecodable bytes) written as Python escapes (`\\n`, `\\x1b`, `\\u202e`, `\\udcff`) so
    that a file name shows as one line and as what it is."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)


def _source_text(source: str | bytes) -> str:
    if isinstance(source, bytes):
        return os.fsdecode(source)
    return source


class AnnotatorError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    def __init__(self, source: str | os.PathLike | None, problem: str):
        self.source = _source_text(os.fspath(source)) if source is not None else None
        # one line, always; other control characters (ESC...) escaped, the rest left as written
        self.problem = _CONTROL.sub(lambda m: ascii(m.group())[1:-1], " ".join(str(problem).split()))
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line message (also when a binding has rewritten the exception's text, as
        PySide does for an exception raised inside a Qt virtual method)."""
        return f"{visible(self.source)}: {self.problem}" if self.source else self.problem


class InputError(AnnotatorError):
    """A file given for import cannot be read as a document."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used (not a project, corrupt, newer version...)."""


class ProjectLockedError(ProjectError):
    """Another process has the project open for writing."""


class NotFoundError(AnnotatorError):
    """A sentence, label, document or group named by the user does not exist."""


class Cancelled(AnnotatorError):
    """The user cancelled a command before it was stored; nothing was changed."""
