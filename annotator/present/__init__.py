"""Reports worded for people. The core returns figures (dataclasses and dicts); the command line
and the app word them with these functions, so a report reads the same in both and the app never
parses text back. No Qt here (the command line runs without it) and no SQLite."""
