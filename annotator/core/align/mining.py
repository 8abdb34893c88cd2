"""Mining aligner for document pairs that are retellings, not translations.

Two outlets telling one story in two languages share only part of their content, each in its
own order: a sentence may have no counterpart, sit elsewhere in the other text, or have its
content split over two adjacent sentences there. So this aligner keeps no document order (no
monotone DP) and leaves unlinked whatever has no clear counterpart. It works on sentence
vectors (L2-normalised, one per sentence) plus the sentence texts:

1. Lines with fewer than `min_letters` letters (bylines, "Verf.", datelines, bullets) are
   left out: they stay unmatched.
2. Ratio margin (Artetxe & Schwenk 2019):
   margin(x, y) = cos(x, y) / ((knn(x) + knn(y)) / 2), where knn(x) is the mean cosine of
   x's `k` nearest neighbours in the other document. A hub sentence, close to everything,
   has a large knn and so a small margin with every sentence.
3. Candidates: every 1-1 pair, and every 1-2 / 2-1 pair whose two adjacent lines together
   (the length-weighted mean of their vectors) are clearly closer to the other sentence than
   either line alone (by `merge_gain` in cosine), each line contributing (`merge_part`) and
   each having that sentence as its nearest line on the other side (`merge_nearest`). A merged
   run's knn is taken against the other document like a sentence's.
4. A candidate passes when margin >= `margin_threshold`, cos / knn >= `min_side_margin` on
   each side alone (a hub is about as close to everyone, so this stays near 1 on its side),
   cosine >= `min_cosine` and confidence >= `min_confidence`; passing candidates are taken
   greedily, best margin first, one-to-one (no sentence in two links).
5. Neighbours: a candidate next to a link on both sides (`with_neighbours`) passes at a lower
   cosine floor, as retold passages keep their order locally; repeated while links grow.
6. Each link's confidence, in [0, 1], is a logistic function of its margin and cosine, fitted
   on synthetic retellings (CONFIDENCE_* below); it is the Bead's score.

`mine` returns the project's Bead objects (as `Link`, a Bead that also keeps margin and
cosine): index tuples into the given lists, score = confidence, links only (a sentence in no
link is unmatched), so the result plugs into the group aligner like the engine's beads.

Tuning: the thresholds were chosen on synthetic retellings cut from text+berg-dev only
(`python tests/benchmarks/retell_eval.py --tune` prints the sweep; `--fit-confidence` refits
the confidence); the benchmark reports on stories cut from text+berg (test). Two choices were
made by reading the links on the seeds instead, as dev could not tell them apart:
`merge_nearest` (dev F1 -0.01 on the hard level; without it the seeds got 1-2 links whose
second line belongs elsewhere) and `min_side_margin` = 1.05. On the hardest level (a third of
the story on both sides, splits, merges, 30% unrelated sentences, moved blocks) it links at
pairwise precision 0.90 (dev) / 0.91 (test), finding 89% / 80% of the gold beads.

Caveat: synthetic retellings are made of translations, so they share wording and their true
pairs score higher on cosine than real retold news does; and a real retelling keeps to one
topic throughout, so its unrelated sentences score higher too. On the seeds (one story told by
four outlets) true pairs sit at cosine 0.5-0.75 and margin 1.05-1.3: many fall below these
thresholds, and about one link in four or five is wrong by reading. Expect high precision
but low recall on real retellings, and treat the synthetic numbers as an upper bound.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np

from annotator.core.align.beads import Bead
from annotator.core.align.blocks import argmax, kept, lane_block, lanes, step


@dataclass(frozen=True)
class MiningParams:
    k: int = 4  # neighbours in the margin's denominator
    min_letters: int = 12  # lines with fewer letters are left out
    # A link needs all four. The confidence cut does most of the work on dev. The cosine floor
    # removes pairs of two isolated lines, whose margin is high only because their knn is low.
    # The margin floors keep hubs out: a hub's cosine with any sentence is about its own knn,
    # so cos / knn on the hub's side stays near 1 even when the other side is isolated and
    # the (two-sided) margin is high. Both cost nothing on dev up to 1.15 / 1.1; on the seeds
    # a side floor of 1.1 dropped many true links, 1.05 one true and two false ones.
    margin_threshold: float = 1.1
    min_side_margin: float = 1.05
    min_cosine: float = 0.4
    min_confidence: float = 0.6
    merges: bool = True  # 1-2 and 2-1 links
    merge_gain: float = 0.02  # a merged run's cosine must beat its better line's by this much...
    merge_part: float = 0.2  # ...each line of the run must reach this cosine alone...
    merge_nearest: bool = True  # ...and have the other sentence as its nearest line
    # A second pass: a candidate next to a link on both sides (the lines after, or before,
    # the two ends of one link) passes with these looser thresholds; retold passages keep
    # their order locally, so a neighbour confirms a pair the cosine alone leaves in doubt.
    # Chosen on dev (the margin floor hardly matters there; the cosine does): pairwise F1 light
    # 0.723 -> 0.736, medium 0.683 -> 0.689, hard 0.632 -> 0.631; on test 0.770 -> 0.786,
    # 0.722 -> 0.732, 0.686 -> 0.689. The seeds' links do not change.
    neighbours: bool = True
    neighbour_margin: float = 1.0
    neighbour_cosine: float = 0.3


DEFAULT = MiningParams()

# confidence = 1 / (1 + exp(-(CONFIDENCE_BIAS + CONFIDENCE_MARGIN * margin + CONFIDENCE_COSINE * cosine)))
# A logistic regression fitted on synthetic retellings cut from text+berg-dev only (all three
# levels, 3 retellings per story; never on the test set): one example per link that mining makes
# with loose thresholds, labelled with the share of the link's sentence pairs that are gold.
# Refit with: python tests/benchmarks/retell_eval.py --fit-confidence
CONFIDENCE_BIAS = -10.6471
CONFIDENCE_MARGIN = 3.4445
CONFIDENCE_COSINE = 14.6939


@dataclass(frozen=True)
class Link(Bead):
    """A Bead whose score is the confidence, keeping the margin and cosine it came from."""

    margin: float = 0.0
    cosine: float = 0.0


@lru_cache(maxsize=65536)  # each line is asked about by every pass of every pair of its group
def letters(text: str) -> int:
    return sum(map(str.isalpha, text))  # (a generator took 3x as long: a long text's lines are asked again)


def confidence(margin, cosine):
    """Calibrated probability that a link is right (on synthetic retellings); increasing in
    both margin and cosine. Scalars give a float, arrays an array."""
    z = CONFIDENCE_BIAS + CONFIDENCE_MARGIN * np.asarray(margin, dtype=np.float64) \
        + CONFIDENCE_COSINE * np.asarray(cosine, dtype=np.float64)
    z = np.clip(z, -500.0, 500.0)  # exp would overflow (a RuntimeWarning on stderr) far from the boundary
    result = 1.0 / (1.0 + np.exp(-z))
    return float(result) if np.ndim(result) == 0 else result


def knn_mean(similarity: np.ndarray, k: int, axis: int) -> np.ndarray:
    """Mean of the k largest values along `axis`; when the axis is shorter than k, the missing
    neighbours count as cosine 0 (so a line of a one-line document can still stand out)."""
    size = similarity.shape[axis]
    if size == 0:
        return np.zeros(similarity.shape[1 - axis], dtype=similarity.dtype)
    top_k = max(1, min(k, size))
    out = np.empty(similarity.shape[1 - axis], dtype=np.true_divide(similarity[:0, :0].sum(axis=axis), 1).dtype)
    for start in lanes(len(out), size):
        top = -np.partition(-lane_block(similarity, axis, start), top_k - 1, axis=axis)
        top = top[:top_k] if axis == 0 else top[:, :top_k]
        out[start:start + top.shape[1 - axis]] = top.sum(axis=axis) / max(k, 1)
    return out


def margin_matrix(similarity: np.ndarray, k: int = 4) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ratio margin of every pair, with each row's and each column's k-NN mean cosine."""
    rows, columns = knn_mean(similarity, k, 1), knn_mean(similarity, k, 0)
    denominator = np.maximum((rows[:, None] + columns[None, :]) / 2, 1e-6)
    return similarity / denominator, rows, columns


