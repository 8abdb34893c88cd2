"""Bringing another project's documents, annotations, judgements, alignment confirmations,
manual links, rejected links, relations and spans into this one, composed from the domain writers inside one transaction."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from annotator.core.model import Annotation
from annotator.core.store.merge_groups import merge_groups
from annotator.core.store.scheme import SchemeRow
from annotator.core.store.span_merging import merge_spans

if TYPE_CHECKING:
    from annotator.core.store.project import Store

REPORT_KEYS = ("documents_added", "documents_matched", "annotations_added", "annotations_present",
               "annotations_unmatched", "sentences_unmatched", "sentences_by_overlap", "links_added",
               "links_unmatched", "rejections_added", "relations_added", "relations_unmatched", "spans_added",
               "spans_unmatched", "events_added")
OVERLAP = 0.5  # of the shorter sentence: what makes two differently cut sentences "the same text"


def merge_from(target: "Store", source: "Store") -> dict:
    """Merge `source` (open read-only) into `target`, in one transaction (nested inside the
    caller's when there is one). Documents are matched by the sha256 of their bytes, sentences
    by their character offsets; what cannot be matched is counted, never silently dropped.
    Merging the same project twice adds nothing."""
    report = dict.fromkeys(REPORT_KEYS, 0)
    sentence_map: dict[int, list[int]] = {}  # source sentence -> the target sentences it stands for
    source_starts: dict[int, int] = {}  # source sentence -> its start in its document (spans go by offsets)
    target_bounds: dict[int, tuple[int, int]] = {}  # target sentence -> (start, end) in its document
    document_map: dict[int, int] = {}  # source document -> the target's
    documents = target.documents
    with target.transaction(), target.events.acting("merge"):
        for bundle in source.documents.bundles():
            document_id = documents.by_hash(bundle["sha256"])
            if document_id is None:
                document_id = _insert_bundle(target, bundle)
                report["documents_added"] += 1
            else:
                report["documents_matched"] += 1
            document_map[bundle["id"]] = document_id
            spans = documents.sentence_spans(document_id)
            ordered = sorted(spans.items())
            target_bounds.update((sentence_id, bounds) for bounds, sentence_id in spans.items())
            for sentence in bundle["sentences"]:
                source_starts[sentence["id"]] = sentence["start"]
                mapped = spans.get((sentence["start"], sentence["end"]))
                if mapped is not None:
                    sentence_map[sentence["id"]] = [mapped]
                    continue
                overlapping = _overlapping(ordered, sentence["start"], sentence["end"])
                if overlapping:  # split or merged in one of the two files
                    sentence_map[sentence["id"]] = overlapping
                    report["sentences_by_overlap"] += 1
                else:
                    report["sentences_unmatched"] += 1
        _add_missing_labels(target, source)
        # judgements first, so that they keep their own times
        target.annotations.record_judgements((mapped, annotator, created_at, note)
                                             for sentence_id, annotator, created_at, note
                                             in source.annotations.judgement_records()
                                             for mapped in sentence_map.get(sentence_id, ()))
        target.confirmations.restore([(mapped, annotator, created_at)
                                      for sentence_id, annotator, created_at in source.confirmations.records()
                                      for mapped in sentence_map.get(sentence_id, ())])
        annotations: tuple[list, list] = ([], [])  # (without a history in the source, with one)
        events = source.events.records(held=target.events)
        recorded = {(e[5], e[2], e[6]) for e in events if e[4] == "add"}  # (sentence, who, label)
        for a in source.annotations.records():
            if a.sentence_id in sentence_map:
                annotations[(a.sentence_id, a.annotator, a.label) in recorded].extend(
                    Annotation(mapped, a.label, a.annotator, a.created_at, a.note, a.origin)
                    for mapped in sentence_map[a.sentence_id])
            else:
                report["annotations_unmatched"] += 1
        # an annotation the source's history tells of comes with that history (below), not a merge's event
        added = target.annotations.restore(annotations[0]) + target.annotations.restore(annotations[1], logged=False)
        annotations = annotations[0] + annotations[1]
        report["annotations_added"] += added
        report["annotations_present"] += len(annotations) - added
        existing = {frozenset([frozenset(link.source), frozenset(link.target)]) for link in target.links.manual()}
        for link in source.links.manual():
            if not all(i in sentence_map for i in link.sentence_ids()):
                report["links_unmatched"] += 1
                continue
            sources = list(dict.fromkeys(m for i in link.source for m in sentence_map[i]))
            targets = list(dict.fromkeys(m for i in link.target for m in sentence_map[i]))
            key = frozenset([frozenset(sources), frozenset(targets)])  # the same link either way round
            if key not in existing:
                target.links.add(sources, targets, score=link.score, origin="manual")
                existing.add(key)
                report["links_added"] += 1
        # the source's history (an older file is read through a migrated copy): each event once, by its id
        report["events_added"] += target.events.restore(events, sentence_map)
        report["rejections_added"] += target.links.restore_rejections(
            [(a2, b2, score, who, created_at) for a, b, score, who, created_at in source.links.rejections()
             for a2 in sentence_map.get(a, ()) for b2 in sentence_map.get(b, ())])
        placed_spans: dict = {}  # (the relations that end on a span go where the span went)
        merge_spans(target, source, sentence_map, source_starts, target_bounds, report, events, placed_spans)
        _merge_relations(target, source, sentence_map, report, events, placed_spans)
        merge_groups(target, source, sentence_map, document_map, report)
    return report


def _merge_relations(target: "Store", source: "Store", sentence_map: dict[int, list[int]], report: dict,
                     events: list[tuple], placed_spans: dict) -> None:
    """The source's relations on the sentences they stand for (a split sentence: on each part),
    with who made them and when; one already there is kept (merging twice adds nothing). A
    relation the source's history tells of (`events`) comes with that history, not a merge's
    event, as annotations do. A span end goes to where its span went (by offsets; none: the
    relation is unmatched)."""
    recorded = {(e[5], e[2], e[6]) for e in events if e[4] == "relate"}  # (head, who, type)
    records: tuple[list, list] = ([], [])  # (without a history in the source, with one)
    def ends(sentence_id, span, who):  # [(sentence here, span here or None)]
        if span is None:
            return [(mapped, None) for mapped in sentence_map.get(sentence_id) or ()]
        placed = placed_spans.get((sentence_id, *span, who))
        return [(placed[0], (placed[1], placed[2], span[2]))] if placed else []

    for relation in source.relations.checked_records():
        heads = ends(relation.head_id, relation.head_span, relation.annotator)
        tails = ends(relation.tail_id, relation.tail_span, relation.annotator)
        if not heads or not tails:
            report["relations_unmatched"] += 1
            continue
        records[(relation.head_id, relation.annotator, relation.type) in recorded].extend(
            (head, tail, relation.type, relation.annotator, relation.created_at, head_span, tail_span)
            for head, head_span in heads for tail, tail_span in tails
            if head != tail or (head_span and tail_span and head_span != tail_span))
    report["relations_added"] += (target.relations.restore(records[0])
                                  + target.relations.restore(records[1], logged=False))


def _overlapping(ordered: list[tuple[tuple[int, int], int]], start: int, end: int) -> list[int]:
    """The target sentences (spans in order) sharing at least OVERLAP of the shorter one's
    characters with [start, end): one when the target merged what the source had split, several
    when the target split it (the rule a split follows: both parts carry the labels)."""
    found = []
    position = bisect.bisect_left(ordered, ((start, -1), -1))
    position = max(position - 1, 0)  # a target sentence that starts before it may still overlap
    for (t_start, t_end), sentence_id in ordered[position:]:
        if t_start >= end:
            break
        shared = min(end, t_end) - max(start, t_start)
        if shared > 0 and shared >= OVERLAP * min(end - start, t_end - t_start):
            found.append(sentence_id)
    return found


def _insert_bundle(target: "Store", bundle: dict) -> int:
    paragraph_index = {p["id"]: k for k, p in enumerate(bundle["paragraphs"])}
    return target.documents.insert(
        bundle["group_name"], bundle,
        [(p["start"], p["end"], p["lang"], p["lang_source"], p["boilerplate_reason"]) for p in bundle["paragraphs"]],
        [(paragraph_index[s["paragraph_id"]], s["start"], s["end"], s["text"], s["lang"], s["boilerplate"],
          s["boilerplate_reason"]) for s in bundle["sentences"]])


def _add_missing_labels(target: "Store", source: "Store") -> None:
    """Labels the source has and the target lacks join the target's scheme at the end (their
    key only when it is free)."""
    rows = target.scheme.rows()
    names = {row.name for row in rows}
    keys = {row.key for row in rows if row.key}
    new = []
    for label in source.scheme.labels():
        if label.name not in names:
            key = label.key if label.key and label.key not in keys else None
            new.append(SchemeRow(None, label.name, key, label.color, label.description))
            names.add(label.name)
            keys.add(key)
    if new:
        target.scheme.apply(rows + new)
