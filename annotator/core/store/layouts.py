"""Kept side-by-side layouts of large groups (core/align/layout.py computes them): numpy arrays saved
as one blob per group and view option, valid for one layout version of the group. Every
writer of what a layout depends on (links and their sentences, sentences' order and
boilerplate marks, documents, the pivot) bumps the version through `changed`, in its own
transaction, so a kept layout is either current or ignored."""

from __future__ import annotations

import io
import zipfile

import numpy as np

from annotator.core.store.domain import Domain, chunks

_ARRAYS = 10  # a kept layout is nine arrays (core/align/layout.py)
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
        """The arrays kept for this group at this version, or None. A blob that is damaged, or
        would unpack to arrays larger than the group's layout can have (a deflate bomb in a file
        from elsewhere), is not unpacked: it is only a lost shortcut."""
        row = self.db.execute("SELECT data FROM layouts WHERE group_id = ? AND include_boilerplate = ? AND version = ?",
                              [group_id, int(include_boilerplate), version]).fetchone()
        if row is None:
            return None
        sentences, documents = self.db.execute(
            "SELECT (SELECT count(*) FROM sentences WHERE document_id IN (SELECT id FROM documents WHERE group_id = ?)),"
            " (SELECT count(*) FROM documents WHERE group_id = ?)", [group_id, group_id]).fetchone()
        try:
            return _unpack(row[0], most=(sentences + 1) * max(documents, 1))
        except Exception:  # whatever a damaged or hostile blob raises, MemoryError included
            return None

    def keep(self, group_id: int, include_boilerplate: bool, version: int, arrays: dict[str, np.ndarray]) -> None:
        """Keep a layout computed at `version` (one transaction); one per group and option."""
        buffer = io.BytesIO()
        np.savez(buffer, **arrays)
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO layouts (group_id, include_boilerplate, version, data)"
                            " VALUES (?, ?, ?, ?)", [group_id, int(include_boilerplate), version, buffer.getvalue()])


def _unpack(blob: bytes, most: int) -> dict[str, np.ndarray] | None:
    """The arrays of an .npz blob, each read only after its header says it is a flat array of
    at most `most` plain values (and all of them at most _ARRAYS times that) and its zip entry
    unpacks to no more than that array."""
    arrays, total = {}, 0
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for entry in archive.infolist():
            if not entry.filename.endswith(".npy"):
                return None
            with archive.open(entry) as member:
                if np.lib.format.read_magic(member) != (1, 0):
                    return None
                shape, _, dtype = np.lib.format.read_array_header_1_0(member)
                total += shape[0] if len(shape) == 1 else 0
                if len(shape) != 1 or shape[0] > most or total > _ARRAYS * most or dtype.hasobject \
                        or entry.file_size > member.tell() + shape[0] * dtype.itemsize:
                    return None
            with archive.open(entry) as member:
                arrays[entry.filename[:-4]] = np.lib.format.read_array(member, allow_pickle=False)
    return arrays