def _passing(params: MiningParams, margins: np.ndarray, cosines: np.ndarray, own: np.ndarray,
             other: np.ndarray) -> np.ndarray:
    """Which candidates pass the thresholds; `own` / `other` are the k-NN means of the rows'
    and the columns' lines."""
    side = params.min_side_margin
    return (margins >= params.margin_threshold) & (cosines >= params.min_cosine) & \
        (confidence(margins, cosines) >= params.min_confidence) & \
        (cosines >= side * own[:, None]) & (cosines >= side * other[None, :])


@dataclass(frozen=True)
class Candidate:
    margin: float
    cosine: float
    src: tuple[int, ...]  # indices into the full sentence lists
    tgt: tuple[int, ...]


def adjacent(positions: Sequence[int] | None, i: int) -> bool:
    """Whether line i - 1 comes right before line i in the document. The lines given may be a
    selection (the group aligner leaves boilerplate out): `positions` holds each line's place in
    the whole document, so two lines with boilerplate between them are not neighbours; without
    it the lines are the whole document."""
    return i >= 1 and (positions is None or (i < len(positions) and positions[i] - positions[i - 1] == 1))


RUN_CHUNK = 4096  # runs of two lines computed at a time


def _runs(vectors: np.ndarray, kept: list[int], texts: list[str], positions: Sequence[int] | None,
          others: np.ndarray):
    """Positions a (into the kept lines) where lines a and a+1 are adjacent in the document,
    then, a chunk of runs at a time, (the chunk's first run, the cosine of each run's unit
    length-weighted mean vector with every row of `others`: others x chunk). `vectors` has a
    row for every line, kept or not. The runs' vectors are never held all at once: a long
    text's would take as much memory as its own."""
    starts = np.array([a for a in range(len(kept) - 1)
                       if kept[a + 1] == kept[a] + 1 and adjacent(positions, kept[a + 1])], dtype=np.int64)
    yield starts
    if not len(starts):
        return
    weights = np.array([len(texts[i]) for i in kept], dtype=vectors.dtype)
    lines = np.asarray(kept, dtype=np.int64)
    sums = np.empty((min(RUN_CHUNK, len(starts)), vectors.shape[1]), dtype=vectors.dtype)
    for low in range(0, len(starts), RUN_CHUNK):
        part = starts[low:low + RUN_CHUNK]
        runs = sums[:len(part)]
        for top in lanes(len(part), vectors.shape[1]):  # a chunk's runs made in place, a block of rows at a time
            rows, block = part[top:top + step(vectors.shape[1])], runs[top:top + step(vectors.shape[1])]
            block[:] = weights[rows, None] * vectors[lines[rows]]
            block += weights[rows + 1, None] * vectors[lines[rows + 1]]
            block /= np.maximum(np.linalg.norm(block, axis=1, keepdims=True), 1e-12)
        yield low, others @ runs.T


