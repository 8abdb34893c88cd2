"""A group laid out side by side: one column per document (pivot first), one row per aligned
unit. The side-by-side view and the aligned-pairs export read this; it is plain data.

A unit is the set of sentences that links connect, across all the documents of the group (a
German and a French sentence linked to each other share a row even when the pivot has no
counterpart); several sentences of one document stack in that document's cell. A sentence no
link reaches is a unit of its own.

Chaining guard: a set of linked sentences whose part of every document is a run of neighbours
is one unit. Where a chain of links would put two sentences of one document that are not
neighbours into one unit, that set is rebuilt link by link, strongest first (manual links
before machine ones), and a machine link that would open such a gap is kept out of the layout
and listed in `GroupLayout.held_out`. A link made by hand always joins: the person said so.

Order: the pivot's units in pivot order; then, document by document, each unit not yet placed
goes just before the earliest-placed unit of that document's later sentences, so every column
reads in its own order, except where a link ties a sentence to a row out of order (a moved
passage).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.core.align.units import Units


@dataclass(frozen=True)
class Column:
    document_id: int
    title: str
    lang: str
    source: str = ""  # the file it was imported from


@dataclass(slots=True)
class Cell:
    sentence_ids: list[int] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)  # of the links that put them here
    manual: bool = False  # at least one of those links was made by hand

    @property
    def score(self) -> float | None:
        """The weakest link's score: what a 'low confidence' mark should go by."""
        return min(self.scores) if self.scores else None


EMPTY = Cell()  # shared by every empty cell: never changed
# A machine link scoring below this is uncertain: an orange edge on its cells, a mark on its row
# (mining's scores are calibrated confidences; 0.6 is also mining's own floor for a link)
LOW_CONFIDENCE = 0.6


@dataclass(slots=True)
class AlignedRow:
    cells: list[Cell]  # one per column

    def sentence_ids(self) -> list[int]:
        return [i for cell in self.cells for i in cell.sentence_ids]


@dataclass
class GroupLayout:
    columns: list[Column]
    rows: Sequence[AlignedRow]
    held_out: list[int] = field(default_factory=list)  # links the chaining guard kept out


