"""Train/dev/test splits that keep every version of a story (a group) on the same side, so no
translation of a test sentence is in train; balanced by size and, as far as whole groups allow,
by label; the same for the same seed."""

from __future__ import annotations

import random

from annotator.errors import AnnotatorError

NAMES = ("train", "dev", "test")


def parse_ratios(text: str) -> tuple[float, ...]:
    """"80/10/10" -> (0.8, 0.1, 0.1)."""
    try:
        parts = [float(part) for part in text.split("/")]
    except ValueError:
        parts = []
    if len(parts) != 3 or any(p < 0 for p in parts) or sum(parts) <= 0:
        raise AnnotatorError(None, f"--split wants three shares such as 80/10/10, not {text!r}")
    total = sum(parts)
    return tuple(p / total for p in parts)


def assign_groups(groups: dict[int, tuple[int, dict[str, int]]], ratios: tuple[float, ...],
                  seed: int) -> dict[int, str]:
    """Each group to a split: larger groups first (ties in a seeded random order), each to the
    split furthest below its share of sentences and of the group's labels."""
    chance = random.Random(seed)
    order = list(groups)
    chance.shuffle(order)
    order.sort(key=lambda g: -groups[g][0])
    total = sum(size for size, _ in groups.values()) or 1
    label_totals: dict[str, int] = {}
    for _, labels in groups.values():
        for label, count in labels.items():
            label_totals[label] = label_totals.get(label, 0) + count
    have = [0] * len(ratios)
    have_labels = [dict.fromkeys(label_totals, 0) for _ in ratios]
    assignment = {}
    for group in order:
        size, labels = groups[group]

        def deficit(k: int) -> float:
            if ratios[k] == 0:
                return float("-inf")
            score = (ratios[k] * total - have[k]) / total
            for label, count in labels.items():
                if count:
                    score += (ratios[k] * label_totals[label] - have_labels[k][label]) / label_totals[label]
            return score

        k = max(range(len(ratios)), key=deficit)
        assignment[group] = NAMES[k]
        have[k] += size
        for label, count in labels.items():
            have_labels[k][label] += count
    return assignment
