"""Print a group's side-by-side rows as text, to read an alignment the way the app shows it:
one block per row that holds sentences of two or more documents, each cell with its score.

    python scripts/show_rows.py PROJECT [--group G] [--all]
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from annotator.core.align.stored_layout import group_layout  # noqa: E402
from annotator.core.store import Store  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--group", default="1")
    parser.add_argument("--all", action="store_true", help="also rows with one sentence")
    args = parser.parse_args()
    with Store.open(args.project, readonly=True) as store:
        layout = group_layout(store, args.group)
        texts = {s.id: s.text for c in layout.columns for s in store.documents.sentences(c.document_id)}
        shared = 0
        for number, row in enumerate(layout.rows, start=1):
            filled = [(c, cell) for c, cell in zip(layout.columns, row.cells) if cell.sentence_ids]
            if len(filled) > 1:
                shared += 1
            elif not args.all:
                continue
            print(f"--- row {number}")
            for column, cell in filled:
                score = "manual" if cell.manual else ("-" if cell.score is None else f"{cell.score:.2f}")
                text = " ".join(texts[i] for i in cell.sentence_ids)
                print(textwrap.fill(f"[{column.lang} {column.document_id} {score}] {text}", 110,
                                    subsequent_indent="    "))
        linked = sum(len(row.sentence_ids()) for row in layout.rows
                     if sum(1 for cell in row.cells if cell.sentence_ids) > 1)
        total = sum(len(row.sentence_ids()) for row in layout.rows)
        print(f"{len(layout.rows)} rows, {shared} shared by two or more documents; {linked} of {total} sentences "
              f"in shared rows; {len(layout.held_out)} links held out by the chaining guard")


if __name__ == "__main__":
    main()
