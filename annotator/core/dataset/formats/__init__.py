"""Readers and writers of other tools' files (alignments, annotation tools' exports)."""