class _Rows(Sequence):
    """The rows of a laid-out group, built on first access from compact arrays: opening a
    100,000-sentence group creates only the rows the view shows."""

    def __init__(self, width: int, order: np.ndarray, unit_bounds: np.ndarray, nodes: np.ndarray,
                 sentence_of: np.ndarray, column_of: np.ndarray, cell_score: np.ndarray, cell_manual: np.ndarray):
        self._width, self._order, self._bounds, self._nodes = width, order, unit_bounds, nodes
        self._sentence_of, self._column_of = sentence_of, column_of
        self._cell_score, self._cell_manual = cell_score, cell_manual
        self._built: dict[int, AlignedRow] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index):
        row = self._built.get(index) if type(index) is int else None  # a paint asks for its rows tens of times
        if row is not None:
            return row
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(int(self._order[index]))
        return row

    def sentence_ids(self) -> list[int]:
        """The sentences of these rows (unordered), read off the arrays."""
        units = len(self._bounds) - 1
        in_rows = np.zeros(units, dtype=bool)
        in_rows[self._order] = True
        unit_of_node = np.repeat(np.arange(units), np.diff(self._bounds))
        return self._sentence_of[self._nodes[in_rows[unit_of_node]]].tolist()

    def reading_order(self) -> list[tuple[int, int, int]]:
        """(row, column, sentence id) of every sentence, row by row, each row by column and place
        (the order the view reads in), off the arrays without building the rows."""
        lengths = np.diff(self._bounds)[self._order]
        first = np.repeat(self._bounds[:-1][self._order] - (np.cumsum(lengths) - lengths), lengths)
        nodes = self._nodes[first + np.arange(int(lengths.sum()))]
        rows = np.repeat(np.arange(len(self._order)), lengths)
        return list(zip(rows.tolist(), self._column_of[nodes].tolist(), self._sentence_of[nodes].tolist()))

    def row_of(self, sentence_id: int) -> int | None:
        """The index of the row that holds the sentence (None: in none of these rows), read off
        the arrays without building the rows."""
        found = np.flatnonzero(self._sentence_of[self._nodes] == sentence_id)
        if not len(found):
            return None
        unit = int(np.searchsorted(self._bounds, found[0], side="right")) - 1
        rows = np.flatnonzero(self._order == unit)
        return int(rows[0]) if len(rows) else None

    def uncertain(self, threshold: float) -> list[int]:
        """The indices of the rows with a cell whose weakest link scores below `threshold`, in
        order, read off the arrays."""
        units = len(self._bounds) - 1
        if not units or not self._width:
            return []
        with np.errstate(invalid="ignore"):  # (no link: NaN, never below)
            low = (self._cell_score.reshape(units, self._width) < threshold).any(axis=1)
        return np.flatnonzero(low[self._order]).tolist()

    def keeping(self, keep) -> "_Rows":
        """These rows, only those with a sentence for which `keep(sentence_id)` is true, in the
        same order (the arrays are shared, not copied)."""
        kept_node = np.fromiter((keep(i) for i in self._sentence_of[self._nodes].tolist()), dtype=bool,
                                count=len(self._nodes))
        units = len(self._bounds) - 1
        unit_kept = np.zeros(units, dtype=bool)
        if units and len(kept_node):
            unit_kept = np.logical_or.reduceat(kept_node, self._bounds[:-1])
        return _Rows(self._width, self._order[unit_kept[self._order]], self._bounds, self._nodes,
                     self._sentence_of, self._column_of, self._cell_score, self._cell_manual)

    def _build(self, unit: int) -> AlignedRow:
        cells = [EMPTY] * self._width
        nodes = self._nodes[self._bounds[unit]:self._bounds[unit + 1]]  # by column, then place
        columns = self._column_of[nodes]
        for column in np.unique(columns).tolist():
            members = nodes[columns == column]
            cell = unit * self._width + column
            score = self._cell_score[cell]
            cells[column] = Cell(self._sentence_of[members].tolist(), [] if np.isnan(score) else [float(score)],
                                 bool(self._cell_manual[cell]))
        return AlignedRow(cells)


