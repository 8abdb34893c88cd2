"""Beads (aligned units) and the standard strict/lax precision, recall and F1 over them.

A bead pairs a run of source sentences with a run of target sentences (0-based indices);
either side may be empty (an unmatched sentence). Text format, one bead per line, as in the
gold sets: `[0]:[0, 1]`, `[]:[5]`, `[7]:[]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BEAD_LINE = re.compile(r"\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\](?::.*)?\s*")


@dataclass(frozen=True)
class Bead:
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float | None = None

    def key(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        return self.src, self.tgt

    def format(self) -> str:
        return f"[{', '.join(map(str, self.src))}]:[{', '.join(map(str, self.tgt))}]"


def parse_beads(text: str) -> list[Bead]:
    beads = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _BEAD_LINE.fullmatch(line)
        if not match:
            raise ValueError(f"line {number}: not a bead: {line!r}")
        src, tgt = (tuple(int(x) for x in side.replace(",", " ").split()) for side in match.groups())
        beads.append(Bead(src, tgt))
    return beads


@dataclass
class Counts:
    """Micro-averaging counts: sum them over documents, then compute the scores once."""

    predicted: int = 0  # all predicted beads (null beads included)
    strict_correct: int = 0
    lax_correct: int = 0
    gold: int = 0  # gold beads with both sides
    strict_recalled: int = 0
    lax_recalled: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(vars(self).values(), vars(other).values())))

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def scores(self) -> dict[str, float]:
        sp = self.strict_correct / self.predicted if self.predicted else 0.0
        lp = self.lax_correct / self.predicted if self.predicted else 0.0
        sr = self.strict_recalled / self.gold if self.gold else 0.0
        lr = self.lax_recalled / self.gold if self.gold else 0.0
        return {"strict_p": sp, "strict_r": sr, "strict_f1": self._f1(sp, sr),
                "lax_p": lp, "lax_r": lr, "lax_f1": self._f1(lp, lr)}


def _pairs(beads) -> set[tuple[int, int]]:
    return {(s, t) for bead in beads for s in bead[0] for t in bead[1]}


def count(predicted: list[Bead], gold: list[Bead]) -> Counts:
    """Strict and lax counts of one document, as Vecalign's and Bertalign's scorers define them."""
    pred = {b.key() for b in predicted if b.src or b.tgt}
    gold_keys = {b.key() for b in gold if b.src or b.tgt}
    gold_pairs = _pairs(gold_keys)
    counts = Counts(predicted=len(pred))
    for bead in pred:
        if bead in gold_keys:
            counts.strict_correct += 1
            counts.lax_correct += 1
        elif bead[0] and bead[1] and _pairs([bead]) & gold_pairs:
            counts.lax_correct += 1
    pred_full = {b for b in pred if b[0] and b[1]}
    pred_pairs = _pairs(pred_full)
    for bead in gold_keys:
        if not (bead[0] and bead[1]):
            continue
        counts.gold += 1
        if bead in pred_full:
            counts.strict_recalled += 1
            counts.lax_recalled += 1
        elif _pairs([bead]) & pred_pairs:
            counts.lax_recalled += 1
    return counts
