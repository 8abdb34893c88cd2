"""Time on item: from the cursor reaching a sentence to its judgement (labels, or "no label
applies"), as the app records it with the judgement's event; summarised per annotator for
`annotator stats` and `annotator progress`. Judgements made without the app (the CLI, imports)
have no time and are not counted."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class TimeOnItem:
    annotator: str
    judgements: int  # timed judgements
    median: float  # seconds
    p90: float

    def to_dict(self) -> dict:
        return {"judgements": self.judgements, "median_seconds": self.median, "p90_seconds": self.p90}


def _quantile(ordered: list[float], share: float) -> float:
    """The nearest-rank quantile of a sorted list (a value that was measured, never a blend)."""
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def summarise(timed: Iterable[tuple[str, str, float]]) -> list[TimeOnItem]:
    """(event id, annotator, seconds) -> per annotator (by name) the median and the 90th
    percentile; an event met twice (one package returned twice) counts once."""
    seen: set[str] = set()
    by_annotator: dict[str, list[float]] = {}
    for event_id, who, seconds in timed:
        if event_id not in seen:
            seen.add(event_id)
            by_annotator.setdefault(who, []).append(seconds)
    summary = []
    for who in sorted(by_annotator):
        ordered = sorted(by_annotator[who])
        middle = len(ordered) // 2
        median = ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
        summary.append(TimeOnItem(who, len(ordered), round(median, 3), round(_quantile(ordered, 0.9), 3)))
    return summary
