"""Growth a third document confirms: in a group, a free line joins a link when two pairs ask for it.

Growth (growth.py) widens a retelling's link by a free neighbouring line when its model is
sure (probability >= its threshold, 0.8: every dev level must stay as precise). Below that
the proposals are mostly wrong one by one; but in a group of three or more documents one
proposal can be checked against another. When line x of document A is proposed, in pair A-B,
to join a link whose A lines include a, and, in pair A-C, to join a link whose A lines include
the same a, and the two links' other ends (lines of B and of C, or a neighbouring line of either) are
themselves linked in pair B-C, then the two pairs and the third agree that x tells the fact a's link holds: both
proposals are taken when each reaches `FLOOR`. (On the seeds: "The coalition's aviation tried
to create obstacles ..." proposed to join "To this aim, the coalition's attack aircraft ..." in
its link to the French and in its link to the other English page, 0.69 and 0.77, whose French
and English ends are linked.)

Chosen on dev groups only (the de-fr-de and de-fr-de' groups of tests/benchmarks/retell_eval.py,
text+berg-dev; tests/benchmarks/group_growth_eval.py): the lowest floor on a 0.1 grid at which
neither group's pairwise precision falls by more than 0.001 against consistency alone: 0.3
(dev: +6 and +8 sentence pairs, all right; test, looked at once: +13 (10 right) and +8 (6 right);
the step costs about 0.1 s of CPU on a 1,000-sentence group of four documents).

Plain data in and out, like consistency.py: `pair_links[(a, b)]` is a pair's list of
(sentence keys of a, sentence keys of b, confidence); `documents[d]` gives document d's
sentence keys in order, their texts, their vectors (one row each, normalised) and their places
in the whole document (for `mining.adjacent`: boilerplate between two lines parts them). No Qt,
no store.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.core.align import growth, mining

FLOOR = 0.3


@dataclass(frozen=True)
class Document:
    keys: Sequence[Hashable]
    texts: list[str]
    vectors: np.ndarray
    positions: Sequence[int] | None = None


@dataclass(frozen=True)
class _Ask:
    pair: tuple
    link: int
    side: int  # 0: the line joins the pair's first document's lines
    document: Hashable  # the line's
    line: Hashable  # sentence key
    probability: float
    anchor: frozenset  # the link's lines in the line's document
    other: frozenset  # the link's lines in the other document
    other_document: Hashable


def _asks(pair: tuple, links: list[tuple], documents: Mapping[Hashable, Document], model: growth.GrowModel
          ) -> list[_Ask]:
    a, b = pair
    first, second = documents[a], documents[b]
    row = ({k: n for n, k in enumerate(first.keys)}, {k: n for n, k in enumerate(second.keys)})
    local = [mining.Link(tuple(row[0][x] for x in s), tuple(row[1][y] for y in t), 0.0 if p is None else float(p))
             for s, t, p in links]
    if not local:
        return []
    grown = growth.Pair(first.vectors, second.vectors, first.texts, second.texts, first.positions, second.positions)
    out = []
    for f in growth.score(growth.proposals(grown, local), model):
        s, t = links[f.link][0], links[f.link][1]
        anchor, other = (s, t) if f.side == 0 else (t, s)
        out.append(_Ask(pair, f.link, f.side, pair[f.side], (first.keys, second.keys)[f.side][f.line], f.probability,
                        frozenset(anchor), frozenset(other), pair[1 - f.side]))
    return out


def _joined(pair_links: Mapping[tuple, list[tuple]], places: Mapping[Hashable, dict], b, c,
            lines_b: frozenset, lines_c: frozenset) -> bool:
    """Whether a link of pair b-c (either way round) joins a line of `lines_b` or its neighbour
    to a line of `lines_c` or its neighbour (as in consistency.py: a fact split over two lines
    may be linked to either half)."""
    place_b, place_c = places[b], places[c]
    near_b = {place_b[k] + step for k in lines_b for step in (-1, 0, 1)}
    near_c = {place_c[k] + step for k in lines_c for step in (-1, 0, 1)}
    for key, flip in (((b, c), False), ((c, b), True)):
        for s, t, _ in pair_links.get(key, ()):
            x, y = (t, s) if flip else (s, t)
            if near_b.intersection(place_b[k] for k in x) and near_c.intersection(place_c[k] for k in y):
                return True
    return False


def grow_confirmed(pair_links: Mapping[tuple, list[tuple]], documents: Mapping[Hashable, Document],
                   model: growth.GrowModel | None = None, floor: float = FLOOR,
                   allowed: Callable[[tuple], bool] = lambda link: True) -> dict[tuple, list[tuple]]:
    """The links after confirmed growth (see the module's docstring): same keys, each link as
    (source tuple, target tuple, confidence); a widened link keeps the lower of its confidence
    and the proposal's, as growth does. `allowed(link)` may refuse a widened link (then it stays
    as it was). With fewer than three documents, or no growth model, the links unchanged."""
    links = {key: [(tuple(s), tuple(t), p) for s, t, p in found] for key, found in pair_links.items()}
    model = model if model is not None else growth.shipped()
    if model is None or len({d for key in links for d in key}) < 3:
        return links
    asks = {key: [ask for ask in _asks(key, found, documents, model) if ask.probability >= floor]
            for key, found in links.items()}
    places = {d: {k: n for n, k in enumerate(document.keys)} for d, document in documents.items()}
    by_line: dict[tuple, list[_Ask]] = {}
    for found in asks.values():
        for ask in found:
            by_line.setdefault((ask.document, ask.line), []).append(ask)
    confirmed: dict[tuple, list[_Ask]] = {}
    for key, found in asks.items():
        for ask in found:
            if any(other.pair != key and other.anchor & ask.anchor
                   and _joined(links, places, ask.other_document, other.other_document, ask.other, other.other)
                   for other in by_line[ask.document, ask.line]):
                confirmed.setdefault(key, []).append(ask)
    out = {}
    for key, found in links.items():
        found = [list(link) for link in found]
        taken: set[tuple] = set()
        for ask in sorted(confirmed.get(key, []), key=lambda ask: (-ask.probability, ask.link, ask.side, str(ask.line))):
            if (ask.side, ask.line) in taken or (ask.link, ask.side) in taken or \
                    any(ask.line in link[ask.side] for link in found):
                continue
            link = found[ask.link]
            sides = [tuple(link[0]), tuple(link[1])]
            sides[ask.side] = tuple(sorted((*sides[ask.side], ask.line), key=places[ask.document].__getitem__))
            widened = (sides[0], sides[1], None if link[2] is None else min(float(link[2]), ask.probability))
            if not allowed(widened):
                continue
            found[ask.link] = list(widened)
            taken.update({(ask.side, ask.line), (ask.link, ask.side)})
        out[key] = [tuple(link) for link in found]
    return out
