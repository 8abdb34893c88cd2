"""Kept side-by-side layouts of large groups (core/rows.py computes them): numpy arrays saved
as one blob per group and view option, valid for one layout version of the group. Every
writer of what a layout depends on (links and their sentences, sentences' order and
boilerplate marks, documents, the pivot) bumps the version through `changed`, in its own
transaction, so a kept layout is either current or ignored."""

from __future__ import annotations

import io

import numpy as np

from annotator.core.store.domain import Domain, chunks

_BUMP = "UPDATE groups SET layout_version = layout_version + 1 WHERE id IN "
_GROUPS_OF = {
    "groups": "(SELECT id FROM groups WHERE id IN ({marks}))",
    "documents": "(SELECT group_id FROM documents WHERE id IN ({marks}))",
    "sentences": "(SELECT d.group_id FROM sentences s JOIN documents d ON d.id = s.document_id WHERE s.id IN ({marks}))",
    "links": "(SELECT group_id FROM links WHERE id IN ({marks}))",
}


class Layouts(Domain):
    def changed(self, kind: str, ids) -> None:
        """The layouts of the groups of these groups, documents, sentences or links (`kind`)
        are out of date (links: called before they are deleted)."""
        for chunk, marks in chunks(sorted(set(ids))):
            self.db.execute(_BUMP + _GROUPS_OF[kind].format(marks=marks), chunk)

    def version(self, group_id: int) -> int:
        row = self.db.execute("SELECT layout_version FROM groups WHERE id = ?", [group_id]).fetchone()
        return row[0] if row else 0

    def kept(self, group_id: int, include_boilerplate: bool, version: int) -> dict[str, np.ndarray] | None:
        """The arrays kept for this group at this version, or None."""
        row = self.db.execute("SELECT data FROM layouts WHERE group_id = ? AND include_boilerplate = ? AND version = ?",
                              [group_id, int(include_boilerplate), version]).fetchone()
        if row is None:
            return None
        try:
            with np.load(io.BytesIO(row[0]), allow_pickle=False) as archive:
                return {name: archive[name] for name in archive.files}
        except (ValueError, OSError, KeyError):  # a damaged blob is only a lost shortcut
            return None

    def keep(self, group_id: int, include_boilerplate: bool, version: int, arrays: dict[str, np.ndarray]) -> None:
        """Keep a layout computed at `version` (one transaction); one per group and option."""
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO layouts (group_id, include_boilerplate, version, data)"
                            " VALUES (?, ?, ?, ?)", [group_id, int(include_boilerplate), version, buffer.getvalue()])
