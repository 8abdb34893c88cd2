"""Bead scores for the DP: sentence-embedding similarity, the Gale-Church length model, and
shared anchors (numbers, names, cognates). All vectorised over the target columns of a row;
the length model and the anchors also over a whole block of band rows at once (`*_band`, for
dp.best_path_blocked), with the same numbers."""

from __future__ import annotations

import math
import re
import numpy as np

# Gale & Church (1993): prior probability of each bead shape, and the variance of the
# target/source length difference per source character.
GC_PRIORS = {(1, 1): 0.89, (1, 0): 0.0099 / 2, (0, 1): 0.0099 / 2, (2, 1): 0.089 / 2, (1, 2): 0.089 / 2,
             (2, 2): 0.011, (3, 1): 0.0005, (1, 3): 0.0005, (3, 2): 0.0002, (2, 3): 0.0002, (3, 3): 0.0001}
GC_VARIANCE = 6.8


def erfc(x: np.ndarray) -> np.ndarray:
    """Complementary error function (Numerical Recipes' erfcc, error < 1.2e-7), for x >= 0."""
    t = 1.0 / (1.0 + 0.5 * x)
    poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))))
    return t * np.exp(poly)


def _erfc_in_place(x: np.ndarray, spare: np.ndarray) -> np.ndarray:
    """erfc(x) with the same operations as erfc (so the same numbers), in place: the result is
    written into `spare` (an array of x's shape), and x is overwritten."""
    t = np.multiply(x, 0.5, out=spare)
    t += 1.0
    np.divide(1.0, t, out=t)
    poly = t * 0.17087277
    for coefficient in (-0.82215223, 1.48851587, -1.13520398, 0.27886807, -0.18628806, 0.09678418, 0.37409196,
                        1.00002368):
        poly += coefficient
        poly *= t
    np.multiply(x, x, out=x)
    np.negative(x, out=x)
    x -= 1.26551223
    poly += x
    np.exp(poly, out=poly)
    t *= poly
    return t


_DELTA_GRID = np.linspace(0.0, 12.0, 4801)  # steps of 0.0025 standard deviations
_ERFC_TABLE = erfc(_DELTA_GRID / math.sqrt(2))


def _prefix_sums(values: list[float]) -> np.ndarray:
    return np.concatenate([[0.0], np.cumsum(values)])


class LengthModel:
    """Gale-Church log-probability of a bead from the character lengths of its two sides."""

    def __init__(self, source_lengths: list[int], target_lengths: list[int]):
        self.source = _prefix_sums(source_lengths)
        self.target = _prefix_sums(target_lengths)
        total_source = self.source[-1] or 1.0
        self.ratio = (self.target[-1] or 1.0) / total_source  # target chars per source char
        self.mean_source = max(total_source / max(len(source_lengths), 1), 1.0)
        self.mean_target = max((self.target[-1] or 1.0) / max(len(target_lengths), 1), 1.0)
        self._scaled_key: tuple[int, ...] | None = None
        self._scaled = np.zeros((0, len(self.target)))

    def _delta(self, a, b, i, columns: np.ndarray) -> np.ndarray:
        """|Gale-Church delta|: the length mismatch in standard deviations (a, b and i may also
        be arrays, one per column: beads of any shapes)."""
        l1 = self.source[i] - self.source[i - a]
        l2 = self.target[columns] - self.target[np.maximum(columns - b, 0)]
        mean = (l1 + l2 / self.ratio) / 2
        return np.abs(l2 / self.ratio - l1) / np.sqrt(np.maximum(mean, 1.0) * GC_VARIANCE)

    def match_probability(self, a: int, b: int, i: int, columns: np.ndarray) -> np.ndarray:
        """P(|delta| >= observed): near 1 when the lengths fit, near 0 when they do not."""
        return erfc(self._delta(a, b, i, columns) / math.sqrt(2))

    def log_match_probability(self, a: int, b: int, i: int, columns: np.ndarray, floor: float) -> np.ndarray:
        """log(max(match_probability, floor)), read off a table: one numpy call instead of the
        twenty of erfc, for the DP's innermost loop."""
        return np.interp(self._delta(a, b, i, columns), _DELTA_GRID, np.log(np.maximum(_ERFC_TABLE, floor)))

    def log_score(self, a: int, b: int, i: int, columns: np.ndarray) -> np.ndarray:
        probability = np.maximum(self.match_probability(a, b, i, columns), 1e-12)
        return np.log(probability) + math.log(GC_PRIORS.get((a, b), 1e-5))

    def log_score_band(self, shapes: list[tuple[int, int]], first_row: int, low: np.ndarray,
                       width: int) -> np.ndarray:
        """log_score of the beads `shapes` (a, b) ending at rows first_row .. first_row+len(low)-1
        and columns low[r] .. low[r]+width-1 (clipped to the last column), as an array
        (rows, shapes, width): the same numbers as log_score (the same operations in the same
        order, in place), for a block of the DP's band at once."""
        a = np.array([shape[0] for shape in shapes])[None, :, None]
        rows = np.arange(first_row, first_row + len(low))[:, None, None]
        columns = np.minimum(np.asarray(low)[:, None] + np.arange(width), len(self.target) - 1)[:, None, :]
        l1 = self.source[rows] - self.source[np.maximum(rows - a, 0)]
        scaled = self._scaled_target_runs(shapes)[np.arange(len(shapes))[None, :, None], columns]  # l2 / ratio
        mean = l1 + scaled
        mean /= 2
        scaled -= l1
        delta = np.abs(scaled, out=scaled)
        np.maximum(mean, 1.0, out=mean)
        mean *= GC_VARIANCE
        delta /= np.sqrt(mean, out=mean)
        delta /= math.sqrt(2)
        probability = _erfc_in_place(delta, mean)
        np.maximum(probability, 1e-12, out=probability)
        priors = np.array([math.log(GC_PRIORS.get(shape, 1e-5)) for shape in shapes])[None, :, None]
        probability = np.log(probability, out=probability)
        probability += priors
        return probability

    def _scaled_target_runs(self, shapes: list[tuple[int, int]]) -> np.ndarray:
        """(shapes, m+1): the length of the run of b target sentences ending at j, over the ratio."""
        key = tuple(b for _, b in shapes)
        if self._scaled_key != key:
            columns = np.arange(len(self.target))
            self._scaled = np.stack([(self.target[columns] - self.target[np.maximum(columns - b, 0)]) / self.ratio
                                     for b in key])
            self._scaled_key = key
        return self._scaled


