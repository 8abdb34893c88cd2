"""Span agreement between annotators: exact F1 (the same characters and label) and overlap F1
(the same label on characters that overlap), per pair of annotators, per span label and over
all of them.

Two annotators are compared on the sentences both looked at (judged, or made a span on): a
sentence one of them never touched says nothing about their agreement. With the first
annotator's spans A and the second's B, exact F1 = 2 |A ∩ B| / (|A| + |B|); overlap F1 =
(the spans of A that overlap one of B with its label + those of B that overlap one of A) /
(|A| + |B|), so each side's spans count once whatever they overlap."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

ALL_SPANS = "(all span labels)"

SpanKey = tuple[int, int, int, str]  # sentence, start, end, label


@dataclass(frozen=True)
class SpanPair:
    first: str
    second: str
    label: str
    first_spans: int
    second_spans: int
    exact: int  # spans both made exactly
    overlapping: int  # spans of either side that overlap one of the other's with its label
    sentences: int

    @property
    def exact_f1(self) -> float | None:
        total = self.first_spans + self.second_spans
        return 2 * self.exact / total if total else None

    @property
    def overlap_f1(self) -> float | None:
        total = self.first_spans + self.second_spans
        return self.overlapping / total if total else None


def _overlapping(mine: set[SpanKey], theirs: set[SpanKey]) -> int:
    by_place: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for sentence, start, end, label in theirs:
        by_place[sentence, label].append((start, end))
    return sum(1 for sentence, start, end, label in mine
               if any(s < end and start < e for s, e in by_place.get((sentence, label), ())))


def span_agreement(spans: Iterable[tuple[str, int, int, int, str]], touched: Iterable[tuple[str, int]],
                   labels: list[str]) -> list[SpanPair]:
    """Per pair of annotators (by name), per label and then ALL_SPANS: `spans` are (annotator,
    sentence, start, end, label); `touched` (annotator, sentence) the sentences each looked at
    (their spans' sentences count too)."""
    by_annotator: dict[str, set[SpanKey]] = defaultdict(set)
    seen: dict[str, set[int]] = defaultdict(set)
    for who, sentence, start, end, label in spans:
        by_annotator[who].add((sentence, start, end, label))
        seen[who].add(sentence)
    for who, sentence in touched:
        seen[who].add(sentence)
    results = []
    for first, second in combinations(sorted(by_annotator), 2):
        shared = seen[first] & seen[second]
        mine = {s for s in by_annotator[first] if s[0] in shared}
        theirs = {s for s in by_annotator[second] if s[0] in shared}
        for label in [*labels, ALL_SPANS]:
            a = mine if label == ALL_SPANS else {s for s in mine if s[3] == label}
            b = theirs if label == ALL_SPANS else {s for s in theirs if s[3] == label}
            if not a and not b and label != ALL_SPANS:
                continue
            results.append(SpanPair(first, second, label, len(a), len(b), len(a & b),
                                    _overlapping(a, b) + _overlapping(b, a), len(shared)))
    return results


def format_span_agreement(pairs: list[SpanPair]) -> str:
    """The report's lines: per pair, per label, exact and overlap F1 with the counts."""
    def number(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = ["spans:"]
    for pair in pairs:
        lines.append(f"  {pair.first} / {pair.second}, {pair.label}: exact F1 {number(pair.exact_f1)},"
                     f" overlap F1 {number(pair.overlap_f1)} ({pair.first_spans} and {pair.second_spans} spans,"
                     f" {pair.exact} the same, over {pair.sentences} sentences)")
    return "\n".join(lines)
