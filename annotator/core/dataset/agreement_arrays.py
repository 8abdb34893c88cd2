"""The agreement figures of agreement.py (Krippendorff's alpha, Cohen's kappa per pair, raw
agreement, and per label the yes/no confusion counts) computed with numpy from the
judgements as integer arrays, for a whole project at once (the dataset card): the same formulas,
summed in the same integer counts, without a Python object per judgement.

A judgement is (sentence, annotator) with the set of labels given, held as a bit mask of the
labels' positions in the scheme; 'no label applies' is the empty mask."""

from __future__ import annotations

from itertools import combinations

import numpy as np

from annotator.core.dataset.agreement import OVERALL, LabelAgreement, PairAgreement
from annotator.core.dataset.arrow_columns import distinct

MAX_LABELS = 62  # the masks are int64


def _alpha(units: np.ndarray, codes: np.ndarray) -> tuple[int, float | None]:
    """(units coded two or more times, nominal alpha) of `codes`, grouped by `units` (sorted)."""
    starts = np.flatnonzero(np.r_[True, units[1:] != units[:-1]])
    sizes = np.diff(np.r_[starts, len(units)])
    items = int(np.count_nonzero(sizes >= 2))
    keep = np.repeat(sizes >= 2, sizes)
    units, codes, m = units[keep], codes[keep], np.repeat(sizes, sizes)[keep]
    if not len(units):
        return items, None
    # n_uc: how often unit u got value c; its off-diagonal coincidences are n_uc (m_u - n_uc) / (m_u - 1)
    order = np.lexsort((codes, units))
    units, codes, m = units[order], codes[order], m[order]
    cells = np.flatnonzero(np.r_[True, (units[1:] != units[:-1]) | (codes[1:] != codes[:-1])])
    n_uc = np.diff(np.r_[cells, len(units)])
    m_u = m[cells]
    disagreement = float(np.sum(n_uc * (m_u - n_uc) / (m_u - 1)))
    _, value = np.unique(codes[cells], return_inverse=True)
    totals = np.bincount(value, weights=n_uc)
    n = float(totals.sum())
    if n <= 1:
        return items, None
    expected = (n * n - float(np.sum(totals * totals))) / (n - 1)
    if expected == 0:
        return items, None
    return items, 1 - disagreement / expected


def _pair(first: np.ndarray, second: np.ndarray, binary: bool) -> tuple[int, float | None, float | None, dict]:
    """(items, raw agreement, kappa, confusion) of two coders' values on the same items."""
    n = len(first)
    if n == 0:
        return 0, None, None, {}
    agree = int(np.count_nonzero(first == second))
    values, index = np.unique(np.r_[first, second], return_inverse=True)
    count_first = np.bincount(index[:n], minlength=len(values))
    count_second = np.bincount(index[n:], minlength=len(values))
    expected = sum(int(a) * int(b) for a, b in zip(count_first, count_second)) / (n * n)
    kappa = None if expected == 1 else (agree / n - expected) / (1 - expected)
    confusion: dict = {}
    if binary:
        for a in (True, False):
            for b in (True, False):
                found = int(np.count_nonzero((first == a) & (second == b)))
                if found:
                    confusion[a, b] = found
    return n, agree / n, kappa, confusion


def label_agreements(sentences: np.ndarray, annotators: np.ndarray, masks: np.ndarray, annotator_names: list[str],
                     label_names: list[str]) -> list[LabelAgreement]:
    """Per label of the scheme and OVERALL, as agreement.agreement_report gives them for the
    whole project. The judgements are `sentences`, `annotators` (indexes into
    `annotator_names`) and `masks` (bit k: the label at position k of `label_names`)."""
    order = np.lexsort((annotators, sentences))
    sentences, annotators, masks = sentences[order], annotators[order], masks[order]
    present = sorted(set(distinct(annotators).tolist()), key=lambda a: annotator_names[a])
    rows_of = {a: np.flatnonzero(annotators == a) for a in present}
    common = {}
    for a, b in combinations(present, 2):  # the sentences both judged, in sentence order
        _, in_a, in_b = np.intersect1d(sentences[rows_of[a]], sentences[rows_of[b]], assume_unique=True,
                                       return_indices=True)
        common[a, b] = (rows_of[a][in_a], rows_of[b][in_b])
    results = []
    for k, name in [*enumerate(label_names), (None, OVERALL)]:
        codes = masks if k is None else (masks >> k) & 1
        items, alpha = _alpha(sentences, codes)
        pairs = []
        for (a, b), (rows_a, rows_b) in common.items():
            first, second = codes[rows_a], codes[rows_b]
            if k is not None:
                first, second = first.astype(bool), second.astype(bool)
            count, raw, kappa, confusion = _pair(first, second, k is not None)
            pairs.append(PairAgreement(annotator_names[a], annotator_names[b], count, raw, kappa, confusion))
        results.append(LabelAgreement(name, items, alpha, pairs))
    return results


def agreement_of(judged: np.ndarray, labelled: np.ndarray, annotator_names: dict[int, str],
                 label_names: list[str]) -> list[LabelAgreement]:
    """`label_agreements` of the judgements `judged` (rows of sentence id, annotator id) and the
    labels given in them, `labelled` (rows of sentence id, annotator id, the label's place in
    `label_names`); a label outside any judgement does not count."""
    if not len(judged):
        return []
    ids = np.array(sorted(annotator_names), dtype=np.int64)
    width = int(ids.max()) + 1
    keys = judged[:, 0] * width + judged[:, 1]
    order = np.argsort(keys, kind="stable")
    masks = np.zeros(len(judged), dtype=np.int64)
    if len(labelled):
        wanted = labelled[:, 0] * width + labelled[:, 1]
        row = order[np.minimum(np.searchsorted(keys, wanted, sorter=order), len(keys) - 1)]
        inside = keys[row] == wanted
        np.bitwise_or.at(masks, row[inside], np.left_shift(1, labelled[inside, 2]))
    return label_agreements(judged[:, 0], np.searchsorted(ids, judged[:, 1]), masks,
                            [annotator_names[i] for i in ids.tolist()], label_names)
