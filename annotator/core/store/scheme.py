"""The label scheme: names, keys, colors, guideline text, order. Validation lives here only;
the scheme editor is a view over `apply` (a whole edit, one transaction)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from annotator.core.model import Annotation, Label
from annotator.core.store.domain import Domain
from annotator.core.store.errors import damaged
from annotator.errors import NotFoundError, ProjectError


@dataclass(frozen=True)
class SchemeRow:
    """One label as the editor holds it: `id` None for a label still to be added."""

    id: int | None
    name: str
    key: str | None
    color: str
    description: str = ""


@dataclass(frozen=True)
class SchemeChange:
    """What `apply` did, and what it takes to undo it exactly."""

    before: list[SchemeRow]
    removed_annotations: list[Annotation]
    added_ids: list[int]


def _row(row: SchemeRow) -> dict:
    return {"id": row.id, "name": row.name, "key": row.key, "color": row.color, "description": row.description}


def scheme_problem(rows: list[SchemeRow]) -> str | None:
    """What is wrong with a scheme as a whole (None when it is fine)."""
    names = [row.name.strip().casefold() for row in rows]
    keys = [row.key for row in rows if row.key]
    for row in rows:
        if not row.name.strip() or "|" in row.name:
            return f"label name {row.name!r} must be non-empty and without '|'"
        if row.key is not None and not (len(row.key) == 1 and row.key in "123456789"):
            return f"label key {row.key!r} must be one of the digits 1 to 9"
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", row.color):
            return f"label color {row.color!r} must look like #1f77b4"
    duplicate_name = next((row.name.strip() for row, name in zip(rows, names) if names.count(name) > 1), None)
    if duplicate_name:
        return f"there is already a label named {duplicate_name!r}"
    duplicate_key = next((key for key in keys if keys.count(key) > 1), None)
    if duplicate_key:
        owner = next(row.name for row in rows if row.key == duplicate_key)
        return f"key {duplicate_key} already belongs to {owner!r}"
    return None


class Scheme(Domain):
    def labels(self) -> list[Label]:
        labels = [Label(r[0], r[1], r[2], r[3], r[4], r[5]) for r in self.db.execute(
            "SELECT id, name, key, color, description, position FROM labels ORDER BY position, id")]
        for label in labels:  # NOT NULL in the schema: only a damaged page reads otherwise
            if not isinstance(label.name, str) or not isinstance(label.color, str):
                raise damaged(self.where, f"label {label.id} has no name or color")
        return labels

    def rows(self) -> list[SchemeRow]:
        return [SchemeRow(label.id, label.name, label.key, label.color, label.description) for label in self.labels()]

    def find(self, name_or_key: str) -> Label:
        wanted = name_or_key.strip()
        labels = self.labels()
        for label in labels:
            if label.name.casefold() == wanted.casefold() or (label.key is not None and label.key == wanted):
                return label
        names = ", ".join(f"{label.name} ({label.key})" if label.key else label.name for label in labels)
        raise NotFoundError(self.where, f"no label {name_or_key!r}; labels are: {names}")

    def usage(self, label_id: int) -> int:
        return self.db.execute("SELECT count(*) FROM annotations WHERE label_id = ?", [label_id]).fetchone()[0]

    def apply(self, rows: list[SchemeRow]) -> SchemeChange:
        """Make the scheme exactly `rows`, in that order: labels missing from it are removed
        (with their annotations), rows without an id are added, the others updated. Rows whose
        id is not in the project are added under that id (undo puts removed labels back)."""
        problem = scheme_problem(rows)
        if problem:
            raise ProjectError(self.where, problem)
        before = self.rows()
        existing = {row.id for row in before}
        kept = {row.id for row in rows if row.id is not None}
        removed = [row.id for row in before if row.id not in kept]
        with self.transaction():
            removed_annotations = self._store.annotations.of_labels(removed)
            self.db.conn.executemany("DELETE FROM labels WHERE id = ?", [(i,) for i in removed])
            # free every key and name first, so that labels can swap them
            self.db.execute("UPDATE labels SET key = NULL, name = char(1) || id")
            added = []
            # new labels never take the id of one removed here, so an undo cannot confuse them
            next_id = max([row.id or 0 for row in before + rows] + [0]) + 1
            for position, row in enumerate(rows):
                values = [row.name.strip(), row.key, row.color, row.description, position]
                if row.id in existing:
                    self.db.execute("UPDATE labels SET name = ?, key = ?, color = ?, description = ?, position = ?"
                                    " WHERE id = ?", [*values, row.id])
                else:
                    if row.id is None:
                        row, next_id = SchemeRow(next_id, *values[:4]), next_id + 1
                    added.append(self.db.execute(
                        "INSERT INTO labels (id, name, key, color, description, position) VALUES (?,?,?,?,?,?)",
                        [row.id, *values]).lastrowid)
            after = self.rows()
            if after != before:
                events = self._store.events
                events.record("scheme", None, None, [_row(r) for r in before], [_row(r) for r in after])
                for a in removed_annotations:
                    events.record("remove", a.sentence_id, a.label, [a.label], None, who=a.annotator)
        return SchemeChange(before, removed_annotations, added)

    def undo(self, change: SchemeChange) -> None:
        """Put the scheme back as it was before `change`, removed annotations included."""
        with self.transaction():
            self.apply(change.before)
            self._store.annotations.restore(change.removed_annotations)

    # single edits, for the CLI and scripts: each is `apply` with one row changed
    def add(self, name: str, key: str | None, color: str, description: str = "") -> int:
        return self.apply([*self.rows(), SchemeRow(None, name, key, color, description)]).added_ids[0]

    def update(self, label_id: int, name: str, key: str | None, color: str, description: str) -> None:
        rows = self.rows()
        if label_id not in {row.id for row in rows}:
            raise NotFoundError(self.where, f"no label with id {label_id}")
        self.apply([SchemeRow(label_id, name, key, color, description) if row.id == label_id else row for row in rows])

    def remove(self, label_id: int) -> None:
        """Remove a label and every annotation that used it (one transaction)."""
        self.apply([row for row in self.rows() if row.id != label_id])
