"""Alignment review and editing: confirming rows, linking and unlinking sentences, merging
and splitting rows; each one transaction, with its undo."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.core.align.layout import GroupLayout
from annotator.core.align.stored_layout import group_layout
from annotator.core.model import Link
from annotator.core.session.base import SessionBase
from annotator.core.session.views import Changes
from annotator.core.store.links import NewLink, Rejection
from annotator.errors import ProjectError


class Aligning(SessionBase):
    """The reviewer's edits of a group's alignment."""

    def confirmed_in_group(self, group: int) -> set[int]:
        return self._store.confirmations.in_group(self._store.documents.group_id(group))

    def row_of_sentence(self, sentence_id: int) -> tuple[int, list[int]]:
        """The row of its group's side-by-side layout that holds a sentence: (its index, its
        sentences). A boilerplate sentence is in no row: ProjectError."""
        store = self._store
        (_, group_id), = store.documents.of_sentences([sentence_id])  # NotFoundError
        layout = group_layout(store, group_id)
        row = layout.rows.row_of(sentence_id)
        if row is None:
            raise ProjectError(store.where(), f"sentence {sentence_id} is boilerplate: it is in no aligned row")
        return row, layout.rows[row].sentence_ids()

    # a confirmation changes no link: the rows stay, only their confirmed mark is repainted
    def confirm(self, sentence_ids: list[int]) -> tuple[list[int], Changes]:
        """Confirm a row's alignment (its sentences); returns the sentences newly confirmed."""
        added = self._store.confirmations.confirm(sentence_ids, self.annotator)
        return added, Changes(confirmed=frozenset(added), progress=True)

    def unconfirm(self, sentence_ids: list[int]) -> tuple[list[tuple[int, str, str]], Changes]:
        removed = self._store.confirmations.unconfirm(sentence_ids)
        return removed, Changes(unconfirmed=frozenset(i for i, _, _ in removed), progress=True)

    def restore_confirmations(self, records: list[tuple[int, str, str]]) -> Changes:
        self._store.confirmations.restore(records)
        return Changes(confirmed=frozenset(i for i, _, _ in records), progress=True)

    def link(self, source_ids: list[int], target_ids: list[int]) -> tuple[int, list[Link], Changes]:
        """A manual link between sentences of two documents (the aligner keeps it and aligns
        around it), and the machine links it pushes off the rows removed (`displaced`), in one
        transaction. Returns the link's id, the removed links (for undo) and the changes."""
        displaced, (link_id,), changes = self.replace_links([], [(source_ids, target_ids, None, "manual")])
        return link_id, displaced, changes

    def remove_links(self, link_ids: list[int]) -> Changes:
        self._store.links.remove(link_ids)
        return Changes(layout=True)

    def unlink(self, sentence_id: int) -> tuple[list[Link], list[Rejection], Changes]:
        """Remove every link of the sentence (one transaction); its machine links are remembered
        as rejected, so that re-alignment does not bring them back. Returns the links and the
        new rejections, for undo."""
        links, rejected = self._store.links.unlink(sentence_id, self.annotator)
        return links, rejected, Changes(layout=True)

    def weakest_link(self, sentence_ids: list[int]) -> Link | None:
        """The machine link with the lowest score among those joining these sentences (a row's),
        or None when there is none."""
        inside = set(sentence_ids)
        links = {link.id: link for i in sentence_ids for link in self._store.links.of_sentence(i)
                 if link.origin == "machine" and link.score is not None and set(link.sentence_ids()) <= inside}
        return min(links.values(), key=lambda link: (link.score, link.id), default=None)

    def reject_link(self, link_id: int) -> tuple[list[Link], list[Rejection], Changes]:
        """Remove one machine link and remember it as rejected (one transaction); undo: relink."""
        links, rejected = self._store.links.remove_rejecting([link_id], self.annotator)
        return links, rejected, Changes(layout=True)

    def relink(self, links: list[Link], rejected: Sequence[Rejection] = ()) -> tuple[list[int], Changes]:
        """Put links back (undo of an unlink) and forget the rejections the unlink made, in one
        transaction."""
        store = self._store
        with store.transaction():
            ids = store.links.add_many([(link.source, link.target, link.score, link.origin) for link in links])
            store.links.unreject(list(rejected))
        return ids, Changes(layout=True)

    def replace_links(self, remove: list[int], add: list[NewLink]) -> tuple[list[Link], list[int], Changes]:
        """Remove some links and add others in one transaction. When a manual link comes in, the
        machine links the view's chaining guard would then keep off the rows go too, so the project
        stores (and exports) what the view shows; they are among the removed links returned, so
        undo puts them back."""
        store = self._store
        with store.transaction():
            removed, added = store.links.replace(remove, add)
            if added and any(origin == "manual" for *_, origin in add):
                removed += self._held_out_machine_links(added[0])
        return removed, added, Changes(layout=True)

    def _held_out_machine_links(self, link_id: int) -> list[Link]:
        """Remove (and return) the machine links of `link_id`'s group that its layout holds out:
        a manual link always joins its row, and a machine link that would then put two sentences
        of one document that are not neighbours into that row is no longer shown. Only a group
        of three or more documents can chain."""
        store = self._store
        link = store.links.get(link_id)
        (_, group_id), = store.documents.of_sentences(link.source[:1])
        if len(store.documents.group_documents(group_id, counts=False)) < 3:
            return []
        held = [store.links.get(i) for i in group_layout(store, group_id).held_out]
        machine = [held_link for held_link in held if held_link.origin == "machine"]
        store.links.remove([held_link.id for held_link in machine])
        return machine

    def merge_rows(self, layout: GroupLayout, row: int) -> tuple[list[int], list[NewLink]]:
        """Links that make rows `row` and `row + 1` one aligned unit: (links to remove, links to
        add). The links already there stay as they are (machine links stay machine links); one
        manual link joins a cell of the first row to a cell of another document in the second."""
        first, second = layout.rows[row].cells, layout.rows[row + 1].cells
        for a, cell_a in enumerate(first):
            for b, cell_b in enumerate(second):
                if cell_a.sentence_ids and cell_b.sentence_ids and a != b:
                    return [], [(list(cell_a.sentence_ids), list(cell_b.sentence_ids), None, "manual")]
        raise ValueError("these sentences are all of one document: there is nothing to link")

    def split_row(self, layout: GroupLayout, row: int) -> tuple[list[int], list[NewLink]]:
        """Links that split a row's unit sentence by sentence: the k-th sentence of the first
        document there with the k-th of each other; sentences left over become unmatched."""
        return self._relink_unit([cell.sentence_ids for cell in layout.rows[row].cells],
                                 lambda anchor, others: [([a], [o], None, "manual") for a, o in zip(anchor, others)])

    def _relink_unit(self, cells: list[list[int]], links_for) -> tuple[list[int], list[NewLink]]:
        """Replace the links inside a set of cells by `links_for(anchor ids, other ids)` for each
        other non-empty cell; links reaching outside the cells are left alone."""
        filled = [ids for ids in cells if ids]
        if len(filled) < 2:
            raise ValueError("these sentences are all of one document: there is nothing to link")
        inside = {i for ids in filled for i in ids}
        remove = {link.id for i in inside for link in self._store.links.of_sentence(i)
                  if set(link.sentence_ids()) <= inside}
        add = [link for others in filled[1:] for link in links_for(list(filled[0]), list(others))]
        return sorted(remove), add