def _merged_runs(params: MiningParams, cos: np.ndarray, merged: np.ndarray, starts: np.ndarray,
                 own_knn: np.ndarray, other_knn: np.ndarray, nearest: np.ndarray, low: int = 0) -> list[tuple[int, int, float, float]]:
    """The runs (columns of `merged`, from run `low`) that pass the merge test and the
    thresholds against the other side's lines (rows), as (line, run, margin, cosine) in row
    order; `cos` is the lines' cosine with each line of the runs (line x run's line),
    computed a block of rows at a time."""
    out = []
    for top in lanes(len(merged), merged.shape[1]):
        bottom = top + step(merged.shape[1])
        block, block_cos = merged[top:bottom], cos[top:bottom]
        first, second = block_cos[:, starts], block_cos[:, starts + 1]
        good = (np.minimum(first, second) >= params.merge_part) & \
            (block >= np.maximum(first, second) + params.merge_gain)
        if params.merge_nearest:
            other = np.arange(top, top + len(block))[:, None]
            good &= (nearest[starts][None, :] == other) & (nearest[starts + 1][None, :] == other)
        margins = block / np.maximum((own_knn[top:bottom, None] + other_knn[None, :]) / 2, 1e-6)
        good &= _passing(params, margins, block, own_knn[top:bottom], other_knn)
        out += [(top + x, low + r, float(margins[x, r]), float(block[x, r])) for x, r in zip(*np.nonzero(good))]
    return out


