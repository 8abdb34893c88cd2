"""A group laid out side by side: one column per document (pivot first), one row per aligned
unit. The side-by-side view and the aligned-pairs export read this; it is plain data.

A unit is the set of sentences that links connect, across all the documents of the group (a
German and a French sentence linked to each other share a row even when the pivot has no
counterpart); several sentences of one document stack in that document's cell. A sentence no
link reaches is a unit of its own.

Chaining guard: links are taken strongest first (manual links before machine ones), and a
machine link that would put two sentences of one document that are not neighbours into one
unit (through a chain of other links) is kept out of the layout and listed in
`GroupLayout.held_out`. A link made by hand always joins: the person said so.

Order: the pivot's units in pivot order; then, document by document, each unit not yet placed
goes right after the latest-placed unit of that document's sentences before it, so every column
reads in its own order, except where a link ties a sentence to a row out of order (a moved
passage).
"""

from __future__ import annotations

from collections.abc import Sequence
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


EMPTY = Cell()  # shared by every empty cell: never changed


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
    """The rows of a laid-out group, built on first access from each unit's members: opening a
    100,000-sentence group creates only the rows the view shows."""

    def __init__(self, width: int, order: list[int], members: dict[int, list[tuple[int, int]]],
                 scores: dict[int, dict[int, float]], manual: dict[int, set[int]], ids: list[list[int]]):
        self._width, self._order, self._members = width, order, members
        self._scores, self._manual, self._ids = scores, manual, ids
        self._built: dict[int, AlignedRow] = {}

    def __len__(self) -> int:
        return len(self._order)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        row = self._built.get(index)
        if row is None:
            row = self._built[index] = self._build(self._order[index])
        return row

    def _build(self, unit: int) -> AlignedRow:
        cells = [EMPTY] * self._width
        by_column: dict[int, list[int]] = {}
        for column, place in self._members.get(unit, [(unit >> 32, unit & 0xFFFFFFFF)]):
            by_column.setdefault(column, []).append(place)
        scores, manual = self._scores.get(unit, {}), self._manual.get(unit, set())
        for column, places in by_column.items():
            places.sort()
            score = scores.get(column)
            cells[column] = Cell([self._ids[column][p] for p in places], [] if score is None else [score],
                                 column in manual)
        return AlignedRow(cells)


class _Units:
    """Union-find over (column, place) sentences that keeps, per unit and column, the range of
    places and their count, so a merge that would make a column's part non-contiguous is refused."""

    def __init__(self):
        self.parent: dict[int, int] = {}
        self.spans: dict[int, dict[int, list[int]]] = {}  # root -> column -> [low, high, count]

    @staticmethod
    def key(column: int, place: int) -> int:
        return (column << 32) | place

    def find(self, node: int) -> int:
        parent = self.parent
        root = node
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(node, node) != root:  # path compression
            parent[node], node = root, parent[node]
        return root

    def _span(self, root: int) -> dict[int, list[int]]:
        span = self.spans.get(root)
        if span is None:
            place = root & 0xFFFFFFFF
            span = {root >> 32: [place, place, 1]}
        return span

    def join(self, nodes: list[int], force: bool = False) -> bool:
        """Merge the units of `nodes` into one, unless that opens a new gap in some column (two
        sentences of one document that are not neighbours, with a sentence of another unit
        between them). `force` (a link made by hand) merges regardless."""
        roots = list(dict.fromkeys(self.find(n) for n in nodes))
        merged: dict[int, list[int]] = {}
        gaps: dict[int, int] = {}  # per column, the gaps the parts already had (only forced merges make them)
        for root in roots:
            for column, (low, high, count) in self._span(root).items():
                gaps[column] = gaps.get(column, 0) + high - low + 1 - count
                if column in merged:
                    span = merged[column]
                    span[0], span[1], span[2] = min(span[0], low), max(span[1], high), span[2] + count
                else:
                    merged[column] = [low, high, count]
        if len(roots) == 1:
            return True
        if not force and any(high - low + 1 - count > gaps[column] for column, (low, high, count) in merged.items()):
            return False
        top = roots[0]
        for root in roots[1:]:
            self.parent[root] = top
            self.spans.pop(root, None)
        self.spans[top] = merged
        return True


def group_layout(store: Store, group: str | int, include_boilerplate: bool = False) -> GroupLayout:
    """Lay a group out: units across all its documents, in the order described above."""
    group_id = store.documents.group_id(group)
    documents = store.documents.group_documents(group_id)
    if not documents:
        return GroupLayout([], [])
    pivot = store.documents.pivot(group_id)
    if pivot is None:
        pivot = documents[0]["id"]
    ordered = sorted(documents, key=lambda d: (d["id"] != pivot, d["position"]))
    columns = [Column(d["id"], d["title"], d["lang"]) for d in ordered]
    ids = [store.documents.sentence_ids(c.document_id, include_boilerplate) for c in columns]
    where = {sentence_id: (column, place) for column, column_ids in enumerate(ids)
             for place, sentence_id in enumerate(column_ids)}
    # each link's shown sentences, its score and origin
    links: dict[int, tuple[set[int], float | None, str]] = {}
    for link_id, source, target, score, origin in store.links.pairs_in_group(group_id):
        if source in where and target in where:
            members = links.setdefault(link_id, (set(), score, origin))[0]
            members.add(_Units.key(*where[source]))
            members.add(_Units.key(*where[target]))
    units = _Units()
    held_out, accepted = [], []
    for link_id, (members, score, origin) in sorted(
            links.items(), key=lambda item: (item[1][2] != "manual", -(item[1][1] or 0.0), item[0])):
        if units.join(list(members), force=origin == "manual"):
            accepted.append((members, score, origin))
        else:
            held_out.append(link_id)
    # per unit: its members, and per column the weakest score and whether a manual link is there
    members_of: dict[int, list[tuple[int, int]]] = {}
    for node in units.parent:
        root = units.find(node)
        if root not in members_of:
            members_of[root] = [(root >> 32, root & 0xFFFFFFFF)]
        if node != root:
            members_of[root].append((node >> 32, node & 0xFFFFFFFF))
    scores: dict[int, dict[int, float]] = {}
    manual: dict[int, set[int]] = {}
    for members, score, origin in accepted:
        root = units.find(next(iter(members)))
        for node in members:
            column = node >> 32
            if score is not None:
                column_scores = scores.setdefault(root, {})
                column_scores[column] = min(score, column_scores.get(column, score))
            if origin == "manual":
                manual.setdefault(root, set()).add(column)
    # order: pivot units first, then each document's unplaced units after their predecessor
    key_of: dict[int, tuple] = {}
    for place in range(len(ids[0])):
        unit = units.find(_Units.key(0, place))
        key_of.setdefault(unit, (place,))
    counter = 0
    for column in range(1, len(columns)):
        last: tuple = (-1,)
        for place in range(len(ids[column])):
            unit = units.find(_Units.key(column, place))
            if unit not in key_of:
                key_of[unit] = last + (column, counter)
                counter += 1
            last = max(last, key_of[unit])  # a sentence moved back does not pull the rest with it
    order = sorted(key_of, key=key_of.__getitem__)
    return GroupLayout(columns, _Rows(len(columns), order, members_of, scores, manual, ids), held_out)


def filter_layout(layout: GroupLayout, keep) -> GroupLayout:
    """The rows holding at least one sentence for which `keep(sentence_id)` is true."""
    return GroupLayout(layout.columns, [row for row in layout.rows if any(keep(i) for i in row.sentence_ids())],
                       layout.held_out)
