"""Trainers' work at scale: merging three annotators' copies of a 100,000-sentence project,
and computing agreement on the merged file. Also checks, when pandas / datasets are installed,
that the JSONL export loads without any cleaning.

    python tests/benchmarks/bench_dataset.py [--sentences 100000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from annotator.core.dataset.agreement import agreement_report  # noqa: E402
from annotator.core.dataset.export import export  # noqa: E402
from annotator.core.dataset.merge import merge_projects  # noqa: E402
from annotator.core.store import Store  # noqa: E402
from tests.benchmarks.bench_gui import build_project  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sentences", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        base = folder / "base.sqlite"
        build_project(base, args.sentences)
        copies = []
        for k, name in enumerate(("ann", "bob", "cy")):
            path = folder / f"{name}.sqlite"
            shutil.copyfile(base, path)
            chance = random.Random(k)
            with Store.open(path) as store:
                documents = [d.id for d in store.stats.document_summaries()]
                ids = [s for d in documents for s in store.documents.sentence_ids(d, include_boilerplate=False)]
                labels = [label.name for label in store.scheme.labels()]
                store.annotations.add_many((i, chance.choice(labels), name, None) for i in ids if chance.random() < 0.3)
                for document in documents:
                    store.annotations.mark_done(document, name)
            copies.append(path)
        with Store.open(base, readonly=True) as store:
            sentences = sum(d.sentences for d in store.stats.document_summaries())
        merged = folder / "merged.sqlite"
        started = time.perf_counter()
        merge_projects(merged, copies)
        merge_seconds = time.perf_counter() - started
        started = time.perf_counter()
        with Store.open(merged, readonly=True) as store:
            labels = [label.name for label in store.scheme.labels()]
            report = agreement_report(store.annotations.judgements(), labels)
        agreement_seconds = time.perf_counter() - started
        overall = report["all"][-1]
        print(f"{sentences} sentences, 3 annotators: merge {merge_seconds:.1f} s, agreement {agreement_seconds:.1f} s "
              f"(overall alpha {overall.alpha:.3f} over {overall.items} sentences)")
        out = folder / "merged.jsonl"
        export(merged, "jsonl", out)
        try:
            import pandas
        except ImportError:
            print("pandas not installed: load check skipped")
        else:
            frame = pandas.read_json(out, lines=True)
            print(f"pandas.read_json(lines=True): {len(frame)} rows, columns {list(frame.columns)}")
        try:
            import datasets
        except ImportError:
            print("datasets not installed: load check skipped")
        else:
            data = datasets.load_dataset("json", data_files=str(out), split="train")
            print(f"datasets.load_dataset('json'): {len(data)} rows")


if __name__ == "__main__":
    main()
