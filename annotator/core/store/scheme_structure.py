"""The scheme's label groups and span labels edited as a whole (the app's scheme editor): the
rules a whole edit must keep, what it would delete (answers that no longer fit their group,
spans of a removed span label), and `apply`, one transaction that makes the groups and span
labels exactly the edited rows, with `undo` putting everything back. The CLI's single edits
(`group add/remove`, `span-labels`) go through label_groups.py and spans.py, whose checks
(`group_problem`, `span_label_problem`) this module shares."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace

from annotator.core.store.domain import Domain
from annotator.core.store.label_groups import MAX_OPTIONS, LabelGroup, ValueRecord, described, group_problem
from annotator.core.store.spans import SpanLabel, SpanRecord, span_label_problem
from annotator.errors import ProjectError

LABELS_GROUP = 1  # the labels' own multi group: edited as the labels, never here


@dataclass(frozen=True)
class GroupRow:
    """One label group as the editor holds it: `id` None for a group still to be added."""

    id: int | None
    name: str
    kind: str
    level: str
    options: tuple[str, ...]  # exclusive: its values; ordinal: "1".."k"; yes/no: "yes", "no"; text: ()
    key: str | None


@dataclass(frozen=True)
class SpanLabelRow:
    """One span label as the editor holds it: `id` None for one still to be added."""

    id: int | None
    name: str
    key: str | None
    color: str


@dataclass(frozen=True)
class Loss:
    """What an edit would delete: `count` answers (or spans) of `subject`, and why."""

    subject: str
    count: int
    reason: str  # "removed", "kind", "level", "values"
    spans: bool = False


@dataclass(frozen=True)
class StructureChange:
    """What `apply` did, and what it takes to undo it exactly."""

    groups_before: list[GroupRow]
    span_labels_before: list[SpanLabelRow]
    removed_values: list[ValueRecord]
    removed_spans: list[SpanRecord]
    added_group_ids: list[int]
    added_span_label_ids: list[int]


def _clash(what: str, items: list[tuple[str, str | None]]) -> str | None:
    """The first name or key given twice, as one line."""
    names = [name.strip().casefold() for name, _ in items]
    for name, _ in items:
        if names.count(name.strip().casefold()) > 1:
            return f"there are two {what}s named {name.strip()!r}"
    keys = [key for _, key in items if key]
    for key in keys:
        if keys.count(key) > 1:
            owners = [name.strip() for name, k in items if k == key]
            return f"key {key} is given to both {owners[0]!r} and {owners[1]!r}: each {what} needs its own key"
    return None


def structure_problem(groups: list[GroupRow], span_labels: list[SpanLabelRow]) -> str | None:
    """What is wrong with the edited groups and span labels as a whole (one line), or None."""
    for group in groups:
        if group.kind == "multi":
            return "the labels are the project's one multi group: edit them in the Labels tab"
        if group.kind == "ordinal" and not 2 <= len(group.options) <= MAX_OPTIONS:
            return f"the scale of {group.name.strip()!r} runs from 1 to k, k from 2 to {MAX_OPTIONS}"
        if group.name.strip().casefold() == "labels":
            return "the name 'labels' belongs to the labels' own group"
        problem = group_problem(group.name, group.kind, group.level, list(group.options), group.key)
        if problem:
            return f"{group.name.strip()!r}: {problem}" if group.name.strip() else problem
    for label in span_labels:
        problem = span_label_problem(label.name, label.key, label.color)
        if problem:
            return problem
    return (_clash("label group", [(g.name, g.key and g.key.lower()) for g in groups])
            or _clash("span label", [(s.name, s.key) for s in span_labels]))


def values_text(kind: str, options: tuple[str, ...]) -> str:
    """A group's values as the editor shows them: "a, b, c", or "1..k" for a scale."""
    if kind == "ordinal":
        return f"1..{len(options)}"
    return ", ".join(options)


