"""A group laid out side by side: one column per document (pivot first), one row per aligned
unit. The side-by-side view and the aligned-pairs export read this; it is plain data.

A row holds a run of pivot sentences and, for each other document, the sentences linked to
them. Pivot sentences that links tie together share a row. A sentence of another document
that no link reaches gets a row of its own, placed after the row of that document's previous
linked sentence, so every document reads in order down its column, except where a link ties
a sentence to a pivot row out of order (a moved passage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

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
    rows: Sequence[AlignedRow]


class _Rows(Sequence):
    """The rows of a laid-out group, built on first access from compact arrays: opening a
    100,000-sentence group creates only the rows the view shows."""

    def __init__(self, width: int, pivot: np.ndarray, unit_bounds: np.ndarray, columns: list[dict],
                 row_unit: np.ndarray, row_column: np.ndarray, row_sentence: np.ndarray):
        self._width, self._pivot, self._unit_bounds, self._columns = width, pivot, unit_bounds, columns
        self._row_unit, self._row_column, self._row_sentence = row_unit, row_column, row_sentence
        self._built: dict[int, AlignedRow] = {}

    def __len__(self) -> int:
        return len(self._row_unit)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(index)
        return row

    def _build(self, index: int) -> AlignedRow:
        cells = [EMPTY] * self._width
        unit = int(self._row_unit[index])
        if unit < 0:  # an unlinked sentence of another document
            cells[int(self._row_column[index])] = Cell([int(self._row_sentence[index])])
            return AlignedRow(cells)
        start, end = self._unit_bounds[unit], self._unit_bounds[unit + 1]
        cells[0] = Cell(self._pivot[start:end].tolist())
        for column, placed in enumerate(self._columns, start=1):
            low, high = np.searchsorted(placed["units"], [unit, unit + 1])
            if low < high:
                score = placed["score"][unit]
                cells[column] = Cell(placed["ids"][low:high].tolist(), [] if np.isnan(score) else [float(score)],
                                     bool(placed["manual"][unit]))
        return AlignedRow(cells)


def group_layout(store: Store, group: str | int, include_boilerplate: bool = False) -> GroupLayout:
    """Lay a group out. The placement is computed over all sentences at once with numpy; row
    objects are made when first asked for."""
    group_id = store.documents.group_id(group)
    documents = store.documents.group_documents(group_id)
    if not documents:
        return GroupLayout([], [])
    pivot = store.documents.pivot(group_id)
    if pivot is None:
        pivot = documents[0]["id"]
    ordered = sorted(documents, key=lambda d: (d["id"] != pivot, d["position"]))
    columns = [Column(d["id"], d["title"], d["lang"]) for d in ordered]
    ids = {c.document_id: np.asarray(store.documents.sentence_ids(c.document_id, include_boilerplate), dtype=np.int64)
           for c in columns}
    largest = max((int(a.max()) for a in ids.values() if len(a)), default=0)
    position = np.full(largest + 1, -1, dtype=np.int64)  # sentence id -> place in its document
    for array in ids.values():
        position[array] = np.arange(len(array))
    pivot_ids = ids[pivot]
    # pivot sentences that a link ties together share a unit (a row)
    joined = np.zeros(len(pivot_ids), dtype=bool)
    for c in columns[1:]:
        for members in store.links.spanning_pivots(pivot, c.document_id):
            places = position[[i for i in members if i <= largest]]
            places = places[places >= 0]
            if len(places):
                joined[places.min():places.max()] = True
    unit_of = np.concatenate([[0], np.cumsum(~joined[:-1])]) if len(pivot_ids) else np.zeros(0, dtype=np.int64)
    units = int(unit_of[-1]) + 1 if len(pivot_ids) else 0
    unit_bounds = np.searchsorted(unit_of, np.arange(units + 1))
    placed_columns, row_keys = [], []
    for column, c in enumerate(columns[1:], start=1):
        others = ids[c.document_id]
        pairs = store.links.pairs(pivot, c.document_id)
        placed = np.full(len(others), units, dtype=np.int64)  # `units`: not placed
        score = np.full(units, np.nan)
        manual = np.zeros(units, dtype=bool)
        if pairs and len(others) and len(pivot_ids):
            _, pivot_side, other_side, scores, origins = zip(*pairs)
            pivot_side = np.asarray(pivot_side, dtype=np.int64)
            other_side = np.asarray(other_side, dtype=np.int64)
            in_range = (pivot_side <= largest) & (other_side <= largest)
            pivot_place = np.where(in_range, position[np.minimum(pivot_side, largest)], -1)
            other_place = np.where(in_range, position[np.minimum(other_side, largest)], -1)
            # both sentences must be shown (not boilerplate) and in these two documents
            ok = (pivot_place >= 0) & (other_place >= 0)
            ok &= np.isin(pivot_side, pivot_ids) & np.isin(other_side, others)
            unit = unit_of[pivot_place[ok]]
            np.minimum.at(placed, other_place[ok], unit)
            # a cell's score: its weakest link; manual when any of its links is
            pair_scores = np.array([np.nan if v is None else v for v in scores], dtype=float)[ok]
            cell_of_pair = placed[other_place[ok]]
            valid = ~np.isnan(pair_scores)
            best = np.full(units, np.inf)
            np.minimum.at(best, cell_of_pair[valid], pair_scores[valid])
            score = np.where(np.isinf(best), np.nan, best)
            np.logical_or.at(manual, cell_of_pair, np.asarray(origins, dtype=object)[ok] == "manual")
        is_placed = placed < units
        order = np.argsort(placed[is_placed], kind="stable")  # by unit, then document order
        placed_columns.append({"units": placed[is_placed][order], "ids": others[is_placed][order],
                               "score": score, "manual": manual})
        # an unlinked sentence goes after the row of its document's last linked sentence before it
        seen = np.where(is_placed, placed, -1)
        anchor = np.concatenate([[-1], np.maximum.accumulate(seen)[:-1]]) if len(others) else seen
        lonely = np.flatnonzero(~is_placed)
        row_keys.append((anchor[lonely], np.full(len(lonely), column), lonely, others[lonely]))
    # rows in order: each unit, then the unlinked sentences anchored after it (by column, in order)
    key_anchor = np.concatenate([np.arange(units)] + [k[0] for k in row_keys])
    key_kind = np.concatenate([np.zeros(units, dtype=np.int64)] + [k[1] for k in row_keys])
    key_place = np.concatenate([np.zeros(units, dtype=np.int64)] + [k[2] for k in row_keys])
    row_unit = np.concatenate([np.arange(units)] + [np.full(len(k[0]), -1) for k in row_keys])
    row_sentence = np.concatenate([np.full(units, -1)] + [k[3] for k in row_keys])
    order = np.lexsort((key_place, key_kind, key_anchor))
    rows = _Rows(len(columns), pivot_ids, unit_bounds, placed_columns, row_unit[order], key_kind[order],
                 row_sentence[order])
    return GroupLayout(columns, rows)


def filter_layout(layout: GroupLayout, keep) -> GroupLayout:
    """The rows holding at least one sentence for which `keep(sentence_id)` is true."""
    return GroupLayout(layout.columns, [row for row in layout.rows if any(keep(i) for i in row.sentence_ids())])
