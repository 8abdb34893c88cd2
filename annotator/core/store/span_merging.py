"""Bringing another project's spans and span labels into this one (part of merge_from): a span
goes to the sentence its characters stand at in the document, by offsets, as labels do; a
sentence split or merged in one of the two files takes the span where it lies wholly inside
one of its sentences, its offsets counted from that sentence's start."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from annotator.core.store.project import Store


def merge_spans(target: "Store", source: "Store", sentence_map: dict[int, list[int]],
                source_starts: dict[int, int], target_bounds: dict[int, tuple[int, int]], report: dict,
                events: list[tuple], placed_spans: dict | None = None) -> None:
    """The source's spans on the sentences they stand for; one already there is kept (merging
    twice adds nothing). A span the source's history tells of (`events`) comes with that
    history, not a merge's event, as annotations do. Span labels the target lacks join it.
    `placed_spans` (when given) learns where each source span went: (sentence, start, end,
    label, annotator) there -> (sentence, start, end) here, for the relations that end on it."""
    known = {label.name for label in target.spans.labels()}
    for label in source.spans.labels():
        if label.name not in known:
            target.spans.set_label(label.name, None, label.color)
    recorded = {(e[5], e[2], e[6]) for e in events if e[4] == "span"}  # (sentence, who, label)
    records: tuple[list, list] = ([], [])  # (without a history in the source, with one)
    for span in source.spans.records():
        placed = None
        if span.sentence_id in source_starts:
            start = source_starts[span.sentence_id] + span.start  # in the document's text
            end = start + span.end - span.start
            for mapped in sentence_map.get(span.sentence_id, ()):
                t_start, t_end = target_bounds[mapped]
                if t_start <= start and end <= t_end:
                    placed = (mapped, start - t_start, end - t_start)
                    break
        if placed is None:
            report["spans_unmatched"] = report.get("spans_unmatched", 0) + 1
            continue
        if placed_spans is not None:
            placed_spans[(span.sentence_id, span.start, span.end, span.label, span.annotator)] = placed
        records[(span.sentence_id, span.annotator, span.label) in recorded].append(
            (*placed, span.label, span.annotator, span.created_at))
    report["spans_added"] = (report.get("spans_added", 0) + target.spans.restore(records[0])
                             + target.spans.restore(records[1], logged=False))
