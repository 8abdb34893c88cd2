"""The agreement report that fits each kind of question (agreement_measures.py) and the
relations (relation_agreement.py), read from a project: what the CLI `agreement` and the
app's Review > Agreement show after the per-label figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from annotator.core.dataset.agreement_measures import GroupAgreement, group_agreement
from annotator.core.dataset.relation_agreement import RelationPair, relation_agreement

ALL_LABELS = "labels"  # the scheme's multi-label set, as one group


@dataclass
class FittedReport:
    groups: list[GroupAgreement]
    relations: list[RelationPair]


def fitted_report(store, from_scratch: bool = False) -> FittedReport:
    """Set agreement (MASI alpha, Jaccard per pair) on the labels a sentence was given, and
    relation agreement over the groups both annotators of a pair worked in."""
    document_group = dict(store.documents.in_order())
    worked_in: dict[str, set[int]] = defaultdict(set)
    label_sets = []
    for sentence_id, annotator, labels, document_id, _ in store.annotations.judgements(from_scratch):
        label_sets.append((sentence_id, annotator, frozenset(labels)))
        worked_in[annotator].add(document_group.get(document_id))
    groups = [group_agreement(ALL_LABELS, "multi", label_sets)]
    return FittedReport(groups, relation_agreement(store.relations.with_groups(), worked_in))