_TOKEN = re.compile(r"\w+", re.UNICODE)


def _word_anchor(word: str, first: bool) -> str | None:
    """The anchor token of one word (None: not an anchor); `first`: the sentence's first word."""
    if not word.isalpha() and any(ch.isdigit() for ch in word):  # letters are never digits
        return "#" + "".join(ch for ch in word if ch.isdigit())
    if len(word) >= 6:
        return word[:4].casefold()
    if not first and len(word) >= 3 and word[:1].isupper():
        return word.casefold()
    return None


def anchor_tokens(sentence: str) -> set[str]:
    """Strings that survive translation: numbers, capitalised words (names), and the first
    four letters of long words (cognates such as 'Kommission'/'commission')."""
    tokens = set()
    for position, word in enumerate(_TOKEN.findall(sentence)):
        token = _word_anchor(word, position == 0)
        if token is not None:
            tokens.add(token)
    return tokens


class _AnchorVocabulary:
    """Anchor tokens of many sentences as integer ids, each distinct word looked at once."""

    def __init__(self):
        self.words: dict[str, int] = {}  # word -> its index in `anchors`
        self.anchor_ids: dict[str, int] = {}  # anchor token -> id
        self.anchors: list[tuple[int, int]] = []  # per word: (id as a first word, id elsewhere), -1: none

    def sentence_tokens(self, sentences: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """(sentence index, token id) of every distinct anchor token of each sentence, sorted."""
        words = [_TOKEN.findall(s) for s in sentences]
        counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        known, anchors = self.words, self.anchors
        flat = [known.setdefault(w, len(known)) for sentence in words for w in sentence]
        for word in list(known)[len(anchors):]:
            anchors.append(tuple(-1 if t is None else self.anchor_ids.setdefault(t, len(self.anchor_ids))
                                 for t in (_word_anchor(word, True), _word_anchor(word, False))))
        table = np.array(anchors, dtype=np.int64).reshape(-1, 2)
        flat = np.array(flat, dtype=np.int64)
        ids = table[flat, 1]
        firsts = (np.cumsum(counts) - counts)[counts > 0]
        ids[firsts] = table[flat[firsts], 0]
        rows = np.repeat(np.arange(len(sentences), dtype=np.int64), counts)
        keep = ids >= 0
        return _unique_pairs(rows[keep], ids[keep])


def _unique_pairs(rows: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (row, id) pairs sorted by row, then id."""
    base = int(ids.max()) + 1 if len(ids) else 1
    keys = np.unique(rows * base + ids)
    return keys // base, keys % base


def _expand(starts: np.ndarray, stops: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For ranges [starts[k], stops[k]): (k, position) of every position in them."""
    counts = np.maximum(stops - starts, 0)
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(starts)), counts)
    positions = np.arange(total) + np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return owner, positions


