"""Label groups (migration 17): each asks one kind of question about a sentence or a document
(`multi`: today's labels; `exclusive`: one of its options; `ordinal`: a rating 1..k; `yesno`;
`text`), and each annotator's answer to it (`group_values`); and the flag for discussion an
annotator puts on a sentence. Every write of those tables is in this module and records its
event in the same transaction."""

from __future__ import annotations

import json
from dataclasses import dataclass

from annotator.core.model import GROUP_KEYS, GROUP_KINDS, GROUP_LEVELS
from annotator.core.store.connection import now
from annotator.core.store.domain import Domain, chunks
from annotator.errors import NotFoundError, ProjectError

MAX_OPTIONS = 9  # a digit chooses one


@dataclass(frozen=True)
class LabelGroup:
    id: int
    name: str
    kind: str
    level: str
    options: tuple[str, ...]  # exclusive: its values in key order; ordinal: "1".."k"; yes/no: "yes", "no"
    key: str | None  # the letter that opens the group in the view
    position: int

    def option(self, digit: int) -> str | None:
        """The value a digit (1..9) stands for in this group, None past its options."""
        return self.options[digit - 1] if 1 <= digit <= len(self.options) else None


ValueRecord = tuple[str, "int | None", "int | None", str, str, str]  # group, sentence, document, who, value, when


@dataclass(frozen=True)
class GroupValue:
    group: str
    sentence_id: int | None  # a sentence-level answer
    document_id: int | None  # a document-level answer
    annotator: str
    value: str
    created_at: str

    def record(self) -> ValueRecord:
        return self.group, self.sentence_id, self.document_id, self.annotator, self.value, self.created_at


_GROUPS = "SELECT id, name, kind, level, options, key, position FROM label_groups ORDER BY position, id"
_VALUES = ("SELECT g.name, v.sentence_id, v.document_id, a.name, v.value, v.created_at FROM group_values v"
           " JOIN label_groups g ON g.id = v.group_id JOIN annotators a ON a.id = v.annotator_id")


def described(group: LabelGroup) -> str:
    """A group as the history shows its definition: "exclusive, sentence: true|false; key v"."""
    return f"{group.kind}, {group.level}: {'|'.join(group.options)}" + (f"; key {group.key}" if group.key else "")


def group_problem(name: str, kind: str, level: str, options: list[str], key: str | None) -> str | None:
    """What is wrong with a new group (one line), or None."""
    if not name.strip() or "|" in name:
        return f"group name {name!r} must be non-empty and without '|'"
    if kind not in GROUP_KINDS:
        return f"unknown group kind {kind!r}: use one of {', '.join(GROUP_KINDS)}"
    if level not in GROUP_LEVELS:
        return f"unknown level {level!r}: use sentence or document"
    if kind == "multi" and level != "sentence":
        return "a multi group's labels are on sentences: use an exclusive or yes/no group for documents"
    if kind == "exclusive" and not 2 <= len(options) <= MAX_OPTIONS:
        return f"an exclusive group needs 2 to {MAX_OPTIONS} options (--options a,b,c)"
    if kind == "exclusive" and (len(set(options)) != len(options) or any(not o.strip() for o in options)):
        return "an exclusive group's options must be distinct and non-empty"
    if key is not None and (len(key) != 1 or key.upper() not in GROUP_KEYS):
        return f"group key {key!r} must be one of the letters {', '.join(GROUP_KEYS.lower())} (the others are taken)"
    return None


def options_of(kind: str, options: list[str], scale: int | None) -> list[str]:
    if kind == "ordinal":
        return [str(k) for k in range(1, (scale or 5) + 1)]
    if kind == "yesno":
        return ["yes", "no"]
    return [o.strip() for o in options] if kind == "exclusive" else []


