"""The dataset card's agreement (numpy, agreement_arrays.py) gives agreement_report's figures."""

from __future__ import annotations

import random

import numpy as np
import pytest

from annotator.core.dataset.agreement import OVERALL, agreement_report
from annotator.core.dataset.agreement_arrays import label_agreements

LABELS = ["claim", "attribution", "correction"]


def _random_judgements(seed: int, annotators: int, sentences: int):
    chance = random.Random(seed)
    names = [f"a{k}" for k in range(annotators)]
    rows = []
    for sentence in range(1, sentences + 1):
        for name in chance.sample(names, chance.randint(0, annotators)):
            rows.append((sentence, name, [n for n in LABELS if chance.random() < 0.3]))
    return names, rows


@pytest.mark.parametrize("seed, annotators, sentences", [(0, 2, 40), (1, 3, 200), (2, 5, 300), (3, 1, 10), (4, 4, 3)])
def test_the_same_figures_as_agreement_report(seed, annotators, sentences):
    names, rows = _random_judgements(seed, annotators, sentences)
    expected = agreement_report([(s, a, labels, 1, "en") for s, a, labels in rows], LABELS).get("all", [])
    index = {name: k for k, name in enumerate(sorted(names, reverse=True))}  # any numbering of the annotators
    found = label_agreements(np.array([s for s, _, _ in rows], dtype=np.int64),
                             np.array([index[a] for _, a, _ in rows], dtype=np.int64),
                             np.array([sum(1 << LABELS.index(n) for n in labels) for _, _, labels in rows],
                                      dtype=np.int64),
                             sorted(names, reverse=True), LABELS) if rows else []
    assert len(found) == len(expected)
    for mine, theirs in zip(found, expected):
        assert (mine.label, mine.items) == (theirs.label, theirs.items)
        assert (mine.alpha is None) == (theirs.alpha is None)
        if mine.alpha is not None:
            assert mine.alpha == pytest.approx(theirs.alpha, abs=1e-12)
        assert [(p.first, p.second, p.items, p.raw) for p in mine.pairs] == \
               [(p.first, p.second, p.items, p.raw) for p in theirs.pairs]
        if mine.label != OVERALL:  # (overall, the confusion of label sets is not counted: no report shows it)
            assert [p.confusion for p in mine.pairs] == [p.confusion for p in theirs.pairs]
        assert [p.kappa for p in mine.pairs] == pytest.approx([p.kappa for p in theirs.pairs], abs=1e-12)
