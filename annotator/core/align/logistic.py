"""L2-regularised logistic regression in numpy alone (L-BFGS), for the label
suggestions (core/suggest.py) and the project's own link model (projectmodel.py).

It minimises what scikit-learn's LogisticRegression minimises (½‖w‖² + C Σ sᵢ·logloss, the
intercept not penalised, sᵢ the "balanced" class weights when asked), so the fitted model is
the same one; it replaces scikit-learn and scipy (about 90 MB of the frozen app and of every
install) for two small models. The solver is L-BFGS, as scikit-learn's default, on the same
scaled objective and stopping rule (no gradient component above `tol`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MEMORY = 10  # L-BFGS pairs kept
MAX_HALVINGS = 40
FTOL = 64 * np.finfo(float).eps  # a step that lowers the objective by less: converged (as scipy)


@dataclass(frozen=True)
class Logistic:
    coef: np.ndarray  # one weight per feature
    intercept: float

    def decision(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        if x.dtype != np.float32:
            x = x.astype(np.float64, copy=False)
        # float32 rows stay float32 (100,000 sentence vectors are not copied to float64)
        return (x @ self.coef.astype(x.dtype)).astype(np.float64) + self.intercept

    def probability(self, x: np.ndarray) -> np.ndarray:
        """P(y = 1) for each row of x."""
        return _sigmoid(self.decision(x))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.exp(-np.logaddexp(0.0, -z))


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """scikit-learn's class_weight="balanced": n / (2 · count of the row's class)."""
    counts = np.bincount(y, minlength=2).astype(np.float64)
    return (len(y) / (2 * counts))[y]


def fit(x: np.ndarray, y: np.ndarray, c: float = 1.0, balanced: bool = False, tol: float = 1e-4,
        max_steps: int = 1000) -> Logistic:
    """The model minimising Σ aᵢ·logloss(yᵢ, xᵢ·w + b) + ‖w‖² / (2·c·n) over 0/1 labels `y` (both
    classes present), aᵢ the sample weights summing to one (scikit-learn's scaling of its
    objective, so that `c` and `tol` mean what they mean there), by L-BFGS: it stops when no
    component of the gradient exceeds `tol`, or after `max_steps` steps."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    n, d = x.shape
    weights = balanced_weights(y) if balanced else np.ones(n)
    a = weights / weights.sum()
    strength = 1.0 / (c * weights.sum())

    def value_and_gradient(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w[:d] + w[d]
        loss = float(np.dot(a, np.logaddexp(0.0, z) - y * z)) + 0.5 * strength * float(np.dot(w[:d], w[:d]))
        residual = a * (_sigmoid(z) - y)
        gradient = np.empty(d + 1)
        gradient[:d] = x.T @ residual + strength * w[:d]
        gradient[d] = residual.sum()
        return loss, gradient

    w = np.zeros(d + 1)
    value, gradient = value_and_gradient(w)
    steps: list[tuple[np.ndarray, np.ndarray, float]] = []  # the last MEMORY (s, y, 1 / y·s)
    for iteration in range(max_steps):
        if np.max(np.abs(gradient)) <= tol:
            break
        direction = -_two_loop(gradient, steps)
        slope = float(np.dot(gradient, direction))
        if slope >= 0:  # not a descent direction (rounding): start the memory again
            steps.clear()
            direction, slope = -gradient, -float(np.dot(gradient, gradient))
        size = 1.0 if steps else min(1.0, 1.0 / max(np.sum(np.abs(gradient)), 1e-12))
        for _ in range(MAX_HALVINGS):  # backtracking until the Armijo condition holds
            candidate = w + size * direction
            new_value, new_gradient = value_and_gradient(candidate)
            if new_value <= value + 1e-4 * size * slope:
                break
            size /= 2
        else:
            break  # no step lowers the objective: as good as it gets in floating point
        moved, turned = candidate - w, new_gradient - gradient
        curvature = float(np.dot(moved, turned))
        if curvature > 1e-12:
            steps.append((moved, turned, 1.0 / curvature))
            if len(steps) > MEMORY:
                steps.pop(0)
        converged = value - new_value <= FTOL * max(abs(value), abs(new_value), 1.0)
        w, value, gradient = candidate, new_value, new_gradient
        if converged:
            break
    return Logistic(w[:d], float(w[d]))


def _two_loop(gradient: np.ndarray, steps: list[tuple[np.ndarray, np.ndarray, float]]) -> np.ndarray:
    """The L-BFGS estimate of the inverse Hessian times `gradient`."""
    q = gradient.copy()
    alphas = []
    for moved, turned, rho in reversed(steps):
        alpha = rho * float(np.dot(moved, q))
        q -= alpha * turned
        alphas.append(alpha)
    if steps:
        moved, turned, _ = steps[-1]
        q *= float(np.dot(moved, turned)) / float(np.dot(turned, turned))
    for (moved, turned, rho), alpha in zip(steps, reversed(alphas)):
        q += (alpha - rho * float(np.dot(turned, q))) * moved
    return q


def stratified_folds(y: np.ndarray, folds: int, seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """(train, test) index arrays: each class's rows shuffled and dealt round-robin to the folds,
    so that every fold holds both classes in about their overall proportion."""
    y = np.asarray(y)
    chance = np.random.default_rng(seed)
    fold_of = np.empty(len(y), dtype=np.int64)
    dealt = 0
    for label in np.unique(y):
        rows = np.flatnonzero(y == label)
        chance.shuffle(rows)
        fold_of[rows] = (np.arange(len(rows)) + dealt) % folds
        dealt += len(rows)
    everything = np.arange(len(y))
    return [(everything[fold_of != k], everything[fold_of == k]) for k in range(folds)]
