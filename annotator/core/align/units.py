"""The chaining guard's bookkeeping for the layout (layout.py): a union-find over sentences
that refuses a merge opening a gap in a document's column."""

from __future__ import annotations

import numpy as np


class Units:
    """Union-find over sentences (node numbers) that keeps, per unit and column, the range of
    places and their count, so that a merge opening a gap in a column can be refused."""

    def __init__(self, column_of: np.ndarray, place_of: np.ndarray):
        self.column_of, self.place_of = column_of, place_of
        self.parent: dict[int, int] = {}
        self.spans: dict[int, dict[int, list[int]]] = {}  # root -> column -> [low, high, count]

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
            place = int(self.place_of[root])
            span = {int(self.column_of[root]): [place, place, 1]}
        return span

    def join(self, nodes: list[int], force: bool = False) -> bool:
        """Merge the units of `nodes` into one, unless that opens a new gap in some column (two
        sentences of one document that are not neighbours, with a sentence of another unit
        between them). `force` (a link made by hand) merges regardless."""
        roots = list(dict.fromkeys(self.find(n) for n in nodes))
        if len(roots) == 1:
            return True
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
        if not force and any(high - low + 1 - count > gaps[column] for column, (low, high, count) in merged.items()):
            return False
        top = roots[0]
        for root in roots[1:]:
            self.parent[root] = top
            self.spans.pop(root, None)
        self.spans[top] = merged
        return True