class AnchorModel:
    """Dice overlap of anchor tokens between the two sides of a bead.

    Vectorised: every sentence's anchor tokens become integer ids; for a run of a sentences
    ending at i (sentences i-a .. i-1) the distinct ids of the run are kept sorted by (i, id),
    for the target runs by (id, j). The overlap of a source run with the target runs of a
    band of columns is then a join on the id (binary search for the band's column range) and
    a count per cell: work in proportion to the shared tokens, not to the cells."""

    def __init__(self, source: list[str], target: list[str]):
        vocabulary = _AnchorVocabulary()
        self.n, self.m = len(source), len(target)
        self._source_tokens = vocabulary.sentence_tokens(source)
        self._target_tokens = vocabulary.sentence_tokens(target)
        self._source_runs: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._target_runs: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        self._run_sizes: dict[tuple, tuple[np.ndarray, np.ndarray]] = {}  # per list of shapes

    @staticmethod
    def _runs(tokens: tuple[np.ndarray, np.ndarray], size: int, length: int):
        """(run ends, ids, distinct ids per run end) of the runs of `size` sentences: sentence s
        is in the runs ending at s+1 .. s+size (ends from `size` to `length`), sorted by (end, id)."""
        sentences, ids = tokens
        ends = np.concatenate([sentences + 1 + offset for offset in range(size)])
        ids = np.tile(ids, size)
        keep = (ends >= size) & (ends <= length)
        ends, ids = _unique_pairs(ends[keep], ids[keep])
        return ends, ids, np.bincount(ends, minlength=length + 1)

    def source_runs(self, a: int):
        if a not in self._source_runs:
            self._source_runs[a] = self._runs(self._source_tokens, a, self.n)
        return self._source_runs[a]

    def target_runs(self, b: int):
        """Target runs of b sentences as (sorted keys id * (m+1) + end, ends, distinct ids per end)."""
        if b not in self._target_runs:
            ends, ids, sizes = self._runs(self._target_tokens, b, self.m)
            keys = np.sort(ids * (self.m + 1) + ends)
            self._target_runs[b] = (keys, keys % (self.m + 1), sizes)
        return self._target_runs[b]

    def _overlaps(self, a: int, b: int, rows: np.ndarray, low: np.ndarray, high: np.ndarray):
        """For source runs (a sentences) ending at `rows` (ascending, consecutive) and target runs
        (b sentences) ending in [low[r], high[r]]: (row position r, column j) once per shared id."""
        ends, ids, _ = self.source_runs(a)
        first, last = np.searchsorted(ends, [rows[0], rows[-1] + 1])
        ends, ids = ends[first:last], ids[first:last]
        place = ends - rows[0]
        keys, columns, _ = self.target_runs(b)
        base = ids * (self.m + 1)
        starts = np.searchsorted(keys, base + low[place])
        stops = np.searchsorted(keys, base + high[place], side="right")
        owner, positions = _expand(starts, stops)
        return place[owner], columns[positions]

    def _dice_values(self, a: int, b: int, rows: np.ndarray, columns: np.ndarray, shared: np.ndarray) -> np.ndarray:
        sizes = self.source_runs(a)[2][rows] + self.target_runs(b)[2][columns]
        return 2 * shared / np.maximum(sizes, 1)

    def dice(self, a: int, b: int, i: int, columns: np.ndarray) -> np.ndarray:
        """Dice of source sentences i-a .. i-1 with target sentences j-b .. j-1, for each j in
        `columns` (0 when a side is empty or reaches before the document's start)."""
        columns = np.asarray(columns, dtype=np.int64)
        out = np.zeros(len(columns))
        if len(columns) == 0 or not 1 <= a <= i <= self.n:
            return out
        lowest, highest = int(columns.min()), int(columns.max())
        _, found = self._overlaps(a, b, np.array([i]), np.array([lowest]), np.array([highest]))
        shared = np.bincount(found - lowest, minlength=highest - lowest + 1)[columns - lowest]
        valid = (columns >= b) & (columns <= self.m)
        out[valid] = self._dice_values(a, b, np.full(int(valid.sum()), i), columns[valid], shared[valid])
        return out

    def dice_band(self, shapes: list[tuple[int, int]], first_row: int, low: np.ndarray, high: np.ndarray,
                  width: int) -> np.ndarray:
        """Dice of the beads `shapes` (a, b) ending at rows first_row .. first_row+len(low)-1 and
        columns low[r] .. low[r]+width-1, as an array (rows, shapes, width); cells past high[r]
        are 0, as are beads reaching before the start of a document."""
        count, kinds = len(low), len(shapes)
        if count == 0 or kinds == 0:
            return np.zeros((count, kinds, width))
        rows = np.arange(first_row, first_row + count)
        high = np.minimum(high, low + width - 1)
        found = []
        for t, (a, b) in enumerate(shapes):
            place, columns = self._overlaps(a, b, rows, low, high)
            found.append((place * kinds + t) * width + (columns - low[place]))
        shared = np.bincount(np.concatenate(found), minlength=count * kinds * width).astype(np.float64)
        cells = np.flatnonzero(shared)
        place, t = np.divmod(cells // width, kinds)
        columns = cells % width + low[place]
        key = tuple(shapes)
        if key not in self._run_sizes:  # distinct ids per run, one row per shape
            self._run_sizes[key] = (np.stack([self.source_runs(a)[2] for a, _ in shapes]),
                                    np.stack([self.target_runs(b)[2] for _, b in shapes]))
        source_sizes, target_sizes = self._run_sizes[key]
        sizes = source_sizes[t, rows[place]] + target_sizes[t, columns]
        shared[cells] = 2 * shared[cells] / sizes
        return shared.reshape(count, kinds, width)


def selected_dots(source_vectors: np.ndarray, rows: list[int], target_vectors: np.ndarray, columns: list[int],
                  chunk: int = 4096) -> np.ndarray:
    """source_vectors[rows] @ target_vectors[columns].T, a block of rows and columns at a time:
    no copy of a long document's selected vectors (they would double its 2 KB a sentence)."""
    out = np.empty((len(rows), len(columns)), dtype=np.result_type(source_vectors, target_vectors))
    for top in range(0, len(columns), chunk):
        right = target_vectors[columns[top:top + chunk]].T
        for start in range(0, len(rows), chunk):
            out[start:start + chunk, top:top + chunk] = source_vectors[rows[start:start + chunk]] @ right
    return out


class RunSimilarity:
    """Cosine similarity between a run of consecutive source sentences and runs of target
    sentences, each run standing for the length-weighted mean of its sentence embeddings.

    A source run's vector is summed from its few sentences' vectors; its dot products with the
    target sentences of a DP row are one matrix-vector product, and a target run's dot product
    is a difference of their running sums. Memory: no copy of the vectors (a long document's
    are held once, by the caller), only the target runs' norms (max_run floats a sentence)."""

    def __init__(self, source_vectors: np.ndarray, target_vectors: np.ndarray, source_lengths: list[int],
                 target_lengths: list[int], max_run: int):
        self.source, self.source_weights = source_vectors, self._weights(source_lengths)
        self.target, self.target_weights = target_vectors, self._weights(target_lengths)
        m = len(target_lengths)
        self.target_norms = np.ones((max_run + 1, m + 1), dtype=np.float32)
        step = 4096
        for start in range(0, m, step):  # the runs ending in this chunk, from the vectors they sum
            first = max(start - max_run + 1, 0)
            weighted = self.target[first:start + step] * self.target_weights[first:start + step, None]
            sums = np.zeros((len(weighted) + 1, weighted.shape[1]), dtype=np.float32)
            np.cumsum(weighted, axis=0, out=sums[1:])
            for b in range(1, max_run + 1):
                ends = np.arange(max(start + 1, b), min(start + step, m) + 1)  # run end (exclusive), global
                self.target_norms[b, ends] = np.linalg.norm(sums[ends - first] - sums[ends - b - first], axis=1)

    @staticmethod
    def _weights(lengths: list[int]) -> np.ndarray:
        return np.sqrt(np.maximum(np.asarray(lengths, dtype=np.float32), 1.0))

    def __call__(self, a: int, b, i: int, columns: np.ndarray) -> np.ndarray:
        """Similarity of source sentences i-a .. i-1 with target sentences j-b .. j-1 for each j
        in `columns` (ascending); b is an int or a column vector of ints (one row each)."""
        run = self.source_weights[i - a:i] @ self.source[i - a:i]
        run = run / max(float(np.linalg.norm(run)), 1e-9)
        low = max(int(columns[0]) - int(np.max(b)), 0)
        high = int(columns[-1])
        dots = np.zeros(high - low + 1)  # dots[k]: the run with the target sentences low .. low+k-1
        np.cumsum((self.target[low:high] @ run) * self.target_weights[low:high], out=dots[1:])
        starts = np.maximum(columns - b, 0)
        return (dots[columns - low] - dots[starts - low]) / np.maximum(self.target_norms[b, columns], 1e-9)

    def bead(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        """Similarity of one bead: contiguous source sentences `src` with target sentences `tgt`."""
        return float(self(len(src), len(tgt), src[-1] + 1, np.array([tgt[-1] + 1]))[0])
