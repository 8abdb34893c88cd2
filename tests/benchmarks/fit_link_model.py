"""Fit the shipped link model (annotator/core/align/linkmodel.json) on dev retellings only.

    python tests/benchmarks/fit_link_model.py [--vector-cache /tmp/vectors.npz] [--check]

The examples are the candidates (linkmodel.candidate_features) of the synthetic retellings that
tests/benchmarks/retell_eval.py builds from text+berg-dev (light, medium, hard and paraphrase
levels, 19 stories x 3 replicates, seed 2026): never the test set. Each is labelled with the
share of its sentence pairs that are gold (a soft label); a logistic regression on the
standardised features (Newton's method, a small ridge) gives the probability. The model vetoes
mining's links (linkmodel.select); its threshold is the one of a grid with the best pairwise F1
summed over the four dev levels, subject to a pairwise precision at least margin mining's on
every dev level (precision first: a reader must be able to trust the rows). Deterministic: the
same data give the same file. `--check` prints the dev figures without writing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from annotator.core.align import linkmodel, mining  # noqa: E402
from retell_eval import DEFAULT_GOLD, Tally, Vectors, build_pairs, chosen_stories, cut_stories  # noqa: E402

RIDGE = 1.0
THRESHOLDS = [round(x, 2) for x in np.arange(0.30, 0.81, 0.025)]


def fit_logistic(X: np.ndarray, y: np.ndarray, ridge: float = RIDGE, weights: np.ndarray | None = None
                 ) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """(coef, intercept, mean, scale) of a ridge logistic regression on standardised X; soft
    labels y in [0, 1]."""
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale < 1e-9] = 1.0
    Z = np.column_stack([np.ones(len(X)), (X - mean) / scale])
    w = np.zeros(Z.shape[1])
    weights = np.ones(len(X)) if weights is None else weights
    penalty = ridge * np.eye(Z.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(100):
        p = 1 / (1 + np.exp(-np.clip(Z @ w, -40, 40)))
        gradient = Z.T @ (weights * (y - p)) - penalty @ w
        hessian = (Z * (weights * p * (1 - p))[:, None]).T @ Z + penalty + 1e-9 * np.eye(Z.shape[1])
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-10:
            break
    return w[1:], float(w[0]), mean, scale


def examples(pairs: dict, vectors: Vectors) -> dict[str, list]:
    """Per level: (pair, candidates with features, soft labels)."""
    out = {}
    for level, level_pairs in pairs.items():
        out[level] = []
        for pair in level_pairs:
            src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
            found = linkmodel.candidate_features(vectors(src), vectors(tgt), src, tgt)
            gold = pair.gold_pairs()
            labels = [np.mean([(s, t) in gold for s in c.src for t in c.tgt]) for c in found]
            out[level].append((pair, found, labels))
    return out


def mining_scores(data: dict[str, list], vectors: Vectors) -> dict[str, dict]:
    """Margin mining's own dev figures: the precision the link model must not fall below."""
    result = {}
    for level, items in data.items():
        tally = Tally()
        for pair, _, _ in items:
            src, tgt = [u.text for u in pair.source], [u.text for u in pair.target]
            tally.add([(link.src, link.tgt) for link in mining.mine(vectors(src), vectors(tgt), src, tgt)], pair)
        result[level] = tally.scores()
    return result


def evaluate(data: dict[str, list], model: linkmodel.LinkModel, threshold: float) -> dict[str, dict]:
    result = {}
    for level, items in data.items():
        tally = Tally()
        for pair, found, _ in items:
            links, _ = linkmodel.select(linkmodel.score(found, model), threshold)
            tally.add([(link.src, link.tgt) for link in links], pair)
        result[level] = tally.scores()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--replicates", type=int, default=3)
    parser.add_argument("--vector-cache", type=Path)
    parser.add_argument("--out", type=Path, default=linkmodel.SHIPPED)
    parser.add_argument("--check", action="store_true", help="print the dev figures, write nothing")
    args = parser.parse_args()

    vectors = Vectors(args.vector_cache)
    stories = cut_stories(args.gold, "dev")
    pairs = build_pairs(stories, chosen_stories(stories, len(stories)), args.seed, args.replicates, vectors)
    data = examples(pairs, vectors)
    vectors.save()
    X = np.array([c.features for items in data.values() for _, found, _ in items for c in found], dtype=np.float64)
    y = np.array([label for items in data.values() for _, _, labels in items for label in labels], dtype=np.float64)
    coef, intercept, mean, scale = fit_logistic(X, y)
    model = linkmodel.LinkModel(tuple(coef.tolist()), intercept, tuple(mean.tolist()), tuple(scale.tolist()),
                                threshold=0.5, examples=len(y),
                                note="fitted by tests/benchmarks/fit_link_model.py on text+berg-dev retellings "
                                     "(light, medium, hard, paraphrase; seed 2026, 3 replicates)")
    print(f"{len(y)} candidates, mean label {y.mean():.3f}")
    for name, value in zip(linkmodel.FEATURES, coef):
        print(f"  {name:<14} {value:+.3f}")
    p = model.probability(X)
    for low in np.arange(0, 1, 0.1):
        inside = (p >= low) & (p < low + 0.1)
        if inside.any():
            print(f"  predicted {low:.1f}-{low + 0.1:.1f}: {inside.sum():6d} candidates, observed {y[inside].mean():.3f}")
    floor = mining_scores(data, vectors)
    print("mining:          " + "  ".join(f"{level} {s['pair_p']:.3f}/{s['pair_r']:.3f}/{s['pair_f1']:.3f}"
                                          for level, s in floor.items()))
    best = None
    for threshold in THRESHOLDS:
        scores = evaluate(data, model, threshold)
        line = "  ".join(f"{level} {s['pair_p']:.3f}/{s['pair_r']:.3f}/{s['pair_f1']:.3f}"
                         for level, s in scores.items())
        print(f"threshold {threshold:.3f}: {line}")
        total = sum(s["pair_f1"] for s in scores.values())
        if all(s["pair_p"] >= floor[level]["pair_p"] for level, s in scores.items()) \
                and (best is None or total > best[0]):
            best = (total, threshold)
    threshold = best[1] if best else 0.5
    model = linkmodel.LinkModel(model.coef, model.intercept, model.mean, model.scale, threshold=threshold,
                                examples=model.examples, note=model.note)
    print(f"chosen threshold {threshold}")
    if not args.check:
        args.out.write_text(model.to_json() + "\n", encoding="utf-8")
        print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
