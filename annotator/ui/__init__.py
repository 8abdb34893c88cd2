"""The desktop app (PySide6): shows and edits; all data lives in the core."""