def _components(size: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of `size` nodes joined by edges a[k]-b[k]: each node's label is
    the smallest node of its component (hooking and pointer jumping, vectorised)."""
    label = np.arange(size)
    while len(a):
        low = np.minimum(label[a], label[b])
        hooked = label.copy()
        np.minimum.at(hooked, label[a], low)
        np.minimum.at(hooked, label[b], low)
        while True:
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, label):
            break
        label = hooked
    return label


def _gapped(label: np.ndarray, column_of: np.ndarray, place_of: np.ndarray) -> np.ndarray:
    """The components whose part of some column is not a run of neighbouring sentences."""
    if not len(label):
        return np.zeros(0, dtype=label.dtype)
    order = np.lexsort((place_of, column_of, label))
    keys = label[order] * (int(column_of.max()) + 1) + column_of[order]
    starts = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]]))
    places = place_of[order]
    low, high = places[starts], np.maximum.reduceat(places, starts)
    count = np.diff(np.concatenate([starts, [len(order)]]))
    return np.unique(label[order][starts][high - low + 1 != count])


# the arrays a layout is made of, as compute returns them and store.layouts keeps them
KEPT = ("documents", "order", "unit_bounds", "nodes", "sentence_of", "column_of", "cell_score", "cell_manual",
        "held_out")


def from_arrays(columns: list[Column], arrays: dict[str, np.ndarray]) -> GroupLayout:
    """The layout that `compute`'s arrays describe (its rows built on first access)."""
    return GroupLayout(columns, _Rows(len(columns), *(arrays[name] for name in KEPT[1:-1])),
                       arrays["held_out"].tolist())


def fits(kept: dict[str, np.ndarray], columns: list[Column]) -> bool:
    """Whether kept arrays are a layout of these columns: every array there, of its kind, and
    every index in range. A damaged or hostile blob is laid out afresh, never shown."""
    if set(kept) != set(KEPT) or any(a.ndim != 1 for a in kept.values()):
        return False
    if kept["documents"].tolist() != [c.document_id for c in columns]:
        return False
    whole = ("order", "unit_bounds", "nodes", "sentence_of", "column_of", "held_out")
    if any(kept[name].dtype.kind not in "iu" for name in whole) or kept["cell_score"].dtype.kind != "f" \
            or kept["cell_manual"].dtype != bool:
        return False
    width, nodes, bounds = len(columns), kept["nodes"], kept["unit_bounds"]
    count, units = len(kept["sentence_of"]), len(bounds) - 1

    def within(values: np.ndarray, low: int, high: int) -> bool:
        return not len(values) or (int(values.min()) >= low and int(values.max()) < high)

    return (units >= 0 and len(kept["column_of"]) == count and len(nodes) == count
            and int(bounds[0]) == 0 and int(bounds[-1]) == count and bool(np.all(np.diff(bounds) >= 0))
            and len(kept["cell_score"]) == len(kept["cell_manual"]) == units * width
            and within(kept["order"], 0, units) and within(nodes, 0, count)
            and within(kept["column_of"], 0, width) and within(kept["sentence_of"], 1, 2**63 - 1))


def _compact(values: np.ndarray) -> np.ndarray:
    """int32 where the values fit (half the memory and the kept blob)."""
    if values.dtype.kind == "i" and (not len(values) or (values.min() >= -2**31 and values.max() < 2**31)):
        return values.astype(np.int32)
    return values


def compute(columns: list[Column], ids: list[np.ndarray], pairs: list[tuple]) -> dict[str, np.ndarray]:
    """The layout's arrays, from each column's sentence ids in order and the group's links as
    (link id, source, target, score, manual) pairs of sentences. The components are found with
    numpy; only those that a chain would make non-contiguous are rebuilt link by link,
    strongest first, with the guard."""
    width = len(columns)
    sizes = np.array([len(a) for a in ids], dtype=np.int64)
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    total = int(offsets[-1])
    sentence_of = np.concatenate(ids) if total else np.zeros(0, dtype=np.int64)
    column_of = np.repeat(np.arange(width), sizes)
    place_of = np.arange(total) - offsets[column_of]
    largest = int(sentence_of.max()) if total else 0
    node_of = np.full(largest + 1, -1, dtype=np.int64)
    node_of[sentence_of] = np.arange(total)
    # the links' sentence pairs, between shown sentences
    if pairs:
        link_id, source, target, scores, manual = (np.asarray(x) for x in zip(*pairs))
        source, target = source.astype(np.int64), target.astype(np.int64)
        score = np.array([np.nan if v is None else v for v in scores.tolist()], dtype=float)
        manual = manual.astype(bool)
        shown = (source <= largest) & (target <= largest)
        a = np.where(shown, node_of[np.minimum(source, largest)], -1)
        b = np.where(shown, node_of[np.minimum(target, largest)], -1)
        keep = (a >= 0) & (b >= 0)
        link_id, a, b, score, manual = link_id[keep].astype(np.int64), a[keep], b[keep], score[keep], manual[keep]
    else:
        link_id = a = b = np.zeros(0, dtype=np.int64)
        score, manual = np.zeros(0), np.zeros(0, dtype=bool)
    label = _components(total, a, b)
    accepted = np.ones(len(a), dtype=bool)
    held_out: list[int] = []
    gapped = _gapped(label, column_of, place_of)
    if len(gapped):  # rebuild these components link by link, strongest first, with the guard
        involved = np.isin(label[a], gapped)
        units = Units(column_of, place_of)
        members: dict[int, list[int]] = {}
        strength: dict[int, tuple] = {}
        for k in np.flatnonzero(involved).tolist():
            link = int(link_id[k])
            members.setdefault(link, []).extend((int(a[k]), int(b[k])))
            strength[link] = (not manual[k], -(0.0 if np.isnan(score[k]) else score[k]), link)
        rejected = set()
        for link in sorted(members, key=strength.__getitem__):
            if not units.join(members[link], force=not strength[link][0]):
                rejected.add(link)
        held_out = sorted(rejected)
        accepted[involved] = ~np.isin(link_id[involved], held_out)
        nodes = np.flatnonzero(np.isin(label, gapped))
        label[nodes] = total + np.array([units.find(int(n)) for n in nodes.tolist()])
    _, unit = np.unique(label, return_inverse=True)
    units_count = int(unit.max()) + 1 if total else 0
    # per cell (unit, column): the weakest score of the links there, and whether one is manual
    cell_score = np.full(units_count * width, np.inf)
    cell_manual = np.zeros(units_count * width, dtype=bool)
    for ends in (a[accepted], b[accepted]):
        cells = unit[ends] * width + column_of[ends]
        valid = ~np.isnan(score[accepted])
        np.minimum.at(cell_score, cells[valid], score[accepted][valid])
        np.logical_or.at(cell_manual, cells, manual[accepted])
    cell_score[np.isinf(cell_score)] = np.nan
    order = _order(unit, units_count, offsets, width)
    nodes = np.lexsort((place_of, column_of, unit))
    unit_bounds = np.searchsorted(unit[nodes], np.arange(units_count + 1))
    return dict(documents=np.array([c.document_id for c in columns], dtype=np.int64), order=_compact(order),
                unit_bounds=_compact(unit_bounds), nodes=_compact(nodes), sentence_of=_compact(sentence_of),
                column_of=_compact(column_of), cell_score=cell_score, cell_manual=cell_manual,
                held_out=np.array(held_out, dtype=np.int64))


def _order(unit: np.ndarray, units_count: int, offsets: np.ndarray, width: int) -> np.ndarray:
    """The units in row order: the pivot's in pivot order; then, column by column, each unit
    not yet placed goes just before the earliest-placed unit of that column's later sentences,
    so every column reads in its own order except where a link moved a sentence."""
    rank = np.full(units_count, -1, dtype=np.int64)
    if not units_count:
        return rank
    pivot_units = unit[offsets[0]:offsets[1]]
    first_units, first_places = np.unique(pivot_units, return_index=True)
    rank[first_units[np.argsort(first_places)]] = np.arange(len(first_units))
    placed_count = len(first_units)
    for column in range(1, width):
        units_here = unit[offsets[column]:offsets[column + 1]]
        if not len(units_here):
            continue
        ranks_here = rank[units_here].astype(float)
        ranks_here[ranks_here < 0] = np.inf
        next_rank = np.minimum.accumulate(ranks_here[::-1])[::-1]
        new_units, first = np.unique(units_here, return_index=True)
        is_new = rank[new_units] < 0
        new_units, first = new_units[is_new], first[is_new]
        if not len(new_units):
            continue
        placed = np.flatnonzero(rank >= 0)
        keys_rank = np.concatenate([rank[placed].astype(float), next_rank[first]])
        keys_kind = np.concatenate([np.ones(len(placed)), np.zeros(len(new_units))])  # new ones just before
        keys_place = np.concatenate([np.zeros(len(placed)), first.astype(float)])
        everyone = np.concatenate([placed, new_units])
        sequence = everyone[np.lexsort((keys_place, keys_kind, keys_rank))]
        rank[sequence] = np.arange(len(sequence))
        placed_count = len(sequence)
    order = np.argsort(rank, kind="stable")
    return order[rank[order] >= 0][:placed_count]


def layout_sentence_ids(layout: GroupLayout) -> list[int]:
    """Every sentence the layout shows (read off its arrays: no row is built)."""
    if isinstance(layout.rows, _Rows):
        return layout.rows.sentence_ids()
    return [i for row in layout.rows for i in row.sentence_ids()]


def reading_order(layout: GroupLayout) -> list[tuple[int, int, int]]:
    """(row, column, sentence id) of every sentence the layout shows, in the view's order."""
    if isinstance(layout.rows, _Rows):
        return layout.rows.reading_order()
    return [(r, c, i) for r, row in enumerate(layout.rows) for c, cell in enumerate(row.cells) for i in cell.sentence_ids]


def filter_layout(layout: GroupLayout, keep) -> GroupLayout:
    """The rows holding at least one sentence for which `keep(sentence_id)` is true."""
    if isinstance(layout.rows, _Rows):
        return GroupLayout(layout.columns, layout.rows.keeping(keep), layout.held_out)
    return GroupLayout(layout.columns, [row for row in layout.rows if any(keep(i) for i in row.sentence_ids())],
                       layout.held_out)
