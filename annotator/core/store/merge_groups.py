"""Merging label groups (merging.py calls this): the source's groups the target lacks join
its scheme (their key only when it is free), then every answer and flag for discussion on the
sentences (and documents) they stand for, with who gave it and when; one already there is kept,
so merging twice adds nothing. Their events come with the source's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.project import Store

REPORT_KEYS = ("groups_added", "answers_added", "answers_unmatched", "flags_added")


def merge_groups(target: "Store", source: "Store", sentence_map: dict[int, list[int]],
                 document_map: dict[int, int], report: dict) -> None:
    for key in REPORT_KEYS:
        report.setdefault(key, 0)
    mine = {g.name: g for g in target.label_groups.all()}
    keys = {g.key for g in mine.values() if g.key}
    for group in source.label_groups.all():
        if group.name not in mine and group.kind != "multi":
            key = group.key if group.key and group.key not in keys else None
            scale = len(group.options) if group.kind == "ordinal" else None
            target.label_groups.add(group.name, group.kind, group.level, list(group.options), scale, key)
            keys.add(key)
            report["groups_added"] += 1
    records = []
    for answer in source.label_groups.records():
        if answer.sentence_id is not None:
            units = [(s, None) for s in sentence_map.get(answer.sentence_id, ())]
        else:
            units = [(None, document_map[answer.document_id])] if answer.document_id in document_map else []
        if not units:
            report["answers_unmatched"] += 1
        records += [(answer.group, s, d, answer.annotator, answer.value, answer.created_at) for s, d in units]
    report["answers_added"] += target.label_groups.restore(records, logged=False)
    report["flags_added"] += target.label_groups.restore_flags(
        [(mapped, who, at) for sentence_id, who, at in source.label_groups.flag_records()
         for mapped in sentence_map.get(sentence_id, ())], logged=False)
