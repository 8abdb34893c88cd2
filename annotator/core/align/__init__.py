"""Sentence alignment: beads, scoring, the DP aligner and its engines."""

from annotator.core.align.beads import Bead
from annotator.core.align.engine import METHODS, Alignment, Params, align

__all__ = ["Alignment", "Bead", "METHODS", "Params", "align"]
