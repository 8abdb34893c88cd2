"""The gold layer: majority decisions where there is one, and the sentences left to a person;
and the aligned sentences whose labels differ across languages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from annotator.core.store import Store


@dataclass(frozen=True)
class Undecided:
    sentence_id: int
    votes: dict[str, list[str]]  # annotator -> labels


def majority(store: Store) -> tuple[int, list[Undecided]]:
    """Fill the gold layer by majority: a label is in when more than half of the sentence's
    judges chose it. A sentence with a tie on any label is left undecided (and listed); manual
    gold decisions are kept. Returns (sentences decided, undecided ones)."""
    votes: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for sentence_id, annotator, labels, _, _ in store.annotations.judgements():
        votes[sentence_id][annotator] = labels
    decisions, undecided = [], []
    for sentence_id, by_annotator in sorted(votes.items()):
        judges = len(by_annotator)
        counts: dict[str, int] = defaultdict(int)
        for labels in by_annotator.values():
            for label in labels:
                counts[label] += 1
        if any(2 * count == judges for count in counts.values()):
            undecided.append(Undecided(sentence_id, by_annotator))
        else:
            decisions.append((sentence_id, [label for label, count in counts.items() if 2 * count > judges]))
    store.gold.set(decisions, method="majority")  # one transaction
    return len(decisions), undecided


@dataclass(frozen=True)
class Inconsistency:
    link_id: int
    source: list[int]
    target: list[int]
    source_labels: list[str]
    target_labels: list[str]


def inconsistencies(store: Store) -> list[Inconsistency]:
    """Aligned sentences labeled differently: for each link, anyone's labels on its two sides."""
    found = []
    for group in store.documents.groups():
        for link in store.links.in_group(group["id"]):
            labels = store.annotations.labels_of(link.sentence_ids())
            source_side = sorted({name for i in link.source for name in labels[i]})
            target_side = sorted({name for i in link.target for name in labels[i]})
            if source_side != target_side:
                found.append(Inconsistency(link.id, link.source, link.target, source_side, target_side))
    return found