def values_of(kind: str, text: str) -> tuple[tuple[str, ...], str | None]:
    """The values typed for a group of this kind, and what is wrong with them (one line) or None:
    an exclusive group's "a, b, c", an ordinal group's "1..k" or "k"; yes/no and free text have fixed ones."""
    if kind == "ordinal":
        top = re.fullmatch(r"\s*(?:1\s*(?:\.\.|-|…)\s*)?(\d+)\s*", text)
        if top is None or not 2 <= int(top.group(1)) <= MAX_OPTIONS:
            return (), f"a scale is written 1..k, k from 2 to {MAX_OPTIONS}, not {text.strip()!r}"
        return tuple(str(k) for k in range(1, int(top.group(1)) + 1)), None
    if kind == "yesno":
        return ("yes", "no"), None
    if kind == "text":
        return (), None
    return tuple(value.strip() for value in text.split(",") if value.strip()), None


def renamed_values(before: GroupRow, after: GroupRow) -> dict[str, str]:
    """An exclusive group's values the edit renames, old -> new, matched by their place in the
    list: a value gone from the list whose place now holds a value the group did not have
    ("true, false, unclear" -> "true, false, unsure": unclear is now unsure). A value removed
    (what follows moves up into its place) or moved is no rename; its answers go, after asking."""
    if (before.kind, before.level) != ("exclusive", after.level) or after.kind != "exclusive":
        return {}
    return {old: new for old, new in zip(before.options, after.options)
            if old != new and old not in after.options and new not in before.options}


def _group_row(group: LabelGroup) -> GroupRow:
    return GroupRow(group.id, group.name, group.kind, group.level, group.options, group.key)


