"""Relations back in from a JSONL export (`import-labels --all-layers`). The export names each
side of a relation by the exporting project's `sentence_id`; those ids mean nothing in another
project, so each side is resolved through the file's own lines: a line's `sentence_id` is
matched to a sentence here the way its labels are (document hash and offsets, source_id, text),
and a relation comes in only when both of its sentences' lines were matched. A side with a
`span` ends on that span of the sentence (code-point offsets and label; the span must be here,
so it comes in with the same import's spans, or the relation is skipped)."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import RELATION_TYPE_NAMES
from annotator.errors import InputError

# head's export id, tail's export id, type, annotator, created at, head span, tail span
ExportedRelation = tuple


def _is_id(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _side(entry: dict, key: str) -> int | None:
    side = entry.get(key)
    return side.get("sentence_id") if isinstance(side, dict) and _is_id(side.get("sentence_id")) else None


def _span(entry: dict, key: str, where: str) -> tuple[int, int, str] | None:
    span = entry[key].get("span")
    if span is None:
        return None
    if not (isinstance(span, dict) and _is_id(span.get("start")) and _is_id(span.get("end"))
            and 0 <= span["start"] < span["end"] and isinstance(span.get("label"), str) and span["label"].strip()):
        raise InputError(where, f'a relation\'s "{key}" "span" must be {{start, end, label}} with whole numbers'
                                ' 0 <= start < end (our JSONL export\'s)')
    return span["start"], span["end"], span["label"]


def line_relations(row: dict, where: str) -> tuple[int | None, list[ExportedRelation]]:
    """(the line's export sentence_id, the relations it lists), or InputError naming the line."""
    sentence_id = row.get("sentence_id")
    if sentence_id is not None and not _is_id(sentence_id):
        raise InputError(where, '"sentence_id" must be a whole number')
    entries = row.get("relations", [])
    if not isinstance(entries, list):
        raise InputError(where, '"relations" must be a list of {type, head, tail, by, at} (our JSONL export\'s)')
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("type"), str) \
                or not isinstance(entry.get("by"), str) or _side(entry, "head") is None or _side(entry, "tail") is None:
            raise InputError(where, '"relations" must be a list of {type, head: {sentence_id}, tail: {sentence_id},'
                                    ' by, at} (our JSONL export\'s)')
        if not entry["by"].strip():
            raise InputError(where, 'a relation\'s "by" is empty: it names the annotator who made it')
        at = entry.get("at")
        found.append((_side(entry, "head"), _side(entry, "tail"), entry["type"], entry["by"].strip(),
                      at if isinstance(at, str) else None, _span(entry, "head", where), _span(entry, "tail", where)))
    if found and sentence_id is None:
        raise InputError(where, '"relations" need the line\'s "sentence_id" (our JSONL export\'s)')
    return sentence_id, found


@dataclass(frozen=True)
class Resolved:
    records: list[tuple]  # head, tail, type, annotator, at, head span, tail span: ids of this project
    unmatched: int  # relations with a side whose line matched no sentence here (or is not in the file)
    unknown_types: list[str]


def resolve(relations: list[ExportedRelation], here: dict[int, int]) -> Resolved:
    """The file's relations in this project's sentence ids (`here`: export id -> id here). A
    relation is listed on both its sentences' lines; it is counted once."""
    records, unmatched, unknown, seen = [], 0, set(), set()
    for relation in relations:
        key = (*relation[:4], *relation[5:])
        if key in seen:
            continue
        seen.add(key)
        head, tail, kind, who, at, head_span, tail_span = relation
        if kind not in RELATION_TYPE_NAMES:
            unknown.add(kind)
        elif head in here and tail in here:
            records.append((here[head], here[tail], kind, who, at, head_span, tail_span))
        else:
            unmatched += 1
    return Resolved(records, unmatched, sorted(unknown))