def candidates(source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
               params: MiningParams = DEFAULT, source_positions: Sequence[int] | None = None,
               target_positions: Sequence[int] | None = None) -> list[Candidate]:
    """Every 1-1, 1-2 and 2-1 candidate that passes the thresholds (and the merge test); the
    positions (see `adjacent`) say which lines are neighbours in their documents. One cosine
    matrix is held (the kept lines'); what is derived from it is made a block at a time."""
    rows = [i for i, text in enumerate(source) if letters(text) >= params.min_letters]
    columns = [j for j, text in enumerate(target) if letters(text) >= params.min_letters]
    if not rows or not columns:
        return []
    # products over every line, then the kept ones' rows: copying a long document's vectors to
    # leave a few short lines out would hold them twice
    S, T = np.asarray(source_vectors, dtype=np.float32), np.asarray(target_vectors, dtype=np.float32)
    cos = kept(S @ T.T, rows, columns)
    row_knn, column_knn = knn_mean(cos, params.k, 1), knn_mean(cos, params.k, 0)

    found = []
    for top in lanes(len(rows), len(columns)):
        block = cos[top:top + step(len(columns))]
        knn = row_knn[top:top + len(block)]
        margin = block / np.maximum((knn[:, None] + column_knn[None, :]) / 2, 1e-6)
        found += [Candidate(float(margin[a, b]), float(block[a, b]), (rows[top + a],), (columns[b],))
                  for a, b in zip(*np.nonzero(_passing(params, margin, block, knn, column_knn)))]
    if not params.merges:
        return found
    nearest_row, nearest_column = argmax(cos, 1), argmax(cos, 0)

    # 1-2: a source line against two adjacent target lines (runs): the runs' cosines with every
    # source line are held (their k-NN means need whole columns), the rest made by blocks
    runs = _runs(T, columns, target, target_positions, S)
    starts = next(runs)
    if len(starts):
        merged = np.empty((len(S), len(starts)), dtype=np.float32)
        for low, part in runs:
            merged[:, low:low + part.shape[1]] = part
            del part
        merged = kept(merged, rows)  # (source lines, runs)
        for x, r, margin, cosine in _merged_runs(params, cos, merged, starts, row_knn,
                                                 knn_mean(merged, params.k, 0), nearest_column):
            a = int(starts[r])
            found.append(Candidate(margin, cosine, (rows[x],), (columns[a], columns[a + 1])))
        del merged
    # 2-1: two adjacent source lines against a target line, a chunk of source runs at a time
    runs = _runs(S, rows, source, source_positions, T)
    starts = next(runs)
    two_one = []
    for low, part in runs:
        chunk = starts[low:low + part.shape[1]]
        part = kept(part, columns)  # (target lines, runs)
        # the runs' lines' cosines with the target lines, as (target line x run's line)
        lines = np.union1d(chunk, chunk + 1)
        local = np.searchsorted(lines, chunk)
        two_one += _merged_runs(params, cos[lines].T, part, local, column_knn, knn_mean(part, params.k, 0),
                                nearest_row[lines], low)
    for x, r, margin, cosine in sorted(two_one):  # in (target line, run) order, as one matrix gives them
        a = int(starts[r])
        found.append(Candidate(margin, cosine, (rows[a], rows[a + 1]), (columns[x],)))
    return found


def select(found: list[Candidate]) -> list[Link]:
    """Greedy best-first on margin, one-to-one; the links sorted by their first source line."""
    used_src: set[int] = set()
    used_tgt: set[int] = set()
    links = []
    for c in sorted(found, key=lambda c: (-c.margin, -c.cosine, c.src, c.tgt)):
        if used_src.intersection(c.src) or used_tgt.intersection(c.tgt):
            continue
        used_src.update(c.src)
        used_tgt.update(c.tgt)
        links.append(Link(c.src, c.tgt, confidence(c.margin, c.cosine), c.margin, c.cosine))
    links.sort(key=lambda link: (link.src, link.tgt))
    return links


