"""Who is annotating, when nobody said: the name the CLI records and the app's prompt offers."""

from __future__ import annotations

import getpass
import os


def default_annotator() -> str:
    try:
        return os.environ.get("ANNOTATOR_NAME") or getpass.getuser()
    except Exception:  # getuser raises when no user name is known (some containers)
        return "annotator"
