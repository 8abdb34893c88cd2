"""Spans, label-group answers and flags for discussion back in from a JSONL export
(`import-labels --all-layers`). Each line's `spans` (code-point offsets into the line's
sentence), `answers` (per group, each annotator's value; `level: "document"` for an answer
about the whole document, repeated on each of its sentences) and `discussion` (who flagged the
sentence) go to the sentence the line matched here, through the store's own writers (the ones
undo and merge use), so importing twice adds nothing.

Every line is checked before anything is stored (`line_marks`, InputError naming the line); a
span that does not fit the matched sentence's text or has a span label this project lacks, an
answer to a group this project lacks or with a value the group does not take, is skipped and
counted (`store_marks`), unless `create_missing` (`--create-missing`): then the span labels and
groups the file uses that this project lacks are created first (`create_missing`), in the same
transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.store import Store, now
from annotator.core.store.label_groups import MAX_OPTIONS
from annotator.errors import InputError

_MAX_OFFSET = 2**63 - 1  # the largest integer SQLite stores

ExportedSpan = tuple[int, int, str, str, str | None, str | None]  # start, end, label, by, at, text covered
ExportedAnswer = tuple[str, str, str, str | None, bool]  # group, value, by, at, about the document
ExportedFlag = tuple[str, str | None]  # by, at


@dataclass(frozen=True)
class LineMarks:
    spans: list[ExportedSpan]
    answers: list[ExportedAnswer]
    flags: list[ExportedFlag]


def _offset(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= _MAX_OFFSET


def _named(entry: dict) -> bool:
    return isinstance(entry.get("by"), str) and bool(entry["by"].strip()) \
        and (entry.get("at") is None or isinstance(entry.get("at"), str))


def _spans(row: dict, where: str) -> list[ExportedSpan]:
    entries = row.get("spans", [])
    shape = '"spans" must be a list of {start, end, label, by, at}, 0 <= start < end (our JSONL export\'s)'
    if not isinstance(entries, list):
        raise InputError(where, shape)
    found = []
    for e in entries:
        if not (isinstance(e, dict) and _offset(e.get("start")) and _offset(e.get("end")) and e["start"] < e["end"]
                and isinstance(e.get("label"), str) and e["label"].strip() and _named(e)
                and (e.get("text") is None or isinstance(e.get("text"), str))):
            raise InputError(where, shape)
        found.append((e["start"], e["end"], e["label"], e["by"].strip(), e.get("at"), e.get("text")))
    return found


def _answers(row: dict, where: str) -> list[ExportedAnswer]:
    groups = row.get("answers", {})
    shape = ('"answers" must be an object of group name -> list of {value, by, at, level} (our JSONL'
             ' export\'s)')
    if not isinstance(groups, dict):
        raise InputError(where, shape)
    found = []
    for group, entries in groups.items():
        if not isinstance(entries, list):
            raise InputError(where, shape)
        for e in entries:
            if not (isinstance(e, dict) and isinstance(e.get("value"), str) and _named(e)
                    and e.get("level", "sentence") in ("sentence", "document")):
                raise InputError(where, shape)
            found.append((group, e["value"], e["by"].strip(), e.get("at"), e.get("level") == "document"))
    return found


def _flags(row: dict, where: str) -> list[ExportedFlag]:
    entries = row.get("discussion", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) and _named(e) for e in entries):
        raise InputError(where, '"discussion" must be a list of {by, at} (our JSONL export\'s)')
    return [(e["by"].strip(), e.get("at")) for e in entries]


def line_marks(row: dict, where: str) -> LineMarks:
    """The spans, answers and flags a line lists, or InputError naming the line."""
    return LineMarks(_spans(row, where), _answers(row, where), _flags(row, where))


@dataclass
class MarksImport:
    spans_added: int = 0
    spans_present: int = 0
    spans_skipped: int = 0  # offsets or words that do not fit the sentence here, or an unknown span label
    answers_added: int = 0
    answers_present: int = 0
    answers_skipped: int = 0  # a group this project lacks, or a value (or level) the group here does not take
    flags_added: int = 0
    flags_present: int = 0
    unknown_span_labels: list[str] = field(default_factory=list)
    unknown_groups: list[str] = field(default_factory=list)
    created_span_labels: list[str] = field(default_factory=list)
    created_groups: list[str] = field(default_factory=list)  # "name (kind, level)"


NEW_SPAN_COLORS = ("#8c564b", "#e377c2", "#bcbd22", "#1f77b4", "#2ca02c", "#d62728")


def group_from_answers(values: list[str], levels: set[bool]) -> tuple[str, str, list[str], int | None]:
    """(kind, level, options, scale) for a group known only from its answers: yes/no when they
    are yes or no; ordinal 1..k when they are whole numbers from 1 to 9 (k the largest, at least
    2); exclusive when 2 to 9 distinct values (in the order first given); free text otherwise."""
    level = "document" if levels == {True} else "sentence"
    distinct = list(dict.fromkeys(values))
    if set(distinct) <= {"yes", "no"}:
        return "yesno", level, [], None
    if all(v.isdigit() and 1 <= int(v) <= MAX_OPTIONS for v in distinct):
        return "ordinal", level, [], max(2, *map(int, distinct))
    if 2 <= len(distinct) <= MAX_OPTIONS:
        return "exclusive", level, distinct, None
    return "text", level, [], None


def create_missing(store: Store, matched: list[tuple[int, LineMarks]], result: MarksImport) -> None:
    """Create the span labels (next free digit key, a colour of their own) and label groups
    (kind and level read off the answers, `group_from_answers`; no key letter: set one in the
    scheme editor) that the lines use and this project lacks, each recording its event."""
    labels = store.spans.labels()
    names, keys = {label.name for label in labels}, {label.key for label in labels}
    colors = {label.color.lower() for label in labels}
    for label in dict.fromkeys(label for _, m in matched for _, _, label, *_ in m.spans):
        if label.strip() and label not in names and "|" not in label:
            key = next((d for d in "123456789" if d not in keys), None)
            color = next((c for c in NEW_SPAN_COLORS if c not in colors), NEW_SPAN_COLORS[0])
            store.spans.set_label(label, key, color)
            names.add(label), keys.add(key), colors.add(color)
            result.created_span_labels.append(label)
    groups = {g.name for g in store.label_groups.all()}
    asked: dict[str, tuple[list[str], set[bool]]] = {}
    for _, marks in matched:
        for name, value, _, _, about_document in marks.answers:
            if name not in groups:
                values, levels = asked.setdefault(name, ([], set()))
                values.append(value)
                levels.add(about_document)
    for name, (values, levels) in asked.items():
        if name.strip() and "|" not in name:
            kind, level, options, scale = group_from_answers(values, levels)
            store.label_groups.add(name, kind, level, options, scale)
            result.created_groups.append(f"{name} ({kind}, {level})")


def store_marks(store: Store, matched: list[tuple[int, LineMarks]], create: bool = False) -> MarksImport:
    """Store the marks of the lines that matched a sentence here (`matched`: sentence id here,
    the line's marks), inside the caller's transaction; each added one records its event. With
    `create`, the span labels and groups the lines use that the project lacks are made first."""
    result = MarksImport()
    if not any(m.spans or m.answers or m.flags for _, m in matched):
        return result
    if create:
        create_missing(store, matched, result)
    sentences = {s.id: s for s in store.documents.sentences_by_id(list({s for s, _ in matched}))}
    span_labels = {label.name for label in store.spans.labels()}
    groups = {g.name: g for g in store.label_groups.all()}
    unknown_labels, unknown_groups = set(), set()
    spans, answers, flags = {}, {}, {}  # keyed as the store's unique indexes are: a repeat counts once
    skipped_spans, skipped_answers = set(), set()  # (a document's answer is on each of its sentences' lines)
    for sentence_id, marks in matched:
        sentence = sentences[sentence_id]
        for start, end, label, who, at, words in marks.spans:
            if label not in span_labels or end > len(sentence.text) \
                    or (words is not None and sentence.text[start:end] != words):
                unknown_labels.update({label} - span_labels)
                skipped_spans.add((sentence_id, start, end, label, who))
            else:
                spans.setdefault((sentence_id, start, end, label, who), (sentence_id, start, end, label, who, at or now()))
        for name, value, who, at, about_document in marks.answers:
            group = groups.get(name)
            unit = (None, sentence.document_id) if about_document else (sentence_id, None)
            if group is None or (group.level == "document") != about_document \
                    or store.label_groups.value_problem(group, value):
                unknown_groups.update({name} - set(groups))
                skipped_answers.add((name, *unit, who))
            else:
                answers.setdefault((name, *unit, who), (name, *unit, who, value, at or now()))
        for who, at in marks.flags:
            flags.setdefault((sentence_id, who), (sentence_id, who, at or now()))
    result.spans_added = store.spans.restore(list(spans.values())) if spans else 0
    result.spans_present = len(spans) - result.spans_added
    result.answers_added = store.label_groups.restore(list(answers.values())) if answers else 0
    result.answers_present = len(answers) - result.answers_added
    result.flags_added = store.label_groups.restore_flags(list(flags.values())) if flags else 0
    result.flags_present = len(flags) - result.flags_added
    result.spans_skipped, result.answers_skipped = len(skipped_spans), len(skipped_answers)
    result.unknown_span_labels, result.unknown_groups = sorted(unknown_labels), sorted(unknown_groups)
    return result