def mine(source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
         params: MiningParams = DEFAULT, source_positions: Sequence[int] | None = None,
         target_positions: Sequence[int] | None = None) -> list[Link]:
    """Links between two retellings (see the module's docstring). The vectors are
    L2-normalised, one row per sentence of `source` / `target`; the positions, when the lines
    are a selection of their documents, are their places there (see `adjacent`)."""
    if len(source_vectors) != len(source) or len(target_vectors) != len(target):
        raise ValueError("one vector per sentence")
    for positions, lines in ((source_positions, source), (target_positions, target)):
        if positions is not None and len(positions) != len(lines):
            raise ValueError("one position per sentence")
    places = {"source_positions": source_positions, "target_positions": target_positions}
    links = select(candidates(source_vectors, target_vectors, source, target, params, **places))
    if params.neighbours and links:
        # (the side margin floor stays: a hub next to a link is still a hub)
        loose = replace(params, margin_threshold=params.neighbour_margin, min_cosine=params.neighbour_cosine,
                        min_confidence=0.0)
        links = with_neighbours(links, candidates(source_vectors, target_vectors, source, target, loose, **places),
                                **places)
    return links


def with_neighbours(links: list[Link], found: list[Candidate], source_positions: Sequence[int] | None = None,
                    target_positions: Sequence[int] | None = None) -> list[Link]:
    """`links` and, best margin first, each candidate of `found` whose lines are all free and
    that continues a link on both sides (its first lines follow the link's last ones, or its
    last lines come just before the link's first ones, as neighbours in their documents: see
    `adjacent`); repeated while links are added."""
    links = list(links)
    src_of = {i: k for k, link in enumerate(links) for i in link.src}
    tgt_of = {j: k for k, link in enumerate(links) for j in link.tgt}
    pending = sorted(found, key=lambda c: (-c.margin, -c.cosine, c.src, c.tgt))
    added = True
    while added:
        added = False
        rest = []
        for c in pending:
            if any(i in src_of for i in c.src) or any(j in tgt_of for j in c.tgt):
                continue  # taken (now or before): never again
            after = src_of.get(c.src[0] - 1) if adjacent(source_positions, c.src[0]) else None
            before = src_of.get(c.src[-1] + 1) if adjacent(source_positions, c.src[-1] + 1) else None
            if (after is not None and after == tgt_of.get(c.tgt[0] - 1) and adjacent(target_positions, c.tgt[0])) \
                    or (before is not None and before == tgt_of.get(c.tgt[-1] + 1)
                        and adjacent(target_positions, c.tgt[-1] + 1)):
                links.append(Link(c.src, c.tgt, confidence(c.margin, c.cosine), c.margin, c.cosine))
                src_of.update((i, len(links) - 1) for i in c.src)
                tgt_of.update((j, len(links) - 1) for j in c.tgt)
                added = True
            else:
                rest.append(c)
        pending = rest
    links.sort(key=lambda link: (link.src, link.tgt))
    return links


# Looser thresholds for `candidate_links`: near misses of `mine` that another document may confirm
# (annotator/core/align/consistency.py); chosen on dev de-fr-de groups (retell_eval.py).
LOOSE = MiningParams(margin_threshold=1.0, min_side_margin=1.0, min_cosine=0.3, min_confidence=0.2)


def candidate_links(source_vectors: np.ndarray, target_vectors: np.ndarray, source: list[str], target: list[str],
                    params: MiningParams = LOOSE) -> list[Link]:
    """Every candidate that passes `params` (by default LOOSE), as Links with their confidence,
    not selected: they overlap each other and `mine`'s links. `mine` is unchanged by this."""
    if len(source_vectors) != len(source) or len(target_vectors) != len(target):
        raise ValueError("one vector per sentence")
    found = candidates(source_vectors, target_vectors, source, target, params)
    return [Link(c.src, c.tgt, confidence(c.margin, c.cosine), c.margin, c.cosine)
            for c in sorted(found, key=lambda c: (c.src, c.tgt))]
