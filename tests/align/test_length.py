"""The length engine's vectorised parts against plain per-pair references: anchor tokens, the
shared-anchor Dice over a band, the Gale-Church band scores, the blocked DP, and the engine's
beads on small made-up pairs."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from annotator.core.align import engine
from annotator.core.align.dp import Band, best_path, best_path_blocked
from annotator.core.align.scoring import GC_PRIORS, AnchorModel, LengthModel, _AnchorVocabulary, anchor_tokens

# Words of every kind anchor_tokens tells apart: numbers (also with letters, other scripts'
# digits, superscripts), long words (cognate prefixes), short capitalised words (names),
# short lower-case words, underscores, letters with marks.
WORDS = ("a an the és az Ab Abc Ede ÉVA ital Nation national nemzeti 2003 12 5,1 1-jén x2y ٣٤ ² ½ _ab "
         "Kommission commission Budapest budapesti Orbán orbán Zürich zurich ÁLLAMI Állami állami "
         "ΑΘΗΝΑ Αθήνα straße STRASSE Ｒｏｍａ").split()


def _sentence(rng: random.Random) -> str:
    return rng.choice(["", " ", "."]) if rng.random() < 0.08 else \
        " ".join(rng.choice(WORDS) + rng.choice(["", "", ",", ".", "!"]) for _ in range(rng.randint(1, 9)))


def _reference_anchor_tokens(sentence: str) -> set[str]:
    """anchor_tokens as first written: one word at a time, no shortcuts."""
    import re

    tokens = set()
    for position, word in enumerate(re.findall(r"\w+", sentence)):
        if any(ch.isdigit() for ch in word):
            tokens.add("#" + "".join(ch for ch in word if ch.isdigit()))
        elif len(word) >= 6:
            tokens.add(word[:4].casefold())
        elif word[:1].isupper() and position > 0 and len(word) >= 3:
            tokens.add(word.casefold())
    return tokens


def _reference_dice(source: list[set[str]], target: list[set[str]], a: int, b: int, i: int, j: int) -> float:
    """Dice of the anchor sets of source sentences i-a .. i-1 and target sentences j-b .. j-1."""
    if i - a < 0 or j - b < 0:
        return 0.0
    left, right = set().union(*source[i - a:i]), set().union(*target[j - b:j])
    return 2 * len(left & right) / (len(left) + len(right)) if left and right else 0.0


def _random_pair(seed: int):
    rng = random.Random(seed)
    return [_sentence(rng) for _ in range(rng.randint(1, 30))], [_sentence(rng) for _ in range(rng.randint(1, 30))]


def _random_band(rng: random.Random, n: int, m: int) -> Band:
    """Monotone rows of columns (not necessarily a usable band: the scorers must not care)."""
    low = np.sort(np.array([rng.randint(0, m) for _ in range(n + 1)]))
    high = np.maximum(low, np.sort(np.array([rng.randint(0, m) for _ in range(n + 1)])))
    return Band(low, high)


SHAPES = [(a, b) for a in range(1, 4) for b in range(1, 4)]


# ----------------------------------------------------------------------------- anchor tokens
@pytest.mark.parametrize("seed", range(5))
def test_anchor_tokens_and_their_ids_match_the_plain_definition(seed):
    source, target = _random_pair(seed)
    for sentence in source + target:
        assert anchor_tokens(sentence) == _reference_anchor_tokens(sentence)
    vocabulary = _AnchorVocabulary()
    for sentences in (source, target):  # one vocabulary for both sides: the same token, the same id
        rows, ids = vocabulary.sentence_tokens(sentences)
        names = {v: k for k, v in vocabulary.anchor_ids.items()}
        got = [set() for _ in sentences]
        for row, token in zip(rows.tolist(), ids.tolist()):
            got[row].add(names[token])
        assert got == [_reference_anchor_tokens(s) for s in sentences]
        assert list(zip(rows.tolist(), ids.tolist())) == sorted(set(zip(rows.tolist(), ids.tolist())))


# ----------------------------------------------------------------------------- Dice
@pytest.mark.parametrize("seed", range(12))
def test_vectorised_dice_equals_the_plain_per_pair_dice(seed):
    rng = random.Random(100 + seed)
    source, target = _random_pair(seed)
    n, m = len(source), len(target)
    left, right = [_reference_anchor_tokens(s) for s in source], [_reference_anchor_tokens(t) for t in target]
    model = AnchorModel(source, target)
    band = _random_band(rng, n, m)
    width = max(1, int((band.high - band.low).max()) + 1 + rng.randint(-3, 3))  # past high[r]: zeros
    first = rng.randint(1, n)
    last = rng.randint(first, n)
    got = model.dice_band(SHAPES, first, band.low[first:last + 1], band.high[first:last + 1], width)
    assert got.shape == (last - first + 1, len(SHAPES), width)
    for r, i in enumerate(range(first, last + 1)):
        for t, (a, b) in enumerate(SHAPES):
            for k in range(width):
                j = int(band.low[i]) + k
                expected = _reference_dice(left, right, a, b, i, j) if j <= band.high[i] else 0.0
                assert got[r, t, k] == expected, (i, a, b, j)
    for a, b in SHAPES:  # the one-row form, over every column
        for i in range(a, n + 1):
            columns = np.arange(m + 1)
            expected = [_reference_dice(left, right, a, b, i, j) for j in columns]
            assert model.dice(a, b, i, columns).tolist() == expected


def test_dice_counts_a_token_once_however_often_it_recurs():
    model = AnchorModel(["Budapest Budapest 2003", "Budapest"], ["x Budapest", "2003 és Budapest"])
    # left {budapest, #2003} (2 sentences), right {budapest, #2003} (2 sentences): 2*2/4
    assert model.dice(2, 2, 2, np.array([2])).tolist() == [1.0]
    # left {budapest, #2003}, right {budapest}: 2*1/3
    assert model.dice(2, 1, 2, np.array([1])).tolist() == [2 / 3]


# ----------------------------------------------------------------------------- length scores
@pytest.mark.parametrize("seed", range(6))
def test_length_band_scores_equal_the_row_scores(seed):
    rng = random.Random(seed)
    n, m = rng.randint(1, 40), rng.randint(1, 40)
    model = LengthModel([rng.choice([0, 1, 3, 40, 90, 300]) + rng.randint(0, 20) for _ in range(n)],
                        [rng.choice([0, 2, 35, 100, 280]) + rng.randint(0, 20) for _ in range(m)])
    band = _random_band(rng, n, m)
    width = int((band.high - band.low).max()) + 1
    shapes = [(1, 1), (2, 1), (1, 2), (3, 3), (1, 4)]  # (1, 4): no Gale-Church prior, 1e-5
    got = model.log_score_band(shapes, 1, band.low[1:], width)
    for i in range(1, n + 1):
        columns = np.arange(band.low[i], band.high[i] + 1)
        for t, (a, b) in enumerate(shapes):
            if i < a:
                continue
            inside = columns >= b
            expected = model.log_score(a, b, i, columns[inside])
            assert got[i - 1, t, :len(columns)][inside].tolist() == expected.tolist()


# ----------------------------------------------------------------------------- the blocked DP
def _tables(rng: random.Random, n: int, m: int, shapes, ties: bool):
    """A random score for every bead (a, b) ending at (i, j); small integers when `ties`."""
    draw = np.random.default_rng(rng.randint(0, 10**6))
    if ties:
        return {shape: draw.integers(-3, 2, (n + 1, m + 1)).astype(float) for shape in shapes}
    return {shape: draw.normal(size=(n + 1, m + 1)) for shape in shapes}


@pytest.mark.parametrize("seed", range(24))
def test_blocked_dp_finds_the_same_path_as_the_row_dp(seed):
    rng = random.Random(seed)
    n, m = rng.randint(1, 45), rng.randint(1, 45)
    shapes = rng.choice([[(1, 1), (1, 2), (2, 1)], [t for t in GC_PRIORS if min(t) >= 1],
                         [(a, b) for a in range(1, 6) for b in range(1, 6) if a + b <= 6]])
    table = _tables(rng, n, m, shapes, ties=seed % 2 == 0)
    skip_source = np.round(rng.uniform(-2, 0.5) + np.random.default_rng(seed).normal(size=n), seed % 2)
    skip_target = np.round(rng.uniform(-2, 0.5) + np.random.default_rng(seed + 1).normal(size=m), seed % 2)
    if seed % 4 == 0:
        band = Band.full(n, m)
    elif seed % 4 == 1:  # ragged: rows of very different widths (a path may not even exist)
        band = _random_band(rng, n, m)
        band = Band(np.minimum(band.low, np.arange(n + 1)), np.maximum(band.high, np.arange(n + 1) * m // n))
    else:  # a diagonal band, as the length engine draws it
        width = rng.randint(max(abs(n - m), 1), max(abs(n - m), 1) + 6)
        centre = np.round(np.arange(n + 1) * (m / n)).astype(np.int64)
        band = Band(np.clip(centre - width, 0, m), np.clip(centre + width, 0, m))

    def row_score(a, bs, i, columns):
        return np.stack([table[(a, int(b))][i, columns] for b in np.ravel(bs)])

    def block_score(kinds, first, low, high, width):
        columns = np.minimum(low[:, None] + np.arange(width), m)
        return np.stack([table[kind][np.arange(first, first + len(low))[:, None], columns] for kind in kinds], axis=1)

    def outcome(dp, scorer, **options):
        try:
            return dp(n, m, shapes, scorer, skip_source, skip_target, band, **options)
        except ValueError as error:
            return str(error)

    expected = outcome(best_path, row_score)
    for block_cells in (1, 64, 1 << 17):
        assert outcome(best_path_blocked, block_score, block_cells=block_cells) == expected


def test_blocked_dp_refuses_a_band_that_misses_the_corner():
    band = Band(np.zeros(3, dtype=np.int64), np.array([1, 1, 1]))
    with pytest.raises(ValueError, match="no alignment path"):
        best_path_blocked(2, 2, [(1, 1)], lambda k, f, lo, hi, w: np.zeros((len(lo), len(k), w)),
                          np.zeros(2), np.zeros(2), band)


# ----------------------------------------------------------------------------- the engine
def _row_engine(source, target, params=engine.DEFAULT, use_anchors=True):
    """The length engine as it was: the row DP with per-row scores (itself checked above)."""
    lengths = LengthModel(engine._lengths(source), engine._lengths(target))
    tokens = AnchorModel(source, target) if use_anchors else None

    def score(a, bs, i, columns):
        rows = []
        for b in np.ravel(bs):
            row = lengths.log_score(a, int(b), i, columns)
            if tokens is not None:
                row = row + params.anchor_weight * tokens.dice(a, int(b), i, columns)
            rows.append(row)
        return np.stack(rows)

    skip = math.log(GC_PRIORS[(1, 0)])
    types = [t for t in engine._bead_types(params.max_block if use_anchors else 2) if t in GC_PRIORS]
    n, m = len(source), len(target)
    return best_path(n, m, types, score, np.full(n, skip), np.full(m, skip), engine._length_band(n, m, params))


@pytest.mark.parametrize("seed", range(4))
def test_length_engine_equals_the_row_engine_in_a_band(seed):
    rng = random.Random(seed)
    source = [_sentence(rng) for _ in range(rng.randint(100, 160))]
    target = [_sentence(rng) for _ in range(len(source) + rng.randint(-12, 12))]
    params = engine.with_params(full_dp_cells=100, margin=3)  # a band of about 15 columns either side
    assert engine._length_band(len(source), len(target), params).cells() < len(source) * len(target) / 2
    for use_anchors in (True, False):
        beads = engine.align_length(source, target, params, use_anchors=use_anchors)
        expected = [(tuple(range(i0, i1)), tuple(range(j0, j1)))
                    for i0, i1, j0, j1 in _row_engine(source, target, params, use_anchors=use_anchors)]
        assert [b.key() for b in beads] == expected


HUNGARIAN = ["A kormány hétfőn 2024-es adatokat tett közzé a munkanélküliségről.",
             "Budapest szerint a munkanélküliség a harmadik negyedévben 5,1 százalékra csökkent.",
             "Az ellenzék élesen bírálta a számítás módszerét, és független vizsgálatot követelt.",
             "Orbán miniszter visszautasította a vádakat.",
             "A jövő évben, 2025. január 1-jén új törvény lép hatályba.",
             "A szakszervezetek üdvözölték ezt a lépést."]
ENGLISH = ["The government published 2024 figures on unemployment on Monday.",
           "According to Budapest, unemployment fell to 5.1 percent in the third quarter.",
           "The opposition sharply criticised the method of calculation.",
           "It demanded an independent inquiry.",
           "Minister Orbán rejected the accusations.",
           "A new law will come into force on 1 January 2025.",
           "The unions welcomed this step."]


def test_length_engine_on_a_small_made_up_pair():
    beads = engine.align_length(HUNGARIAN, ENGLISH)
    assert [b.key() for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((3,), (4,)), ((4,), (5,)),
                                        ((5,), (6,))]
    assert all(0 < b.score <= 1 for b in beads)
    assert engine.align(HUNGARIAN, ENGLISH, "hu", "en").beads == beads


def test_shared_numbers_place_a_deleted_sentence_that_lengths_cannot():
    # all sentences about as long; the target lacks report 3: only the numbers tell which
    source = [f"Report {k}: the committee met in room {100 + 7 * k} and approved item {k * 13 + 5}." for k in range(8)]
    target = [f"Jelentés {k}: a bizottság a {100 + 7 * k}. teremben ülésezett, "
              f"és jóváhagyta a {k * 13 + 5}. pontot." for k in range(8) if k != 3]
    expected = [((k,), (k if k < 3 else k - 1,)) if k != 3 else ((3,), ()) for k in range(8)]
    assert [b.key() for b in engine.align_length(source, target)] == expected
    assert [b.key() for b in engine.align_length(source, target, use_anchors=False)] != expected
