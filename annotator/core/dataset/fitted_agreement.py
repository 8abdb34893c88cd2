"""The agreement report that fits each kind of question (agreement_measures.py) and the
relations (relation_agreement.py), read from a project: what the CLI `agreement` and the
app's Review > Agreement show after the per-label figures."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from annotator.core.dataset.agreement_measures import GroupAgreement, group_agreement
from annotator.core.dataset.relation_agreement import RelationPair, relation_agreement


@dataclass
class FittedReport:
    groups: list[GroupAgreement]
    relations: list[RelationPair]


def fitted_report(store, from_scratch: bool = False) -> FittedReport:
    """Per label group, the agreement that fits its kind: set agreement (MASI alpha, Jaccard per
    pair) on the labels a sentence was given; nominal alpha on exclusive and yes/no answers,
    ordinal alpha on ratings, exact agreement on free text (a document-level group's unit is
    the document). Then relation agreement over the groups both annotators of a pair worked in."""
    document_group = dict(store.documents.in_order())
    worked_in: dict[str, set[int]] = defaultdict(set)
    label_sets = []
    for sentence_id, annotator, labels, document_id, _ in store.annotations.judgements(from_scratch):
        label_sets.append((sentence_id, annotator, frozenset(labels)))
        worked_in[annotator].add(document_group.get(document_id))
    groups = []
    answers = store.label_groups.records()
    for group in store.label_groups.all():
        if group.kind == "multi":  # the labels (one multi group holds them all)
            groups.append(group_agreement(group.name, "multi", label_sets))
            continue
        judged = [(("sentence", a.sentence_id) if a.sentence_id is not None else ("document", a.document_id),
                   a.annotator, int(a.value) if group.kind == "ordinal" else a.value)
                  for a in answers if a.group == group.name]
        groups.append(group_agreement(group.name, group.kind, judged))
    return FittedReport(groups, relation_agreement(store.relations.with_groups(), worked_in))
