"""The numpy logistic regression behind the label suggestions and the project's link model:
it reaches the regularised optimum (scikit-learn's objective), weighs classes as "balanced"
does, folds by class, and the suggestions train without scikit-learn or scipy installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np

from annotator.core.align import logistic

ROOT = Path(__file__).resolve().parents[2]


def _problem(n=600, d=20, seed=0, positives=0.3):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    z = x @ w + rng.normal(scale=2.0, size=n)
    y = (z > np.quantile(z, 1 - positives)).astype(int)
    return x, y


def _gradient(model, x, y, c, balanced):
    """The objective's gradient (scikit-learn's scaling) at the fitted model."""
    s = logistic.balanced_weights(y) if balanced else np.ones(len(y))
    a = s / s.sum()
    residual = a * (model.probability(x) - y)
    return np.append(x.T @ residual + model.coef / (c * s.sum()), residual.sum())


def test_the_fit_reaches_the_optimum():
    x, y = _problem()
    for balanced in (False, True):
        model = logistic.fit(x, y, c=4.0, balanced=balanced, tol=1e-9, max_steps=2000)
        assert np.max(np.abs(_gradient(model, x, y, 4.0, balanced))) < 1e-7
        assert ((model.probability(x) >= 0.5) == y).mean() > 0.8


def test_balanced_weights_raise_the_rare_class():
    x, y = _problem(positives=0.1)
    plain = logistic.fit(x, y, c=1.0, tol=1e-8)
    balanced = logistic.fit(x, y, c=1.0, balanced=True, tol=1e-8)
    assert logistic.balanced_weights(y)[y == 1][0] == len(y) / (2 * y.sum())
    assert (balanced.probability(x) >= 0.5).sum() > (plain.probability(x) >= 0.5).sum()
    assert balanced.intercept > plain.intercept


def test_stronger_regularisation_shrinks_the_weights():
    x, y = _problem()
    assert np.linalg.norm(logistic.fit(x, y, c=0.01, tol=1e-8).coef) < np.linalg.norm(
        logistic.fit(x, y, c=10.0, tol=1e-8).coef)


def test_stratified_folds_partition_the_rows_with_both_classes_in_each():
    y = np.array([1] * 7 + [0] * 23)
    folds = logistic.stratified_folds(y, 5)
    tests = np.concatenate([test for _, test in folds])
    assert sorted(tests.tolist()) == list(range(len(y)))
    for train, test in folds:
        assert set(train.tolist()).isdisjoint(test.tolist()) and len(train) + len(test) == len(y)
        assert 1 <= y[test].sum() <= 2 and (y[test] == 0).sum() >= 4
    assert [t.tolist() for _, t in logistic.stratified_folds(y, 5)] == [t.tolist() for _, t in folds]  # seeded


def test_suggestions_train_without_scikit_learn_or_scipy():
    """The installed app no longer depends on scikit-learn (nor scipy, which it pulled in)."""
    code = (
        "import sys\n"
        "sys.modules.update({'sklearn': None, 'scipy': None})\n"  # any import of them fails
        "import numpy as np\n"
        "from annotator.core import suggest\n"
        "from annotator.core.align import projectmodel\n"
        "rng = np.random.default_rng(0)\n"
        "x = rng.normal(size=(200, 8)); y = (x[:, 0] > 0).astype(int)\n"
        "p = suggest.fit_predict(x, y, x)\n"
        "assert ((p >= 0.5) == y).mean() > 0.9\n"
        "print('ok')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr
