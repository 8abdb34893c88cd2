"""A group laid out side by side: one column per document (pivot first), one row per aligned
unit. The side-by-side view and the aligned-pairs export read this; it is plain data.

A row holds a run of pivot sentences and, for each other document, the sentences linked to
them. Pivot sentences that links tie together share a row. A sentence of another document
that no link reaches gets a row of its own, placed after the row of that document's previous
linked sentence, so every document still reads in order down its column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from annotator.core.store import Store


@dataclass(frozen=True)
class Column:
    document_id: int
    title: str
    lang: str


@dataclass(slots=True)
class Cell:
    sentence_ids: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # of the links that put them here
    manual: bool = False  # at least one of those links was made by hand

    @property
    def score(self) -> float | None:
        """The weakest link's score: what a 'low confidence' mark should go by."""
        return min(self.scores) if self.scores else None


EMPTY = Cell()  # shared by every empty cell: never changed, replaced by a new Cell when filled


@dataclass(slots=True)
class AlignedRow:
    cells: list[Cell]  # one per column

    def sentence_ids(self) -> list[int]:
        return [i for cell in self.cells for i in cell.sentence_ids]


@dataclass
class GroupLayout:
    columns: list[Column]
    rows: list[AlignedRow]


def _pivot_units(pivot_ids: list[int], spanning: list[list[int]]) -> list[list[int]]:
    """Consecutive runs of pivot sentences, cut wherever no link spans the boundary
    (`spanning`: the pivot sentences of each link that has several)."""
    if not spanning:
        return [[sentence_id] for sentence_id in pivot_ids]
    position = {sentence_id: k for k, sentence_id in enumerate(pivot_ids)}
    joined_with_next = [False] * len(pivot_ids)
    for members in spanning:
        places = sorted(position[i] for i in members if i in position)
        for k in range(places[0], places[-1]) if places else ():
            joined_with_next[k] = True
    units, current = [], []
    for k, sentence_id in enumerate(pivot_ids):
        current.append(sentence_id)
        if not joined_with_next[k]:
            units.append(current)
            current = []
    if current:
        units.append(current)
    return units


def group_layout(store: Store, group: str | int, include_boilerplate: bool = False) -> GroupLayout:
    group_id = store.group_id(group)
    documents = store.group_documents(group_id)
    pivot = next((g["pivot_document_id"] for g in store.groups() if g["id"] == group_id), None)
    if pivot is None and documents:
        pivot = documents[0]["id"]
    ordered = sorted(documents, key=lambda d: (d["id"] != pivot, d["position"]))
    columns = [Column(d["id"], d["title"], d["lang"]) for d in ordered]
    sentences = {c.document_id: store.sentence_ids(c.document_id, include_boilerplate) for c in columns}
    if not columns:
        return GroupLayout([], [])
    others = columns[1:]
    pairs_by_doc = {c.document_id: store.link_pairs(pivot, c.document_id) for c in others}
    units = _pivot_units(sentences[pivot], [members for c in others
                                            for members in store.spanning_pivots(pivot, c.document_id)])
    empty_others = [EMPTY] * len(others)
    rows = [AlignedRow([Cell(unit)] + empty_others) for unit in units]
    row_of_pivot = {sentence_id: r for r, unit in enumerate(units) for sentence_id in unit}
    # linked sentences of the other documents join the row of their pivot sentences
    placed: dict[int, int] = {}  # other-document sentence -> row
    for column, doc in enumerate(others, start=1):
        visible = set(sentences[doc.document_id])
        # the pivot sentences of one link share a row (see _pivot_units), so each pair of
        # sentences can be placed on its own
        for _, pivot_id, other_id, score, origin in pairs_by_doc[doc.document_id]:
            target = row_of_pivot.get(pivot_id)
            if target is None or other_id not in visible:
                continue
            cells = rows[target].cells
            cell = cells[column]
            if cell is EMPTY:
                cells[column] = Cell([other_id], [] if score is None else [score], origin == "manual")
            else:
                if other_id not in cell.sentence_ids:
                    cell.sentence_ids.append(other_id)
                if score is not None:
                    cell.scores.append(score)
                cell.manual = cell.manual or origin == "manual"
            previous = placed.get(other_id)
            placed[other_id] = target if previous is None else min(previous, target)
    order = {sentence_id: k for ids in sentences.values() for k, sentence_id in enumerate(ids)}
    for row in rows:
        for cell in row.cells[1:]:
            if len(cell.sentence_ids) > 1:
                cell.sentence_ids.sort(key=order.__getitem__)
    # unlinked sentences of the other documents: rows of their own, in document order
    insertions: dict[int, list[AlignedRow]] = {}  # after row r (-1: before the first row)
    for column, doc in enumerate(others, start=1):
        anchor = -1
        for sentence_id in sentences[doc.document_id]:
            if sentence_id in placed:
                anchor = max(anchor, placed[sentence_id])
                continue
            cells = [EMPTY] * len(columns)
            cells[column] = Cell([sentence_id])
            insertions.setdefault(anchor, []).append(AlignedRow(cells))
    laid_out = list(insertions.get(-1, []))
    for r, row in enumerate(rows):
        laid_out.append(row)
        laid_out.extend(insertions.get(r, []))
    return GroupLayout(columns, laid_out)


def filter_layout(layout: GroupLayout, keep) -> GroupLayout:
    """The rows holding at least one sentence for which `keep(sentence_id)` is true."""
    return GroupLayout(layout.columns, [row for row in layout.rows if any(keep(i) for i in row.sentence_ids())])
