"""The project's own error types: every failure a user can cause ends up as one of these.

Each carries a one-line message that names the file and the problem; the CLI prints it
and exits 2, the GUI shows it in a dialog.
"""

from __future__ import annotations

import os


class AnnotatorError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    def __init__(self, source: str | os.PathLike | None, problem: str):
        self.source = os.fspath(source) if source is not None else None
        self.problem = " ".join(str(problem).split())  # one line, always
        super().__init__(f"{self.source}: {self.problem}" if self.source else self.problem)


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
