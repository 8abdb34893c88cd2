"""The project file: the only code that reads or writes SQLite (through sqlite-utils).

`Store` (project.py) is the front door; each domain has its own module. See project.py for
the layout and connection.py for the thread rule."""

from annotator.core.store import sqlite_utils_import  # noqa: F401  (first: keeps pandas out)
from annotator.core.store.connection import APPLICATION_ID, default_labels, now, remove_project_files
from annotator.core.store.project import Store
from annotator.core.store.scheme import SchemeChange, SchemeRow, scheme_problem

__all__ = ["APPLICATION_ID", "SchemeChange", "SchemeRow", "Store", "default_labels", "now", "remove_project_files",
           "scheme_problem"]
