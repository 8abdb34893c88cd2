"""The project's own error types: every failure a user can cause ends up as one of these.

Each carries a one-line message that names the file and the problem; the CLI prints it
and exits 2, the GUI shows it in a dialog.
"""

from __future__ import annotations

import os
import re

# What a terminal acts on or shows as something else: C0 and C1 controls and DEL (line breaks,
# escape sequences, BEL), the line and paragraph separators, the bidi marks, embeddings,
# overrides and isolates (an RTL override reverses what follows), and lone surrogates
# (undecodable bytes of a file name, which cannot even be written to a UTF-8 stream).
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same but C0, which json escapes itself (its own line breaks and indents are structure).
_UNSAFE_IN_JSON = re.compile(r"[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def visible(text) -> str:
    """`text` with the characters a terminal would act on (line breaks, tabs, escape
    sequences, bidi controls, undecodable bytes) written as Python escapes (`\\n`, `\\x1b`,
    `\\u202e`, `\\udcff`), so that a name, title or file name read from a file or the command
    line shows as one line and as what it is, and cannot retitle or rewrite the terminal.
    Every user-derived string the command prints goes through it (JSON output is escaped by
    json itself). Other text, joiners and all, is left as written; a value that is not text
    (a hand-edited file may hold a number where a name belongs) is shown as str() shows it."""
    return _UNSAFE.sub(lambda m: ascii(m.group())[1:-1], text if isinstance(text, str) else str(text))


def visible_json(text: str) -> str:
    """JSON text (json.dumps with ensure_ascii=False) with the same characters written as
    \\uXXXX escapes: json escapes C0 controls itself but leaves DEL, C1 controls and bidi
    controls as they are, and they act on a terminal too. The value read back is the same
    (the line breaks and indents between values are JSON's own, outside any string)."""
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _source_text(source: str | bytes) -> str:
    if isinstance(source, bytes):
        return os.fsdecode(source)
    return source


class AnnotatorError(Exception):
    """Base class: a problem the user can act on, described in one line."""

    def __init__(self, source: str | os.PathLike | None, problem: str):
        self.source = _source_text(os.fspath(source)) if source is not None else None
        # one line, always; other control characters (ESC, bidi overrides...) escaped, the rest as written
        self.problem = visible(" ".join(str(problem).split()))
        super().__init__(self.line())

    def __reduce__(self):
        # pickled whole (an import's worker process raises it in the importing one): the
        # default would call __init__ again with the one-line message alone
        return _rebuilt, (type(self), self.line(), self.__dict__)

    def line(self) -> str:
        """The one-line message (also when a binding has rewritten the exception's text, as
        PySide does for an exception raised inside a Qt virtual method)."""
        return f"{visible(self.source)}: {self.problem}" if self.source else self.problem


def _rebuilt(kind: type, message: str, state: dict) -> AnnotatorError:
    error = Exception.__new__(kind)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class InputError(AnnotatorError):
    """A file given for import cannot be read as a document."""


class ProjectError(AnnotatorError):
    """The project file cannot be opened or used (not a project, corrupt, newer version...)."""


class ProjectLockedError(ProjectError):
    """Another process has the project open for writing."""


class NotFoundError(AnnotatorError):
    """A sentence, label, document or group named by the user does not exist."""


class OutputError(AnnotatorError):
    """Standard output could not take what a command wrote (a full disk behind `> file`)."""


class Cancelled(AnnotatorError):
    """The user cancelled a command before it was stored; nothing was changed."""