class SchemeStructure(Domain):
    def group_rows(self) -> list[GroupRow]:
        """The groups the editor shows: all but the labels' own, in scheme order."""
        return [_group_row(g) for g in self._store.label_groups.all() if g.id != LABELS_GROUP]

    def span_label_rows(self) -> list[SpanLabelRow]:
        return [SpanLabelRow(*row) for row in self.db.execute(
            "SELECT id, name, key, color FROM span_labels ORDER BY position, id")]

    def _lost_answers(self, groups: list[GroupRow]) -> list[tuple[GroupRow, str, list[int]]]:
        """(group before, reason, ids of its answers that would go) for each group the edit hurts."""
        edited = {row.id: row for row in groups if row.id is not None}
        hurt = []
        for before in self.group_rows():
            after = edited.get(before.id)
            reason = ("removed" if after is None else "kind" if after.kind != before.kind
                      else "level" if after.level != before.level else
                      "values" if after.options != before.options and after.kind != "text" else None)
            if reason is None:
                continue
            keep = [] if reason != "values" else [*after.options, *renamed_values(before, after)]
            ids = [r[0] for r in self.db.execute(
                f"SELECT id FROM group_values WHERE group_id = ? AND value NOT IN ({','.join('?' * len(keep))})",
                [before.id, *keep])]
            hurt.append((before, reason, ids))
        return hurt

    def _lost_span_labels(self, span_labels: list[SpanLabelRow]) -> list[tuple[SpanLabelRow, int]]:
        kept = {row.id for row in span_labels}
        return [(label, self.db.execute("SELECT count(*) FROM spans WHERE label = ?", [label.name]).fetchone()[0])
                for label in self.span_label_rows() if label.id not in kept]

    def losses(self, groups: list[GroupRow], span_labels: list[SpanLabelRow]) -> list[Loss]:
        """What applying the edit would delete (nothing listed: it deletes nothing)."""
        found = [Loss(before.name, len(ids), reason) for before, reason, ids in self._lost_answers(groups) if ids]
        return found + [Loss(label.name, used, "removed", spans=True)
                        for label, used in self._lost_span_labels(span_labels) if used]

    def apply(self, groups: list[GroupRow], span_labels: list[SpanLabelRow]) -> StructureChange:
        """Make the groups and span labels exactly these rows, in this order (one transaction):
        answers that no longer fit (group removed, kind or level changed, value gone from the
        values or the scale) and the spans of removed span labels are deleted, with their events;
        renamed values carry their answers and renamed span labels their spans. Rows whose id is not in the project are added
        under that id (undo puts removed ones back)."""
        problem = structure_problem(groups, span_labels)
        if problem:
            raise ProjectError(self.where, problem)
        groups = [replace(g, name=g.name.strip(), key=g.key.lower() if g.key else None) for g in groups]
        span_labels = [replace(s, name=s.name.strip()) for s in span_labels]
        with self.transaction():
            removed_values = self._remove_answers(groups)
            self._rename_answers(groups)
            removed_spans = self._remove_spans(span_labels)
            groups_before, added_groups = self._write_groups(groups)
            labels_before, added_labels = self._write_span_labels(span_labels)
        return StructureChange(groups_before, labels_before, removed_values, removed_spans, added_groups, added_labels)

    def undo(self, change: StructureChange) -> None:
        """Put the groups and span labels back as they were before `change`, with the answers
        and spans it deleted."""
        with self.transaction():
            self.apply(change.groups_before, change.span_labels_before)
            self._store.label_groups.restore(change.removed_values)
            self._store.spans.restore(change.removed_spans)

    # ------------------------------------------------------------------ the parts of apply
    def _remove_answers(self, groups: list[GroupRow]) -> list[ValueRecord]:
        records: list[ValueRecord] = []
        for before, _, ids in self._lost_answers(groups):
            for value_id in ids:
                sentence, document, who, value, at = self.db.execute(
                    "SELECT v.sentence_id, v.document_id, a.name, v.value, v.created_at FROM group_values v"
                    " JOIN annotators a ON a.id = v.annotator_id WHERE v.id = ?", [value_id]).fetchone()
                records.append((before.name, sentence, document, who, value, at))
                self.db.execute("DELETE FROM group_values WHERE id = ?", [value_id])
                self._store.events.record("value", sentence, before.name, value, None, who=who)
        return records

    def _rename_answers(self, groups: list[GroupRow]) -> None:
        """Answers of a renamed value take the new one, each with its `value` event (undo's apply
        of the rows before renames them back)."""
        edited = {row.id: row for row in groups if row.id is not None}
        for before in self.group_rows():
            for old, new in renamed_values(before, edited.get(before.id, before)).items():
                answers = self.db.execute("SELECT v.id, v.sentence_id, a.name FROM group_values v JOIN annotators a"
                                          " ON a.id = v.annotator_id WHERE v.group_id = ? AND v.value = ?",
                                          [before.id, old]).fetchall()
                self.db.conn.executemany("UPDATE group_values SET value = ? WHERE id = ?",
                                         [(new, value_id) for value_id, _, _ in answers])
                for _, sentence, who in answers:
                    self._store.events.record("value", sentence, before.name, old, new, who=who)

    def _remove_spans(self, span_labels: list[SpanLabelRow]) -> list[SpanRecord]:
        removed = []
        for label, _ in self._lost_span_labels(span_labels):
            spans = [s for s in self._store.spans.records() if s.label == label.name]
            removed += [s.record() for s in spans]
            if spans:
                self._store.spans.remove([s.id for s in spans])
        return removed

    def _write_groups(self, groups: list[GroupRow]) -> tuple[list[GroupRow], list[int]]:
        before = self.group_rows()
        existing = {row.id: row for row in before}
        kept = {row.id for row in groups}
        self.db.conn.executemany("DELETE FROM label_groups WHERE id = ?", [(r.id,) for r in before if r.id not in kept])
        # free every name and key first, so that groups can swap them
        self.db.execute("UPDATE label_groups SET key = NULL, name = char(1) || id WHERE id != ?", [LABELS_GROUP])
        next_id = max([row.id or 0 for row in before + groups] + [LABELS_GROUP]) + 1
        added = []
        for position, row in enumerate(groups, start=1):
            values = [row.name, row.kind, row.level, json.dumps(list(row.options), ensure_ascii=False), row.key, position]
            if row.id in existing:
                self.db.execute("UPDATE label_groups SET name = ?, kind = ?, level = ?, options = ?, key = ?,"
                                " position = ? WHERE id = ?", [*values, row.id])
            else:
                if row.id is None:
                    row, next_id = replace(row, id=next_id), next_id + 1
                added.append(self.db.execute("INSERT INTO label_groups (id, name, kind, level, options, key, position)"
                                             " VALUES (?, ?, ?, ?, ?, ?, ?)", [row.id, *values]).lastrowid)
        after = {row.id: row for row in self.group_rows()}
        for group_id in dict.fromkeys([*existing, *after]):
            old, new = existing.get(group_id), after.get(group_id)
            if old != new:
                self._store.events.record("group", None, (new or old).name, _as_event(old, new), _as_event(new, old))
        order_before, order_after = [r.id for r in before if r.id in after], [i for i in after if i in existing]
        if order_before != order_after:  # a reorder alone is an edit too
            self._store.events.record("group", None, None, [existing[i].name for i in order_before],
                                      [after[i].name for i in order_after])
        return before, added

    def _write_span_labels(self, span_labels: list[SpanLabelRow]) -> tuple[list[SpanLabelRow], list[int]]:
        before = self.span_label_rows()
        existing = {row.id: row for row in before}
        kept = {row.id for row in span_labels}
        self.db.conn.executemany("DELETE FROM span_labels WHERE id = ?", [(r.id,) for r in before if r.id not in kept])
        renamed = [(existing[row.id].name, row.name, row.id) for row in span_labels
                   if row.id in existing and existing[row.id].name != row.name]
        for old, _, label_id in renamed:  # through a name no label has, so that two can swap
            self.db.execute("UPDATE spans SET label = char(1) || ? WHERE label = ?", [label_id, old])
        for _, new, label_id in renamed:
            self.db.execute("UPDATE spans SET label = ? WHERE label = char(1) || ?", [new, label_id])
        self.db.execute("UPDATE span_labels SET key = NULL, name = char(1) || id")
        next_id = max([row.id or 0 for row in before + span_labels] + [0]) + 1
        added = []
        for position, row in enumerate(span_labels, start=1):
            values = [row.name, row.key, row.color, position]
            if row.id in existing:
                self.db.execute("UPDATE span_labels SET name = ?, key = ?, color = ?, position = ? WHERE id = ?",
                                [*values, row.id])
            else:
                if row.id is None:
                    row, next_id = replace(row, id=next_id), next_id + 1
                added.append(self.db.execute("INSERT INTO span_labels (id, name, key, color, position)"
                                             " VALUES (?, ?, ?, ?, ?)", [row.id, *values]).lastrowid)
        after = {row.id: row for row in self.span_label_rows()}
        for label_id in dict.fromkeys([*existing, *after]):
            old, new = existing.get(label_id), after.get(label_id)
            if (old and (old.name, old.key, old.color)) != (new and (new.name, new.key, new.color)):
                self._store.events.record("span-label", None, (new or old).name,
                                          old and SpanLabel(old.name, old.key, old.color).__dict__,
                                          new and SpanLabel(new.name, new.key, new.color).__dict__)
        return before, added


def _as_event(row: GroupRow | None, other: GroupRow | None) -> str | None:
    """A group's definition as the history shows it; with its name when the edit renamed it."""
    if row is None:
        return None
    text = described(LabelGroup(row.id or 0, row.name, row.kind, row.level, row.options, row.key, 0))
    return f"{row.name}: {text}" if other is not None and other.name != row.name else text
