"""Marking the words of the Qt-free layers that the desktop app shows translated.

The core cannot import Qt (tests/test_layering.py), yet some of its words are the app's own: the
key map's help (the F1 list, the first-run hint). Such a word is written QT_TRANSLATE_NOOP(context,
text): here it returns the text unchanged (the command line and README show English), and
pyside6-lupdate, which knows the name, extracts it into the translations; the app translates it
when it shows it (QCoreApplication.translate(context, text)). Reports of the core and of
annotator/present (agreement, statistics, team progress, error lines) stay English on purpose:
they are shared word for word with the command line, whose output scripts and logs read."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text
