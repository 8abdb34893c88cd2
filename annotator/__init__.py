"""annotator: label news sentences across languages, aligned side by side."""

__version__ = "0.1.0"
