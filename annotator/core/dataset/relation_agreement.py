"""Agreement on typed relations between two annotators (or each pair of a team): how many of
one's relations the other made too, as F1 = 2 |A and B| / (|A| + |B|), counted three ways:

- typed: the same head, tail and type;
- linked: the same head and tail, whatever the type (did they see the same link at all?);
- per type: typed F1 over the relations of that type only.

An end that is a span (migration 19) is its sentence and the span's offsets: two annotators'
span-ended relations match when their spans cover the same characters (the span labels aside,
as span agreement counts them); a span end never matches a whole-sentence end.

Only the groups both annotators worked in count (they judged a sentence of it or related two of
its sentences): a group one of them never opened is not a disagreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

RelationRow = tuple  # head, tail, type, annotator, group[, head span, tail span: (start, end, label) or None]


def f1(first: set, second: set) -> float | None:
    """2 |A and B| / (|A| + |B|): precision and recall of one against the other combined; None
    when neither made any."""
    total = len(first) + len(second)
    return None if total == 0 else 2 * len(first & second) / total


@dataclass
class RelationPair:
    first: str
    second: str
    groups: int  # groups both worked in
    first_count: int  # relations of `first` in those groups
    second_count: int
    both: int  # the same head, tail and type
    typed_f1: float | None
    linked_both: int  # the same head and tail, any type
    linked_f1: float | None
    by_type: dict[str, tuple[int, int, int, float | None]] = field(default_factory=dict)  # first, second, both, F1


def relation_agreement(relations: Iterable[RelationRow],
                       worked_in: dict[str, set[int]] | None = None) -> list[RelationPair]:
    """Per pair of annotators (by name), relation agreement over the groups both worked in.
    `worked_in`: the groups each annotator judged sentences of; the groups they related
    sentences in are added to it."""
    made: dict[str, dict[int, set[tuple[int, int, str]]]] = defaultdict(lambda: defaultdict(set))
    groups_of: dict[str, set[int]] = defaultdict(set)
    for name, groups in (worked_in or {}).items():
        groups_of[name] |= set(groups)
    for head, tail, kind, annotator, group, *spans in relations:
        head_span, tail_span = (list(spans) + [None, None])[:2]
        made[annotator][group].add(((head, tuple(head_span[:2]) if head_span else None),
                                    (tail, tuple(tail_span[:2]) if tail_span else None), kind))
        groups_of[annotator].add(group)
    pairs = []
    for first, second in combinations(sorted(groups_of), 2):
        shared = groups_of[first] & groups_of[second]
        a = {r for g in shared for r in made[first].get(g, ())}
        b = {r for g in shared for r in made[second].get(g, ())}
        linked_a, linked_b = {r[:2] for r in a}, {r[:2] for r in b}
        by_type = {}
        for kind in sorted({r[2] for r in a | b}):
            of_a, of_b = {r for r in a if r[2] == kind}, {r for r in b if r[2] == kind}
            by_type[kind] = (len(of_a), len(of_b), len(of_a & of_b), f1(of_a, of_b))
        pairs.append(RelationPair(first, second, len(shared), len(a), len(b), len(a & b), f1(a, b),
                                  len(linked_a & linked_b), f1(linked_a, linked_b), by_type))
    return pairs