class LabelGroups(Domain):
    def all(self) -> list[LabelGroup]:
        return [LabelGroup(i, name, kind, level, tuple(json.loads(options)), key, position)
                for i, name, kind, level, options, key, position in self.db.execute(_GROUPS)]

    def find(self, name_or_key: str) -> LabelGroup:
        wanted = name_or_key.strip().casefold()
        groups = self.all()
        for group in groups:
            if group.name.casefold() == wanted or (group.key or "").casefold() == wanted:
                return group
        raise NotFoundError(self.where, f"no label group {name_or_key!r}; groups are: "
                                        f"{', '.join(g.name for g in groups)}")

    def add(self, name: str, kind: str, level: str = "sentence", options: list[str] | None = None,
            scale: int | None = None, key: str | None = None) -> LabelGroup:
        """A new group at the end of the scheme (one transaction)."""
        options = options_of(kind, options or [], scale)
        if kind == "ordinal" and not 2 <= len(options) <= MAX_OPTIONS:
            raise ProjectError(self.where, f"an ordinal scale runs from 1 to k, k from 2 to {MAX_OPTIONS}")
        key = key.lower() if key else None
        problem = group_problem(name, kind, level, options, key)
        if problem:
            raise ProjectError(self.where, problem)
        groups = self.all()
        if any(g.name.casefold() == name.strip().casefold() for g in groups):
            raise ProjectError(self.where, f"there is already a label group named {name.strip()!r}")
        if key and any(g.key == key for g in groups):
            raise ProjectError(self.where, f"key {key} already opens the group {next(g.name for g in groups if g.key == key)!r}")
        with self.transaction():
            self.db.execute("INSERT INTO label_groups (name, kind, level, options, key, position) VALUES (?,?,?,?,?,?)",
                            [name.strip(), kind, level, json.dumps(options, ensure_ascii=False), key,
                             max([g.position for g in groups] + [0]) + 1])
            group = self.find(name)
            self._store.events.record("group", None, group.name, None, described(group))
        return group

    def remove(self, name: str) -> int:
        """Remove a group and its answers (one transaction); returns how many answers went.
        The labels' own group (1) stays: its labels are edited in the scheme."""
        group = self.find(name)
        if group.id == 1 or group.kind == "multi":
            raise ProjectError(self.where, f"the group {group.name!r} holds the labels: edit them in the scheme")
        with self.transaction():
            gone = self.db.execute("DELETE FROM group_values WHERE group_id = ?", [group.id]).rowcount
            self.db.execute("DELETE FROM label_groups WHERE id = ?", [group.id])
            self._store.events.record("group", None, group.name, described(group), None)
        return gone

    # ------------------------------------------------------------------ answers
    def value_problem(self, group: LabelGroup, value: str) -> str | None:
        if group.kind == "multi":
            return f"the group {group.name!r} holds labels: add them with the label's key"
        if group.kind == "text":
            return None if value.strip() else "an answer in free text must not be empty"
        if value not in group.options:
            return f"{value!r} is no value of the group {group.name!r}: use one of {', '.join(group.options)}"
        return None

    def _unit(self, group: LabelGroup, sentence_id: int) -> tuple[int | None, int | None]:
        """(sentence, document) the answer is about: the sentence, or its document."""
        if group.level == "sentence":
            self._store.documents.of_sentences([sentence_id])  # NotFoundError for an unknown id
            return sentence_id, None
        (document_id, _), = self._store.documents.of_sentences([sentence_id])
        return None, document_id

    def value_of(self, group: LabelGroup, sentence_id: int, annotator: str) -> GroupValue | None:
        sentence, document = self._unit(group, sentence_id)
        row = self.db.execute(f"{_VALUES} WHERE v.group_id = ? AND v.sentence_id IS ? AND v.document_id IS ?"
                              " AND a.name = ?", [group.id, sentence, document, annotator]).fetchone()
        return GroupValue(*row) if row else None

    def set_value(self, group_name: str, sentence_id: int, annotator: str, value: str | None,
                  created_at: str | None = None) -> GroupValue | None:
        """The annotator's answer to a group about a sentence (or its document); None clears it.
        One transaction; returns the answer before (undo puts it back with `put`)."""
        group = self.find(group_name)
        if value is not None:
            value = value.strip() if group.kind == "text" else value
            problem = self.value_problem(group, value)
            if problem:
                raise ProjectError(self.where, problem)
        sentence, document = self._unit(group, sentence_id)
        with self.transaction():
            before = self.value_of(group, sentence_id, annotator)
            self.db.execute("DELETE FROM group_values WHERE group_id = ? AND sentence_id IS ? AND document_id IS ?"
                            " AND annotator_id = ?", [group.id, sentence, document,
                                                      self._store.annotations.annotator_id(annotator)])
            if value is not None:
                self._insert(group.id, sentence, document, annotator, value, created_at or now())
            if (before.value if before else None) != value:
                self._store.events.record("value", sentence_id, group.name, before.value if before else None, value,
                                          who=annotator)
        return before

    def _insert(self, group_id: int, sentence: int | None, document: int | None, who: str, value: str,
                at: str) -> int:
        return self.db.execute("INSERT OR IGNORE INTO group_values (group_id, sentence_id, document_id, annotator_id,"
                               " value, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                               [group_id, sentence, document, self._store.annotations.annotator_id(who), value,
                                at]).rowcount

    def restore(self, records: list[ValueRecord], logged: bool = True) -> int:
        """Answers as they were (a merge, an import): one already given by that annotator there
        is kept, a group the project lacks is skipped; each one added leaves its event unless
        not `logged` (a merge whose source brings the events). Returns how many were added."""
        ids = {g.name: g.id for g in self.all()}
        with self.transaction():
            added = 0
            for group, sentence, document, who, value, at in records:
                if group in ids and self._insert(ids[group], sentence, document, who, value, at):
                    added += 1
                    if logged:
                        self._store.events.record("value", sentence, group, None, value, who=who)
            return added

    def of_sentence(self, sentence_id: int) -> list[GroupValue]:
        """Every annotator's answers about a sentence and about its document, in scheme order."""
        (document_id, _), = self._store.documents.of_sentences([sentence_id])
        return [GroupValue(*row) for row in self.db.execute(
            f"{_VALUES} WHERE v.sentence_id = ? OR v.document_id = ? ORDER BY g.position, g.id, a.name",
            [sentence_id, document_id])]

    def records(self) -> list[GroupValue]:
        """Every answer, oldest first (merge, export, agreement)."""
        return [GroupValue(*row) for row in self.db.execute(f"{_VALUES} ORDER BY v.id")]

    # ------------------------------------------------------------------ flags for discussion
    def set_flag(self, sentence_id: int, annotator: str, flagged: bool, created_at: str | None = None) -> str | None:
        """Flag a sentence for discussion, or take the flag off (one transaction); returns when
        the flag there before was put (None: there was none), for undo."""
        self._store.documents.of_sentences([sentence_id])  # NotFoundError
        who = self._store.annotations.annotator_id(annotator)
        with self.transaction():
            row = self.db.execute("SELECT created_at FROM discussion_flags WHERE sentence_id = ? AND annotator_id = ?",
                                  [sentence_id, who]).fetchone()
            if flagged and row is None:
                self.db.execute("INSERT INTO discussion_flags (sentence_id, annotator_id, created_at) VALUES (?, ?, ?)",
                                [sentence_id, who, created_at or now()])
                self._store.events.record("discuss", sentence_id, None, None, True, who=annotator)
            elif not flagged and row is not None:
                self.db.execute("DELETE FROM discussion_flags WHERE sentence_id = ? AND annotator_id = ?",
                                [sentence_id, who])
                self._store.events.record("discuss", sentence_id, None, True, None, who=annotator)
        return row[0] if row else None

    def flags_of(self, sentence_id: int) -> list[tuple[str, str]]:
        """(who, when) of each flag for discussion on a sentence."""
        return self.db.execute("SELECT a.name, f.created_at FROM discussion_flags f JOIN annotators a"
                               " ON a.id = f.annotator_id WHERE f.sentence_id = ? ORDER BY a.name",
                               [sentence_id]).fetchall()

    def flagged_among(self, sentence_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for chunk, marks in chunks(sentence_ids):
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT sentence_id FROM discussion_flags WHERE sentence_id IN ({marks})", chunk))
        return found

    def flag_records(self) -> list[tuple[int, str, str]]:
        """(sentence, who, when) of every flag (merge, export)."""
        return self.db.execute("SELECT f.sentence_id, a.name, f.created_at FROM discussion_flags f JOIN annotators a"
                               " ON a.id = f.annotator_id ORDER BY f.rowid").fetchall()

    def restore_flags(self, records: list[tuple[int, str, str]], logged: bool = True) -> int:
        """Flags as they were (a merge, an import): one already there is kept; each one added
        leaves its event unless not `logged`. Returns how many were added."""
        with self.transaction():
            added = 0
            for sentence, who, at in records:
                if self.db.execute("INSERT OR IGNORE INTO discussion_flags (sentence_id, annotator_id, created_at)"
                                   " VALUES (?, ?, ?)", [sentence, self._store.annotations.annotator_id(who), at]).rowcount:
                    added += 1
                    if logged:
                        self._store.events.record("discuss", sentence, None, None, True, who=who)
            return added
