"""Bead scores for the DP: sentence-embedding similarity, the Gale-Church length model, and
shared anchors (numbers, names, cognates). All vectorised over the target columns of a row."""

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

    def _delta(self, a: int, b: int, i: int, columns: np.ndarray) -> np.ndarray:
        """|Gale-Church delta|: the length mismatch in standard deviations."""
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


_TOKEN = re.compile(r"\w+", re.UNICODE)


def anchor_tokens(sentence: str) -> set[str]:
    """Strings that survive translation: numbers, capitalised words (names), and the first
    four letters of long words (cognates such as 'Kommission'/'commission')."""
    tokens = set()
    for position, word in enumerate(_TOKEN.findall(sentence)):
        if any(ch.isdigit() for ch in word):
            tokens.add("#" + "".join(ch for ch in word if ch.isdigit()))
        elif len(word) >= 6:
            tokens.add(word[:4].casefold())
        elif word[:1].isupper() and position > 0 and len(word) >= 3:
            tokens.add(word.casefold())
    return tokens


class AnchorModel:
    """Dice overlap of anchor tokens between the two sides of a bead."""

    def __init__(self, source: list[str], target: list[str]):
        self.source = [anchor_tokens(s) for s in source]
        self.target = [anchor_tokens(t) for t in target]

    def dice(self, a: int, b: int, i: int, columns: np.ndarray) -> np.ndarray:
        left = set().union(*self.source[i - a:i])
        out = np.zeros(len(columns))
        if not left:
            return out
        for k, j in enumerate(columns.tolist()):
            right = set().union(*self.target[j - b:j])
            if right:
                out[k] = 2 * len(left & right) / (len(left) + len(right))
        return out


class RunSimilarity:
    """Cosine similarity between a run of consecutive source sentences and runs of target
    sentences, each run standing for the length-weighted mean of its sentence embeddings.

    Built on running sums: a run's vector is a difference of two sums, so its dot product with
    a source run is a difference of two dot products, and one matrix-vector product serves
    every target run of a DP row whatever its length. Memory: one copy of the vectors."""

    def __init__(self, source_vectors: np.ndarray, target_vectors: np.ndarray, source_lengths: list[int],
                 target_lengths: list[int], max_run: int):
        self.source = self._sums(source_vectors, source_lengths)
        self.target = self._sums(target_vectors, target_lengths)
        m = len(target_lengths)
        self.target_norms = np.ones((max_run + 1, m + 1), dtype=np.float32)
        for b in range(1, max_run + 1):
            for start in range(b, m + 1, 4096):
                ends = np.arange(start, min(start + 4096, m + 1))
                self.target_norms[b, ends] = np.linalg.norm(self.target[ends] - self.target[ends - b], axis=1)

    @staticmethod
    def _sums(vectors: np.ndarray, lengths: list[int]) -> np.ndarray:
        weights = np.sqrt(np.maximum(np.asarray(lengths, dtype=np.float32), 1.0))
        sums = np.zeros((len(vectors) + 1, vectors.shape[1]), dtype=np.float32)
        np.cumsum(vectors * weights[:, None], axis=0, out=sums[1:])
        return sums

    def __call__(self, a: int, b, i: int, columns: np.ndarray) -> np.ndarray:
        """Similarity of source sentences i-a .. i-1 with target sentences j-b .. j-1 for each j
        in `columns` (ascending); b is an int or a column vector of ints (one row each)."""
        run = self.source[i] - self.source[i - a]
        run = run / max(float(np.linalg.norm(run)), 1e-9)
        low = max(int(columns[0]) - int(np.max(b)), 0)
        dots = self.target[low:int(columns[-1]) + 1] @ run
        starts = np.maximum(columns - b, 0)
        return (dots[columns - low] - dots[starts - low]) / np.maximum(self.target_norms[b, columns], 1e-9)

    def bead(self, src: tuple[int, ...], tgt: tuple[int, ...]) -> float:
        """Similarity of one bead: contiguous source sentences `src` with target sentences `tgt`."""
        return float(self(len(src), len(tgt), src[-1] + 1, np.array([tgt[-1] + 1]))[0])
